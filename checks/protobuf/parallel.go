package protobuf

import (
	"context"
	"runtime"
	"sync"
	"sync/atomic"
)

// parallelMap calls fn on every item on GOMAXPROCS workers and returns the
// results in the order of items. Each worker has its own state from
// newState (reused buffers, say). Once ctx is done no item is started; the
// results of those not started are zero.
func parallelMap[T, R, S any](ctx context.Context, items []T, newState func() S, fn func(S, T) R) []R {
	out := make([]R, len(items))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(items)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			state := newState()
			for ctx.Err() == nil {
				i := int(next.Add(1)) - 1
				if i >= len(items) {
					return
				}
				out[i] = fn(state, items[i])
			}
		}()
	}
	wg.Wait()
	return out
}

// noState is the state of workers that need none.
func noState() struct{} { return struct{}{} }
