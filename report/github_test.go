package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/contractlint/contractlint/checks"
)

// checkSample is a `check` report: two contracts, one with a version that
// is too low, untrusted text in names and messages.
func checkSample() *Report {
	r := New("check", []checks.Finding{
		{Rule: "FIELD_NO_DELETE", Impact: checks.Major, Levels: checks.Source, Contract: "orders", File: "proto/acme/orders.proto", Line: 12, Column: 3,
			Path: "acme.Order", Message: `Field "total" (3) was deleted from message "Order".`},
		{Rule: "FIELD_ADD", Impact: checks.Minor, Contract: "orders", File: "proto/acme/orders.proto", Line: 20, Column: 3,
			Path: "acme.Order.note", Message: `Field "note" (5) was added.`},
		{Rule: "DESCRIPTION_CHANGED", Impact: checks.Patch, Contract: "customer <b>", File: "schemas/customer v2.json", Line: 4,
			Path: "#/description", Message: "Description changed | ![x](http://evil) @org/team"},
		{Rule: "FILE_NO_DELETE", Impact: checks.Major, Levels: checks.Source, Contract: "orders", File: "proto/acme/legacy.proto",
			Message: `File "legacy.proto" was deleted.`, Ignored: "retired"},
	})
	r.Version = "v1.2.3"
	r.Contracts = []Contract{
		{Name: "customer <b>", Format: checks.JSONSchema, Status: "ok", Verdict: checks.Verdict{Impact: checks.Patch},
			Declared: "1.0.1", Published: "1.0.0", Required: "1.0.1", Suggested: "1.0.1"},
		{Name: "orders", Format: checks.Protobuf, Status: "version-too-low", Verdict: checks.Verdict{Impact: checks.Major},
			Declared: "1.5.0", Published: "1.4.0", Required: "2.0.0", Suggested: "2.0.0",
			Message: "A major change needs version 2.0.0; the proposal declares 1.5.0."},
	}
	r.Diffs = []FileDiff{Diff("proto/acme/orders.proto",
		[]byte("message Order {\n  string id = 1;\n  int64 total = 3;\n}\n"),
		[]byte("message Order {\n  string id = 1;\n  string note = 5;\n}\n"), r.Findings)}
	r.Diffs[0].Contract = "orders"
	r.Matrix = &MatrixDelta{File: "contract-matrix.yaml", Verdicts: []MatrixVerdict{
		{Contract: "orders", Consumer: "billing", Reads: "^1.2", Writer: "2.0.0", Reader: "1.4.0", Status: "incompatible", Was: "compatible",
			Message: "billing reads orders ^1.2 and breaks on 2.0.0", Findings: r.Findings[:1]},
		{Contract: "orders", Consumer: "analytics <x>", Reads: ">=1.0.0 <3.0.0", Writer: "2.0.0", Status: "compatible",
			Message: "analytics reads orders >=1.0.0 <3.0.0 and reads 2.0.0"},
	}}
	return r
}

func golden(t *testing.T, file string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", file)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./report -update)", err)
	}
	if string(got) != string(want) {
		t.Errorf("%s differs from golden; got:\n%s", file, got)
	}
}

func render(t *testing.T, r Renderer, rep *Report) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := r.Render(&buf, rep); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestGitHubGolden(t *testing.T) {
	t.Parallel()
	comment := GitHubComment{Marker: "<!-- contractlint:comment id=default -->",
		Blob: "https://github.com/acme/contracts/blob/abc123/", RunURL: "https://github.com/acme/contracts/actions/runs/42",
		Limit: CommentLimit, More: "the [job summary](https://github.com/acme/contracts/actions/runs/42)"}
	golden(t, "github-comment.md", render(t, comment, checkSample()))
	golden(t, "github-summary.md", render(t, GitHubComment{Limit: SummaryLimit}, checkSample()))
	golden(t, "github-diff-comment.md", render(t, comment, sample()))
	golden(t, "github-empty-comment.md", render(t, comment, New("check", nil)))
	golden(t, "github-annotations.txt", render(t, GitHubAnnotations{}, checkSample()))
}

