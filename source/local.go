package source

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"syscall"
	"testing/fstest"

	"github.com/contractlint/contractlint/checks"
)

// Dir returns a side for a directory: its FS is the directory, sandboxed so
// that neither ".." nor a symlink leads outside it, and its files are every
// regular file below it, skipping hidden directories and node_modules. A
// symlink whose target stays inside the directory is followed; one whose
// target leaves it is an error that names it (a *LinkError), so that a
// contract behind such a link is an input error, never a file silently left
// out.
func Dir(dir string) (checks.Side, error) {
	fsys, err := openRoot(dir)
	if err != nil {
		return checks.Side{}, err
	}
	files, err := Walk(fsys)
	if err != nil {
		return checks.Side{}, fmt.Errorf("read %s: %w", dir, err)
	}
	return checks.Side{FS: linkFS{FS: fsys, label: dir}, Files: files, Label: dir}, nil
}

// File returns a side holding one file. Its FS is the file's directory (so
// that imports and relative references resolve next to it), with the file
// also visible under name, the logical name both sides of a two-file
// comparison share.
func File(file, name string) (checks.Side, error) {
	fsys, err := openRoot(filepath.Dir(file))
	if err != nil {
		return checks.Side{}, err
	}
	fsys = linkFS{FS: fsys, label: filepath.Dir(file)}
	base := filepath.Base(file)
	if _, err := fs.Stat(fsys, base); err != nil {
		return checks.Side{}, fmt.Errorf("read %s: %w", file, unwrapPathError(err))
	}
	if name != base {
		fsys = aliasFS{FS: fsys, alias: name, target: base}
	}
	return checks.Side{FS: fsys, Files: []string{name}, Label: file}, nil
}

// ImportDir returns dir as a sandboxed file system without listing it: for
// directories that only resolve imports (a vendored dependency, buf's module
// cache), whose files are read on demand.
func ImportDir(dir string) (fs.FS, error) {
	fsys, err := openRoot(dir)
	if err != nil {
		return nil, err
	}
	return linkFS{FS: fsys, label: dir}, nil
}

// Empty returns a side with no files, for a contract that has no published
// version yet.
func Empty(label string) checks.Side {
	return checks.Side{FS: fstest.MapFS{}, Label: label}
}

// maxLinkDepth bounds how many directory symlinks Walk follows one inside
// another, so that links between sibling directories cannot make the
// listing grow without bound.
const maxLinkDepth = 8

// Walk lists the regular files of fsys, sorted, skipping hidden directories
// and node_modules. A symlink whose target stays inside fsys is followed: a
// link to a file (or to nothing: reading it then fails and names it) is
// listed, a link to a directory is walked as if it were the directory,
// unless it points to one of its own ancestors. A symlink whose target
// leaves fsys is a *LinkError naming it: what it stands for can be neither
// read nor left out silently.
func Walk(fsys fs.FS) ([]string, error) {
	var files []string
	err := walkDir(fsys, ".", 0, &files)
	sort.Strings(files)
	return slices.Compact(files), err
}

func walkDir(fsys fs.FS, root string, links int, files *[]string) error {
	return fs.WalkDir(fsys, root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if p != root && (strings.HasPrefix(d.Name(), ".") || d.Name() == "node_modules") {
				return fs.SkipDir
			}
			return nil
		}
		switch {
		case d.Type().IsRegular():
			*files = append(*files, p)
		case d.Type()&fs.ModeSymlink != 0:
			target, ok := linkTarget(fsys, p)
			if !ok {
				return &LinkError{Path: p, Target: target}
			}
			st, err := fs.Stat(fsys, p)
			if err != nil || !st.IsDir() {
				// A file, or a dangling link: reading it names it.
				*files = append(*files, p)
				return nil
			}
			if strings.HasPrefix(d.Name(), ".") || d.Name() == "node_modules" {
				return nil
			}
			if target == "." || strings.HasPrefix(p+"/", target+"/") || links >= maxLinkDepth {
				// A link to an ancestor: its files are listed already.
				return nil
			}
			return walkDir(fsys, p, links+1, files)
		}
		return nil
	})
}

// linkTarget resolves the symlink at p to a slash-separated path relative to
// fsys; ok is false when the target leaves fsys (or cannot be read).
func linkTarget(fsys fs.FS, p string) (string, bool) {
	t, err := fs.ReadLink(fsys, p)
	if err != nil {
		return "", false
	}
	t = filepath.ToSlash(t)
	if path.IsAbs(t) || filepath.IsAbs(t) {
		return t, false
	}
	r := path.Join(path.Dir(p), t)
	if r == ".." || strings.HasPrefix(r, "../") {
		return t, false
	}
	return r, true
}

// LinkError is a symlink inside a compared directory whose target lies
// outside it: contractlint reads nothing outside the directories it
// compares, and must not leave out what the link stands for.
type LinkError struct {
	// Path is the link's slash-separated path in the directory; Target
	// what it points to, as written.
	Path, Target string
}

