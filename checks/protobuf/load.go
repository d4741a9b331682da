package protobuf

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"hash/maphash"
	"io"
	"io/fs"
	"path"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/bufbuild/protocompile"
	"github.com/bufbuild/protocompile/ast"
	"github.com/bufbuild/protocompile/linker"
	"github.com/bufbuild/protocompile/parser"
	"github.com/bufbuild/protocompile/reporter"
	"google.golang.org/protobuf/reflect/protoreflect"
	"google.golang.org/protobuf/types/descriptorpb"

	"github.com/contractlint/contractlint/checks"
	"github.com/contractlint/contractlint/internal/limits"
)

// This file holds the loader: it turns one checks.Side into a compiled
// Snapshot. It is kept apart from the rules so that its performance can be
// tuned on its own.

// loadSides compiles the old and the new side in parallel. Files that are
// stable (byte-identical on both sides, importing only stable files; see
// stable.go) are left out, unless a compiled file imports them; so are, from
// linking, outline files (see outline.go). keepRemoved says that the rules
// need the elements of removed files, which are then linked. A seed is
// shared by both sides so that file hashes can be compared across them.
func loadSides(ctx context.Context, req checks.Request, keepRemoved bool) (oldSnap, newSnap *Snapshot, err error) {
	seed := maphash.MakeSeed()
	ic, err := importConfigOf(req)
	if err != nil {
		return nil, nil, err
	}
	ol, nl, err := resolveLayouts(ctx, req.Old, req.New, protoFiles(req.Old.Files), protoFiles(req.New.Files), ic)
	if err != nil {
		return nil, nil, err
	}
	oldIn, oldErr := listSide(req.Old, ol)
	newIn, newErr := listSide(req.New, nl)
	if err := errors.Join(oldErr, newErr); err != nil {
		return nil, nil, err
	}
	hugeHeap(ctx, len(oldIn.names)+len(newIn.names))
	// A name that a dependency both sides share provides is, like a
	// standard import, the same on both sides.
	sameDeps := slices.EqualFunc(ol.deps, nl.deps, func(a, b depDir) bool { return a.label == b.label && a.root == b.root })
	isStd := func(name string) bool {
		return isStandardImport(name) || sameDeps && nl.resolvesInDeps(name)
	}
	stable, err := findStable(ctx, req.Old.FS, oldIn.names, req.New.FS, newIn.names, isStd)
	if err != nil {
		return nil, nil, err
	}
	acc := [2]*accessor{
		newAccessor(ctx, req.Old.FS, ol, seed, lean(oldIn, newIn, stable), compared(oldIn, newIn)),
		newAccessor(ctx, req.New.FS, nl, seed, lean(newIn, oldIn, stable), compared(newIn, oldIn)),
	}
	pre := preparse(ctx, [2]*sideFiles{oldIn, newIn}, acc, stable, keepRemoved, isStd)
	targets := [2][]string{oldIn.targets(stable, pre.side(0)), newIn.targets(stable, pre.side(1))}
	defer tuneGC(len(targets[0]) + len(targets[1]))()
	shared := compileShared(ctx, req.New.FS, [2]*sideFiles{oldIn, newIn}, stable, pre, targets, seed)
	var wg sync.WaitGroup
	wg.Add(2)
	go func() {
		defer wg.Done()
		oldSnap, oldErr = loadSide(ctx, req.Old, oldIn, stable, shared, acc[0], pre.side(0))
	}()
	go func() {
		defer wg.Done()
		newSnap, newErr = loadSide(ctx, req.New, newIn, stable, shared, acc[1], pre.side(1))
	}()
	wg.Wait()
	if err := errors.Join(oldErr, newErr); err != nil {
		return nil, nil, err
	}
	return oldSnap, newSnap, nil
}

// sideFiles is a side's layout and its .proto files by module-relative name.
type sideFiles struct {
	layout *Layout
	names  map[string]string  // module-relative name -> side path
	mods   map[string]*Module // module-relative name -> module
}

// protoFiles returns the .proto files among paths.
func protoFiles(paths []string) []string {
	var out []string
	for _, p := range paths {
		if isProto(p) {
			out = append(out, p)
		}
	}
	return out
}

