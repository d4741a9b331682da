package report

import (
	"fmt"
	"io"
	"slices"
	"sort"
	"strings"

	"github.com/contractlint/contractlint/checks"
	"github.com/contractlint/contractlint/checks/ignores"
	"github.com/contractlint/contractlint/checks/lifecycle"
	"github.com/contractlint/contractlint/checks/registry"
)

// Report is the outcome of one command: the verdict, per-contract verdicts
// (for `check`), and every finding in report order. Its JSON form is
// described by schemas/report.schema.json.
type Report struct {
	// Tool is always "contractlint"; Version is the tool's version.
	Tool    string `json:"tool"`
	Version string `json:"version"`
	// SchemaVersion is the version of the report's JSON form
	// (schemas/report.schema.json); see [SchemaVersion].
	SchemaVersion int `json:"schema_version"`
	// Command is the command that produced the report ("diff", "check").
	Command string `json:"command"`
	// Old and New label the compared sides.
	Old string `json:"old,omitempty"`
	New string `json:"new,omitempty"`
	// Mode and Policy are the compatibility mode and JSON Schema policy used
	// (the jsonschema.Policy of diff's --policy).
	Mode   checks.Mode `json:"mode"`
	Policy string      `json:"policy,omitempty"`
	// FailOn is the threshold at or above which the command fails.
	FailOn checks.Impact `json:"fail_on"`
	checks.Verdict
	// Summary counts the findings that are not ignored, by impact.
	Summary Summary `json:"summary"`
	// Contracts holds one verdict per contract (check only).
	Contracts []Contract `json:"contracts,omitempty"`
	// Findings are every change the selected rules report, sorted.
	Findings []checks.Finding `json:"findings"`
	// DataFindings are the findings of data rules outside the rule
	// selection (see checks.Finding.Unselected): they count toward the
	// verdict and are listed apart, so a data verdict never rests on a
	// finding the report does not show.
	DataFindings []checks.Finding `json:"data_findings,omitempty"`
	// Matrix is the compatibility matrix delta (check, when producers or
	// consumers are declared).
	Matrix *MatrixDelta `json:"matrix,omitempty"`
	// Diffs are the textual diffs of the files with findings, for the
	// formats people read; not part of the JSON report.
	Diffs []FileDiff `json:"-"`
}

// Summary counts findings by impact.
type Summary struct {
	Total   int `json:"total"`
	Major   int `json:"major"`
	Minor   int `json:"minor"`
	Patch   int `json:"patch"`
	Ignored int `json:"ignored"`
}

// Contract is one contract's verdict in a `check` report.
type Contract struct {
	Name   string        `json:"name"`
	Format checks.Format `json:"format"`
	Owner  string        `json:"owner,omitempty"`
	// Mode is the contract's compatibility mode.
	Mode checks.Mode `json:"mode"`
	// Status is one of "ok", "new", "unchanged", "version-too-low",
	// "version-not-bumped", "incompatible", "lifecycle-violation", "error".
	Status string `json:"status"`
	checks.Verdict
	// Declared is the version the proposal declares; Published the version it
	// was compared with; Required the lowest honest version; Suggested the
	// version to declare.
	Declared  string `json:"declared_version,omitempty"`
	Published string `json:"published_version,omitempty"`
	Required  string `json:"required_version,omitempty"`
	Suggested string `json:"suggested_version,omitempty"`
	// Message explains the status in one sentence.
	Message string `json:"message,omitempty"`
	// Warnings are problems that do not change the verdict, such as an
	// ignore that matched nothing.
	Warnings []string `json:"warnings,omitempty"`
}

// SchemaVersion is the version of the JSON report's form. Version 2 added
// the levels: a finding's "breaks" names what it breaks (wire, json,
// source) and "direction" the data directions, "compatible.source" says
// whether generated code still compiles, "data_findings" lists the data
// rules outside the selection that decide the verdict.
const SchemaVersion = 2

// New builds a report from findings, computing the verdict and summary.
// Findings marked Unselected count toward the verdict and go to
// DataFindings; the summary counts the selected findings.
func New(command string, findings []checks.Finding) *Report {
	selected, unselected := checks.Split(findings)
	if selected == nil {
		selected = []checks.Finding{}
	}
	r := &Report{Tool: "contractlint", SchemaVersion: SchemaVersion, Command: command, Findings: selected, DataFindings: unselected, FailOn: checks.Major}
	r.Verdict = checks.VerdictOf(findings)
	for _, f := range selected {
		if f.Ignored != "" {
			r.Summary.Ignored++
			continue
		}
		r.Summary.Total++
		switch f.Impact {
		case checks.Major:
			r.Summary.Major++
		case checks.Minor:
			r.Summary.Minor++
		case checks.Patch:
			r.Summary.Patch++
		}
	}
	return r
}

// Failed reports whether any finding that is not ignored reaches the
// threshold. A threshold of none never fails.
func (r *Report) Failed(threshold checks.Impact) bool {
	if threshold == checks.None {
		return false
	}
	for _, c := range r.Contracts {
		if c.Status == "version-too-low" || c.Status == "version-not-bumped" || c.Status == "lifecycle-violation" || c.Status == "error" {
			return true
		}
	}
	return r.Impact >= threshold && r.Summary.Total+r.activeDataFindings() > 0
}

// activeDataFindings counts the data findings that are not ignored.
func (r *Report) activeDataFindings() int {
	n := 0
	for _, f := range r.DataFindings {
		if f.Ignored == "" {
			n++
		}
	}
	return n
}

