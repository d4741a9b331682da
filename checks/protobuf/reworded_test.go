package protobuf

import (
	"slices"
	"testing"
	"testing/fstest"

	"github.com/contractlint/contractlint/checks"
)

func TestReworded(t *testing.T) {
	const body = "syntax = \"proto3\";\npackage p;\n// A message.\nmessage M { string a = 1; }\n"
	for _, c := range []struct {
		a, b string
		want bool
	}{
		{"// Copyright 2023\n" + body, "// Copyright 2024\n// Licensed.\n\n" + body, true},
		{body, "/* A\n   block. */ " + body, true},
		{"// x\nedition = \"2023\";\n", "// y\nedition = \"2023\";\n", true},
		{"// x\n" + body, "// x\n" + body, true}, // identical: callers compare bytes first
		{"// x\n" + body, "// x\n" + body + "\n", false},
		{body, "syntax = \"proto3\";\npackage p;\n// Another message.\nmessage M { string a = 1; }\n", false},
		{"// x\npackage p;\n", "// y\npackage p;\n", false},                    // no syntax statement: the comment may be a message's
		{"// x\nmessage M {}\n", "// y\nmessage M {}\n", false},                // idem
		{"/* open\n" + body, "/* open\n" + body, false},                        // an unterminated comment
		{"// x\nsyntax = \"proto3\";\n", "// x\nedition = \"2023\";\n", false}, // another statement
	} {
		if got := reworded([]byte(c.a), []byte(c.b)); got != c.want {
			t.Errorf("reworded(%q, %q) = %v, want %v", c.a, c.b, got, c.want)
		}
	}
}

// TestRewordedFiles compares a file whose license header grew by three
// lines, which imports a file whose message became an enum: the reworded
// file is neither parsed by the first pass nor shared between the sides,
// and the findings in it are located in its new version.
func TestRewordedFiles(t *testing.T) {
	r := "syntax = \"proto3\";\npackage p;\nimport \"c.proto\";\n// An R.\nmessage R {\n  M m = 1;\n}\n"
	old := checks.Side{Label: "old", Files: []string{"c.proto", "r.proto"}, FS: fstest.MapFS{
		"r.proto": {Data: []byte("// Copyright 2023\n" + r)},
		"c.proto": {Data: []byte("syntax = \"proto3\";\npackage p;\nmessage M { string a = 1; }\n")},
	}}
	nw := checks.Side{Label: "new", Files: []string{"c.proto", "r.proto"}, FS: fstest.MapFS{
		"r.proto": {Data: []byte("// Copyright 2024\n// Licensed under the terms\n// of the license.\n\n" + r)},
		"c.proto": {Data: []byte("syntax = \"proto3\";\npackage p;\nenum M { M_UNSPECIFIED = 0; }\n")},
	}}
	stable, err := findStable(t.Context(), old.FS, map[string]string{"c.proto": "c.proto", "r.proto": "r.proto"}, nw.FS, map[string]string{"c.proto": "c.proto", "r.proto": "r.proto"}, isStandardImport)
	if err != nil {
		t.Fatal(err)
	}
	if !stable.same["r.proto"] || stable.stable("r.proto") {
		t.Errorf("r.proto: same %v, stable %v; want a reworded file, same but not stable", stable.same["r.proto"], stable.stable("r.proto"))
	}
	findings, err := New().Diff(t.Context(), checks.Request{Old: old, New: nw})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range findings {
		if f.File == "r.proto" {
			got = append(got, f.Rule)
			if f.Line != 10 || f.Column != 3 {
				t.Errorf("%s located at r.proto:%d:%d, want 10:3 (the new version's line)", f.Rule, f.Line, f.Column)
			}
		}
	}
	slices.Sort(got)
	if want := []string{"FIELD_KIND_CHANGED", "FIELD_SAME_CARDINALITY", "FIELD_SAME_TYPE", "FIELD_WIRE_COMPATIBLE_TYPE", "FIELD_WIRE_JSON_COMPATIBLE_TYPE"}; !slices.Equal(got, want) {
		t.Errorf("findings in r.proto: %v, want %v", got, want)
	}
}
