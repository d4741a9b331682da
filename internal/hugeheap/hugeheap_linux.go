package hugeheap

import (
	"cmp"
	"math"
	"runtime"
	"runtime/debug"
	"slices"
	"unsafe"

	"golang.org/x/sys/unix"
)

// hugePage is the size of a transparent huge page on the platforms Go
// runs Linux on with 64-bit addresses (x86-64, arm64 with 4 KiB pages).
// madvise applies to whole pages of the base size; a range that is not a
// multiple of hugePage still gets huge pages for the aligned part.
const hugePage = 2 << 20

// chunk is the size of the blocks the reserve is allocated in. The runtime
// clears a large block unless all of it is memory it never used: one block
// of the whole reserve that began in memory the heap had used and freed
// would be cleared whole, touching every page of it (3 GB for googleapis,
// in one run out of two). In blocks of 4 MiB only those that overlap used
// memory are cleared.
const chunk = 4 << 20

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
	blocks := make([][]byte, 0, n/chunk+1)
	for left := n; left > 0; left -= chunk {
		blocks = append(blocks, make([]byte, chunk))
	}
	// Blocks allocated one after another are mostly adjacent: advise
	// each run of adjacent blocks at once, so that only its ends lose
	// the part that is not a whole huge page.
	type run struct{ beg, end uintptr }
	runs := make([]run, 0, len(blocks))
	for _, b := range blocks {
		p := uintptr(unsafe.Pointer(unsafe.SliceData(b)))
		runs = append(runs, run{p, p + uintptr(len(b))})
	}
	slices.SortFunc(runs, func(a, b run) int { return cmp.Compare(a.beg, b.beg) })
	for i := 0; i < len(runs); {
		r := runs[i]
		for i++; i < len(runs) && runs[i].beg == r.end; i++ {
			r.end = runs[i].end
		}
		beg := (r.beg + hugePage - 1) &^ (hugePage - 1)
		end := r.end &^ (hugePage - 1)
		if beg < end {
			// An error (a kernel built without huge pages) leaves the
			// heap as it would have been.
			_, _, _ = unix.Syscall(unix.SYS_MADVISE, beg, end-beg, unix.MADV_HUGEPAGE)
		}
	}
	runtime.KeepAlive(blocks)
	debug.FreeOSMemory()
}
