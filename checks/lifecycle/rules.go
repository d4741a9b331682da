package lifecycle

import (
	"fmt"
	"strings"

	"github.com/contractlint/contractlint/checks"
)

// Category is the one category of every lifecycle rule.
const Category = "LIFECYCLE"

// The lifecycle rules. Each has one default impact; whether a finding fails
// `check` is the rule's Violation, never its impact (see [Violation]).
var (
	RemovedWithoutDeprecation = &checks.Rule{
		ID: "REMOVED_WITHOUT_DEPRECATION", Format: checks.Lifecycle, Categories: []string{Category}, Default: true,
		Impact: checks.Major, Title: "Element removed without being deprecated first",
		Doc: doc(`Reports an element (a field, message, enum value, RPC; a property or definition; a record, field or symbol) that the published version had and the proposal does not, when neither it nor an enclosing element was ever marked deprecated. Reported only when the contract's policy requires deprecation before removal (`+"`deprecation: {require: true}`"+` in contractlint.yaml); it then fails `+"`check`"+` whatever the declared version.`,
			`Consumers learn that something goes away from its deprecation marker (compiler warnings, generated docs, the deprecation report). Removing it without one gives them no notice at all.`,
			"message Order {\n  int64 total = 3;\n}",
			"message Order {\n  reserved 3;\n}"),
	}
	RemovedBeforeSunset = &checks.Rule{
		ID: "REMOVED_BEFORE_SUNSET", Format: checks.Lifecycle, Categories: []string{Category}, Default: true,
		Impact: checks.Major, Title: "Deprecated element removed before its sunset date",
		Doc: doc(`Reports a deprecated element removed while its sunset date (or that of the enclosing deprecated element) is still in the future as of the check's date (`+"`--as-of`"+`, today by default). A deprecated element without a sunset, or with a date that does not parse, has not reached its sunset when the policy requires one. It fails `+"`check`"+` whatever the declared version.`,
			`The sunset is a promise to consumers: the element stays until then. Removing it early breaks the consumers that planned their migration around that date.`,
			"// @sunset 2027-03-31\nint64 total = 3 [deprecated = true];",
			"// total removed on 2027-01-15",
			"Remove it on or after the sunset, or move the sunset with the consumers' agreement (which `SUNSET_MOVED_EARLIER` also reports)."),
	}
	RemovalPlanned = &checks.Rule{
		ID: "REMOVAL_PLANNED", Format: checks.Lifecycle, Categories: []string{Category}, Default: true,
		Impact: checks.Major, Title: "Deprecated element removed after its sunset date",
		Doc: doc(`Reports the removal of a deprecated element whose sunset date has passed as of the check's date (or that has no sunset when the policy does not require one). The removal is planned, so it does not fail `+"`check`"+` by itself; it is still a major change, and the declared version must say so.`,
			`Release notes and the PR comment show the removal as the end of a deprecation, not as a surprise; the engine's own finding (FIELD_NO_DELETE, PROPERTY_REMOVED, ...) still asks for the major version.`,
			"// @sunset 2026-06-30\nint64 total = 3 [deprecated = true];",
			"// total removed on 2026-07-01, version 2.0.0"),
	}
	DeprecatedWithoutSunset = &checks.Rule{
		ID: "DEPRECATED_WITHOUT_SUNSET", Format: checks.Lifecycle, Categories: []string{Category}, Default: true,
		Impact: checks.Minor, Title: "Deprecated element has no sunset date",
		Doc: doc(`Reports a deprecated element of the proposal that has no sunset date, when the contract's policy requires one (`+"`deprecation: {require_sunset: true}`"+`). It then fails `+"`check`"+`.`,
			`Without a date consumers cannot plan their migration and release engineers cannot tell when the element may go.`,
			"int64 total = 3;",
			"int64 total = 3 [deprecated = true];"),
	}
	SunsetMovedEarlier = &checks.Rule{
		ID: "SUNSET_MOVED_EARLIER", Format: checks.Lifecycle, Categories: []string{Category}, Default: true,
		Impact: checks.Minor, Title: "Sunset date moved earlier",
		Doc: doc(`Reports a deprecated element whose sunset date is earlier in the proposal than in the published version. It fails `+"`check`"+`: agree the new date with the consumers, then ignore the finding with a reason.`,
			`Consumers planned their migration around the published date; an earlier one can leave them without a working version.`,
			"// @sunset 2027-03-31\nint64 total = 3 [deprecated = true];",
			"// @sunset 2026-12-31\nint64 total = 3 [deprecated = true];"),
	}
	SunsetRemoved = &checks.Rule{
		ID: "SUNSET_REMOVED", Format: checks.Lifecycle, Categories: []string{Category}, Default: true,
		Impact: checks.Patch, Title: "Sunset date deleted from a deprecated element",
		Doc: doc(`Reports a deprecated element that had a sunset date in the published version and has none in the proposal. It fails `+"`check`"+`: extend the date instead of deleting it, or remove the deprecation marker too if the element stays.`,
			`The deprecation report and the consumers lose the date they plan with, while the element is still announced as going away.`,
			"// @sunset 2027-03-31\nint64 total = 3 [deprecated = true];",
			"int64 total = 3 [deprecated = true];"),
	}
	SunsetInvalid = &checks.Rule{
		ID: "SUNSET_INVALID", Format: checks.Lifecycle, Categories: []string{Category}, Default: true,
		Impact: checks.Patch, Title: "Sunset date does not parse",
		Doc: doc(`Reports a sunset annotation of the proposal that is not an ISO calendar date (YYYY-MM-DD, e.g. 2027-03-31): "31/03/2027", "2027-3-31", "2027-02-30", "soon". It fails `+"`check`"+`.`,
			`A date nobody can read protects nobody: the lifecycle rules and the deprecation report cannot tell whether the element may be removed.`,
			"int64 total = 3 [deprecated = true];",
			"// @sunset 31/03/2027\nint64 total = 3 [deprecated = true];"),
	}
)

// Rules returns the lifecycle rules in documentation order.
func Rules() []*checks.Rule {
	return []*checks.Rule{RemovedWithoutDeprecation, RemovedBeforeSunset, RemovalPlanned,
		DeprecatedWithoutSunset, SunsetMovedEarlier, SunsetRemoved, SunsetInvalid}
}

// Violation reports whether a finding of the rule with the given ID fails
// `check` whatever the declared version: every lifecycle rule except the
// planned removal.
func Violation(id string) bool {
	for _, r := range Rules() {
		if r.ID == id {
			return r != RemovalPlanned
		}
	}
	return false
}

// doc assembles a rule's Markdown documentation: what it detects, why it
// matters, an old/new example (in protobuf; the markers of the other
// formats are in the README) and optional notes.
func doc(what, why, oldEx, newEx string, notes ...string) string {
	var extra string
	for _, n := range notes {
		extra += "\n" + strings.TrimSpace(n) + "\n"
	}
	return fmt.Sprintf("%s\n\n**Why it matters:** %s\n\nOld:\n\n```proto\n%s\n```\n\nNew:\n\n```proto\n%s\n```\n%s",
		strings.TrimSpace(what), strings.TrimSpace(why), strings.TrimSpace(oldEx), strings.TrimSpace(newEx), extra)
}
