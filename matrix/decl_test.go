package matrix

import (
	"errors"
	"strings"
	"testing"

	"github.com/Masterminds/semver/v3"
	"go.yaml.in/yaml/v3"

	"github.com/contractlint/contractlint/checks"
)

func TestSpec(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		spec  string
		admit []string
		deny  []string
	}{
		{"1.4.0", []string{"1.4.0"}, []string{"1.4.1", "1.3.0"}},
		{"^1.2", []string{"1.2.0", "1.9.3"}, []string{"1.1.9", "2.0.0"}},
		{"~1.4", []string{"1.4.0", "1.4.7"}, []string{"1.5.0", "1.3.9"}},
		{">=1.0.0 <3.0.0", []string{"1.0.0", "2.9.9"}, []string{"0.9.0", "3.0.0"}},
		{">= 1.2, < 2", []string{"1.2.0", "1.99.0"}, []string{"2.0.0"}},
		{"^1 || ^3", []string{"1.0.0", "3.1.0"}, []string{"2.0.0"}},
		{"1.x", []string{"1.0.0", "1.7.0"}, []string{"2.0.0"}},
		{"^0.3", []string{"0.3.0", "0.3.9"}, []string{"0.4.0"}},
	} {
		s, err := ParseSpec(tc.spec)
		if err != nil {
			t.Errorf("ParseSpec(%q): %v", tc.spec, err)
			continue
		}
		for _, v := range tc.admit {
			if !s.Admits(mustVersion(t, v)) {
				t.Errorf("%q does not admit %s", tc.spec, v)
			}
		}
		for _, v := range tc.deny {
			if s.Admits(mustVersion(t, v)) {
				t.Errorf("%q admits %s", tc.spec, v)
			}
		}
	}
	list, err := ParseSpecList([]string{"1.3.0", "^2"})
	if err != nil || !list.Admits(mustVersion(t, "1.3.0")) || !list.Admits(mustVersion(t, "2.5.0")) || list.Admits(mustVersion(t, "1.4.0")) {
		t.Errorf("list spec: %v %v", list, err)
	}
	for _, bad := range []string{"", "v1.2.0", "banana", ">=>1"} {
		if _, err := ParseSpec(bad); err == nil {
			t.Errorf("ParseSpec(%q) succeeded", bad)
		}
	}
}

func mustVersion(t *testing.T, s string) *semver.Version {
	t.Helper()
	v, err := ParseVersion(s)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func TestDecode(t *testing.T) {
	t.Parallel()
	d := decls(t, `
producers:
  orders-service: { orders: "1.4.0" }
  multi: { orders: ["1.3.0", "1.4.0"], customer: "^2" }
consumers:
  billing:   { orders: "^1.2" }
  analytics: { orders: ">=1.0.0 <3.0.0" }
environments:
  staging: {}
  prod: { description: production }
`)
	if got := len(d.Producers); got != 2 || d.Producers[0].Name != "multi" {
		t.Errorf("producers = %+v, want 2 sorted", d.Producers)
	}
	if s, ok := d.Producers[0].Spec("orders"); !ok || s.Text != "1.3.0 || 1.4.0" {
		t.Errorf("multi orders = %+v", s)
	}
	if c, ok := d.Consumer("billing"); !ok || c.Uses[0].Line != 6 {
		t.Errorf("billing = %+v", c)
	}
	if !d.Environment("prod") || d.Environments[1].Description != "production" || d.Environment("dev") {
		t.Errorf("environments = %+v", d.Environments)
	}
	if got := strings.Join(d.Contracts(), ","); got != "customer,orders" {
		t.Errorf("contracts = %s", got)
	}
	err := d.CheckContracts("contractlint.yaml", []string{"orders"})
	if err == nil || !strings.Contains(err.Error(), `contractlint.yaml:4:40: producers: multi: unknown contract "customer"`) {
		t.Errorf("CheckContracts = %v", err)
	}
}

func TestDecodeErrorsCarryLines(t *testing.T) {
	t.Parallel()
	src := `producers:
  a: { orders: 1.4 }
  b: { orders: "v1.2.0" }
  c: {}
  "bad name": { orders: "1.0.0" }
consumers:
  billing: { orders: "^^1" }
  billing: { orders: "^1" }
  x: [ "1.0.0" ]
environments: 3
`
	var doc yaml.Node
	if err := yaml.Unmarshal([]byte(src), &doc); err != nil {
		t.Fatal(err)
	}
	root := doc.Content[0]
	_, err := Decode("contractlint.yaml", field(root, "producers"), field(root, "consumers"), field(root, "environments"))
	var ie *checks.InputError
	if !errors.As(err, &ie) {
		t.Fatalf("err = %v, want *checks.InputError", err)
	}
	want := []string{
		`contractlint.yaml:2:16: producers: a: orders: "1.4" is not a version; quote versions`,
		`contractlint.yaml:3:16: producers: b: orders: version "v1.2.0": write it without the leading v`,
		`contractlint.yaml:4:3: producers: c declares no contract`,
		`contractlint.yaml:5:3: producers: invalid name "bad name"`,
		`contractlint.yaml:7:22: consumers: billing: orders: version or range "^^1"`,
		`contractlint.yaml:8:3: consumers: "billing" is declared twice`,
		`contractlint.yaml:9:6: consumers: x: want a mapping, got a list`,
		`contractlint.yaml:10:15: environments: want a list of names or a mapping`,
	}
	msg := err.Error()
	for _, w := range want {
		if !strings.Contains(msg, w) {
			t.Errorf("missing %q in:\n%s", w, msg)
		}
	}
}
