package matrix

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/contractlint/contractlint/checks"
	"github.com/contractlint/contractlint/internal/doc"
	"github.com/contractlint/contractlint/report"
)

// Formats lists the formats the matrix and can-i-deploy render in.
var Formats = []string{"text", "markdown", "json", "html"}

// Render writes the matrix in a format: text, markdown, json (the matrix
// file's model, described by schemas/matrix.schema.json) or html (a static
// page).
func Render(w io.Writer, format string, m *Matrix) error {
	switch strings.ToLower(format) {
	case "text":
		return renderText(w, m)
	case "markdown", "md":
		return renderMarkdown(w, m)
	case "json":
		return renderJSON(w, m)
	case "html":
		return renderHTML(w, m)
	}
	return fmt.Errorf("unknown format %q (want %s)", format, strings.Join(Formats, ", "))
}

// CheckFormat reports whether format is one Render accepts.
func CheckFormat(format string) error {
	switch strings.ToLower(format) {
	case "text", "markdown", "md", "json", "html":
		return nil
	}
	return fmt.Errorf("unknown format %q (want %s)", format, strings.Join(Formats, ", "))
}

// Summary counts a matrix's verdicts.
type Summary struct {
	Verdicts, Incompatible, Unknown int
}

// Summarize counts the verdicts of every contract.
func (m *Matrix) Summarize() Summary {
	var s Summary
	for _, c := range m.Contracts {
		for _, v := range c.Verdicts {
			s.Verdicts++
			switch v.Status {
			case Incompatible:
				s.Incompatible++
			case Unknown:
				s.Unknown++
			}
		}
	}
	return s
}

// Headline is the matrix's verdict in one sentence.
func (m *Matrix) Headline() string {
	s := m.Summarize()
	var broken []string
	for _, c := range m.Contracts {
		for _, v := range c.Verdicts {
			if v.Status == Incompatible {
				broken = append(broken, fmt.Sprintf("%s on %s@%s", v.Consumer, c.Name, v.Writer))
			}
		}
	}
	switch {
	case s.Verdicts == 0:
		return fmt.Sprintf("%d %s, no declared producer/consumer pair", len(m.Contracts), report.Plural(len(m.Contracts), "contract", "contracts"))
	case s.Incompatible > 0:
		h := fmt.Sprintf("%d of %d %s incompatible: %s", s.Incompatible, s.Verdicts, report.Plural(s.Verdicts, "consumer verdict is", "consumer verdicts are"), strings.Join(broken, ", "))
		if s.Unknown > 0 {
			h += fmt.Sprintf("; %d unknown", s.Unknown)
		}
		return h
	case s.Unknown > 0:
		return fmt.Sprintf("%d of %d %s unknown, none incompatible", s.Unknown, s.Verdicts, report.Plural(s.Verdicts, "consumer verdict is", "consumer verdicts are"))
	}
	return fmt.Sprintf("all %d consumer %s compatible", s.Verdicts, report.Plural(s.Verdicts, "verdict is", "verdicts are"))
}

// Writers returns the versions some producer emits, the grid's columns.
func (c *Contract) Writers() []string { return versionStrings(c.writers()) }

var statusMark = map[Status]string{Compatible: "ok", Incompatible: "BREAKS", Unknown: "unknown"}

func renderText(w io.Writer, m *Matrix) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintln(bw, m.Headline())
	for _, c := range m.Contracts {
		var vs []string
		for _, v := range c.Versions {
			vs = append(vs, v.Version)
		}
		fmt.Fprintf(bw, "\n%s (versions: %s)\n", c.Name, orNone(strings.Join(vs, " ")))
		for _, p := range c.Producers {
			fmt.Fprintf(bw, "  producer %s emits %s\n", report.OneLine(p.Service), report.OneLine(p.Spec.Text))
		}
		writers := c.Writers()
		if len(c.Consumers) == 0 || len(writers) == 0 {
			continue
		}
		nameW, specW := len("consumer"), len("reads")
		for _, p := range c.Consumers {
			nameW, specW = max(nameW, len(p.Service)), max(specW, len(p.Spec.Text))
		}
		row := fmt.Sprintf("  %-*s  %-*s", nameW, "consumer", specW, "reads")
		for _, v := range writers {
			row += fmt.Sprintf("  %-9s", v)
		}
		fmt.Fprintln(bw, strings.TrimRight(row, " "))
		for _, p := range c.Consumers {
			row := fmt.Sprintf("  %-*s  %-*s", nameW, report.OneLine(p.Service), specW, report.OneLine(p.Spec.Text))
			for _, v := range writers {
				row += fmt.Sprintf("  %-*s", max(9, len(v)), statusMark[verdictOf(c, p.Service, v).Status])
			}
			fmt.Fprintln(bw, strings.TrimRight(row, " "))
		}
		for _, v := range c.Verdicts {
			if v.Status == Compatible {
				continue
			}
			fmt.Fprintf(bw, "  %s\n", report.OneLine(verdictSentence(c, v)))
			for _, f := range deciding(c, v) {
				fmt.Fprintf(bw, "      %s %s: %s (%s)\n", f.Rule, report.OneLine(f.Path), report.OneLine(f.Message), report.Location(f))
			}
		}
	}
	return bw.Flush()
}

