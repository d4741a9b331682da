package protobuf

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"sort"
	"strings"

	"github.com/contractlint/contractlint/checks"
	"github.com/contractlint/contractlint/internal/limits"
)

// This file decides the import roots of each side: where module-relative
// file names (the names imports use and buf reports) start. In order:
//
//  1. explicit roots (--proto-path, roots: in contractlint.yaml), the same
//     for both sides;
//  2. a buf.work.yaml or buf.yaml at the side's root (see bufyaml.go), or
//     buf.yaml files in the directories that hold the .proto files;
//  3. roots inferred from the import statements: for every import that does
//     not resolve from the side's root, the closest directory above the
//     importing file from which it does, else any directory from which it
//     does.
//
// Files are paired across the sides by module-relative name, so both sides
// must agree on their roots even when one side has a buf.yaml and the other
// does not (one was added, removed or moved between the versions): a side
// without configuration takes the other side's roots when its imports still
// resolve with them.
//
// Dependencies live outside both sides: directories given with --proto-path
// that are not in the compared trees, and the modules a buf.lock pins, read
// from buf's local module cache. They resolve imports and are never compared.

// depDir is a directory outside the sides that resolves imports.
type depDir struct {
	// label names it in messages.
	label string
	fsys  fs.FS
	// root is the slash-separated directory in fsys ("." for its root).
	root string
}

// importConfig is what the request says about imports.
type importConfig struct {
	roots      []string
	deps       []depDir
	cache      fs.FS
	cacheLabel string
	notes      func(string)
}

// importConfigOf reads the engine's options of a request.
func importConfigOf(req checks.Request) (importConfig, error) {
	ic, err := importConfigFrom(optionsOf(checks.OptionsFor(req.Options, checks.Protobuf)))
	ic.notes = req.Notes
	return ic, err
}

// importConfigFrom reads the engine's options.
func importConfigFrom(o Options) (importConfig, error) {
	ic := importConfig{cache: o.BufCache, cacheLabel: o.BufCacheDir}
	for _, r := range o.Roots {
		c, err := cleanRel("--proto-path", r)
		if err != nil {
			return ic, err
		}
		ic.roots = append(ic.roots, c)
	}
	for _, d := range o.Imports {
		ic.deps = append(ic.deps, depDir{label: d.Label, fsys: d.FS, root: "."})
	}
	return ic, nil
}

// layoutOrigin says where a side's module roots came from.
type layoutOrigin int

const (
	originDefault  layoutOrigin = iota // the side's root, nothing else
	originExplicit                     // --proto-path or roots:
	originConfig                       // buf.yaml or buf.work.yaml
	originInferred                     // import statements
	originAdopted                      // the other side's configuration
)

// resolveLayouts computes the layout of both sides. files are each side's
// .proto paths.
func resolveLayouts(ctx context.Context, oldSide, newSide checks.Side, oldFiles, newFiles []string, ic importConfig) (*Layout, *Layout, error) {
	var errs []error
	var ls [2]*Layout
	var hs [2]*headerCache
	for i, s := range []struct {
		side  checks.Side
		files []string
	}{{oldSide, oldFiles}, {newSide, newFiles}} {
		hs[i] = newHeaderCache(ctx, s.side.FS)
		l, err := ownLayout(s.side, s.files, ic, hs[i])
		if err != nil {
			errs = append(errs, &checks.InputError{Side: s.side.Label, Diagnostics: []checks.Diagnostic{configDiagnostic(err)}})
			continue
		}
		ls[i] = l
	}
	if err := errors.Join(errs...); err != nil {
		return nil, nil, err
	}
	// A side without configuration takes the other side's roots.
	for i, j := range []int{1, 0} {
		if ls[i].origin != originDefault && ls[i].origin != originInferred {
			continue
		}
		if ls[j].origin == originDefault {
			continue
		}
		side := []checks.Side{oldSide, newSide}[i]
		files := [][]string{oldFiles, newFiles}[i]
		var roots []string
		for _, m := range ls[j].Modules {
			if st, err := fs.Stat(side.FS, m.Root); err == nil && st.IsDir() {
				roots = append(roots, m.Root)
			}
		}
		for _, m := range ls[i].Modules {
			roots = append(roots, m.Root)
		}
		cand := rootsLayout(dedupe(roots), ls[i])
		if resolvesAll(side.FS, files, cand, hs[i]) {
			cand.origin = originAdopted
			if ls[j].origin == originInferred {
				cand.origin = originInferred
			}
			cand.Config = ls[i].Config
			cand.from = []checks.Side{oldSide, newSide}[j].Label
			ls[i] = cand
		}
	}
	for i, side := range []checks.Side{oldSide, newSide} {
		if ic.notes == nil {
			continue
		}
		switch ls[i].origin {
		case originInferred:
			ic.notes(fmt.Sprintf("%s: no buf.yaml; protobuf import roots inferred from the imports: %s", side.Label, ls[i].roots()))
		case originAdopted:
			ic.notes(fmt.Sprintf("%s: no buf.yaml; protobuf import roots taken from %s, so that files pair up: %s", side.Label, ls[i].from, ls[i].roots()))
		}
	}
	return ls[0], ls[1], nil
}

