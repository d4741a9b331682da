//go:build linux

package source

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path"
	"runtime"
	"time"

	"golang.org/x/sys/unix"
)

// openDir opens the directory name of root as a handle that opens, reads
// and stats the files in it with raw system calls on the directory's
// descriptor: one openat, one fstat and the reads for a file, where an
// os.File also sets and clears non-blocking mode and tries to register the
// file with the network poller (five more calls, which on a virtual
// machine cost about as much as parsing the file). Names of one component
// only, and never through a symlink (O_NOFOLLOW, AT_SYMLINK_NOFOLLOW): a
// symlink, like anything else but a regular file or a directory, is left
// to the root.
//
// parent, when not nil, is the handle of name's parent directory: a
// directory that is not a symlink is then opened with one openat on the
// parent's descriptor, where the root opens every component of the path
// again. Anything else (a symlink the root may follow) goes through the
// root.
func openDir(root *os.Root, parent dirHandle, name string) (dirHandle, error) {
	if p, ok := parent.(*fdDir); ok {
		fd, err := retry(func() (int, error) {
			return unix.Openat(p.fd, path.Base(name), unix.O_RDONLY|unix.O_CLOEXEC|unix.O_DIRECTORY|unix.O_NOFOLLOW, 0)
		})
		if err == nil {
			d := &fdDir{fd: fd, name: name}
			// The descriptor is closed when the handle is no longer used.
			runtime.AddCleanup(d, func(fd int) { unix.Close(fd) }, fd)
			return d, nil
		}
	}
	f, err := root.Open(name)
	if err != nil {
		return nil, err
	}
	if st, err := f.Stat(); err != nil || !st.IsDir() {
		f.Close()
		return nil, errNotHandled
	}
	// f keeps the descriptor open for as long as the handle lives.
	return &fdDir{f: f, fd: int(f.Fd()), name: name}, nil
}

var errNotHandled = errors.New("left to the root")

type fdDir struct {
	f    *os.File // the descriptor's owner, when it was opened through the root
	fd   int
	name string
}

func (d *fdDir) Open(base string) (fs.File, error) {
	fd, err := retry(func() (int, error) {
		return unix.Openat(d.fd, base, unix.O_RDONLY|unix.O_CLOEXEC|unix.O_NOFOLLOW|unix.O_NONBLOCK, 0)
	})
	runtime.KeepAlive(d)
	if err != nil {
		return nil, err
	}
	var st unix.Stat_t
	if err := unix.Fstat(fd, &st); err != nil || st.Mode&unix.S_IFMT != unix.S_IFREG {
		unix.Close(fd)
		return nil, errNotHandled
	}
	return &fdFile{fd: fd, info: newInfo(base, &st)}, nil
}

func (d *fdDir) Stat(base string) (fs.FileInfo, error) {
	info, err := d.Lstat(base)
	if err != nil {
		return nil, err
	}
	if info.Mode()&fs.ModeSymlink != 0 {
		return nil, errNotHandled
	}
	return info, nil
}

func (d *fdDir) Lstat(base string) (fs.FileInfo, error) {
	var st unix.Stat_t
	_, err := retry(func() (int, error) { return 0, unix.Fstatat(d.fd, base, &st, unix.AT_SYMLINK_NOFOLLOW) })
	runtime.KeepAlive(d)
	if err != nil {
		return nil, err
	}
	return newInfo(base, &st), nil
}

func (d *fdDir) ReadDir() ([]fs.DirEntry, error) {
	// A descriptor of its own: the handle's offset stays at the start.
	fd, err := retry(func() (int, error) {
		return unix.Openat(d.fd, ".", unix.O_RDONLY|unix.O_DIRECTORY|unix.O_CLOEXEC, 0)
	})
	if err != nil {
		return nil, err
	}
	f := os.NewFile(uintptr(fd), d.name)
	defer f.Close()
	es, err := f.ReadDir(-1)
	runtime.KeepAlive(d) // its descriptor must stay open until here
	return es, err
}

// retry calls f again while it is interrupted by a signal.
func retry(f func() (int, error)) (int, error) {
	for {
		n, err := f()
		if err != unix.EINTR {
			return n, err
		}
	}
}

// fdFile is a regular file read with raw system calls.
type fdFile struct {
	fd   int
	info fileInfo
}

func (f *fdFile) Stat() (fs.FileInfo, error) { return f.info, nil }

func (f *fdFile) Read(p []byte) (int, error) {
	if f.fd < 0 {
		return 0, fs.ErrClosed
	}
	if len(p) == 0 {
		return 0, nil
	}
	n, err := retry(func() (int, error) { return unix.Read(f.fd, p) })
	switch {
	case err != nil:
		return 0, &fs.PathError{Op: "read", Path: f.info.name, Err: err}
	case n == 0:
		return 0, io.EOF
	}
	return n, nil
}

func (f *fdFile) Close() error {
	if f.fd < 0 {
		return fs.ErrClosed
	}
	err := unix.Close(f.fd)
	f.fd = -1
	return err
}

// newInfo is a file's status as fstat returns it.
func newInfo(name string, st *unix.Stat_t) fileInfo {
	mode := fs.FileMode(st.Mode & 0o777)
	switch st.Mode & unix.S_IFMT {
	case unix.S_IFDIR:
		mode |= fs.ModeDir
	case unix.S_IFLNK:
		mode |= fs.ModeSymlink
	case unix.S_IFIFO:
		mode |= fs.ModeNamedPipe
	case unix.S_IFSOCK:
		mode |= fs.ModeSocket
	case unix.S_IFBLK:
		mode |= fs.ModeDevice
	case unix.S_IFCHR:
		mode |= fs.ModeDevice | fs.ModeCharDevice
	}
	if st.Mode&unix.S_ISUID != 0 {
		mode |= fs.ModeSetuid
	}
	if st.Mode&unix.S_ISGID != 0 {
		mode |= fs.ModeSetgid
	}
	if st.Mode&unix.S_ISVTX != 0 {
		mode |= fs.ModeSticky
	}
	return fileInfo{name: name, size: st.Size, mode: mode, modTime: time.Unix(st.Mtim.Unix())}
}
