package checks

import (
	"context"
	"testing"
	"testing/fstest"
)

// fakeEngine reports one finding per rule it holds.
type fakeEngine struct{ rules []*Rule }

func (e fakeEngine) Format() Format     { return Protobuf }
func (e fakeEngine) Rules() []*Rule     { return e.rules }
func (e fakeEngine) Owns(p string) bool { return true }
func (e fakeEngine) Diff(_ context.Context, _ Request) ([]Finding, error) {
	var out []Finding
	for _, r := range e.rules {
		out = append(out, Finding{Rule: r.ID, File: "a.proto", Path: "a.A.f"})
	}
	return out, nil
}

// TestRunEvaluatesDataRulesWhateverTheSelection: buf's FILE selection holds
// the strict source rule, not its wire-level twin; the twin still decides
// data compatibility, apart from the reported findings, unless excluded.
func TestRunEvaluatesDataRulesWhateverTheSelection(t *testing.T) {
	t.Parallel()
	e := fakeEngine{rules: testRules}
	req := Request{
		Old: Side{FS: fstest.MapFS{}, Files: []string{"a.proto"}},
		New: Side{FS: fstest.MapFS{}, Files: []string{"a.proto"}},
	}
	for _, tc := range []struct {
		tokens               []string
		selected, unselected []string
	}{
		{[]string{"FIELD_NO_DELETE"}, []string{"FIELD_NO_DELETE"}, []string{"FIELD_SAME_TYPE", "FIELD_WIRE_ONLY"}},
		{nil, []string{"FIELD_ADD", "FIELD_NO_DELETE", "FIELD_SAME_TYPE"}, []string{"FIELD_WIRE_ONLY"}},
		{[]string{"-FIELD_WIRE_ONLY"}, []string{"FIELD_ADD", "FIELD_NO_DELETE", "FIELD_SAME_TYPE"}, nil},
	} {
		sel, err := ParseSelection(tc.tokens, testRules)
		if err != nil {
			t.Fatal(err)
		}
		fs, err := Run(t.Context(), []Engine{e}, req, Options{Selection: sel})
		if err != nil {
			t.Fatal(err)
		}
		s, u := Split(fs)
		ids := func(fs []Finding) []string {
			var out []string
			for _, f := range fs {
				out = append(out, f.Rule)
			}
			return out
		}
		if !equal(ids(s), tc.selected) || !equal(ids(u), tc.unselected) {
			t.Errorf("%q: selected %q, unselected %q; want %q, %q", tc.tokens, ids(s), ids(u), tc.selected, tc.unselected)
		}
		if len(tc.unselected) > 0 {
			if v := VerdictOf(fs); v.Compatible.Backward || v.Compatible.Forward {
				t.Errorf("%q: verdict %+v ignores the unselected data rules", tc.tokens, v)
			}
		}
	}
}

// defaultingEngine is fakeEngine whose inputs choose its rules.
type defaultingEngine struct {
	fakeEngine
	tokens []string
}

func (e defaultingEngine) DefaultSelection(_ Side, rules []*Rule) (*Selection, error) {
	return ParseSelection(e.tokens, rules)
}

// TestRunAsksTheEngineForItsDefaults: without a selection, an engine that
// implements RuleDefaulter chooses; a selection given wins.
func TestRunAsksTheEngineForItsDefaults(t *testing.T) {
	t.Parallel()
	e := defaultingEngine{fakeEngine{rules: testRules}, []string{"FIELD_NO_DELETE", "-FIELD_WIRE_ONLY"}}
	req := Request{
		Old: Side{FS: fstest.MapFS{}, Files: []string{"a.proto"}},
		New: Side{FS: fstest.MapFS{}, Files: []string{"a.proto"}},
	}
	fs, err := Run(t.Context(), []Engine{e}, req, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if s, u := Split(fs); len(s) != 1 || s[0].Rule != "FIELD_NO_DELETE" || len(u) != 1 || u[0].Rule != "FIELD_SAME_TYPE" {
		t.Errorf("selected %v, unselected %v; want FIELD_NO_DELETE, FIELD_SAME_TYPE", s, u)
	}
	sel, err := ParseSelection(nil, testRules)
	if err != nil {
		t.Fatal(err)
	}
	if fs, err = Run(t.Context(), []Engine{e}, req, Options{Selection: sel}); err != nil {
		t.Fatal(err)
	}
	if s, _ := Split(fs); len(s) != 3 {
		t.Errorf("selected %v; want the default rules", s)
	}
}