// listSide names the side's .proto files by their module-relative names in
// layout.
func listSide(side checks.Side, layout *Layout) (*sideFiles, error) {
	in := &sideFiles{names: map[string]string{}, mods: map[string]*Module{}, layout: layout}
	if side.FS == nil {
		return in, nil
	}
	var dups []checks.Diagnostic
	for _, p := range side.Files {
		if !isProto(p) {
			continue
		}
		m, name, ok := layout.moduleOf(p)
		if !ok {
			continue
		}
		if prev, dup := in.names[name]; dup {
			dups = append(dups, checks.Diagnostic{File: p, Message: fmt.Sprintf("file name %q is also declared by %s (module roots must not overlap)", name, prev)})
			continue
		}
		in.names[name] = p
		in.mods[name] = m
	}
	if len(dups) > 0 {
		return nil, &checks.InputError{Side: side.Label, Diagnostics: dups}
	}
	return in, nil
}

// targets returns the module-relative names of the side's files that are
// compiled: neither stable, nor outline files, nor settled.
func (in *sideFiles) targets(stable *stableSet, pre sidePreparsed) []string {
	var t []string
	for n := range in.names {
		_, outline := pre.outline[n]
		_, settled := pre.settled[n]
		if !outline && !settled && !stable.stable(n) {
			t = append(t, n)
		}
	}
	sort.Strings(t)
	return t
}

// remember stores f and, transitively, the files it imports, so that a
// later compilation reuses them rather than compiling a second copy of a
// file (whose symbols would then be defined twice).
func remember(compiled *sync.Map, f linker.File) {
	if _, loaded := compiled.LoadOrStore(f.Path(), f); loaded {
		return
	}
	imps := f.Imports()
	for i := 0; i < imps.Len(); i++ {
		fd := imps.Get(i).FileDescriptor
		if lf, ok := fd.(linker.File); ok {
			remember(compiled, lf)
		} else if lf, err := linker.NewFileRecursive(fd); err == nil {
			remember(compiled, lf)
		}
	}
}

// compared returns whether findStable read a file of in, by name and side
// path: one on both sides.
func compared(in, other *sideFiles) func(name, p string) bool {
	return func(name, p string) bool {
		_, ok := other.names[name]
		return ok && in.names[name] == p
	}
}

// compileBatch is how many files with source info the loader compiles at a
// time: after each batch it drops the descriptor-proto copy of their
// source info (see dropSourceInfoProtos), which would otherwise stay until
// the whole side is compiled. Smaller batches free it sooner but cost
// time: every batch imports the symbols of its dependencies anew.
const compileBatch = 500

// dropSourceInfoProtos frees the source info of compiled files in its
// descriptor-proto form. Once the compiler has indexed it as the file's
// SourceLocations (which the rules read) nothing reads it again, and it is
// about a fifth of a large comparison's memory. Only files this side
// compiled with source info have any: the files both sides share (stable
// ones, standard imports) have none, and are only read, never written,
// since the other side's loader walks them at the same time.
func dropSourceInfoProtos(compiled *sync.Map) {
	compiled.Range(func(_, v any) bool {
		if r, ok := v.(linker.Result); ok && r.FileDescriptorProto().SourceCodeInfo != nil {
			r.FileDescriptorProto().SourceCodeInfo = nil
		}
		return true
	})
}

// parsePlain parses a file that a file compiled with source info imports
// and that needs none itself: a settled file, a file on one side only, a
// lean target (located through File.relocate when a finding needs it). The
// compiler generates source info for every file it compiles from a syntax
// tree, unless the parse result already has some: this one has an empty
// SourceCodeInfo, which saves generating, indexing and keeping it (443
// files on googleapis over a year: 50-80 MB less at the peak). The result
// is made for one compilation: it is not copied again before linking (see
// plainResult). A file that does not parse or fails the parser's checks
// goes to the compiler as its bytes, and the compiler reports the problem
// as it would have; an error reading it is returned.
func parsePlain(name string, src io.Reader) (protocompile.SearchResult, error) {
	data, err := io.ReadAll(src)
	if c, ok := src.(io.Closer); ok {
		c.Close()
	}
	if err != nil {
		return protocompile.SearchResult{}, err
	}
	h := quietHandler()
	file, err := parser.Parse(name, bytes.NewReader(data), h)
	if err == nil && h.Error() == nil {
		if res := plainFromAST(file); res != nil {
			return protocompile.SearchResult{ParseResult: res}, nil
		}
	}
	return protocompile.SearchResult{Source: bytes.NewReader(data)}, nil
}