// sideLayout is resolveLayouts for one side on its own.
func sideLayout(ctx context.Context, side checks.Side, files []string, ic importConfig) (*Layout, error) {
	return ownLayout(side, files, ic, newHeaderCache(ctx, side.FS))
}

// ownLayout computes a side's layout from what the side and the request
// say, without looking at the other side.
func ownLayout(side checks.Side, files []string, ic importConfig, hc *headerCache) (*Layout, error) {
	if side.FS == nil {
		return &Layout{Modules: []*Module{{Root: "."}}}, nil
	}
	l, err := readLayout(side.FS)
	if err != nil {
		return nil, err
	}
	switch {
	case len(ic.roots) > 0:
		l = rootsLayout(ic.roots, l)
		l.origin = originExplicit
	case l.Config != "":
		l.origin = originConfig
	default:
		nested, err := nestedLayout(side.FS, files)
		if err != nil {
			return nil, err
		}
		if nested != nil {
			l = nested
			l.origin = originConfig
		}
	}
	if err := l.addDeps(side.FS, ic); err != nil {
		return nil, err
	}
	if l.origin == originDefault {
		if roots := inferRoots(side.FS, files, l, hc); len(roots) > 1 {
			inferred := rootsLayout(roots, l)
			inferred.origin = originInferred
			inferred.deps, inferred.missing = l.deps, l.missing
			l = inferred
		}
	}
	return l, nil
}

// rootsLayout is a layout with the given module roots and base's breaking
// configuration and dependencies.
func rootsLayout(roots []string, base *Layout) *Layout {
	l := &Layout{Config: base.Config, Breaking: base.Breaking, origin: base.origin, deps: base.deps, missing: base.missing}
	br := base.Breaking
	if !br.Found && len(base.Modules) == 1 {
		br = base.Modules[0].Breaking
	}
	for _, r := range roots {
		m := &Module{Root: r, Breaking: br}
		for _, bm := range base.Modules {
			if bm.Root == r {
				m.Excludes, m.Breaking = bm.Excludes, bm.Breaking
			}
		}
		l.Modules = append(l.Modules, m)
	}
	return l
}

func dedupe(xs []string) []string {
	var out []string
	for _, x := range xs {
		if !slices.Contains(out, x) {
			out = append(out, x)
		}
	}
	return out
}

// nestedLayout looks for buf.yaml files in the directories that hold the
// side's .proto files and their parents (a buf v1 module kept in proto/
// with its own buf.yaml, the repository root having none). It returns nil
// when there is none.
func nestedLayout(fsys fs.FS, files []string) (*Layout, error) {
	seen := map[string]bool{}
	var dirs []string
	for _, p := range files {
		for d := path.Dir(p); d != "." && !seen[d]; d = path.Dir(d) {
			seen[d] = true
			if st, err := fs.Stat(fsys, path.Join(d, "buf.yaml")); err == nil && st.Mode().IsRegular() {
				dirs = append(dirs, d)
			}
		}
	}
	if len(dirs) == 0 {
		return nil, nil
	}
	sort.Strings(dirs)
	var out *Layout
	for _, d := range dirs {
		if out != nil && slices.ContainsFunc(out.Modules, func(m *Module) bool { _, ok := under(d, m.Root); return ok }) {
			continue // inside a module already found
		}
		file := path.Join(d, "buf.yaml")
		data, err := readConfig(fsys, file)
		if err != nil {
			return nil, err
		}
		l, err := readBuf(data)
		if err != nil {
			var ce *configError
			if errors.As(err, &ce) {
				ce.file = file
			}
			return nil, err
		}
		for _, m := range l.Modules {
			m.Root, m.config = path.Join(d, m.Root), file
		}
		if out == nil {
			out = l
			out.Config = file
			continue
		}
		out.Modules = append(out.Modules, l.Modules...)
	}
	return out, nil
}

// headerCache reads and scans each file of a side once.
type headerCache struct {
	ctx  context.Context
	fsys fs.FS
	h    map[string]*header
}

func newHeaderCache(ctx context.Context, fsys fs.FS) *headerCache {
	return &headerCache{ctx: ctx, fsys: fsys, h: map[string]*header{}}
}

// imports returns the imports of the file at side path p; nil when it
// cannot be read or scanned (the compiler reports that).
func (c *headerCache) imports(p string) []string {
	h, ok := c.h[p]
	if !ok {
		h = c.scan(p)
		c.h[p] = h
	}
	if h == nil {
		return nil
	}
	return h.imports
}

// scan reads the header of the file at side path p, nil when it cannot be
// read or scanned. A file over the file-size limit is not read: the loader
// refuses it, naming the limit. The bytes are not counted against the
// total-input-size budget; the loader counts them when it reads the file.
func (c *headerCache) scan(p string) *header {
	data, err := limits.ReadFile(limits.Counted(c.ctx), c.fsys, p)
	if err != nil {
		return nil
	}
	if h, ok := scanHeader(data); ok {
		return &h
	}
	return nil
}

