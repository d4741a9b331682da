package limits

import (
	"bufio"
	"bytes"
	"context"
	"os"
	"runtime/debug"
	"runtime/metrics"
	"strconv"
	"strings"
	"sync"
	"time"
)

// MachineMemory returns the memory available to this process in bytes: the
// smaller of the machine's physical memory and the cgroup's limit (v2
// memory.max or v1 memory.limit_in_bytes), or 0 when neither is known (on
// systems other than Linux). It is read once per process: the loaders ask
// for the limits of every file they open.
func MachineMemory() uint64 { return machineMemoryOnce() }

var machineMemoryOnce = sync.OnceValue(func() uint64 { return machineMemory(os.ReadFile) })

func machineMemory(readFile func(string) ([]byte, error)) uint64 {
	var total uint64
	if data, err := readFile("/proc/meminfo"); err == nil {
		sc := bufio.NewScanner(bytes.NewReader(data))
		for sc.Scan() {
			f := strings.Fields(sc.Text())
			if len(f) >= 2 && f[0] == "MemTotal:" {
				if kb, err := strconv.ParseUint(f[1], 10, 64); err == nil {
					total = kb << 10
				}
				break
			}
		}
	}
	for _, p := range []string{"/sys/fs/cgroup/memory.max", "/sys/fs/cgroup/memory/memory.limit_in_bytes"} {
		data, err := readFile(p)
		if err != nil {
			continue
		}
		// "max" (v2) and huge values (v1's "unlimited") do not limit.
		if n, err := strconv.ParseUint(strings.TrimSpace(string(data)), 10, 64); err == nil && n > 0 && n < 1<<60 {
			if total == 0 || n < total {
				total = n
			}
		}
	}
	return total
}

// memoryInUse is the memory the Go runtime holds from the operating
// system and has not returned: close to the process's resident set.
func memoryInUse() uint64 {
	s := []metrics.Sample{{Name: "/memory/classes/total:bytes"}, {Name: "/memory/classes/heap/released:bytes"}}
	metrics.Read(s)
	if s[0].Value.Kind() != metrics.KindUint64 || s[1].Value.Kind() != metrics.KindUint64 {
		return 0
	}
	return s[0].Value.Uint64() - s[1].Value.Uint64()
}

// Guard enforces a memory limit of limit bytes (nothing when limit <= 0).
// It sets the Go runtime's soft memory limit to 90% of it, unless the user
// set GOMEMLIMIT, so that the collector works harder before the limit is
// reached, and it checks the memory in use every interval until ctx ends:
// above the limit, it calls exceeded once with an [*Error] for the CLI to
// report and exit with code 2, before the kernel's out-of-memory killer
// ends the process without a word. It returns at once; the check runs in
// its own goroutine.
func Guard(ctx context.Context, limit int64, interval time.Duration, exceeded func(*Error)) {
	if limit <= 0 {
		return
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(limit / 10 * 9)
	}
	watch(ctx, limit, interval, memoryInUse, exceeded)
}

// watch calls exceeded once when inUse reports more than limit bytes.
func watch(ctx context.Context, limit int64, interval time.Duration, inUse func() uint64, exceeded func(*Error)) {
	go func() {
		t := time.NewTicker(interval)
		defer t.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-t.C:
				if used := inUse(); used > uint64(limit) {
					exceeded(&Error{Limit: "memory", Got: int64(used), Max: limit, Env: EnvMemoryLimit})
					return
				}
			}
		}
	}()
}
