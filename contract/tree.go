package contract

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"strings"

	"github.com/contractlint/contractlint/source"
)

// Tree is one side's file tree, rooted at the configuration's directory: the
// working tree, a git revision, or a baseline directory.
type Tree struct {
	// FS is the tree; contracts, imports and $refs resolve within it.
	FS fs.FS
	// Files lists every regular file of FS, slash-separated and sorted, when
	// it was listed; nil for a tree read lazily (a git revision), which is
	// walked only where contracts are.
	Files []string
	// Label names the tree for people ("working tree", "orders@1.4.0").
	Label string
}

// resolve returns the files of a tree that paths name: a file as is, every
// file below a directory that owns accepts, and every file a glob matches.
// Paths that name nothing are returned as missing.
func (t *Tree) resolve(paths []string, owns func(string) bool) (files, missing []string) {
	for _, p := range paths {
		var got []string
		if hasMeta(p) {
			for _, f := range t.walk(staticPrefix(p)) {
				if MatchGlob(p, f) {
					got = append(got, f)
				}
			}
		} else if st, err := fs.Stat(t.FS, p); err == nil && !st.IsDir() {
			got = []string{p}
		} else if err == nil {
			for _, f := range t.walk(p) {
				if owns(f) {
					got = append(got, f)
				}
			}
		}
		if len(got) == 0 {
			missing = append(missing, p)
		}
		files = append(files, got...)
	}
	slices.Sort(files)
	return slices.Compact(files), missing
}

// walk lists the regular files below dir, skipping hidden directories and
// node_modules like source.Walk.
func (t *Tree) walk(dir string) []string {
	if t.Files != nil {
		prefix := strings.TrimSuffix(dir, "/") + "/"
		if dir == "." {
			return t.Files
		}
		i, _ := slices.BinarySearch(t.Files, prefix)
		j := i
		for j < len(t.Files) && strings.HasPrefix(t.Files[j], prefix) {
			j++
		}
		return t.Files[i:j]
	}
	var out []string
	fs.WalkDir(t.FS, dir, func(p string, d fs.DirEntry, err error) error {
		switch {
		case err != nil:
			return nil
		case d.IsDir() && p != dir && (strings.HasPrefix(d.Name(), ".") || d.Name() == "node_modules"):
			return fs.SkipDir
		case d.Type().IsRegular():
			out = append(out, p)
		}
		return nil
	})
	return out
}

// staticPrefix is the directory a glob's matches are below: its segments
// before the first one with a wildcard.
func staticPrefix(glob string) string {
	segs := strings.Split(glob, "/")
	var static []string
	for _, s := range segs[:len(segs)-1] {
		if hasMeta(s) {
			break
		}
		static = append(static, s)
	}
	if len(static) == 0 {
		return "."
	}
	return strings.Join(static, "/")
}

var (
	protoImport = regexp.MustCompile(`(?m)^\s*import\s+(?:public\s+|weak\s+)?"([^"]+)"\s*;`)
	jsonRef     = regexp.MustCompile(`"\$ref"\s*:\s*"([^"]*)"`)
	yamlRef     = regexp.MustCompile(`(?m)\$ref['"]?\s*:\s*['"]?([^'"\s#]+)`)
	// absoluteID finds a JSON Schema $id (or draft-04 id) that is an
	// absolute URI: relative $refs then resolve against it, maybe to files
	// elsewhere (refs:, search roots).
	absoluteID = regexp.MustCompile(`(?m)["']?\$?id["']?\s*:\s*["']?[A-Za-z][A-Za-z0-9+.-]*:`)
)

