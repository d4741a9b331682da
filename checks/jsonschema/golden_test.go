package jsonschema

import (
	"context"
	"flag"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"

	"github.com/contractlint/contractlint/checks"
	"github.com/contractlint/contractlint/internal/goldentest"
)

var update = flag.Bool("update", false, "rewrite the want sections of testdata/**/*.txtar")

// goldenCase is one testdata/<topic>/<name>.txtar file: sentences saying
// what it proves, a "rules:" line naming the rules to run (optionally
// "mode:" and "policy:" lines), the old/ and new/ trees, and the want
// section.
type goldenCase struct {
	path   string
	arch   *txtar.Archive
	rules  []string
	mode   checks.Mode
	policy Policy
}

func loadGolden(t *testing.T) []goldenCase {
	t.Helper()
	var cases []goldenCase
	for _, g := range goldentest.Load(t, "testdata") {
		rules, _ := g.Header("rules")
		c := goldenCase{path: g.Path, arch: g.Archive, rules: strings.Fields(rules), mode: checks.ModeFull, policy: Lenient}
		var err error
		if mode, ok := g.Header("mode"); ok {
			if c.mode, err = checks.ParseMode(mode); err != nil {
				t.Fatalf("%s: %v", c.path, err)
			}
		}
		if policy, ok := g.Header("policy"); ok {
			if c.policy, err = ParsePolicy(policy); err != nil {
				t.Fatalf("%s: %v", c.path, err)
			}
		}
		if len(c.rules) == 0 {
			t.Fatalf("%s: no rules: line", c.path)
		}
		cases = append(cases, c)
	}
	return cases
}

// sides builds the old and new side of a case from its files; the files
// compared are those the engine owns.
func (c goldenCase) sides() (checks.Side, checks.Side) {
	return c.golden().Sides(New().Owns)
}

func (c goldenCase) golden() *goldentest.Case {
	return &goldentest.Case{Path: c.path, Archive: c.arch}
}

// run diffs a case with its rules selected and renders the outcome.
func (c goldenCase) run(t *testing.T) string {
	t.Helper()
	e := New()
	sel, err := checks.ParseSelection(c.rules, e.Rules())
	if err != nil {
		t.Fatalf("%s: %v", c.path, err)
	}
	req := checks.Request{Mode: c.mode, Options: opts(Options{Policy: c.policy})}
	req.Old, req.New = c.sides()
	findings, err := checks.Run(context.Background(), []checks.Engine{e}, req, checks.Options{Selection: sel})
	var b strings.Builder
	if err != nil {
		fmt.Fprintf(&b, "error: %v\n", err)
		return b.String()
	}
	// A case shows the rules under test only, not the other data rules the
	// runner evaluates for the verdict.
	findings, _ = checks.Split(findings)
	for _, f := range findings {
		loc := f.File
		if f.Line > 0 {
			loc += fmt.Sprintf(":%d:%d", f.Line, f.Column)
		}
		fmt.Fprintf(&b, "%s %s %s %s %s\n", loc, f.Rule, f.Impact, f.Breaks, f.Message)
	}
	v := checks.VerdictOf(findings)
	fmt.Fprintf(&b, "impact: %s, backward compatible: %t, forward compatible: %t\n", v.Impact, v.Compatible.Backward, v.Compatible.Forward)
	return b.String()
}

func (c goldenCase) want() (int, string) {
	for i, f := range c.arch.Files {
		if f.Name == "want" {
			return i, string(f.Data)
		}
	}
	return -1, ""
}

// TestGolden runs every case in testdata and compares its findings with the
// want section (regenerate with go test -update).
func TestGolden(t *testing.T) {
	t.Parallel()
	for _, c := range loadGolden(t) {
		t.Run(strings.TrimSuffix(strings.TrimPrefix(filepath.ToSlash(c.path), "testdata/"), ".txtar"), func(t *testing.T) {
			t.Parallel()
			c.golden().Check(t, c.run(t), *update)
		})
	}
}

// TestEveryRuleFires asserts that every rule of the engine (but deprecated
// ones, which are never reported) fires in some golden case.
func TestEveryRuleFires(t *testing.T) {
	t.Parallel()
	fired := map[string]bool{}
	for _, c := range loadGolden(t) {
		_, want := c.want()
		for _, line := range strings.Split(want, "\n") {
			if fs := strings.Fields(line); len(fs) > 1 {
				fired[fs[1]] = true
			}
		}
	}
	for _, r := range New().Rules() {
		if r.Deprecated == "" && !fired[r.ID] {
			t.Errorf("rule %s fires in no golden case", r.ID)
		}
	}
}

// TestRules validates every rule's declaration.
func TestRules(t *testing.T) {
	t.Parallel()
	seen := map[string]bool{}
	for _, r := range New().Rules() {
		if err := r.Validate(); err != nil {
			t.Error(err)
		}
		if seen[r.ID] {
			t.Errorf("duplicate rule %s", r.ID)
		}
		seen[r.ID] = true
	}
}

// TestRuleValues asserts that each rule is declared as a value named by
// its ID, listed in rules, and named at an emit site outside rules.go (but
// deprecated rules, which are never reported): grepping an ID finds both.
func TestRuleValues(t *testing.T) {
	t.Parallel()
	fset := token.NewFileSet()
	names, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	declared := map[string]bool{}
	used := map[string]bool{}
	for _, name := range names {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.ValueSpec:
				if call, ok := singleCall(n); ok && call == "newRule" {
					declared[n.Names[0].Name] = true
					return false
				}
			case *ast.Ident:
				if name != "rules.go" {
					used[n.Name] = true
				}
			}
			return true
		})
	}
	listed := map[string]bool{}
	for _, r := range rules {
		listed[r.ID] = true
		if !declared[r.ID] {
			t.Errorf("rule %s is not declared as a value named %s", r.ID, r.ID)
		}
		if r.Deprecated == "" && !used[r.ID] {
			t.Errorf("rule %s is named at no emit site", r.ID)
		}
	}
	for id := range declared {
		if !listed[id] {
			t.Errorf("rule value %s is not listed in rules (or its ID differs from its name)", id)
		}
	}
}

func singleCall(v *ast.ValueSpec) (string, bool) {
	if len(v.Names) != 1 || len(v.Values) != 1 {
		return "", false
	}
	c, ok := v.Values[0].(*ast.CallExpr)
	if !ok {
		return "", false
	}
	id, ok := c.Fun.(*ast.Ident)
	if !ok {
		return "", false
	}
	return id.Name, true
}
