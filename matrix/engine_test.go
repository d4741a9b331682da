package matrix

import (
	"context"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/contractlint/contractlint/checks"
	"github.com/contractlint/contractlint/checks/registry"
	"github.com/contractlint/contractlint/contract"
)

// These tests compare real contracts with the real engines, through the same
// path `matrix update` takes (Repo → contract.Check → checks.Run).

const ordersProto = `syntax = "proto3";
package acme.orders.v1;

message Order {
  string id = 1;
%s}
`

func proto(fields ...string) string {
	var b strings.Builder
	for _, f := range fields {
		b.WriteString("  " + f + "\n")
	}
	return strings.Replace(ordersProto, "%s", b.String(), 1)
}

const paymentAvsc = `{"type": "record", "name": "Payment", "namespace": "acme", "fields": [
  {"name": "id", "type": "string"}%s
]}`

// memPublisher publishes in-memory trees, one per version.
type memPublisher map[string]map[string]fstest.MapFS // contract → version → tree

func (p memPublisher) Published(_ context.Context, c *contract.Contract) ([]contract.Published, error) {
	var out []contract.Published
	for v, fsys := range p[c.Name] {
		ver, err := contract.ParseVersion(v)
		if err != nil {
			return nil, err
		}
		out = append(out, contract.Published{Version: &ver, Label: c.Name + "@" + v, Tree: memTree(fsys, c.Name+"@"+v), Paths: c.Paths})
	}
	return out, nil
}

func memTree(fsys fstest.MapFS, label string) *contract.Tree {
	t := &contract.Tree{FS: fsys, Label: label}
	for name := range fsys {
		t.Files = append(t.Files, name)
	}
	slices.Sort(t.Files)
	return t
}

const repoConfig = `contracts:
  - name: orders
    format: protobuf
    path: acme/orders/v1/orders.proto
    version: 2.0.0
  - name: payment
    format: avro
    path: payment.avsc
    version: 1.1.0
producers:
  orders-service: { orders: "2.0.0" }
  legacy-orders: { orders: "1.4.0" }
  payments: { payment: ["1.0.0", "1.1.0"] }
consumers:
  billing:   { orders: "^1.2", payment: "1.1.0" }
  analytics: { orders: ">=1.0.0 <3.0.0", payment: "1.0.0" }
`

func repoSource(t *testing.T) (*Repo, *Declarations) {
	t.Helper()
	cfg, err := contract.Parse("contractlint.yaml", []byte(repoConfig))
	if err != nil {
		t.Fatal(err)
	}
	d, err := DecodeConfig(cfg)
	if err != nil {
		t.Fatal(err)
	}
	const op = "acme/orders/v1/orders.proto"
	pub := memPublisher{
		"orders": {
			"1.0.0": {op: {Data: []byte(proto("int64 total = 2;"))}},
			"1.2.0": {op: {Data: []byte(proto("int64 total = 2;", "string note = 3;"))}},
			"1.4.0": {op: {Data: []byte(proto("int64 total = 2;", "string note = 3;", "string channel = 4;"))}},
		},
		"payment": {
			"1.0.0": {"payment.avsc": {Data: []byte(strings.Replace(paymentAvsc, "%s", "", 1))}},
		},
	}
	work := memTree(fstest.MapFS{
		op: {Data: []byte(proto("string note = 3;", "string channel = 4;"))}, // 2.0.0 deletes total
		// 1.1.0 adds a field without a default: a 1.1.0 reader cannot read
		// 1.0.0 data; a 1.0.0 reader ignores it in 1.1.0 data.
		"payment.avsc":      {Data: []byte(strings.Replace(paymentAvsc, "%s", `, {"name": "currency", "type": "string"}`, 1))},
		"contractlint.yaml": {Data: []byte(repoConfig)},
	}, "working tree")
	return NewRepo(cfg, work, pub, registry.Engines()), d
}

