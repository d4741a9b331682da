package deprecation

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/contractlint/contractlint/checks/ignores"
	"github.com/contractlint/contractlint/contract"
	"github.com/contractlint/contractlint/report"
)

// Formats lists the formats Render accepts.
var Formats = []string{"text", "markdown", "json", "csv", "html"}

// Render writes the report in one of Formats.
func Render(w io.Writer, r *Report, format string) error {
	switch format {
	case "text":
		return renderText(w, r)
	case "markdown", "md":
		return renderMarkdown(w, r)
	case "json":
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		return enc.Encode(r)
	case "csv":
		return renderCSV(w, r)
	case "html":
		return renderHTML(w, r)
	}
	return fmt.Errorf("unknown format %q (want %s)", format, strings.Join(Formats, ", "))
}

// Headline is the one-line summary every format starts with: the contracts
// that could not be read first, then the deprecations of the others.
func Headline(r *Report) string {
	var head string
	if n := len(r.Errors); n > 0 {
		var names []string
		for _, e := range r.Errors {
			names = append(names, e.Contract)
		}
		head = fmt.Sprintf("%s could not be read (%s); the others: ", plural(n, "contract"), strings.Join(names, ", "))
	}
	return head + deprecationsLine(r)
}

func deprecationsLine(r *Report) string {
	t := r.Totals
	if t.Deprecated == 0 {
		return fmt.Sprintf("nothing deprecated as of %s", r.AsOf)
	}
	return fmt.Sprintf("%s in %s as of %s: %d overdue, %d due within %d days, %d scheduled, %d without a sunset, %d with a malformed sunset; %s still reading them",
		plural(t.Deprecated, "deprecated element"), plural(t.Contracts, "contract"), r.AsOf,
		t.Overdue, t.Due, DueWithin, t.Scheduled, t.NoSunset, t.InvalidSunset, plural(t.Consumers, "consumer"))
}

func plural(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return fmt.Sprintf("%d %ss", n, what)
}

// When says how far the sunset is: "in 75 days", "12 days overdue",
// "today", "no sunset", "malformed sunset \"June\"".
func When(e Entry) string {
	switch {
	case e.DaysLeft == nil && e.SunsetRaw != "":
		return fmt.Sprintf("malformed sunset %q", e.SunsetRaw)
	case e.DaysLeft == nil:
		return "no sunset"
	case *e.DaysLeft == 0:
		return "today"
	case *e.DaysLeft < 0:
		return plural(-*e.DaysLeft, "day") + " overdue"
	}
	return "in " + plural(*e.DaysLeft, "day")
}

func sinceText(e Entry) string {
	switch {
	case e.Since == nil && e.Stage != "":
		return "-"
	case e.Since == nil:
		return "unreleased"
	}
	if e.Since.Date == "" {
		return e.Since.Version
	}
	return e.Since.Version + " (" + e.Since.Date + ")"
}

func consumersText(e Entry) string {
	var parts []string
	for _, c := range e.Consumers {
		parts = append(parts, c.Name+" ("+c.Range+")")
	}
	if len(parts) == 0 {
		return "-"
	}
	return strings.Join(parts, ", ")
}

// kindText is the entry's kind, with the stage of a version line.
func kindText(e Entry) string {
	if e.Stage != "" {
		return e.Kind + " (" + e.Stage + ")"
	}
	return e.Kind
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func renderText(w io.Writer, r *Report) error {
	fmt.Fprintln(w, Headline(r))
	for _, e := range r.Errors {
		fmt.Fprintf(w, "  %s: error — %s\n", e.Contract, report.OneLine(e.Message))
	}
	if len(r.Entries) > 0 {
		fmt.Fprintln(w)
		tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "STATUS\tSUNSET\tWHEN\tCONTRACT\tKIND\tELEMENT\tSINCE\tREPLACEMENT\tOWNER\tCONSUMERS")
		for _, e := range r.Entries {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", e.Status, orDash(e.Sunset), When(e), e.Contract, kindText(e),
				e.Path, sinceText(e), orDash(e.Replacement), orDash(e.Owner), consumersText(e))
		}
		if err := tw.Flush(); err != nil {
			return err
		}
	}
	if len(r.Ignores) == 0 {
		return nil
	}
	fmt.Fprintf(w, "\n%s\n\n", IgnoresHeadline(r.Ignores))
	return IgnoresText(w, r.Ignores)
}

