package avro

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

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

// largeRecord is a record of n int fields, in reverse order when asked, and
// an enum of n symbols followed by extra.
func largeRecord(n int, reverse bool, extra string) checks.Side {
	var fields, symbols []string
	for i := range n {
		j := i
		if reverse {
			j = n - 1 - i
		}
		fields = append(fields, fmt.Sprintf(`{"name": "f%d", "type": "int"}`, j))
		symbols = append(symbols, fmt.Sprintf(`"S%d"`, j))
	}
	data := fmt.Sprintf(`{"type": "record", "name": "Big", "fields": [%s, {"name": "e", "type": {"type": "enum", "name": "E", "symbols": [%s%s]}}]}`,
		strings.Join(fields, ", "), strings.Join(symbols, ", "), extra)
	return checks.Side{FS: fstest.MapFS{"big.avsc": {Data: []byte(data)}}, Files: []string{"big.avsc"}}
}

// largeUnion is a union of n records, each named after its position.
func largeUnion(n int) checks.Side {
	var branches []string
	for i := range n {
		branches = append(branches, fmt.Sprintf(`{"type": "record", "name": "R%d", "fields": [{"name": "a", "type": "int"}]}`, i))
	}
	data := "[" + strings.Join(branches, ", ") + "]"
	return checks.Side{FS: fstest.MapFS{"u.avsc": {Data: []byte(data)}}, Files: []string{"u.avsc"}}
}

// TestLargeSchemas diffs a record of 20,000 fields in reverse order and an
// enum of 20,000 symbols and checks every move is found. It is not timed: the
// cost is measured by BenchmarkLargeSchemas and scripts/hostile.sh, where the
// machine's load cannot decide a test's verdict.
func TestLargeSchemas(t *testing.T) {
	t.Parallel()
	const n = 20000
	fs, err := New().Diff(t.Context(), checks.Request{Old: largeRecord(n, false, ""), New: largeRecord(n, true, `, "NEW"`)})
	if err != nil {
		t.Fatal(err)
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

// TestLargeUnion diffs a union of thousands of records with itself: each
// writer branch must find the reader branch of its own name.
func TestLargeUnion(t *testing.T) {
	t.Parallel()
	u := largeUnion(5000)
	fs, err := New().Diff(t.Context(), checks.Request{Old: u, New: u})
	if err != nil || len(fs) > 0 {
		t.Fatalf("identical unions: %v %v", fs, err)
	}
}

// BenchmarkLargeSchemas measures the reversed 20,000-field record; its time
// per op grows about linearly with n (O(n log n) move detection).
func BenchmarkLargeSchemas(b *testing.B) {
	req := checks.Request{Old: largeRecord(20000, false, ""), New: largeRecord(20000, true, `, "NEW"`)}
	for b.Loop() {
		if _, err := New().Diff(b.Context(), req); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkLargeUnion measures a 5,000-branch union diffed with itself.
func BenchmarkLargeUnion(b *testing.B) {
	u := largeUnion(5000)
	req := checks.Request{Old: u, New: u}
	for b.Loop() {
		if _, err := New().Diff(b.Context(), req); err != nil {
			b.Fatal(err)
		}
	}
}
