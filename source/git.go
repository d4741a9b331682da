package source

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

// FetchHint tells users of a shallow clone how to get the history and tags
// that published versions live in.
const FetchHint = "this is a shallow clone: fetch the history and tags (`git fetch --tags --unshallow`, " +
	"or `fetch-depth: 0` with actions/checkout), or compare with --against-dir"

// Git reads a git repository through the git command-line tool. Files are
// read straight from git objects, never checked out, so a dirty working tree
// does not matter. A Git must be closed to stop its object reader.
type Git struct {
	dir  string // a directory inside the work tree, where git runs
	root string // the work tree's top level

	mu     sync.Mutex // guards the batch reader
	batch  *exec.Cmd
	stdin  io.WriteCloser
	stdout *bufio.Reader
	closed bool
}

// OpenGit opens the repository that contains dir.
func OpenGit(ctx context.Context, dir string) (*Git, error) {
	g := &Git{dir: dir}
	out, err := g.run(ctx, "rev-parse", "--show-toplevel")
	if err != nil {
		return nil, fmt.Errorf("%s is not inside a git repository: %w", dir, err)
	}
	g.root = strings.TrimSpace(out)
	return g, nil
}

// Root returns the top-level directory of the work tree.
func (g *Git) Root() string { return g.root }

// Prefix returns the slash-separated path of dir relative to the top level,
// with a trailing slash, or "" at the top level.
func (g *Git) Prefix(ctx context.Context) (string, error) {
	out, err := g.run(ctx, "rev-parse", "--show-prefix")
	return strings.TrimSpace(out), err
}

// Shallow reports whether the repository is a shallow clone.
func (g *Git) Shallow(ctx context.Context) (bool, error) {
	out, err := g.run(ctx, "rev-parse", "--is-shallow-repository")
	return strings.TrimSpace(out) == "true", err
}

// Tags lists every tag name, sorted by name.
func (g *Git) Tags(ctx context.Context) ([]string, error) {
	out, err := g.run(ctx, "for-each-ref", "--format=%(refname:strip=2)", "refs/tags")
	if err != nil {
		return nil, err
	}
	tags := strings.Fields(out)
	slices.Sort(tags)
	return tags, nil
}

// Resolve returns the commit a revision (branch, tag, commit, origin/main,
// HEAD~2) names.
func (g *Git) Resolve(ctx context.Context, rev string) (string, error) {
	if rev == "" || strings.HasPrefix(rev, "-") {
		return "", fmt.Errorf("invalid revision %q", rev)
	}
	out, err := g.run(ctx, "rev-parse", "--verify", "--quiet", "--end-of-options", rev+"^{commit}")
	if err != nil {
		msg := fmt.Sprintf("unknown revision %q (not a branch, tag or commit of %s)", rev, g.root)
		if shallow, _ := g.Shallow(ctx); shallow {
			msg += "; " + FetchHint
		}
		return "", errors.New(msg)
	}
	return strings.TrimSpace(out), nil
}

// MergeBase returns the best common ancestor of two commits.
func (g *Git) MergeBase(ctx context.Context, a, b string) (string, error) {
	out, err := g.run(ctx, "merge-base", "--end-of-options", a, b)
	if err != nil {
		msg := fmt.Sprintf("no merge base of %s and %s", a, b)
		if shallow, _ := g.Shallow(ctx); shallow {
			msg += "; " + FetchHint
		}
		return "", errors.New(msg)
	}
	return strings.TrimSpace(out), nil
}

// Tree returns the files of a commit below prefix (slash-separated, "" for
// the top level) as a read-only file system rooted at prefix. Listing is done
// at once; contents are read lazily from the object store, so imports
// anywhere in the tree can be read without checking anything out.
func (g *Git) Tree(ctx context.Context, commit, prefix string) (*Tree, error) {
	args := []string{"ls-tree", "-r", "-z", "-l", "--full-tree", "--end-of-options", commit}
	if prefix = strings.Trim(prefix, "/"); prefix != "" {
		args = append(args, "--", prefix+"/")
	}
	out, err := g.run(ctx, args...)
	if err != nil {
		msg := fmt.Sprintf("read tree of %s: %v", commit, err)
		if shallow, _ := g.Shallow(ctx); shallow {
			msg += "; " + FetchHint
		}
		return nil, errors.New(msg)
	}
	t := &Tree{git: g, ctx: ctx, files: map[string]treeEntry{}, dirs: map[string][]string{".": nil}}
	for _, rec := range strings.Split(out, "\x00") {
		if rec == "" {
			continue
		}
		// <mode> SP <type> SP <object> SP+ <size> TAB <path>
		meta, name, ok := strings.Cut(rec, "\t")
		fields := strings.Fields(meta)
		if !ok || len(fields) != 4 {
			return nil, fmt.Errorf("read tree of %s: unexpected ls-tree output %q", commit, rec)
		}
		if fields[1] != "blob" || (fields[0] != "100644" && fields[0] != "100755") {
			continue // symlinks and submodules stay outside the sandbox
		}
		if prefix != "" {
			if name, ok = strings.CutPrefix(name, prefix+"/"); !ok {
				continue
			}
		}
		size, err := strconv.ParseInt(fields[3], 10, 64)
		if err != nil {
			return nil, fmt.Errorf("read tree of %s: bad size in %q", commit, rec)
		}
		t.files[name] = treeEntry{oid: fields[2], size: size}
		t.addParents(name)
	}
	for d := range t.dirs {
		slices.Sort(t.dirs[d])
		t.dirs[d] = slices.Compact(t.dirs[d])
	}
	return t, nil
}

