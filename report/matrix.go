package report

import "github.com/contractlint/contractlint/checks"

// OneLine keeps untrusted text on one line and free of terminal escapes; for
// renderers outside this package (the compatibility matrix's).
func OneLine(s string) string { return oneLine(s) }

// Location formats a finding's position as file:line:column, leaving out
// what is unknown.
func Location(f checks.Finding) string { return location(f) }
