package report

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/contractlint/contractlint/checks"
	"github.com/contractlint/contractlint/schemas"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

func sample() *Report {
	r := New("diff", []checks.Finding{
		{Rule: "FIELD_NO_DELETE", Impact: checks.Major, Levels: checks.Source, File: "acme/orders/v1/orders.proto", Line: 12, Column: 1,
			Path: "acme.orders.v1.Order", Message: `Previously present field "3" with name "total" on message "Order" was deleted.`},
		{Rule: "FIELD_ADD", Impact: checks.Minor, File: "acme/orders/v1/orders.proto", Line: 20, Column: 3,
			Path: "acme.orders.v1.Order.note", Message: `Field "note" (5) was added to message "Order".`},
		{Rule: "MAX_LENGTH_DECREASED", Impact: checks.Major, Breaks: checks.Backward, Levels: checks.JSON, File: "customer.schema.json", Line: 7, Column: 20,
			Path: "#/properties/name/maxLength", Message: "maxLength decreased from 100 to 50 | <script>alert(1)</script> [x](http://evil)", Old: "100", New: "50"},
		{Rule: "FILE_NO_DELETE", Impact: checks.Major, Levels: checks.Source, File: "legacy.proto",
			Message: "Previously present file \"legacy.proto\" was deleted.", Ignored: "retired in 2025"},
	})
	r.Version = "test"
	r.Old, r.New = "old/", "new/"
	r.Mode, r.Policy = checks.ModeFull, "lenient"
	r.Diffs = []FileDiff{Diff("acme/orders/v1/orders.proto",
		[]byte("message Order {\n  string id = 1;\n  int64 total = 3;\n}\n"),
		[]byte("message Order {\n  string id = 1;\n  // ```\n  string note = 5;\n}\n"), r.Findings)}
	return r
}

func TestRenderGolden(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		file string
		r    Renderer
		rep  *Report
	}{
		{"sample.txt", Text{}, sample()},
		{"sample-color.txt", Text{Color: true}, sample()},
		{"sample.md", Markdown{}, sample()},
		{"sample.json", JSON{}, sample()},
		{"empty.txt", Text{}, New("diff", nil)},
		{"empty.md", Markdown{}, New("diff", nil)},
	} {
		var buf bytes.Buffer
		if err := tc.r.Render(&buf, tc.rep); err != nil {
			t.Fatalf("%s: %v", tc.file, err)
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

func TestJSONMatchesSchema(t *testing.T) {
	t.Parallel()
	for _, r := range []*Report{sample(), New("diff", nil)} {
		r.Version = "test"
		var buf bytes.Buffer
		if err := (JSON{}).Render(&buf, r); err != nil {
			t.Fatal(err)
		}
		if err := schemas.Validate("report", schemas.Report, buf.Bytes()); err != nil {
			t.Errorf("report does not match schemas/report.schema.json: %v\n%s", err, buf.String())
		}
	}
	// The schema must reject what it promises to reject.
	bad := `{"tool":"contractlint","version":"x","command":"diff","mode":"full","fail_on":"major","impact":"huge",` +
		`"compatible":{"backward":true,"forward":true,"source":true},"schema_version":2,"summary":{"total":0,"major":0,"minor":0,"patch":0,"ignored":0},"findings":[]}`
	if err := schemas.Validate("report", schemas.Report, []byte(bad)); err == nil {
		t.Error("schema accepted impact \"huge\"")
	}
}

func TestSummaryAndFailed(t *testing.T) {
	t.Parallel()
	r := sample()
	if r.Summary != (Summary{Total: 3, Major: 2, Minor: 1, Ignored: 1}) {
		t.Errorf("summary %+v", r.Summary)
	}
	if r.Impact != checks.Major || r.Compatible.Backward || !r.Compatible.Forward || r.Compatible.Source {
		t.Errorf("verdict %+v, want major, backward and source broken, forward data compatible", r.Verdict)
	}
	for _, tc := range []struct {
		threshold checks.Impact
		want      bool
	}{{checks.Major, true}, {checks.Minor, true}, {checks.Patch, true}, {checks.None, false}} {
		if got := r.Failed(tc.threshold); got != tc.want {
			t.Errorf("Failed(%v) = %v", tc.threshold, got)
		}
	}
	minor := New("diff", []checks.Finding{{Rule: "FIELD_ADD", Impact: checks.Minor}})
	if minor.Failed(checks.Major) || !minor.Failed(checks.Minor) {
		t.Error("a minor change must fail --fail-on minor and pass --fail-on major")
	}
	ignoredOnly := New("diff", []checks.Finding{{Rule: "FILE_NO_DELETE", Impact: checks.Major, Ignored: "why"}})
	if ignoredOnly.Failed(checks.Patch) {
		t.Error("ignored findings must not fail")
	}
}

func TestEscapeMarkdown(t *testing.T) {
	t.Parallel()
	got := EscapeMarkdown("a|b <img src=x> [l](u) `c`\n**d** @team")
	for _, bad := range []string{"<img", "](", "\n", "**", "`c`", " @team"} {
		if strings.Contains(got, bad) {
			t.Errorf("EscapeMarkdown left %q in %q", bad, got)
		}
	}
	if strings.Count(got, "|") != strings.Count(got, "\\|") {
		t.Errorf("EscapeMarkdown left an unescaped | in %q", got)
	}
}

func TestForFormat(t *testing.T) {
	t.Parallel()
	for _, f := range Formats {
		if _, err := ForFormat(f, false); err != nil {
			t.Errorf("ForFormat(%q): %v", f, err)
		}
	}
	if _, err := ForFormat("yaml", false); err == nil {
		t.Error("ForFormat(yaml) succeeded")
	}
}

// Findings of data rules outside the selection decide the verdict and are
// listed apart, in every human-readable format and in JSON.
func TestDataFindings(t *testing.T) {
	t.Parallel()
	r := New("diff", []checks.Finding{
		{Rule: "FIELD_SAME_TYPE", Impact: checks.Major, Levels: checks.Source, File: "a.proto", Line: 3, Column: 3, Message: "type changed from string to int64"},
		{Rule: "FIELD_WIRE_COMPATIBLE_TYPE", Impact: checks.Major, Breaks: checks.Both, Levels: checks.AllLevels, File: "a.proto", Line: 3, Column: 3, Message: "type changed incompatibly", Unselected: true},
	})
	if len(r.Findings) != 1 || len(r.DataFindings) != 1 || r.Summary.Total != 1 {
		t.Fatalf("findings %v, data findings %v, summary %+v", r.Findings, r.DataFindings, r.Summary)
	}
	if r.Compatible.Backward || r.Compatible.Forward || r.Compatible.Source {
		t.Errorf("verdict %+v ignores the data finding", r.Verdict)
	}
	for _, rd := range []Renderer{Text{}, Markdown{}, JSON{}} {
		out := string(render(t, rd, r))
		if !strings.Contains(out, "FIELD_WIRE_COMPATIBLE_TYPE") {
			t.Errorf("%T does not show the data finding:\n%s", rd, out)
		}
	}
	r.Version = "test"
	if err := schemas.Validate("report", schemas.Report, render(t, JSON{}, r)); err != nil {
		t.Error(err)
	}
}
