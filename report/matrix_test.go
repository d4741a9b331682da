package report

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/contractlint/contractlint/checks"
	"github.com/contractlint/contractlint/schemas"
)

// matrixSample is a check report whose matrix delta has a break (new), a
// fix and an unknown verdict, with untrusted text in it.
func matrixSample() *Report {
	r := New("check", nil)
	r.Version = "test"
	r.Matrix = &MatrixDelta{File: "contract-matrix.yaml", Updated: true, Verdicts: []MatrixVerdict{
		{Contract: "orders", Consumer: "billing", Reads: "^1.2", Writer: "2.0.0", Reader: "1.2.0", Status: "incompatible",
			Message: "billing reads orders ^1.2 and breaks on 2.0.0 (reader 1.2.0): FIELD_NO_DELETE acme.orders.v1.Order.total",
			Findings: []checks.Finding{{Rule: "FIELD_NO_DELETE", Impact: checks.Major, Levels: checks.Source, File: "acme/orders/v1/orders.proto",
				Line: 4, Column: 1, Path: "acme.orders.v1.Order.total", Message: `field 2 "total" of message "Order" was deleted`}}},
		{Contract: "orders", Consumer: "analytics", Reads: ">=1.0.0 <3.0.0", Writer: "2.0.0", Status: "compatible", Was: "incompatible",
			Message: "analytics reads orders >=1.0.0 <3.0.0 and reads 2.0.0"},
		{Contract: "payment", Consumer: "ledger|<b>x</b>", Reads: "^5", Writer: "1.1.0", Status: "unknown", Was: "unknown",
			Message: "no known version of payment matches ledger's range ^5\n\x1b[31m"},
	}}
	return r
}

func TestMatrixDeltaGolden(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		file string
		r    Renderer
	}{
		{"matrix-delta.txt", Text{}},
		{"matrix-delta.md", Markdown{}},
		{"matrix-delta.json", JSON{}},
	} {
		var buf bytes.Buffer
		if err := tc.r.Render(&buf, matrixSample()); err != nil {
			t.Fatal(err)
		}
		golden := filepath.Join("testdata", tc.file)
		if *update {
			if err := os.WriteFile(golden, buf.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatalf("%v (run go test ./report -update)", err)
		}
		if buf.String() != string(want) {
			t.Errorf("%s differs from golden; got:\n%s", tc.file, buf.String())
		}
	}
}

func TestMatrixDelta(t *testing.T) {
	t.Parallel()
	r := matrixSample()
	if !r.MatrixBreaks() || !r.Fails() {
		t.Error("a breaking consumer does not fail the report")
	}
	var buf bytes.Buffer
	if err := (JSON{}).Render(&buf, r); err != nil {
		t.Fatal(err)
	}
	if err := schemas.Validate("report", schemas.Report, buf.Bytes()); err != nil {
		t.Fatal(err)
	}
	r.Matrix.Verdicts = r.Matrix.Verdicts[1:]
	if r.MatrixBreaks() {
		t.Error("MatrixBreaks without an incompatible verdict")
	}
	var comment bytes.Buffer
	if err := (GitHubComment{}).Render(&comment, matrixSample()); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"#### Compatibility matrix", "| ❌ | billing | orders |", "ledger\\|&lt;b&gt;x&lt;/b&gt;"} {
		if !strings.Contains(comment.String(), want) {
			t.Errorf("PR comment lacks %q:\n%s", want, comment.String())
		}
	}
	var text bytes.Buffer
	if err := (Text{}).Render(&text, matrixSample()); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(text.String(), "\x1b") {
		t.Error("a terminal escape from the matrix reached the text report")
	}
}
