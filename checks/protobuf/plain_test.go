package protobuf

import (
	"errors"
	"testing"
	"testing/fstest"

	"github.com/contractlint/contractlint/checks"
	"github.com/contractlint/contractlint/internal/limits"
)

// plainSides returns a changed file that starts to import a file added on
// the new side, which the loader parses without source info when it
// compiles the changed file (parsePlain), with dep as the added file.
func plainSides(dep string) (old, nw checks.Side) {
	old = checks.Side{Label: "old", Files: []string{"a.proto"}, FS: fstest.MapFS{
		"a.proto": {Data: []byte("syntax = \"proto3\";\npackage p;\nmessage A { string x = 1; }\n")},
	}}
	nw = checks.Side{Label: "new", Files: []string{"a.proto", "dep.proto"}, FS: fstest.MapFS{
		"a.proto":   {Data: []byte("syntax = \"proto3\";\npackage p;\nimport \"dep.proto\";\n// A, now with a D.\nmessage A {\n  string x = 1;\n  D d = 2;\n}\n")},
		"dep.proto": {Data: []byte(dep)},
	}}
	return old, nw
}

// TestPlainDependencies checks that a file compiled as a dependency of a
// file with source info gets none (parsePlain) and is still located where
// a finding needs it (through File.relocate), that the files compiled with
// source info keep theirs,
// and that a dependency with a syntax error is reported at its position,
// having been read once.
func TestPlainDependencies(t *testing.T) {
	old, nw := plainSides("syntax = \"proto3\";\npackage p;\n\n// D is new.\nmessage D { string y = 1; }\n")
	findings, err := New().Diff(t.Context(), checks.Request{Old: old, New: nw})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][3]any{
		"FIELD_ADD":      {"a.proto", 7, 3},
		"COMMENT_CHANGE": {"a.proto", 5, 1},
		"FILE_ADD":       {"dep.proto", 2, 1},
	}
	for _, f := range findings {
		if w, ok := want[f.Rule]; ok {
			if got := [3]any{f.File, f.Line, f.Column}; got != w {
				t.Errorf("%s located at %v, want %v", f.Rule, got, w)
			}
			delete(want, f.Rule)
		}
	}
	for rule := range want {
		t.Errorf("no %s finding in %+v", rule, findings)
	}

	_, n, err := loadSides(t.Context(), checks.Request{Old: old, New: nw}, false)
	if err != nil {
		t.Fatal(err)
	}
	if got := n.File("dep.proto").Desc.SourceLocations().Len(); got != 0 {
		t.Errorf("the added dependency was compiled with source info (%d locations)", got)
	}
	if got := n.File("a.proto").Desc.SourceLocations().Len(); got == 0 {
		t.Error("the changed file was compiled without source info")
	}
	if loc := n.File("dep.proto").Loc([]int32{4, 0}); loc.Line != 5 || loc.Column != 1 {
		t.Errorf("message D located at %d:%d through relocation, want 5:1", loc.Line, loc.Column)
	}

	// Under a total-input-size limit that holds every file once: the
	// broken dependency is read once, not again for the compiler.
	old, nw = plainSides("syntax = \"proto3\";\npackage p;\nmessage D { string y = ; }\n")
	total := 0
	for _, side := range []checks.Side{old, nw} {
		for _, f := range side.FS.(fstest.MapFS) {
			total += len(f.Data)
		}
	}
	ctx := limits.With(t.Context(), limits.Limits{MaxTotalSize: int64(total)})
	_, err = checks.Run(ctx, []checks.Engine{New()}, checks.Request{Old: old, New: nw}, checks.Options{})
	var in *checks.InputError
	if !errors.As(err, &in) || len(in.Diagnostics) == 0 || in.Diagnostics[0].File != "dep.proto" || in.Diagnostics[0].Line != 3 {
		t.Errorf("a dependency with a syntax error: %v, want an input error at dep.proto:3", err)
	}
}
