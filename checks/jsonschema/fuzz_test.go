package jsonschema

import (
	"errors"
	"testing"
	"testing/fstest"

	"github.com/contractlint/contractlint/checks"
	"github.com/contractlint/contractlint/internal/goldentest"
)

// fuzzDiff diffs old against new as JSON and as YAML files; the only
// acceptable failure is an InputError.
func fuzzDiff(t *testing.T, old, new []byte, policy Policy) {
	for _, name := range []string{"s.json", "s.yaml"} {
		side := func(label string, data []byte) checks.Side {
			return checks.Side{FS: fstest.MapFS{name: {Data: data}}, Files: []string{name}, Label: label + "/" + name}
		}
		_, err := New().Diff(t.Context(), checks.Request{Old: side("old", old), New: side("new", new), Options: opts(Options{Policy: policy})})
		var ie *checks.InputError
		if err != nil && !errors.As(err, &ie) {
			t.Fatalf("%s: got %T %v, want nil or an InputError", name, err, err)
		}
	}
}

// goldenPairs returns the old and new s.json of every golden case that
// has both: the rules' examples and more, as fuzzing seeds.
func goldenPairs(tb testing.TB) [][2][]byte {
	var out [][2][]byte
	for _, c := range goldentest.Load(tb, "testdata") {
		var pair [2][]byte
		for _, f := range c.Archive.Files {
			switch f.Name {
			case "old/s.json":
				pair[0] = f.Data
			case "new/s.json":
				pair[1] = f.Data
			}
		}
		if pair[0] != nil && pair[1] != nil {
			out = append(out, pair)
		}
	}
	return out
}

// FuzzLoad feeds arbitrary bytes to the loader (parsers, $ref resolution,
// model, validation): it must never panic.
func FuzzLoad(f *testing.F) {
	for _, p := range goldenPairs(f) {
		f.Add(p[0])
		f.Add(p[1])
	}
	f.Add([]byte("type: object\nproperties:\n  a: {type: string}\n"))
	f.Add([]byte(`{"$ref": "#/$defs/a", "$defs": {"a": {"$ref": "#/$defs/a"}}}`))
	f.Add([]byte(`{"$ref": "other.json#/x"}`))
	f.Add([]byte(`{"properties": {"a": {"$ref": "../up.json"}}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzDiff(t, data, data, Lenient)
	})
}

// FuzzCompare diffs two arbitrary documents under both policies: it must
// never panic.
func FuzzCompare(f *testing.F) {
	for _, p := range goldenPairs(f) {
		f.Add(p[0], p[1])
	}
	f.Add([]byte(`{"anyOf": [{"type": "string"}, {"$ref": "#"}]}`), []byte(`{"oneOf": [{"$ref": "#"}, {"type": "number"}]}`))
	f.Fuzz(func(t *testing.T, old, new []byte) {
		fuzzDiff(t, old, new, Lenient)
		fuzzDiff(t, old, new, Strict)
	})
}