func TestEngineMatrixNamesTheBrokenConsumer(t *testing.T) {
	t.Parallel()
	src, d := repoSource(t)
	m := evaluate(t, src, d, nil)
	b := verdict(t, m, "orders", "billing", "2.0.0")
	if b.Status != Incompatible {
		t.Fatalf("billing on orders 2.0.0 = %+v, want incompatible", b)
	}
	cell, _ := m.Contract("orders").Cell("2.0.0", b.Reader)
	// FIELD_NO_DELETE (FILE) breaks generated code only, and so does
	// FIELD_NO_DELETE_UNLESS_NUMBER_RESERVED (binary readers skip the
	// deleted field); the JSON-level twin outside the selection decides the
	// data cell: JSON readers reject the unknown name.
	data := cell.FindingsFor(checks.Data)
	if !slices.ContainsFunc(data, func(f checks.Finding) bool {
		return f.Rule == "FIELD_NO_DELETE_UNLESS_NAME_RESERVED" && f.Path == "acme.orders.v1.Order.total"
	}) || slices.ContainsFunc(data, func(f checks.Finding) bool {
		return f.Rule == "FIELD_NO_DELETE" || f.Rule == "FIELD_NO_DELETE_UNLESS_NUMBER_RESERVED"
	}) {
		t.Errorf("deciding findings = %+v, want FIELD_NO_DELETE_UNLESS_NAME_RESERVED on acme.orders.v1.Order.total and none of the source-only deletion rules", data)
	}
	for _, tc := range []struct{ contract, consumer, writer string }{
		{"orders", "analytics", "2.0.0"}, {"orders", "analytics", "1.4.0"}, {"orders", "billing", "1.4.0"},
	} {
		if v := verdict(t, m, tc.contract, tc.consumer, tc.writer); v.Status != Compatible {
			t.Errorf("%s on %s %s = %+v, want compatible", tc.consumer, tc.contract, tc.writer, v)
		}
	}
	// Avro: the 1.1.0 reader (billing) cannot read 1.0.0 data, the 1.0.0
	// reader (analytics) reads 1.1.0 data.
	if v := verdict(t, m, "payment", "billing", "1.0.0"); v.Status != Incompatible {
		t.Errorf("billing (reader 1.1.0) on payment 1.0.0 = %+v, want incompatible", v)
	}
	if v := verdict(t, m, "payment", "analytics", "1.1.0"); v.Status != Compatible {
		t.Errorf("analytics (reader 1.0.0) on payment 1.1.0 = %+v, want compatible", v)
	}

	// Nothing changed: a second run through the file compares nothing.
	cache, err := Parse("contract-matrix.yaml", Marshal(m))
	if err != nil {
		t.Fatal(err)
	}
	src2, _ := repoSource(t)
	if warm := evaluate(t, src2, d, cache); warm.Stats.Compared != 0 {
		t.Errorf("warm run compared %d pairs", warm.Stats.Compared)
	}
}

func TestEngineCanIDeploy(t *testing.T) {
	t.Parallel()
	src, d := repoSource(t)
	got, err := CanIDeploy(t.Context(), Query{Service: "orders-service", Role: Producer}, CanIDeployInput{Decls: d, Source: src})
	if err != nil {
		t.Fatal(err)
	}
	rows := got.Deciding()
	if got.Answer != No || len(rows) != 1 || rows[0].Consumer != "billing" || rows[0].Findings[0].Rule != "FIELD_NO_DELETE_UNLESS_NAME_RESERVED" {
		t.Errorf("answer %s, deciding %s", got.Answer, describeRows(rows))
	}
	got, err = CanIDeploy(t.Context(), Query{Service: "orders-service", Role: Producer, Ignore: []string{"billing"}}, CanIDeployInput{Decls: d, Source: src})
	if err != nil || got.Answer != Yes {
		t.Errorf("with billing ignored: %v %v", got.Answer, err)
	}
}

