package protobuf

import (
	"bytes"
	"context"
	"hash/maphash"
	"io"
	"io/fs"
	"sort"

	"github.com/bufbuild/protocompile"
	"github.com/bufbuild/protocompile/linker"

	"github.com/contractlint/contractlint/internal/limits"
)

// This file decides which files the loader may leave out of the compilation.
// A file is stable when it is byte-identical on both sides and everything it
// imports, transitively, is stable too (or a standard import): its compiled
// form is the same on both sides, so no rule can report anything in it. Every
// other file (changed, added, removed, or importing such a file) is compiled
// on the sides it exists on, together with what it imports. Proving that a
// file is stable costs a read of both copies and a scan of its package and
// import statements (see scan.go), a small part of compiling it.

// stableSet is the outcome: the stable files, their packages and imports.
type stableSet struct {
	// pkgs maps every stable file's module-relative name to its package.
	pkgs map[string]string
	// imports maps every stable file's name to the names it imports.
	imports map[string][]string
	// same holds every file byte-identical on both sides, stable or not
	// (an identical file that imports a changed one is compiled, unless
	// it is settled: see outline.go), or reworded (see reworded, never
	// stable), with its header.
	same    map[string]bool
	headers map[string]header
}

// stable reports whether the file with the given module-relative name is
// stable.
func (s *stableSet) stable(name string) bool {
	_, ok := s.pkgs[name]
	return ok
}

// findStable reads every file present on both sides (by module-relative name;
// the maps give each side's path of it) and returns the stable ones. isStd
// reports whether a name is a standard import the compiler provides.
func findStable(ctx context.Context, oldFS fs.FS, oldNames map[string]string, newFS fs.FS, newNames map[string]string, isStd func(string) bool) (*stableSet, error) {
	type result struct {
		name           string
		h              header
		same, reworded bool
	}
	common := make([]string, 0, len(newNames))
	for n := range newNames {
		if _, ok := oldNames[n]; ok {
			common = append(common, n)
		}
	}
	sort.Strings(common) // neighbours share a directory: see source.rootFS
	results := parallelMap(ctx, common, func() *[2][]byte { return new([2][]byte) }, func(bufs *[2][]byte, n string) result {
		// A file that cannot be read is unstable: the compiler meets it
		// and reports the problem.
		same, rew, h := compareAndScan(ctx, bufs, oldFS, oldNames[n], newFS, newNames[n])
		return result{name: n, h: h, same: same, reworded: rew}
	})
	headers := map[string]header{}
	var rewordedFiles []string
	for _, r := range results {
		if r.same || r.reworded {
			headers[r.name] = r.h
		}
		if r.reworded {
			rewordedFiles = append(rewordedFiles, r.name)
		}
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	// A file is unstable when it is not identical, when it imports a name
	// that resolves on neither side, or when it imports an unstable file.
	// Propagate instability from each unstable file to its importers.
	importers := map[string][]string{}
	var queue []string
	unstable := map[string]bool{}
	mark := func(n string) {
		if !unstable[n] {
			unstable[n] = true
			queue = append(queue, n)
		}
	}
	for n := range oldNames {
		if _, ok := headers[n]; !ok {
			mark(n)
		}
	}
	// A reworded file is compiled by each side from its own bytes.
	for _, n := range rewordedFiles {
		mark(n)
	}
	for n := range newNames {
		if _, ok := headers[n]; !ok {
			mark(n)
		}
	}
	for n, h := range headers {
		for _, imp := range h.imports {
			_, inOld := oldNames[imp]
			_, inNew := newNames[imp]
			if !inOld && !inNew && !isStd(imp) {
				mark(n)
			}
			importers[imp] = append(importers[imp], n)
		}
	}
	for len(queue) > 0 {
		n := queue[len(queue)-1]
		queue = queue[:len(queue)-1]
		for _, imp := range importers[n] {
			mark(imp)
		}
	}
	s := &stableSet{pkgs: map[string]string{}, imports: map[string][]string{}, same: map[string]bool{}, headers: headers}
	for n, h := range headers {
		s.same[n] = true
		if !unstable[n] {
			s.pkgs[n] = h.pkg
			s.imports[n] = h.imports
		}
	}
	return s, nil
}

// compareAndScan reads both copies of a file into bufs (a worker's own,
// reused from file to file: most files of a large tree are compared and
// dropped), within the file-size limit of ctx, and, when they are
// identical or reworded (see reworded) and scan cleanly, returns the
// file's header. A file that cannot be read, or is too large, is not
// stable: the compiler then meets it and reports the problem.
func compareAndScan(ctx context.Context, bufs *[2][]byte, oldFS fs.FS, oldPath string, newFS fs.FS, newPath string) (same, rew bool, h header) {
	// Both copies are read (and counted against the budget) even when the
	// old one cannot be: the loader reads them again without counting
	// them (see accessor.compared).
	ob, okOld := readInto(ctx, &bufs[0], oldFS, oldPath)
	nb, okNew := readInto(ctx, &bufs[1], newFS, newPath)
	if !okOld || !okNew {
		return false, false, header{}
	}
	same = bytes.Equal(ob, nb)
	if !same && !reworded(ob, nb) {
		return false, false, header{}
	}
	// The header's strings are copies (string conversions), not views of
	// the reused buffer.
	h, ok := scanHeader(nb)
	return ok && same, ok && !same, h
}

// reworded reports whether two versions of a file differ only in the
// comments and white space before their first statement, a syntax or
// edition statement, and are byte-identical from there on: most often a
// license header (489 of the 1,170 files googleapis changed over a year).
// Such a file declares, imports and documents the same on both sides: the
// comments before the syntax statement are its own (leading or detached),
// which no rule compares. Only the positions of what follows can differ,
// by the lines the header gained or lost, so the loader treats it like an
// identical file that each side compiles (and locates) from its own
// bytes, never like a stable one, which both sides share.
func reworded(a, b []byte) bool {
	ia, ta, oka := firstStatement(a)
	ib, tb, okb := firstStatement(b)
	return oka && okb && ta == tb && bytes.Equal(a[ia:], b[ib:])
}

// firstStatement returns the offset and keyword of the first token of src
// when it is a syntax or edition keyword.
func firstStatement(src []byte) (int, string, bool) {
	s := scanner{src: src}
	tok, kind := s.next()
	if kind != tokIdent || s.bad || (string(tok) != "syntax" && string(tok) != "edition") {
		return 0, "", false
	}
	return s.pos - len(tok), string(tok), true
}

// readInto reads a regular file of at most the file-size limit into *buf,
// growing it when needed, and counts it against the total-input-size
// budget.
func readInto(ctx context.Context, buf *[]byte, fsys fs.FS, name string) ([]byte, bool) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, false
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil || !st.Mode().IsRegular() || limits.CheckFileSize(ctx, name, st.Size()) != nil || limits.Charge(ctx, name, st.Size()) != nil {
		return nil, false
	}
	size := int(st.Size())
	if cap(*buf) < size+1 {
		*buf = make([]byte, size+1+size/4)
	}
	b := (*buf)[:size+1]
	n, err := io.ReadFull(f, b)
	if err != io.ErrUnexpectedEOF || n != size {
		// Shorter or longer than it said: leave it to the compiler.
		return nil, false
	}
	return b[:n], true
}

