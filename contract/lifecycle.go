package contract

import (
	"context"
	"fmt"
	"slices"

	"github.com/contractlint/contractlint/checks"
	"github.com/contractlint/contractlint/checks/lifecycle"
	"github.com/contractlint/contractlint/report"
)

// lifecycleFindings runs the lifecycle rules (see package checks/lifecycle)
// between the published side and the proposal on the plan's as-of date,
// when the engine lists elements and something the contract reads changed.
// The findings are classified with the contract's impact overrides.
func (p plan) lifecycleFindings(ctx context.Context, pub Published, oldSide, newSide checks.Side) ([]checks.Finding, error) {
	lister, ok := p.engine.(checks.ElementLister)
	if !ok || p.asOf == "" {
		return nil, nil
	}
	if slices.Equal(oldSide.Files, newSide.Files) && sameClosure(closure(pub.Tree.FS, oldSide.Files), closure(newSide.FS, newSide.Files)) {
		return nil, nil
	}
	oldElems, err := lister.Elements(ctx, oldSide)
	if err != nil {
		return nil, err
	}
	return p.evaluate(ctx, lister, oldElems, newSide)
}

// newLifecycleFindings runs the lifecycle rules on a contract that was never
// published: its markers are all new (a malformed sunset, a deprecation
// without the date the policy requires).
func (p plan) newLifecycleFindings(ctx context.Context, newSide checks.Side) ([]checks.Finding, error) {
	lister, ok := p.engine.(checks.ElementLister)
	if !ok || p.asOf == "" {
		return nil, nil
	}
	return p.evaluate(ctx, lister, nil, newSide)
}

func (p plan) evaluate(ctx context.Context, lister checks.ElementLister, oldElems []checks.Element, newSide checks.Side) ([]checks.Finding, error) {
	newElems, err := lister.Elements(ctx, newSide)
	if err != nil {
		return nil, err
	}
	rules := map[string]*checks.Rule{}
	for _, r := range lifecycle.Rules() {
		rules[r.ID] = r
	}
	found := lifecycle.Evaluate(oldElems, newElems, p.asOf, p.c.Deprecation)
	for i, f := range found {
		found[i] = checks.Classify(rules[f.Rule], f, p.c.Mode, p.c.Impacts)
		found[i].Contract = p.c.Name
	}
	return found, nil
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
		if f.Ignored == "" && lifecycle.Violation(f.Rule) {
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
	if n > 1 {
		rc.Message += fmt.Sprintf(" (and %d more)", n-1)
	}
}

// isLifecycleRule reports whether id names a lifecycle rule, which every
// contract may configure (impacts, ignores) whatever its format.
func isLifecycleRule(id string) bool {
	return slices.ContainsFunc(lifecycle.Rules(), func(r *checks.Rule) bool { return r.ID == id })
}
