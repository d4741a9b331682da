package safefile

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

func policy(t *testing.T) (string, Policy) {
	t.Helper()
	dir := t.TempDir()
	return dir, Policy{Roots: []string{dir}}
}

func TestWriteReplacesAtomicallyKeepingMode(t *testing.T) {
	t.Parallel()
	dir, p := policy(t)
	f := filepath.Join(dir, "m.yaml")
	if err := Write(f, []byte("one"), p); err != nil {
		t.Fatal(err)
	}
	if st, _ := os.Stat(f); st.Mode().Perm() != 0o644 {
		t.Errorf("new file mode %v, want 0644", st.Mode().Perm())
	}
	if err := os.Chmod(f, 0o444); err != nil {
		t.Fatal(err)
	}
	if err := Write(f, []byte("two"), p); err != nil {
		t.Fatal(err)
	}
	st, _ := os.Stat(f)
	if st.Mode().Perm() != 0o444 {
		t.Errorf("mode %v after rewrite, want 0444 kept", st.Mode().Perm())
	}
	if data, _ := os.ReadFile(f); string(data) != "two" {
		t.Errorf("content %q", data)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("temporary files left: %v", entries)
	}
}

func TestWriteRefusesWhatIsNotARegularFile(t *testing.T) {
	t.Parallel()
	dir, p := policy(t)
	outside := filepath.Join(t.TempDir(), "target")
	if err := os.WriteFile(outside, []byte("precious"), 0o600); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "link.json")
	if err := os.Symlink(outside, link); err != nil {
		t.Fatal(err)
	}
	fifo := filepath.Join(dir, "fifo")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	gitDir := filepath.Join(dir, ".git")
	os.Mkdir(gitDir, 0o755)
	os.Mkdir(filepath.Join(dir, "sub"), 0o755)
	for _, tc := range []struct {
		path string
		p    Policy
		want string
	}{
		{link, p, "symbolic link"},
		{fifo, p, "named pipe"},
		{"/dev/null", Policy{Roots: p.Roots, Outside: true}, "device"},
		{filepath.Join(gitDir, "config"), p, ".git directory"},
		{filepath.Join(dir, "sub"), p, "directory"},
		{filepath.Join(t.TempDir(), "x.json"), p, "outside the repository"},
		{"-", p, "standard output"},
	} {
		err := Write(tc.path, []byte("x"), tc.p)
		if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), tc.path) {
			t.Errorf("Write(%s) = %v, want an error naming it and saying %q", tc.path, err, tc.want)
		}
	}
	if data, _ := os.ReadFile(outside); string(data) != "precious" {
		t.Errorf("the link's target was written: %q", data)
	}
	if st, err := os.Lstat(link); err != nil || st.Mode()&os.ModeSymlink == 0 {
		t.Errorf("the link was replaced")
	}
	if st, err := os.Lstat(fifo); err != nil || st.Mode()&os.ModeNamedPipe == 0 {
		t.Errorf("the FIFO was replaced")
	}
}

func TestWriteThroughALinkedDirectoryLeavingTheTree(t *testing.T) {
	t.Parallel()
	dir, p := policy(t)
	elsewhere := t.TempDir()
	if err := os.Symlink(elsewhere, filepath.Join(dir, "reports")); err != nil {
		t.Fatal(err)
	}
	// Even a path the user typed: it lies in the tree, and the tree's link
	// must not lead it out.
	p.Outside = true
	err := Write(filepath.Join(dir, "reports", "r.json"), []byte("x"), p)
	if err == nil || !strings.Contains(err.Error(), "symbolic link leads it outside") {
		t.Fatalf("err = %v", err)
	}
	if _, err := os.Stat(filepath.Join(elsewhere, "r.json")); err == nil {
		t.Error("written outside the tree")
	}
	// An explicit path outside every root is the user's choice.
	if err := Write(filepath.Join(elsewhere, "r.json"), []byte("x"), p); err != nil {
		t.Error(err)
	}
}

func TestWriteCleansStaleTemporaryFiles(t *testing.T) {
	t.Parallel()
	dir, p := policy(t)
	dead := filepath.Join(dir, ".m.yaml.999999999-123.tmp") // no such process
	old := filepath.Join(dir, ".m.yaml.4711.tmp")           // an older release's name
	mine := filepath.Join(dir, ".other.yaml.999999999-1.tmp")
	for _, f := range []string{dead, old, mine} {
		if err := os.WriteFile(f, nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	past := time.Now().Add(-2 * staleAge)
	os.Chtimes(old, past, past)
	if err := Write(filepath.Join(dir, "m.yaml"), []byte("x"), p); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{dead, old} {
		if _, err := os.Stat(f); err == nil {
			t.Errorf("%s was left", filepath.Base(f))
		}
	}
	if _, err := os.Stat(mine); err != nil {
		t.Errorf("another file's temporary was removed")
	}
}

func TestReadFileRefusesLinksLeavingTheTree(t *testing.T) {
	t.Parallel()
	dir, p := policy(t)
	secret := filepath.Join(t.TempDir(), "secret")
	os.WriteFile(secret, []byte("s"), 0o600)
	os.WriteFile(filepath.Join(dir, "real.yaml"), []byte("ok"), 0o644)
	os.Symlink(secret, filepath.Join(dir, "m.yaml"))
	os.Symlink("real.yaml", filepath.Join(dir, "inside.yaml"))
	if _, err := ReadFile(filepath.Join(dir, "m.yaml"), p); err == nil || !strings.Contains(err.Error(), "outside") {
		t.Errorf("err = %v", err)
	}
	if data, err := ReadFile(filepath.Join(dir, "inside.yaml"), p); err != nil || string(data) != "ok" {
		t.Errorf("a link inside the tree: %q, %v", data, err)
	}
	if _, err := ReadFile(filepath.Join(dir, "none.yaml"), p); !os.IsNotExist(err) && !strings.Contains(err.Error(), "no such file") {
		t.Errorf("missing: %v", err)
	}
}
