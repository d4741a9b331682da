package protobuf

import (
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/contractlint/contractlint/checks"
)

func TestBufBreakingConfig(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name        string
		files       fstest.MapFS
		use, except []string
		found       bool
		wantErr     bool
	}{
		{name: "none", files: fstest.MapFS{"a.proto": {}}},
		{name: "v1", files: fstest.MapFS{"buf.yaml": {Data: []byte("version: v1\nbreaking:\n  use: [FILE]\n  except: [FIELD_SAME_NAME]\n")}},
			use: []string{"FILE"}, except: []string{"FIELD_SAME_NAME"}, found: true},
		{name: "v2", files: fstest.MapFS{"buf.yaml": {Data: []byte("version: v2\nmodules:\n  - path: proto\nbreaking:\n  use: [WIRE_JSON]\n")}},
			use: []string{"WIRE_JSON"}, found: true},
		{name: "v2 module", files: fstest.MapFS{"buf.yaml": {Data: []byte("version: v2\nmodules:\n  - path: proto\n    breaking:\n      use: [WIRE]\n")}},
			use: []string{"WIRE"}, found: true},
		{name: "workspace", files: fstest.MapFS{
			"buf.work.yaml":  {Data: []byte("version: v1\ndirectories: [a, b]\n")},
			"b/buf.yaml":     {Data: []byte("version: v1\nbreaking:\n  use: [PACKAGE]\n")},
			"a/x/x.proto":    {},
			"b/y/y.proto":    {},
			"b/y/other.json": {}},
			use: []string{"PACKAGE"}, found: true},
		{name: "deprecated ids", files: fstest.MapFS{"buf.yaml": {Data: []byte("version: v1\nbreaking:\n  use: [FILE, FIELD_SAME_CTYPE]\n  except: [FIELD_SAME_LABEL, FILE_SAME_PHP_GENERIC_SERVICES]\n")}},
			use: []string{"FILE", "FIELD_SAME_CPP_STRING_TYPE"}, except: []string{"FIELD_SAME_CARDINALITY", "FIELD_WIRE_COMPATIBLE_CARDINALITY", "FIELD_WIRE_JSON_COMPATIBLE_CARDINALITY"}, found: true},
		{name: "bad yaml", files: fstest.MapFS{"buf.yaml": {Data: []byte("version: v2\nbreaking: [\n")}}, wantErr: true},
		{name: "bad version", files: fstest.MapFS{"buf.yaml": {Data: []byte("version: v9\n")}}, wantErr: true},
		{name: "escaping path", files: fstest.MapFS{"buf.yaml": {Data: []byte("version: v2\nmodules:\n  - path: ../x\n")}}, wantErr: true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			use, except, found, err := bufBreakingConfig(checks.Side{FS: tc.files})
			if (err != nil) != tc.wantErr {
				t.Fatalf("err = %v, want error %v", err, tc.wantErr)
			}
			if found != tc.found || !slices.Equal(use, tc.use) || !slices.Equal(except, tc.except) {
				t.Errorf("got use=%v except=%v found=%v, want use=%v except=%v found=%v", use, except, found, tc.use, tc.except, tc.found)
			}
		})
	}
}

