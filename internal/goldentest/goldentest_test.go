package goldentest

import (
	"os"
	"path/filepath"
	"testing"
)

func TestCase(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	path := filepath.Join(dir, "sub", "c.txtar")
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	src := "Proves a thing.\nrules: A B\n-- old/a.proto --\nold\n-- new/a.proto --\nnew\n-- new/README --\nx\n"
	if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	cases := Load(t, dir)
	if len(cases) != 1 {
		t.Fatalf("%d cases", len(cases))
	}
	c := cases[0]
	if c.Name(dir) != "sub/c" {
		t.Errorf("name %q", c.Name(dir))
	}
	if r, ok := c.Header("rules"); !ok || r != "A B" {
		t.Errorf("rules header %q, %v", r, ok)
	}
	if _, ok := c.Header("mode"); ok {
		t.Error("found a mode header that is not there")
	}
	old, nw := c.Sides(func(n string) bool { return filepath.Ext(n) == ".proto" })
	if len(old.Files) != 1 || len(nw.Files) != 1 || nw.Files[0] != "a.proto" {
		t.Errorf("files %q %q", old.Files, nw.Files)
	}
	if _, err := nw.FS.Open("README"); err != nil {
		t.Errorf("a file the engine does not own is missing from the FS: %v", err)
	}
	if _, ok := c.Want(); ok {
		t.Error("want section found before -update")
	}
	c.Check(t, "got\n", true)
	again := Load(t, dir)[0]
	if w, ok := again.Want(); !ok || w != "got\n" {
		t.Errorf("want after update = %q, %v", w, ok)
	}
}
