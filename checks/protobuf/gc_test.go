package protobuf

import (
	"runtime/debug"
	"testing"
)

// TestRaiseGC raises GOGC for loads that overlap and end in either order:
// the process runs with the largest setting still asked for, and with the
// one it had before once all have ended.
func TestRaiseGC(t *testing.T) {
	t.Setenv("GOGC", "")
	t.Setenv("GOMEMLIMIT", "")
	before := debug.SetGCPercent(100)
	defer debug.SetGCPercent(before)
	current := func() int {
		p := debug.SetGCPercent(-1)
		debug.SetGCPercent(p)
		return p
	}
	for _, order := range [][2]int{{0, 1}, {1, 0}} {
		r := [2]func(){raiseGC(400), raiseGC(800)}
		if got := current(); got != 800 {
			t.Fatalf("two raises: GOGC=%d, want 800", got)
		}
		r[order[0]]()
		r[order[0]]() // a second call does nothing
		want := []int{800, 400}[order[0]]
		if got := current(); got != want {
			t.Errorf("after ending raise %d: GOGC=%d, want %d", order[0], got, want)
		}
		r[order[1]]()
		if got := current(); got != 100 {
			t.Errorf("after both ended: GOGC=%d, want 100", got)
		}
	}
	t.Setenv("GOGC", "50")
	raiseGC(800)()
	if got := current(); got != 100 {
		t.Errorf("with GOGC set by the user: GOGC=%d, want it left at 100", got)
	}
}
