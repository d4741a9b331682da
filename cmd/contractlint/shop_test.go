package main

import (
	"bytes"
	"strings"
	"testing"
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
