package contract

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/contractlint/contractlint/checks"
	"github.com/contractlint/contractlint/checks/jsonschema"
	"github.com/contractlint/contractlint/checks/protobuf"
	"github.com/contractlint/contractlint/internal/limits"
	"github.com/contractlint/contractlint/schemas"
)

// The minimal configuration of the issue must work as written.
const minimal = `# contractlint.yaml
contracts:
  - name: orders
    format: protobuf            # protobuf | jsonschema | avro
    path: proto/acme/orders/v1  # a file, a directory, or a list of globs
    version: 1.4.0              # the version this revision declares
    owner: team-orders
    compatibility: full         # backward | forward | full | none | *_transitive
  - name: customer
    format: jsonschema
    path: schemas/customer.schema.json
    version: 2.1.0
`

func TestParseMinimal(t *testing.T) {
	t.Parallel()
	cfg, err := Parse("contractlint.yaml", []byte(minimal))
	if err != nil {
		t.Fatal(err)
	}
	if len(cfg.Contracts) != 2 {
		t.Fatalf("got %d contracts", len(cfg.Contracts))
	}
	o, c := cfg.Contracts[0], cfg.Contracts[1]
	if o.Name != "orders" || o.Format != checks.Protobuf || o.Paths[0] != "proto/acme/orders/v1" ||
		o.Version.String() != "1.4.0" || o.Owner != "team-orders" || o.Mode != checks.ModeFull {
		t.Errorf("orders = %+v", o)
	}
	if js, _ := c.Options.(jsonschema.Options); c.Mode != checks.ModeFull || js.Policy != jsonschema.Lenient || c.Tag != DefaultTag {
		t.Errorf("customer defaults = %v %+v %q", c.Mode, c.Options, c.Tag)
	}
	if got := o.Where("/version"); got != "contractlint.yaml:6:5" {
		t.Errorf("Where(/version) = %s", got)
	}
	if tag := o.TagFor(o.Version); tag != "orders/v1.4.0" {
		t.Errorf("TagFor = %s", tag)
	}
	if v, ok := o.TagVersion("orders/v1.5.0-rc.1"); !ok || v.String() != "1.5.0-rc.1" {
		t.Errorf("TagVersion = %v, %v", v, ok)
	}
	for _, tag := range []string{"customer/v1.0.0", "orders/1.0.0", "orders/v1.0", "orders/v1.0.0/x"} {
		if _, ok := o.TagVersion(tag); ok {
			t.Errorf("TagVersion(%q) matched", tag)
		}
	}
}

func TestParseFull(t *testing.T) {
	t.Parallel()
	cfg, err := Parse("c.yaml", []byte(`
contracts:
  - name: payment
    format: avro
    path: [avro/*.avsc, "avro/**/x.avsc"]
    version: 0.3.0
    compatibility: backward_transitive
    policy: strict
    rules: {use: [all], except: [FIELD_DOC_CHANGED]}
    impacts: {FIELD_ADDED: patch}
    tag: "release-{name}-{version}"
    ignores:
      - rule: FIELD_NO_DELETE
        element: "#/properties/legacy"
        reason: consumers migrated in Q3
    examples:
      - examples/*.json
      - {path: examples/a.json, schema: avro/a.avsc}
producers: {}
consumers: {billing: {reads: payment}}
environments: {}
`))
	if err != nil {
		t.Fatal(err)
	}
	p := cfg.Contracts[0]
	// The Avro engine has no options: policy: is not its key.
	if p.Mode != (checks.Mode{Directions: checks.Backward, Transitive: true}) || p.Options != nil ||
		p.Impacts["FIELD_ADDED"] != checks.Patch || len(p.Except) != 1 || p.Ignores[0].Element != "/properties/legacy" ||
		len(p.Examples) != 2 || p.Examples[1].Schema != "avro/a.avsc" || len(p.Paths) != 2 {
		t.Errorf("payment = %+v", p)
	}
	if v, ok := p.TagVersion("release-payment-0.3.0"); !ok || v.String() != "0.3.0" {
		t.Errorf("custom tag pattern: %v %v", v, ok)
	}
	if cfg.Consumers["billing"] == nil {
		t.Error("consumers not kept")
	}
	if n := cfg.Section("consumers"); n == nil || n.Line != 20 {
		t.Errorf("Section(consumers) = %+v", n)
	}
	if cfg.Section("nothing") != nil {
		t.Error("Section of an absent key")
	}
}