func (e *LinkError) Error() string {
	return fmt.Sprintf("%s is a symlink to %s, outside the compared directory: contractlint reads nothing outside it (copy the file in, or compare the directory the link points into)", e.Path, e.Target)
}

// linkFS names the symlink when a read fails because its target leaves the
// directory, instead of os.Root's "path escapes from parent".
type linkFS struct {
	fs.FS
	label string
}

func (l linkFS) explain(name string, err error) error {
	if err == nil || errors.Is(err, fs.ErrNotExist) {
		return err
	}
	// Find the symlink on the way to name whose target leaves the tree.
	parts := strings.Split(name, "/")
	for i := range parts {
		p := strings.Join(parts[:i+1], "/")
		st, lerr := fs.Lstat(l.FS, p)
		if lerr != nil || st.Mode()&fs.ModeSymlink == 0 {
			continue
		}
		if t, ok := linkTarget(l.FS, p); !ok {
			return &LinkError{Path: p, Target: t}
		}
	}
	return err
}

// Open implements fs.FS.
func (l linkFS) Open(name string) (fs.File, error) {
	f, err := l.FS.Open(name)
	return f, l.explain(name, err)
}

// ReadFile implements fs.ReadFileFS.
func (l linkFS) ReadFile(name string) ([]byte, error) {
	b, err := fs.ReadFile(l.FS, name)
	return b, l.explain(name, err)
}

// Stat implements fs.StatFS.
func (l linkFS) Stat(name string) (fs.FileInfo, error) {
	st, err := fs.Stat(l.FS, name)
	return st, l.explain(name, err)
}

// ReadDir implements fs.ReadDirFS.
func (l linkFS) ReadDir(name string) ([]fs.DirEntry, error) {
	es, err := fs.ReadDir(l.FS, name)
	return es, l.explain(name, err)
}

// ReadLink implements fs.ReadLinkFS.
func (l linkFS) ReadLink(name string) (string, error) { return fs.ReadLink(l.FS, name) }

// Lstat implements fs.ReadLinkFS.
func (l linkFS) Lstat(name string) (fs.FileInfo, error) { return fs.Lstat(l.FS, name) }

func openRoot(dir string) (fs.FS, error) {
	st, err := os.Stat(dir)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", dir, unwrapPathError(err))
	}
	if !st.IsDir() {
		return nil, fmt.Errorf("read %s: not a directory", dir)
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", dir, unwrapPathError(err))
	}
	// The root stays open for the life of the process: sides are read until
	// the command ends.
	return &rootFS{FS: root.FS(), root: root, dirs: map[string]dirHandle{}, missing: map[string]bool{}}, nil
}

// rootFS is an os.Root's file system that reads files through a handle on
// their directory, opened through the root once per directory: os.Root
// resolves every component of a path with a system call of its own, which
// made reading the tens of thousands of files of two large trees
// (googleapis) cost more than comparing them. A handle reads, opens and
// stats only names of one component, never following a symlink (see
// openDir); whatever it does not do (a symlink, a missing file, something
// other than a regular file or a directory) is done again through the whole
// root, which decides, so the sandbox stays the root's: a file read below a
// directory of the root is inside the root.
type rootFS struct {
	fs.FS
	root *os.Root

	mu   sync.Mutex
	dirs map[string]dirHandle // directory -> its handle; nil when unavailable
	// missing holds the directories that do not exist: nothing below
	// them does either, which answers without a system call the many
	// lookups of files that are not there (import roots inferred without
	// a buf.yaml try each import under every directory above a file).
	missing map[string]bool
}

// dirHandle reads the entries of one directory by their base names.
type dirHandle interface {
	Open(base string) (fs.File, error)
	Stat(base string) (fs.FileInfo, error)
	Lstat(base string) (fs.FileInfo, error)
	// ReadDir lists the directory itself, in any order.
	ReadDir() ([]fs.DirEntry, error)
}

// maxDirRoots bounds the open directories of one rootFS (each holds a file
// descriptor for the life of the process): an eighth of the process's
// file-descriptor limit, at most 2048 (see dirRootsLimit); files in further
// directories are read through the whole root.
var maxDirRoots = dirRootsLimit()

func (r *rootFS) dir(name string) (dirHandle, bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.dirLocked(name)
}

// dirLocked is dir with r.mu held. A directory below the top is opened
// from its parent's handle. missing is true when the directory does not
// exist.
func (r *rootFS) dirLocked(name string) (d dirHandle, missing bool) {
	if r.missing[name] {
		return nil, true
	}
	if d, ok := r.dirs[name]; ok {
		return d, false
	}
	var parent dirHandle
	if p := path.Dir(name); p != "." {
		if parent, missing = r.dirLocked(p); missing {
			r.missing[name] = true
			return nil, true
		}
	}
	if len(r.dirs) >= maxDirRoots {
		return nil, false
	}
	d, err := openDir(r.root, parent, name)
	if errors.Is(err, fs.ErrNotExist) {
		r.missing[name] = true
		return nil, true
	}
	if err != nil {
		d = nil
	}
	r.dirs[name] = d
	return d, false
}

