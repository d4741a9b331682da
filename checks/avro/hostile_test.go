package avro

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/contractlint/contractlint/checks"
	"github.com/contractlint/contractlint/internal/hostile"
)

// hostileSides returns the two sides of a hostile case.
func hostileSides(c hostile.Case) (oldSide, newSide checks.Side) {
	side := func(label string, data []byte) checks.Side {
		return checks.Side{FS: fstest.MapFS{c.File: {Data: data}}, Files: []string{c.File}, Label: label}
	}
	return side("old", c.Old), side("new", c.New)
}

// compatWork resolves the case both ways and returns how many pairs the
// checkers compared and how many incompatibilities they held in total: the
// work, counted rather than timed.
func compatWork(t *testing.T, c hostile.Case) int {
	t.Helper()
	oldSide, newSide := hostileSides(c)
	o, err := load(t.Context(), oldSide, oldSide.Files)
	if err != nil {
		t.Fatal(err)
	}
	n, err := load(t.Context(), newSide, newSide.Files)
	if err != nil {
		t.Fatal(err)
	}
	of, nf := o.files[c.File], n.files[c.File]
	back, fwd := newChecker(), newChecker()
	back.compat(nf.Root, of.Root, nf.Site, of.Site)
	fwd.compat(of.Root, nf.Root, of.Site, nf.Site)
	work := 0
	for _, ch := range []*checker{back, fwd} {
		for _, e := range ch.memo {
			work += 1 + len(e.list)
		}
	}
	return work
}

// TestHostileDAG: records that each use the next twice (inline and by name)
// cost their size, not their 2^30 paths, and the change at the bottom is
// reported once, at its place.
func TestHostileDAG(t *testing.T) {
	t.Parallel()
	c := hostile.AvroDAG(30)
	if work := compatWork(t, c); work > 20*30 {
		t.Errorf("compared %d pairs and incompatibilities for 31 records; want linear work", work)
	}
	oldSide, newSide := hostileSides(c)
	fs, err := New().Diff(t.Context(), checks.Request{Old: oldSide, New: newSide})
	if err != nil {
		t.Fatal(err)
	}
	if len(fs) != 1 || fs[0].Rule != TypeMismatch.ID || !strings.HasPrefix(fs[0].Message, "D30.x: type changed from int to string") {
		t.Fatalf("findings %v; want one TYPE_MISMATCH at D30.x", fs)
	}
	if want := "D30.x"; fs[0].Path != want || fs[0].Line != 31 {
		t.Errorf("located at line %d, %s; want line 31, %s", fs[0].Line, fs[0].Path, want)
	}
}

// TestHostileUnion: unions of thousands of record branches resolve branch
// by name, in linear work, with one finding per changed branch; renamed
// branches are each reported missing.
func TestHostileUnion(t *testing.T) {
	t.Parallel()
	const n = 1000
	c := hostile.AvroUnion(n)
	if work := compatWork(t, c); work > 20*n {
		t.Errorf("compared %d pairs and incompatibilities for %d branches; want linear work", work, n)
	}
	oldSide, newSide := hostileSides(c)
	fs, err := New().Diff(t.Context(), checks.Request{Old: oldSide, New: newSide})
	if err != nil {
		t.Fatal(err)
	}
	lines := map[int]bool{}
	for _, f := range fs {
		if f.Rule != ReaderFieldMissingDefaultValueBackward.ID {
			t.Fatalf("unexpected finding %v", f)
		}
		lines[f.Line] = true
	}
	if len(fs) != n || len(lines) != n {
		t.Errorf("%d findings on %d lines; want one per branch, %d", len(fs), len(lines), n)
	}

	// Every branch renamed: no reader branch can read any writer branch.
	renamed := c
	renamed.New = []byte(strings.ReplaceAll(string(c.Old), `"name": "R`, `"name": "S`))
	if work := compatWork(t, renamed); work > 20*n {
		t.Errorf("renamed branches: %d pairs and incompatibilities; want linear work", work)
	}
	oldSide, newSide = hostileSides(renamed)
	fs, err = New().Diff(t.Context(), checks.Request{Old: oldSide, New: newSide})
	if err != nil {
		t.Fatal(err)
	}
	counts := map[string]int{}
	for _, f := range fs {
		counts[f.Rule]++
	}
	if counts[MissingUnionBranchBackward.ID] != n || counts[MissingUnionBranchForward.ID] != n {
		t.Errorf("renamed branches: %v; want %d missing branches each way", counts, n)
	}
}