// plainFromAST is parsePlain for a syntax tree the first pass made.
func plainFromAST(file *ast.FileNode) parser.Result {
	h := quietHandler()
	res, err := parser.ResultFromAST(file, true, h)
	if err != nil || h.Error() != nil {
		return nil
	}
	res.FileDescriptorProto().SourceCodeInfo = &descriptorpb.SourceCodeInfo{}
	return plainResult{res}
}

// quietReporter keeps no error: for parses and compilations whose caller
// only asks whether they succeeded, and leaves reporting problems to the
// loader's compilation.
var quietReporter = reporter.NewReporter(func(reporter.ErrorWithPos) error { return nil }, nil)

// quietHandler is a handler of quietReporter: its Error still says whether
// a parse went wrong.
func quietHandler() *reporter.Handler { return reporter.NewHandler(quietReporter) }

// plainResult is a parse result that one compilation owns: the compiler
// copies a parse result that a resolver returns before it links it (a
// resolver may return the same one to compilations running at once),
// unless the result copies itself (parser.Clone); this one is made for a
// single compilation and is its own copy.
type plainResult struct{ parser.Result }

// Clone returns r itself: nothing else holds it.
func (r plainResult) Clone() parser.Result { return r }

// lean returns whether a file of in is one the rules locate almost nothing
// in: an added or a removed file (missing from other), or one byte-identical
// on both sides, or reworded (see reworded), that is compiled only because
// it imports a changed file.
func lean(in, other *sideFiles, stable *stableSet) func(string) bool {
	return func(name string) bool {
		_, ok := other.names[name]
		return !ok || stable.same[name]
	}
}

