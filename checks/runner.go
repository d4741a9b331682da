package checks

import (
	"context"
	"fmt"
	"slices"

	"github.com/contractlint/contractlint/internal/limits"
)

// Compatibility says whether the new side is compatible with the old one:
// for readers of its data, in each direction, and for code generated from
// it.
type Compatibility struct {
	// Backward: the new schema reads data written with the old one, in the
	// encodings the verdict judges (see [VerdictFor]).
	Backward bool `json:"backward"`
	// Forward: the old schema reads data written with the new one.
	Forward bool `json:"forward"`
	// Source: code generated from the old side still compiles against the
	// new one (names, packages, file layout, language options).
	Source bool `json:"source"`
}

// Verdict is the overall outcome of a set of findings.
type Verdict struct {
	// Impact is the largest impact over the findings that are not ignored.
	Impact Impact `json:"impact"`
	// Compatible is false in a direction when any finding that is not ignored
	// breaks data in that direction, and false for source when any breaks
	// generated code.
	Compatible Compatibility `json:"compatible"`
}

// VerdictOf computes the verdict of findings, judging data compatibility in
// both encodings (wire and JSON).
func VerdictOf(findings []Finding) Verdict { return VerdictFor(findings, AllLevels) }

// VerdictFor computes the verdict of findings for a reader of the given
// levels: data compatibility counts only the breaks of the data levels in
// levels (Wire for a reader of binary data, JSON for one of the JSON
// encoding); source compatibility only when levels holds Source. Impact is
// the largest over every finding that is not ignored, whatever it breaks.
func VerdictFor(findings []Finding, levels Level) Verdict {
	v := Verdict{Compatible: Compatibility{Backward: true, Forward: true, Source: true}}
	for _, f := range findings {
		if f.Ignored != "" {
			continue
		}
		v.Impact = max(v.Impact, f.Impact)
		if f.Levels&levels&Data != 0 {
			if f.Breaks&Backward != 0 {
				v.Compatible.Backward = false
			}
			if f.Breaks&Forward != 0 {
				v.Compatible.Forward = false
			}
		}
		if f.Levels&levels&Source != 0 {
			v.Compatible.Source = false
		}
	}
	return v
}

// Breaking reports whether f breaks something a reader of the given levels
// depends on, in a direction of need (need is ignored for Source).
func (f Finding) Breaking(levels Level, need Direction) bool {
	if f.Ignored != "" {
		return false
	}
	return (f.Levels&levels&Data != 0 && f.Breaks&need != 0) || f.Levels&levels&Source != 0
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
	// Versioning decides whether source breaks are major (the default) or
	// the version follows data compatibility only.
	Versioning Versioning
}

// Run diffs req with every engine that owns files on either side, keeps the
// selected rules' findings (without opts.Selection, each engine's default
// rules, or those its inputs ask for: see [RuleDefaulter]), classifies them under req.Mode and returns them in
// report order. Each engine sees only the files it owns, unless opts.AllFiles.
// The engines share one total-input-size budget (see package
// internal/limits).
//
// Data compatibility does not depend on the selection: the findings of rules
// that break data (wire or JSON) and are not selected, nor explicitly
// excluded, are returned too, marked Unselected (buf's default FILE
// selection holds FIELD_SAME_TYPE, whose levels are source only, and not
// FIELD_WIRE_JSON_COMPATIBLE_TYPE, which decides whether readers of JSON
// data break).
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
		sel := opts.Selection
		var err error
		if d, ok := e.(RuleDefaulter); ok && sel == nil {
			if sel, err = d.DefaultSelection(req.New, e.Rules()); err != nil {
				return nil, err
			}
		}
		if sel == nil {
			if sel, err = ParseSelection(nil, e.Rules()); err != nil {
				return nil, err
			}
		}
		rules := map[string]*Rule{}
		for _, r := range e.Rules() {
			rules[r.ID] = r
		}
		sub.Evaluate = func(id string) bool {
			r, ok := rules[id]
			return !ok || Kept(sel, r)
		}
		fs, err := e.Diff(ctx, sub)
		if err != nil {
			return nil, err
		}
		for _, f := range fs {
			r, ok := rules[f.Rule]
			if !ok {
				return nil, fmt.Errorf("%s engine reported unknown rule %s", e.Format(), f.Rule)
			}
			if f, ok := Keep(sel, r, f, req.Mode, opts.Versioning, opts.Overrides); ok {
				all = append(all, f)
			}
		}
	}
	return Sort(all), nil
}

// Keep decides what becomes of a finding of rule r under a selection: a
// selected rule's finding is classified (see [Classify]) and kept; a data
// rule's finding outside the selection, unless the selection excludes the
// rule explicitly, is kept marked Unselected (data compatibility does not
// depend on the selection); any other is dropped. Every rule, whoever
// evaluates it (the engines through [Run], the lifecycle and example rules
// in package contract), goes through Keep.
func Keep(sel *Selection, r *Rule, f Finding, mode Mode, versioning Versioning, overrides map[string]Impact) (Finding, bool) {
	if !Kept(sel, r) {
		return f, false
	}
	unselected := sel != nil && !sel.Selected(r.ID)
	f = Classify(r, f, mode, versioning, overrides)
	f.Unselected = unselected
	return f, true
}

// Kept reports whether [Keep] keeps the findings of rule r under a
// selection (nil keeps every rule's): those of a selected rule, and those of
// a data rule that the selection does not exclude explicitly.
func Kept(sel *Selection, r *Rule) bool {
	return sel == nil || sel.Selected(r.ID) || r.Levels&Data != 0 && !sel.Excluded(r.ID)
}

// Classify sets a finding's impact, direction and levels from its rule under
// mode and versioning: a change that breaks something, but neither data in a
// direction the mode requires nor (unless versioning is data) generated
// code, is minor; an override, when present, wins. The zero Mode (none)
// classifies like full, because a contract without compatibility guarantees
// still owes its users an honest version.
func Classify(r *Rule, f Finding, mode Mode, versioning Versioning, overrides map[string]Impact) Finding {
	f.Breaks = r.Breaks
	f.Levels = r.Levels
	f.Impact = r.Impact
	required := mode.Directions
	if required == 0 {
		required = Both
	}
	counts := Data
	if versioning != VersionData {
		counts |= Source
	}
	if f.Levels != 0 && !f.Breaking(counts, required) && f.Impact > Minor {
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