// Close stops the object reader.
func (g *Git) Close() error {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.closed = true
	return g.stopBatch()
}

func (g *Git) stopBatch() error {
	if g.batch == nil {
		return nil
	}
	g.stdin.Close()
	err := g.batch.Wait()
	g.batch = nil
	return err
}

// readBlob reads one object through a long-running `git cat-file --batch`.
func (g *Git) readBlob(ctx context.Context, oid string) ([]byte, error) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.closed {
		return nil, errors.New("git repository closed")
	}
	if g.batch == nil {
		cmd := exec.CommandContext(ctx, "git", "-C", g.dir, "cat-file", "--batch")
		cmd.Env = gitEnv()
		stdin, err := cmd.StdinPipe()
		if err != nil {
			return nil, err
		}
		stdout, err := cmd.StdoutPipe()
		if err != nil {
			return nil, err
		}
		if err := cmd.Start(); err != nil {
			return nil, fmt.Errorf("start git cat-file: %w", err)
		}
		g.batch, g.stdin, g.stdout = cmd, stdin, bufio.NewReader(stdout)
	}
	data, err := g.readBatch(oid)
	if err != nil {
		g.stopBatch()
		return nil, fmt.Errorf("read object %s: %w", oid, err)
	}
	return data, nil
}

func (g *Git) readBatch(oid string) ([]byte, error) {
	if _, err := io.WriteString(g.stdin, oid+"\n"); err != nil {
		return nil, err
	}
	header, err := g.stdout.ReadString('\n')
	if err != nil {
		return nil, err
	}
	fields := strings.Fields(header)
	if len(fields) != 3 || fields[1] != "blob" {
		return nil, fmt.Errorf("unexpected reply %q", strings.TrimSpace(header))
	}
	size, err := strconv.Atoi(fields[2])
	if err != nil {
		return nil, fmt.Errorf("unexpected reply %q", strings.TrimSpace(header))
	}
	data := make([]byte, size+1) // content and a newline
	if _, err := io.ReadFull(g.stdout, data); err != nil {
		return nil, err
	}
	return data[:size], nil
}

func (g *Git) run(ctx context.Context, args ...string) (string, error) {
	cmd := exec.CommandContext(ctx, "git", append([]string{"-C", g.dir}, args...)...)
	cmd.Env = gitEnv()
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		if ctx.Err() != nil {
			return "", ctx.Err()
		}
		if msg := strings.TrimSpace(stderr.String()); msg != "" {
			return "", fmt.Errorf("git %s: %s", args[0], firstLine(msg))
		}
		return "", fmt.Errorf("git %s: %w", args[0], err)
	}
	return stdout.String(), nil
}

// gitEnv keeps the user's environment but makes git's output stable.
func gitEnv() []string {
	return append(os.Environ(), "GIT_TERMINAL_PROMPT=0", "LC_ALL=C", "GIT_OPTIONAL_LOCKS=0")
}

func firstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return line
}

// Tree is the file system of one git commit (below a prefix). It implements
// fs.FS, fs.ReadFileFS, fs.ReadDirFS and fs.StatFS and is safe for
// concurrent use.
type Tree struct {
	git   *Git
	ctx   context.Context
	files map[string]treeEntry
	dirs  map[string][]string // directory → sorted child names
}

type treeEntry struct {
	oid  string
	size int64
}

func (t *Tree) addParents(name string) {
	for {
		dir, base := path.Split(name)
		dir = strings.TrimSuffix(dir, "/")
		if dir == "" {
			dir = "."
		}
		_, seen := t.dirs[dir]
		t.dirs[dir] = append(t.dirs[dir], base)
		if seen || dir == "." {
			return
		}
		name = dir
	}
}

