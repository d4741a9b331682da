package report

import (
	"fmt"
	"strings"

	"github.com/contractlint/contractlint/checks"
)

// Location formats a finding's position as file:line:column, leaving out
// what is unknown.
func Location(f checks.Finding) string { return location(f) }

// MatrixDelta is the compatibility matrix's part of a `check` report: the
// consumer verdicts of the proposed versions that are not compatible, or
// that differ from the committed matrix.
type MatrixDelta struct {
	// File is the matrix file the verdicts are compared with.
	File string `json:"file"`
	// Updated is set when --update-matrix wrote the file.
	Updated bool `json:"updated,omitempty"`
	// Verdicts are sorted by contract, consumer and writer version.
	Verdicts []MatrixVerdict `json:"verdicts"`
}

// MatrixVerdict is one consumer's verdict on one version a producer emits.
type MatrixVerdict struct {
	Contract string `json:"contract"`
	Consumer string `json:"consumer"`
	// Reads is the consumer's declaration ("^1.2").
	Reads string `json:"reads"`
	// Writer is the version a producer emits; Reader the consumer's version
	// that decides the verdict.
	Writer string `json:"writer"`
	Reader string `json:"reader,omitempty"`
	// Status is compatible, incompatible or unknown; Was the status in the
	// committed matrix ("" when the verdict is new there).
	Status string `json:"status"`
	Was    string `json:"was,omitempty"`
	// Message says the verdict in one sentence.
	Message string `json:"message"`
	// Findings decide an incompatible verdict.
	Findings []checks.Finding `json:"findings,omitempty"`
}

// MatrixBreaks reports whether the matrix delta has a consumer that breaks.
func (r *Report) MatrixBreaks() bool {
	if r.Matrix == nil {
		return false
	}
	for _, v := range r.Matrix.Verdicts {
		if v.Status == "incompatible" {
			return true
		}
	}
	return false
}

func (v MatrixVerdict) was() string {
	switch {
	case v.Was == v.Status:
		return ""
	case v.Was == "":
		return " (new)"
	}
	return " (was " + v.Was + ")"
}

// noMatrixChange says that no verdict changed, without claiming anything of
// the contracts that could not be checked.
func noMatrixChange(r *Report) string {
	if errored := r.contractsWith("error"); len(errored) > 0 {
		return "no consumer breaks on the contracts that could be checked; nothing is known of " + names(errored)
	}
	return "every consumer reads every version its producers emit"
}

// renderMatrixText writes the matrix delta of a text report.
func (t Text) renderMatrix(w *strings.Builder, r *Report) {
	m := r.Matrix
	if m == nil {
		return
	}
	fmt.Fprintf(w, "\n%s\n", t.paint(ansiBold, "compatibility matrix ("+OneLine(m.File)+")"))
	if len(m.Verdicts) == 0 {
		w.WriteString("  " + noMatrixChange(r) + "\n")
	}
	for _, v := range m.Verdicts {
		mark := map[string]string{"incompatible": t.paint(ansiRed+ansiBold, "BREAKS "), "unknown": t.paint(ansiYellow, "unknown"), "compatible": t.paint(ansiGreen, "ok     ")}[v.Status]
		fmt.Fprintf(w, "  %s %s%s\n", mark, OneLine(v.Message), v.was())
	}
	if m.Updated {
		fmt.Fprintf(w, "  wrote %s\n", OneLine(m.File))
	}
}

// matrixMarkdown returns the Markdown lines of the matrix delta.
func matrixMarkdown(r *Report) []string {
	m := r.Matrix
	if m == nil {
		return nil
	}
	lines := []string{"#### Compatibility matrix", ""}
	if len(m.Verdicts) == 0 {
		if len(r.contractsWith("error")) > 0 {
			lines = append(lines, "❔ "+EscapeMarkdown(noMatrixChange(r))+".", "")
		} else {
			lines = append(lines, "✅ Every consumer reads every version its producers emit.", "")
		}
	}
	if len(m.Verdicts) > 0 {
		lines = append(lines, "| | Consumer | Contract | Reads | Version | Why |", "|---|---|---|---|---|---|")
		icon := map[string]string{"incompatible": "❌", "unknown": "❔", "compatible": "✅"}
		for _, v := range m.Verdicts {
			why := EscapeMarkdown(v.Message) + EscapeMarkdown(v.was())
			for _, f := range v.Findings {
				why += fmt.Sprintf("<br>[`%s`](%s#%s) `%s`", f.Rule, RulesDocURL, strings.ToLower(f.Rule), strings.ReplaceAll(f.Path, "`", "'"))
			}
			lines = append(lines, fmt.Sprintf("| %s | %s | %s | %s | %s | %s |", icon[v.Status], EscapeMarkdown(v.Consumer),
				EscapeMarkdown(v.Contract), EscapeMarkdown(v.Reads), EscapeMarkdown(v.Writer), why))
		}
		lines = append(lines, "")
	}
	if m.Updated {
		lines = append(lines, "Wrote `"+strings.ReplaceAll(m.File, "`", "'")+"`.", "")
	}
	return lines
}
