package report

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/contractlint/contractlint/checks"
)

// Text renders the report for a terminal: the verdict line first, then the
// findings grouped by file, each with its location, impact, explanation and
// rule ID.
type Text struct {
	// Color enables ANSI colors.
	Color bool
}

const (
	ansiReset  = "\x1b[0m"
	ansiBold   = "\x1b[1m"
	ansiRed    = "\x1b[31m"
	ansiYellow = "\x1b[33m"
	ansiCyan   = "\x1b[36m"
	ansiGreen  = "\x1b[32m"
	ansiDim    = "\x1b[2m"
)

func (t Text) paint(code, s string) string {
	if !t.Color {
		return s
	}
	return code + s + ansiReset
}

func (t Text) impact(i checks.Impact) string {
	s := fmt.Sprintf("%-5s", i)
	switch i {
	case checks.Major:
		return t.paint(ansiRed+ansiBold, s)
	case checks.Minor:
		return t.paint(ansiYellow, s)
	case checks.Patch:
		return t.paint(ansiCyan, s)
	}
	return s
}

// Render implements Renderer.
func (t Text) Render(w io.Writer, r *Report) error {
	bw := bufio.NewWriter(w)
	head := headline(r)
	switch {
	case len(r.contractsWith("error")) > 0 || len(r.breakingConsumers()) > 0 || r.Impact == checks.Major && r.Summary.Total > 0:
		head = t.paint(ansiRed+ansiBold, head)
	case r.Summary.Total == 0:
		head = t.paint(ansiGreen, head)
	}
	fmt.Fprintf(bw, "%s\n", head)
	for _, c := range r.Contracts {
		fmt.Fprintf(bw, "  %s (%s): %s", c.Name, c.Format, c.Status)
		if c.Message != "" {
			fmt.Fprintf(bw, " — %s", c.Message)
		}
		fmt.Fprintln(bw)
		for _, w := range c.Warnings {
			fmt.Fprintf(bw, "    warning: %s\n", OneLine(w))
		}
	}
	if r.Command == "check" && r.Old != "" {
		fmt.Fprintf(bw, "  compared with %s\n", OneLine(r.Old))
	}
	var mb strings.Builder
	t.renderMatrix(&mb, r)
	bw.WriteString(mb.String())
	files, groups := byFile(r.Findings)
	for _, key := range files {
		contract, file, ok := strings.Cut(key, "\x00")
		if !ok {
			file, contract = contract, ""
		}
		title := file
		if title == "" {
			title = "(no file)"
		}
		if contract != "" {
			title = contract + ": " + title
		}
		fmt.Fprintf(bw, "\n%s\n", t.paint(ansiBold, title))
		for _, f := range groups[key] {
			loc := location(f)
			if f.Line == 0 {
				loc = "-"
			} else {
				loc = strings.TrimPrefix(loc, f.File+":")
			}
			msg := OneLine(f.Message)
			if f.Ignored != "" {
				msg += t.paint(ansiDim, " (ignored: "+OneLine(f.Ignored)+")")
			} else if FailsCheck(f.Rule) {
				msg += t.paint(ansiRed, " (fails check whatever the version)")
			}
			fmt.Fprintf(bw, "  %-8s %s  %s %s\n", loc, t.impact(f.Impact), msg, t.paint(ansiDim, "["+f.Rule+"]"))
		}
	}
	if len(r.DataFindings) > 0 {
		fmt.Fprintf(bw, "\n%s\n", t.paint(ansiBold, "data rules outside the selection (they decide data compatibility)"))
		for _, f := range r.DataFindings {
			fmt.Fprintf(bw, "  %s  %s  %s %s\n", location(f), t.impact(f.Impact), OneLine(f.Message), t.paint(ansiDim, "["+f.Rule+"]"))
		}
	}
	return bw.Flush()
}

// OneLine keeps untrusted text on one line and free of control characters
// (terminal escapes included); every renderer of names from a pull request uses it.
func OneLine(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\n' || r == '\r' || r == '\t':
			return ' '
		case r < 0x20 || r == 0x7f:
			return -1
		}
		return r
	}, s)
}
