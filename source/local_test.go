package source

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func write(t *testing.T, path, data string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestDir(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	dir := filepath.Join(root, "side")
	write(t, filepath.Join(dir, "a.proto"), "syntax = \"proto3\";")
	write(t, filepath.Join(dir, "sub", "b.avsc"), "{}")
	write(t, filepath.Join(dir, ".git", "config"), "x")
	write(t, filepath.Join(dir, "node_modules", "x.json"), "{}")
	write(t, filepath.Join(root, "secret.txt"), "outside")
	if err := os.Symlink(filepath.Join(root, "secret.txt"), filepath.Join(dir, "escape.txt")); err != nil {
		t.Fatal(err)
	}
	_, err := Dir(dir)
	var le *LinkError
	if !errors.As(err, &le) || le.Path != "escape.txt" {
		t.Errorf("a symlink leading outside the side: %v, want a LinkError naming it", err)
	}
	if err := os.Remove(filepath.Join(dir, "escape.txt")); err != nil {
		t.Fatal(err)
	}
	side, err := Dir(dir)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"a.proto", "sub/b.avsc"}
	if !slices.Equal(side.Files, want) {
		t.Errorf("files %q, want %q (hidden dirs and node_modules skipped)", side.Files, want)
	}
	// The FS stays sandboxed whatever appears later, and says why.
	if err := os.Symlink(filepath.Join(root, "secret.txt"), filepath.Join(dir, "late.txt")); err != nil {
		t.Fatal(err)
	}
	if _, err := fs.ReadFile(side.FS, "late.txt"); !errors.As(err, &le) || le.Path != "late.txt" {
		t.Errorf("reading a symlink leading outside the side: %v, want a LinkError naming it", err)
	}
	if _, err := fs.ReadFile(side.FS, "../secret.txt"); err == nil {
		t.Error("a .. path escaped the side")
	}
	if got, err := fs.ReadFile(side.FS, "sub/b.avsc"); err != nil || string(got) != "{}" {
		t.Errorf("read sub/b.avsc = %q, %v", got, err)
	}
}

func TestDirErrors(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	write(t, filepath.Join(root, "f.proto"), "")
	if _, err := Dir(filepath.Join(root, "missing")); err == nil {
		t.Error("Dir of a missing directory succeeded")
	}
	if _, err := Dir(filepath.Join(root, "f.proto")); err == nil {
		t.Error("Dir of a file succeeded")
	}
}

func TestFileAlias(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	write(t, filepath.Join(root, "old.json"), `{"old":true}`)
	write(t, filepath.Join(root, "common.json"), `{}`)
	side, err := File(filepath.Join(root, "old.json"), "new.json")
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(side.Files, []string{"new.json"}) {
		t.Errorf("files %q", side.Files)
	}
	if got, err := fs.ReadFile(side.FS, "new.json"); err != nil || string(got) != `{"old":true}` {
		t.Errorf("alias read = %q, %v", got, err)
	}
	if _, err := fs.Stat(side.FS, "new.json"); err != nil {
		t.Errorf("alias stat: %v", err)
	}
	if _, err := fs.ReadFile(side.FS, "common.json"); err != nil {
		t.Errorf("sibling read: %v", err)
	}
	if _, err := File(filepath.Join(root, "nope.json"), "nope.json"); err == nil {
		t.Error("File of a missing file succeeded")
	}
}

func TestEmpty(t *testing.T) {
	t.Parallel()
	side := Empty("(none)")
	files, err := Walk(side.FS)
	if err != nil || len(files) != 0 {
		t.Errorf("Empty side has files %q, %v", files, err)
	}
	if _, err := fs.ReadFile(side.FS, "a.proto"); err == nil {
		t.Error("read from an empty side succeeded")
	}
}