// IgnoresHeadline counts ignores by state: "3 ignores: 1 expired, 1
// expiring within 14 days, 1 permanent".
func IgnoresHeadline(igs []contract.IgnoreEntry) string {
	n := map[ignores.State]int{}
	for _, ig := range igs {
		n[ig.State]++
	}
	return fmt.Sprintf("%s: %d expired, %d expiring within %d days, %d with a later expiry, %d without one",
		plural(len(igs), "ignore"), n[ignores.Lapsed], n[ignores.Soon], ignores.SoonDays, n[ignores.Active], n[ignores.Permanent])
}

// IgnoreWhen says where an ignore's expiry stands: "expired 3 days ago",
// "expires today", "in 10 days", "no expiry".
func IgnoreWhen(ig contract.IgnoreEntry) string {
	switch {
	case ig.DaysLeft == nil:
		return "no expiry"
	case *ig.DaysLeft == 0:
		return "expired today"
	case *ig.DaysLeft < 0:
		return "expired " + plural(-*ig.DaysLeft, "day") + " ago"
	}
	return "in " + plural(*ig.DaysLeft, "day")
}

// IgnoreRule is the ignored rule, or "any rule".
func IgnoreRule(ig contract.IgnoreEntry) string {
	if ig.Rule == "" {
		return "any rule"
	}
	return ig.Rule
}

// IgnoreScope is what an ignore covers besides its rule: its element, path
// or, inline, its place in the file.
func IgnoreScope(ig contract.IgnoreEntry) string {
	var parts []string
	if ig.Element != "" {
		parts = append(parts, ig.Element)
	}
	if ig.Path != "" {
		parts = append(parts, ig.Path)
	}
	if ig.Inline {
		parts = append(parts, "inline")
	}
	if len(parts) == 0 {
		return "-"
	}
	return strings.Join(parts, " ")
}

// IgnoreLocation is "file:line:col" of the ignore itself.
func IgnoreLocation(ig contract.IgnoreEntry) string {
	if ig.Line == 0 {
		return ig.File
	}
	return fmt.Sprintf("%s:%d:%d", ig.File, ig.Line, ig.Column)
}

// IgnoresText writes the ignores as an aligned text table.
func IgnoresText(w io.Writer, igs []contract.IgnoreEntry) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "STATE\tEXPIRES\tWHEN\tCONTRACT\tRULE\tSCOPE\tOWNER\tTICKET\tWHERE\tREASON")
	for _, ig := range igs {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", ig.State, orDash(ig.Expires), IgnoreWhen(ig), ig.Contract,
			IgnoreRule(ig), IgnoreScope(ig), orDash(ig.Owner), orDash(ig.Ticket), IgnoreLocation(ig), report.OneLine(ig.Reason))
	}
	return tw.Flush()
}

// IgnoresMarkdown writes the ignores as a Markdown table.
func IgnoresMarkdown(w io.Writer, igs []contract.IgnoreEntry) {
	fmt.Fprint(w, "| State | Expires | When | Contract | Rule | Scope | Owner | Ticket | Where | Reason |\n|---|---|---|---|---|---|---|---|---|---|\n")
	for _, ig := range igs {
		cells := []string{string(ig.State), orDash(ig.Expires), IgnoreWhen(ig), ig.Contract, IgnoreRule(ig), IgnoreScope(ig),
			orDash(ig.Owner), orDash(ig.Ticket), IgnoreLocation(ig), ig.Reason}
		for i := range cells {
			cells[i] = mdCell(cells[i])
		}
		fmt.Fprintf(w, "| %s |\n", strings.Join(cells, " | "))
	}
}

// mdCell escapes a table cell.
func mdCell(s string) string {
	return strings.NewReplacer("|", `\|`, "\n", " ", "<", "&lt;", ">", "&gt;").Replace(s)
}

