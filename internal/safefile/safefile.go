// Package safefile is the one way contractlint writes a file (reports,
// --output files, the matrix file, HTML pages, a generated configuration)
// and reads a file named by the tree under review (the matrix file, the
// configuration).
//
// contractlint often runs as root on a pull request from a stranger, and
// the tree it runs in is that stranger's. So a write:
//
//   - goes only to a regular file: a device, FIFO, socket or directory is
//     refused, and so is a symbolic link (it is not replaced either: the
//     link and whatever it points at stay untouched);
//   - never goes inside a .git directory;
//   - stays inside the repository or the working directory (Policy.Roots),
//     also after resolving the symbolic links of its directories, unless the
//     user named a path outside them on the command line (Policy.Outside);
//   - is atomic: a temporary file in the same directory, synced, renamed
//     into place, the directory synced; the replaced file's permissions are
//     kept (0444 stays 0444); temporary files of an earlier, killed run are
//     removed.
//
// "-" means standard output; callers handle it (IsStdout) before Write,
// which refuses it.
package safefile

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// Policy says where a file may be written or read.
type Policy struct {
	// Roots are the directories a path must stay inside: the repository
	// and the working directory.
	Roots []string
	// Outside allows a path outside every root: the user named it on the
	// command line. A path that lies inside a root must still resolve
	// inside one (a symbolic link in the tree cannot lead out).
	Outside bool
}

// IsStdout reports whether a path names standard output ("-").
func IsStdout(path string) bool { return path == "-" }

// staleAge is how old a temporary file of ours must be before a later run
// removes it when its writer's process cannot be checked.
const staleAge = time.Hour

// Write writes data to path under the policy. Errors name path as given.
func Write(path string, data []byte, p Policy) error {
	if err := write(path, data, p); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}

func write(path string, data []byte, p Policy) error {
	if path == "" {
		return errors.New("empty path")
	}
	if IsStdout(path) {
		return errors.New(`"-" means standard output here, not a file`)
	}
	target, err := p.resolve(path, true)
	if err != nil {
		return err
	}
	mode := fs.FileMode(0o644)
	switch st, err := os.Lstat(target); {
	case err == nil:
		if err := regular(st); err != nil {
			return err
		}
		mode = st.Mode().Perm()
	case !errors.Is(err, fs.ErrNotExist):
		return err
	}
	dir, base := filepath.Split(target)
	cleanStale(dir, base)
	tmp, err := os.CreateTemp(dir, tempPrefix(base)+strconv.Itoa(os.Getpid())+"-*.tmp")
	if err != nil {
		return unwrap(err)
	}
	defer os.Remove(tmp.Name()) // after a successful rename, a no-op
	_, err = tmp.Write(data)
	if err == nil {
		err = tmp.Chmod(mode)
	}
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return unwrap(err)
	}
	// A link or device put in place since the check above is replaced, not
	// written through: rename never follows the destination.
	if err := os.Rename(tmp.Name(), target); err != nil {
		return unwrap(err)
	}
	if d, err := os.Open(dir); err == nil {
		_ = d.Sync() // best effort: the rename is durable on most file systems
		d.Close()
	}
	return nil
}

// ReadFile reads a file under the policy: a regular file, whose symbolic
// links (if any) do not lead outside the roots. A missing file is an error
// wrapping fs.ErrNotExist.
func ReadFile(path string, p Policy) ([]byte, error) {
	real, err := p.resolve(path, false)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	st, err := os.Stat(real)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, unwrap(err))
	}
	if err := regular(st); err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	data, err := os.ReadFile(real)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, unwrap(err))
	}
	return data, nil
}

func regular(st fs.FileInfo) error {
	m := st.Mode()
	switch {
	case m&fs.ModeSymlink != 0:
		return errors.New("it is a symbolic link: contractlint neither writes through nor replaces links; remove it or name the file it points at")
	case m.IsDir():
		return errors.New("it is a directory")
	case m&fs.ModeDevice != 0 || m&fs.ModeCharDevice != 0:
		return errors.New("it is a device, not a regular file")
	case m&fs.ModeNamedPipe != 0:
		return errors.New("it is a named pipe (FIFO), not a regular file")
	case m&fs.ModeSocket != 0:
		return errors.New("it is a socket, not a regular file")
	case !m.IsRegular():
		return errors.New("it is not a regular file")
	}
	return nil
}

// resolve returns the path with its directories' symbolic links resolved
// and checks it against the policy. For a write the last element is left
// as is (it is checked with Lstat); for a read it is resolved too.
func (p Policy) resolve(path string, forWrite bool) (string, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", err
	}
	var real string
	if forWrite {
		dir, err := filepath.EvalSymlinks(filepath.Dir(abs))
		if err != nil {
			return "", unwrap(err)
		}
		real = filepath.Join(dir, filepath.Base(abs))
	} else {
		real, err = filepath.EvalSymlinks(abs)
		if err != nil {
			return "", unwrap(err)
		}
	}
	for _, s := range []string{abs, real} {
		for _, seg := range strings.Split(filepath.ToSlash(s), "/") {
			if strings.EqualFold(seg, ".git") {
				return "", errors.New("it is inside a .git directory, which contractlint never writes or reads as a file")
			}
		}
	}
	roots := p.realRoots()
	if !within(abs, roots.lexical) {
		if p.Outside {
			return real, nil
		}
		return "", fmt.Errorf("it is outside the repository and the working directory (%s)", strings.Join(roots.lexical, ", "))
	}
	if !within(real, roots.real) {
		return "", fmt.Errorf("a symbolic link leads it outside the repository and the working directory, to %s", real)
	}
	return real, nil
}

type rootSet struct{ lexical, real []string }

func (p Policy) realRoots() rootSet {
	var rs rootSet
	for _, r := range p.Roots {
		if r == "" {
			continue
		}
		abs, err := filepath.Abs(r)
		if err != nil {
			continue
		}
		rs.lexical = append(rs.lexical, abs)
		if real, err := filepath.EvalSymlinks(abs); err == nil {
			rs.real = append(rs.real, real)
		}
	}
	return rs
}

func within(path string, roots []string) bool {
	for _, r := range roots {
		rel, err := filepath.Rel(r, path)
		if err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel) {
			return true
		}
	}
	return false
}

// tempPrefix is how the temporary files of a write to base start:
// ".base." then the writer's process ID.
func tempPrefix(base string) string { return "." + base + "." }

// cleanStale removes temporary files an earlier write to base left behind
// when it was killed: those of a process that no longer exists, and any of
// ours older than staleAge.
func cleanStale(dir, base string) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	prefix := tempPrefix(base)
	for _, e := range entries {
		name := e.Name()
		if !strings.HasPrefix(name, prefix) || !strings.HasSuffix(name, ".tmp") || !e.Type().IsRegular() {
			continue
		}
		mid := strings.TrimSuffix(strings.TrimPrefix(name, prefix), ".tmp")
		stale := false
		if pid, _, ok := strings.Cut(mid, "-"); ok {
			if n, err := strconv.Atoi(pid); err == nil && n > 0 && n != os.Getpid() {
				stale = !alive(n)
			}
		}
		if !stale {
			if info, err := e.Info(); err == nil && time.Since(info.ModTime()) > staleAge {
				stale = true
			}
		}
		if stale {
			os.Remove(filepath.Join(dir, name))
		}
	}
}

// unwrap drops a *fs.PathError's operation and path: the caller names the
// file the user asked for, not a temporary or resolved one.
func unwrap(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		return le.Err
	}
	return err
}
