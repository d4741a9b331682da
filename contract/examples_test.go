package contract

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/contractlint/contractlint/checks"
	"github.com/contractlint/contractlint/checks/protobuf"
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

func TestExamplesConfiguration(t *testing.T) {
	t.Parallel()
	r := gittest.New(t)
	r.Commit("1.0.0", "contractlint.yaml", config("1.0.0", "    examples: [x.json]\n"), "proto/a.proto", "field a\n", "x.json", "{}")
	_, _, err := run(t, r.Dir)
	if err == nil || !strings.Contains(err.Error(), "contractlint.yaml:6:16: contract orders: protobuf examples need the message they are instances of") {
		t.Errorf("protobuf examples without a message: %v", err)
	}
	r.Write("contractlint.yaml", config("1.0.0", "    examples: [{path: x.json, message: acme.Msg, schema: proto/a.proto}]\n"))
	if _, _, err := run(t, r.Dir); err == nil || !strings.Contains(err.Error(), "schema: is for JSON Schema examples") {
		t.Errorf("protobuf examples with a schema: %v", err)
	}
}

// Protobuf examples are protobuf JSON instances of a message, checked with
// protojson against the compiled proposal (imports resolve from the
// package's root).
func TestPublishedProtobufExamples(t *testing.T) {
	t.Parallel()
	const (
		order = "syntax = \"proto3\";\npackage acme.orders.v1;\nimport \"acme/common/v1/money.proto\";\nimport \"google/protobuf/timestamp.proto\";\n" +
			"message Order {\n  string id = 1;\n  acme.common.v1.Money total = 2;\n  google.protobuf.Timestamp at = 3;\n}\n"
		money = "syntax = \"proto3\";\npackage acme.common.v1;\nmessage Money { int64 units = 1; string currency = 2; }\n"
		cfg   = "contracts:\n  - name: orders\n    format: protobuf\n    path: proto/acme/orders/v1\n    version: %s\n" +
			"    examples: [{path: examples/*.json, message: acme.orders.v1.Order}]\n"
	)
	r := gittest.New(t)
	r.Commit("1.0.0", "contractlint.yaml", strings.ReplaceAll(cfg, "%s", "1.0.0"),
		"buf.yaml", "version: v2\nmodules:\n  - path: proto\n",
		"proto/acme/orders/v1/orders.proto", order, "proto/acme/common/v1/money.proto", money,
		"examples/big.json", `{"id": "o-1", "total": {"units": "12", "currency": "EUR"}, "at": "2024-01-02T03:04:05Z"}`)
	r.Git("tag", "orders/v1.0.0")
	r.Write("contractlint.yaml", strings.ReplaceAll(cfg, "%s", "1.0.1"),
		"proto/acme/orders/v1/orders.proto", strings.Replace(order, "  acme.common.v1.Money total = 2;\n", "  reserved 2;\n", 1))
	cfgFile, err := Load(t.Context(), filepath.Join(r.Dir, FileName))
	if err != nil {
		t.Fatal(err)
	}
	side, err := source.Dir(r.Dir)
	if err != nil {
		t.Fatal(err)
	}
	g, err := source.OpenGit(t.Context(), r.Dir)
	if err != nil {
		t.Fatal(err)
	}
	defer g.Close()
	b, err := NewTags(t.Context(), g, "", FileName)
	if err != nil {
		t.Fatal(err)
	}
	rep, err := Check(t.Context(), cfgFile, &Tree{FS: side.FS, Files: side.Files, Label: "working tree"},
		Options{Engines: []checks.Engine{protobuf.New()}, Baseline: b})
	if err != nil {
		t.Fatal(err)
	}
	var found bool
	for _, f := range rep.Findings {
		if f.Rule == "PROTO_EXAMPLE_REJECTED" {
			found = true
			if f.File != "proto/acme/orders/v1/orders.proto" || !strings.Contains(f.Message, "example examples/big.json of orders@1.0.0 is rejected by the proposed schema") || !strings.Contains(f.Message, `unknown field "total"`) {
				t.Errorf("finding = %+v", f)
			}
		}
	}
	if !found || rep.Contracts[0].Required != "2.0.0" {
		t.Errorf("findings = %+v, contract %+v", rep.Findings, rep.Contracts[0])
	}
}

// With the schema and the examples unchanged nothing is validated again,
// so a published example the unchanged schema always rejected is no news;
// a new example is validated.
func TestUnchangedExamplesAreNotRevalidated(t *testing.T) {
	t.Parallel()
	schema := `{"$schema": "https://json-schema.org/draft/2020-12/schema", "properties": {"age": {"type": "integer"}}}`
	r := gittest.New(t)
	r.Commit("1.0.0", "contractlint.yaml", strings.ReplaceAll(customerConfig, "%s", "1.0.0"),
		"schemas/customer.json", schema, "examples/wrong.json", `{"age": "x"}`)
	r.Git("tag", "customer/v1.0.0")
	cfg, err := Load(t.Context(), filepath.Join(r.Dir, FileName))
	if err != nil {
		t.Fatal(err)
	}
	check := func() error {
		side, err := source.Dir(r.Dir)
		if err != nil {
			t.Fatal(err)
		}
		g, err := source.OpenGit(t.Context(), r.Dir)
		if err != nil {
			t.Fatal(err)
		}
		defer g.Close()
		b, err := NewTags(t.Context(), g, "", FileName)
		if err != nil {
			t.Fatal(err)
		}
		rep, err := Check(t.Context(), cfg, &Tree{FS: side.FS, Files: side.Files, Label: "working tree"},
			Options{Engines: []checks.Engine{&fakeEngine{json: true}}, Baseline: b})
		if err == nil && rep.Contracts[0].Status != StatusUnchanged {
			t.Errorf("status %s %q", rep.Contracts[0].Status, rep.Contracts[0].Message)
		}
		return err
	}
	if err := check(); err != nil {
		t.Errorf("unchanged: %v", err)
	}
	r.Write("examples/new.json", `{"age": "y"}`)
	if err := check(); err == nil || !strings.Contains(err.Error(), "examples/new.json: example is rejected") {
		t.Errorf("a new example: %v", err)
	}
}