// prefetch scans the headers of files in parallel.
func (c *headerCache) prefetch(files []string) {
	var todo []string
	for _, p := range files {
		if _, ok := c.h[p]; !ok {
			todo = append(todo, p)
		}
	}
	hs := parallelMap(c.ctx, todo, noState, func(_ struct{}, p string) *header { return c.scan(p) })
	for i, p := range todo {
		c.h[p] = hs[i]
	}
}

// exists reports whether p is a regular file of fsys.
func exists(fsys fs.FS, p string) bool {
	st, err := fs.Stat(fsys, p)
	return err == nil && st.Mode().IsRegular()
}

// inferRoots returns the roots that make the imports of files resolve,
// deepest first, ending with "." for the files outside all of them.
func inferRoots(fsys fs.FS, files []string, l *Layout, hc *headerCache) []string {
	hc.prefetch(files)
	var roots []string
	var bySuffix map[string][]string // lazily: import name -> roots that hold it
	add := func(r string) {
		if !slices.Contains(roots, r) {
			roots = append(roots, r)
		}
	}
	for _, p := range files {
	imports:
		for _, imp := range hc.imports(p) {
			if !fs.ValidPath(imp) || isStandardImport(imp) || l.resolvesInDeps(imp) {
				continue
			}
			for _, r := range roots {
				if exists(fsys, path.Join(r, imp)) {
					continue imports
				}
			}
			// The closest directory above the importing file.
			for d := path.Dir(p); ; d = path.Dir(d) {
				if exists(fsys, path.Join(d, imp)) {
					if d != "." {
						add(d)
					}
					continue imports
				}
				if d == "." {
					break
				}
			}
			// Any directory of the side.
			if bySuffix == nil {
				bySuffix = map[string][]string{}
				for _, q := range files {
					for d := path.Dir(q); d != "."; d = path.Dir(d) {
						rest := strings.TrimPrefix(q, d+"/")
						bySuffix[rest] = append(bySuffix[rest], d)
					}
				}
			}
			if rs := bySuffix[imp]; len(rs) > 0 {
				add(slices.Min(rs))
			}
		}
	}
	sort.SliceStable(roots, func(i, j int) bool { return strings.Count(roots[i], "/") > strings.Count(roots[j], "/") })
	return append(roots, ".")
}

// resolvesAll reports whether every import of files resolves with layout
// l, each name to the file that l gives that name.
func resolvesAll(fsys fs.FS, files []string, l *Layout, hc *headerCache) bool {
	for _, p := range files {
		if _, _, ok := l.moduleOf(p); !ok {
			return false
		}
		for _, imp := range hc.imports(p) {
			if !fs.ValidPath(imp) || isStandardImport(imp) || l.resolvesInDeps(imp) {
				continue
			}
			if _, ok := l.find(fsys, imp); !ok {
				return false
			}
		}
	}
	return true
}

// find returns the side path of the file with module-relative name, trying
// every module root in order: the first root holding a file of that name
// that belongs to that root (not to a deeper one) wins.
func (l *Layout) find(fsys fs.FS, name string) (string, bool) {
	for _, m := range l.Modules {
		if m.excluded(name) {
			continue
		}
		p := path.Join(m.Root, name)
		if !exists(fsys, p) {
			continue
		}
		if owner, _, ok := l.moduleOf(p); ok && owner == m {
			return p, true
		}
	}
	return "", false
}

// resolvesInDeps reports whether a dependency directory holds name.
func (l *Layout) resolvesInDeps(name string) bool {
	for _, d := range l.deps {
		if exists(d.fsys, path.Join(d.root, name)) {
			return true
		}
	}
	return false
}

// roots lists the layout's module roots, quoted.
func (l *Layout) roots() string {
	var roots []string
	for _, m := range l.Modules {
		roots = append(roots, fmt.Sprintf("%q", m.Root))
	}
	return strings.Join(roots, ", ")
}

// rootsTried describes where an import was looked for.
func (l *Layout) rootsTried() string {
	s := "import roots " + l.roots()
	if len(l.deps) > 0 {
		var ds []string
		for _, d := range l.deps {
			ds = append(ds, d.label)
		}
		s += " and dependencies " + strings.Join(ds, ", ")
	}
	return s
}

// missingImportError is an import that no root, dependency or standard
// import provides.
type missingImportError struct {
	name   string
	layout *Layout
}

func (e *missingImportError) Error() string {
	msg := fmt.Sprintf("import %q not found (looked in %s); add the directory that holds it with --proto-path DIR, or roots: in contractlint.yaml", e.name, e.layout.rootsTried())
	for _, d := range e.layout.missing {
		msg += "; " + d.missingText()
	}
	return msg
}

func (e *missingImportError) Unwrap() error { return fs.ErrNotExist }
