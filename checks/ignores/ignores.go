package ignores

import (
	"fmt"
	"strings"
	"time"

	"github.com/contractlint/contractlint/checks"
)

// Category is the one category of the ignore rules.
const Category = "IGNORE"

// SoonDays is how many days before its expiry an ignore is reported as
// expiring soon.
const SoonDays = 14

// Expired is the rule of an ignore past its expiry date.
var Expired = &checks.Rule{
	ID: "IGNORE_EXPIRED", Format: checks.Lifecycle, Categories: []string{Category}, Default: true,
	Impact: checks.None, Title: "Ignore past its expiry date",
	Doc: "Reports an ignore (an `ignores:` entry in contractlint.yaml, a `// contractlint:ignore` comment or an " +
		"`x-contractlint-ignore` annotation) whose `expires` date is on or before the check's date (`--as-of`, " +
		"today by default). The expired ignore no longer applies, so the findings it accepted count again, and " +
		"this finding fails `check` whatever the declared version. Its impact is none: the contract did not " +
		"change, the exception to its policy ran out. An ignore that expires within 14 days is a warning.\n\n" +
		"**Why it matters:** teams suppress a break \"until the consumers migrate\" and forget it; an expiry " +
		"date with an owner and a ticket turns the exception into a plan that someone is reminded of.\n\n" +
		"Old (contractlint.yaml):\n\n```yaml\nignores:\n  - {rule: FIELD_NO_DELETE, element: acme.orders.v1.Order.legacy,\n" +
		"     reason: billing migrates in Q4, expires: 2027-01-31, owner: team-orders, ticket: ORD-123}\n```\n\n" +
		"New: the same entry, checked with `--as-of 2027-02-01`: IGNORE_EXPIRED, and FIELD_NO_DELETE counts again.\n\n" +
		"Extend `expires` with the consumers' agreement, or remove the ignore and bump the version the change needs. " +
		"`contractlint ignores` lists every ignore with its owner, ticket and expiry.",
}

// Rules returns the ignore rules.
func Rules() []*checks.Rule { return []*checks.Rule{Expired} }

// Ignore is what the rules need to know about one ignore.
type Ignore struct {
	// Rule is the ignored rule ID, or "" for any rule.
	Rule string
	// Reason, Owner and Ticket are as written.
	Reason, Owner, Ticket string
	// Expires is the expiry date (YYYY-MM-DD), or "" for none.
	Expires string
	// File, Line and Column locate the ignore itself.
	File         string
	Line, Column int
}

// State is where an ignore stands on a date.
type State string

// States of an ignore.
const (
	// Permanent: no expiry date.
	Permanent State = "permanent"
	// Active: expires more than SoonDays days after the date.
	Active State = "active"
	// Soon: expires within SoonDays days.
	Soon State = "expires-soon"
	// Lapsed: the expiry date is on or before the date; the ignore no
	// longer applies.
	Lapsed State = "expired"
)

// StateOf returns the ignore's state on asOf and the days from asOf to its
// expiry (negative once expired, zero without an expiry date). Both dates
// are YYYY-MM-DD; an expiry that does not parse counts as expired, so that
// a typo never extends an exception.
func StateOf(expires, asOf string) (State, int) {
	if expires == "" {
		return Permanent, 0
	}
	e, err1 := time.Parse(checks.DateLayout, expires)
	t, err2 := time.Parse(checks.DateLayout, asOf)
	if err1 != nil || err2 != nil {
		return Lapsed, 0
	}
	days := int(e.Sub(t).Hours() / 24)
	switch {
	case days <= 0:
		return Lapsed, days
	case days <= SoonDays:
		return Soon, days
	}
	return Active, days
}

// Evaluate judges the ignores on asOf: it returns an IGNORE_EXPIRED finding
// for each expired one and a warning for each that expires within SoonDays
// days. An empty asOf judges nothing.
func Evaluate(igs []Ignore, asOf string) (findings []checks.Finding, warnings []string) {
	if asOf == "" {
		return nil, nil
	}
	for _, ig := range igs {
		state, days := StateOf(ig.Expires, asOf)
		switch state {
		case Lapsed:
			findings = append(findings, checks.Finding{
				Rule: Expired.ID, Impact: Expired.Impact, File: ig.File, Line: ig.Line, Column: ig.Column,
				Path: ig.Rule, Message: fmt.Sprintf("%s expired on %s (as of %s) and no longer applies%s", Describe(ig), ig.Expires, asOf, tail(ig)),
			})
		case Soon:
			warnings = append(warnings, fmt.Sprintf("%s at %s expires on %s, in %d day%s%s", Describe(ig), where(ig), ig.Expires, days, plural(days), tail(ig)))
		}
	}
	return findings, warnings
}

// Describe names an ignore in a sentence: `the ignore of FIELD_NO_DELETE
// ("nobody reads it")`.
func Describe(ig Ignore) string {
	what := ig.Rule
	if what == "" {
		what = "any rule"
	}
	return fmt.Sprintf("the ignore of %s (%q)", what, ig.Reason)
}

func tail(ig Ignore) string {
	var parts []string
	if ig.Owner != "" {
		parts = append(parts, "owner "+ig.Owner)
	}
	if ig.Ticket != "" {
		parts = append(parts, "ticket "+ig.Ticket)
	}
	if len(parts) == 0 {
		return ""
	}
	return " (" + strings.Join(parts, ", ") + ")"
}

func where(ig Ignore) string {
	switch {
	case ig.Line > 0:
		return fmt.Sprintf("%s:%d:%d", ig.File, ig.Line, ig.Column)
	}
	return ig.File
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}
