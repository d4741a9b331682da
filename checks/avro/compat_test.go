package avro

import (
	"testing"
	"testing/fstest"

	"github.com/contractlint/contractlint/checks"
)

// mustLoad parses one schema as a side of its own.
func mustLoad(t *testing.T, src string) *file {
	t.Helper()
	side := checks.Side{FS: fstest.MapFS{"s.avsc": {Data: []byte(src)}}, Files: []string{"s.avsc"}, Label: "test"}
	snap, err := load(t.Context(), side, side.Files)
	if err != nil {
		t.Fatalf("load %s: %v", src, err)
	}
	return snap.files["s.avsc"]
}

// TestResolutionTable checks reader/writer pairs whose verdicts follow from
// the "Schema Resolution" section of the Avro specification.
func TestResolutionTable(t *testing.T) {
	t.Parallel()
	const (
		rec1   = `{"type": "record", "name": "R", "fields": [{"name": "a", "type": "int"}]}`
		recDef = `{"type": "record", "name": "R", "fields": [{"name": "a", "type": "int"}, {"name": "b", "type": "string", "default": "x"}]}`
		recNew = `{"type": "record", "name": "R", "fields": [{"name": "a", "type": "int"}, {"name": "b", "type": "string"}]}`
	)
	for _, c := range []struct {
		why            string
		reader, writer string
		want           []string // incompatibility kinds, in order; none means compatible
	}{
		{"identical primitives match", `"string"`, `"string"`, nil},
		{"int is promotable to long", `"long"`, `"int"`, nil},
		{"int is promotable to float", `"float"`, `"int"`, nil},
		{"int is promotable to double", `"double"`, `"int"`, nil},
		{"long is promotable to float", `"float"`, `"long"`, nil},
		{"long is promotable to double", `"double"`, `"long"`, nil},
		{"float is promotable to double", `"double"`, `"float"`, nil},
		{"string is promotable to bytes", `"bytes"`, `"string"`, nil},
		{"bytes is promotable to string", `"string"`, `"bytes"`, nil},
		{"long is not readable as int", `"int"`, `"long"`, []string{kindTypeMismatch}},
		{"double is not readable as float", `"float"`, `"double"`, []string{kindTypeMismatch}},
		{"boolean is not readable as string", `"string"`, `"boolean"`, []string{kindTypeMismatch}},
		{"arrays resolve their items", `{"type": "array", "items": "long"}`, `{"type": "array", "items": "int"}`, nil},
		{"array items must resolve", `{"type": "array", "items": "int"}`, `{"type": "array", "items": "long"}`, []string{kindTypeMismatch}},
		{"maps resolve their values", `{"type": "map", "values": "double"}`, `{"type": "map", "values": "float"}`, nil},
		{"a map is not an array", `{"type": "map", "values": "int"}`, `{"type": "array", "items": "int"}`, []string{kindTypeMismatch}},
		{"a reader field the writer lacks needs a default", recNew, rec1, []string{kindFieldMissingDefault}},
		{"a reader field with a default may be missing from the writer", recDef, rec1, nil},
		{"writer fields the reader lacks are ignored", rec1, recNew, nil},
		{"records must have the same unqualified name", `{"type": "record", "name": "S", "fields": []}`, `{"type": "record", "name": "R", "fields": []}`, []string{kindNameMismatch}},
		{"a reader alias matches the writer's full name", `{"type": "record", "name": "S", "aliases": ["R"], "fields": []}`, `{"type": "record", "name": "R", "fields": []}`, nil},
		{"a writer alias does not help the reader", `{"type": "record", "name": "S", "fields": []}`, `{"type": "record", "name": "R", "aliases": ["S"], "fields": []}`, []string{kindNameMismatch}},
		{"a namespace-only change resolves", `{"type": "record", "name": "a.R", "fields": []}`, `{"type": "record", "name": "b.R", "fields": []}`, nil},
		{"a reader field alias matches a writer field", `{"type": "record", "name": "R", "fields": [{"name": "z", "aliases": ["a"], "type": "int"}]}`, rec1, nil},
		{"fixed sizes must match", `{"type": "fixed", "name": "F", "size": 4}`, `{"type": "fixed", "name": "F", "size": 8}`, []string{kindFixedSize}},
		{"enum symbols the reader lacks fail", `{"type": "enum", "name": "E", "symbols": ["A"]}`, `{"type": "enum", "name": "E", "symbols": ["A", "B"]}`, []string{kindEnumSymbols}},
		{"an enum default absorbs unknown symbols", `{"type": "enum", "name": "E", "symbols": ["A"], "default": "A"}`, `{"type": "enum", "name": "E", "symbols": ["A", "B"]}`, nil},
		{"extra reader symbols are fine", `{"type": "enum", "name": "E", "symbols": ["A", "B"]}`, `{"type": "enum", "name": "E", "symbols": ["A"]}`, nil},
		{"a reader union needs a branch for the writer", `["null", "string"]`, `"string"`, nil},
		{"a reader union branch may promote", `["null", "double"]`, `"int"`, nil},
		{"a reader union without a match fails", `["null", "string"]`, `"int"`, []string{kindUnionBranch}},
		{"every writer branch must be readable", `"string"`, `["null", "string"]`, []string{kindTypeMismatch}},
		{"each missing writer branch is reported", `["null"]`, `["null", "int", "string"]`, []string{kindUnionBranch, kindUnionBranch}},
		{"union branch order does not matter", `["string", "int"]`, `["int", "string"]`, nil},
		{"an empty writer union is always readable", `"int"`, `[]`, nil},
		{"a recursive record resolves", `{"type": "record", "name": "L", "fields": [{"name": "h", "type": "long"}, {"name": "t", "type": ["null", "L"]}]}`,
			`{"type": "record", "name": "L", "fields": [{"name": "h", "type": "int"}, {"name": "t", "type": ["null", "L"]}]}`, nil},
		{"a recursive record reports its mismatch once", `{"type": "record", "name": "L", "fields": [{"name": "h", "type": "int"}, {"name": "t", "type": ["null", "L"]}]}`,
			`{"type": "record", "name": "L", "fields": [{"name": "h", "type": "long"}, {"name": "t", "type": ["null", "L"]}]}`, []string{kindTypeMismatch}},
		{"every incompatibility is reported", `{"type": "record", "name": "R", "fields": [{"name": "a", "type": "string"}, {"name": "n", "type": "int"}]}`,
			`{"type": "record", "name": "R", "fields": [{"name": "a", "type": "boolean"}]}`, []string{kindTypeMismatch, kindFieldMissingDefault}},
		{"a decimal reader with more precision reads the writer's values", `{"type": "bytes", "logicalType": "decimal", "precision": 7, "scale": 2}`, `{"type": "bytes", "logicalType": "decimal", "precision": 5, "scale": 2}`, nil},
		{"a decimal reader with less precision may not", `{"type": "bytes", "logicalType": "decimal", "precision": 4, "scale": 2}`, `{"type": "bytes", "logicalType": "decimal", "precision": 5, "scale": 2}`, []string{kindDecimal}},
		{"decimal scale must match", `{"type": "bytes", "logicalType": "decimal", "precision": 5, "scale": 2}`, `{"type": "bytes", "logicalType": "decimal", "precision": 5, "scale": 1}`, []string{kindDecimal}},
		{"timestamp units must match", `{"type": "long", "logicalType": "timestamp-micros"}`, `{"type": "long", "logicalType": "timestamp-millis"}`, []string{kindLogical}},
		{"unknown logical types are ignored", `{"type": "long", "logicalType": "epoch-weeks"}`, `"long"`, nil},
	} {
		r, w := mustLoad(t, c.reader), mustLoad(t, c.writer)
		got := newChecker().compat(r.Root, w.Root, r.Site, w.Site)
		var kinds []string
		for _, in := range got {
			kinds = append(kinds, in.kind)
		}
		if len(kinds) != len(c.want) {
			t.Errorf("%s: got %v, want %v", c.why, kinds, c.want)
			continue
		}
		for i := range kinds {
			if kinds[i] != c.want[i] {
				t.Errorf("%s: got %v, want %v", c.why, kinds, c.want)
				break
			}
		}
	}
}
