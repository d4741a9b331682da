package checks

import (
	"context"
	"fmt"
	"slices"

	"github.com/contractlint/contractlint/internal/limits"
)

// Compatibility says in which directions the new side is compatible with the
// old one.
type Compatibility struct {
	Backward bool `json:"backward"`
	Forward  bool `json:"forward"`
}

// Verdict is the overall outcome of a set of findings.
type Verdict struct {
	// Impact is the largest impact over the findings that are not ignored.
	Impact Impact `json:"impact"`
	// Compatible is false in a direction when any finding that is not ignored
	// breaks in that direction.
	Compatible Compatibility `json:"compatible"`
}

// VerdictOf computes the verdict of findings.
func VerdictOf(findings []Finding) Verdict {
	v := Verdict{Compatible: Compatibility{Backward: true, Forward: true}}
	for _, f := range findings {
		if f.Ignored != "" {
			continue
		}
		v.Impact = max(v.Impact, f.Impact)
		if f.Breaks&Backward != 0 {
			v.Compatible.Backward = false
		}
		if f.Breaks&Forward != 0 {
			v.Compatible.Forward = false
		}
	}
	return v
}

// Options tune a run.
type Options struct {
	// Selection chooses the rules; nil means every engine's default rules.
	Selection *Selection
	// Overrides replace rules' impacts, by rule ID.
	Overrides map[string]Impact
	// AllFiles gives every file to every engine instead of only the files it
	// owns; for a comparison whose format the user forced.
	AllFiles bool
}

// Run diffs req with every engine that owns files on either side, keeps the
// selected rules' findings, classifies them under req.Mode and returns them in
// report order. Each engine sees only the files it owns, unless opts.AllFiles.
// The engines share one total-input-size budget (see package
// internal/limits).
func Run(ctx context.Context, engines []Engine, req Request, opts Options) ([]Finding, error) {
	ctx = limits.WithBudget(ctx)
	var all []Finding
	for _, e := range engines {
		sub := req
		sub.Old.Files = owned(e, req.Old.Files, opts.AllFiles)
		sub.New.Files = owned(e, req.New.Files, opts.AllFiles)
		if len(sub.Old.Files) == 0 && len(sub.New.Files) == 0 {
			continue
		}
		fs, err := e.Diff(ctx, sub)
		if err != nil {
			return nil, err
		}
		rules := map[string]*Rule{}
		for _, r := range e.Rules() {
			rules[r.ID] = r
		}
		sel := opts.Selection
		if sel == nil {
			if sel, err = ParseSelection(nil, e.Rules()); err != nil {
				return nil, err
			}
		}
		for _, f := range fs {
			r, ok := rules[f.Rule]
			if !ok {
				return nil, fmt.Errorf("%s engine reported unknown rule %s", e.Format(), f.Rule)
			}
			if !sel.Selected(r.ID) {
				continue
			}
			all = append(all, Classify(r, f, req.Mode, opts.Overrides))
		}
	}
	return Sort(all), nil
}

// Classify sets a finding's impact and direction from its rule under mode: a
// change that breaks only in a direction the mode does not require is minor;
// an override, when present, wins. The zero Mode (none) classifies like full,
// because a contract without compatibility guarantees still owes its users an
// honest version.
func Classify(r *Rule, f Finding, mode Mode, overrides map[string]Impact) Finding {
	f.Breaks = r.Breaks
	f.Impact = r.Impact
	required := mode.Directions
	if required == 0 {
		required = Both
	}
	if f.Breaks != 0 && f.Breaks&required == 0 && f.Impact > Minor {
		f.Impact = Minor
	}
	if o, ok := overrides[r.ID]; ok {
		f.Impact = o
	}
	return f
}

func owned(e Engine, files []string, all bool) []string {
	if all {
		return files
	}
	return slices.DeleteFunc(slices.Clone(files), func(p string) bool { return !e.Owns(p) })
}