func orNone(s string) string {
	if s == "" {
		return "none"
	}
	return s
}

// verdictSentence says a non-compatible verdict in words, as the check
// report does: "billing reads orders ^1.2 and breaks on 2.0.0 (reader 1.2.0)".
func verdictSentence(c *Contract, v Verdict) string {
	cons, _ := partyOf(c.Consumers, v.Consumer)
	switch v.Status {
	case Incompatible:
		return fmt.Sprintf("%s reads %s %s and breaks on %s (reader %s)", v.Consumer, c.Name, cons.Spec.Text, v.Writer, v.Reader)
	case Unknown:
		reason := v.Reason
		if reason == "" {
			if cell, ok := c.Cell(v.Writer, v.Reader); ok {
				reason = cell.Reason
			}
		}
		return fmt.Sprintf("%s reading %s %s is unknown: %s", v.Consumer, c.Name, v.Writer, reason)
	}
	return fmt.Sprintf("%s reads %s %s and reads %s", v.Consumer, c.Name, cons.Spec.Text, v.Writer)
}

// deciding returns the findings of the verdict's deciding cell that break
// what its consumer depends on.
func deciding(c *Contract, v Verdict) []checks.Finding {
	if v.Reader == "" {
		return nil
	}
	cell, _ := c.Cell(v.Writer, v.Reader)
	depends := checks.Data
	if cons, ok := partyOf(c.Consumers, v.Consumer); ok {
		depends = cons.Depends()
	}
	return cell.FindingsFor(depends)
}

var markdownMark = map[Status]string{Compatible: "✅", Incompatible: "❌", Unknown: "❔"}

func renderMarkdown(w io.Writer, m *Matrix) error {
	bw := bufio.NewWriter(w)
	esc := report.EscapeMarkdown
	fmt.Fprintf(bw, "## contractlint matrix: %s\n", esc(m.Headline()))
	for _, c := range m.Contracts {
		fmt.Fprintf(bw, "\n### %s\n\n", esc(c.Name))
		var vs []string
		for _, v := range c.Versions {
			vs = append(vs, v.Version)
		}
		fmt.Fprintf(bw, "Versions: %s\n\n", esc(orNone(strings.Join(vs, ", "))))
		if len(c.Producers) > 0 {
			var ps []string
			for _, p := range c.Producers {
				ps = append(ps, fmt.Sprintf("**%s** emits %s", esc(p.Service), esc(p.Spec.Text)))
			}
			fmt.Fprintf(bw, "Producers: %s\n\n", strings.Join(ps, "; "))
		}
		writers := c.Writers()
		if len(c.Consumers) == 0 || len(writers) == 0 {
			continue
		}
		bw.WriteString("| Consumer | Reads |")
		for _, v := range writers {
			fmt.Fprintf(bw, " %s |", esc(v))
		}
		bw.WriteString("\n|---|---|" + strings.Repeat("---|", len(writers)) + "\n")
		for _, p := range c.Consumers {
			fmt.Fprintf(bw, "| %s | %s |", esc(p.Service), esc(p.Spec.Text))
			for _, v := range writers {
				fmt.Fprintf(bw, " %s |", markdownMark[verdictOf(c, p.Service, v).Status])
			}
			bw.WriteString("\n")
		}
		var notes []string
		for _, v := range c.Verdicts {
			if v.Status == Compatible {
				continue
			}
			note := fmt.Sprintf("- %s %s", markdownMark[v.Status], esc(verdictSentence(c, v)))
			for _, f := range deciding(c, v) {
				note += fmt.Sprintf("\n  - [`%s`](%s#%s) %s: %s (`%s`)", f.Rule, report.RulesDocURL, strings.ToLower(f.Rule),
					esc(f.Path), esc(f.Message), strings.ReplaceAll(report.Location(f), "`", "'"))
			}
			notes = append(notes, note)
		}
		if len(notes) > 0 {
			fmt.Fprintf(bw, "\n%s\n", strings.Join(notes, "\n"))
		}
	}
	return bw.Flush()
}

