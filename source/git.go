package source

import (
	"bufio"
	"bytes"
	"context"
	"encoding/hex"
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
	dir     string // a directory inside the work tree, where git runs
	root    string // the work tree's top level
	prefix  string // dir relative to root, with a trailing slash
	shallow bool

	mu     sync.Mutex // guards the batch reader
	batch  *exec.Cmd
	stdin  io.WriteCloser
	stdout *bufio.Reader
	closed bool
}

// OpenGit opens the repository that contains dir.
func OpenGit(ctx context.Context, dir string) (*Git, error) {
	g := &Git{dir: dir}
	out, err := g.run(ctx, "rev-parse", "--show-toplevel", "--is-shallow-repository", "--show-prefix")
	if errors.Is(err, exec.ErrNotFound) {
		return nil, fmt.Errorf("git is not installed: it is needed to read published versions from %s", dir)
	}
	if err != nil {
		return nil, fmt.Errorf("%s is not inside a git repository: %w", dir, err)
	}
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if len(lines) < 2 {
		return nil, fmt.Errorf("%s: unexpected git rev-parse output %q", dir, out)
	}
	g.root, g.shallow = lines[0], lines[1] == "true"
	if len(lines) > 2 {
		g.prefix = lines[2]
	}
	return g, nil
}

// Root returns the top-level directory of the work tree.
func (g *Git) Root() string { return g.root }

// Prefix returns the slash-separated path of dir relative to the top level,
// with a trailing slash, or "" at the top level.
func (g *Git) Prefix(context.Context) (string, error) { return g.prefix, nil }

// Shallow reports whether the repository is a shallow clone.
func (g *Git) Shallow(context.Context) (bool, error) { return g.shallow, nil }

// Tags lists every tag name, sorted by name.
func (g *Git) Tags(ctx context.Context) ([]string, error) {
	refs, err := g.TagCommits(ctx)
	if err != nil {
		return nil, err
	}
	tags := make([]string, 0, len(refs))
	for t := range refs {
		tags = append(tags, t)
	}
	slices.Sort(tags)
	return tags, nil
}