func renderMarkdown(w io.Writer, r *Report) error {
	fmt.Fprintf(w, "## Deprecations\n\n%s\n", Headline(r))
	if len(r.Errors) > 0 {
		fmt.Fprintln(w)
		for _, e := range r.Errors {
			fmt.Fprintf(w, "- ❌ **%s** could not be read: %s\n", mdCell(e.Contract), mdCell(e.Message))
		}
	}
	if len(r.Ignores) > 0 {
		defer func() {
			fmt.Fprintf(w, "\n### Ignores\n\n%s\n\n", IgnoresHeadline(r.Ignores))
			IgnoresMarkdown(w, r.Ignores)
		}()
	}
	if len(r.Entries) == 0 {
		return nil
	}
	t := r.Totals
	fmt.Fprintf(w, "\n| Overdue | Due ≤ %d days | Scheduled | No sunset | Malformed sunset | Consumers |\n|---:|---:|---:|---:|---:|---:|\n| %d | %d | %d | %d | %d | %d |\n",
		DueWithin, t.Overdue, t.Due, t.Scheduled, t.NoSunset, t.InvalidSunset, t.Consumers)
	fmt.Fprint(w, "\n| Status | Sunset | When | Contract | Kind | Element | Since | Replacement | Owner | Consumers |\n|---|---|---|---|---|---|---|---|---|---|\n")
	for _, e := range r.Entries {
		cells := []string{e.Status, orDash(e.Sunset), When(e), e.Contract, kindText(e), "`" + strings.ReplaceAll(e.Path, "`", "'") + "`",
			sinceText(e), orDash(e.Replacement), orDash(e.Owner), consumersText(e)}
		for i := range cells {
			if i != 5 {
				cells[i] = mdCell(cells[i])
			}
		}
		fmt.Fprintf(w, "| %s |\n", strings.Join(cells, " | "))
	}
	return nil
}

func renderCSV(w io.Writer, r *Report) error {
	cw := csv.NewWriter(w)
	_ = cw.Write([]string{"status", "sunset", "days_left", "contract", "format", "kind", "path", "file", "line",
		"since_version", "since_date", "replacement", "owner", "versions", "consumers"})
	for _, e := range r.Entries {
		daysLeft, sinceV, sinceD := "", "", ""
		if e.DaysLeft != nil {
			daysLeft = strconv.Itoa(*e.DaysLeft)
		}
		if e.Since != nil {
			sinceV, sinceD = e.Since.Version, e.Since.Date
		}
		sunset := e.Sunset
		if sunset == "" {
			sunset = e.SunsetRaw
		}
		var cons []string
		for _, c := range e.Consumers {
			cons = append(cons, c.Name+" "+c.Range)
		}
		_ = cw.Write([]string{e.Status, sunset, daysLeft, e.Contract, string(e.Format), kindText(e), csvSafe(e.Path), e.File,
			strconv.Itoa(e.Line), sinceV, sinceD, csvSafe(e.Replacement), csvSafe(e.Owner), strings.Join(e.Versions, ";"), csvSafe(strings.Join(cons, ";"))})
	}
	// A contract that could not be read is a row of its own.
	for _, e := range r.Errors {
		_ = cw.Write([]string{"error", "", "", e.Contract, "", "", csvSafe(report.OneLine(e.Message)), "", "", "", "", "", "", "", ""})
	}
	// Ignores end like sunsets: one row each, kind "ignore", the rule as path.
	for _, ig := range r.Ignores {
		daysLeft := ""
		if ig.DaysLeft != nil {
			daysLeft = strconv.Itoa(*ig.DaysLeft)
		}
		_ = cw.Write([]string{"ignore-" + string(ig.State), ig.Expires, daysLeft, ig.Contract, "", "ignore", csvSafe(IgnoreRule(ig)), ig.File,
			strconv.Itoa(ig.Line), "", "", "", csvSafe(ig.Owner), "", ""})
	}
	cw.Flush()
	return cw.Error()
}

// csvSafe keeps a spreadsheet from reading a cell as a formula.
func csvSafe(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}
