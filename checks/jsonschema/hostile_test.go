package jsonschema

import (
	"fmt"
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
	for _, policy := range []Policy{Lenient, Strict} {
		fs, err := run(t, checks.Request{
			Old:     mapSide("old", map[string]string{c.File: string(c.Old)}),
			New:     mapSide("new", map[string]string{c.File: string(c.New)}),
			Options: opts(Options{Policy: policy}),
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

// TestHostileOneOf: branches that name their schema ($ref, title) are paired
// by name, whatever their order, so that a oneOf of many branches is not
// compared all against all; each change is reported at its own definition.
func TestHostileOneOf(t *testing.T) {
	t.Parallel()
	const n = 300
	c := hostile.JSONSchemaOneOf(n)
	fs, err := run(t, checks.Request{
		Old: mapSide("old", map[string]string{c.File: string(c.Old)}),
		New: mapSide("new", map[string]string{c.File: string(c.New)}),
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(fs) != n {
		t.Fatalf("%d findings; want %d", len(fs), n)
	}
	for _, f := range fs {
		var k int
		if _, err := fmt.Sscanf(f.Path, "#/oneOf/%d/properties/id/maximum", &k); err != nil || f.Rule != MAXIMUM_ADDED.ID {
			t.Fatalf("unexpected finding %+v", f)
		}
		// The path names the old branch (k refers to Bk there, n-1-k in
		// the new file); the finding is at Bk's definition, line k+4.
		if want := k + 4; f.Line != want {
			t.Errorf("%s at line %d; want line %d (its definition)", f.Path, f.Line, want)
		}
	}
}

func TestPairByName(t *testing.T) {
	t.Parallel()
	ref := func(r string) *schema { return &schema{kind: kRef, ref: r} }
	titled := func(t string) *schema { return &schema{kind: kObject, title: &value{Kind: vString, Str: t}} }
	o := &schema{subs: []*schema{ref("#/a"), titled("T"), ref("#/dup"), ref("#/dup"), {kind: kString}, ref("#/gone")}}
	u := &schema{subs: []*schema{{kind: kString}, ref("#/dup"), titled("T"), ref("#/a"), ref("#/new")}}
	pairedO, pairedU := pairByName(o, u, []int{0, 1, 2, 3, 4, 5}, []int{0, 1, 2, 3, 4})
	if want := map[int]int{0: 3, 1: 2}; fmt.Sprint(pairedO) != fmt.Sprint(want) {
		t.Errorf("pairedO = %v; want %v (a duplicate name pairs nothing)", pairedO, want)
	}
	if want := []bool{false, false, true, true, false}; fmt.Sprint(pairedU) != fmt.Sprint(want) {
		t.Errorf("pairedU = %v; want %v", pairedU, want)
	}
}