func TestEngineUnloadableVersionIsUnknown(t *testing.T) {
	t.Parallel()
	src, d := repoSource(t)
	src.pub.(memPublisher)["orders"]["1.2.0"]["acme/orders/v1/orders.proto"] = &fstest.MapFile{Data: []byte("syntax = \"proto3\";\nmessage {")}
	m := evaluate(t, src, d, nil)
	v := verdict(t, m, "orders", "billing", "1.4.0")
	if v.Status != Unknown {
		t.Fatalf("billing on 1.4.0 with an unparsable 1.2.0 = %+v, want unknown", v)
	}
	cell, _ := m.Contract("orders").Cell("1.4.0", "1.2.0")
	if !strings.Contains(cell.Reason, "orders.proto:2") {
		t.Errorf("reason %q does not locate the syntax error", cell.Reason)
	}
}

// Each consumer is judged by what it depends on: the encodings it reads
// and, when it compiles against the contract, the generated code. A new
// go_package breaks only code; a new json_name only JSON readers; a type
// change every reader.
func TestEngineConsumersDependOnLevels(t *testing.T) {
	t.Parallel()
	const cfgText = `contracts:
  - {name: orders, format: protobuf, path: o.proto, version: 4.0.0}
producers:
  p1: { orders: "2.0.0" }
  p2: { orders: "3.0.0" }
  p3: { orders: "4.0.0" }
consumers:
  plain:   { orders: "^1.0" }
  binary:  { orders: { versions: "^1.0", reads: binary } }
  json:    { orders: { versions: "^1.0", reads: json } }
  builder: { orders: { versions: "^1.0", reads: binary, compiles: true } }
`
	cfg, err := contract.Parse("contractlint.yaml", []byte(cfgText))
	if err != nil {
		t.Fatal(err)
	}
	d, err := DecodeConfig(cfg)
	if err != nil {
		t.Fatal(err)
	}
	const head = "syntax = \"proto3\";\npackage acme.orders.v1;\n"
	msg := func(opts, field string) []byte {
		return []byte(head + opts + "message Order {\n  " + field + "\n}\n")
	}
	pub := memPublisher{"orders": {
		"1.0.0": {"o.proto": {Data: msg("", "string id = 1;")}},
		"2.0.0": {"o.proto": {Data: msg(`option go_package = "example.com/x;ordersv1";`+"\n", "string id = 1;")}},
		"3.0.0": {"o.proto": {Data: msg("", `string id = 1 [json_name = "ident"];`)}},
	}}
	work := memTree(fstest.MapFS{"o.proto": {Data: msg("", "int64 id = 1;")}, "contractlint.yaml": {Data: []byte(cfgText)}}, "working tree")
	m := evaluate(t, NewRepo(cfg, work, pub, registry.Engines()), d, nil)
	for _, tc := range []struct {
		consumer, writer string
		want             Status
	}{
		{"plain", "2.0.0", Compatible}, {"binary", "2.0.0", Compatible}, {"json", "2.0.0", Compatible}, {"builder", "2.0.0", Incompatible},
		{"plain", "3.0.0", Incompatible}, {"binary", "3.0.0", Compatible}, {"json", "3.0.0", Incompatible}, {"builder", "3.0.0", Incompatible},
		{"plain", "4.0.0", Incompatible}, {"binary", "4.0.0", Incompatible}, {"json", "4.0.0", Incompatible}, {"builder", "4.0.0", Incompatible},
	} {
		if v := verdict(t, m, "orders", tc.consumer, tc.writer); v.Status != tc.want {
			t.Errorf("%s reading what %s writes: %s, want %s", tc.consumer, tc.writer, v.Status, tc.want)
		}
	}
	// The file records what each consumer declared, and reading it back
	// derives the same verdicts.
	data := Marshal(m)
	if !strings.Contains(string(data), "binary: {reads: \"^1.0\", encodings: binary, versions:") ||
		!strings.Contains(string(data), "encodings: binary, compiles: true") {
		t.Errorf("declarations not recorded:\n%s", data)
	}
	if _, err := Parse("contract-matrix.yaml", data); err != nil {
		t.Errorf("the file does not read back: %v", err)
	}
}
