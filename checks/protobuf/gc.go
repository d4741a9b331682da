package protobuf

import (
	"context"
	"os"
	"runtime"
	"runtime/debug"
	"slices"
	"sync"

	"github.com/contractlint/contractlint/internal/hugeheap"
	"github.com/contractlint/contractlint/internal/limits"
)

// Compiling .proto files allocates a lot of memory that dies young. With the
// Go collector's default (GOGC=100) collection costs a fifth of the loader's
// CPU time on a googleapis-sized diff with a few hundred changed files;
// letting the heap grow four times between collections saves most of that
// for a peak that stays well under a gigabyte. For a large compilation the
// same setting would multiply a peak that is already large, so the loader
// keeps the default there. docs/performance.md has the measurements.
const (
	loaderGCPercent = 400
	// The loader raises GOGC when the number of files to compile (both
	// sides) lies between these bounds: below, collection costs little
	// and concurrent small diffs (check, matrix) should not race on the
	// process's setting; above, the peak would grow too large.
	loaderGCMinFiles = 100
	loaderGCMaxFiles = 1500
)

// tuneGC makes the collector less eager while the loader compiles files
// files, when they are neither few nor too many (see raiseGC). It returns
// the function that restores the previous setting.
func tuneGC(files int) (restore func()) {
	if files < loaderGCMinFiles || files > loaderGCMaxFiles {
		return func() {}
	}
	return raiseGC(loaderGCPercent)
}

// While the first pass parses the files it keeps only an outline of
// (outline.go), the heap holds little that lives: every syntax tree is
// garbage once its names are read. Collecting at the default GOGC=100 then
// means a collection every few megabytes of trees, and while the collector
// marks, every step of protocompile's parser pays a write barrier for the
// pointers in the parser state it copies (on googleapis over a year, 1.1
// of the 3.9 CPU-s of parsing). Letting the heap grow nine times what is
// live saves most of that; the peak stays below the one that compiling
// sets later, since what is live is small.
const (
	outlineGCPercent  = 800
	outlineGCMinFiles = 200
)

// tuneOutlineGC raises GOGC while the first pass parses files files for
// their outline only, when they are many (see raiseGC).
func tuneOutlineGC(files int) (restore func()) {
	if files < outlineGCMinFiles {
		return func() {}
	}
	return raiseGC(outlineGCPercent)
}

// gcRaises holds the GOGC settings that loads running at once (check and
// matrix compare several contracts in parallel) asked for: the process
// runs with the largest, and with the setting it had before once none is
// left, whatever order they end in.
var gcRaises struct {
	sync.Mutex
	active []int
	before int
}

// raiseGC sets GOGC to percent, or keeps a larger setting another load
// asked for, until the returned function is called; nothing when the user
// tuned the collector (GOGC, GOMEMLIMIT). The setting is the process's.
func raiseGC(percent int) (restore func()) {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return func() {}
	}
	g := &gcRaises
	g.Lock()
	defer g.Unlock()
	if len(g.active) == 0 {
		g.before = debug.SetGCPercent(percent)
	}
	g.active = append(g.active, percent)
	debug.SetGCPercent(slices.Max(g.active))
	return sync.OnceFunc(func() {
		g.Lock()
		defer g.Unlock()
		i := slices.Index(g.active, percent)
		g.active = slices.Delete(g.active, i, i+1)
		if len(g.active) == 0 {
			debug.SetGCPercent(g.before)
		} else {
			debug.SetGCPercent(slices.Max(g.active))
		}
	})
}

// collectLoad collects the memory of a large comparison once its findings
// are made: the two compiled sides, most of the heap, are garbage, and with
// only the findings live a collection costs little. Whatever runs next
// (writing a report of megabytes) then reuses that memory instead of
// touching pages the process has never used, which is much slower (the
// kernel must clear each one, and on a virtual machine the host may have
// to back it).
func collectLoad() { runtime.GC() }

// heapPerFile is about what a large comparison's heap grows to per .proto
// file listed on either side: googleapis over a year (12,836 files) peaks
// at 1.5 GB, 120 KiB a file; the reserve allows twice that.
const heapPerFile = 256 << 10

// hugeHeap lets the heap of a comparison that lists files .proto files be
// backed by transparent huge pages (package hugeheap), when it lists more
// than loaderGCMaxFiles: that saves 10–15% of a googleapis-sized run, and
// a small comparison has too small a heap to gain. The reserve is address
// space, not memory; it is kept to a quarter of the memory limit (1 GiB
// without one) so that the memory it briefly counts as in use never nears
// the limit.
func hugeHeap(ctx context.Context, files int) {
	if files <= loaderGCMaxFiles {
		return
	}
	n := int64(files) * heapPerFile
	if m := limits.From(ctx).MemoryLimit; m > 0 {
		n = min(n, m/4)
	} else {
		n = min(n, 1<<30)
	}
	hugeheap.Reserve(n)
}
