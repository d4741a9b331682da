package lifecycle

import (
	"fmt"
	"time"

	"github.com/contractlint/contractlint/checks"
)

// Policy is a contract's deprecation policy (the `deprecation:` key of a
// contract in contractlint.yaml).
type Policy struct {
	// RequireDeprecation makes removing an element that was never deprecated
	// a violation (REMOVED_WITHOUT_DEPRECATION).
	RequireDeprecation bool
	// RequireSunset makes a deprecation without a sunset date a violation
	// (DEPRECATED_WITHOUT_SUNSET), and a removal of such an element one
	// before its sunset.
	RequireSunset bool
}

// Date parses "today" for the lifecycle rules (YYYY-MM-DD).
func Date(s string) (time.Time, error) {
	t, err := time.Parse(checks.DateLayout, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("date %q: want YYYY-MM-DD, e.g. 2027-01-01", s)
	}
	return t, nil
}

// Days returns the whole days from a to b (negative when b is before a);
// both are calendar dates (YYYY-MM-DD) that parse.
func Days(a, b string) int {
	ta, _ := time.Parse(checks.DateLayout, a)
	tb, _ := time.Parse(checks.DateLayout, b)
	return int(tb.Sub(ta).Hours() / 24)
}

// plural says "1 day" or "n days".
func plural(n int) string {
	if n == 1 {
		return "1 day"
	}
	return fmt.Sprintf("%d days", n)
}

// Evaluate compares the elements of the published side (old) with those of
// the proposal (new) on the date asOf (YYYY-MM-DD) under policy, and returns
// the lifecycle findings with their rules' default impacts. It is pure: the
// date is an input.
func Evaluate(old, new []checks.Element, asOf string, policy Policy) []checks.Finding {
	oldByID := index(old)
	newByID := index(new)
	// Every removed element is classified; one that ends like its removed
	// parent is reported with it, one that ends otherwise (a deprecated
	// field of a removed message, say) on its own.
	type gone struct {
		e  checks.Element
		f  checks.Finding
		ok bool
	}
	var removed []gone
	ruleOf := map[string]string{} // removed ID → its rule, "" for nothing to report
	for _, o := range old {
		if _, kept := newByID[o.ID]; kept {
			continue
		}
		f, ok := removal(o, oldByID, newByID, asOf, policy)
		removed = append(removed, gone{o, f, ok})
		ruleOf[o.ID] = f.Rule
	}
	var out []checks.Finding
	for _, g := range removed {
		if !g.ok {
			continue
		}
		if rule, parentGone := ruleOf[g.e.Parent]; parentGone && g.e.Parent != "" && rule == g.f.Rule {
			continue
		}
		out = append(out, g.f)
	}
	for _, n := range new {
		if !n.Deprecated {
			continue
		}
		at := func(r *checks.Rule, format string, args ...any) checks.Finding {
			return finding(r, n, n, fmt.Sprintf(format, args...))
		}
		o, ok := oldByID[n.ID]
		published := ok && o.Deprecated && o.SunsetRaw == n.SunsetRaw
		switch {
		case published:
			// Already published as it is: reported when it was proposed.
		case n.SunsetRaw != "" && n.Sunset == "":
			f := at(SunsetInvalid, "%s %s: sunset %q is not a date (want YYYY-MM-DD, e.g. 2027-03-31)", n.Kind, n.Path, n.SunsetRaw)
			f.New = n.SunsetRaw
			out = append(out, f)
		case n.SunsetRaw == "" && policy.RequireSunset:
			out = append(out, at(DeprecatedWithoutSunset, "%s %s is deprecated without a sunset date, which the policy requires", n.Kind, n.Path))
		}
		if !ok || !o.Deprecated || o.Sunset == "" {
			continue
		}
		switch {
		case n.SunsetRaw == "":
			f := at(SunsetRemoved, "%s %s: its sunset %s was deleted", n.Kind, n.Path, o.Sunset)
			f.Old = o.Sunset
			out = append(out, f)
		case n.Sunset != "" && n.Sunset < o.Sunset:
			f := at(SunsetMovedEarlier, "%s %s: sunset moved earlier, from %s to %s (%s earlier)", n.Kind, n.Path, o.Sunset, n.Sunset, plural(Days(n.Sunset, o.Sunset)))
			f.Old, f.New = o.Sunset, n.Sunset
			out = append(out, f)
		}
	}
	return checks.Sort(out)
}

// removal classifies the removal of o.
func removal(o checks.Element, oldByID, newByID map[string]checks.Element, asOf string, policy Policy) (checks.Finding, bool) {
	at := locate(o, oldByID, newByID)
	line := ""
	if o.Line > 0 {
		line = fmt.Sprintf(" (line %d of the published %s)", o.Line, o.File)
	}
	dep, ok := checks.Inherited(o, oldByID)
	through := ""
	if ok && dep.ID != o.ID {
		through = fmt.Sprintf(" through %s %s", dep.Kind, dep.Path)
	}
	switch {
	case !ok:
		if !policy.RequireDeprecation {
			return checks.Finding{}, false
		}
		return finding(RemovedWithoutDeprecation, o, at, fmt.Sprintf("%s %s%s was removed without being deprecated first", o.Kind, o.Path, line)), true
	case dep.SunsetRaw != "" && dep.Sunset == "":
		f := finding(RemovedBeforeSunset, o, at, fmt.Sprintf("%s %s%s was removed, but its sunset %q%s is not a date", o.Kind, o.Path, line, dep.SunsetRaw, through))
		f.Old = dep.SunsetRaw
		return f, true
	case dep.Sunset == "" && policy.RequireSunset:
		return finding(RemovedBeforeSunset, o, at, fmt.Sprintf("%s %s%s was removed, but it was deprecated%s without a sunset date, which the policy requires", o.Kind, o.Path, line, through)), true
	case dep.Sunset == "":
		return finding(RemovalPlanned, o, at, fmt.Sprintf("%s %s%s was removed after its deprecation%s (no sunset date); this is a major change", o.Kind, o.Path, line, through)), true
	case asOf < dep.Sunset:
		f := finding(RemovedBeforeSunset, o, at, fmt.Sprintf("%s %s%s was removed %s before its sunset %s%s", o.Kind, o.Path, line, plural(Days(asOf, dep.Sunset)), dep.Sunset, through))
		f.Old = dep.Sunset
		return f, true
	}
	f := finding(RemovalPlanned, o, at, fmt.Sprintf("%s %s%s was removed as planned, %s after its sunset %s%s; this is a major change", o.Kind, o.Path, line, plural(Days(dep.Sunset, asOf)), dep.Sunset, through))
	f.Old = dep.Sunset
	return f, true
}

// locate places the finding about a removed element at its nearest
// enclosing element that still exists, or at its file without a line.
func locate(o checks.Element, oldByID, newByID map[string]checks.Element) checks.Element {
	for p, seen := o.Parent, 0; p != "" && seen < 64; seen++ {
		if n, ok := newByID[p]; ok {
			return n
		}
		p = oldByID[p].Parent
	}
	return checks.Element{File: o.File}
}

func finding(r *checks.Rule, about, at checks.Element, msg string) checks.Finding {
	return checks.Finding{Rule: r.ID, Impact: r.Impact, Breaks: r.Breaks, Levels: r.Levels, File: at.File, Line: at.Line, Column: at.Column, Path: about.Path, Message: msg}
}

func index(elems []checks.Element) map[string]checks.Element {
	m := make(map[string]checks.Element, len(elems))
	for _, e := range elems {
		m[e.ID] = e
	}
	return m
}
