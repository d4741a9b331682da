// Package goldentest runs the engines' golden cases: one txtar file per
// case, with sentences on top saying what it proves, "key: value" header
// lines (rules:, mode:, policy:), the old/ and new/ trees side by side, and
// a want section that `go test -update` regenerates.
package goldentest

import (
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/rogpeppe/go-internal/txtar"

	"github.com/contractlint/contractlint/checks"
)

// Case is one golden file.
type Case struct {
	// Path is the file's path; Archive its parsed content.
	Path    string
	Archive *txtar.Archive
}

// Load reads every .txtar file below dir, sorted by path.
func Load(t testing.TB, dir string) []*Case {
	t.Helper()
	var cases []*Case
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".txtar") {
			return err
		}
		a, err := txtar.ParseFile(p)
		if err != nil {
			return err
		}
		cases = append(cases, &Case{Path: p, Archive: a})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(cases) == 0 {
		t.Fatalf("no golden cases in %s", dir)
	}
	return cases
}

// Name is the case's test name: its path below dir without the extension.
func (c *Case) Name(dir string) string {
	rel, err := filepath.Rel(dir, c.Path)
	if err != nil {
		rel = c.Path
	}
	return strings.TrimSuffix(filepath.ToSlash(rel), ".txtar")
}

// Header returns the value of a "key:" line of the case's comment.
func (c *Case) Header(key string) (string, bool) {
	for _, line := range strings.Split(string(c.Archive.Comment), "\n") {
		if rest, ok := strings.CutPrefix(line, key+":"); ok {
			return strings.TrimSpace(rest), true
		}
	}
	return "", false
}

// Sides builds the old and new sides from the old/ and new/ files. Every
// file is in the side's FS; only those owns accepts (all when owns is nil)
// are the side's contract files.
func (c *Case) Sides(owns func(string) bool) (old, new checks.Side) {
	sides := map[string]*checks.Side{
		"old": {FS: fstest.MapFS{}, Label: "old"},
		"new": {FS: fstest.MapFS{}, Label: "new"},
	}
	for _, f := range c.Archive.Files {
		label, name, ok := strings.Cut(f.Name, "/")
		s := sides[label]
		if !ok || s == nil {
			continue
		}
		s.FS.(fstest.MapFS)[name] = &fstest.MapFile{Data: f.Data}
		if owns == nil || owns(name) {
			s.Files = append(s.Files, name)
		}
	}
	for _, s := range sides {
		slices.Sort(s.Files)
	}
	return *sides["old"], *sides["new"]
}

// Want returns the want section, and whether there is one.
func (c *Case) Want() (string, bool) {
	i := slices.IndexFunc(c.Archive.Files, func(f txtar.File) bool { return f.Name == "want" })
	if i < 0 {
		return "", false
	}
	return string(c.Archive.Files[i].Data), true
}

// Check compares got with the want section, or with update rewrites the
// want section to got.
func (c *Case) Check(t *testing.T, got string, update bool) {
	t.Helper()
	if update {
		i := slices.IndexFunc(c.Archive.Files, func(f txtar.File) bool { return f.Name == "want" })
		if i < 0 {
			c.Archive.Files = append(c.Archive.Files, txtar.File{Name: "want"})
			i = len(c.Archive.Files) - 1
		}
		c.Archive.Files[i].Data = []byte(got)
		if err := os.WriteFile(c.Path, txtar.Format(c.Archive), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, ok := c.Want()
	if !ok {
		t.Fatalf("%s has no want section; run go test -update", c.Path)
	}
	if got != want {
		t.Errorf("%s:\n--- got\n%s--- want\n%s", c.Path, got, want)
	}
}

// FindCorpus returns the directory of the shared corpus name: $CONTRACTLINT_CORPORA/name
// when that variable is set, else shared/corpora/name in the nearest ancestor
// of the working directory that has one (the repository lives next to
// ../shared). It skips the test when the corpus is absent.
func FindCorpus(t testing.TB, name string) string {
	t.Helper()
	if dir := os.Getenv("CONTRACTLINT_CORPORA"); dir != "" {
		p := filepath.Join(dir, name)
		if _, err := os.Stat(p); err != nil {
			t.Skipf("corpus %s absent: %v", name, err)
		}
		return p
	}
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		p := filepath.Join(dir, "shared", "corpora", name)
		if _, err := os.Stat(p); err == nil {
			return p
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Skipf("corpus %s not found next to the repository (set CONTRACTLINT_CORPORA)", name)
		}
		dir = parent
	}
}
