package avro

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/contractlint/contractlint/checks"
)

func TestLongestIncreasing(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		in   []int
		want []bool
	}{
		{nil, []bool{}},
		{[]int{0, 1, 2}, []bool{true, true, true}},
		{[]int{2, 0, 1}, []bool{false, true, true}},
		{[]int{1, 0}, []bool{false, true}},
		{[]int{0, 3, 1, 2, 4}, []bool{true, false, true, true, true}},
	} {
		if got := longestIncreasing(c.in); !slices.Equal(got, c.want) {
			t.Errorf("longestIncreasing(%v) = %v, want %v", c.in, got, c.want)
		}
	}
}

// TestLargeSchemas keeps the engine near-linear: a record of 20,000 fields
// in reverse order and an enum of 20,000 symbols diff in well under the
// time a quadratic walk would take.
func TestLargeSchemas(t *testing.T) {
	t.Parallel()
	const n = 20000
	build := func(reverse bool, extra string) []byte {
		var fields, symbols []string
		for i := range n {
			j := i
			if reverse {
				j = n - 1 - i
			}
			fields = append(fields, fmt.Sprintf(`{"name": "f%d", "type": "int"}`, j))
			symbols = append(symbols, fmt.Sprintf(`"S%d"`, j))
		}
		return []byte(fmt.Sprintf(`{"type": "record", "name": "Big", "fields": [%s, {"name": "e", "type": {"type": "enum", "name": "E", "symbols": [%s%s]}}]}`,
			strings.Join(fields, ", "), strings.Join(symbols, ", "), extra))
	}
	side := func(data []byte) checks.Side {
		return checks.Side{FS: fstest.MapFS{"big.avsc": {Data: data}}, Files: []string{"big.avsc"}}
	}
	start := time.Now()
	fs, err := New().Diff(t.Context(), checks.Request{Old: side(build(false, "")), New: side(build(true, `, "NEW"`))})
	if err != nil {
		t.Fatal(err)
	}
	if elapsed := time.Since(start); elapsed > 20*time.Second {
		t.Errorf("diff of large schemas took %v", elapsed)
	}
	moved := 0
	for _, f := range fs {
		if f.Rule == FieldMoved.ID {
			moved++
		}
	}
	if moved != n-1 {
		t.Errorf("got %d FIELD_MOVED findings, want %d (all but one field of the reversed record)", moved, n-1)
	}
	if !slices.ContainsFunc(fs, func(f checks.Finding) bool { return f.Rule == MissingEnumSymbolsForward.ID }) {
		t.Error("the added symbol was not reported")
	}
}

// TestLargeUnion keeps a union of thousands of records linear: each writer
// branch is tried against the reader branch of its own name first.
func TestLargeUnion(t *testing.T) {
	t.Parallel()
	const n = 5000
	var branches []string
	for i := range n {
		branches = append(branches, fmt.Sprintf(`{"type": "record", "name": "R%d", "fields": [{"name": "a", "type": "int"}]}`, i))
	}
	data := []byte("[" + strings.Join(branches, ", ") + "]")
	side := func(data []byte) checks.Side {
		return checks.Side{FS: fstest.MapFS{"u.avsc": {Data: data}}, Files: []string{"u.avsc"}}
	}
	start := time.Now()
	fs, err := New().Diff(t.Context(), checks.Request{Old: side(data), New: side(data)})
	if err != nil || len(fs) > 0 {
		t.Fatalf("identical unions: %v %v", fs, err)
	}
	if elapsed := time.Since(start); elapsed > 20*time.Second {
		t.Errorf("diff of a %d-branch union took %v", n, elapsed)
	}
}
