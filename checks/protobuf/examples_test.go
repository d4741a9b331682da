package protobuf

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/contractlint/contractlint/checks"
)

// TestExampleSchema: a message is compiled with the options' roots (the
// import lives in a root outside the contract's files) and examples are
// protobuf JSON; a name that is not a message, or not declared, is an error.
func TestExampleSchema(t *testing.T) {
	t.Parallel()
	fsys := fstest.MapFS{
		"api/acme/v1/a.proto":     {Data: []byte("syntax = \"proto3\";\npackage acme.v1;\nimport \"dep/d.proto\";\nmessage A { dep.D d = 1; }\nenum E { E_UNSPECIFIED = 0; }\n")},
		"third_party/dep/d.proto": {Data: []byte("syntax = \"proto3\";\npackage dep;\nmessage D { int64 n = 1; }\n")},
		"ok.json":                 {Data: []byte(`{"d": {"n": "12"}}`)},
		"bad.json":                {Data: []byte(`{"d": {"m": 1}}`)},
	}
	side := checks.Side{FS: fsys, Files: []string{"api/acme/v1/a.proto"}, Label: "work"}
	opts := Options{Roots: []string{"api", "third_party"}}
	check, file, err := New().ExampleSchema(t.Context(), side, opts, "acme.v1.A")
	if err != nil || file != "api/acme/v1/a.proto" {
		t.Fatalf("got %q, %v", file, err)
	}
	if msg := check(fsys, "ok.json"); msg != "" {
		t.Errorf("ok.json: %s", msg)
	}
	if msg := check(fsys, "bad.json"); !strings.Contains(msg, `unknown field "m"`) {
		t.Errorf("bad.json: %q", msg)
	}
	if _, _, err := New().ExampleSchema(t.Context(), side, Options{}, "acme.v1.A"); err == nil || !strings.Contains(err.Error(), `import "dep/d.proto" not found`) {
		t.Errorf("without roots: %v", err)
	}
	if _, _, err := New().ExampleSchema(t.Context(), side, opts, "acme.v1.E"); err == nil || err.Error() != "acme.v1.E is not a message" {
		t.Errorf("an enum: %v", err)
	}
	if _, _, err := New().ExampleSchema(t.Context(), side, opts, "dep.D"); err == nil || err.Error() != "message dep.D is not declared in the contract's files" {
		t.Errorf("an imported message: %v", err)
	}
}
