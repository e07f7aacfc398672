package retrieval

import (
	"syscall"
	"unsafe"
)

// adviseHugePages asks the kernel to back v with huge pages where it can
// (transparent huge pages in "madvise" mode): filling hundreds of megabytes
// of fresh vectors then takes a page fault per 2 MiB rather than per 4 KiB.
// Advice the kernel refuses changes nothing.
func adviseHugePages(v []float32) {
	const huge = 2 << 20
	if len(v)*4 < 2*huge {
		return
	}
	b := unsafe.Slice((*byte)(unsafe.Pointer(&v[0])), len(v)*4)
	// The advice applies to the whole huge pages inside v.
	addr := uintptr(unsafe.Pointer(&b[0]))
	lo := int((huge - addr%huge) % huge)
	hi := len(b) - int((addr+uintptr(len(b)))%huge)
	if hi-lo < huge {
		return
	}
	syscall.Madvise(b[lo:hi], syscall.MADV_HUGEPAGE)
}
