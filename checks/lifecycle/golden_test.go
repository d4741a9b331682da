package lifecycle_test

import (
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/rogpeppe/go-internal/txtar"

	"github.com/contractlint/contractlint/checks"
	"github.com/contractlint/contractlint/checks/avro"
	"github.com/contractlint/contractlint/checks/jsonschema"
	"github.com/contractlint/contractlint/checks/lifecycle"
	"github.com/contractlint/contractlint/checks/protobuf"
)

var update = flag.Bool("update", false, "rewrite the want sections of testdata/**/*.txtar")

// A golden case is a txtar file: a sentence saying what it proves, then
// "key: value" lines (format:, as-of:, policy:), the old/ and new/ trees
// (markers cases only have new/), and the want section.
type golden struct {
	path string
	arch *txtar.Archive
	keys map[string]string
}

func loadCases(t *testing.T, dir string) []golden {
	t.Helper()
	var out []golden
	err := filepath.WalkDir(filepath.Join("testdata", dir), func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".txtar") {
			return err
		}
		a, err := txtar.ParseFile(p)
		if err != nil {
			return err
		}
		g := golden{path: p, arch: a, keys: map[string]string{}}
		for _, line := range strings.Split(string(a.Comment), "\n") {
			if k, v, ok := strings.Cut(line, ":"); ok && !strings.Contains(k, " ") {
				g.keys[k] = strings.TrimSpace(v)
			}
		}
		if g.keys["format"] == "" {
			return fmt.Errorf("%s: no format: line", p)
		}
		out = append(out, g)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(out) == 0 {
		t.Fatalf("no cases in testdata/%s", dir)
	}
	return out
}

func (g golden) side(prefix string) checks.Side {
	fsys := fstest.MapFS{}
	var files []string
	for _, f := range g.arch.Files {
		if name, ok := strings.CutPrefix(f.Name, prefix+"/"); ok {
			fsys[name] = &fstest.MapFile{Data: f.Data}
			files = append(files, name)
		}
	}
	slices.Sort(files)
	return checks.Side{FS: fsys, Files: files, Label: prefix}
}

func lister(t *testing.T, format string) checks.ElementLister {
	t.Helper()
	f, err := checks.ParseFormat(format)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range []checks.Engine{protobuf.New(), jsonschema.New(), avro.New()} {
		if e.Format() == f {
			return e.(checks.ElementLister)
		}
	}
	t.Fatalf("no engine for %s", format)
	return nil
}

// check compares got with the case's want section, or rewrites it.
func (g golden) check(t *testing.T, got string) {
	t.Helper()
	for i, f := range g.arch.Files {
		if f.Name != "want" {
			continue
		}
		if *update {
			g.arch.Files[i].Data = []byte(got)
			if err := os.WriteFile(g.path, txtar.Format(g.arch), 0o644); err != nil {
				t.Fatal(err)
			}
			return
		}
		if string(f.Data) != got {
			t.Errorf("%s: got\n%s\nwant\n%s", g.path, got, f.Data)
		}
		return
	}
	t.Fatalf("%s: no want section", g.path)
}

// TestMarkers lists the deprecated elements (and malformed sunsets) each
// engine finds in testdata/markers.
func TestMarkers(t *testing.T) {
	t.Parallel()
	for _, g := range loadCases(t, "markers") {
		t.Run(filepath.Base(g.path), func(t *testing.T) {
			t.Parallel()
			l := lister(t, g.keys["format"])
			elems, err := l.Elements(t.Context(), g.side("new"), nil, nil)
			var b strings.Builder
			if err != nil {
				fmt.Fprintf(&b, "error: %v\n", err)
			} else {
				// want filters by file and changes nothing else.
				all, err := l.Elements(t.Context(), g.side("new"), nil, func(string) bool { return true })
				if err != nil || !slices.Equal(all, elems) {
					t.Errorf("want accepting every file: %v, %d elements instead of %d", err, len(all), len(elems))
				}
				first := elems[0].File
				some, err := l.Elements(t.Context(), g.side("new"), nil, func(f string) bool { return f == first })
				if err != nil || len(some) == 0 || slices.ContainsFunc(some, func(e checks.Element) bool { return e.File != first }) {
					t.Errorf("want accepting %s: %v, %+v", first, err, some)
				}
			}
			for _, e := range elems {
				if !e.Deprecated && e.SunsetRaw == "" {
					continue
				}
				fmt.Fprintf(&b, "%s:%d:%d %s %s parent=%q deprecated=%t", e.File, e.Line, e.Column, e.Kind, e.ID, e.Parent, e.Deprecated)
				if e.SunsetRaw != "" {
					fmt.Fprintf(&b, " sunset=%q", e.Sunset)
					if e.Sunset != e.SunsetRaw {
						fmt.Fprintf(&b, " raw=%q", e.SunsetRaw)
					}
				}
				if e.Replacement != "" {
					fmt.Fprintf(&b, " replacement=%q", e.Replacement)
				}
				if e.Note != "" {
					fmt.Fprintf(&b, " note=%q", e.Note)
				}
				b.WriteString("\n")
			}
			g.check(t, b.String())
		})
	}
}

// TestRules evaluates testdata/rules: the findings of the lifecycle rules
// between old/ and new/ on the case's as-of date under its policy.
func TestRules(t *testing.T) {
	t.Parallel()
	fired := map[string]bool{}
	cases := loadCases(t, "rules")
	for _, g := range cases {
		l := lister(t, g.keys["format"])
		old, err := l.Elements(t.Context(), g.side("old"), nil, nil)
		if err != nil {
			t.Fatalf("%s: old: %v", g.path, err)
		}
		nw, err := l.Elements(t.Context(), g.side("new"), nil, nil)
		if err != nil {
			t.Fatalf("%s: new: %v", g.path, err)
		}
		var policy lifecycle.Policy
		for _, p := range strings.Fields(g.keys["policy"]) {
			switch p {
			case "require":
				policy.RequireDeprecation = true
			case "require_sunset":
				policy.RequireSunset = true
			default:
				t.Fatalf("%s: unknown policy %q", g.path, p)
			}
		}
		asOf := g.keys["as-of"]
		if _, err := lifecycle.Date(asOf); err != nil {
			t.Fatalf("%s: as-of: %v", g.path, err)
		}
		var b strings.Builder
		for _, f := range lifecycle.Evaluate(old, nw, asOf, policy) {
			fired[f.Rule] = true
			fmt.Fprintf(&b, "%s:%d:%d %s %s %s: %s\n", f.File, f.Line, f.Column, f.Rule, f.Impact, f.Path, f.Message)
		}
		g.check(t, b.String())
	}
	for _, r := range lifecycle.Rules() {
		if !fired[r.ID] {
			t.Errorf("rule %s has no firing case in testdata/rules", r.ID)
		}
	}
}

func TestRulesValidate(t *testing.T) {
	t.Parallel()
	for _, r := range lifecycle.Rules() {
		if err := r.Validate(); err != nil {
			t.Error(err)
		}
		if r.Format != checks.Lifecycle || !r.HasCategory(lifecycle.Category) {
			t.Errorf("%s: format %s, categories %v", r.ID, r.Format, r.Categories)
		}
	}
}