// renderJSON writes the matrix file's model as JSON, so that one schema
// describes both.
func renderJSON(w io.Writer, m *Matrix) error {
	v, err := JSONValue(m)
	if err != nil {
		return err
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// JSONValue returns the matrix as the JSON value schemas/matrix.schema.json
// describes.
func JSONValue(m *Matrix) (any, error) {
	v, err := doc.ParseYAML(Marshal(m), doc.Options{NoAliases: true})
	if err != nil {
		return nil, fmt.Errorf("matrix: %w", err)
	}
	return v.Interface(), nil
}

// RenderDecision writes a can-i-deploy answer in a format: text, markdown or
// json.
func RenderDecision(w io.Writer, format string, d *Decision) error {
	switch strings.ToLower(format) {
	case "text":
		return decisionText(w, d)
	case "markdown", "md":
		return decisionMarkdown(w, d)
	case "json":
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		return enc.Encode(d)
	}
	return fmt.Errorf("unknown format %q (want text, markdown or json)", format)
}

// Question restates the query in words.
func (d *Decision) Question() string {
	verb := "reading"
	if d.Role == Producer {
		verb = "emitting"
	}
	var uses []string
	for _, c := range slices.Sorted(mapsKeys(d.Uses)) {
		uses = append(uses, c+" "+d.Uses[c])
	}
	q := fmt.Sprintf("can %s (%s) be deployed %s %s", d.Service, d.Role, verb, strings.Join(uses, ", "))
	if d.Environment != "" {
		q += " to " + d.Environment
	}
	return q + "?"
}

func mapsKeys(m map[string]string) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

func rowSentence(r Row) string {
	switch r.Status {
	case rowIgnore, rowNotReq:
		other := r.Consumer
		if other == "" {
			other = r.Producer
		}
		return fmt.Sprintf("%s: %s (%s)", other, r.Status, r.Reason)
	}
	if r.Writer == "" {
		return fmt.Sprintf("%s: %s", r.Contract, r.Reason)
	}
	s := fmt.Sprintf("%s reads %s@%s from %s", r.Consumer, r.Contract, r.Writer, r.Producer)
	if r.Reader != "" && r.Reader != r.Writer {
		s += " with reader " + r.Reader
	}
	s += ": " + r.Status
	if r.Reason != "" {
		s += " (" + r.Reason + ")"
	}
	return s
}

func decisionText(w io.Writer, d *Decision) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "%s\n%s: %s\n", report.OneLine(d.Question()), strings.ToUpper(string(d.Answer)), d.Reason)
	mark := map[string]string{string(Compatible): "ok", string(Incompatible): "NO", string(Unknown): "??", rowIgnore: "--", rowNotReq: "--"}
	for _, r := range d.Rows {
		fmt.Fprintf(bw, "  %s %s\n", mark[r.Status], report.OneLine(rowSentence(r)))
		for _, f := range r.Findings {
			fmt.Fprintf(bw, "       %s %s: %s (%s)\n", f.Rule, report.OneLine(f.Path), report.OneLine(f.Message), report.Location(f))
		}
	}
	return bw.Flush()
}

func decisionMarkdown(w io.Writer, d *Decision) error {
	bw := bufio.NewWriter(w)
	esc := report.EscapeMarkdown
	icon := map[Answer]string{Yes: "✅ yes", No: "❌ no", NotSure: "❔ unknown"}
	fmt.Fprintf(bw, "## contractlint can-i-deploy: %s\n\n%s %s\n\n", icon[d.Answer], esc(d.Question()), esc(d.Reason))
	if len(d.Rows) == 0 {
		return bw.Flush()
	}
	rowIcon := map[string]string{string(Compatible): "✅", string(Incompatible): "❌", string(Unknown): "❔", rowIgnore: "➖", rowNotReq: "➖"}
	bw.WriteString("| | Contract | Producer | Consumer | Writer | Reader | Why |\n|---|---|---|---|---|---|---|\n")
	for _, r := range d.Rows {
		why := esc(r.Reason)
		for _, f := range r.Findings {
			if why != "" {
				why += "<br>"
			}
			why += fmt.Sprintf("[`%s`](%s#%s) %s: %s", f.Rule, report.RulesDocURL, strings.ToLower(f.Rule), esc(f.Path), esc(f.Message))
		}
		fmt.Fprintf(bw, "| %s | %s | %s | %s | %s | %s | %s |\n", rowIcon[r.Status], esc(r.Contract), esc(r.Producer), esc(r.Consumer), esc(r.Writer), esc(r.Reader), why)
	}
	return bw.Flush()
}
