// Package hugeheap lets a large comparison's heap be backed by transparent
// huge pages on Linux.
//
// Since Go 1.21.1 the Go runtime no longer asks Linux for huge pages for its
// heap, and with the kernel's default mode ("madvise", the setting of
// /sys/kernel/mm/transparent_hugepage/enabled on most distributions) the heap
// is then made of 4 KiB pages only. A googleapis-sized comparison builds a
// heap of about 1.5 GB: 370,000 such pages, each faulted in on first use, and
// enough of them that the processor's address translation misses constantly.
// Backed by 2 MiB pages, the same run takes 10–15% less time
// (docs/performance.md). Go backed out its own use of huge pages because a
// long-running server with a sparse heap keeps whole 2 MiB pages resident
// for a few live bytes each; a comparison is a short-lived process whose
// heap is dense, and [Reserve] is only called for large ones.
package hugeheap

import (
	"os"
	"strings"
	"sync"
)

// Reserve makes the next n bytes of heap that the Go runtime maps eligible
// for transparent huge pages (Linux only; elsewhere it does nothing). The
// first call in a process does the work, later ones return at once.
//
// It does nothing when the user set GODEBUG=disablethp=1, the Go runtime's
// own switch for huge pages on the heap. Its cost is one collection of the
// heap as it is, which is small when called before a large comparison
// starts, and n bytes of address space: no memory is touched, and the
// memory counted against the runtime's limit is back to what it was when
// Reserve returns.
func Reserve(n int64) {
	if n <= 0 || disabled(os.Getenv("GODEBUG")) {
		return
	}
	once.Do(func() { reserve(n) })
}

var once sync.Once

// disabled reports whether godebug, a GODEBUG value, sets disablethp=1
// (the last setting of a key wins, as in the runtime).
func disabled(godebug string) bool {
	off := false
	for _, kv := range strings.Split(godebug, ",") {
		if k, v, ok := strings.Cut(strings.TrimSpace(kv), "="); ok && k == "disablethp" {
			off = v == "1"
		}
	}
	return off
}
