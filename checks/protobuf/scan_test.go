package protobuf

import (
	"bytes"
	"slices"
	"testing"

	"github.com/bufbuild/protocompile/parser"
	"github.com/bufbuild/protocompile/reporter"

	"github.com/contractlint/contractlint/internal/protogen"
)

var scanCases = []struct {
	name, src string
	pkg       string
	imports   []string
	ok        bool
}{
	{"plain", "syntax = \"proto3\";\npackage a.b;\nimport \"x.proto\";\nimport public 'y.proto';\nmessage M {}\n", "a.b", []string{"x.proto", "y.proto"}, true},
	{"no package", "syntax = \"proto2\";\nimport weak \"w.proto\";", "", []string{"w.proto"}, true},
	{"spaced and commented", "package /* c */ a . b // d\n ;\nimport \"a/\" \"b.proto\" ;", "a.b", []string{"a/b.proto"}, true},
	{"keywords inside bodies", "package p;\nmessage import { string package = 1; }\noption (x) = { import: \"no\" };\nimport \"late.proto\";", "p", []string{"late.proto"}, true},
	{"identifiers that are not statements", "package p;\nmessage M { import x = 1; }\nservice S { rpc package(A) returns (B); }", "p", nil, true},
	{"strings and comments with braces", "package p; // {\n/* } */ option a = \"{\"; import \"z.proto\";", "p", []string{"z.proto"}, true},
	{"editions", "edition = \"2023\";\npackage e;\nimport \"i.proto\";", "e", []string{"i.proto"}, true},
	{"import option is left to the compiler", "edition = \"2024\";\nimport option \"o.proto\";", "", nil, false},
	{"unterminated comment", "package p; /* never ends", "p", nil, false},
	{"unterminated string", "package p; import \"a.proto;\n", "p", nil, false},
	{"escape in import", "import \"a\\x2eproto\";", "", nil, false},
	{"invalid UTF-8 in import", "import\"\xf60\";", "", nil, false},
	{"unbalanced close", "package p; } import \"a.proto\";", "p", nil, false},
	{"unbalanced open", "package p; message M {", "p", nil, false},
	{"bad package", "package a..b;", "", nil, false},
	{"import without semicolon", "import \"a.proto\" message M {}", "", nil, false},
}

func TestScanHeader(t *testing.T) {
	t.Parallel()
	for _, c := range scanCases {
		h, ok := scanHeader([]byte(c.src))
		if ok != c.ok {
			t.Errorf("%s: ok = %v, want %v", c.name, ok, c.ok)
			continue
		}
		if !ok {
			continue
		}
		if h.pkg != c.pkg || !slices.Equal(h.imports, c.imports) {
			t.Errorf("%s: got package %q imports %q, want %q %q", c.name, h.pkg, h.imports, c.pkg, c.imports)
		}
	}
}

// TestScanHeaderAgreesWithParser compares the scanner with protocompile's
// parser on every file of a generated tree.
func TestScanHeaderAgreesWithParser(t *testing.T) {
	t.Parallel()
	n := 0
	err := protogen.Generate(protogen.Config{Seed: 5, Files: 200}).Each(func(p string, o, _ []byte) error {
		if o != nil {
			checkAgainstParser(t, p, o, true)
			n++
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n < 200 {
		t.Fatalf("only %d files checked", n)
	}
}

// checkAgainstParser fails when src parses but the scanner disagrees with the
// parser about its package or imports, or, when mustScan, gives up.
func checkAgainstParser(t *testing.T, name string, src []byte, mustScan bool) {
	t.Helper()
	h := reporter.NewHandler(reporter.NewReporter(func(reporter.ErrorWithPos) error { return nil }, nil))
	node, err := parser.Parse(name, bytes.NewReader(src), h)
	if err != nil {
		return
	}
	res, err := parser.ResultFromAST(node, false, h)
	if err != nil {
		return
	}
	got, ok := scanHeader(src)
	want := res.FileDescriptorProto()
	if !ok {
		if mustScan {
			t.Errorf("%s: the scanner gave up on a file that parses", name)
		}
		return
	}
	if got.pkg != want.GetPackage() || !slices.Equal(got.imports, want.GetDependency()) {
		t.Errorf("%s: scanner says package %q imports %q; parser says %q %q", name, got.pkg, got.imports, want.GetPackage(), want.GetDependency())
	}
}

// FuzzScanHeader checks that the scanner never panics and that, when it does
// not give up, it agrees with the parser on every input the parser accepts.
func FuzzScanHeader(f *testing.F) {
	for _, c := range scanCases {
		f.Add([]byte(c.src))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		checkAgainstParser(t, "fuzz.proto", src, false)
	})
}
