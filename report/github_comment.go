package report

import (
	"fmt"
	"io"
	"net/url"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/contractlint/contractlint/checks"
)

// Size limits GitHub puts on what contractlint publishes, in bytes (GitHub
// counts characters; bytes are never fewer).
const (
	// CommentLimit is the longest pull-request comment body.
	CommentLimit = 65536
	// SummaryLimit is the largest job summary of one step.
	SummaryLimit = 1 << 20
)

// GitHubComment renders the report for a pull request: the sticky comment
// and the job summary. It leads with the verdict and one row per contract
// (impact, declared, required and suggested version), then the findings
// grouped by contract with links to the changed lines and to each rule's
// documentation; changes below the --fail-on threshold and ignored ones are
// folded away in <details>. Every untrusted string is escaped. Output longer
// than Limit is cut at a line and ends with a pointer to More.
type GitHubComment struct {
	// Marker is written first (the sticky comment's hidden marker); empty
	// for the job summary.
	Marker string
	// Blob is the URL prefix of files at the reviewed commit,
	// "https://github.com/OWNER/REPO/blob/SHA/"; empty means no links.
	Blob string
	// RunURL links to the workflow run in the footer; may be empty.
	RunURL string
	// Limit is the most bytes to write; 0 means no limit.
	Limit int
	// More is a Markdown phrase saying where the rest is when the output is
	// cut, e.g. "the [job summary](URL)".
	More string
}

var statusLabel = map[string]string{
	"ok":                  "✅ ok",
	"new":                 "🆕 new",
	"unchanged":           "➖ unchanged",
	"version-too-low":     "❌ version too low",
	"version-not-bumped":  "❌ version not bumped",
	"incompatible":        "❌ incompatible",
	"lifecycle-violation": "❌ deprecation policy",
	"error":               "💥 error",
}

// Render implements Renderer.
func (g GitHubComment) Render(w io.Writer, r *Report) error {
	var b mdBuilder
	if g.Marker != "" {
		b.line(g.Marker)
	}
	icon := "✅"
	switch {
	case r.Fails():
		icon = "❌"
	case r.Summary.Total > 0:
		icon = impactEmoji(r.Impact)
	}
	// The headline is our own words and numbers, and contract and consumer
	// names, which the configuration's schema restricts to [A-Za-z0-9._/-].
	b.line(fmt.Sprintf("### %s contractlint: %s", icon, headline(r)))
	b.line("")
	if r.Command == "check" && r.Old != "" {
		b.line("Compared with " + EscapeMarkdown(r.Old) + ".")
		b.line("")
	}
	if len(r.Contracts) > 0 {
		b.line("| Contract | Status | Impact | Declared | Published | Required | Suggested |")
		b.line("|---|---|---|---|---|---|---|")
		for _, c := range r.Contracts {
			status, ok := statusLabel[c.Status]
			if !ok {
				status = EscapeMarkdown(c.Status)
			}
			b.line(fmt.Sprintf("| %s | %s | %s | %s | %s | %s | %s |", EscapeMarkdown(c.Name), status,
				impactIcon[c.Impact], cell(c.Declared), cell(c.Published), cell(c.Required), cell(c.Suggested)))
		}
		b.line("")
		for _, c := range r.Contracts {
			if c.Message != "" {
				b.line(fmt.Sprintf("- **%s**: %s", EscapeMarkdown(c.Name), EscapeMarkdown(c.Message)))
			}
		}
		b.line("")
	}
	for _, l := range matrixMarkdown(r) {
		b.line(l)
	}
	threshold := r.FailOn
	if threshold == checks.None {
		threshold = checks.Major
	}
	groups, order := byContract(r.Findings)
	for _, name := range order {
		var shown, folded, ignored []checks.Finding
		for _, f := range groups[name] {
			switch {
			case f.Ignored != "":
				ignored = append(ignored, f)
			case f.Impact >= threshold:
				shown = append(shown, f)
			default:
				folded = append(folded, f)
			}
		}
		title := "Changes"
		if name != "" {
			title = EscapeMarkdown(name)
		}
		b.line(fmt.Sprintf("#### %s — %s", title, EscapeMarkdown(counts(groups[name]))))
		b.line("")
		if len(shown) > 0 {
			g.table(&b, shown, false)
		}
		if len(folded) > 0 {
			b.open(fmt.Sprintf("<details><summary>%d %s below the %s threshold</summary>", len(folded),
				Plural(len(folded), "change", "changes"), threshold))
			g.table(&b, folded, false)
			b.close()
		}
		if len(ignored) > 0 {
			b.open(fmt.Sprintf("<details><summary>%d ignored</summary>", len(ignored)))
			g.table(&b, ignored, true)
			b.close()
		}
		for _, d := range r.Diffs {
			if d.Contract == name {
				var diff strings.Builder
				writeMarkdownDiff(&diff, d)
				b.line(strings.TrimSuffix(diff.String(), "\n"))
			}
		}
	}
	footer := []string{"contractlint " + EscapeMarkdown(orDefault(r.Version, "devel")), fmt.Sprintf("[rules](%s)", RulesDocURL)}
	if g.RunURL != "" {
		footer = append(footer, fmt.Sprintf("[workflow run](%s)", g.RunURL))
	}
	tail := "<sub>" + strings.Join(footer, " · ") + "</sub>\n"
	_, err := io.WriteString(w, b.finish(g.Limit, g.More, tail))
	return err
}