// inDir returns the handle of name's directory and name's base, or nil for
// a name at the top or when the directory has no handle; err is set when
// the directory does not exist, for op on name.
func (r *rootFS) inDir(op, name string) (d dirHandle, base string, err error) {
	dir, base := path.Split(name)
	if dir == "" || !fs.ValidPath(name) {
		return nil, "", nil
	}
	d, missing := r.dir(strings.TrimSuffix(dir, "/"))
	if missing {
		return nil, "", &fs.PathError{Op: op, Path: name, Err: syscall.ENOENT}
	}
	return d, base, nil
}

// Open implements fs.FS, through the file's directory handle.
func (r *rootFS) Open(name string) (fs.File, error) {
	return viaHandle(r, "open", name, dirHandle.Open, func() (fs.File, error) { return r.FS.Open(name) })
}

// ReadFile implements fs.ReadFileFS, through the file's directory handle.
func (r *rootFS) ReadFile(name string) ([]byte, error) {
	return viaHandle(r, "open", name, func(d dirHandle, base string) ([]byte, error) {
		f, err := d.Open(base)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		return readAll(f)
	}, func() ([]byte, error) { return fs.ReadFile(r.FS, name) })
}

// viaHandle does op on name through the handle of name's directory, or
// through the whole root (byRoot) when the handle cannot: there is none,
// or the name is something the handle leaves to the root (a symlink, not
// a regular file). A directory found missing, or a name missing from its
// directory (looked up without following a symlink, so not even a
// dangling link is there), answers at once, as the root would.
func viaHandle[T any](r *rootFS, op, name string, byHandle func(dirHandle, string) (T, error), byRoot func() (T, error)) (T, error) {
	var zero T
	d, base, err := r.inDir(op, name)
	if err != nil {
		return zero, err
	}
	if d != nil {
		v, err := byHandle(d, base)
		if err == nil {
			return v, nil
		}
		if errors.Is(err, fs.ErrNotExist) {
			return zero, &fs.PathError{Op: op, Path: name, Err: syscall.ENOENT}
		}
	}
	return byRoot()
}

// readAll reads f to its end, in one read when its size is right.
func readAll(f fs.File) ([]byte, error) {
	size := 0
	if st, err := f.Stat(); err == nil && st.Size() < 1<<31 {
		size = int(st.Size())
	}
	b := make([]byte, 0, size+1)
	for {
		n, err := f.Read(b[len(b):cap(b)])
		b = b[:len(b)+n]
		if err == io.EOF {
			return b, nil
		}
		if err != nil {
			return nil, err
		}
		if len(b) == cap(b) {
			b = append(b, 0)[:len(b)]
		}
	}
}

func unwrapPathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// aliasFS shows target under a second name.
type aliasFS struct {
	fs.FS
	alias, target string
}

func (a aliasFS) Open(name string) (fs.File, error) {
	if name == a.alias {
		name = a.target
	}
	return a.FS.Open(name)
}

func (a aliasFS) ReadFile(name string) ([]byte, error) {
	if name == a.alias {
		name = a.target
	}
	return fs.ReadFile(a.FS, name)
}

func (a aliasFS) Stat(name string) (fs.FileInfo, error) {
	if name == a.alias {
		name = a.target
	}
	return fs.Stat(a.FS, name)
}

// Stat implements fs.StatFS, through the file's directory handle: the
// loaders ask which module root holds each file they open.
func (r *rootFS) Stat(name string) (fs.FileInfo, error) {
	return viaHandle(r, "stat", name, dirHandle.Stat, func() (fs.FileInfo, error) { return fs.Stat(r.FS, name) })
}

// ReadDir implements fs.ReadDirFS, through the directory's own handle
// (which reading its files then reuses).
func (r *rootFS) ReadDir(name string) ([]fs.DirEntry, error) {
	if name != "." && fs.ValidPath(name) {
		d, missing := r.dir(name)
		if missing {
			return nil, &fs.PathError{Op: "open", Path: name, Err: syscall.ENOENT}
		}
		if d != nil {
			if es, err := d.ReadDir(); err == nil {
				slices.SortFunc(es, func(a, b fs.DirEntry) int { return strings.Compare(a.Name(), b.Name()) })
				return es, nil
			}
		}
	}
	return fs.ReadDir(r.FS, name)
}

// ReadLink implements fs.ReadLinkFS.
func (r *rootFS) ReadLink(name string) (string, error) { return fs.ReadLink(r.FS, name) }

// Lstat implements fs.ReadLinkFS, through the file's directory handle.
func (r *rootFS) Lstat(name string) (fs.FileInfo, error) {
	return viaHandle(r, "lstat", name, dirHandle.Lstat, func() (fs.FileInfo, error) { return fs.Lstat(r.FS, name) })
}