// loadSide compiles the side's files that are neither stable nor outline
// files and indexes the result, with the outline files (see outline.go).
// Stable files they import come from shared when it has them; files pre
// holds a syntax tree for are not parsed again. Files that acc's lean
// function accepts (see the function lean) are compiled without source
// info, after the others, which saves most of the memory and a good part of
// the time of a large comparison; their few findings with a position get it
// from a scan of the file's header or, failing that, from compiling that one
// file again with source info (File.locations). A nil lean compiles
// everything with source info.
func loadSide(ctx context.Context, side checks.Side, in *sideFiles, stable *stableSet, shared map[string]linker.File, acc *accessor, pre sidePreparsed) (*Snapshot, error) {
	snap := &Snapshot{Label: side.Label, Layout: in.layout, stablePackages: map[string]bool{}}
	if side.FS == nil {
		snap.index(nil)
		return snap, nil
	}
	layout, names, mods, lean := in.layout, in.names, in.mods, acc.lean
	targets := make([]string, 0, len(names))
	for n := range names {
		if pkg, ok := stable.pkgs[n]; ok {
			snap.stablePackages[pkg] = true
			continue
		}
		if _, ok := pre.outline[n]; ok {
			continue
		}
		if pkg, ok := pre.settled[n]; ok {
			snap.stablePackages[pkg] = true
			continue
		}
		targets = append(targets, n)
	}
	sort.Strings(targets)

	var mu sync.Mutex
	var diags []checks.Diagnostic
	rep := reporter.NewReporter(func(e reporter.ErrorWithPos) error {
		pos := e.GetPosition()
		d := checks.Diagnostic{File: acc.sidePath(pos.Filename), Line: pos.Line, Column: pos.Col, Message: e.Unwrap().Error()}
		mu.Lock()
		diags = append(diags, d)
		mu.Unlock()
		return nil
	}, nil)
	source := protocompile.WithStandardImports(&protocompile.SourceResolver{Accessor: acc.open})
	var compiled sync.Map // name -> linker.File, of the first phase
	var full, thin []string
	isFull := map[string]bool{}
	for _, n := range targets {
		if lean != nil && lean(n) {
			thin = append(thin, n)
		} else {
			full = append(full, n)
			isFull[n] = true
		}
	}
	resolver := func(skip string) protocompile.Resolver {
		return protocompile.ResolverFunc(func(name string) (protocompile.SearchResult, error) {
			if f, ok := shared[name]; ok {
				return protocompile.SearchResult{Desc: f}, nil
			}
			if f, ok := compiled.Load(name); ok && name != skip {
				return protocompile.SearchResult{Desc: f.(linker.File)}, nil
			}
			// Files compiled with source info are the full targets and
			// the one being relocated; the others need none (parsePlain).
			plain := !isFull[name] && name != skip
			if a := pre.take(name, skip); a != nil {
				if plain {
					if res := plainFromAST(a); res != nil {
						return protocompile.SearchResult{ParseResult: res}, nil
					}
				}
				return protocompile.SearchResult{AST: a}, nil
			}
			r, err := source.FindFileByPath(name)
			if err == nil && r.Source != nil && plain {
				r, err = parsePlain(name, r.Source)
			}
			if errors.Is(err, fs.ErrNotExist) {
				err = &missingImportError{name: name, layout: layout}
			}
			return r, err
		})
	}
	var files linker.Files
	var err error
	for _, phase := range []struct {
		targets []string
		mode    protocompile.SourceInfoMode
	}{{full, protocompile.SourceInfoStandard}, {thin, protocompile.SourceInfoNone}} {
		if len(phase.targets) == 0 || ctx.Err() != nil {
			continue
		}
		for batch := range slices.Chunk(phase.targets, compileBatch) {
			compiler := protocompile.Compiler{Resolver: resolver(""), Reporter: rep, SourceInfoMode: phase.mode}
			got, perr := compiler.Compile(ctx, batch...)
			if err == nil {
				err = perr
			}
			for _, f := range got {
				if f != nil {
					remember(&compiled, f)
					files = append(files, f)
				}
			}
			if phase.mode != protocompile.SourceInfoNone {
				dropSourceInfoProtos(&compiled)
			}
		}
	}
	// relocate compiles one lean file again, with source info, for a
	// finding that needs a position in it.
	relocate := func(name string) protoreflect.SourceLocations {
		c := protocompile.Compiler{Resolver: resolver(name), Reporter: quietReporter, SourceInfoMode: protocompile.SourceInfoStandard}
		fs, err := c.Compile(ctx, name)
		if err != nil || len(fs) == 0 {
			return nil
		}
		return fs[0].SourceLocations()
	}
	if len(diags) > 0 {
		slices.SortFunc(diags, func(a, b checks.Diagnostic) int {
			return strings.Compare(fmt.Sprintf("%s:%09d:%09d", a.File, a.Line, a.Column), fmt.Sprintf("%s:%09d:%09d", b.File, b.Line, b.Column))
		})
		return nil, &checks.InputError{Side: side.Label, Diagnostics: slices.Compact(diags)}
	}
	if err != nil {
		if ctxErr := ctx.Err(); ctxErr != nil {
			return nil, ctxErr
		}
		d := checks.Diagnostic{Message: err.Error()}
		var ep reporter.ErrorWithPos
		if errors.As(err, &ep) {
			// An import that cannot be resolved is not reported through
			// the reporter; keep its position structured all the same.
			pos := ep.GetPosition()
			d = checks.Diagnostic{File: acc.sidePath(pos.Filename), Line: pos.Line, Column: pos.Col, Message: ep.Unwrap().Error()}
		}
		return nil, &checks.InputError{Side: side.Label, Diagnostics: []checks.Diagnostic{d}}
	}
	loaded := make([]*File, 0, len(files))
	for _, f := range files {
		lf := &File{
			Path:     f.Path(),
			SidePath: names[f.Path()],
			Module:   mods[f.Path()],
			Desc:     f,
		}
		if f.SourceLocations().Len() == 0 && lean != nil && lean(f.Path()) {
			name := f.Path()
			lf.relocate = func() protoreflect.SourceLocations { return relocate(name) }
			if h, ok := acc.header(name); ok {
				lf.header = &h
			}
		}
		loaded = append(loaded, lf)
	}
	for name, pkg := range pre.outline {
		lf := &File{Path: name, SidePath: names[name], Module: mods[name], Desc: outlineDesc(name, pkg), Outline: true}
		lf.relocate = func() protoreflect.SourceLocations { return relocate(name) }
		if h, ok := acc.header(name); ok {
			lf.header = &h
		}
		loaded = append(loaded, lf)
	}
	for _, f := range loaded {
		f.hash = acc.hashes[f.Path]
	}
	snap.hashes = acc.hashes
	snap.index(loaded)
	return snap, nil
}

func configDiagnostic(err error) checks.Diagnostic {
	var ce *configError
	if errors.As(err, &ce) {
		return checks.Diagnostic{File: ce.file, Line: ce.line, Message: ce.msg}
	}
	return checks.Diagnostic{Message: err.Error()}
}

func isProto(p string) bool { return strings.HasSuffix(p, ".proto") }