// closure reads files and, transitively, the local files they import
// (protobuf imports, relative JSON Schema $refs) that exist in fsys. Two
// sides with equal closures need no parsing: nothing changed.
func closure(fsys fs.FS, files []string, roots ...string) map[string][]byte {
	out := map[string][]byte{}
	queue := slices.Clone(files)
	for len(queue) > 0 && len(out) < 10000 {
		name := queue[0]
		queue = queue[1:]
		if _, done := out[name]; done {
			continue
		}
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			out[name] = nil // absent or unreadable: compared as such
			continue
		}
		out[name] = data
		var refs []string
		switch strings.ToLower(path.Ext(name)) {
		case ".proto":
			for _, m := range protoImport.FindAllSubmatch(data, -1) {
				imp := string(m[1])
				refs = append(refs, imp)
				// Import roots: configured ones, and every directory above
				// the file (a buf module root, or one inferred from imports).
				for _, r := range roots {
					refs = append(refs, path.Join(r, imp))
				}
				for d := path.Dir(name); d != "."; d = path.Dir(d) {
					refs = append(refs, path.Join(d, imp))
				}
			}
		case ".json", ".avsc":
			for _, m := range jsonRef.FindAllSubmatch(data, -1) {
				refs = append(refs, relRef(name, string(m[1])))
			}
		case ".yaml", ".yml":
			for _, m := range yamlRef.FindAllSubmatch(data, -1) {
				refs = append(refs, relRef(name, string(m[1])))
			}
		}
		if ext := strings.ToLower(path.Ext(name)); (ext == ".json" || ext == ".yaml" || ext == ".yml") && absoluteID.Match(data) {
			refs = append(refs, opaqueRef)
		}
		if slices.Contains(refs, opaqueRef) {
			// A reference by absolute URI may resolve to any local file
			// (by $id, refs: or fetched): the closure is not known.
			out[opaqueRef] = nil
		}
		for _, r := range refs {
			if r != "" && fs.ValidPath(r) {
				if _, err := fs.Stat(fsys, r); err == nil {
					queue = append(queue, r)
				}
			}
		}
	}
	return out
}

// opaqueRef stands, in a closure, for references whose files are not
// known from the text alone; a closure holding it equals no other.
const opaqueRef = "\x00opaque"

func relRef(from, ref string) string {
	ref, _, _ = strings.Cut(ref, "#")
	if strings.Contains(ref, "://") || strings.HasPrefix(ref, "urn:") {
		return opaqueRef
	}
	if ref == "" {
		return ""
	}
	return path.Join(path.Dir(from), ref)
}

func sameClosure(a, b map[string][]byte) bool {
	_, ao := a[opaqueRef]
	_, bo := b[opaqueRef]
	if len(a) != len(b) || ao || bo {
		return false
	}
	for k, v := range a {
		w, ok := b[k]
		if !ok || (v == nil) != (w == nil) || string(v) != string(w) {
			return false
		}
	}
	return true
}

// Unreadable returns an error for the first of paths (or of their parent
// directories) that exists but cannot be read as part of this tree: a git
// submodule, a symbolic link in git history or one leading outside the
// tree, a checked-out submodule (a directory holding .git), an unreadable
// object. A path that does not exist is not an error here: resolve reports
// it as missing. Such a side is unknown, never compared as if empty.
func (t *Tree) Unreadable(paths []string) error {
	for _, p := range paths {
		if hasMeta(p) {
			p = staticPrefix(p)
		}
		if _, err := fs.Stat(t.FS, p); err != nil && !errors.Is(err, fs.ErrNotExist) {
			var se *source.SpecialError
			if errors.As(err, &se) {
				return fmt.Errorf("%s: %w", t.Label, se)
			}
			return fmt.Errorf("%s: cannot read %s: %w", t.Label, p, unwrapPath(err))
		}
		for dir := p; dir != "." && dir != "/" && dir != ""; dir = path.Dir(dir) {
			if _, err := fs.Stat(t.FS, path.Join(dir, ".git")); err == nil {
				return fmt.Errorf("%s: %s is inside the git submodule %s: its files and published versions live in another repository; "+
					"run contractlint in the submodule, or point the contract's path at files tracked in this repository", t.Label, p, dir)
			}
		}
	}
	return nil
}

func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
