package jsonschema

import (
	"fmt"
	"strings"
	"testing"

	"github.com/contractlint/contractlint/checks"
	"github.com/contractlint/contractlint/internal/goldentest"
)

// truthRow is one row of the lenient model's truth table (docs/jsonschema.md):
// a property p added or removed, optional or required, in an object that is
// open, closed (additionalProperties: false) or typed (additionalProperties:
// {"type": "string"}), and whether readers of each direction still read the
// data.
type truthRow struct {
	change, presence, content string
	backward, forward         bool
}

// lenientTruthTable is the truth table docs/jsonschema.md shows. Backward:
// new readers, old writers; forward: old readers, new writers. Writers emit
// the properties their schema declares (and entries of an
// additionalProperties schema); readers ignore undeclared properties unless
// their object is closed (rejects them) or typed (validates them).
var lenientTruthTable = []truthRow{
	{"added", "optional", "open", true, true},
	{"added", "required", "open", false, true},
	{"added", "optional", "closed", true, false},
	{"added", "required", "closed", false, false},
	{"added", "optional", "typed", true, true},
	{"added", "required", "typed", false, true},
	{"removed", "optional", "open", true, true},
	{"removed", "required", "open", true, false},
	{"removed", "optional", "closed", false, true},
	{"removed", "required", "closed", false, false},
	{"removed", "optional", "typed", true, true},
	{"removed", "required", "typed", true, false},
}

func truthSchema(withP bool, presence, content string) string {
	props := `"q": {"type": "string"}`
	if withP {
		props += `, "p": {"type": "string"}`
	}
	s := `{"type": "object", "properties": {` + props + `}`
	if withP && presence == "required" {
		s += `, "required": ["p"]`
	}
	switch content {
	case "closed":
		s += `, "additionalProperties": false`
	case "typed":
		s += `, "additionalProperties": {"type": "string"}`
	}
	return s + "}"
}

// TestLenientTruthTable checks every row of the truth table under the
// default lenient policy, and that the strict policy keeps Confluent's
// verdicts where they differ (a removal from an open object breaks forward).
func TestLenientTruthTable(t *testing.T) {
	t.Parallel()
	for _, row := range lenientTruthTable {
		name := strings.Join([]string{row.change, row.presence, row.content}, "/")
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			without, with := truthSchema(false, row.presence, row.content), truthSchema(true, row.presence, row.content)
			old, new := without, with
			if row.change == "removed" {
				old, new = with, without
			}
			fs, err := run(t, checks.Request{
				Old: mapSide("old", map[string]string{"s.json": old}),
				New: mapSide("new", map[string]string{"s.json": new}),
			})
			if err != nil {
				t.Fatal(err)
			}
			v := checks.VerdictOf(fs)
			if v.Compatible.Backward != row.backward || v.Compatible.Forward != row.forward {
				t.Errorf("%s → %s: backward %t, forward %t; want %t, %t (%s)", old, new,
					v.Compatible.Backward, v.Compatible.Forward, row.backward, row.forward, ruleList(fs))
			}
		})
	}
}

// TestSymmetry: the policies apply the same model in both directions, so
// swapping a case's old and new sides swaps its backward and forward
// verdicts. Checked on every golden case (but those adding or removing a
// whole file, which breaks both ways by design: readers and writers lose
// their contract, and adding one breaks nobody).
func TestSymmetry(t *testing.T) {
	t.Parallel()
	for _, g := range goldentest.Load(t, "testdata") {
		want, _ := g.Want()
		if strings.Contains(want, "error:") || strings.Contains(want, "JSON_SCHEMA_FILE_") {
			continue
		}
		for _, policy := range []Policy{Lenient, Strict} {
			old, new := g.Sides(New().Owns)
			verdict := func(o, n checks.Side) (checks.Compatibility, []checks.Finding) {
				fs, err := New().Diff(t.Context(), checks.Request{Old: o, New: n, Options: opts(Options{Policy: policy}), Mode: checks.ModeFull})
				if err != nil {
					t.Fatalf("%s: %v", g.Path, err)
				}
				return checks.VerdictOf(fs).Compatible, fs
			}
			fwd, ffs := verdict(old, new)
			rev, rfs := verdict(new, old)
			if fwd.Backward != rev.Forward || fwd.Forward != rev.Backward {
				msg := fmt.Sprintf("%s (%s): old→new backward %t forward %t [%s], new→old backward %t forward %t [%s]",
					g.Path, policy, fwd.Backward, fwd.Forward, ruleList(ffs), rev.Backward, rev.Forward, ruleList(rfs))
				if policy == Lenient {
					t.Error(msg)
				} else {
					t.Log(msg)
				}
			}
		}
	}
}
