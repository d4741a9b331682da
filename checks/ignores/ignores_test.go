package ignores_test

import (
	"strings"
	"testing"

	"github.com/contractlint/contractlint/checks/ignores"
)

func TestStateOf(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		expires, asOf string
		want          ignores.State
		days          int
	}{
		{"", "2027-01-01", ignores.Permanent, 0},
		{"2027-01-31", "2027-01-01", ignores.Active, 30},
		{"2027-03-31", "2027-01-01", ignores.Active, 89},
		{"2027-01-15", "2027-01-01", ignores.Soon, 14},
		{"2027-01-16", "2027-01-01", ignores.Active, 15},
		{"2027-01-02", "2027-01-01", ignores.Soon, 1},
		{"2027-01-01", "2027-01-01", ignores.Lapsed, 0},
		{"2026-12-31", "2027-01-01", ignores.Lapsed, -1},
		{"2027-02-30", "2027-01-01", ignores.Lapsed, 0},
		{"soon", "2027-01-01", ignores.Lapsed, 0},
	} {
		got, days := ignores.StateOf(tc.expires, tc.asOf)
		if got != tc.want || days != tc.days {
			t.Errorf("StateOf(%q, %q) = %s, %d; want %s, %d", tc.expires, tc.asOf, got, days, tc.want, tc.days)
		}
	}
}

func TestEvaluate(t *testing.T) {
	t.Parallel()
	igs := []ignores.Ignore{
		{Rule: "FIELD_NO_DELETE", Reason: "billing migrates", Expires: "2027-01-31", Owner: "team-orders", Ticket: "ORD-1", File: "contractlint.yaml", Line: 7, Column: 9},
		{Rule: "TYPE_CHANGED", Reason: "tooling", Expires: "2027-02-10", File: "schema.json", Line: 3, Column: 5},
		{Rule: "", Reason: "forever", File: "a.proto", Line: 1, Column: 1},
	}
	findings, warnings := ignores.Evaluate(igs, "2027-02-01")
	if len(findings) != 1 {
		t.Fatalf("findings = %v, want one", findings)
	}
	f := findings[0]
	if f.Rule != "IGNORE_EXPIRED" || f.File != "contractlint.yaml" || f.Line != 7 || f.Column != 9 || f.Path != "FIELD_NO_DELETE" {
		t.Errorf("finding = %+v", f)
	}
	for _, want := range []string{"FIELD_NO_DELETE", "billing migrates", "expired on 2027-01-31", "owner team-orders", "ticket ORD-1"} {
		if !strings.Contains(f.Message, want) {
			t.Errorf("message %q lacks %q", f.Message, want)
		}
	}
	if len(warnings) != 1 || !strings.Contains(warnings[0], "schema.json:3:5 expires on 2027-02-10, in 9 days") {
		t.Errorf("warnings = %q", warnings)
	}
	if f, w := ignores.Evaluate(igs, ""); f != nil || w != nil {
		t.Errorf("no as-of date: %v %v", f, w)
	}
}

func TestRulesValidate(t *testing.T) {
	t.Parallel()
	for _, r := range ignores.Rules() {
		if err := r.Validate(); err != nil {
			t.Error(err)
		}
	}
}
