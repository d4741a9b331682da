package protobuf

import (
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/contractlint/contractlint/checks"
)

// TestDataRules checks that the DATA rules stay out of buf's categories (so
// that --rules WIRE means exactly buf), run by default and break data; the
// levels of every rule are pinned in checks/registry/testdata/levels.txt.
func TestDataRules(t *testing.T) {
	t.Parallel()
	for _, r := range dataRules {
		if !slices.Equal(r.Categories, []string{catData}) || !r.Default || r.Levels&checks.Data == 0 || r.Impact != checks.Major {
			t.Errorf("rule %s: categories %v, default %v, levels %v, impact %v; want [%s], true, data, major", r.ID, r.Categories, r.Default, r.Levels, r.Impact, catData)
		}
	}
	for _, id := range narrowedRules {
		i := slices.IndexFunc(breakingRules, func(r *rule) bool { return r.ID == id })
		if i < 0 || breakingRules[i].Levels != checks.Source || Levels(breakingRules[i].Rule) != checks.Source {
			t.Errorf("narrowed rule %s is not one of buf's rules with source levels", id)
		}
	}
}

// TestDataVerdicts checks the data verdict (for readers of binary and of
// JSON data) and the source verdict of whole-engine runs under the default
// selection, for changes whose wire compatibility buf's categories alone
// would misjudge.
func TestDataVerdicts(t *testing.T) {
	t.Parallel()
	// A case's old and new bodies are proto3 unless they start with their
	// own syntax line.
	cases := []struct {
		name, old, new string
		// wire and json: backward, forward compatible; source compatible.
		wireBack, wireFwd, jsonBack, jsonFwd, source bool
	}{
		{"int32 to int64", "message M { int32 a = 1; }", "message M { int64 a = 1; }", true, true, false, false, false},
		{"int32 to enum", "message M { int32 a = 1; }", "enum E { E_UNSPECIFIED = 0; }\nmessage M { E a = 1; }", true, true, false, false, false},
		{"int32 to string", "message M { int32 a = 1; }", "message M { string a = 1; }", false, false, false, false, false},
		{"field deleted", "message M { int32 a = 1; string b = 2; }", "message M { int32 a = 1; }", true, true, false, false, false},
		{"field deleted, reserved", "message M { int32 a = 1; string b = 2; }", "message M { int32 a = 1; reserved 2; reserved \"b\"; }", true, true, true, true, false},
		{"string to repeated", "message M { string a = 1; }", "message M { repeated string a = 1; }", true, true, false, false, false},
		{"int32 to repeated", "message M { int32 a = 1; }", "message M { repeated int32 a = 1; }", false, false, false, false, false},
		{"single field into a new oneof", "message M { int32 a = 1; }", "message M { oneof o { int32 a = 1; } }", true, true, true, true, false},
		{"two fields into a new oneof", "message M { int32 a = 1; int32 b = 2; }", "message M { oneof o { int32 a = 1; int32 b = 2; } }", false, true, false, true, false},
		{"oneof renamed", "message M { oneof o { int32 a = 1; int32 b = 2; } }", "message M { oneof p { int32 a = 1; int32 b = 2; } }", true, true, true, true, false},
		{"member moved out of a oneof", "message M { oneof o { int32 a = 1; int32 b = 2; } }", "message M { int32 a = 1; oneof o { int32 b = 2; } }", true, false, true, false, false},
		{"optional to required (proto2)", "syntax = \"proto2\";\nmessage M { optional int32 a = 1; }", "syntax = \"proto2\";\nmessage M { required int32 a = 1; }", false, false, false, false, false},
		{"optional to unpacked repeated (proto2)", "syntax = \"proto2\";\nmessage M { optional int32 a = 1; }", "syntax = \"proto2\";\nmessage M { repeated int32 a = 1; }", true, true, false, false, false},
		{"member deleted from a oneof", "message M { oneof o { int32 a = 1; int32 b = 2; } }", "message M { oneof o { int32 a = 1; } reserved 2; reserved \"b\"; }", false, true, false, true, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			side := func(label, body string) checks.Side {
				if !strings.HasPrefix(body, "syntax") {
					body = "syntax = \"proto3\";\n" + body
				}
				return checks.Side{FS: fstest.MapFS{"p.proto": {Data: []byte(body + "\n")}}, Files: []string{"p.proto"}, Label: label}
			}
			findings, err := checks.Run(t.Context(), []checks.Engine{New()}, checks.Request{Old: side("old", c.old), New: side("new", c.new)}, checks.Options{})
			if err != nil {
				t.Fatal(err)
			}
			w, j := checks.VerdictFor(findings, checks.Wire).Compatible, checks.VerdictFor(findings, checks.JSON).Compatible
			s := checks.VerdictOf(findings).Compatible.Source
			if w.Backward != c.wireBack || w.Forward != c.wireFwd || j.Backward != c.jsonBack || j.Forward != c.jsonFwd || s != c.source {
				t.Errorf("wire %v/%v json %v/%v source %v; want wire %v/%v json %v/%v source %v\nfindings: %+v",
					w.Backward, w.Forward, j.Backward, j.Forward, s, c.wireBack, c.wireFwd, c.jsonBack, c.jsonFwd, c.source, findings)
			}
		})
	}
}
