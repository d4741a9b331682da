package contract

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/contractlint/contractlint/checks"
	"github.com/contractlint/contractlint/internal/gittest"
	"github.com/contractlint/contractlint/source"
)

const customerConfig = `contracts:
  - name: customer
    format: jsonschema
    path: schemas/customer.json
    version: %s
    examples: [examples/*.json]
`

func checkJSON(t *testing.T, dir string) (*Config, error) {
	t.Helper()
	cfg, err := Load(t.Context(), filepath.Join(dir, FileName))
	if err != nil {
		t.Fatal(err)
	}
	side, err := source.Dir(dir)
	if err != nil {
		t.Fatal(err)
	}
	g, err := source.OpenGit(t.Context(), dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { g.Close() })
	b, err := NewTags(t.Context(), g, "", FileName)
	if err != nil {
		t.Fatal(err)
	}
	rep, err := Check(t.Context(), cfg, &Tree{FS: side.FS, Files: side.Files, Label: "working tree"},
		Options{Engines: []checks.Engine{&fakeEngine{json: true}}, Baseline: b})
	if err != nil {
		return nil, err
	}
	c := rep.Contracts[0]
	if c.Status != StatusVersionTooLow || c.Required != "2.0.0" {
		t.Errorf("status %s %q", c.Status, c.Message)
	}
	if len(rep.Findings) != 1 || rep.Findings[0].Rule != "EXAMPLE_REJECTED" ||
		rep.Findings[0].Message != "example examples/adult.json of customer@1.0.0 is rejected by the proposed schema: at /age: expected string, but got number" {
		t.Errorf("findings = %+v", rep.Findings)
	}
	return cfg, nil
}

func TestPublishedExamplesMustStillValidate(t *testing.T) {
	t.Parallel()
	r := gittest.New(t)
	r.Commit("1.0.0", "contractlint.yaml", strings.ReplaceAll(customerConfig, "%s", "1.0.0"),
		"schemas/customer.json", `{"$schema": "https://json-schema.org/draft/2020-12/schema", "properties": {"age": {"type": "integer"}}}`,
		"examples/adult.json", `{"age": 42}`)
	r.Git("tag", "customer/v1.0.0")
	r.Write("contractlint.yaml", strings.ReplaceAll(customerConfig, "%s", "1.1.0"),
		"schemas/customer.json", `{"$schema": "https://json-schema.org/draft/2020-12/schema", "properties": {"age": {"type": "string"}}}`,
		"examples/adult.json", `{"age": "42"}`) // editing the example does not hide the break
	if _, err := checkJSON(t, r.Dir); err != nil {
		t.Fatal(err)
	}
	// A new example the proposed schema rejects is an input error.
	r.Write("examples/child.json", `{"age": 7}`)
	if _, err := checkJSON(t, r.Dir); err == nil || !strings.Contains(err.Error(), "examples/child.json: example is rejected by schemas/customer.json: at /age: expected string, but got number") {
		t.Errorf("invalid new example: %v", err)
	}
}

func TestExamplesNeedAJSONSchemaContract(t *testing.T) {
	t.Parallel()
	r := gittest.New(t)
	r.Commit("1.0.0", "contractlint.yaml", config("1.0.0", "    examples: [x.json]\n"), "proto/a.proto", "field a\n", "x.json", "{}")
	_, _, err := run(t, r.Dir)
	if err == nil || !strings.Contains(err.Error(), "contractlint.yaml:6:16: contract orders: examples are checked for jsonschema contracts only") {
		t.Errorf("protobuf examples: %v", err)
	}
}
