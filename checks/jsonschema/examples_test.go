package jsonschema

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/contractlint/contractlint/checks"
	"github.com/contractlint/contractlint/internal/limits"
)

// TestHugeNumber: a schema number jsonschema/v5 cannot take is found, so
// examples are not validated against it (it would panic).
func TestHugeNumber(t *testing.T) {
	t.Parallel()
	for doc, want := range map[string]string{
		`{"minLength": 1e99999999}`:                     "1e99999999",
		`{"maximum": -2.5E-1001, "minimum": 1e1000}`:    "-2.5E-1001",
		`{"maximum": 1e1000, "description": "1e99999"}`: "",
		`{"maximum": 100}`:                              "",
	} {
		if got := hugeNumber([]byte(doc)); got != want {
			t.Errorf("hugeNumber(%s) = %q, want %q", doc, got, want)
		}
	}
}

// TestExampleSchemaOptions: examples are validated with the engine's
// options: a $ref under a refs prefix reads the mapped file, and the draft
// option applies to a schema without $schema.
func TestExampleSchemaOptions(t *testing.T) {
	t.Parallel()
	fsys := fstest.MapFS{
		"schemas/customer.json": {Data: []byte(`{"properties": {"address": {"$ref": "https://acme.example/schemas/address.json"}}}`)},
		"schemas/address.json":  {Data: []byte(`{"properties": {"zip": {"type": "string"}}}`)},
		"schemas/old.json":      {Data: []byte(`{"properties": {"age": {"maximum": 10, "exclusiveMaximum": true}}}`)},
		"good.json":             {Data: []byte(`{"address": {"zip": "1000"}, "age": 9}`)},
		"bad.json":              {Data: []byte(`{"address": {"zip": 1000}, "age": 10}`)},
	}
	side := checks.Side{FS: fsys, Files: []string{"schemas/customer.json", "schemas/old.json"}, Label: "work"}
	refs := Options{Refs: map[string]string{"https://acme.example/schemas/": "schemas"}}
	if _, _, err := New().ExampleSchema(t.Context(), side, Options{}, "schemas/customer.json"); err == nil || !strings.Contains(err.Error(), "refusing to load https://acme.example/schemas/address.json") {
		t.Errorf("without refs: %v", err)
	}
	check, file, err := New().ExampleSchema(t.Context(), side, refs, "schemas/customer.json")
	if err != nil || file != "schemas/customer.json" {
		t.Fatalf("with refs: %v %q", err, file)
	}
	if msg := check(fsys, "good.json"); msg != "" {
		t.Errorf("good.json rejected: %s", msg)
	}
	if msg := check(fsys, "bad.json"); !strings.Contains(msg, "at /address/zip") {
		t.Errorf("bad.json: %q", msg)
	}
	if _, _, err := New().ExampleSchema(t.Context(), side, Options{}, "schemas/old.json"); err == nil {
		t.Error("a draft-04 schema compiled as 2020-12")
	}
	check, _, err = New().ExampleSchema(t.Context(), side, Options{Draft: "04"}, "schemas/old.json")
	if err != nil {
		t.Fatal(err)
	}
	if msg := check(fsys, "bad.json"); !strings.Contains(msg, "at /age") {
		t.Errorf("draft 04 exclusiveMaximum: %q", msg)
	}
	if _, _, err := New().ExampleSchema(t.Context(), side, Options{}, ""); err == nil || !strings.Contains(err.Error(), "the contract has 2 files") {
		t.Errorf("no schema named: %v", err)
	}
}

