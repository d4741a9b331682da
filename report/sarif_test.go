package report

import (
	"bytes"
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v5"

	"github.com/contractlint/contractlint/checks"
)

// sarifSchema compiles the SARIF 2.1.0 schema in testdata with a compiler
// of its own (no package-level loaders, nothing fetched).
func sarifSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	data, err := os.ReadFile("testdata/sarif-schema-2.1.0.json")
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat = true
	if err := c.AddResource("sarif-schema-2.1.0.json", bytes.NewReader(data)); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile("sarif-schema-2.1.0.json")
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func validateSARIF(s *jsonschema.Schema, data []byte) error {
	var v any
	if err := json.Unmarshal(data, &v); err != nil {
		return err
	}
	return s.Validate(v)
}

// SARIF output is valid SARIF 2.1.0, with rule metadata or without, for
// findings with and without files, lines and ignores, and for no findings.
func TestSARIFMatchesSchema(t *testing.T) {
	t.Parallel()
	s := sarifSchema(t)
	rule := &checks.Rule{ID: "FIELD_NO_DELETE", Format: checks.Protobuf, Categories: []string{"FILE", "WIRE"}, Default: true,
		Impact: checks.Major, Levels: checks.Source, Title: "Fields must not be deleted",
		Doc: "A deleted field breaks readers.\n\n```proto\n// old\nint64 total = 3;\n```", Deprecated: "FIELD_NO_DELETE_UNLESS_RESERVED"}
	lookup := func(id string) (*checks.Rule, bool) { return rule, id == rule.ID }
	noFile := New("diff", []checks.Finding{{Rule: "X", Impact: checks.None, Message: ""}, {Rule: "Y", Impact: checks.Patch, File: "a:b/c d.json", Message: "m"}})
	for name, r := range map[string]*Report{"check": checkSample(), "diff": sample(), "empty": New("diff", nil), "odd": noFile} {
		for _, sr := range []SARIF{{Lookup: lookup}, {}} {
			out := render(t, sr, r)
			if err := validateSARIF(s, out); err != nil {
				t.Errorf("%s: not valid SARIF 2.1.0: %v\n%s", name, err, out)
			}
		}
	}
	golden(t, "sample.sarif", render(t, SARIF{Lookup: lookup}, checkSample()))
}

// The schema check can fail: it rejects what SARIF forbids.
func TestSARIFSchemaRejects(t *testing.T) {
	t.Parallel()
	s := sarifSchema(t)
	good := string(render(t, SARIF{}, checkSample()))
	for _, bad := range []struct{ from, to string }{
		{`"level": "error"`, `"level": "fatal"`},
		{`"version": "2.1.0"`, `"version": "2.0.0"`},
		{`"startLine": 12`, `"startLine": 0`},
		{`"ruleId"`, `"ruleID"`},
	} {
		doc := strings.Replace(good, bad.from, bad.to, 1)
		if doc == good {
			t.Fatalf("%q not in the output", bad.from)
		}
		if err := validateSARIF(s, []byte(doc)); err == nil {
			t.Errorf("schema accepted %s", bad.to)
		}
	}
}
