package avro

import (
	"errors"
	"flag"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"

	"github.com/contractlint/contractlint/checks"
	"github.com/contractlint/contractlint/internal/goldentest"
)

var update = flag.Bool("update", false, "rewrite the want sections of testdata/cases")

// caseSides builds the old and new sides of a golden case from its
// old/... and new/... files.
func caseSides(ar *txtar.Archive) (checks.Side, checks.Side) {
	return (&goldentest.Case{Archive: ar}).Sides(nil)
}

// renderFindings prints findings one a line, or every input problem one a
// line, the golden format.
func renderFindings(t *testing.T, fs []checks.Finding, err error) string {
	t.Helper()
	var b strings.Builder
	if err != nil {
		errs := []error{err}
		if j, ok := err.(interface{ Unwrap() []error }); ok {
			errs = j.Unwrap()
		}
		for _, err := range errs {
			var ie *checks.InputError
			if !errors.As(err, &ie) {
				t.Fatalf("not an input error: %v", err)
			}
			for _, d := range ie.Diagnostics {
				fmt.Fprintf(&b, "error %s %s\n", ie.Side, d)
			}
		}
		return b.String()
	}
	for _, f := range fs {
		at := f.File
		if f.Line > 0 {
			at = fmt.Sprintf("%s:%d:%d", f.File, f.Line, f.Column)
		}
		fmt.Fprintf(&b, "%s %s %s breaks=%s %s: %s\n", at, f.Rule, f.Impact, f.Breaks, f.Path, f.Message)
	}
	if b.Len() == 0 {
		return "no findings\n"
	}
	return b.String()
}

// caseRules reads the "rules:" line of a case's comment: the rule IDs whose
// findings the case shows, or "all".
func caseRules(t *testing.T, path string, ar *txtar.Archive) func(string) bool {
	t.Helper()
	for _, line := range strings.Split(string(ar.Comment), "\n") {
		if rest, ok := strings.CutPrefix(line, "rules:"); ok {
			ids := strings.Fields(rest)
			if slices.Equal(ids, []string{"all"}) {
				return func(string) bool { return true }
			}
			for _, id := range ids {
				if !slices.ContainsFunc(New().Rules(), func(r *checks.Rule) bool { return r.ID == id }) {
					t.Fatalf("%s: unknown rule %s", path, id)
				}
			}
			return func(id string) bool { return slices.Contains(ids, id) }
		}
	}
	t.Fatalf("%s: no rules: line", path)
	return nil
}

// TestGolden runs every case in testdata/cases: a sentence saying what the
// case proves, a "rules:" line naming the rules it shows (or all), old/ and
// new/ files, and the findings (or the input errors) the engine must report.
// Regenerate with -update.
func TestGolden(t *testing.T) {
	t.Parallel()
	paths, err := filepath.Glob("testdata/cases/*.txtar")
	if err != nil || len(paths) == 0 {
		t.Fatalf("no cases: %v", err)
	}
	for _, p := range paths {
		t.Run(strings.TrimSuffix(filepath.Base(p), ".txtar"), func(t *testing.T) {
			t.Parallel()
			ar, err := txtar.ParseFile(p)
			if err != nil {
				t.Fatal(err)
			}
			if len(strings.TrimSpace(string(ar.Comment))) == 0 {
				t.Errorf("%s: no sentence on top saying what the case proves", p)
			}
			keep := caseRules(t, p, ar)
			oldSide, newSide := caseSides(ar)
			fs, err := New().Diff(t.Context(), checks.Request{Old: oldSide, New: newSide, Mode: checks.ModeFull})
			fs = slices.DeleteFunc(fs, func(f checks.Finding) bool { return !keep(f.Rule) })
			got := renderFindings(t, fs, err)
			(&goldentest.Case{Path: p, Archive: ar}).Check(t, got, *update)
		})
	}
}

// TestEveryRuleHasACase asserts that every rule fires in some golden case.
func TestEveryRuleHasACase(t *testing.T) {
	t.Parallel()
	paths, _ := filepath.Glob("testdata/cases/*.txtar")
	var all strings.Builder
	for _, p := range paths {
		ar, err := txtar.ParseFile(p)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range ar.Files {
			if f.Name == "want" {
				all.Write(f.Data)
			}
		}
	}
	for _, r := range New().Rules() {
		if !strings.Contains(all.String(), " "+r.ID+" ") {
			t.Errorf("rule %s has no golden case that fires it", r.ID)
		}
	}
}

// TestRules validates the declarations of the engine's rules.
func TestRules(t *testing.T) {
	t.Parallel()
	seen := map[string]bool{}
	for _, r := range New().Rules() {
		if err := r.Validate(); err != nil {
			t.Error(err)
		}
		if r.Format != checks.Avro || !r.Default {
			t.Errorf("rule %s: want format avro and default true", r.ID)
		}
		if !strings.Contains(r.Doc, "Old") || !strings.Contains(r.Doc, "New") {
			t.Errorf("rule %s: doc lacks an old/new example", r.ID)
		}
		if seen[r.ID] {
			t.Errorf("rule %s listed twice", r.ID)
		}
		seen[r.ID] = true
	}
}
