package contract

import (
	"strings"
	"testing"

	"github.com/contractlint/contractlint/checks"
)

func TestInlineIgnores(t *testing.T) {
	t.Parallel()
	avsc := `{
  "type": "record", "name": "Payment",
  "fields": [
    {"name": "id", "type": "string"},
    {"name": "amount", "type": "long",
     "x-contractlint-ignore": "FIELD_TYPE_CHANGED widened on purpose"}
  ]
}`
	igs, diags := InlineIgnores("payment.avsc", []byte(avsc))
	if len(diags) != 0 || len(igs) != 1 {
		t.Fatalf("avsc: %v %v", igs, diags)
	}
	hit := checks.Finding{Rule: "FIELD_TYPE_CHANGED", File: "payment.avsc", Line: 5}
	for _, tc := range []struct {
		f    checks.Finding
		want bool
	}{
		{hit, true},
		{checks.Finding{Rule: "FIELD_TYPE_CHANGED", File: "payment.avsc", Line: 4}, false}, // the id field
		{checks.Finding{Rule: "OTHER", File: "payment.avsc", Line: 5}, false},
		{checks.Finding{Rule: "FIELD_TYPE_CHANGED", File: "other.avsc", Line: 5}, false},
	} {
		if got := igs[0].Matches(tc.f); got != tc.want {
			t.Errorf("Matches(%+v) = %v", tc.f, got)
		}
	}
	if igs[0].Reason != "widened on purpose" || igs[0].Where != "payment.avsc:6:31" {
		t.Errorf("ignore = %+v", igs[0])
	}

	yml := "type: object\nproperties:\n  legacy:\n    type: string\n    x-contractlint-ignore:\n      PROPERTY_REMOVED: gone in v3\n      TYPE_CHANGED: \"\"\n"
	igs, diags = InlineIgnores("s.yaml", []byte(yml))
	if len(igs) != 1 || len(diags) != 1 || !strings.Contains(diags[0].String(), "s.yaml:7:7: contractlint:ignore TYPE_CHANGED needs a reason") {
		t.Errorf("yaml: %v %v", igs, diags)
	}

	proto := "message Order {\n  // contractlint:ignore FIELD_NO_DELETE moved to Money\n  int64 amount = 3;\n  string x = 4; // contractlint:ignore FIELD_SAME_TYPE fine\n  // contractlint:ignore lowercase reason\n}\n"
	igs, diags = InlineIgnores("o.proto", []byte(proto))
	if len(igs) != 2 || len(diags) != 1 || !strings.Contains(diags[0].String(), `o.proto:5:3: contractlint:ignore: "lowercase" is not a rule ID`) {
		t.Fatalf("proto: %v %v", igs, diags)
	}
	if !igs[0].Matches(checks.Finding{Rule: "FIELD_NO_DELETE", File: "o.proto", Line: 3}) ||
		!igs[1].Matches(checks.Finding{Rule: "FIELD_SAME_TYPE", File: "o.proto", Line: 4}) ||
		igs[0].Matches(checks.Finding{Rule: "FIELD_NO_DELETE", File: "o.proto", Line: 4}) {
		t.Error("proto ignores match the wrong lines")
	}
}

func TestConfiguredIgnores(t *testing.T) {
	t.Parallel()
	f := checks.Finding{Rule: "PROPERTY_REMOVED", File: "schemas/customer.json", Path: "/properties/address/properties/zip"}
	for _, tc := range []struct {
		ig   Ignore
		want bool
	}{
		{Ignore{Element: "/properties/address"}, true},
		{Ignore{Element: "#/properties/address"}, true},
		{Ignore{Element: "/properties/addr"}, false},
		{Ignore{Rule: "PROPERTY_REMOVED", Path: "schemas/*.json"}, true},
		{Ignore{Path: "schemas"}, true},
		{Ignore{Path: "schemas/**"}, true},
		{Ignore{Path: "**/customer.json"}, true},
		{Ignore{Path: "other/**"}, false},
		{Ignore{Rule: "TYPE_CHANGED"}, false},
	} {
		if got := tc.ig.Matches(f); got != tc.want {
			t.Errorf("%+v matches = %v", tc.ig, got)
		}
	}
	if !(&Ignore{Element: "acme.v1.Order"}).Matches(checks.Finding{Path: "acme.v1.Order.legacy"}) ||
		(&Ignore{Element: "acme.v1.Order"}).Matches(checks.Finding{Path: "acme.v1.OrderLine"}) {
		t.Error("element prefixes must stop at a separator")
	}
}

func TestMatchGlob(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		pattern, name string
		want          bool
	}{
		{"proto/**/*.proto", "proto/a.proto", true},
		{"proto/**/*.proto", "proto/x/y/a.proto", true},
		{"proto/*.proto", "proto/x/a.proto", false},
		{"**", "a/b", true},
		{"a/[b", "a/b", false},
	} {
		if got := MatchGlob(tc.pattern, tc.name); got != tc.want {
			t.Errorf("MatchGlob(%q, %q) = %v", tc.pattern, tc.name, got)
		}
	}
}

func TestRulesAreValid(t *testing.T) {
	t.Parallel()
	for _, r := range Rules() {
		if err := r.Validate(); err != nil {
			t.Error(err)
		}
	}
}
