package corpus

import (
	"io/fs"
	"syscall"
)

// statusChangeTime is the time of the last change of the file's status, in
// Unix nanoseconds, or 0 when info does not say.
func statusChangeTime(info fs.FileInfo) int64 {
	if st, ok := info.Sys().(*syscall.Stat_t); ok {
		return st.Ctim.Nano()
	}
	return 0
}
