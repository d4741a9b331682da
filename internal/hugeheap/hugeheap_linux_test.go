package hugeheap

import (
	"bufio"
	"os"
	"runtime/metrics"
	"strconv"
	"strings"
	"testing"
)

// TestReserve checks, in /proc/self/smaps, that a mapping of at least the
// reserved size carries the kernel's huge-page advice ("hg" in VmFlags)
// after Reserve returns, and that the reserved memory is not left counted
// as in use.
func TestReserve(t *testing.T) {
	if _, err := os.Stat("/sys/kernel/mm/transparent_hugepage/enabled"); err != nil {
		t.Skip("this kernel has no transparent huge pages")
	}
	const n = 256 << 20
	if got := advisedBytes(t); got >= n {
		t.Fatalf("before Reserve, %d bytes are already advised", got)
	}
	before := inUse()
	Reserve(n)
	if got := advisedBytes(t); got < n-2*hugePage {
		t.Errorf("after Reserve(%d), the largest advised mapping has %d bytes", n, got)
	}
	if after := inUse(); after > before+n/4 {
		t.Errorf("memory in use went from %d to %d bytes: the reserve was not returned", before, after)
	}
}

// advisedBytes returns the size of the largest mapping advised for huge
// pages.
func advisedBytes(t *testing.T) int64 {
	t.Helper()
	f, err := os.Open("/proc/self/smaps")
	if err != nil {
		t.Skip(err)
	}
	defer f.Close()
	var size, largest int64
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "Size:"):
			kb, _ := strconv.ParseInt(strings.Fields(line)[1], 10, 64)
			size = kb << 10
		case strings.HasPrefix(line, "VmFlags:"):
			for _, fl := range strings.Fields(line)[1:] {
				if fl == "hg" && size > largest {
					largest = size
				}
			}
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return largest
}

// inUse is the memory the runtime holds from the kernel and has not
// returned.
func inUse() int64 {
	s := []metrics.Sample{{Name: "/memory/classes/total:bytes"}, {Name: "/memory/classes/heap/released:bytes"}}
	metrics.Read(s)
	return int64(s[0].Value.Uint64() - s[1].Value.Uint64())
}
