// Package gittest builds real git repositories in temporary directories for
// tests: commits, tags, branches and shallow clones, with a fixed identity
// and none of the user's git configuration.
package gittest

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// Repo is a git repository in a temporary directory.
type Repo struct {
	t testing.TB
	// Dir is the work tree.
	Dir string
}

// New creates an empty repository whose branch is main.
func New(t testing.TB) *Repo {
	t.Helper()
	r := &Repo{t: t, Dir: t.TempDir()}
	r.Git("init", "-q", "-b", "main")
	return r
}

// Git runs git in the repository and returns its trimmed output; a failure
// fails the test.
func (r *Repo) Git(args ...string) string {
	r.t.Helper()
	return r.GitInput("", args...)
}

// GitInput runs git like Git with stdin as its standard input.
func (r *Repo) GitInput(stdin string, args ...string) string {
	r.t.Helper()
	cmd := exec.Command("git", append([]string{"-C", r.Dir, "-c", "user.name=t", "-c", "user.email=t@example.com",
		"-c", "commit.gpgsign=false", "-c", "tag.gpgsign=false", "-c", "protocol.file.allow=always"}, args...)...)
	cmd.Env = append(os.Environ(), "GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_NOSYSTEM=1")
	cmd.Stdin = strings.NewReader(stdin)
	out, err := cmd.CombinedOutput()
	if err != nil {
		r.t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return strings.TrimSpace(string(out))
}

// Write writes files given as name, content pairs (slash-separated names).
func (r *Repo) Write(files ...string) {
	r.t.Helper()
	for i := 0; i+1 < len(files); i += 2 {
		p := filepath.Join(r.Dir, filepath.FromSlash(files[i]))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			r.t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(files[i+1]), 0o644); err != nil {
			r.t.Fatal(err)
		}
	}
}

// Commit writes files (name, content pairs), commits everything and returns
// the commit ID.
func (r *Repo) Commit(msg string, files ...string) string {
	r.t.Helper()
	r.Write(files...)
	r.Git("add", "-A")
	r.Git("commit", "-q", "--allow-empty", "-m", msg)
	return r.Git("rev-parse", "HEAD")
}

// ShallowClone clones the repository with --depth 1 and no tags.
func (r *Repo) ShallowClone() *Repo {
	r.t.Helper()
	c := &Repo{t: r.t, Dir: filepath.Join(r.t.TempDir(), "clone")}
	r.Git("clone", "-q", "--depth", "1", "--no-tags", "file://"+r.Dir, c.Dir)
	return c
}
