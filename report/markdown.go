package report

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/contractlint/contractlint/checks"
)

// RulesDocURL is where each rule's documentation lives; findings link to
// RulesDocURL + "#" + lower-case rule ID.
const RulesDocURL = "https://github.com/contractlint/contractlint/blob/main/docs/rules.md"

// Markdown renders the report as GitHub-flavoured Markdown: the verdict first,
// a table per file, every untrusted string escaped.
type Markdown struct{}

var impactIcon = map[checks.Impact]string{
	checks.Major: "🔴 major",
	checks.Minor: "🟡 minor",
	checks.Patch: "🔵 patch",
	checks.None:  "⚪ none",
}

// Render implements Renderer.
func (Markdown) Render(w io.Writer, r *Report) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "## contractlint: %s\n\n", EscapeMarkdown(headline(r)))
	if r.Summary.Total > 0 || r.Summary.Ignored > 0 {
		fmt.Fprintf(bw, "| | backward (data) | forward (data) | generated code |\n|---|---|---|---|\n| compatible | %s | %s | %s |\n\n",
			yesNo(r.Compatible.Backward), yesNo(r.Compatible.Forward), yesNo(r.Compatible.Source))
	}
	if r.Command == "check" && r.Old != "" {
		fmt.Fprintf(bw, "Compared with %s.\n\n", EscapeMarkdown(r.Old))
	}
	if len(r.Contracts) > 0 {
		bw.WriteString("| Contract | Format | Status | Impact | Declared | Published | Required |\n|---|---|---|---|---|---|---|\n")
		for _, c := range r.Contracts {
			fmt.Fprintf(bw, "| %s | %s | %s | %s | %s | %s | %s |\n",
				EscapeMarkdown(c.Name), c.Format, EscapeMarkdown(c.Status), c.Impact,
				EscapeMarkdown(c.Declared), EscapeMarkdown(c.Published), EscapeMarkdown(c.Required))
		}
		bw.WriteString("\n")
		for _, c := range r.Contracts {
			if c.Message != "" {
				fmt.Fprintf(bw, "- **%s**: %s\n", EscapeMarkdown(c.Name), EscapeMarkdown(c.Message))
			}
			for _, w := range c.Warnings {
				fmt.Fprintf(bw, "- **%s**: ⚠️ %s\n", EscapeMarkdown(c.Name), EscapeMarkdown(w))
			}
		}
		bw.WriteString("\n")
	}
	for _, l := range matrixMarkdown(r) {
		bw.WriteString(l + "\n")
	}
	files, groups := byFile(r.Findings)
	for _, key := range files {
		contract, file, ok := strings.Cut(key, "\x00")
		if !ok {
			file, contract = contract, ""
		}
		title := "`" + strings.ReplaceAll(file, "`", "'") + "`"
		if file == "" {
			title = "(no file)"
		}
		if contract != "" {
			title = EscapeMarkdown(contract) + ": " + title
		}
		fmt.Fprintf(bw, "### %s\n\n| Line | Impact | Change | Rule |\n|---|---|---|---|\n", title)
		for _, f := range groups[key] {
			line := "–"
			if f.Line > 0 {
				line = fmt.Sprint(f.Line)
			}
			msg := EscapeMarkdown(f.Message)
			if f.Ignored != "" {
				msg = "~~" + msg + "~~ (ignored: " + EscapeMarkdown(f.Ignored) + ")"
			} else if FailsCheck(f.Rule) {
				msg += " **(fails check whatever the version)**"
			}
			fmt.Fprintf(bw, "| %s | %s | %s | [`%s`](%s#%s) |\n", line, impactIcon[f.Impact], msg,
				f.Rule, RulesDocURL, strings.ToLower(f.Rule))
		}
		bw.WriteString("\n")
		for _, d := range r.Diffs {
			if d.Contract == contract && d.File == file {
				writeMarkdownDiff(bw, d)
			}
		}
	}
	if len(r.DataFindings) > 0 {
		bw.WriteString("### Data rules outside the selection\n\nThey decide data compatibility.\n\n| Location | Impact | Change | Rule |\n|---|---|---|---|\n")
		for _, f := range r.DataFindings {
			fmt.Fprintf(bw, "| %s | %s | %s | [`%s`](%s#%s) |\n", EscapeMarkdown(location(f)), impactIcon[f.Impact],
				EscapeMarkdown(f.Message), f.Rule, RulesDocURL, strings.ToLower(f.Rule))
		}
		bw.WriteString("\n")
	}
	return bw.Flush()
}

func yesNo(b bool) string {
	if b {
		return "✅ yes"
	}
	return "❌ no"
}

// EscapeMarkdown makes untrusted text safe inside a Markdown table cell or
// paragraph: no HTML, no links, no emphasis, no table breaks, one line.
func EscapeMarkdown(s string) string {
	var b strings.Builder
	for _, r := range OneLine(s) {
		switch r {
		case '\\', '`', '*', '_', '{', '}', '[', ']', '(', ')', '#', '+', '!', '|', '~', '@':
			b.WriteByte('\\')
			b.WriteRune(r)
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '&':
			b.WriteString("&amp;")
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// writeMarkdownDiff writes a collapsible unified diff. The fence is longer
// than any backtick run in the diff, so schema text cannot close it.
func writeMarkdownDiff(w io.Writer, d FileDiff) {
	text := d.Unified()
	fence := "```"
	for strings.Contains(text, fence) {
		fence += "`"
	}
	fmt.Fprintf(w, "<details><summary>Diff of <code>%s</code></summary>\n\n%sdiff\n%s%s\n\n</details>\n\n",
		htmlEscape(d.File), fence, text, fence)
}

func htmlEscape(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;").Replace(OneLine(s))
}