// Untrusted text cannot break out of its cell, link or command.
func TestGitHubCommentEscapes(t *testing.T) {
	t.Parallel()
	out := string(render(t, GitHubComment{Blob: "https://x/blob/s/"}, checkSample()))
	for _, bad := range []string{"<b>", "![x](http://evil)", " @org", "| ![", "customer v2.json#"} {
		if strings.Contains(out, bad) {
			t.Errorf("comment contains %q", bad)
		}
	}
	if !strings.Contains(out, "(https://x/blob/s/schemas/customer%20v2.json#L4)") {
		t.Errorf("file link not escaped:\n%s", out)
	}
}

// Cut output fits the limit, closes every <details>, never cuts inside a
// fenced diff and says where the rest is.
func TestGitHubCommentLimit(t *testing.T) {
	t.Parallel()
	var fs []checks.Finding
	for i := range 500 {
		fs = append(fs, checks.Finding{Rule: "FIELD_ADD", Impact: checks.Minor, Contract: "c", File: "a.proto", Line: i + 1,
			Message: fmt.Sprintf("Field %d was added; a message long enough to fill the comment quickly.", i)})
	}
	r := New("check", fs)
	for _, limit := range []int{600, 2000, 10000, 40000} {
		g := GitHubComment{Marker: "<!-- m -->", Limit: limit, More: "the job summary"}
		out := string(render(t, g, r))
		if len(out) > limit {
			t.Errorf("limit %d: wrote %d bytes", limit, len(out))
		}
		if !strings.Contains(out, "see the job summary for all of it") || !strings.HasPrefix(out, "<!-- m -->\n") {
			t.Errorf("limit %d: no pointer or marker:\n%s", limit, out)
		}
		if o, c := strings.Count(out, "<details>"), strings.Count(out, "</details>"); o != c {
			t.Errorf("limit %d: %d <details> but %d </details>", limit, o, c)
		}
	}
	full := string(render(t, GitHubComment{}, r))
	if strings.Contains(full, "was cut") {
		t.Error("unlimited output was cut")
	}
}

func TestGitHubAnnotationsEscapeAndCap(t *testing.T) {
	t.Parallel()
	var fs []checks.Finding
	for i := range 12 {
		fs = append(fs, checks.Finding{Rule: "FIELD_ADD", Impact: checks.Minor, File: "a,b:c.proto", Line: i + 1, Message: "added"})
	}
	fs = append(fs,
		checks.Finding{Rule: "FIELD_NO_DELETE", Impact: checks.Major, File: "z.proto", Line: 3, Column: 2, Message: "100% gone\n::error::injected\r"},
		checks.Finding{Rule: "X", Impact: checks.Patch, Message: "no file"},
		checks.Finding{Rule: "Y", Impact: checks.Major, File: "i.proto", Message: "ignored", Ignored: "why"})
	out := string(render(t, GitHubAnnotations{}, New("diff", checks.Sort(fs))))
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if len(lines) != 15 {
		t.Fatalf("%d lines:\n%s", len(lines), out)
	}
	if !strings.HasPrefix(lines[0], "::notice title=contractlint%3A annotations capped::2 of 14 findings are not shown") {
		t.Errorf("cap notice: %s", lines[0])
	}
	if lines[1] != "::error file=z.proto,line=3,col=2,title=FIELD_NO_DELETE (major)::100%25 gone%0A::error::injected%0D" {
		t.Errorf("most severe first, escaped: %s", lines[1])
	}
	if lines[2] != "::warning file=a%2Cb%3Ac.proto,line=1,title=FIELD_ADD (minor)::added" {
		t.Errorf("property escaping: %s", lines[2])
	}
	if lines[14] != "::notice title=X (patch)::no file" {
		t.Errorf("last: %s", lines[14])
	}
	if strings.Contains(out, "i.proto") {
		t.Error("ignored finding annotated")
	}
	few := string(render(t, GitHubAnnotations{}, New("diff", fs[:3])))
	if strings.Contains(few, "capped") {
		t.Errorf("cap notice without need:\n%s", few)
	}
}

