package contract

import (
	"testing"
	"testing/fstest"

	"github.com/contractlint/contractlint/checks"
	"github.com/contractlint/contractlint/internal/gittest"
	"github.com/contractlint/contractlint/source"
)

// TestChangedFiles compares a git tree with a directory-like side by blob ID
// and two plain trees by bytes: only added, removed and edited files count.
func TestChangedFiles(t *testing.T) {
	t.Parallel()
	r := gittest.New(t)
	r.Commit("v1", "same.avsc", "{}", "edited.avsc", "{\"a\": 1}", "gone.avsc", "[]")
	g, err := source.OpenGit(t.Context(), r.Dir)
	if err != nil {
		t.Fatal(err)
	}
	defer g.Close()
	tree, err := g.Tree(t.Context(), "HEAD", "")
	if err != nil {
		t.Fatal(err)
	}
	work := fstest.MapFS{
		"same.avsc":   {Data: []byte("{}")},
		"edited.avsc": {Data: []byte("{\"a\": 2}")},
		"added.avsc":  {Data: []byte("null")},
	}
	oldSide := checks.Side{FS: tree, Files: []string{"edited.avsc", "gone.avsc", "same.avsc"}}
	newSide := checks.Side{FS: work, Files: []string{"added.avsc", "edited.avsc", "same.avsc"}}
	plain := checks.Side{FS: fstest.MapFS{"same.avsc": {Data: []byte("{}")}, "edited.avsc": {Data: []byte("{\"a\": 1}")}, "gone.avsc": {Data: []byte("[]")}},
		Files: oldSide.Files}
	for name, sides := range map[string][2]checks.Side{"git/dir": {oldSide, newSide}, "dir/git": {newSide, oldSide}, "dir/dir": {plain, newSide}} {
		want := changedFiles(sides[0], sides[1])
		for f, changed := range map[string]bool{"same.avsc": false, "edited.avsc": true, "gone.avsc": true, "added.avsc": true} {
			if want(f) != changed {
				t.Errorf("%s: changed(%s) = %t, want %t", name, f, want(f), changed)
			}
		}
	}
}
