//go:build !linux

package source

import (
	"io/fs"
	"os"
)

// openDir opens the directory name of root as a root of its own: a file in
// it is then opened with one system call, where the whole root resolves
// every component of the path with one of its own. The parent's handle is
// not used.
func openDir(root *os.Root, _ dirHandle, name string) (dirHandle, error) {
	d, err := root.OpenRoot(name)
	if err != nil {
		return nil, err
	}
	return rootDir{d}, nil
}

type rootDir struct{ r *os.Root }

func (d rootDir) Open(base string) (fs.File, error)      { return d.r.Open(base) }
func (d rootDir) Stat(base string) (fs.FileInfo, error)  { return d.r.Stat(base) }
func (d rootDir) Lstat(base string) (fs.FileInfo, error) { return d.r.Lstat(base) }
func (d rootDir) ReadDir() ([]fs.DirEntry, error)        { return fs.ReadDir(d.r.FS(), ".") }