// FailsCheck reports whether a finding of the rule fails `check` whatever
// the declared version and its impact: the lifecycle policy's violations
// (SUNSET_INVALID is a patch-level change of the contract, and still fails)
// and expired ignores. Reports say so next to the impact.
func FailsCheck(rule string) bool {
	return lifecycle.Violation(rule) || rule == ignores.Expired.ID
}

// Renderer writes a report in one format.
type Renderer interface {
	Render(w io.Writer, r *Report) error
}

// Formats lists the format names ForFormat accepts.
var Formats = []string{"text", "json", "markdown", "sarif", "github"}

// ForFormat returns the renderer for a format name; color applies to text.
func ForFormat(name string, color bool) (Renderer, error) {
	switch strings.ToLower(name) {
	case "text":
		return Text{Color: color}, nil
	case "json":
		return JSON{}, nil
	case "markdown", "md":
		return Markdown{}, nil
	case "sarif":
		return SARIF{Lookup: registry.Lookup}, nil
	case "github":
		return GitHubAnnotations{}, nil
	}
	return nil, fmt.Errorf("unknown format %q (want %s)", name, strings.Join(Formats, ", "))
}

// byFile groups findings by file, preserving report order.
func byFile(fs []checks.Finding) (files []string, groups map[string][]checks.Finding) {
	groups = map[string][]checks.Finding{}
	for _, f := range fs {
		key := f.File
		if f.Contract != "" {
			key = f.Contract + "\x00" + f.File
		}
		if _, ok := groups[key]; !ok {
			files = append(files, key)
		}
		groups[key] = append(groups[key], f)
	}
	sort.Strings(files)
	return files, groups
}

// headline is the verdict sentence every human-readable format starts with.
// It says the report's outcome in one line, from the same verdict as
// the exit code and in its order: contracts that could not be checked
// first, then consumers that break, then dishonest versions and policy
// violations, then the changes.
func headline(r *Report) string {
	var parts []string
	errored := r.contractsWith("error")
	if n := len(errored); n > 0 {
		parts = append(parts, fmt.Sprintf("%d %s could not be checked (%s)", n, Plural(n, "contract", "contracts"), names(errored)))
	}
	if b := r.breakingConsumers(); len(b) > 0 {
		parts = append(parts, fmt.Sprintf("%d %s (%s)", len(b), Plural(len(b), "consumer breaks", "consumers break"), names(b)))
	}
	for _, c := range r.Contracts {
		switch c.Status {
		case "version-too-low", "version-not-bumped":
			parts = append(parts, fmt.Sprintf("%s must declare %s", c.Name, c.Suggested))
		case "lifecycle-violation":
			parts = append(parts, c.Name+" breaks its lifecycle policy")
		}
	}
	if len(errored) > 0 && len(errored) == len(r.Contracts) {
		return strings.Join(parts, "; ")
	}
	changes := changesLine(r)
	if len(errored) > 0 {
		changes = "the others: " + changes
	}
	return strings.Join(append(parts, changes), "; ")
}

// contractsWith returns the names of the contracts with a status.
func (r *Report) contractsWith(status string) []string {
	var out []string
	for _, c := range r.Contracts {
		if c.Status == status {
			out = append(out, c.Name)
		}
	}
	return out
}

// breakingConsumers returns the consumers the matrix delta says break, once
// each, in report order.
func (r *Report) breakingConsumers() []string {
	if r.Matrix == nil {
		return nil
	}
	var out []string
	for _, v := range r.Matrix.Verdicts {
		if v.Status == "incompatible" && !slices.Contains(out, v.Consumer) {
			out = append(out, v.Consumer)
		}
	}
	return out
}

// names lists up to three names, then how many more.
func names(list []string) string {
	const most = 3
	if len(list) <= most {
		return strings.Join(list, ", ")
	}
	return fmt.Sprintf("%s and %d more", strings.Join(list[:most], ", "), len(list)-most)
}

// changesLine summarises the findings: "no changes", or the impact, the
// directions it breaks and the counts.
func changesLine(r *Report) string {
	data := r.activeDataFindings()
	if r.Summary.Total == 0 && data == 0 {
		if r.Summary.Ignored > 0 {
			return fmt.Sprintf("no changes (%d ignored)", r.Summary.Ignored)
		}
		return "no changes"
	}
	compat := r.Compatible.Describe()
	if r.Summary.Total == 0 {
		n := data
		return fmt.Sprintf("%s change, %s: no change the selected rules report; %d %s of data rules outside the selection", r.Impact, compat,
			n, Plural(n, "finding", "findings"))
	}
	var counts []string
	for _, c := range []struct {
		n    int
		name string
	}{{r.Summary.Major, "major"}, {r.Summary.Minor, "minor"}, {r.Summary.Patch, "patch"}} {
		if c.n > 0 {
			counts = append(counts, fmt.Sprintf("%d %s", c.n, c.name))
		}
	}
	s := fmt.Sprintf("%s change, %s: %d %s (%s)", r.Impact, compat,
		r.Summary.Total, Plural(r.Summary.Total, "change", "changes"), strings.Join(counts, ", "))
	if r.Summary.Ignored > 0 {
		s += fmt.Sprintf(", %d ignored", r.Summary.Ignored)
	}
	if data > 0 {
		s += fmt.Sprintf("; %d %s of data rules outside the selection", data, Plural(data, "finding", "findings"))
	}
	return s
}

// Plural returns one when n is 1, else many: "1 change", "2 changes".
func Plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

func location(f checks.Finding) string {
	switch {
	case f.Line == 0:
		return f.File
	case f.Column == 0:
		return fmt.Sprintf("%s:%d", f.File, f.Line)
	}
	return fmt.Sprintf("%s:%d:%d", f.File, f.Line, f.Column)
}