// Every problem is reported with its line and column, all at once.
func TestParseErrors(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name, yaml string
		want       []string
	}{
		{"unknown key", "contracts:\n  - name: a\n    format: avro\n    path: a.avsc\n    version: 1.0.0\n    verison: 1.0.0\n",
			[]string{`c.yaml:6:5: contract a: verison: unknown key "verison" (did you mean "version"?)`}},
		{"bad semver", "contracts:\n  - name: a\n    format: avro\n    path: a.avsc\n    version: 1.4\n",
			[]string{`c.yaml:5:14: contract a: version: 1.4 is not a semantic version`}},
		{"bad semver string", "contracts:\n  - name: a\n    format: avro\n    path: a.avsc\n    version: v1.4.0\n",
			[]string{`c.yaml:5:14: contract a: version: "v1.4.0" is not a semantic version`}},
		{"consumer in a deployment record's shape", "contracts:\n  - {name: orders, format: avro, path: a.avsc, version: 1.0.0}\nconsumers:\n  billing: {reads: {orders: \"^1.0\"}}\n",
			[]string{`c.yaml:4:13: consumers: billing: reads: unknown contract "reads" (a consumer maps contract names to version ranges, e.g. orders: "^1.2" or orders: {versions: "^1.2", reads: binary}; declare contracts under contracts:)`}},
		{"consumer of a contract in a wrong shape", "contracts:\n  - {name: orders, format: avro, path: a.avsc, version: 1.0.0}\nconsumers:\n  billing: {orders: {range: \"^1.0\"}}\n",
			[]string{`consumers: billing: orders: `}},
		{"missing path", "contracts:\n  - name: a\n    format: avro\n    version: 1.0.0\n",
			[]string{`c.yaml:2:5: contract a: missing key "path"`}},
		{"duplicate names", "contracts:\n  - {name: a, format: avro, path: a.avsc, version: 1.0.0}\n  - {name: a, format: avro, path: b.avsc, version: 1.0.0}\n",
			[]string{`c.yaml:3:12: contract name "a" is already used at c.yaml:2:12`}},
		{"outside", "contracts:\n  - {name: a, format: avro, path: ../other/a.avsc, version: 1.0.0}\n",
			[]string{`c.yaml:2:35: contract a: path "../other/a.avsc" is outside the repository`}},
		{"absolute", "contracts:\n  - {name: a, format: avro, path: [x.avsc, /etc/passwd], version: 1.0.0}\n",
			[]string{`path "/etc/passwd" is outside the repository`}},
		{"ignore without reason", "contracts:\n  - name: a\n    format: avro\n    path: a.avsc\n    version: 1.0.0\n    ignores:\n      - rule: X\n        reason: \"  \"\n",
			[]string{`c.yaml:8:17: contract a: ignores[0]: reason: an ignore needs a reason`}},
		{"ignore missing reason", "contracts:\n  - name: a\n    format: avro\n    path: a.avsc\n    version: 1.0.0\n    ignores:\n      - rule: X\n",
			[]string{`c.yaml:7:9: contract a: ignores[0]: missing key "reason"`}},
		{"bad format and mode", "contracts:\n  - {name: a, format: xml, path: a, version: 1.0.0, compatibility: sideways}\n",
			[]string{`c.yaml:2:68: contract a: compatibility: value must be one of`, `c.yaml:2:23: contract a: format: value must be one of`}},
		{"path type", "contracts:\n  - {name: a, format: avro, path: 3, version: 1.0.0}\n",
			[]string{`contract a: path: expected string, but got number, or expected array, but got number`}},
		{"yaml syntax", "contracts:\n  - name: a\n   format: b\n", []string{"c.yaml:1: did not find expected"}},
		{"duplicate key", "contracts: []\ncontracts: []\n", []string{`c.yaml:2:1: key "contracts" repeats the one on line 1`}},
		{"empty", "# nothing\n", []string{"empty configuration"}},
		{"not a list", "contracts: {}\n", []string{"c.yaml:1:12: contracts: expected array, but got object"}},
		{"unknown top-level", "contract: []\n", []string{`unknown key "contract" (did you mean "contracts"?)`, `missing key "contracts"`}},
		{"refs outside", "contracts: []\njsonschema:\n  refs: {\"https://a.example/\": ../x}\n",
			[]string{`refs directory "../x" is outside the repository`}},
		{"bad draft", "contracts:\n  - {name: a, format: jsonschema, path: a.json, version: 1.0.0, draft: \"2021\"}\n",
			[]string{`contract a: draft: value must be one of`}},
		{"remote ref without scheme", "contracts:\n  - {name: a, format: jsonschema, path: a.json, version: 1.0.0, allow_remote_refs: [example.com]}\n",
			[]string{`allow_remote_refs`}},
		{"number kept as written", "contracts:\n  - name: a\n    format: avro\n    path: a.avsc\n    version: 1.10\n",
			[]string{`c.yaml:5:14: contract a: version: 1.10 is not a semantic version`}},
		{"duplicate keys, all of them", "contracts: []\nregistry: {url: x}\ncontracts: []\nregistry: {}\n",
			[]string{`c.yaml:3:1: key "contracts" repeats the one on line 1`, `c.yaml:4:1: key "registry" repeats the one on line 2`}},
		{"second document", "contracts: []\n---\ncontracts: []\n",
			[]string{`c.yaml:2:1: a second YAML document starts here: contractlint.yaml holds one document`}},
		{"merge key", "x: &x {owner: a}\ncontracts:\n  - <<: *x\n", []string{`c.yaml:3:5: merge keys (<<) are not supported`}},
		{"too deep", "contracts: " + strings.Repeat("[", 70) + strings.Repeat("]", 70) + "\n",
			[]string{`configuration too large or too deeply nested`}},
		{"alias bomb", "a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\n" +
			"d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\ncontracts: []\n",
			[]string{`c.yaml:5:`, `configuration too large or too deeply nested`}},
		{"tag without version", "contracts:\n  - {name: a, format: avro, path: a, version: 1.0.0, tag: \"{name}\"}\n",
			[]string{`tag pattern "{name}" must contain {version}`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			_, err := Parse("c.yaml", []byte(tc.yaml))
			if err == nil {
				t.Fatal("no error")
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error\n%v\nlacks\n%s", err, w)
				}
			}
		})
	}
}

