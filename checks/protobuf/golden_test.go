package protobuf

import (
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/rogpeppe/go-internal/txtar"

	"github.com/contractlint/contractlint/checks"
	"github.com/contractlint/contractlint/internal/goldentest"
)

var update = flag.Bool("update", false, "rewrite the want sections of testdata/**/*.txtar")

// goldenCase is one testdata/<topic>/<name>.txtar file: a sentence saying
// what it proves, a "rules:" line naming the rules to run (IDs, categories or all), the old/ and new/
// trees, and the want section.
type goldenCase struct {
	path  string
	arch  *txtar.Archive
	rules []string
}

func loadGolden(t *testing.T) []goldenCase {
	t.Helper()
	var cases []goldenCase
	for _, g := range goldentest.Load(t, "testdata") {
		rules, _ := g.Header("rules")
		c := goldenCase{path: g.Path, arch: g.Archive, rules: strings.Fields(rules)}
		if len(c.rules) == 0 {
			t.Fatalf("%s: no rules: line", c.path)
		}
		cases = append(cases, c)
	}
	return cases
}

// sides builds the old and new side of a case from its files.
func (c goldenCase) sides() (checks.Side, checks.Side) {
	return c.golden().Sides(nil)
}

func (c goldenCase) golden() *goldentest.Case {
	return &goldentest.Case{Path: c.path, Archive: c.arch}
}

// run diffs the case with only its rules and renders the result.
func (c goldenCase) run(t *testing.T) string {
	t.Helper()
	byID := map[string]*rule{}
	for _, r := range allRules() {
		byID[r.ID] = r
	}
	var rules []*rule
	for _, id := range c.rules {
		if r, ok := byID[id]; ok {
			rules = append(rules, r)
			continue
		}
		// A category, or all.
		n := len(rules)
		for _, r := range allRules() {
			if id == "all" || r.HasCategory(id) {
				rules = append(rules, r)
			}
		}
		if len(rules) == n {
			t.Fatalf("%s: unknown rule or category %s", c.path, id)
		}
	}
	o, n := c.sides()
	var opts Options
	if roots, ok := c.golden().Header("proto-path"); ok {
		opts.Roots = strings.Fields(roots)
	}
	if dir, ok := c.golden().Header("deps"); ok {
		opts.Imports = []ImportDir{{FS: c.tree(dir), Label: dir}}
	}
	if dir, ok := c.golden().Header("bufcache"); ok {
		opts.BufCache, opts.BufCacheDir = c.tree(dir), dir
	}
	req := checks.Request{Old: o, New: n, Options: []checks.EngineOptions{opts}}
	var b strings.Builder
	var mu sync.Mutex
	req.Notes = func(s string) {
		mu.Lock()
		defer mu.Unlock()
		fmt.Fprintf(&b, "note: %s\n", s)
	}
	findings, err := diffRequest(t.Context(), req, rules)
	if err != nil {
		errs := []error{err}
		if j, ok := err.(interface{ Unwrap() []error }); ok {
			errs = j.Unwrap()
		}
		for _, err := range errs {
			var ie *checks.InputError
			if !errors.As(err, &ie) {
				t.Fatalf("%s: %v", c.path, err)
			}
			for _, d := range ie.Diagnostics {
				fmt.Fprintf(&b, "error %s: %s\n", ie.Side, d)
			}
		}
		return b.String()
	}
	for _, f := range findings {
		b.WriteString(formatFinding(f))
		b.WriteByte('\n')
	}
	return b.String()
}

// tree is the case's files below dir/, as a file system.
func (c goldenCase) tree(dir string) fs.FS {
	m := fstest.MapFS{}
	for _, f := range c.arch.Files {
		if name, ok := strings.CutPrefix(f.Name, dir+"/"); ok {
			m[name] = &fstest.MapFile{Data: f.Data}
		}
	}
	return m
}

func formatFinding(f checks.Finding) string {
	loc := f.File
	if loc == "" {
		loc = "-" // no file, as buf reports deleted files and packages
	}
	if f.Line > 0 {
		loc = fmt.Sprintf("%s:%d:%d", f.File, f.Line, f.Column)
	}
	s := fmt.Sprintf("%s %s %s: %s", loc, f.Rule, f.Path, f.Message)
	if f.Ignored != "" {
		s += " (ignored: " + f.Ignored + ")"
	}
	return s
}

// TestGolden runs every case and compares (or, with -update, rewrites) its
// want section.
func TestGolden(t *testing.T) {
	t.Parallel()
	for _, c := range loadGolden(t) {
		t.Run(strings.TrimSuffix(strings.TrimPrefix(filepath.ToSlash(c.path), "testdata/"), ".txtar"), func(t *testing.T) {
			t.Parallel()
			c.golden().Check(t, c.run(t), *update)
		})
	}
}

// TestEveryRuleFires asserts that every rule of the engine has a golden case
// in which it reports a finding.
func TestEveryRuleFires(t *testing.T) {
	t.Parallel()
	fired := map[string]bool{}
	for _, c := range loadGolden(t) {
		for _, f := range c.arch.Files {
			if f.Name != "want" {
				continue
			}
			for _, line := range strings.Split(string(f.Data), "\n") {
				if fields := strings.Fields(line); len(fields) > 1 && fields[0] != "error" {
					fired[fields[1]] = true
				}
			}
		}
	}
	for _, r := range New().Rules() {
		if !fired[r.ID] && !slices.ContainsFunc(deprecatedRules, func(d *rule) bool { return d.ID == r.ID }) {
			t.Errorf("rule %s has no golden case in which it fires", r.ID)
		}
	}
}

// TestRules validates every rule's declaration and, for buf's rules, buf's
// categories (changes.go's rules are checked in changes_test.go).
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
	for _, r := range breakingRules {
		for _, c := range r.Categories {
			if !slices.Contains([]string{catFile, catPackage, catWireJSON, catWire, catCSR}, c) {
				t.Errorf("rule %s: unknown category %s", r.ID, c)
			}
		}
		if r.Default != r.HasCategory(catFile) {
			t.Errorf("rule %s: Default must be set exactly for FILE rules", r.ID)
		}
	}
	for _, id := range []string{"FIELD_SAME_LABEL", "FIELD_SAME_CTYPE", "FILE_SAME_JAVA_STRING_CHECK_UTF8", "FILE_SAME_PHP_GENERIC_SERVICES", "MESSAGE_SAME_MESSAGE_SET_WIRE_FORMAT"} {
		next, ok := successors(id)
		if !ok {
			t.Errorf("deprecated buf rule %s has no successor entry", id)
		}
		for _, n := range next {
			if !seen[n] {
				t.Errorf("deprecated buf rule %s names unknown successor %s", id, n)
			}
		}
	}
	if n := len(breakingRules); n != 64 {
		t.Errorf("buf breaking has 64 rules (v2 configuration), got %d", n)
	}
}
