package schemaregistry

import (
	"slices"
	"testing"
	"testing/fstest"

	"github.com/contractlint/contractlint/checks"
	"github.com/contractlint/contractlint/contract"
)

func TestReferences(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		f    checks.Format
		src  string
		want []string
	}{
		{checks.Protobuf, "syntax = \"proto3\";\nimport \"acme/common/v1/money.proto\";\nimport public \"b.proto\";\n// import \"commented.proto\";\n/* import \"block.proto\"; */\nimport \"google/protobuf/timestamp.proto\";\n",
			[]string{"acme/common/v1/money.proto", "b.proto"}},
		{checks.JSONSchema, `{"properties": {"a": {"$ref": "address.json"}, "b": {"$ref": "#/$defs/x"}, "c": {"$ref": "common/money.json#/$defs/m"}, "d": {"$ref": "urn:x"}}}`,
			[]string{"address.json", "common/money.json"}},
		{checks.Avro, `{"type": "record", "name": "Payment", "namespace": "com.acme", "fields": [
			{"name": "total", "type": "Money"},
			{"name": "tax", "type": ["null", "com.other.Tax"]},
			{"name": "lines", "type": {"type": "array", "items": {"type": "record", "name": "Line", "fields": [{"name": "m", "type": "Money"}]}}},
			{"name": "again", "type": "Line"},
			{"name": "n", "type": "long"}]}`,
			[]string{"com.acme.Money", "com.other.Tax"}},
	} {
		if got := References(tc.f, []byte(tc.src)); !slices.Equal(got, tc.want) {
			t.Errorf("%s references = %q, want %q", tc.f, got, tc.want)
		}
	}
}

func TestNormalize(t *testing.T) {
	t.Parallel()
	a := Normalize(checks.Avro, []byte(`{"type": "record", "name": "P", "fields": []}`))
	b := Normalize(checks.Avro, []byte("{\n  \"name\": \"P\",\n  \"fields\": [],\n  \"type\": \"record\"\n}\n"))
	if a != b {
		t.Errorf("JSON formatting matters: %q vs %q", a, b)
	}
	p := Normalize(checks.Protobuf, []byte("syntax = \"proto3\"; // a comment\nmessage  M {\n  /* block */ string s = 1; // \"x  y\"\n}\n"))
	q := Normalize(checks.Protobuf, []byte("syntax = \"proto3\";\nmessage M { string s = 1; }"))
	if p != q {
		t.Errorf("protobuf comments or whitespace matter: %q vs %q", p, q)
	}
	if Normalize(checks.Protobuf, []byte(`option x = "a  b";`)) == Normalize(checks.Protobuf, []byte(`option x = "a b";`)) {
		t.Error("whitespace inside a string literal was collapsed")
	}
}

func TestCollectLaysOutReferences(t *testing.T) {
	t.Parallel()
	fsys := fstest.MapFS{
		"proto/acme/orders/v1/orders.proto":   {Data: []byte(`syntax = "proto3"; import "acme/common/v1/money.proto";`)},
		"proto/acme/common/v1/money.proto":    {Data: []byte(`syntax = "proto3"; import "acme/common/v1/currency.proto";`)},
		"proto/acme/common/v1/currency.proto": {Data: []byte(`syntax = "proto3";`)},
		"avro/payment.avsc":                   {Data: []byte(`{"type": "record", "name": "Payment", "namespace": "com.acme", "fields": [{"name": "m", "type": "Money"}]}`)},
		"avro/types/money.avsc":               {Data: []byte(`{"type": "record", "name": "Money", "namespace": "com.acme", "fields": []}`)},
	}
	files := []string{"avro/payment.avsc", "avro/types/money.avsc", "proto/acme/common/v1/currency.proto", "proto/acme/common/v1/money.proto", "proto/acme/orders/v1/orders.proto"}
	b, err := Collect(fsys, "proto/acme/orders/v1/orders.proto", NewLayout(fsys, files, checks.Protobuf))
	if err != nil {
		t.Fatal(err)
	}
	if len(b.Refs) != 1 || b.Refs[0].Path != "proto/acme/common/v1/money.proto" || len(b.Refs[0].Refs) != 1 || b.Refs[0].Refs[0].Name != "acme/common/v1/currency.proto" {
		t.Fatalf("protobuf bundle: %+v", b)
	}
	if got := len(b.Files()); got != 3 {
		t.Errorf("%d files, want 3", got)
	}
	a, err := Collect(fsys, "avro/payment.avsc", NewLayout(fsys, files, checks.Avro))
	if err != nil {
		t.Fatal(err)
	}
	if len(a.Refs) != 1 || a.Refs[0].Name != "com.acme.Money" || a.Refs[0].Path != "avro/types/money.avsc" {
		t.Fatalf("avro bundle: %+v", a.Refs)
	}
	// A reference missing from the tree is an error naming both files.
	delete(fsys, "proto/acme/common/v1/currency.proto")
	if _, err := Collect(fsys, "proto/acme/orders/v1/orders.proto", NewLayout(fsys, files[:4], checks.Protobuf)); err == nil {
		t.Fatal("a missing reference went unnoticed")
	}
}

func TestOptionsFrom(t *testing.T) {
	t.Parallel()
	env := func(m map[string]string) func(string) string { return func(k string) string { return m[k] } }
	cfg := &contract.Config{File: "contractlint.yaml"}
	if _, err := OptionsFrom(cfg, env(nil)); err == nil {
		t.Error("no URL anywhere is not an error")
	}
	o, err := OptionsFrom(cfg, env(map[string]string{EnvURL: "http://r", EnvUsername: "u", EnvPassword: "p"}))
	if err != nil || o.URL != "http://r" || o.Username != "u" || o.Password != "p" {
		t.Errorf("defaults from the environment: %+v, %v", o, err)
	}
	cfg.Registry = &contract.Registry{URL: "http://cfg", BearerEnv: "TOK", Where: "contractlint.yaml:1:1"}
	if _, err := OptionsFrom(cfg, env(nil)); err == nil {
		t.Error("an unset bearer_env variable is not an error")
	}
	o, err = OptionsFrom(cfg, env(map[string]string{"TOK": "t", EnvUsername: "ignored"}))
	if err != nil || o.URL != "http://cfg" || o.Token != "t" || o.Username != "" {
		t.Errorf("bearer_env: %+v, %v", o, err)
	}
}
