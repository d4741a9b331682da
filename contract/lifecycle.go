package contract

import (
	"bytes"
	"context"
	"crypto/sha1"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"slices"

	"github.com/contractlint/contractlint/checks"
	"github.com/contractlint/contractlint/checks/examples"
	"github.com/contractlint/contractlint/checks/ignores"
	"github.com/contractlint/contractlint/checks/lifecycle"
	"github.com/contractlint/contractlint/report"
)

// lifecycleFindings runs the lifecycle rules (see package checks/lifecycle)
// between the published side and the proposal on the plan's as-of date,
// when the engine lists elements; the caller skips it when nothing the
// contract reads changed. The findings are classified with the contract's
// impact overrides.
func (p plan) lifecycleFindings(ctx context.Context, oldSide, newSide checks.Side) ([]checks.Finding, []string, error) {
	lister, ok := p.engine.(checks.ElementLister)
	if !ok || p.asOf == "" {
		return nil, nil, nil
	}
	// An unchanged file declares the same elements on both sides, and an
	// element's ancestors are in its own file: only changed files matter.
	want := changedFiles(oldSide, newSide)
	oldElems, err := lister.Elements(ctx, oldSide, p.engineOptions(), want)
	if err != nil {
		return nil, nil, err
	}
	return p.evaluate(ctx, lister, oldElems, newSide, want)
}

// newLifecycleFindings runs the lifecycle rules on a contract that was never
// published: its markers are all new (a malformed sunset, a deprecation
// without the date the policy requires).
func (p plan) newLifecycleFindings(ctx context.Context, newSide checks.Side) ([]checks.Finding, []string, error) {
	lister, ok := p.engine.(checks.ElementLister)
	if !ok || p.asOf == "" {
		return nil, nil, nil
	}
	return p.evaluate(ctx, lister, nil, newSide, nil)
}

// evaluate runs the lifecycle rules and returns their findings and a
// warning for each sunset already past when its deprecation is first
// published.
func (p plan) evaluate(ctx context.Context, lister checks.ElementLister, oldElems []checks.Element, newSide checks.Side, want func(string) bool) ([]checks.Finding, []string, error) {
	newElems, err := lister.Elements(ctx, newSide, p.engineOptions(), want)
	if err != nil {
		return nil, nil, err
	}
	rules := map[string]*checks.Rule{}
	for _, r := range lifecycle.Rules() {
		rules[r.ID] = r
	}
	var kept []checks.Finding
	for _, f := range lifecycle.Evaluate(oldElems, newElems, p.asOf, p.c.Deprecation) {
		if f, ok := checks.Keep(p.sel, rules[f.Rule], f, p.c.Mode, p.c.Versioning, p.c.Impacts); ok {
			f.Contract = p.c.Name
			kept = append(kept, f)
		}
	}
	return kept, pastSunsets(oldElems, newElems, p.asOf), nil
}

// pastSunsets warns of elements whose deprecation the proposal publishes
// for the first time with a sunset already past on asOf: consumers get the
// notice and the deadline at once, so they had no time to move.
func pastSunsets(oldElems, newElems []checks.Element, asOf string) []string {
	published := map[string]checks.Element{}
	for _, e := range oldElems {
		published[e.ID] = e
	}
	var out []string
	for _, e := range newElems {
		if !e.Deprecated || e.Sunset == "" || e.Sunset > asOf {
			continue
		}
		if old, ok := published[e.ID]; ok && old.Deprecated && old.Sunset == e.Sunset {
			continue // published with this date before: the report tracks it
		}
		out = append(out, fmt.Sprintf("%s %s (%s:%d) is first published deprecated with a sunset already past: %s (as of %s); consumers get no notice, give a date in the future",
			e.Kind, e.Path, e.File, e.Line, e.Sunset, asOf))
	}
	return out
}

// judgeLifecycle turns a contract whose findings break the deprecation
// policy into a lifecycle violation, whatever its declared version.
func judgeLifecycle(rc *report.Contract, findings []checks.Finding) {
	if rc.Status == StatusVersionTooLow || rc.Status == StatusVersionNotBumped {
		return
	}
	var first *checks.Finding
	n := 0
	for i, f := range findings {
		if f.Ignored == "" && (lifecycle.Violation(f.Rule) || f.Rule == ignores.Expired.ID) {
			if first == nil {
				first = &findings[i]
			}
			n++
		}
	}
	if first == nil {
		return
	}
	rc.Status = StatusLifecycle
	rc.Message = fmt.Sprintf("deprecation policy: %s [%s]", first.Message, first.Rule)
	if first.Rule == ignores.Expired.ID {
		rc.Message = fmt.Sprintf("expired ignore at %s:%d:%d: %s [%s]", first.File, first.Line, first.Column, first.Message, first.Rule)
	}
	if n > 1 {
		rc.Message += fmt.Sprintf(" (and %d more)", n-1)
	}
}

// changedFiles returns a filter of the files that differ between the two
// sides: present on one side only, or with other bytes. A file of a git tree
// is compared by its blob ID, hashing the other side's bytes the way git
// does, so the published side is not read.
func changedFiles(oldSide, newSide checks.Side) func(string) bool {
	type oider interface{ ObjectID(string) (string, bool) }
	oidOf := func(fsys fs.FS, name string) (string, bool) {
		if o, ok := fsys.(oider); ok {
			return o.ObjectID(name)
		}
		return "", false
	}
	blobID := func(fsys fs.FS, name string, like string) (string, bool) {
		if oid, ok := oidOf(fsys, name); ok {
			return oid, true
		}
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			return "", false
		}
		header := fmt.Sprintf("blob %d\x00", len(data))
		if len(like) == 64 {
			sum := sha256.Sum256(append([]byte(header), data...))
			return hex.EncodeToString(sum[:]), true
		}
		sum := sha1.Sum(append([]byte(header), data...))
		return hex.EncodeToString(sum[:]), true
	}
	inOld := map[string]bool{}
	for _, f := range oldSide.Files {
		inOld[f] = true
	}
	changed := map[string]bool{}
	for _, f := range oldSide.Files {
		changed[f] = true // until found on the new side
	}
	for _, f := range newSide.Files {
		if !inOld[f] {
			changed[f] = true
			continue
		}
		if a, ok := oidOf(oldSide.FS, f); ok {
			b, ok := blobID(newSide.FS, f, a)
			changed[f] = !ok || a != b
			continue
		}
		if b, ok := oidOf(newSide.FS, f); ok {
			a, ok := blobID(oldSide.FS, f, b)
			changed[f] = !ok || a != b
			continue
		}
		a, errA := fs.ReadFile(oldSide.FS, f)
		b, errB := fs.ReadFile(newSide.FS, f)
		changed[f] = errA != nil || errB != nil || !bytes.Equal(a, b)
	}
	return func(f string) bool { return changed[f] }
}

// RuleSet returns every rule a contract of the engine's format runs, for
// selection (rules:, --rules), impacts: and ignores: the engine's rules,
// the example rules of its format, and the lifecycle rules, which apply to
// every format. A selection applies per format (see checks.ParseSelection),
// so `use: [FILE]` leaves the lifecycle rules as they are.
func RuleSet(e checks.Engine) []*checks.Rule {
	rules := slices.Clone(e.Rules())
	for _, r := range examples.Rules() {
		if r.Format == e.Format() {
			rules = append(rules, r)
		}
	}
	return slices.Concat(rules, lifecycle.Rules(), ignores.Rules())
}
