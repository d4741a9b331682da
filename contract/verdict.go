package contract

import (
	"fmt"
	"strings"

	"github.com/contractlint/contractlint/checks"
	"github.com/contractlint/contractlint/report"
)

// Contract statuses, as in report.Contract.Status.
const (
	StatusOK               = "ok"
	StatusNew              = "new"
	StatusUnchanged        = "unchanged"
	StatusVersionTooLow    = "version-too-low"
	StatusVersionNotBumped = "version-not-bumped"
	StatusIncompatible     = "incompatible"
	StatusError            = "error"
	// StatusLifecycle: a change breaks the deprecation policy (see package
	// checks/lifecycle), whatever the declared version.
	StatusLifecycle = "lifecycle-violation"
)

// Dishonest reports whether a status fails the check whatever --fail-on says.
func Dishonest(status string) bool {
	return status == StatusVersionTooLow || status == StatusVersionNotBumped || status == StatusLifecycle
}

// Judge decides whether the declared version is honest given the published
// version (nil when the contract was never published, or unknown when
// publishedKnown is false) and the contract's findings. It fills the status,
// versions and message of rc.
func Judge(rc *report.Contract, name string, declared Version, published *Version, findings []checks.Finding, mode checks.Mode) {
	rc.Declared = declared.String()
	v := checks.VerdictOf(findings)
	rc.Verdict = v
	if published == nil {
		rc.Status = StatusOK
		if v.Impact > checks.None {
			rc.Status = statusForBreaks(v, mode)
		}
		rc.Suggested = rc.Declared
		rc.Message = fmt.Sprintf("%s declares %s; the published version is unknown, so the bump cannot be checked (%s change)", name, declared, v.Impact)
		return
	}
	rc.Published = published.String()
	required := published.Required(v.Impact)
	rc.Required = required.String()
	driver := firstAt(findings, v.Impact)
	switch cmp := declared.Compare(*published); {
	case cmp < 0:
		rc.Status = StatusVersionTooLow
		rc.Suggested = rc.Required
		rc.Message = fmt.Sprintf("%s declares %s, lower than the published %s: declare %s", name, declared, published, required)
	case v.Impact == checks.None:
		rc.Status = StatusUnchanged
		rc.Suggested = rc.Declared
		if cmp == 0 {
			rc.Message = fmt.Sprintf("no changes since %s", published)
		} else {
			rc.Message = fmt.Sprintf("declares %s with no changes since %s", declared, published)
		}
	case cmp == 0:
		rc.Status = StatusVersionNotBumped
		rc.Suggested = rc.Required
		rc.Message = fmt.Sprintf("%s still declares %s, but %s is %s: declare %s", name, declared, describeFinding(driver), v.Impact, required)
	case declared.Compare(required) < 0:
		rc.Status = StatusVersionTooLow
		rc.Suggested = rc.Required
		rc.Message = fmt.Sprintf("%s declares %s, but %s is %s: declare %s", name, declared, describeFinding(driver), v.Impact, required)
	default:
		rc.Status = statusForBreaks(v, mode)
		rc.Suggested = rc.Declared
		rc.Message = fmt.Sprintf("declares %s for a %s change from %s", declared, v.Impact, published)
		if declared.Compare(required) > 0 {
			rc.Message += fmt.Sprintf(" (%s would do)", required)
		}
		switch {
		case rc.Status == StatusIncompatible:
			rc.Message += fmt.Sprintf("; %s breaks %s compatibility", describeFinding(firstBreaking(findings, mode)), breaksIn(v, mode))
		case !v.Compatible.Source:
			rc.Message += "; " + v.Compatible.Describe()
		}
	}
}

// statusForBreaks is incompatible when a change breaks a direction the mode
// requires (honestly declared as a major release), ok otherwise.
func statusForBreaks(v checks.Verdict, mode checks.Mode) string {
	if breaksIn(v, mode) != "" {
		return StatusIncompatible
	}
	return StatusOK
}

func breaksIn(v checks.Verdict, mode checks.Mode) string {
	back := !v.Compatible.Backward && mode.Directions&checks.Backward != 0
	fwd := !v.Compatible.Forward && mode.Directions&checks.Forward != 0
	switch {
	case back && fwd:
		return "backward and forward"
	case back:
		return "backward"
	case fwd:
		return "forward"
	}
	return ""
}

// firstAt returns the finding that explains an impact: the first one of
// that impact in report order, preferring the engines' selected findings
// (they name a schema element) over rejected examples and data rules outside
// the selection.
func firstAt(findings []checks.Finding, impact checks.Impact) checks.Finding {
	var example *checks.Finding
	for i, f := range findings {
		if f.Ignored != "" || f.Impact != impact {
			continue
		}
		if !isExampleRule(f.Rule) && !f.Unselected {
			return f
		}
		if example == nil {
			example = &findings[i]
		}
	}
	if example != nil {
		return *example
	}
	return checks.Finding{}
}

// firstBreaking returns the first finding that breaks data in a direction
// the mode requires, preferring the selected findings over the data rules
// outside the selection.
func firstBreaking(findings []checks.Finding, mode checks.Mode) checks.Finding {
	var unselected *checks.Finding
	for i, f := range findings {
		if !f.Breaking(checks.Data, mode.Directions) {
			continue
		}
		if !f.Unselected {
			return f
		}
		if unselected == nil {
			unselected = &findings[i]
		}
	}
	if unselected != nil {
		return *unselected
	}
	return checks.Finding{}
}

// describeFinding names a finding in a verdict sentence:
// "FIELD_NO_DELETE on acme.orders.v1.Order.total".
func describeFinding(f checks.Finding) string {
	var s string
	switch {
	case f.Path != "":
		s = fmt.Sprintf("%s on %s", f.Rule, f.Path)
	case f.File != "":
		s = fmt.Sprintf("%s in %s", f.Rule, f.File)
	default:
		s = f.Rule
	}
	if i := strings.LastIndex(f.Message, againstMark); i >= 0 && strings.HasSuffix(f.Message, ")") {
		s += f.Message[i:] // a transitive finding says which version it breaks
	}
	return s
}
