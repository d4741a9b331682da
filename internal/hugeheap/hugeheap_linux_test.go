package hugeheap

import (
	"bufio"
	"os"
	"runtime"
	"runtime/metrics"
	"strconv"
	"strings"
	"testing"
)

// TestReserve checks, in /proc/self/smaps, that mappings of about the
// reserved size carry the kernel's huge-page advice ("hg" in VmFlags)
// after Reserve returns, that Reserve did not touch them (the peak resident
// set, even when the heap has used and freed memory below), and that the
// reserved memory is not left counted as in use.
func TestReserve(t *testing.T) {
	if _, err := os.Stat("/sys/kernel/mm/transparent_hugepage/enabled"); err != nil {
		t.Skip("this kernel has no transparent huge pages")
	}
	const n = 256 << 20
	advised := advisedBytes(t)
	// Memory the heap used and freed, at the lowest addresses: the
	// reserve must not be placed over it and cleared as a whole.
	useAndFree(48 << 20)
	runtime.GC()
	// The peak resident set, reset ("5" to clear_refs) to the current one.
	if err := os.WriteFile("/proc/self/clear_refs", []byte("5"), 0); err != nil {
		t.Skip("cannot reset the peak resident set:", err)
	}
	before, rss := inUse(), statusBytes(t, "VmHWM:")
	Reserve(n)
	if grown := statusBytes(t, "VmHWM:") - rss; grown > n/2 {
		t.Errorf("Reserve(%d) made %d bytes resident at its peak: it touched the reserve", n, grown)
	}
	if got := advisedBytes(t) - advised; got < n*3/4 {
		t.Errorf("Reserve(%d) advised %d bytes", n, got)
	}
	if after := inUse(); after > before+n/4 {
		t.Errorf("memory in use went from %d to %d bytes: the reserve was not returned", before, after)
	}
}

// useAndFree writes to n bytes of heap that are garbage once it returns.
func useAndFree(n int) {
	b := make([]byte, n)
	for i := range b {
		b[i] = 1
	}
}

// advisedBytes returns the size of the mappings advised for huge pages.
func advisedBytes(t *testing.T) int64 {
	t.Helper()
	f, err := os.Open("/proc/self/smaps")
	if err != nil {
		t.Skip(err)
	}
	defer f.Close()
	var size, total int64
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "Size:"):
			kb, _ := strconv.ParseInt(strings.Fields(line)[1], 10, 64)
			size = kb << 10
		case strings.HasPrefix(line, "VmFlags:"):
			for _, fl := range strings.Fields(line)[1:] {
				if fl == "hg" {
					total += size
				}
			}
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return total
}

// statusBytes returns a size that /proc/self/status gives in kB.
func statusBytes(t *testing.T, key string) int64 {
	t.Helper()
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		t.Skip(err)
	}
	for _, line := range strings.Split(string(data), "\n") {
		if f := strings.Fields(line); len(f) >= 2 && f[0] == key {
			kb, _ := strconv.ParseInt(f[1], 10, 64)
			return kb << 10
		}
	}
	t.Skip("no", key, "in /proc/self/status")
	return 0
}

// inUse is the memory the runtime holds from the kernel and has not
// returned.
func inUse() int64 {
	s := []metrics.Sample{{Name: "/memory/classes/total:bytes"}, {Name: "/memory/classes/heap/released:bytes"}}
	metrics.Read(s)
	return int64(s[0].Value.Uint64() - s[1].Value.Uint64())
}
