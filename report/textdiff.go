package report

import (
	"fmt"
	"io/fs"
	"sort"
	"strings"
	"time"

	"github.com/sergi/go-diff/diffmatchpatch"

	"github.com/contractlint/contractlint/checks"
)

// FileDiff is the textual change of one contract file, shown beside the
// findings in the reports people read.
type FileDiff struct {
	// Contract and File identify the file as findings do.
	Contract string
	File     string
	// Hunks are the unified-diff hunks, with findings anchored to new lines.
	Hunks []Hunk
	// Truncated reports that the diff was cut at the size limit.
	Truncated bool
}

// Hunk is one unified-diff hunk.
type Hunk struct {
	OldStart, OldLines, NewStart, NewLines int
	Lines                                  []DiffLine
}

// DiffLine is one line of a hunk: Op is ' ', '+' or '-'; NewLine is the
// line's number on the new side (0 for deleted lines); Notes are the
// findings located on that new line.
type DiffLine struct {
	Op      byte
	Text    string
	NewLine int
	Notes   []string
}

// Limits of textual diffs: bigger files are summarised, not diffed.
const (
	maxDiffInput = 1 << 20 // bytes per side
	maxDiffLines = 400     // hunk lines per file
	diffContext  = 3
)

// Diff computes the unified diff of one file (old or new may be nil for an
// added or deleted file) and anchors findings of that file to its lines.
// Line diffs come from github.com/sergi/go-diff.
func Diff(file string, old, new []byte, findings []checks.Finding) FileDiff {
	fd := FileDiff{File: file}
	if len(old) > maxDiffInput || len(new) > maxDiffInput {
		fd.Truncated = true
		return fd
	}
	notes := map[int][]string{}
	for _, f := range findings {
		if f.File == file && f.Line > 0 {
			notes[f.Line] = append(notes[f.Line], fmt.Sprintf("%s %s", f.Impact, f.Rule))
		}
	}
	dmp := diffmatchpatch.New()
	dmp.DiffTimeout = 2 * time.Second
	a, b, lines := dmp.DiffLinesToRunes(string(old), string(new))
	diffs := dmp.DiffCharsToLines(dmp.DiffMainRunes(a, b, false), lines)

	// Flatten into one entry per line with both line numbers.
	type entry struct {
		op                   byte
		text                 string
		new                  int // line number on the new side, 0 if deleted
		oldBefore, newBefore int // lines of each side before this one
	}
	var all []entry
	oldN, newN := 0, 0
	for _, d := range diffs {
		for _, l := range splitLines(d.Text) {
			switch d.Type {
			case diffmatchpatch.DiffEqual:
				all = append(all, entry{' ', l, newN + 1, oldN, newN})
				oldN++
				newN++
			case diffmatchpatch.DiffDelete:
				all = append(all, entry{'-', l, 0, oldN, newN})
				oldN++
			case diffmatchpatch.DiffInsert:
				all = append(all, entry{'+', l, newN + 1, oldN, newN})
				newN++
			}
		}
	}
	// Group changed lines, with context, into hunks.
	total := 0
	for i := 0; i < len(all); {
		if all[i].op == ' ' {
			i++
			continue
		}
		start := max(0, i-diffContext)
		end := i
		for end < len(all) {
			if all[end].op != ' ' {
				end++
				continue
			}
			// Look ahead: a run of equal lines longer than twice the
			// context ends the hunk.
			run := end
			for run < len(all) && all[run].op == ' ' {
				run++
			}
			if run == len(all) || run-end > 2*diffContext {
				end = min(end+diffContext, len(all))
				break
			}
			end = run
		}
		h := Hunk{OldStart: all[start].oldBefore + 1, NewStart: all[start].newBefore + 1}
		for _, e := range all[start:end] {
			if e.op != '+' {
				h.OldLines++
			}
			if e.op != '-' {
				h.NewLines++
			}
			h.Lines = append(h.Lines, DiffLine{Op: e.op, Text: e.text, NewLine: e.new, Notes: notes[e.new]})
		}
		if h.OldLines == 0 {
			h.OldStart--
		}
		if h.NewLines == 0 {
			h.NewStart--
		}
		total += len(h.Lines)
		fd.Hunks = append(fd.Hunks, h)
		if total > maxDiffLines {
			fd.Truncated = true
			break
		}
		i = end
	}
	return fd
}

// splitLines splits text into lines without their terminators.
func splitLines(s string) []string {
	s = strings.TrimSuffix(s, "\n")
	if s == "" {
		return []string{""}
	}
	return strings.Split(s, "\n")
}

// Unified renders the diff as unified-diff text, findings appended to the
// lines they are located on.
func (d FileDiff) Unified() string {
	var b strings.Builder
	fmt.Fprintf(&b, "--- a/%s\n+++ b/%s\n", d.File, d.File)
	for _, h := range d.Hunks {
		fmt.Fprintf(&b, "@@ -%d,%d +%d,%d @@\n", h.OldStart, h.OldLines, h.NewStart, h.NewLines)
		for _, l := range h.Lines {
			b.WriteByte(l.Op)
			b.WriteString(l.Text)
			if len(l.Notes) > 0 {
				b.WriteString("    ◀ ")
				b.WriteString(strings.Join(l.Notes, ", "))
			}
			b.WriteByte('\n')
		}
	}
	if d.Truncated {
		b.WriteString("… (diff truncated)\n")
	}
	return b.String()
}

// Diffs computes the textual diff of every file that has findings, reading
// both versions from the sides (a file missing on one side diffs against
// nothing).
func Diffs(contract string, old, new checks.Side, findings []checks.Finding) []FileDiff {
	files := map[string]bool{}
	for _, f := range findings {
		if f.File != "" && f.Contract == contract {
			files[f.File] = true
		}
	}
	names := make([]string, 0, len(files))
	for f := range files {
		names = append(names, f)
	}
	sort.Strings(names)
	var out []FileDiff
	for _, name := range names {
		a := readSide(old, name)
		b := readSide(new, name)
		if a == nil && b == nil {
			continue
		}
		d := Diff(name, a, b, findings)
		d.Contract = contract
		out = append(out, d)
	}
	return out
}

func readSide(s checks.Side, name string) []byte {
	if s.FS == nil {
		return nil
	}
	b, err := fs.ReadFile(s.FS, name)
	if err != nil {
		return nil
	}
	return b
}
