package jsonschema

import (
	"strings"
	"testing"

	"github.com/contractlint/contractlint/checks"
	"github.com/contractlint/contractlint/internal/hostile"
)

// TestHostileDAG: definitions D0…D30 that each reference the next twice
// cost their size, not their 2^30 paths (compared path by path, this test
// would not finish), and the change at the end is reported once, located at
// its keyword, at the first path that reaches it.
func TestHostileDAG(t *testing.T) {
	t.Parallel()
	c := hostile.JSONSchemaDAG(30)
	for _, policy := range []checks.Policy{checks.Lenient, checks.Strict} {
		fs, err := run(t, checks.Request{
			Old:    mapSide("old", map[string]string{c.File: string(c.Old)}),
			New:    mapSide("new", map[string]string{c.File: string(c.New)}),
			Policy: policy,
		})
		if err != nil {
			t.Fatal(err)
		}
		if len(fs) != 1 || fs[0].Rule != MAX_LENGTH_DECREASED.ID {
			t.Fatalf("%s: %v; want one MAX_LENGTH_DECREASED", policy, fs)
		}
		if want := "#" + strings.Repeat("/properties/a", 30) + "/maxLength"; fs[0].Path != want || fs[0].Line != 35 {
			t.Errorf("%s: at line %d, %s; want line 35, %s", policy, fs[0].Line, fs[0].Path, want)
		}
	}
}
