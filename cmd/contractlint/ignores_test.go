package main

import (
	"bytes"
	"strings"
	"testing"

	"github.com/contractlint/contractlint/internal/gittest"
	"github.com/contractlint/contractlint/schemas"
)

// TestIgnoresJSON validates the JSON of `ignores` and of `deprecations`,
// which lists the same ignores, against their schemas, for configured and
// inline ignores in every state.
func TestIgnoresJSON(t *testing.T) {
	t.Parallel()
	r := gittest.New(t)
	r.Commit("1.0.0",
		"contractlint.yaml", "contracts:\n  - name: pay\n    format: avro\n    path: pay.avsc\n    version: 1.0.0\n    ignores:\n"+
			"      - {rule: READER_FIELD_MISSING_DEFAULT_VALUE_FORWARD, reason: soon gone, expires: 2027-01-20, owner: pay, ticket: PAY-1}\n"+
			"      - {element: com.acme.Pay.b, reason: forever}\n"+
			"      - {rule: TYPE_MISMATCH, reason: old, expires: 2027-01-01}\n",
		"pay.avsc", `{"type": "record", "name": "Pay", "namespace": "com.acme", "fields": [{"name": "a", "type": "int",
  "x-contractlint-ignore": {"NAME_MISMATCH": {"reason": "renamed", "expires": "2027-06-30", "ticket": "PAY-2"}}}]}`)
	r.Git("tag", "pay/v1.0.0")

	var stdout, stderr bytes.Buffer
	if code := run(t.Context(), []string{"contractlint", "ignores", "-C", r.Dir, "--as-of", "2027-01-15", "--format", "json"}, &stdout, &stderr); code != exitOK {
		t.Fatalf("ignores: exit %d: %s", code, stderr.String())
	}
	if err := schemas.Validate("ignores", schemas.Ignores, stdout.Bytes()); err != nil {
		t.Errorf("ignores JSON does not match its schema: %v\n%s", err, stdout.String())
	}
	for _, want := range []string{`"state": "expired"`, `"state": "expires-soon"`, `"state": "active"`, `"state": "permanent"`, `"ticket": "PAY-2"`, `"inline": true`} {
		if !strings.Contains(stdout.String(), want) {
			t.Errorf("ignores JSON lacks %s:\n%s", want, stdout.String())
		}
	}
	stdout.Reset()
	if code := run(t.Context(), []string{"contractlint", "deprecations", "-C", r.Dir, "--as-of", "2027-01-15", "--format", "json"}, &stdout, &stderr); code != exitOK {
		t.Fatalf("deprecations: exit %d: %s", code, stderr.String())
	}
	if err := schemas.Validate("deprecations", schemas.Deprecations, stdout.Bytes()); err != nil {
		t.Errorf("deprecations JSON does not match its schema: %v\n%s", err, stdout.String())
	}
	if !strings.Contains(stdout.String(), `"ticket": "PAY-1"`) {
		t.Errorf("deprecations JSON lacks the ignores:\n%s", stdout.String())
	}
}