// TestJSONSchemaKeys: the jsonschema section gives every JSON Schema
// contract its defaults, and a contract's own keys override them; each
// engine decodes its own keys (roots: for protobuf, cleaned), and a format
// whose engine has none gets no options.
func TestJSONSchemaKeys(t *testing.T) {
	t.Parallel()
	cfg, err := Parse("c.yaml", []byte(`jsonschema:
  policy: strict
  draft: "07"
  refs: {"https://acme.example/schemas/": schemas}
  allow_remote_refs: ["https://types.example/"]
contracts:
  - {name: a, format: jsonschema, path: schemas/a.json, version: 1.0.0}
  - {name: b, format: jsonschema, path: schemas/b.json, version: 1.0.0, policy: lenient, draft: "2020-12",
     refs: {"https://b.example/": lib/b/}, allow_remote_refs: []}
  - {name: c, format: protobuf, path: proto, version: 1.0.0, roots: [proto/, ./third_party], policy: strict}
  - {name: d, format: avro, path: a.avsc, version: 1.0.0}
`))
	if err != nil {
		t.Fatal(err)
	}
	a, _ := cfg.Contracts[0].Options.(jsonschema.Options)
	b, _ := cfg.Contracts[1].Options.(jsonschema.Options)
	if a.Policy != jsonschema.Strict || a.Draft != "07" || a.Refs["https://acme.example/schemas/"] != "schemas" || len(a.AllowRemoteRefs) != 1 {
		t.Errorf("a = %+v", a)
	}
	if b.Policy != jsonschema.Lenient || b.Draft != "2020-12" || b.Refs["https://b.example/"] != "lib/b" || len(b.Refs) != 1 || len(b.AllowRemoteRefs) != 0 {
		t.Errorf("b = %+v", b)
	}
	if p, _ := cfg.Contracts[2].Options.(protobuf.Options); !slices.Equal(p.Roots, []string{"proto", "third_party"}) || cfg.Contracts[3].Options != nil {
		t.Errorf("c = %+v, d = %+v", cfg.Contracts[2].Options, cfg.Contracts[3].Options)
	}
}

