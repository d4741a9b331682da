package lifecycle_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/contractlint/contractlint/checks"
	"github.com/contractlint/contractlint/checks/lifecycle"
)

// TestPolicy is the policy truth table: for each kind of removal or
// deprecation, the rule reported under each combination of the policy's
// two switches ("-" for none), and whether it fails `check`.
func TestPolicy(t *testing.T) {
	t.Parallel()
	parent := checks.Element{Kind: "message", ID: "M", Path: "M", File: "a.proto", Line: 1}
	field := func(mut func(*checks.Element)) checks.Element {
		e := checks.Element{Kind: "field", ID: "M.f", Parent: "M", Path: "M.f", File: "a.proto", Line: 2}
		mut(&e)
		return e
	}
	dated := func(d string) func(*checks.Element) {
		return func(e *checks.Element) { e.Deprecated = true; e.SetSunset(d) }
	}
	plain := func(*checks.Element) {}
	undated := func(e *checks.Element) { e.Deprecated = true }
	removed := []checks.Element{parent}
	tests := []struct {
		name     string
		old, new []checks.Element
		// want per policy: none, require, require_sunset, both
		want [4]string
	}{
		{"removed, never deprecated", []checks.Element{parent, field(plain)}, removed,
			[4]string{"-", "REMOVED_WITHOUT_DEPRECATION", "-", "REMOVED_WITHOUT_DEPRECATION"}},
		{"removed, deprecated without sunset", []checks.Element{parent, field(undated)}, removed,
			[4]string{"REMOVAL_PLANNED", "REMOVAL_PLANNED", "REMOVED_BEFORE_SUNSET", "REMOVED_BEFORE_SUNSET"}},
		{"removed before sunset", []checks.Element{parent, field(dated("2027-03-31"))}, removed,
			[4]string{"REMOVED_BEFORE_SUNSET", "REMOVED_BEFORE_SUNSET", "REMOVED_BEFORE_SUNSET", "REMOVED_BEFORE_SUNSET"}},
		{"removed on the sunset", []checks.Element{parent, field(dated("2027-01-01"))}, removed,
			[4]string{"REMOVAL_PLANNED", "REMOVAL_PLANNED", "REMOVAL_PLANNED", "REMOVAL_PLANNED"}},
		{"removed, malformed sunset", []checks.Element{parent, field(dated("2027-1-1"))}, removed,
			[4]string{"REMOVED_BEFORE_SUNSET", "REMOVED_BEFORE_SUNSET", "REMOVED_BEFORE_SUNSET", "REMOVED_BEFORE_SUNSET"}},
		{"newly deprecated without sunset", []checks.Element{parent, field(plain)}, []checks.Element{parent, field(undated)},
			[4]string{"-", "-", "DEPRECATED_WITHOUT_SUNSET", "DEPRECATED_WITHOUT_SUNSET"}},
		{"deprecated without sunset, already published", []checks.Element{parent, field(undated)}, []checks.Element{parent, field(undated)},
			[4]string{"-", "-", "-", "-"}},
		{"malformed sunset, already published", []checks.Element{parent, field(dated("June"))}, []checks.Element{parent, field(dated("June"))},
			[4]string{"-", "-", "-", "-"}},
		{"newly deprecated with sunset", []checks.Element{parent, field(plain)}, []checks.Element{parent, field(dated("2027-06-30"))},
			[4]string{"-", "-", "-", "-"}},
		{"sunset extended", []checks.Element{parent, field(dated("2027-06-30"))}, []checks.Element{parent, field(dated("2027-12-31"))},
			[4]string{"-", "-", "-", "-"}},
		{"deprecation withdrawn", []checks.Element{parent, field(dated("2027-06-30"))}, []checks.Element{parent, field(plain)},
			[4]string{"-", "-", "-", "-"}},
	}
	policies := []lifecycle.Policy{{}, {RequireDeprecation: true}, {RequireSunset: true}, {RequireDeprecation: true, RequireSunset: true}}
	for _, tt := range tests {
		for i, p := range policies {
			var got []string
			for _, f := range lifecycle.Evaluate(tt.old, tt.new, "2027-01-01", p) {
				got = append(got, f.Rule)
			}
			want := []string(nil)
			if tt.want[i] != "-" {
				want = strings.Split(tt.want[i], " ")
			}
			if !slices.Equal(got, want) {
				t.Errorf("%s, policy %+v: got %v, want %v", tt.name, p, got, want)
			}
		}
	}
	for _, r := range lifecycle.Rules() {
		if got := lifecycle.Violation(r.ID); got != (r != lifecycle.RemovalPlanned) {
			t.Errorf("Violation(%s) = %t", r.ID, got)
		}
	}
	if lifecycle.Violation("FIELD_NO_DELETE") {
		t.Error("an engine rule is not a lifecycle violation")
	}
}

// TestMalformedDates lists sunsets that must not parse, and some that must.
func TestMalformedDates(t *testing.T) {
	t.Parallel()
	for _, s := range []string{"", "soon", "2027-3-31", "2027-03-1", "31/03/2027", "2027-02-30", "2027-13-01",
		"2027-03-31T00:00:00Z", " 2027-03-31", "2027/03/31", "20270331", "+2027-03-31"} {
		if got, err := checks.ParseSunset(s); err == nil {
			t.Errorf("ParseSunset(%q) = %q, want an error", s, got)
		} else if !strings.Contains(err.Error(), "YYYY-MM-DD") {
			t.Errorf("ParseSunset(%q): %v does not say what is expected", s, err)
		}
	}
	for _, s := range []string{"2027-03-31", "2028-02-29", "1999-12-31"} {
		if got, err := checks.ParseSunset(s); err != nil || got != s {
			t.Errorf("ParseSunset(%q) = %q, %v", s, got, err)
		}
	}
	if _, err := lifecycle.Date("2027-02-29"); err == nil {
		t.Error("Date accepts 2027-02-29")
	}
	if d := lifecycle.Days("2027-03-01", "2027-02-27"); d != -2 {
		t.Errorf("Days = %d, want -2", d)
	}
}
