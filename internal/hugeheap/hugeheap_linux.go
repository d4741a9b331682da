package hugeheap

import (
	"math"
	"runtime"
	"runtime/debug"
	"unsafe"

	"golang.org/x/sys/unix"
)

// hugePage is the size of a transparent huge page on the platforms Go
// runs Linux on with 64-bit addresses (x86-64, arm64 with 4 KiB pages).
// madvise applies to whole pages of the base size; a range that is not a
// multiple of hugePage still gets huge pages for the aligned part.
const hugePage = 2 << 20

// reserve allocates n bytes, which makes the runtime map that much new
// address space for its heap without touching it (fresh memory from the
// kernel is known to be zero), advises the kernel to back that range with
// huge pages, and frees it again. The advice belongs to the mapping, which
// the runtime keeps for the rest of the process: the heap it later places
// there (the page allocator uses the lowest free addresses first) is
// faulted in 2 MiB at a time. debug.FreeOSMemory returns the untouched
// range to the kernel, so that the memory guard and the runtime's memory
// limit see no change.
func reserve(n int64) {
	// A 32-bit address space has no room to spare.
	if unsafe.Sizeof(uintptr(0)) < 8 || n > math.MaxInt/2 {
		return
	}
	b := make([]byte, n)
	p := uintptr(unsafe.Pointer(unsafe.SliceData(b)))
	beg := (p + hugePage - 1) &^ (hugePage - 1)
	end := (p + uintptr(len(b))) &^ (hugePage - 1)
	if beg < end {
		// An error (a kernel built without huge pages) leaves the
		// heap as it would have been.
		_ = unix.Madvise(b[beg-p:end-p], unix.MADV_HUGEPAGE)
	}
	runtime.KeepAlive(b)
	debug.FreeOSMemory()
}