// Symlinks inside the tree are followed, files and directories alike; one to
// an ancestor does not loop; one to a directory outside the tree is an error
// naming it.
func TestDirFollowsSymlinksInside(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	dir := filepath.Join(root, "side")
	write(t, filepath.Join(dir, "real", "a.proto"), "syntax = \"proto3\";")
	write(t, filepath.Join(dir, "shared", "c.proto"), "syntax = \"proto3\";")
	for link, target := range map[string]string{
		"b.proto":            "real/a.proto",
		"linked":             "shared",
		"real/loop":          "..",
		"shared/self":        ".",
		"real/sibling.proto": "../shared/c.proto",
	} {
		if err := os.Symlink(target, filepath.Join(dir, link)); err != nil {
			t.Fatal(err)
		}
	}
	side, err := Dir(dir)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"b.proto", "linked/c.proto", "real/a.proto", "real/sibling.proto", "shared/c.proto"}
	if !slices.Equal(side.Files, want) {
		t.Errorf("files %q, want %q", side.Files, want)
	}
	for _, f := range want {
		if b, err := fs.ReadFile(side.FS, f); err != nil || string(b) != "syntax = \"proto3\";" {
			t.Errorf("read %s = %q, %v", f, b, err)
		}
	}
	write(t, filepath.Join(root, "outside", "x.proto"), "x")
	if err := os.Symlink(filepath.Join(root, "outside"), filepath.Join(dir, "vendor")); err != nil {
		t.Fatal(err)
	}
	_, err = Dir(dir)
	var le *LinkError
	if !errors.As(err, &le) || le.Path != "vendor" {
		t.Errorf("a directory symlink leading outside: %v, want a LinkError naming vendor", err)
	}
}

// TestDirRootsBeyondTheLimit: past the number of directory roots a side
// keeps open, files are read through the whole root, with the same bytes
// and the same refusals.
func TestDirRootsBeyondTheLimit(t *testing.T) {
	saved := maxDirRoots
	maxDirRoots = 1
	defer func() { maxDirRoots = saved }()
	root := t.TempDir()
	for _, d := range []string{"a", "b", "c/d"} {
		write(t, filepath.Join(root, d, "x.proto"), "syntax = \"proto3\"; // "+d)
	}
	write(t, filepath.Join(t.TempDir(), "outside.proto"), "secret")
	side, err := Dir(root)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range []string{"a", "b", "c/d", "a"} {
		b, err := fs.ReadFile(side.FS, d+"/x.proto")
		if err != nil || string(b) != "syntax = \"proto3\"; // "+d {
			t.Errorf("read %s/x.proto = %q, %v", d, b, err)
		}
		f, err := side.FS.Open(d + "/x.proto")
		if err != nil {
			t.Errorf("open %s/x.proto: %v", d, err)
		} else {
			f.Close()
		}
	}
	if _, err := fs.ReadFile(side.FS, "b/../../outside.proto"); err == nil {
		t.Error("a path leaving the side was read")
	}
}

// TestDirectoryHandles: reading, opening, statting and listing through a
// directory's handle give what the whole root gives, and a symlink in the
// directory is still the root's to follow or refuse, even one made after
// the side was listed.
func TestDirectoryHandles(t *testing.T) {
	root := t.TempDir()
	big := strings.Repeat("message M {}\n", 20000)
	write(t, filepath.Join(root, "a.proto"), "a")
	write(t, filepath.Join(root, "sub", "big.proto"), big)
	write(t, filepath.Join(root, "sub", "empty.proto"), "")
	if err := os.Mkdir(filepath.Join(root, "sub", "dir.proto"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("../a.proto", filepath.Join(root, "sub", "in.proto")); err != nil {
		t.Skip("no symlinks here:", err)
	}
	outside := filepath.Join(t.TempDir(), "secret.proto")
	write(t, outside, "secret")
	side, err := Dir(root)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(outside, filepath.Join(root, "sub", "late.proto")); err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]string{"sub/big.proto": big, "sub/empty.proto": "", "sub/in.proto": "a"} {
		b, err := fs.ReadFile(side.FS, name)
		if err != nil || string(b) != want {
			t.Errorf("read %s: %d bytes, %v; want %d bytes", name, len(b), err, len(want))
		}
		st, err := fs.Stat(side.FS, name)
		if err != nil || !st.Mode().IsRegular() || st.Size() != int64(len(want)) {
			t.Errorf("stat %s: %v, %v", name, st, err)
		}
	}
	if _, err := fs.ReadFile(side.FS, "sub/late.proto"); err == nil {
		t.Error("read a symlink leading outside the side")
	}
	if _, err := fs.Stat(side.FS, "sub/late.proto"); err == nil {
		t.Error("statted through a symlink leading outside the side")
	}
	if st, err := fs.Lstat(side.FS, "sub/late.proto"); err != nil || st.Mode()&fs.ModeSymlink == 0 {
		t.Errorf("lstat of a symlink: %v, %v", st, err)
	}
	if _, err := fs.ReadFile(side.FS, "sub/dir.proto"); err == nil {
		t.Error("read a directory as a file")
	}
	if st, err := fs.Stat(side.FS, "sub/dir.proto"); err != nil || !st.IsDir() {
		t.Errorf("stat of a directory: %v, %v", st, err)
	}
	if _, err := fs.ReadFile(side.FS, "sub/missing.proto"); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("read of a missing file: %v, want not exist", err)
	}
	es, err := fs.ReadDir(side.FS, "sub")
	var names []string
	for _, e := range es {
		names = append(names, e.Name())
	}
	if want := []string{"big.proto", "dir.proto", "empty.proto", "in.proto", "late.proto"}; err != nil || !slices.Equal(names, want) {
		t.Errorf("list sub: %q, %v; want %q", names, err, want)
	}
}

