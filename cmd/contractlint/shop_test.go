package main

import (
	"bytes"
	"strings"
	"testing"

	"github.com/contractlint/contractlint/schemas"
)

// TestShopExample runs the README's quick start for `check`: the bundled
// shop repository against its published/ directory, with no git history.
func TestShopExample(t *testing.T) {
	t.Parallel()
	var stdout, stderr bytes.Buffer
	code := run(t.Context(), []string{"contractlint", "check", "-C", "../../testdata/examples/shop", "--against-dir", "published"}, &stdout, &stderr)
	if code != exitFindings || stderr.Len() > 0 {
		t.Fatalf("exit %d, stderr %s", code, stderr.String())
	}
	for _, want := range []string{
		"orders (protobuf): version-too-low — orders declares 1.5.0, but FIELD_NO_DELETE on acme.orders.v1.Order.total is major: declare 2.0.0",
		"customer (jsonschema): ok — declares 2.2.0 for a minor change from 2.1.0",
		"payment (avro): ok — declares 1.3.0 for a minor change from 1.2.0",
		"example examples/orders/paid.json of orders@1.4.0 (",
		`shop/published) is rejected by the proposed schema: (line 4:3): unknown field "total" [PROTO_EXAMPLE_REJECTED]`,
	} {
		if !strings.Contains(stdout.String(), want) {
			t.Errorf("stdout lacks %q:\n%s", want, stdout.String())
		}
	}
}

// TestShopJSONReport checks that check's JSON report, with its contracts,
// statuses and versions, is valid against schemas/report.schema.json.
func TestShopJSONReport(t *testing.T) {
	t.Parallel()
	var stdout, stderr bytes.Buffer
	code := run(t.Context(), []string{"contractlint", "check", "-C", "../../testdata/examples/shop", "--against-dir", "published", "--format", "json"}, &stdout, &stderr)
	if code != exitFindings {
		t.Fatalf("exit %d, stderr %s", code, stderr.String())
	}
	if err := schemas.Validate("report.schema.json", schemas.Report, stdout.Bytes()); err != nil {
		t.Fatalf("report does not match its schema: %v\n%s", err, stdout.String())
	}
	for _, want := range []string{`"required_version": "2.0.0"`, `"status": "version-too-low"`, `"mode": "backward_transitive"`} {
		if !strings.Contains(stdout.String(), want) {
			t.Errorf("JSON report lacks %s", want)
		}
	}
}