// Files lists the regular files of the tree, sorted.
func (t *Tree) Files() []string {
	files := make([]string, 0, len(t.files))
	for name := range t.files {
		files = append(files, name)
	}
	slices.Sort(files)
	return files
}

// ObjectID returns the git blob ID of a file, for cheap equality checks.
func (t *Tree) ObjectID(name string) (string, bool) {
	e, ok := t.files[name]
	return e.oid, ok
}

// ReadFile implements fs.ReadFileFS.
func (t *Tree) ReadFile(name string) ([]byte, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "read", Path: name, Err: fs.ErrInvalid}
	}
	e, ok := t.files[name]
	if !ok {
		if _, isDir := t.dirs[name]; isDir {
			return nil, &fs.PathError{Op: "read", Path: name, Err: errors.New("is a directory")}
		}
		return nil, &fs.PathError{Op: "read", Path: name, Err: fs.ErrNotExist}
	}
	data, err := t.git.readBlob(t.ctx, e.oid)
	if err != nil {
		return nil, &fs.PathError{Op: "read", Path: name, Err: err}
	}
	return data, nil
}

// Stat implements fs.StatFS.
func (t *Tree) Stat(name string) (fs.FileInfo, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "stat", Path: name, Err: fs.ErrInvalid}
	}
	if e, ok := t.files[name]; ok {
		return fileInfo{name: path.Base(name), size: e.size}, nil
	}
	if _, ok := t.dirs[name]; ok {
		return fileInfo{name: path.Base(name), dir: true}, nil
	}
	return nil, &fs.PathError{Op: "stat", Path: name, Err: fs.ErrNotExist}
}

// ReadDir implements fs.ReadDirFS.
func (t *Tree) ReadDir(name string) ([]fs.DirEntry, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: fs.ErrInvalid}
	}
	children, ok := t.dirs[name]
	if !ok {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: fs.ErrNotExist}
	}
	entries := make([]fs.DirEntry, 0, len(children))
	for _, c := range children {
		info, err := t.Stat(path.Join(name, c))
		if err != nil {
			return nil, err
		}
		entries = append(entries, fs.FileInfoToDirEntry(info))
	}
	return entries, nil
}

// Open implements fs.FS.
func (t *Tree) Open(name string) (fs.File, error) {
	info, err := t.Stat(name)
	if err != nil {
		err.(*fs.PathError).Op = "open"
		return nil, err
	}
	if info.IsDir() {
		entries, err := t.ReadDir(name)
		if err != nil {
			return nil, err
		}
		return &treeDir{info: info, entries: entries}, nil
	}
	data, err := t.ReadFile(name)
	if err != nil {
		return nil, err
	}
	return &treeFile{info: info, r: bytes.NewReader(data)}, nil
}

type fileInfo struct {
	name string
	size int64
	dir  bool
}

func (i fileInfo) Name() string { return i.name }
func (i fileInfo) Size() int64  { return i.size }
func (i fileInfo) Mode() fs.FileMode {
	if i.dir {
		return fs.ModeDir | 0o555
	}
	return 0o444
}
func (i fileInfo) ModTime() time.Time { return time.Time{} }
func (i fileInfo) IsDir() bool        { return i.dir }
func (i fileInfo) Sys() any           { return nil }

type treeFile struct {
	info fs.FileInfo
	r    *bytes.Reader
}

func (f *treeFile) Stat() (fs.FileInfo, error) { return f.info, nil }
func (f *treeFile) Read(p []byte) (int, error) { return f.r.Read(p) }
func (f *treeFile) Seek(off int64, whence int) (int64, error) {
	return f.r.Seek(off, whence)
}
func (f *treeFile) Close() error { return nil }

type treeDir struct {
	info    fs.FileInfo
	entries []fs.DirEntry
	off     int
}

func (d *treeDir) Stat() (fs.FileInfo, error) { return d.info, nil }
func (d *treeDir) Read([]byte) (int, error) {
	return 0, &fs.PathError{Op: "read", Path: d.info.Name(), Err: errors.New("is a directory")}
}
func (d *treeDir) Close() error { return nil }

// ReadDir implements fs.ReadDirFile.
func (d *treeDir) ReadDir(n int) ([]fs.DirEntry, error) {
	rest := d.entries[d.off:]
	if n <= 0 {
		d.off = len(d.entries)
		return rest, nil
	}
	if len(rest) == 0 {
		return nil, io.EOF
	}
	n = min(n, len(rest))
	d.off += n
	return rest[:n], nil
}
