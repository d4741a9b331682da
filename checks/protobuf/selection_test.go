package protobuf

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/contractlint/contractlint/checks"
	"github.com/contractlint/contractlint/checks/examples"
)

// TestNestedBufYAMLSelects: a buf v1 module kept in proto/ with its own
// buf.yaml (none at the root) chooses the rules as it gives the roots.
func TestNestedBufYAMLSelects(t *testing.T) {
	t.Parallel()
	side := checks.Side{FS: fstest.MapFS{
		"proto/buf.yaml":     {Data: []byte("version: v1\nbreaking:\n  use: [WIRE]\n  except: [NOPE]\n")},
		"proto/acme/a.proto": {Data: []byte("syntax = \"proto3\";\npackage acme;\n")},
	}, Files: []string{"proto/acme/a.proto"}}
	if _, err := New().DefaultSelection(side, New().Rules()); err == nil || !strings.HasPrefix(err.Error(), `proto/buf.yaml: breaking: unknown rule or category "NOPE"`) {
		t.Fatalf("got %v, want the nested buf.yaml named", err)
	}
	side.FS.(fstest.MapFS)["proto/buf.yaml"] = &fstest.MapFile{Data: []byte("version: v1\nbreaking:\n  use: [WIRE]\n")}
	sel, err := New().DefaultSelection(side, New().Rules())
	if err != nil || sel == nil || sel.Selected("FIELD_SAME_NAME") || !sel.Selected("FIELD_WIRE_COMPATIBLE_TYPE") {
		t.Errorf("selection %v, %v: want WIRE", sel, err)
	}
}

// TestDefaultSelection: a buf.yaml's breaking section chooses buf's rules
// (FILE when use: is empty), keeps the engine's other default rules and the
// example rule, and names the file when it names no rule.
func TestDefaultSelection(t *testing.T) {
	t.Parallel()
	rules := append(New().Rules(), examples.ProtoRejected, examples.Rejected)
	side := func(data string) checks.Side {
		if data == "" {
			return checks.Side{FS: fstest.MapFS{"a.proto": {}}}
		}
		return checks.Side{FS: fstest.MapFS{"buf.yaml": {Data: []byte(data)}}}
	}
	for _, tc := range []struct {
		name, yaml string
		on, off    []string
		none       bool
		wantErr    string
	}{
		{name: "no buf.yaml", none: true},
		{name: "no breaking section", yaml: "version: v2\n", none: true},
		{name: "WIRE", yaml: "version: v2\nbreaking:\n  use: [WIRE]\n",
			on:  []string{"FIELD_WIRE_COMPATIBLE_TYPE", "FIELD_ADD", "PROTO_EXAMPLE_REJECTED"},
			off: []string{"FIELD_SAME_TYPE", "FIELD_SAME_NAME"}},
		{name: "empty use is FILE", yaml: "version: v1\nbreaking:\n  except: [FIELD_SAME_NAME]\n",
			on:  []string{"FIELD_SAME_TYPE", "FIELD_ADD"},
			off: []string{"FIELD_SAME_NAME", "FIELD_WIRE_COMPATIBLE_TYPE"}},
		{name: "unknown rule", yaml: "version: v2\nbreaking:\n  except: [NO_SUCH_RULE]\n", wantErr: `buf.yaml: breaking: unknown rule or category "NO_SUCH_RULE"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			sel, err := New().DefaultSelection(side(tc.yaml), rules)
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("got %v, want %s", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if tc.none != (sel == nil) {
				t.Fatalf("selection %v, want none: %v", sel, tc.none)
			}
			for _, id := range tc.on {
				if !sel.Selected(id) {
					t.Errorf("%s not selected", id)
				}
			}
			for _, id := range tc.off {
				if sel.Selected(id) {
					t.Errorf("%s selected", id)
				}
			}
			if sel != nil && !sel.Selected(examples.Rejected.ID) {
				t.Errorf("another format's default rule (%s) lost", examples.Rejected.ID)
			}
		})
	}
}
