package main

import (
	"bytes"
	"testing"

	"github.com/contractlint/contractlint/checks"
	"github.com/contractlint/contractlint/report"
)

func changelogReport() *report.Report {
	r := report.New("changelog", []checks.Finding{
		{Rule: "FIELD_NO_DELETE", Impact: checks.Major, Contract: "orders", Message: "field total was deleted"},
		{Rule: "FIELD_ADDED", Impact: checks.Minor, Contract: "orders", Message: "field note was added"},
		{Rule: "COMMENT_CHANGED", Impact: checks.Patch, Contract: "orders", Message: "comment on Order changed"},
		{Rule: "ENUM_VALUE_ADDED", Impact: checks.Minor, Contract: "orders", Message: "value X added", Ignored: "internal"},
	})
	r.New = "working tree"
	r.Contracts = []report.Contract{
		{Name: "orders", Status: "version-too-low", Declared: "1.5.0", Published: "1.4.0",
			Verdict: checks.Verdict{Impact: checks.Major}, Message: "orders declares 1.5.0, but FIELD_NO_DELETE on acme.Order.total is major: declare 2.0.0"},
		{Name: "customer", Status: "unchanged", Declared: "2.1.0", Published: "2.1.0"},
	}
	return r
}

func TestChangelogText(t *testing.T) {
	t.Parallel()
	var b bytes.Buffer
	if err := renderChangelogText(&b, "orders/v1.4.0", changelogReport()); err != nil {
		t.Fatal(err)
	}
	want := `Changes since orders/v1.4.0 (to working tree)

orders 1.4.0 → 1.5.0: major
  Breaking changes (major)
    - field total was deleted [FIELD_NO_DELETE]
  Additions and deprecations (minor)
    - field note was added [FIELD_ADDED]
  Documentation and other changes (patch)
    - comment on Order changed [COMMENT_CHANGED]
  Ignored
    - value X added [ENUM_VALUE_ADDED] (ignored: internal)
  ! orders declares 1.5.0, but FIELD_NO_DELETE on acme.Order.total is major: declare 2.0.0

customer 2.1.0: none
  no changes
`
	if b.String() != want {
		t.Errorf("got\n%s\nwant\n%s", b.String(), want)
	}
}

func TestChangelogMarkdown(t *testing.T) {
	t.Parallel()
	var b bytes.Buffer
	if err := renderChangelogMarkdown(&b, "orders/v1.4.0", changelogReport()); err != nil {
		t.Fatal(err)
	}
	want := "## Changes since orders/v1.4.0\n\n### orders 1.4.0 → 1.5.0\n\n" +
		"**Breaking changes (major)**\n\n- field total was deleted (`FIELD_NO_DELETE`)\n\n" +
		"**Additions and deprecations (minor)**\n\n- field note was added (`FIELD_ADDED`)\n\n" +
		"**Documentation and other changes (patch)**\n\n- comment on Order changed (`COMMENT_CHANGED`)\n\n" +
		"**Ignored**\n\n- value X added (`ENUM_VALUE_ADDED`): internal\n\n" +
		"> ⚠️ orders declares 1.5.0, but FIELD\\_NO\\_DELETE on acme.Order.total is major: declare 2.0.0\n\n" +
		"### customer 2.1.0\n\nNo changes.\n"
	if b.String() != want {
		t.Errorf("got\n%s\nwant\n%s", b.String(), want)
	}
}