// TestIdenticalFilesSkipped checks that a byte-identical file is not even
// compiled (its package still counts), and that one importing a changed file
// is left out too when the changed file only gained symbols outside the
// importer's enclosing scopes (it is settled), and compiled and compared
// otherwise.
func TestIdenticalFilesSkipped(t *testing.T) {
	t.Parallel()
	same := []byte("syntax = \"proto3\";\npackage s;\nmessage S { string a = 1; }\n")
	for _, tc := range []struct {
		name, dep, depNew, userPkg string
		userCompiled               bool
		rule, file                 string // a finding expected
	}{
		{name: "additions elsewhere", dep: "message T { string a = 1; }", depNew: "message T { string a = 1; int32 b = 2; }\nmessage V {}", userPkg: "u",
			rule: "FIELD_ADD", file: "d.proto"},
		{name: "addition in the importer's parent package", dep: "message T { string a = 1; }", depNew: "message T { string a = 1; }\nmessage V {}", userPkg: "d.u",
			userCompiled: true, rule: "MESSAGE_ADD", file: "d.proto"},
		{name: "field type changed", dep: "message T { string a = 1; }", depNew: "message T { int32 a = 1; }", userPkg: "u",
			userCompiled: true, rule: "FIELD_SAME_TYPE", file: "d.proto"},
		{name: "kind changed", dep: "message T { string a = 1; }", depNew: "enum T { T_UNSPECIFIED = 0; }", userPkg: "u",
			userCompiled: true, rule: "FIELD_SAME_TYPE", file: "u.proto"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			user := []byte("syntax = \"proto3\";\npackage " + tc.userPkg + ";\nimport \"d.proto\";\nmessage U { d.T t = 1; }\n")
			dep := []byte("syntax = \"proto3\";\npackage d;\n" + tc.dep + "\n")
			depNew := []byte("syntax = \"proto3\";\npackage d;\n" + tc.depNew + "\n")
			old := checks.Side{FS: fstest.MapFS{"d.proto": {Data: dep}, "u.proto": {Data: user}, "s.proto": {Data: same}}, Files: []string{"d.proto", "s.proto", "u.proto"}}
			nw := checks.Side{FS: fstest.MapFS{"d.proto": {Data: depNew}, "u.proto": {Data: user}, "s.proto": {Data: same}}, Files: []string{"d.proto", "s.proto", "u.proto"}}
			o, n, err := loadSides(t.Context(), checks.Request{Old: old, New: nw}, true)
			if err != nil {
				t.Fatal(err)
			}
			findings := diffSnapshots(o, n, allRules())
			if n.File("s.proto") != nil || o.File("s.proto") != nil || !n.HasPackage("s") || !o.HasPackage("s") {
				t.Errorf("s.proto is identical and imports nothing: it should be left out but its package known")
			}
			if d := n.File("d.proto"); d == nil || d.Identical {
				t.Errorf("d.proto should be compiled and compared: %+v", d)
			}
			if u := n.File("u.proto"); (u != nil) != tc.userCompiled || !n.HasPackage(tc.userPkg) {
				t.Errorf("u.proto compiled = %v, want %v (package known: %v)", u != nil, tc.userCompiled, n.HasPackage(tc.userPkg))
			}
			if !slices.ContainsFunc(findings, func(f checks.Finding) bool { return f.Rule == tc.rule && f.File == tc.file }) {
				t.Errorf("findings = %+v, want %s in %s", findings, tc.rule, tc.file)
			}
		})
	}
}

// TestLargeConfig refuses buf configuration files larger than
// maxConfigSize, naming the file, without reading them whole.
func TestLargeConfig(t *testing.T) {
	t.Parallel()
	big := "version: v1\n# " + strings.Repeat("x", maxConfigSize) + "\n"
	proto := &fstest.MapFile{Data: []byte("syntax = \"proto3\";\npackage p;\nmessage M {}\n")}
	for name, fsys := range map[string]fstest.MapFS{
		"buf.yaml":       {"buf.yaml": {Data: []byte(big)}, "a.proto": proto},
		"buf.work.yaml":  {"buf.work.yaml": {Data: []byte(big)}, "a.proto": proto},
		"proto/buf.yaml": {"buf.work.yaml": {Data: []byte("version: v1\ndirectories: [proto]\n")}, "proto/buf.yaml": {Data: []byte(big)}, "proto/a.proto": proto},
		"buf.lock":       {"buf.yaml": {Data: []byte("version: v1\n")}, "buf.lock": {Data: []byte(big)}, "a.proto": proto},
	} {
		var files []string
		for p := range fsys {
			if strings.HasSuffix(p, ".proto") {
				files = append(files, p)
			}
		}
		side := checks.Side{FS: fsys, Files: files, Label: "new"}
		_, err := New().Diff(t.Context(), checks.Request{Old: side, New: side})
		if err == nil || !strings.Contains(err.Error(), name+": larger than 1 MiB") {
			t.Errorf("a %s of %d bytes: %v, want it refused", name, len(big), err)
		}
	}
}
