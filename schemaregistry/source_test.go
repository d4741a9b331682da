package schemaregistry_test

import (
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/contractlint/contractlint/checks"
	"github.com/contractlint/contractlint/contract"
	"github.com/contractlint/contractlint/schemaregistry"
	"github.com/contractlint/contractlint/schemaregistry/registrytest"
	"github.com/contractlint/contractlint/source"
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

// A registry that stored a canonical form of the schema (as protobuf
// serializers register it) is mapped by asking the registry to look the
// release up, and says so.
func TestSourceMapsByRegistryLookup(t *testing.T) {
	t.Parallel()
	srv := registrytest.New()
	defer srv.Close()
	const canonical = "syntax = \"proto3\";\npackage acme;\n\nmessage M {\n  string s = 1 [json_name = \"s\"];\n}\n"
	const ours = "syntax = \"proto3\";\npackage acme;\nmessage M { string s = 1; }\n"
	srv.SetCanonical(func(s string) string {
		return strings.Join(strings.Fields(strings.ReplaceAll(s, ` [json_name = "s"]`, "")), " ")
	})
	if _, _, err := srv.Put("m-value", schemaregistry.Schema{Type: "PROTOBUF", Schema: canonical}); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	run := func(args ...string) {
		t.Helper()
		cmd := exec.Command("git", args...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GIT_CONFIG_GLOBAL=/dev/null", "GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.com", "GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@example.com")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "m.proto"), []byte(ours), 0o644); err != nil {
		t.Fatal(err)
	}
	run("init", "-q", "-b", "main")
	run("add", "-A")
	run("commit", "-q", "-m", "m 1.0.0")
	run("tag", "m/v1.0.0")
	g, err := source.OpenGit(t.Context(), dir)
	if err != nil {
		t.Fatal(err)
	}
	defer g.Close()
	tags, err := contract.NewTags(t.Context(), g, "", "contractlint.yaml")
	if err != nil {
		t.Fatal(err)
	}
	src := newSource(t, srv, fstest.MapFS{"m.proto": {Data: []byte(ours)}})
	src.Tags = tags
	c := &contract.Contract{Name: "m", Format: checks.Protobuf, Paths: []string{"m.proto"}, Tag: contract.DefaultTag}
	pubs, err := src.Published(t.Context(), c, false)
	if err != nil || len(pubs) != 1 {
		t.Fatalf("Published: %v, %v", pubs, err)
	}
	if want := "m-value v1 (m/v1.0.0, by registry lookup)"; pubs[0].Label != want || pubs[0].Version.String() != "1.0.0" {
		t.Errorf("label %q version %v, want %q 1.0.0", pubs[0].Label, pubs[0].Version, want)
	}
	st, err := src.Status(t.Context(), []*contract.Contract{c})
	if err != nil || st.Drift || len(st.Contracts[0].Versions) != 1 || st.Contracts[0].Versions[0].State != schemaregistry.InSync {
		t.Errorf("status: %+v, %v", st, err)
	}
}