func TestSARIFShape(t *testing.T) {
	t.Parallel()
	rule := &checks.Rule{ID: "FIELD_NO_DELETE", Format: checks.Protobuf, Categories: []string{"FILE"}, Default: true,
		Impact: checks.Major, Levels: checks.Source, Title: "Fields must not be deleted",
		Doc: "A deleted field breaks readers.\n\nOld: `int64 total = 3;` New: (gone)."}
	lookup := func(id string) (*checks.Rule, bool) { return rule, id == rule.ID }
	r := checkSample()
	var log struct {
		Runs []struct {
			Tool struct {
				Driver struct {
					Rules []map[string]any `json:"rules"`
				} `json:"driver"`
			} `json:"tool"`
			Results []map[string]any `json:"results"`
		} `json:"runs"`
	}
	out := render(t, SARIF{Lookup: lookup}, r)
	if err := json.Unmarshal(out, &log); err != nil {
		t.Fatal(err)
	}
	run := log.Runs[0]
	if len(run.Tool.Driver.Rules) != 4 || len(run.Results) != 4 {
		t.Fatalf("rules %d results %d", len(run.Tool.Driver.Rules), len(run.Results))
	}
	for _, res := range run.Results {
		idx := int(res["ruleIndex"].(float64))
		if run.Tool.Driver.Rules[idx]["id"] != res["ruleId"] {
			t.Errorf("ruleIndex %d does not point at %v", idx, res["ruleId"])
		}
	}
	byID := map[string]map[string]any{}
	for _, ru := range run.Tool.Driver.Rules {
		byID[ru["id"].(string)] = ru
	}
	if h := byID["FIELD_NO_DELETE"]["help"].(map[string]any); !strings.Contains(h["markdown"].(string), "A deleted field breaks readers.") {
		t.Errorf("help: %v", h)
	}
	if !strings.Contains(string(out), `"uri": "schemas/customer%20v2.json"`) || !strings.Contains(string(out), `"uriBaseId": "%SRCROOT%"`) {
		t.Error("URIs are not repository-relative URI references")
	}
	// Fingerprints ignore line moves and tell findings apart.
	moved := checkSample()
	for i := range moved.Findings {
		moved.Findings[i].Line += 10
	}
	if a, b := Fingerprint(r.Findings[0]), Fingerprint(moved.Findings[0]); a != b {
		t.Error("fingerprint changed when lines moved")
	}
	seen := map[string]bool{}
	for _, f := range r.Findings {
		seen[Fingerprint(f)] = true
	}
	if len(seen) != len(r.Findings) {
		t.Error("fingerprints collide")
	}
	if !strings.Contains(string(out), `"suppressions"`) {
		t.Error("ignored finding is not suppressed")
	}
}

func TestNeutralizeCommand(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"::error file=a.proto,line=1::msg": "::error file=a.proto,line=1::msg",
		"::warning title=contractlint::x":  "::warning title=contractlint::x",
		"::add-mask::secret":               "\u200b::add-mask::secret",
		"  ::stop-commands::tok":           "  \u200b::stop-commands::tok",
		"::set-output name=a::b":           "\u200b::set-output name=a::b",
		"see ##[set-output name=a;]b":      "see #\u200b#[set-output name=a;]b",
		"plain text :: not a command":      "plain text :: not a command",
	} {
		if got := NeutralizeCommand(in); got != want {
			t.Errorf("NeutralizeCommand(%q) = %q, want %q", in, got, want)
		}
	}
}