// compileShared compiles once, without source info, the stable files that
// the targets of both sides (module-relative names) import, directly or not,
// so that both sides reuse the result instead of compiling them twice. The
// targets' imports come from the first pass (pre), or from the identical
// files' scanned headers; a target that has neither did not parse, and
// its side compiles what it imports itself while reporting the problem.
// Stable files are identical on both sides: they are read from the new
// one, newFS. It returns nil when nothing is shared or when the shared
// compilation fails: each side then compiles those files itself and
// reports any problem with its own label.
func compileShared(ctx context.Context, newFS fs.FS, in [2]*sideFiles, stable *stableSet, pre *preparsed, targets [2][]string, seed maphash.Seed) map[string]linker.File {
	seen := map[string]bool{}
	var queue []string
	visit := func(imps []string) {
		for _, imp := range imps {
			if stable.stable(imp) && !seen[imp] {
				seen[imp] = true
				queue = append(queue, imp)
			}
		}
	}
	for side, names := range targets {
		for _, n := range names {
			if imps, ok := pre.imports[side][n]; ok {
				visit(imps)
			} else if h, ok := stable.headers[n]; ok {
				visit(h.imports)
			}
		}
	}
	for i := 0; i < len(queue); i++ {
		visit(stable.imports[queue[i]])
	}
	if len(queue) == 0 {
		return nil
	}
	sort.Strings(queue)
	acc := newAccessor(ctx, newFS, in[1].layout, seed, nil, compared(in[1], in[0]))
	c := protocompile.Compiler{
		Resolver: protocompile.WithStandardImports(&protocompile.SourceResolver{Accessor: acc.open}),
		Reporter: quietReporter,
	}
	files, err := c.Compile(ctx, queue...)
	if err != nil {
		return nil
	}
	shared := make(map[string]linker.File, len(files))
	for _, f := range files {
		shared[f.Path()] = f
	}
	return shared
}
