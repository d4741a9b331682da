// Package lifecycle holds the deprecation-lifecycle rules: an element should
// die in three steps — deprecated with a sunset date, still served while its
// consumers move, removed after the sunset. [Evaluate] compares the elements
// (see checks.ElementLister) of a published version and of a proposal on a
// given date and reports, under a contract's [Policy], removals without
// deprecation, removals before the sunset, planned removals, deprecations
// without a sunset, sunsets moved earlier or deleted, and sunsets that do not
// parse.
//
// The rules apply to every contract format, so their Format is
// checks.Lifecycle. Their impacts count toward the version verdict like any
// other rule's; in addition every rule but REMOVAL_PLANNED is a policy
// violation ([Violation]) that fails `check` whatever the declared version.
// "Today" is always an input (`--as-of`), never read from the clock here.
package lifecycle
