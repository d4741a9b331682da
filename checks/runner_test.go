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