// accessor opens module-relative file names in the side's FS, trying every
// module root, and remembers a hash of every file it read.
type accessor struct {
	// ctx carries the limits of package internal/limits: a file beyond
	// the file-size or total-input-size limit is not compiled.
	ctx    context.Context
	fsys   fs.FS
	layout *Layout
	seed   maphash.Seed

	// lean says which files are compiled without source info: their
	// headers are scanned for the positions of their package and syntax
	// statements.
	lean func(string) bool
	// compared says whether a file (by name and side path) was read, and
	// counted against the total-input-size budget, when the two sides were
	// compared (findStable): it is then not counted again.
	compared func(name, p string) bool

	mu        sync.Mutex
	hashes    map[string]uint64 // by module-relative name
	sidePaths map[string]string // module-relative name -> side path
	headers   map[string]header // of lean files
}

// newAccessor returns an accessor of fsys, whose files are named as in
// layout; lean may be nil.
func newAccessor(ctx context.Context, fsys fs.FS, layout *Layout, seed maphash.Seed, lean func(string) bool, compared func(name, p string) bool) *accessor {
	return &accessor{ctx: ctx, fsys: fsys, layout: layout, seed: seed, hashes: map[string]uint64{}, sidePaths: map[string]string{}, headers: map[string]header{}, lean: lean, compared: compared}
}

// header returns the scanned header of a lean file.
func (a *accessor) header(name string) (header, bool) {
	a.mu.Lock()
	defer a.mu.Unlock()
	h, ok := a.headers[name]
	return h, ok
}

func (a *accessor) open(name string) (io.ReadCloser, error) {
	if !fs.ValidPath(name) {
		return nil, fs.ErrNotExist
	}
	fsys, p, label := a.fsys, "", ""
	rctx := a.ctx
	// A file read before by this accessor (the first pass parses files
	// that the compiler may read again), or when the sides were compared,
	// was counted against the total-input-size budget then.
	a.mu.Lock()
	_, again := a.hashes[name]
	a.mu.Unlock()
	if again {
		rctx = limits.Counted(rctx)
	}
	if sp, ok := a.layout.find(a.fsys, name); ok {
		p, label = sp, sp
		if a.compared != nil && a.compared(name, p) {
			rctx = limits.Counted(rctx)
		}
	} else {
		for _, d := range a.layout.deps {
			if dp := path.Join(d.root, name); exists(d.fsys, dp) {
				fsys, p, label = d.fsys, dp, d.label+": "+name
				break
			}
		}
	}
	if p == "" {
		return nil, fs.ErrNotExist
	}
	data, err := limits.ReadFile(rctx, fsys, p)
	if err != nil {
		return nil, err
	}
	if err := checkDepth(p, data, limits.From(a.ctx).Depth(), limits.From(a.ctx).MaxDeclarations); err != nil {
		return nil, err
	}
	h := maphash.Bytes(a.seed, data)
	var hdr header
	var scanned bool
	if a.lean != nil && a.lean(name) {
		hdr, scanned = scanHeader(data)
	}
	a.mu.Lock()
	a.hashes[name] = h
	a.sidePaths[name] = label
	if scanned {
		a.headers[name] = hdr
	}
	a.mu.Unlock()
	return io.NopCloser(bytes.NewReader(data)), nil
}

// sidePath maps a module-relative name back to the path users see.
func (a *accessor) sidePath(name string) string {
	a.mu.Lock()
	defer a.mu.Unlock()
	if p, ok := a.sidePaths[name]; ok {
		return p
	}
	return name
}

// identicalFiles marks every new file that is byte-identical to the old file
// of the same name and whose imports, transitively, are identical too. Such a
// file cannot hold a change, so the walk skips its elements.
func identicalFiles(oldSnap, newSnap *Snapshot) {
	memo := map[string]bool{}
	var same func(name string) bool
	same = func(name string) bool {
		if v, ok := memo[name]; ok {
			return v
		}
		memo[name] = false // import cycles are compile errors; stay safe anyway
		oh, inOld := oldSnap.hashes[name]
		nh, inNew := newSnap.hashes[name]
		switch {
		case !inOld && !inNew:
			// A standard import on both sides.
			memo[name] = true
			return true
		case inOld != inNew || oh != nh:
			return false
		}
		nf := newSnap.File(name)
		if nf == nil {
			return false
		}
		imps := nf.Desc.Imports()
		for i := 0; i < imps.Len(); i++ {
			if !same(imps.Get(i).Path()) {
				return false
			}
		}
		memo[name] = true
		return true
	}
	for _, nf := range newSnap.Files {
		if same(nf.Path) {
			nf.Identical = true
			if of := oldSnap.File(nf.Path); of != nil {
				of.Identical = true
			}
		}
	}
}
