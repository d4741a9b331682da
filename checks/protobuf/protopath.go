package protobuf

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// SetProtoPaths sets the options that --proto-path DIR flags give (like
// protoc's -I) to a comparison of the directories (or files) oldPath and
// newPath: a directory inside them (relative to them, or a path into one of
// them) is an import root, relative to each; any other directory on disk
// resolves imports only (a vendored dependency), opened with open (the
// caller's sandbox, source.ImportDir). Errors name the flag.
func (o *Options) SetProtoPaths(dirs []string, oldPath, newPath string, open func(dir string) (fs.FS, error)) error {
	for _, d := range dirs {
		if d == "" {
			continue
		}
		root, ok, err := rootIn(d, oldPath, newPath)
		if err != nil {
			return err
		}
		if ok {
			o.Roots = append(o.Roots, root)
			continue
		}
		st, err := os.Stat(d)
		if err != nil || !st.IsDir() {
			return fmt.Errorf("--proto-path %s: not a directory inside %s or %s, nor one on disk", d, oldPath, newPath)
		}
		fsys, err := open(d)
		if err != nil {
			return fmt.Errorf("--proto-path %s: %w", d, err)
		}
		o.Imports = append(o.Imports, ImportDir{FS: fsys, Label: d})
	}
	return nil
}

// rootIn reports whether d names a directory of the compared trees: relative
// to them (proto), or a path into one of them (old/proto). It returns it
// relative to the trees, slash-separated.
func rootIn(d, oldPath, newPath string) (string, bool, error) {
	if !filepath.IsAbs(d) {
		for _, side := range []string{oldPath, newPath} {
			if st, err := os.Stat(filepath.Join(side, d)); err == nil && st.IsDir() {
				rel := filepath.ToSlash(filepath.Clean(d))
				if rel == ".." || strings.HasPrefix(rel, "../") {
					return "", false, fmt.Errorf("--proto-path %s leaves %s", d, side)
				}
				return rel, true, nil
			}
		}
	}
	abs, err := filepath.Abs(d)
	if err != nil {
		return "", false, err
	}
	for _, side := range []string{oldPath, newPath} {
		sa, err := filepath.Abs(side)
		if err != nil {
			return "", false, err
		}
		if rel, err := filepath.Rel(sa, abs); err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			return filepath.ToSlash(rel), true, nil
		}
	}
	return "", false, nil
}
