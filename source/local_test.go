package source

import (
	"io/fs"
	"os"
	"path/filepath"
	"slices"
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
	side, err := Dir(dir)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"a.proto", "sub/b.avsc"}
	if !slices.Equal(side.Files, want) {
		t.Errorf("files %q, want %q (hidden dirs, node_modules and symlinks skipped)", side.Files, want)
	}
	if _, err := fs.ReadFile(side.FS, "escape.txt"); err == nil {
		t.Error("a symlink leading outside the side was followed")
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