// TestNestedDirectoryHandles reads files in directories that the handles
// open from their parent's: a real one, one that is a symlink inside the
// side (followed, through the root) and one that leads outside (refused),
// a directory replaced by a symlink after its parent was opened, and a
// file where a directory is expected.
func TestNestedDirectoryHandles(t *testing.T) {
	root := t.TempDir()
	write(t, filepath.Join(root, "a", "b", "c", "deep.proto"), "deep")
	write(t, filepath.Join(root, "a", "b", "file"), "not a directory")
	write(t, filepath.Join(root, "a", "swap", "x.proto"), "before")
	outside := t.TempDir()
	write(t, filepath.Join(outside, "secret.proto"), "secret")
	if err := os.Symlink("c", filepath.Join(root, "a", "b", "inside")); err != nil {
		t.Skip("no symlinks here:", err)
	}
	side, err := Dir(root)
	if err != nil {
		t.Fatal(err)
	}
	// Made after the listing, which refuses links leading outside.
	if err := os.Symlink(outside, filepath.Join(root, "a", "b", "out")); err != nil {
		t.Fatal(err)
	}
	// Open the parents' handles first.
	if _, err := fs.ReadDir(side.FS, "a/b"); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(filepath.Join(root, "a", "swap"), filepath.Join(root, "a", "swapped")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(outside, filepath.Join(root, "a", "swap")); err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]string{"a/b/c/deep.proto": "deep", "a/b/inside/deep.proto": "deep"} {
		if b, err := fs.ReadFile(side.FS, name); err != nil || string(b) != want {
			t.Errorf("read %s: %q, %v; want %q", name, b, err, want)
		}
		if st, err := fs.Stat(side.FS, name); err != nil || st.Size() != int64(len(want)) {
			t.Errorf("stat %s: %v, %v", name, st, err)
		}
	}
	for _, name := range []string{"a/b/out/secret.proto", "a/swap/secret.proto", "a/b/file/x.proto"} {
		if b, err := fs.ReadFile(side.FS, name); err == nil {
			t.Errorf("read %s: %q, want an error", name, b)
		}
		if _, err := fs.Stat(side.FS, name); err == nil {
			t.Errorf("statted %s", name)
		}
	}
	if es, err := fs.ReadDir(side.FS, "a/b/out"); err == nil {
		t.Errorf("listed a directory outside the side: %v", es)
	}
	es, err := fs.ReadDir(side.FS, "a/b/c")
	if err != nil || len(es) != 1 || es[0].Name() != "deep.proto" {
		t.Errorf("list a/b/c: %v, %v", es, err)
	}
}

// TestMissingDirectories answers lookups below a directory that does not
// exist from what the handles learnt, with the errors the root gives.
func TestMissingDirectories(t *testing.T) {
	root := t.TempDir()
	write(t, filepath.Join(root, "a", "b", "x.proto"), "x")
	if err := os.Symlink("nowhere", filepath.Join(root, "a", "dangling")); err != nil {
		t.Skip("no symlinks here:", err)
	}
	side, err := Dir(root)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"a/c/d/x.proto", "a/c/d/e/y.proto", "z/x.proto", "a/dangling/x.proto", "a/b/missing.proto"} {
		_, err := fs.Stat(side.FS, name)
		var pe *fs.PathError
		if !errors.Is(err, fs.ErrNotExist) || !errors.As(err, &pe) || pe.Path != name {
			t.Errorf("stat %s: %v, want a path error that it does not exist", name, err)
		}
		if _, err := fs.ReadFile(side.FS, name); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("read %s: %v, want not exist", name, err)
		}
		if _, err := fs.Lstat(side.FS, name); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("lstat %s: %v, want not exist", name, err)
		}
	}
	if _, err := fs.ReadDir(side.FS, "a/c/d"); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("list a/c/d: %v, want not exist", err)
	}
	if b, err := fs.ReadFile(side.FS, "a/b/x.proto"); err != nil || string(b) != "x" {
		t.Errorf("read a/b/x.proto: %q, %v", b, err)
	}
}
