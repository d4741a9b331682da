package avro

import (
	"errors"
	"testing"
	"testing/fstest"

	"github.com/contractlint/contractlint/checks"
)

func sideOf(label string, data []byte) checks.Side {
	return checks.Side{FS: fstest.MapFS{"s.avsc": {Data: data}}, Files: []string{"s.avsc"}, Label: label}
}

// FuzzParse feeds arbitrary bytes to the parser: it must never panic, must
// either load the schema or explain why with an *checks.InputError, and a
// schema that loads must have no changes against itself.
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		`"int"`, `["null", "string"]`, `{"type": "array", "items": "long"}`,
		`{"type": "record", "name": "R", "fields": [{"name": "a", "type": "int", "default": 1}, {"name": "r", "type": ["null", "R"], "default": null}]}`,
		`{"type": "enum", "name": "E", "symbols": ["A", "B"], "default": "A"}`,
		`{"type": "fixed", "name": "F", "size": 4, "logicalType": "decimal", "precision": 8, "scale": 2}`,
		`{"type": "map", "values": {"type": "record", "name": "n.V", "aliases": ["W"], "fields": []}}`,
		`{"type": "record", "name": "X", "fields": [{"name": "a", "type": "int",}]}`,
		`{"a": "\ud800"}`, `[[[[[[]]]]]]`, `{"type": "bytes", "logicalType": "decimal", "precision": 3, "scale": 4}`,
	} {
		f.Add([]byte(s))
	}
	other := []byte(`{"type": "record", "name": "R", "fields": [{"name": "a", "type": "long"}]}`)
	f.Fuzz(func(t *testing.T, data []byte) {
		e := New()
		fs, err := e.Diff(t.Context(), checks.Request{Old: sideOf("old", data), New: sideOf("new", data)})
		if err != nil {
			var ie *checks.InputError
			if !errors.As(err, &ie) || len(ie.Diagnostics) == 0 {
				t.Fatalf("error is not an input error with diagnostics: %v", err)
			}
			return
		}
		if len(fs) > 0 {
			t.Fatalf("schema differs from itself: %+v", fs)
		}
		for _, req := range []checks.Request{
			{Old: sideOf("old", data), New: sideOf("new", other)},
			{Old: sideOf("old", other), New: sideOf("new", data)},
		} {
			if _, err := e.Diff(t.Context(), req); err != nil {
				t.Fatalf("valid schemas failed to diff: %v", err)
			}
		}
	})
}

func TestMaxDecimalDigits(t *testing.T) {
	t.Parallel()
	for n, want := range map[int]int64{1: 2, 2: 4, 3: 6, 4: 9, 8: 18, 16: 38} {
		if got := maxDecimalDigits(n); got != want {
			t.Errorf("maxDecimalDigits(%d) = %d, want %d", n, got, want)
		}
	}
}

// FuzzDiff diffs two arbitrary inputs: never a panic, and either findings or
// an input error with diagnostics.
func FuzzDiff(f *testing.F) {
	pairs := [][2]string{
		{`{"type": "record", "name": "R", "fields": [{"name": "a", "type": "int"}]}`, `{"type": "record", "name": "R", "fields": [{"name": "a", "type": ["null", "long"], "default": null}]}`},
		{`{"type": "enum", "name": "E", "symbols": ["A", "B"], "default": "A"}`, `{"type": "enum", "name": "F", "aliases": ["E"], "symbols": ["B", "C"]}`},
		{`["null", {"type": "fixed", "name": "X", "size": 2}]`, `[{"type": "fixed", "name": "X", "size": 3}, "string"]`},
		{`{"type": "map", "values": {"type": "array", "items": "float"}}`, `{"type": "array", "items": {"type": "map", "values": "double"}}`},
		{`{"type": "record", "name": "L", "fields": [{"name": "n", "type": ["null", "L"]}]}`, `{"type": "record", "name": "L", "fields": [{"name": "m", "aliases": ["n"], "type": ["L", "null"]}]}`},
	}
	for _, p := range pairs {
		f.Add([]byte(p[0]), []byte(p[1]))
	}
	f.Fuzz(func(t *testing.T, a, b []byte) {
		_, err := New().Diff(t.Context(), checks.Request{Old: sideOf("old", a), New: sideOf("new", b)})
		if err != nil {
			var ie *checks.InputError
			if !errors.As(err, &ie) || len(ie.Diagnostics) == 0 {
				t.Fatalf("error is not an input error with diagnostics: %v", err)
			}
		}
	})
}
