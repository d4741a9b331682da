package protobuf

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"strings"
	"sync"

	"github.com/bufbuild/protocompile"
)

// bufDep is one dependency a buf.lock pins.
type bufDep struct {
	// name is the module's full name, registry/owner/name.
	name string
	// commit is the dashless commit ID.
	commit string
	// digestType is the digest's type ("b5", "shake256"), which buf's cache
	// layout includes.
	digestType string
	// lock is the buf.lock that pins it; cache names the cache directory
	// looked in, "" when there is none.
	lock, cache string
}

func (d bufDep) missingText() string {
	where := "buf's module cache is not available (set BUF_CACHE_DIR)"
	if d.cache != "" {
		where = "it is not in buf's module cache at " + d.cache
	}
	return fmt.Sprintf("%s pins %s (commit %s), but %s: fill the cache with `buf dep update` (or any buf build) once, or vendor the module and give its directory with --proto-path DIR or roots:; contractlint never downloads", d.lock, d.name, d.commit, where)
}

type yamlLock struct {
	Version string `yaml:"version"`
	Deps    []struct {
		// v2
		Name string `yaml:"name"`
		// v1
		Remote     string `yaml:"remote"`
		Owner      string `yaml:"owner"`
		Repository string `yaml:"repository"`
		// both
		Commit string `yaml:"commit"`
		Digest string `yaml:"digest"`
	} `yaml:"deps"`
}

// readLock reads the buf.lock at file, if there is one.
func readLock(fsys fs.FS, file string) ([]bufDep, error) {
	data, err := readConfig(fsys, file)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var y yamlLock
	if err := decodeYAML(file, data, &y); err != nil {
		return nil, err
	}
	var out []bufDep
	for _, d := range y.Deps {
		name := d.Name
		if name == "" {
			name = path.Join(d.Remote, d.Owner, d.Repository)
		}
		typ, _, _ := strings.Cut(d.Digest, ":")
		if name == "" || d.Commit == "" || strings.Count(name, "/") != 2 || !fs.ValidPath(name) || !fs.ValidPath(d.Commit) || strings.Contains(d.Commit, "/") {
			return nil, &configError{file: file, msg: fmt.Sprintf("dependency %q: want a module name registry/owner/name and a commit", name)}
		}
		out = append(out, bufDep{name: name, commit: strings.ReplaceAll(d.Commit, "-", ""), digestType: typ, lock: file})
	}
	return out, nil
}

// addDeps adds to the layout the request's dependency directories and the
// modules the side's buf.lock files pin, found in buf's module cache
// (<cache>/v3/modules/<digest type>/<registry>/<owner>/<name>/<commit>/files).
// Dependencies not in the cache are remembered for the message of an import
// that does not resolve; nothing is ever downloaded.
func (l *Layout) addDeps(fsys fs.FS, ic importConfig) error {
	l.deps = append(l.deps, ic.deps...)
	locks := []string{"buf.lock"}
	for _, m := range l.Modules {
		if m.Root != "." {
			locks = append(locks, path.Join(m.Root, "buf.lock"))
		}
	}
	if l.Config != "" && path.Dir(l.Config) != "." {
		locks = append(locks, path.Join(path.Dir(l.Config), "buf.lock"))
	}
	seen := map[string]bool{}
	for _, lock := range locks {
		if seen[lock] {
			continue
		}
		seen[lock] = true
		deps, err := readLock(fsys, lock)
		if err != nil {
			return err
		}
		for _, d := range deps {
			d.cache = ic.cacheLabel
			if dir, ok := findCached(ic.cache, d); ok {
				l.deps = append(l.deps, depDir{label: d.name + ":" + d.commit, fsys: ic.cache, root: dir})
				continue
			}
			l.missing = append(l.missing, d)
		}
	}
	return nil
}

// findCached finds a dependency's files in buf's module cache.
func findCached(cache fs.FS, d bufDep) (string, bool) {
	if cache == nil {
		return "", false
	}
	types := []string{d.digestType, "b5", "b4", "shake256"}
	for _, t := range types {
		if t == "" || strings.Contains(t, "/") {
			continue
		}
		dir := path.Join("v3", "modules", t, d.name, d.commit, "files")
		if st, err := fs.Stat(cache, dir); err == nil && st.IsDir() {
			return dir, true
		}
	}
	return "", false
}

// standardImports are the files the compiler provides (google/protobuf/*).
var standardImports = sync.OnceValue(func() protocompile.Resolver {
	return protocompile.WithStandardImports(&protocompile.SourceResolver{Accessor: func(string) (_ io.ReadCloser, _ error) { return nil, fs.ErrNotExist }})
})

func isStandardImport(name string) bool {
	_, err := standardImports().FindFileByPath(name)
	return err == nil
}