func (g GitHubComment) table(b *mdBuilder, fs []checks.Finding, ignored bool) {
	b.line("| Where | Impact | Change | Rule |")
	b.line("|---|---|---|---|")
	for _, f := range fs {
		msg := EscapeMarkdown(f.Message)
		if ignored {
			msg += " (ignored: " + EscapeMarkdown(f.Ignored) + ")"
		}
		b.line(fmt.Sprintf("| %s | %s | %s | [%s](%s#%s) |", g.where(f), impactIcon[f.Impact], msg,
			EscapeMarkdown(f.Rule), RulesDocURL, url.PathEscape(strings.ToLower(f.Rule))))
	}
	b.line("")
}

// where is the finding's location, linked to the line at the reviewed
// commit when Blob is set.
func (g GitHubComment) where(f checks.Finding) string {
	if f.File == "" {
		return "–"
	}
	text := EscapeMarkdown(f.File)
	anchor := ""
	if f.Line > 0 {
		text += fmt.Sprintf(":%d", f.Line)
		anchor = fmt.Sprintf("#L%d", f.Line)
	}
	if g.Blob == "" || f.Line == 0 {
		// No line may mean a deleted file, which the reviewed commit lacks.
		return text
	}
	var segs []string
	for _, s := range strings.Split(f.File, "/") {
		segs = append(segs, url.PathEscape(s))
	}
	return fmt.Sprintf("[%s](%s%s%s)", text, g.Blob, strings.Join(segs, "/"), anchor)
}

func cell(s string) string {
	if s == "" {
		return "–"
	}
	return EscapeMarkdown(s)
}

func orDefault(s, fallback string) string {
	if s == "" {
		return fallback
	}
	return s
}

func impactEmoji(i checks.Impact) string {
	icon, _, _ := strings.Cut(impactIcon[i], " ")
	return icon
}

// counts says "2 major, 1 minor" for a group's findings that are not
// ignored.
func counts(fs []checks.Finding) string {
	n := map[checks.Impact]int{}
	ignored := 0
	for _, f := range fs {
		if f.Ignored != "" {
			ignored++
			continue
		}
		n[f.Impact]++
	}
	var parts []string
	for _, i := range []checks.Impact{checks.Major, checks.Minor, checks.Patch, checks.None} {
		if n[i] > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", n[i], i))
		}
	}
	if ignored > 0 {
		parts = append(parts, fmt.Sprintf("%d ignored", ignored))
	}
	return strings.Join(parts, ", ")
}

// byContract groups findings by contract, in contract order.
func byContract(fs []checks.Finding) (map[string][]checks.Finding, []string) {
	groups := map[string][]checks.Finding{}
	var order []string
	for _, f := range fs {
		if _, ok := groups[f.Contract]; !ok {
			order = append(order, f.Contract)
		}
		groups[f.Contract] = append(groups[f.Contract], f)
	}
	slices.Sort(order)
	return groups, order
}

// mdBuilder collects Markdown lines and tracks open <details> blocks, so
// that output cut to a size limit still closes them. A "line" may hold
// several lines that must stay together (a fenced diff): output is only
// ever cut between entries.
type mdBuilder struct {
	lines []string
	// depth[i] is how many <details> are open after lines[i].
	depth []int
	nopen int
}

func (b *mdBuilder) line(s string) {
	b.lines = append(b.lines, s)
	b.depth = append(b.depth, b.nopen)
}

func (b *mdBuilder) open(summary string) {
	b.nopen++
	b.line(summary)
	b.line("")
}

func (b *mdBuilder) close() {
	b.nopen--
	b.line("</details>")
	b.line("")
}

// finish joins the lines and the tail, cutting lines from the end so that
// the result fits in limit bytes with a note saying where the rest is.
func (b *mdBuilder) finish(limit int, more, tail string) string {
	full := strings.Join(b.lines, "\n") + "\n" + tail
	if limit <= 0 || len(full) <= limit {
		return full
	}
	if more == "" {
		more = "the JSON or SARIF report"
	}
	note := fmt.Sprintf("\n> [!NOTE]\n> This report was cut to fit GitHub's limit of %d characters; see %s for all of it.\n\n", limit, more)
	budget := limit - len(note) - len(tail)
	size := 0
	n := 0
	for n < len(b.lines) {
		// Room for the line, its newline and closing every open <details>.
		next := size + len(b.lines[n]) + 1
		if next+len("\n</details>\n")*b.depth[n] > budget {
			break
		}
		size = next
		n++
	}
	var out strings.Builder
	for _, l := range b.lines[:n] {
		out.WriteString(l)
		out.WriteByte('\n')
	}
	if n > 0 {
		for range b.depth[n-1] {
			out.WriteString("\n</details>\n")
		}
	}
	out.WriteString(note)
	out.WriteString(tail)
	s := out.String()
	if len(s) > limit {
		// Not even the note fits: a hard cut at a UTF-8 boundary.
		s = s[:limit]
		for !utf8.ValidString(s) {
			s = s[:len(s)-1]
		}
	}
	return s
}

// Headline is the one-line verdict every human-readable format starts with.
func Headline(r *Report) string { return headline(r) }

// Fails reports whether the command fails on the report: a contract whose
// declared version is not honest (or that could not be checked), whatever
// --fail-on says, a change at the --fail-on threshold, or a consumer the
// matrix delta says breaks.
func (r *Report) Fails() bool {
	for _, c := range r.Contracts {
		switch c.Status {
		case "version-too-low", "version-not-bumped", "lifecycle-violation", "error":
			return true
		}
	}
	return r.MatrixBreaks() || r.Failed(r.FailOn)
}
