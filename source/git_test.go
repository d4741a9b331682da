package source_test

import (
	"io/fs"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/contractlint/contractlint/internal/gittest"
	"github.com/contractlint/contractlint/source"
)

func TestGitTreeReadsCommittedFilesOnADirtyTree(t *testing.T) {
	t.Parallel()
	r := gittest.New(t)
	first := r.Commit("v1", "proto/a.proto", "syntax = \"proto3\";\n", "proto/sub/b.proto", "b1", "README", "")
	r.Git("tag", "orders/v1.0.0")
	r.Commit("v2", "proto/a.proto", "changed")
	r.Write("proto/a.proto", "dirty") // uncommitted

	g, err := source.OpenGit(t.Context(), r.Dir)
	if err != nil {
		t.Fatal(err)
	}
	defer g.Close()
	commit, err := g.Resolve(t.Context(), "orders/v1.0.0")
	if err != nil {
		t.Fatal(err)
	}
	if commit != first {
		t.Errorf("Resolve(tag) = %s, want %s", commit, first)
	}
	tree, err := g.Tree(t.Context(), commit, "")
	if err != nil {
		t.Fatal(err)
	}
	if got, want := tree.Files(), []string{"README", "proto/a.proto", "proto/sub/b.proto"}; !slices.Equal(got, want) {
		t.Errorf("Files() = %q, want %q", got, want)
	}
	if err := fstest.TestFS(tree, "README", "proto/a.proto", "proto/sub/b.proto"); err != nil {
		t.Fatal(err)
	}
	data, err := fs.ReadFile(tree, "proto/a.proto")
	if err != nil || string(data) != "syntax = \"proto3\";\n" {
		t.Errorf("ReadFile = %q, %v", data, err)
	}
	if _, err := fs.ReadFile(tree, "../etc/passwd"); err == nil {
		t.Error("ReadFile outside the tree succeeded")
	}
	if _, err := fs.ReadFile(tree, "missing.proto"); !strings.Contains(err.Error(), "not exist") {
		t.Errorf("ReadFile(missing) = %v", err)
	}

	sub, err := g.Tree(t.Context(), "HEAD", "proto")
	if err != nil {
		t.Fatal(err)
	}
	if got, want := sub.Files(), []string{"a.proto", "sub/b.proto"}; !slices.Equal(got, want) {
		t.Errorf("prefixed Files() = %q, want %q", got, want)
	}
	if data, _ := fs.ReadFile(sub, "a.proto"); string(data) != "changed" {
		t.Errorf("HEAD a.proto = %q, want the committed content, not the dirty one", data)
	}
}

func TestGitTagsBranchesAndMergeBase(t *testing.T) {
	t.Parallel()
	r := gittest.New(t)
	base := r.Commit("base", "a", "1")
	r.Git("tag", "orders/v1.0.0")
	r.Git("tag", "-a", "-m", "annotated", "orders/v1.1.0")
	r.Git("checkout", "-q", "-b", "feature")
	r.Commit("feature", "a", "2")
	r.Git("checkout", "-q", "main")
	mainHead := r.Commit("main moves on", "b", "3")
	r.Git("checkout", "-q", "feature")

	g, err := source.OpenGit(t.Context(), r.Dir)
	if err != nil {
		t.Fatal(err)
	}
	defer g.Close()
	tags, err := g.Tags(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"orders/v1.0.0", "orders/v1.1.0"}; !slices.Equal(tags, want) {
		t.Errorf("Tags() = %q, want %q", tags, want)
	}
	if c, err := g.Resolve(t.Context(), "orders/v1.1.0"); err != nil || c != base {
		t.Errorf("Resolve(annotated tag) = %s, %v; want the commit %s", c, err, base)
	}
	if c, err := g.Resolve(t.Context(), "main"); err != nil || c != mainHead {
		t.Errorf("Resolve(main) = %s, %v", c, err)
	}
	mb, err := g.MergeBase(t.Context(), "HEAD", "main")
	if err != nil || mb != base {
		t.Errorf("MergeBase = %s, %v; want %s", mb, err, base)
	}
	for _, bad := range []string{"nope", "--output=x", ""} {
		if _, err := g.Resolve(t.Context(), bad); err == nil {
			t.Errorf("Resolve(%q) succeeded", bad)
		}
	}
	if shallow, err := g.Shallow(t.Context()); err != nil || shallow {
		t.Errorf("Shallow() = %v, %v", shallow, err)
	}
}

func TestGitShallowCloneSaysHowToFetch(t *testing.T) {
	t.Parallel()
	r := gittest.New(t)
	r.Commit("one", "a", "1")
	r.Git("tag", "orders/v1.0.0")
	r.Commit("two", "a", "2")
	clone := r.ShallowClone()

	g, err := source.OpenGit(t.Context(), clone.Dir)
	if err != nil {
		t.Fatal(err)
	}
	defer g.Close()
	if shallow, err := g.Shallow(t.Context()); err != nil || !shallow {
		t.Fatalf("Shallow() = %v, %v", shallow, err)
	}
	_, err = g.Resolve(t.Context(), "orders/v1.0.0")
	if err == nil || !strings.Contains(err.Error(), "fetch-depth: 0") {
		t.Errorf("Resolve in a shallow clone = %v, want the fetch hint", err)
	}
	if _, err := g.MergeBase(t.Context(), "HEAD", "HEAD~1"); err == nil || !strings.Contains(err.Error(), "--unshallow") {
		t.Errorf("MergeBase in a shallow clone = %v, want the fetch hint", err)
	}
}

func TestOpenGitOutsideARepository(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	if _, err := source.OpenGit(t.Context(), dir); err == nil || !strings.Contains(err.Error(), "not inside a git repository") {
		t.Errorf("OpenGit = %v", err)
	}
}

func TestOpenGitWithoutGit(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	if _, err := source.OpenGit(t.Context(), t.TempDir()); err == nil || !strings.Contains(err.Error(), "git is not installed") {
		t.Errorf("OpenGit without git = %v", err)
	}
}
