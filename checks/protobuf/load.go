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
	"github.com/bufbuild/protocompile/reporter"

	"github.com/contractlint/contractlint/checks"
)

// This file holds the loader: it turns one checks.Side into a compiled
// Snapshot. It is kept apart from the rules so that its performance can be
// tuned on its own.

// loadSides compiles the old and the new side in parallel. seed is shared by
// both sides so that file hashes can be compared across them.
func loadSides(ctx context.Context, req checks.Request) (oldSnap, newSnap *Snapshot, err error) {
	seed := maphash.MakeSeed()
	var wg sync.WaitGroup
	var oldErr, newErr error
	wg.Add(2)
	go func() {
		defer wg.Done()
		oldSnap, oldErr = loadSide(ctx, req.Old, seed)
	}()
	go func() {
		defer wg.Done()
		newSnap, newErr = loadSide(ctx, req.New, seed)
	}()
	wg.Wait()
	if err := errors.Join(oldErr, newErr); err != nil {
		return nil, nil, err
	}
	return oldSnap, newSnap, nil
}

// loadSide finds the side's module roots, compiles every .proto file of the
// side that lies in a module and indexes the result.
func loadSide(ctx context.Context, side checks.Side, seed maphash.Seed) (*Snapshot, error) {
	snap := &Snapshot{Label: side.Label}
	if side.FS == nil {
		snap.index(nil)
		return snap, nil
	}
	layout, err := readLayout(side.FS)
	if err != nil {
		return nil, &checks.InputError{Side: side.Label, Diagnostics: []checks.Diagnostic{configDiagnostic(err)}}
	}
	snap.Layout = layout
	// name (module-relative) -> side path
	names := map[string]string{}
	mods := map[string]*Module{}
	var dups []checks.Diagnostic
	for _, p := range side.Files {
		if !isProto(p) {
			continue
		}
		m, name, ok := layout.moduleOf(p)
		if !ok {
			continue
		}
		if prev, dup := names[name]; dup {
			dups = append(dups, checks.Diagnostic{File: p, Message: fmt.Sprintf("file name %q is also declared by %s (module roots must not overlap)", name, prev)})
			continue
		}
		names[name] = p
		mods[name] = m
	}
	if len(dups) > 0 {
		return nil, &checks.InputError{Side: side.Label, Diagnostics: dups}
	}
	targets := make([]string, 0, len(names))
	for n := range names {
		targets = append(targets, n)
	}
	sort.Strings(targets)

	acc := &accessor{fsys: side.FS, layout: layout, seed: seed, hashes: map[string]uint64{}, sidePaths: map[string]string{}}
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
	compiler := protocompile.Compiler{
		Resolver:       protocompile.WithStandardImports(&protocompile.SourceResolver{Accessor: acc.open}),
		Reporter:       rep,
		SourceInfoMode: protocompile.SourceInfoStandard,
	}
	files, err := compiler.Compile(ctx, targets...)
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
		return nil, &checks.InputError{Side: side.Label, Diagnostics: []checks.Diagnostic{{Message: err.Error()}}}
	}
	loaded := make([]*File, 0, len(files))
	for _, f := range files {
		loaded = append(loaded, &File{
			Path:     f.Path(),
			SidePath: names[f.Path()],
			Module:   mods[f.Path()],
			Desc:     f,
		})
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
	fsys   fs.FS
	layout *Layout
	seed   maphash.Seed

	mu        sync.Mutex
	hashes    map[string]uint64 // by module-relative name
	sidePaths map[string]string // module-relative name -> side path
}

func (a *accessor) open(name string) (io.ReadCloser, error) {
	if !fs.ValidPath(name) {
		return nil, fs.ErrNotExist
	}
	for _, m := range a.layout.Modules {
		p := path.Join(m.Root, name)
		if m.excluded(name) {
			continue
		}
		data, err := fs.ReadFile(a.fsys, p)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return nil, err
		}
		h := maphash.Bytes(a.seed, data)
		a.mu.Lock()
		a.hashes[name] = h
		a.sidePaths[name] = p
		a.mu.Unlock()
		return io.NopCloser(bytes.NewReader(data)), nil
	}
	return nil, fs.ErrNotExist
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
