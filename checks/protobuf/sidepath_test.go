package protobuf

import (
	"testing"
	"testing/fstest"

	"github.com/contractlint/contractlint/checks"
)

func TestSidePaths(t *testing.T) {
	t.Parallel()
	bufYAML := &fstest.MapFile{Data: []byte("version: v2\nmodules:\n  - path: proto\n  - path: vendor/protos\n")}
	newFS := fstest.MapFS{
		"buf.yaml":              bufYAML,
		"proto/acme/v1/a.proto": {Data: []byte("syntax = \"proto3\";")},
		"vendor/protos/x.proto": {Data: []byte("syntax = \"proto3\";")},
		"acme/v1/a.proto":       {Data: []byte("not in a module")},
	}
	oldFS := fstest.MapFS{
		"buf.yaml":              bufYAML,
		"proto/acme/v1/a.proto": {Data: []byte("syntax = \"proto3\";")},
		"proto/gone.proto":      {Data: []byte("syntax = \"proto3\";")},
	}
	got, err := SidePaths(t.Context(), checks.Request{Old: checks.Side{FS: oldFS}, New: checks.Side{FS: newFS}}, []checks.Finding{
		{File: "acme/v1/a.proto", Line: 3, Rule: "FIELD_NO_DELETE"},
		{File: "x.proto", Line: 1, Rule: "MESSAGE_NO_DELETE"},
		{File: "gone.proto", Line: 1, Rule: "ENUM_NO_DELETE"},
		{File: "", Path: "gone.proto", Rule: "FILE_NO_DELETE"},
	})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"FIELD_NO_DELETE":   "proto/acme/v1/a.proto",
		"MESSAGE_NO_DELETE": "vendor/protos/x.proto",
		"ENUM_NO_DELETE":    "proto/gone.proto",
		"FILE_NO_DELETE":    "",
	}
	for _, f := range got {
		if f.File != want[f.Rule] {
			t.Errorf("%s: file %q, want %q", f.Rule, f.File, want[f.Rule])
		}
	}

	// Without module roots, names are already side paths.
	plain := fstest.MapFS{"a.proto": {Data: []byte("")}}
	got, err = SidePaths(t.Context(), checks.Request{Old: checks.Side{FS: plain}, New: checks.Side{FS: plain}}, []checks.Finding{{File: "a.proto"}})
	if err != nil || got[0].File != "a.proto" {
		t.Errorf("plain side: %v, %v", got, err)
	}
}
