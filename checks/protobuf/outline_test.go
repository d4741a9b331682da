package protobuf

import (
	"errors"
	"fmt"
	"slices"
	"testing"
	"testing/fstest"

	"github.com/contractlint/contractlint/checks"
)

// outlineSides returns two sides with many files on one side only: removed
// files of a package that still exists, added files of a new package, and
// one message that moved from a removed file into an added one, changing a
// field's type.
func outlineSides(extraNew map[string]string) (old, nw checks.Side) {
	ofs, nfs := fstest.MapFS{}, fstest.MapFS{}
	add := func(fsys fstest.MapFS, side *checks.Side, name, src string) {
		fsys[name] = &fstest.MapFile{Data: []byte("syntax = \"proto3\";\n" + src + "\n")}
		side.Files = append(side.Files, name)
	}
	old.FS, nw.FS = ofs, nfs
	for i := range 120 {
		add(ofs, &old, fmt.Sprintf("gone/g%03d.proto", i), fmt.Sprintf("package gone.v1;\nmessage G%d { string a = 1; }", i))
		add(nfs, &nw, fmt.Sprintf("fresh/f%03d.proto", i), fmt.Sprintf("package fresh.v1;\nmessage F%d { string a = 1; }", i))
	}
	add(ofs, &old, "gone/keep.proto", "package gone.v1;\nmessage Keep {}")
	add(nfs, &nw, "gone/keep.proto", "package gone.v1;\nmessage Keep { string b = 2; }")
	add(ofs, &old, "m/old.proto", "package m.v1;\nmessage Moved { message Inner { string a = 1; } }")
	add(nfs, &nw, "m/new.proto", "package m.v1;\nmessage Moved { message Inner { int64 a = 1; } }")
	for name, src := range extraNew {
		add(nfs, &nw, name, src)
	}
	slices.Sort(old.Files)
	slices.Sort(nw.Files)
	return old, nw
}

// TestOutlineFiles checks that files on one side only that share no name
// with the other side are not linked, that a moved message is still paired,
// and that the findings are those of a full compilation.
func TestOutlineFiles(t *testing.T) {
	old, nw := outlineSides(nil)
	o, n, err := loadSides(t.Context(), checks.Request{Old: old, New: nw}, false)
	if err != nil {
		t.Fatal(err)
	}
	if f := n.File("fresh/f000.proto"); f == nil || !f.Outline || f.Package() != "fresh.v1" {
		t.Errorf("an added file sharing no name should be an outline file of package fresh.v1: %+v", f)
	}
	if f := o.File("gone/g000.proto"); f == nil || !f.Outline {
		t.Errorf("a removed file sharing no name should be an outline file: %+v", f)
	}
	if f := n.File("m/new.proto"); f == nil || f.Outline || o.File("m/old.proto").Outline {
		t.Errorf("the files a message moved between must be linked")
	}
	fast := diffSnapshots(o, n, allRules())
	if !slices.ContainsFunc(fast, func(f checks.Finding) bool {
		return f.Rule == "FIELD_WIRE_COMPATIBLE_TYPE" && f.File == "m/new.proto" && f.Path == "m.v1.Moved.Inner.a"
	}) {
		t.Errorf("the moved message's field type change is missing: %+v", fast)
	}

	// Removed files are linked when a rule lists their elements, and
	// then every rule reports what a full compilation reports.
	o, n, err = loadSides(t.Context(), checks.Request{Old: old, New: nw}, true)
	if err != nil {
		t.Fatal(err)
	}
	if o.File("gone/g000.proto").Outline {
		t.Errorf("removed files must be linked when their elements are needed")
	}
	withRemoved := diffSnapshots(o, n, allRules())
	if !slices.ContainsFunc(withRemoved, func(f checks.Finding) bool { return f.Rule == "PACKAGE_MESSAGE_NO_DELETE" && f.Path == "gone.v1.G7" }) {
		t.Errorf("PACKAGE_MESSAGE_NO_DELETE is missing for a removed file's message")
	}
	saved := outlineMinFiles
	outlineMinFiles = 1 << 30
	defer func() { outlineMinFiles = saved }()
	o, n, err = loadSides(t.Context(), checks.Request{Old: old, New: nw}, true)
	if err != nil {
		t.Fatal(err)
	}
	full := diffSnapshots(o, n, allRules())
	if !slices.EqualFunc(withRemoved, full, func(a, b checks.Finding) bool { return a == b }) {
		t.Errorf("findings differ from a full compilation:\n got %+v\nwant %+v", withRemoved, full)
	}
	notPackage := func(fs []checks.Finding) []checks.Finding {
		return slices.DeleteFunc(slices.Clone(fs), func(f checks.Finding) bool { return ruleByID(f.Rule).removedElements })
	}
	if got, want := notPackage(fast), notPackage(full); !slices.EqualFunc(got, want, func(a, b checks.Finding) bool { return a == b }) {
		t.Errorf("outline findings differ from a full compilation:\n got %+v\nwant %+v", got, want)
	}
}

// TestOutlineFilesStillChecked checks that an added file that is not linked
// is still parsed: a syntax error, or an import that resolves nowhere, is
// reported as in any other file.
func TestOutlineFilesStillChecked(t *testing.T) {
	t.Parallel()
	for name, src := range map[string]string{
		"syntax error":   "package bad.v1;\nmessage Bad { string a = ; }",
		"missing import": "package bad.v1;\nimport \"nowhere/x.proto\";\nmessage Bad {}",
		"duplicate name": "package bad.v1;\nmessage Bad {}\nmessage Bad {}",
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			old, nw := outlineSides(map[string]string{"bad/bad.proto": src})
			_, _, err := loadSides(t.Context(), checks.Request{Old: old, New: nw}, false)
			var ie *checks.InputError
			if !errors.As(err, &ie) || len(ie.Diagnostics) == 0 || ie.Diagnostics[0].File != "bad/bad.proto" {
				t.Fatalf("err = %v, want an input error in bad/bad.proto", err)
			}
		})
	}
}

func ruleByID(id string) *rule {
	for _, r := range allRules() {
		if r.ID == id {
			return r
		}
	}
	return &rule{}
}
