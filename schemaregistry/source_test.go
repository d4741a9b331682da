package schemaregistry_test

import (
	"io/fs"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/contractlint/contractlint/checks"
	"github.com/contractlint/contractlint/contract"
	"github.com/contractlint/contractlint/schemaregistry"
	"github.com/contractlint/contractlint/schemaregistry/registrytest"
)

const payV3 = `{"type":"record","name":"Payment","fields":[{"name":"id","type":"string"},{"name":"n","type":"int","default":0},{"name":"m","type":"int","default":1}]}`

func newSource(t *testing.T, srv *registrytest.Server, work fstest.MapFS) *schemaregistry.Source {
	t.Helper()
	c, _ := newClient(t, srv, nil)
	var files []string
	for f := range work {
		files = append(files, f)
	}
	slices.Sort(files)
	return &schemaregistry.Source{
		Fetch: &schemaregistry.Fetcher{Client: c},
		Work:  &contract.Tree{FS: work, Files: files, Label: "working tree"},
		Owns: func(checks.Format) func(string) bool {
			return func(f string) bool { return strings.HasSuffix(f, ".avsc") }
		},
	}
}

// A transitive level reads every version, latest first; the level is the
// subject's; versions carry the release a metadata property names.
func TestSourceTransitiveAndMetadata(t *testing.T) {
	t.Parallel()
	srv := registrytest.New()
	defer srv.Close()
	meta := func(v string) *schemaregistry.Metadata {
		return &schemaregistry.Metadata{Properties: map[string]string{"contractlint.version": v}}
	}
	for i, s := range []string{avroV1, avroV2, payV3} {
		if _, _, err := srv.Put("payment-value", schemaregistry.Schema{Schema: s, Metadata: meta([]string{"1.0.0", "1.1.0", "1.2.0"}[i])}); err != nil {
			t.Fatal(err)
		}
	}
	srv.SetLevel("payment-value", "BACKWARD_TRANSITIVE")
	src := newSource(t, srv, fstest.MapFS{"avro/payment.avsc": {Data: []byte(payV3)}})
	src.VersionProperty = "contractlint.version"
	c := &contract.Contract{Name: "payment", Format: checks.Avro, Paths: []string{"avro/payment.avsc"}}

	m, err := src.Mode(t.Context(), c)
	if err != nil || m != (checks.Mode{Directions: checks.Backward, Transitive: true}) {
		t.Fatalf("Mode = %v, %v; want backward_transitive", m, err)
	}
	pubs, err := src.Published(t.Context(), c, true)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range pubs {
		got = append(got, p.Version.String()+" "+p.Label)
	}
	want := []string{
		"1.2.0 payment-value v3 (1.2.0, by metadata property contractlint.version)",
		"1.1.0 payment-value v2 (1.1.0, by metadata property contractlint.version)",
		"1.0.0 payment-value v1 (1.0.0, by metadata property contractlint.version)",
	}
	if !slices.Equal(got, want) {
		t.Errorf("Published =\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// The registered schema is at the contract's path.
	for _, p := range pubs {
		if files, missing := p.Tree.ContractFiles(c, func(string) bool { return true }); len(missing) > 0 || len(files) != 1 {
			t.Errorf("%s: files %v, missing %v", p.Label, files, missing)
		}
	}
	// Not transitive: the latest only.
	if pubs, err := src.Published(t.Context(), c, false); err != nil || len(pubs) != 1 {
		t.Fatalf("latest only: %d, %v", len(pubs), err)
	}

	// A subject holding another format is an error, not a comparison.
	src2 := newSource(t, srv, fstest.MapFS{"p.proto": {Data: []byte(`syntax = "proto3";`)}})
	pc := &contract.Contract{Name: "payment", Format: checks.Protobuf, Paths: []string{"p.proto"}}
	if _, err := src2.Published(t.Context(), pc, false); err == nil || !strings.Contains(err.Error(), "holds a schema of type AVRO, but contract payment is protobuf") {
		t.Fatalf("format mismatch: %v", err)
	}
}

// JSON Schema references are $ref URLs, placed relative to the referring
// file; content mapping finds the release whatever the formatting.
func TestSourceJSONSchemaReference(t *testing.T) {
	t.Parallel()
	srv := registrytest.New()
	defer srv.Close()
	addr := `{"type": "object", "properties": {"street": {"type": "string"}}}`
	cust := `{"type": "object", "properties": {"home": {"$ref": "address.json"}}}`
	if _, _, err := srv.Put("address.json", schemaregistry.Schema{Type: "JSON", Schema: addr}); err != nil {
		t.Fatal(err)
	}
	if _, _, err := srv.Put("customer-value", schemaregistry.Schema{Type: "JSON", Schema: cust,
		References: []schemaregistry.Reference{{Name: "address.json", Subject: "address.json", Version: 1}}}); err != nil {
		t.Fatal(err)
	}
	src := newSource(t, srv, fstest.MapFS{
		"schemas/customer.json": {Data: []byte("{\n  \"type\": \"object\",\n  \"properties\": {\"home\": {\"$ref\": \"address.json\"}}\n}\n")},
		"schemas/address.json":  {Data: []byte(addr)},
	})
	c := &contract.Contract{Name: "customer", Format: checks.JSONSchema, Paths: []string{"schemas/customer.json"}}
	pubs, err := src.Published(t.Context(), c, false)
	if err != nil || len(pubs) != 1 {
		t.Fatalf("Published: %v, %v", pubs, err)
	}
	for f, want := range map[string]string{"schemas/customer.json": cust, "schemas/address.json": addr} {
		got, err := fs.ReadFile(pubs[0].Tree.FS, f)
		if err != nil || string(got) != want {
			t.Errorf("%s = %q, %v; want %q", f, got, err, want)
		}
	}
}
