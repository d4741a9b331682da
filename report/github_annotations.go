package report

import (
	"bufio"
	"cmp"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strings"

	"github.com/contractlint/contractlint/checks"
)

// AnnotationsPerStep is how many annotations of each level (error, warning,
// notice) GitHub Actions shows for one step; the rest stay in the log only.
const AnnotationsPerStep = 10

// GitHubAnnotations renders findings as GitHub Actions workflow commands
// (::error file=…,line=…::message), so that they show up on the changed
// lines of the pull request: major changes as errors, minor as warnings,
// patch as notices, most severe first. Ignored findings and findings without
// impact are left out. When GitHub's per-step cap will hide some, a notice
// saying so comes first.
type GitHubAnnotations struct{}

// Render implements Renderer.
func (GitHubAnnotations) Render(w io.Writer, r *Report) error {
	bw := bufio.NewWriter(w)
	fs := Annotated(r.Findings)
	count := map[string]int{}
	for _, f := range fs {
		count[annotationLevel(f.Impact)]++
	}
	hidden := max(count["error"]-AnnotationsPerStep, 0) + max(count["warning"]-AnnotationsPerStep, 0)
	if hidden > 0 || count["notice"] > AnnotationsPerStep {
		// This notice takes one of the notice slots itself.
		hidden += max(count["notice"]-(AnnotationsPerStep-1), 0)
		fmt.Fprintf(bw, "::notice title=%s::%s\n", EscapeCommandProperty("contractlint: annotations capped"),
			EscapeCommandData(fmt.Sprintf("%d of %d findings are not shown as annotations: GitHub shows at most %d errors, %d warnings and %d notices per step. The job summary and the log list them all.",
				hidden, len(fs), AnnotationsPerStep, AnnotationsPerStep, AnnotationsPerStep)))
	}
	for _, f := range fs {
		var props []string
		if f.File != "" {
			props = append(props, "file="+EscapeCommandProperty(f.File))
			if f.Line > 0 {
				props = append(props, fmt.Sprintf("line=%d", f.Line))
				if f.Column > 0 {
					props = append(props, fmt.Sprintf("col=%d", f.Column))
				}
			}
		}
		props = append(props, "title="+EscapeCommandProperty(fmt.Sprintf("%s (%s)", f.Rule, f.Impact)))
		msg := f.Message
		if f.Contract != "" {
			msg = f.Contract + ": " + msg
		}
		fmt.Fprintf(bw, "::%s %s::%s\n", annotationLevel(f.Impact), strings.Join(props, ","), EscapeCommandData(msg))
	}
	return bw.Flush()
}

// Annotated returns the findings worth an annotation — not ignored, with an
// impact — most severe first and otherwise in report order.
func Annotated(findings []checks.Finding) []checks.Finding {
	var out []checks.Finding
	for _, f := range findings {
		if f.Ignored == "" && f.Impact > checks.None {
			out = append(out, f)
		}
	}
	slices.SortStableFunc(out, func(a, b checks.Finding) int { return cmp.Compare(b.Impact, a.Impact) })
	return out
}

func annotationLevel(i checks.Impact) string {
	switch i {
	case checks.Major:
		return "error"
	case checks.Minor:
		return "warning"
	}
	return "notice"
}

// EscapeCommandData escapes a workflow command's message: %, CR and LF, as the
// Actions toolkit does; other control characters are dropped.
func EscapeCommandData(s string) string {
	s = strings.Map(func(r rune) rune {
		if (r < 0x20 && r != '\n' && r != '\r') || r == 0x7f {
			return -1
		}
		return r
	}, s)
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// EscapeCommandProperty escapes a workflow command's property value: what
// EscapeCommandData escapes plus ':' and ','.
func EscapeCommandProperty(s string) string {
	return strings.NewReplacer(":", "%3A", ",", "%2C").Replace(EscapeCommandData(s))
}

// ownCommand is the shape of the workflow commands contractlint writes:
// an annotation whose properties are escaped (EscapeCommandProperty).
var ownCommand = regexp.MustCompile(`^::(error|warning|notice)( [^:]*)?::`)

// NeutralizeCommand keeps a line of output from being read as a workflow
// command other than an annotation: inside GitHub Actions every line of
// stdout and stderr is scanned, and a value from the tree under review
// that starts a line ("::add-mask::", "::stop-commands::", "::set-output")
// or holds the old "##[" syntax would command the runner. Such a line gets
// a zero-width space before its "::", which the runner does not strip.
func NeutralizeCommand(line string) string {
	t := strings.TrimLeft(line, " \t")
	if strings.HasPrefix(t, "::") && !ownCommand.MatchString(t) {
		i := len(line) - len(t)
		line = line[:i] + "\u200b" + line[i:]
	}
	return strings.ReplaceAll(line, "##[", "#\u200b#[")
}