func TestFindWalksUpToTheGitRoot(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	deep := filepath.Join(root, "repo", "a", "b")
	if err := os.MkdirAll(deep, 0o755); err != nil {
		t.Fatal(err)
	}
	write := func(p string) {
		if err := os.WriteFile(p, []byte(minimal), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(filepath.Join(root, FileName)) // above the git root: never found
	if err := os.Mkdir(filepath.Join(root, "repo", ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	if _, err := Find(deep); err == nil || !strings.Contains(err.Error(), "contractlint init") {
		t.Errorf("Find above the git root = %v", err)
	}
	write(filepath.Join(root, "repo", "a", FileName))
	got, err := Find(deep)
	if err != nil || got != filepath.Join(root, "repo", "a", FileName) {
		t.Errorf("Find = %s, %v", got, err)
	}
}

// A configuration above the file-size limit is refused with the limit's
// error (exit code 2 in the CLI), before it is read.
func TestLoadFileSizeLimit(t *testing.T) {
	t.Parallel()
	file := filepath.Join(t.TempDir(), FileName)
	if err := os.WriteFile(file, []byte(minimal), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx := limits.With(t.Context(), limits.Limits{MaxFileSize: 100})
	var le *limits.Error
	if _, err := Load(ctx, file); !errors.As(err, &le) || !strings.Contains(err.Error(), "CONTRACTLINT_MAX_FILE_SIZE") {
		t.Errorf("Load = %v, want a file-size limit error", err)
	}
	if _, err := Load(limits.With(t.Context(), limits.Limits{MaxFileSize: 1 << 20}), file); err != nil {
		t.Errorf("Load under the limit: %v", err)
	}
}

// TestEngineKeysAreInTheConfigSchema: the configuration keys each engine
// declares for its options are keys of a contract in
// schemas/config.schema.json (and, for JSON Schema, of the top-level
// jsonschema: section that gives their defaults), so that an engine's
// options and what users may write cannot drift apart.
func TestEngineKeysAreInTheConfigSchema(t *testing.T) {
	t.Parallel()
	var s struct {
		Properties struct {
			JSONSchema struct {
				Properties map[string]any `json:"properties"`
			} `json:"jsonschema"`
		} `json:"properties"`
		Defs struct {
			Contract struct {
				Properties map[string]any `json:"properties"`
			} `json:"contract"`
		} `json:"$defs"`
	}
	if err := json.Unmarshal(schemas.Config, &s); err != nil {
		t.Fatal(err)
	}
	for _, k := range slices.Concat(jsonschema.ConfigKeys, protobuf.ConfigKeys) {
		if _, ok := s.Defs.Contract.Properties[k]; !ok {
			t.Errorf("engine key %s is not a contract key of config.schema.json", k)
		}
	}
	for _, k := range jsonschema.ConfigKeys {
		if _, ok := s.Properties.JSONSchema.Properties[k]; !ok {
			t.Errorf("JSON Schema key %s is not a key of the jsonschema: section", k)
		}
	}
}
