package source

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing/fstest"

	"github.com/contractlint/contractlint/checks"
)

// Dir returns a side for a directory: its FS is the directory, sandboxed so
// that neither ".." nor a symlink leads outside it, and its files are every
// regular file below it, skipping hidden directories and node_modules.
func Dir(dir string) (checks.Side, error) {
	fsys, err := openRoot(dir)
	if err != nil {
		return checks.Side{}, err
	}
	files, err := Walk(fsys)
	if err != nil {
		return checks.Side{}, fmt.Errorf("read %s: %w", dir, err)
	}
	return checks.Side{FS: fsys, Files: files, Label: dir}, nil
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
	base := filepath.Base(file)
	if _, err := fs.Stat(fsys, base); err != nil {
		return checks.Side{}, fmt.Errorf("read %s: %w", file, unwrapPathError(err))
	}
	if name != base {
		fsys = aliasFS{FS: fsys, alias: name, target: base}
	}
	return checks.Side{FS: fsys, Files: []string{name}, Label: file}, nil
}

// Empty returns a side with no files, for a contract that has no published
// version yet.
func Empty(label string) checks.Side {
	return checks.Side{FS: fstest.MapFS{}, Label: label}
}

// Walk lists the regular files of fsys, sorted, skipping hidden directories
// and node_modules.
func Walk(fsys fs.FS) ([]string, error) {
	var files []string
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if p != "." && (strings.HasPrefix(d.Name(), ".") || d.Name() == "node_modules") {
				return fs.SkipDir
			}
			return nil
		}
		if d.Type().IsRegular() {
			files = append(files, p)
		}
		return nil
	})
	sort.Strings(files)
	return files, err
}

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
	return root.FS(), nil
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
