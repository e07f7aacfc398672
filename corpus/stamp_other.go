//go:build !linux

package corpus

import "io/fs"

// statusChangeTime is the time of the last change of the file's status,
// which this system's FileInfo does not give: 0.
func statusChangeTime(fs.FileInfo) int64 { return 0 }