// TagCommits maps every tag to the object it points to, peeled: the commit
// of an annotated tag.
func (g *Git) TagCommits(ctx context.Context) (map[string]string, error) {
	out, err := g.run(ctx, "for-each-ref", "--format=%(refname:strip=2)%00%(objectname)%00%(*objectname)", "refs/tags")
	if err != nil {
		return nil, err
	}
	refs := map[string]string{}
	for _, line := range strings.Split(out, "\n") {
		f := strings.Split(line, "\x00")
		if len(f) != 3 {
			continue
		}
		refs[f[0]] = f[1]
		if f[2] != "" {
			refs[f[0]] = f[2]
		}
	}
	return refs, nil
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

// Tree returns the files of a revision below prefix (slash-separated, ""
// for the top level) as a read-only file system rooted at prefix. Nothing is
// listed up front: directories and files are read lazily from the object
// store through one long-running `git cat-file --batch`, so a tree costs no
// process of its own and imports anywhere in it can be read without checking
// anything out. A prefix that does not exist in the revision gives an empty
// tree.
func (g *Git) Tree(ctx context.Context, rev, prefix string) (*Tree, error) {
	if rev == "" || strings.ContainsAny(rev, "\n\r") || strings.HasPrefix(rev, "-") {
		return nil, fmt.Errorf("invalid revision %q", rev)
	}
	typ, oid, _, err := g.object(ctx, rev+"^{tree}")
	if err != nil {
		return nil, err
	}
	if typ != "tree" {
		msg := fmt.Sprintf("unknown revision %q (not a branch, tag or commit of %s)", rev, g.root)
		if shallow, _ := g.Shallow(ctx); shallow {
			msg += "; " + FetchHint
		}
		return nil, errors.New(msg)
	}
	t := &Tree{git: g, ctx: ctx, rev: rev, dirs: map[string][]treeEntry{}, sizes: map[string]int64{}}
	for _, seg := range strings.Split(strings.Trim(prefix, "/"), "/") {
		if seg == "" {
			continue
		}
		entries, err := t.readTree(oid)
		if err != nil {
			return nil, err
		}
		i, ok := slices.BinarySearchFunc(entries, seg, func(e treeEntry, name string) int { return strings.Compare(e.name, name) })
		if !ok || !entries[i].dir {
			oid = "" // the prefix does not exist at this revision
			break
		}
		oid = entries[i].oid
	}
	t.root = oid
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

// object reads one object by name (an object ID or any revision expression)
// through a long-running `git cat-file --batch`; typ is "missing" when there
// is no such object.
func (g *Git) object(ctx context.Context, name string) (typ, oid string, data []byte, err error) {
	if strings.ContainsAny(name, "\n\r") {
		return "missing", "", nil, nil
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.closed {
		return "", "", nil, errors.New("git repository closed")
	}
	if g.batch == nil {
		cmd := exec.CommandContext(ctx, "git", "-C", g.dir, "cat-file", "--batch")
		cmd.Env = gitEnv()
		stdin, err := cmd.StdinPipe()
		if err != nil {
			return "", "", nil, err
		}
		stdout, err := cmd.StdoutPipe()
		if err != nil {
			return "", "", nil, err
		}
		if err := cmd.Start(); err != nil {
			return "", "", nil, fmt.Errorf("start git cat-file: %w", err)
		}
		g.batch, g.stdin, g.stdout = cmd, stdin, bufio.NewReader(stdout)
	}
	typ, oid, data, err = g.readBatch(name)
	if err != nil {
		g.stopBatch()
		if ctx.Err() != nil {
			return "", "", nil, ctx.Err()
		}
		return "", "", nil, fmt.Errorf("read %s: %w", name, err)
	}
	return typ, oid, data, nil
}

func (g *Git) readBatch(name string) (typ, oid string, data []byte, err error) {
	if _, err := io.WriteString(g.stdin, name+"\n"); err != nil {
		return "", "", nil, err
	}
	header, err := g.stdout.ReadString('\n')
	if err != nil {
		return "", "", nil, err
	}
	fields := strings.Fields(header)
	if len(fields) == 2 && (fields[1] == "missing" || fields[1] == "ambiguous") {
		return "missing", "", nil, nil
	}
	if len(fields) != 3 {
		return "", "", nil, fmt.Errorf("unexpected reply %q", strings.TrimSpace(header))
	}
	size, err := strconv.Atoi(fields[2])
	if err != nil || size < 0 {
		return "", "", nil, fmt.Errorf("unexpected reply %q", strings.TrimSpace(header))
	}
	data = make([]byte, size+1) // content and a newline
	if _, err := io.ReadFull(g.stdout, data); err != nil {
		return "", "", nil, err
	}
	return fields[1], fields[0], data[:size], nil
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

// Tree is the file system of one git revision (below a prefix), read
// lazily from the object store. It implements fs.FS, fs.ReadFileFS,
// fs.ReadDirFS and fs.StatFS and is safe for concurrent use. Symbolic links
// and submodules are left out of listings, and a path that reaches one is a
// *SpecialError: nothing leads outside the tree, and nothing unreadable looks
// absent.
type Tree struct {
	git  *Git
	ctx  context.Context
	rev  string // the revision, for messages
	root string // tree object ID at the prefix; "" for an empty tree

	mu    sync.Mutex
	dirs  map[string][]treeEntry // directory path → entries, sorted by name
	sizes map[string]int64       // blob ID → size, once read
}

type treeEntry struct {
	name, oid string
	dir       bool
	// special is a submodule ("gitlink") or a symbolic link ("symlink"):
	// listings leave it out, and a lookup that reaches it fails (see
	// SpecialError) rather than report the path as missing.
	special string
}

// SpecialError is a path of a git revision that contractlint cannot read: a
// submodule (its files live in another repository) or a symbolic link (it
// may lead outside the tree). A contract whose published side is one is
// unknown, never compared with nothing.
type SpecialError struct {
	// Path is the submodule or link; Rev the revision; Kind "gitlink" or
	// "symlink"; OID the submodule's commit or the link's blob.
	Path, Rev, Kind, OID string
}

func (e *SpecialError) Error() string {
	if e.Kind == "gitlink" {
		return fmt.Sprintf("%s is a git submodule at %s (commit %.12s): its files live in another repository, which contractlint does not read; "+
			"check out the submodule and run contractlint in it, or point the contract's path at files tracked in this repository", e.Path, e.Rev, e.OID)
	}
	return fmt.Sprintf("%s is a symbolic link at %s: contractlint does not follow links in git history (they may lead outside the tree); "+
		"point the contract's path at the file itself", e.Path, e.Rev)
}

// readTree parses a tree object: entries "<mode> <name>\x00<binary ID>".
func (t *Tree) readTree(oid string) ([]treeEntry, error) {
	typ, _, data, err := t.git.object(t.ctx, oid)
	if err != nil {
		return nil, err
	}
	if typ != "tree" {
		return nil, fmt.Errorf("object %s is a %s, not a tree", oid, typ)
	}
	idLen := len(oid) / 2
	var out []treeEntry
	for len(data) > 0 {
		sp := bytes.IndexByte(data, ' ')
		nul := bytes.IndexByte(data, 0)
		if sp < 0 || nul < sp || len(data) < nul+1+idLen {
			return nil, fmt.Errorf("tree %s is malformed", oid)
		}
		mode, name := string(data[:sp]), string(data[sp+1:nul])
		id := hex.EncodeToString(data[nul+1 : nul+1+idLen])
		data = data[nul+1+idLen:]
		switch mode {
		case "40000", "040000":
			out = append(out, treeEntry{name: name, oid: id, dir: true})
		case "100644", "100755", "100664":
			out = append(out, treeEntry{name: name, oid: id})
		case "160000":
			out = append(out, treeEntry{name: name, oid: id, special: "gitlink"})
		case "120000":
			out = append(out, treeEntry{name: name, oid: id, special: "symlink"})
		}
	}
	slices.SortFunc(out, func(a, b treeEntry) int { return strings.Compare(a.name, b.name) })
	return out, nil
}

// dir returns the entries of a directory, reading its tree once.
func (t *Tree) dir(name string) ([]treeEntry, bool, error) {
	t.mu.Lock()
	entries, ok := t.dirs[name]
	t.mu.Unlock()
	if ok {
		return entries, true, nil
	}
	var oid string
	if name == "." {
		if t.root == "" {
			return nil, true, nil
		}
		oid = t.root
	} else {
		e, ok, err := t.entry(name)
		if err != nil || !ok || !e.dir {
			return nil, false, err
		}
		oid = e.oid
	}
	entries, err := t.readTree(oid)
	if err != nil {
		return nil, false, err
	}
	t.mu.Lock()
	t.dirs[name] = entries
	t.mu.Unlock()
	return entries, true, nil
}

// entry finds the entry of a path.
func (t *Tree) entry(name string) (treeEntry, bool, error) {
	parent, base := path.Split(name)
	parent = strings.TrimSuffix(parent, "/")
	if parent == "" {
		parent = "."
	}
	entries, ok, err := t.dir(parent)
	if err != nil || !ok {
		return treeEntry{}, false, err
	}
	i, found := slices.BinarySearchFunc(entries, base, func(e treeEntry, n string) int { return strings.Compare(e.name, n) })
	if !found {
		return treeEntry{}, false, nil
	}
	if e := entries[i]; e.special != "" {
		return treeEntry{}, false, &SpecialError{Path: name, Rev: t.rev, Kind: e.special, OID: e.oid}
	}
	return entries[i], true, nil
}

// Files lists every regular file of the tree, sorted. It reads every
// directory; prefer walking only what is needed.
func (t *Tree) Files() []string {
	var files []string
	fs.WalkDir(t, ".", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			files = append(files, p)
		}
		return nil
	})
	return files
}

// ObjectID returns the git blob ID of a file, for cheap equality checks.
func (t *Tree) ObjectID(name string) (string, bool) {
	if !fs.ValidPath(name) || name == "." {
		return "", false
	}
	e, ok, err := t.entry(name)
	if err != nil || !ok || e.dir {
		return "", false
	}
	return e.oid, true
}

func (t *Tree) lookup(op, name string) (treeEntry, error) {
	if !fs.ValidPath(name) {
		return treeEntry{}, &fs.PathError{Op: op, Path: name, Err: fs.ErrInvalid}
	}
	if name == "." {
		return treeEntry{name: ".", oid: t.root, dir: true}, nil
	}
	e, ok, err := t.entry(name)
	if err != nil {
		return treeEntry{}, &fs.PathError{Op: op, Path: name, Err: err}
	}
	if !ok {
		return treeEntry{}, &fs.PathError{Op: op, Path: name, Err: fs.ErrNotExist}
	}
	return e, nil
}

// ReadFile implements fs.ReadFileFS.
func (t *Tree) ReadFile(name string) ([]byte, error) {
	e, err := t.lookup("read", name)
	if err != nil {
		return nil, err
	}
	if e.dir {
		return nil, &fs.PathError{Op: "read", Path: name, Err: errors.New("is a directory")}
	}
	typ, _, data, err := t.git.object(t.ctx, e.oid)
	if err == nil && typ != "blob" {
		err = fmt.Errorf("object %s is a %s, not a file", e.oid, typ)
	}
	if err != nil {
		return nil, &fs.PathError{Op: "read", Path: name, Err: err}
	}
	t.mu.Lock()
	t.sizes[e.oid] = int64(len(data))
	t.mu.Unlock()
	return data, nil
}

// Stat implements fs.StatFS.
func (t *Tree) Stat(name string) (fs.FileInfo, error) {
	e, err := t.lookup("stat", name)
	if err != nil {
		return nil, err
	}
	if e.dir {
		return fileInfo{name: path.Base(name), mode: fs.ModeDir | 0o555}, nil
	}
	t.mu.Lock()
	size, ok := t.sizes[e.oid]
	t.mu.Unlock()
	if !ok {
		data, err := t.ReadFile(name)
		if err != nil {
			return nil, err
		}
		size = int64(len(data))
	}
	return fileInfo{name: path.Base(name), size: size, mode: 0o444}, nil
}

// ReadDir implements fs.ReadDirFS.
func (t *Tree) ReadDir(name string) ([]fs.DirEntry, error) {
	e, err := t.lookup("readdir", name)
	if err != nil {
		return nil, err
	}
	if !e.dir {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: errors.New("not a directory")}
	}
	entries, _, err := t.dir(name)
	if err != nil {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: err}
	}
	out := make([]fs.DirEntry, 0, len(entries))
	for _, c := range entries {
		if c.special == "" {
			out = append(out, dirEntry{t: t, path: path.Join(name, c.name), e: c})
		}
	}
	return out, nil
}

// dirEntry reads a file's size only when asked for its info.
type dirEntry struct {
	t    *Tree
	path string
	e    treeEntry
}

func (d dirEntry) Name() string { return d.e.name }
func (d dirEntry) IsDir() bool  { return d.e.dir }
func (d dirEntry) Type() fs.FileMode {
	if d.e.dir {
		return fs.ModeDir
	}
	return 0
}
func (d dirEntry) Info() (fs.FileInfo, error) { return d.t.Stat(d.path) }

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
	name    string
	size    int64
	mode    fs.FileMode
	modTime time.Time
}

func (i fileInfo) Name() string       { return i.name }
func (i fileInfo) Size() int64        { return i.size }
func (i fileInfo) Mode() fs.FileMode  { return i.mode }
func (i fileInfo) ModTime() time.Time { return i.modTime }
func (i fileInfo) IsDir() bool        { return i.mode.IsDir() }
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
