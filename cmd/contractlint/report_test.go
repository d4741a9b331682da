package main

import (
	"bytes"
	"path/filepath"
	"testing"

	"github.com/contractlint/contractlint/schemas"
)

// TestReportMatchesSchema validates real JSON reports, from the bundled
// example and from hostile-looking input, against schemas/report.schema.json.
func TestReportMatchesSchema(t *testing.T) {
	t.Parallel()
	example := filepath.Join("..", "..", "testdata", "examples", "diff")
	for _, args := range [][]string{
		{"diff", "--format", "json", filepath.Join(example, "old"), filepath.Join(example, "new")},
		{"diff", "--format", "json", "--mode", "backward", filepath.Join(example, "old"), filepath.Join(example, "new")},
		{"diff", "--format", "json", filepath.Join(example, "old"), filepath.Join(example, "old")},
	} {
		var stdout, stderr bytes.Buffer
		code := run(t.Context(), append([]string{"contractlint"}, args...), &stdout, &stderr)
		if code == exitError {
			t.Fatalf("%q: exit %d: %s", args, code, stderr.String())
		}
		if err := schemas.Validate("report", schemas.Report, stdout.Bytes()); err != nil {
			t.Errorf("%q: report does not match the schema: %v\n%s", args, err, stdout.String())
		}
	}
}