// TestExampleSchemaByID: a $ref to an absolute URI finds the file of a
// schema root whose $id it is, as a comparison does; outside the search
// roots nothing is found and nothing is fetched.
func TestExampleSchemaByID(t *testing.T) {
	t.Parallel()
	fsys := fstest.MapFS{
		"schemas/order.json": {Data: []byte(`{"properties": {"ship_to": {"$ref": "https://types.example/v1/address.json"}}}`)},
		"types/address.json": {Data: []byte(`{"$id": "https://types.example/v1/address.json", "properties": {"zip": {"type": "string"}}}`)},
		"bad.json":           {Data: []byte(`{"ship_to": {"zip": 1000}}`)},
	}
	side := checks.Side{FS: fsys, Files: []string{"schemas/order.json"}, Label: "work"}
	if _, _, err := New().ExampleSchema(t.Context(), side, Options{}, ""); err == nil || !strings.Contains(err.Error(), "refusing to load https://types.example/v1/address.json") {
		t.Errorf("outside the search roots: %v", err)
	}
	check, _, err := New().ExampleSchema(t.Context(), side, Options{SchemaRoots: []string{"types"}}, "")
	if err != nil {
		t.Fatal(err)
	}
	if msg := check(fsys, "bad.json"); !strings.Contains(msg, "at /ship_to/zip") {
		t.Errorf("bad.json: %q", msg)
	}
}

// TestYAMLExamples: YAML schemas and examples read through internal/doc:
// numbers exactly (a float64 would round 10^20+1 down to 10^20),
// aliases bounded, errors located.
func TestYAMLExamples(t *testing.T) {
	t.Parallel()
	fsys := fstest.MapFS{
		"s.yaml":     {Data: []byte("properties:\n  n: {maximum: 100000000000000000000}\n  h: {maximum: 0x10}\n")},
		"ok.yaml":    {Data: []byte("n: 100000000000000000000\nh: 16\n")},
		"big.yaml":   {Data: []byte("n: 100000000000000000001\n")},
		"hex.yaml":   {Data: []byte("h: 0x11\n")},
		"dup.yaml":   {Data: []byte("n: 1\nn: 2\n")},
		"laughs.yml": {Data: []byte("a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]\ng: [*f, *f]\n")},
	}
	check, _, err := New().ExampleSchema(t.Context(), checks.Side{FS: fsys, Files: []string{"s.yaml"}, Label: "work"}, Options{}, "")
	if err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]string{
		"ok.yaml":    "",
		"big.yaml":   "at /n",
		"hex.yaml":   "at /h",
		"dup.yaml":   `dup.yaml:2:1: key "n" repeats the one on line 1`,
		"laughs.yml": "laughs.yml:6:40: document expands to more than 1048576 values",
	} {
		if msg := check(fsys, name); want == "" && msg != "" || !strings.Contains(msg, want) {
			t.Errorf("%s: %q, want %q", name, msg, want)
		}
	}
}

// TestExampleLimits: example files come from the pull request like the
// schemas, and are read within the same limits (file size, nesting depth).
func TestExampleLimits(t *testing.T) {
	t.Parallel()
	fsys := fstest.MapFS{
		"schema.json": {Data: []byte(`{"type": "object"}`)},
		"big.json":    {Data: []byte(`{"a": "` + strings.Repeat("x", 300) + `"}`)},
		"deep.json":   {Data: []byte(strings.Repeat(`{"a": `, 20) + `1` + strings.Repeat(`}`, 20))},
		"deep.yaml":   {Data: []byte(strings.Repeat("[", 20) + strings.Repeat("]", 20))},
	}
	side := checks.Side{FS: fsys, Files: []string{"schema.json"}, Label: "work"}
	ctx := limits.With(t.Context(), limits.Limits{MaxFileSize: 200, MaxDepth: 10})
	check, _, err := New().ExampleSchema(ctx, side, Options{}, "")
	if err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]string{
		"big.json":  "exceeds the file size limit",
		"deep.json": "deep.json:1:",
		"deep.yaml": "deep.yaml:1:",
	} {
		if msg := check(fsys, name); !strings.Contains(msg, want) {
			t.Errorf("%s: %q; want it to say %q", name, msg, want)
		}
	}
}
