package contract

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/contractlint/contractlint/checks"
	"github.com/contractlint/contractlint/checks/protobuf"
	"github.com/contractlint/contractlint/report"
)

// Options configure a check.
type Options struct {
	// Engines are the available engines, one per format.
	Engines []checks.Engine
	// Baseline supplies the published versions.
	Baseline Baseline
	// Only restricts the check to these contract names; empty means all.
	Only []string
	// Parallel bounds how many contracts are checked at once; zero means
	// GOMAXPROCS.
	Parallel int
	// Diffs computes the textual diff of every changed file (for the
	// renderers that show them).
	Diffs bool
	// AsOf is "today" for the lifecycle rules (YYYY-MM-DD); empty skips
	// them.
	AsOf string
	// Complete, when set, adds to every comparison's request what the
	// caller knows of the environment (buf's module cache in the protobuf
	// engine's options, a receiver of notes). The options it leaves serve
	// the lifecycle rules too.
	Complete func(*checks.Request)
}

// plan is one contract ready to check: its engine, rule selection and files.
type plan struct {
	c      *Contract
	engine checks.Engine
	// opts are the options of every comparison's engines: the contract's
	// engine options (see EngineOptions) with what the caller added.
	opts []checks.EngineOptions
	// notes receives what users should know about how inputs were read.
	notes func(string)
	sel   *checks.Selection
	files []string
	diffs bool
	asOf  string
}

// Check checks every contract of cfg, as found in work, against its
// published versions. It returns the report of command "check" with one
// report.Contract per contract, in configuration order, and every finding.
//
// Configuration problems that need the engines (unknown rules, paths that
// match nothing) are returned as one *checks.InputError before anything is
// read from the baseline. A contract that cannot be checked (a parse error,
// a git failure) gets status "error" and its error is returned along with the
// report, which is complete otherwise.
func Check(ctx context.Context, cfg *Config, work *Tree, opts Options) (*report.Report, error) {
	plans, err := Prepare(cfg, work, opts.Engines, opts.Only)
	if err != nil {
		return nil, err
	}
	n := opts.Parallel
	if n <= 0 {
		n = runtime.GOMAXPROCS(0)
	}
	for i := range plans {
		plans[i].diffs = opts.Diffs
		// A contract without rules: selects what its engine's inputs ask
		// for (protobuf: a buf.yaml's breaking section), as diff does; the
		// example and lifecycle rules go by the same selection.
		d, ok := plans[i].engine.(checks.RuleDefaulter)
		if c := plans[i].c; ok && len(c.Use) == 0 && len(c.Except) == 0 {
			sel, err := d.DefaultSelection(checks.Side{FS: work.FS, Files: plans[i].files, Label: work.Label}, RuleSet(plans[i].engine))
			if err != nil {
				return nil, fmt.Errorf("contract %s: %w", c.Name, err)
			}
			if sel != nil {
				plans[i].sel = sel
			}
		}
		plans[i].asOf = opts.AsOf
		req := checks.Request{Options: plans[i].opts}
		if opts.Complete != nil {
			opts.Complete(&req)
		}
		plans[i].opts, plans[i].notes = req.Options, req.Notes
	}
	results := make([]result, len(plans))
	sem := make(chan struct{}, n)
	var wg sync.WaitGroup
	for i, p := range plans {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			results[i] = checkOne(ctx, p, work, opts.Baseline)
		}()
	}
	wg.Wait()
	var findings []checks.Finding
	var contracts []report.Contract
	var diffs []report.FileDiff
	var errs []error
	for _, r := range results {
		findings = append(findings, r.findings...)
		diffs = append(diffs, r.diffs...)
		contracts = append(contracts, r.rc)
		if r.err != nil {
			errs = append(errs, fmt.Errorf("contract %s: %w", r.rc.Name, r.err))
		}
	}
	rep := report.New("check", checks.Sort(findings))
	rep.Contracts = contracts
	rep.Diffs = diffs
	rep.New = work.Label
	if opts.Baseline != nil {
		rep.Old = opts.Baseline.Label()
	}
	rep.Mode = checks.ModeFull
	if len(plans) > 0 {
		rep.Mode = plans[0].c.Mode
	}
	return rep, errors.Join(errs...)
}

// Prepare resolves each contract's engine, rule selection and files, and
// reports every configuration problem at once with its position.
func Prepare(cfg *Config, work *Tree, engines []checks.Engine, only []string) ([]plan, error) {
	var diags []checks.Diagnostic
	bad := func(where, format string, args ...any) {
		diags = append(diags, diagnosticAt(where, fmt.Sprintf(format, args...)))
	}
	for _, name := range only {
		if !slices.ContainsFunc(cfg.Contracts, func(c *Contract) bool { return c.Name == name }) {
			return nil, fmt.Errorf("no contract named %q in %s", name, cfg.File)
		}
	}
	roots := cfg.schemaRoots()
	var plans []plan
	for _, c := range cfg.Contracts {
		if len(only) > 0 && !slices.Contains(only, c.Name) {
			continue
		}
		p := plan{c: c}
		if o := engineOptions(c, roots); o != nil {
			p.opts = []checks.EngineOptions{o}
		}
		for _, e := range engines {
			if e.Format() == c.Format {
				p.engine = e
			}
		}
		if p.engine == nil {
			bad(c.Where("/format"), "contract %s: format %s is not supported by this build of contractlint", c.Name, c.Format)
			continue
		}
		ruleSet := RuleSet(p.engine)
		rules := map[string]bool{}
		for _, r := range ruleSet {
			rules[r.ID] = true
		}
		tokens := slices.Clone(c.Use)
		for _, x := range c.Except {
			tokens = append(tokens, "-"+x)
		}
		var err error
		if p.sel, err = checks.ParseSelection(tokens, ruleSet); err != nil {
			bad(c.Where("/rules"), "contract %s: rules: %v", c.Name, err)
		}
		for id := range c.Impacts {
			if !rules[id] {
				bad(c.Where("/impacts/"+id), "contract %s: impacts: unknown %s rule %s (see `contractlint rules --type %s`)", c.Name, c.Format, id, c.Format)
			}
		}
		// A deprecated rule ID overrides the impacts of the rules that
		// replace it, unless they have their own.
		for _, id := range slices.Sorted(maps.Keys(c.Impacts)) {
			for _, s := range checks.Expand(id, p.engine.Rules())[1:] {
				if _, own := c.Impacts[s]; !own {
					c.Impacts[s] = c.Impacts[id]
				}
			}
		}
		for _, ig := range c.Ignores {
			if ig.Rule != "" && !rules[ig.Rule] {
				bad(ig.Where, "contract %s: ignore: unknown %s rule %s", c.Name, c.Format, ig.Rule)
			}
		}
		if err := work.Unreadable(c.Paths); err != nil {
			bad(c.Where("/path"), "contract %s: %v", c.Name, err)
			plans = append(plans, p)
			continue
		}
		var missing []string
		p.files, missing = work.resolve(c.Paths, p.engine.Owns)
		for _, m := range missing {
			key := "/path"
			if len(c.Paths) > 1 {
				key += "/" + strconv.Itoa(slices.Index(c.Paths, m))
			}
			bad(c.Where(key), "contract %s: path %q matches no %s file in %s", c.Name, m, c.Format, work.Label)
		}
		if len(missing) == 0 {
			diags = append(diags, p.checkExamples()...)
		}
		plans = append(plans, p)
	}
	if len(diags) > 0 {
		return nil, &checks.InputError{Diagnostics: diags}
	}
	return plans, nil
}

// diagnosticAt turns "file:line:col" and a message into a diagnostic.
func diagnosticAt(where, msg string) checks.Diagnostic {
	d := checks.Diagnostic{File: where, Message: msg}
	parts := strings.Split(where, ":")
	if len(parts) >= 3 {
		line, err1 := strconv.Atoi(parts[len(parts)-2])
		col, err2 := strconv.Atoi(parts[len(parts)-1])
		if err1 == nil && err2 == nil {
			d.File, d.Line, d.Column = strings.Join(parts[:len(parts)-2], ":"), line, col
		}
	}
	return d
}

type result struct {
	rc       report.Contract
	findings []checks.Finding
	diffs    []report.FileDiff
	err      error
}

func checkOne(ctx context.Context, p plan, work *Tree, baseline Baseline) result {
	var modeErr error
	if ms, ok := baseline.(ModeSource); ok && !p.c.ModeSet {
		var m checks.Mode
		if m, modeErr = ms.Mode(ctx, p.c); modeErr == nil {
			cc := *p.c
			cc.Mode = m
			p.c = &cc
		}
	}
	c := p.c
	r := result{rc: report.Contract{Name: c.Name, Format: c.Format, Owner: c.Owner, Mode: c.Mode}}
	r.rc.Compatible = checks.Compatibility{Backward: true, Forward: true}
	fail := func(err error) result {
		r.rc.Status, r.rc.Message, r.err = StatusError, err.Error(), err
		r.findings = nil
		return r
	}
	if modeErr != nil {
		return fail(modeErr)
	}
	newSide := p.side(work.FS, p.files, work.Label)
	var pubs []Published
	if baseline != nil {
		var err error
		if pubs, err = baseline.Published(ctx, c, c.Mode.Transitive); err != nil {
			return fail(err)
		}
	}
	if len(pubs) > 0 && pubs[0].Version == nil {
		if files, _ := pubs[0].Tree.resolve(pubs[0].Paths, p.engine.Owns); len(files) == 0 {
			pubs = nil // nothing there and no configuration saying otherwise
		}
	}
	if len(pubs) == 0 {
		// Parse the proposal all the same: a new contract must be valid.
		empty := checks.Side{FS: emptyFS{}, Label: "nothing published"}
		if _, err := p.diff(ctx, empty, newSide); err != nil {
			return fail(err)
		}
		if _, err := p.examples(ctx, nil, work); err != nil {
			return fail(err)
		}
		r.rc.Status, r.rc.Declared, r.rc.Suggested = StatusNew, c.Version.String(), c.Version.String()
		where := "no baseline"
		if baseline != nil {
			where = baseline.Describe(c)
		}
		r.rc.Message = fmt.Sprintf("new contract: nothing published yet (%s); declares %s", where, c.Version)
		lf, past, err := p.newLifecycleFindings(ctx, newSide)
		if err != nil {
			return fail(err)
		}
		if err := p.applyIgnores(&r, lf, work); err != nil {
			return fail(err)
		}
		r.rc.Warnings = append(r.rc.Warnings, past...)
		judgeLifecycle(&r.rc, r.findings)
		return r
	}
	findings, oldSide, same, err := p.compare(ctx, pubs[0], newSide)
	if err != nil {
		return fail(err)
	}
	if len(pubs) > 1 {
		older, err := p.transitive(ctx, pubs[1:], newSide, findings)
		if err != nil {
			return fail(err)
		}
		findings = append(findings, older...)
	}
	var past []string
	if !same {
		lf, warn, err := p.lifecycleFindings(ctx, oldSide, newSide)
		if err != nil {
			return fail(err)
		}
		findings, past = append(findings, lf...), warn
	}
	if len(c.Examples) > 0 && !(same && p.sameExamples(pubs[0].Tree, work)) {
		old := *pubs[0].Tree
		old.Label = pubs[0].Label
		rejected, err := p.examples(ctx, &old, work)
		if err != nil {
			return fail(err)
		}
		findings = append(findings, rejected...)
	}
	if err := p.applyIgnores(&r, findings, work); err != nil {
		return fail(err)
	}
	r.rc.Warnings = append(r.rc.Warnings, past...)
	Judge(&r.rc, c.Name, c.Version, pubs[0].Version, r.findings, c.Mode)
	judgeLifecycle(&r.rc, r.findings)
	if p.diffs && len(r.findings) > 0 {
		r.diffs = report.Diffs(c.Name, oldSide, newSide, r.findings)
	}
	return r
}

// applyIgnores applies the contract's configured and inline ignores that
// have not expired to the findings, and sets r's findings and warnings: an
// IGNORE_EXPIRED finding for each expired ignore, a warning for each that
// expires soon or matched nothing.
func (p plan) applyIgnores(r *result, findings []checks.Finding, work *Tree) error {
	all := cloneIgnores(p.c.Ignores)
	inline, err := inlineIgnores(work.FS, p.files)
	if err != nil {
		return err
	}
	all = append(all, inline...)
	for _, ig := range all {
		if ig.Rule != "" {
			ig.successors = checks.Expand(ig.Rule, p.engine.Rules())[1:]
		}
	}
	live, expired, soon := judgeIgnores(all, p.asOf, p.c.file)
	for i := range findings {
		findings[i].Contract = p.c.Name
	}
	warnings := unmatchedWarnings(applyIgnores(findings, live))
	for i := range expired {
		expired[i].Contract = p.c.Name
	}
	r.rc.Warnings = append(warnings, soon...)
	r.findings = checks.Sort(append(findings, expired...))
	return nil
}

// side is one side of the contract: its files in fsys.
func (p plan) side(fsys fs.FS, files []string, label string) checks.Side {
	return checks.Side{FS: fsys, Files: files, Label: label}
}

// against diffs the proposal with one published version, skipping the
// engine when nothing the contract reads changed.
func (p plan) against(ctx context.Context, pub Published, newSide checks.Side) ([]checks.Finding, checks.Side, error) {
	findings, oldSide, _, err := p.compare(ctx, pub, newSide)
	return findings, oldSide, err
}

// compare is against that also says whether the engine was skipped because
// nothing the contract reads changed.
func (p plan) compare(ctx context.Context, pub Published, newSide checks.Side) ([]checks.Finding, checks.Side, bool, error) {
	if err := pub.Tree.Unreadable(pub.Paths); err != nil {
		return nil, checks.Side{}, false, fmt.Errorf("%s is unknown: %w", pub.Label, err)
	}
	oldFiles, _ := pub.Tree.resolve(pub.Paths, p.engine.Owns)
	oldSide := p.side(pub.Tree.FS, oldFiles, pub.Label)
	if slices.Equal(oldFiles, newSide.Files) && sameClosure(closure(pub.Tree.FS, oldFiles, protoRoots(p.c)...), closure(newSide.FS, newSide.Files, protoRoots(p.c)...)) {
		return nil, oldSide, true, nil
	}
	findings, err := p.diff(ctx, oldSide, newSide)
	return findings, oldSide, false, err
}

func (p plan) diff(ctx context.Context, oldSide, newSide checks.Side) ([]checks.Finding, error) {
	req := checks.Request{Old: oldSide, New: newSide, Mode: p.c.Mode, Options: p.opts, Notes: p.notes}
	findings, err := checks.Run(ctx, []checks.Engine{p.engine}, req, checks.Options{Selection: p.sel, Overrides: p.c.Impacts, AllFiles: true, Versioning: p.c.Versioning})
	if err != nil || p.engine.Format() != checks.Protobuf {
		return findings, err
	}
	// Findings in a buf module name files relative to the module root; a
	// repository's report links, annotates and ignores repository paths.
	return protobuf.SidePaths(ctx, req, findings)
}

// transitive diffs the proposal with older versions of the line in
// parallel and keeps the changes that break a direction the mode requires
// and that the comparison with the latest version did not already report.
func (p plan) transitive(ctx context.Context, older []Published, newSide checks.Side, latest []checks.Finding) ([]checks.Finding, error) {
	type key struct{ rule, file, path string }
	seen := map[key]bool{}
	for _, f := range latest {
		seen[key{f.Rule, f.File, f.Path}] = true
	}
	all := make([][]checks.Finding, len(older))
	errs := make([]error, len(older))
	var wg sync.WaitGroup
	for i, pub := range older {
		wg.Go(func() { all[i], _, errs[i] = p.against(ctx, pub, newSide) })
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	var out []checks.Finding
	for i, fs := range all {
		for _, f := range fs {
			k := key{f.Rule, f.File, f.Path}
			if seen[k] || f.Breaks&p.c.Mode.Directions == 0 || f.Impact < checks.Major {
				continue
			}
			seen[k] = true
			f.Message = strings.TrimSuffix(f.Message, ".") + againstMark + older[i].Label + ")"
			out = append(out, f)
		}
	}
	return out, nil
}

// againstMark introduces, at the end of a finding's message, the older
// published version a transitive comparison found it against.
const againstMark = " (against "

func inlineIgnores(fsys fs.FS, files []string) ([]*Ignore, error) {
	var out []*Ignore
	var diags []checks.Diagnostic
	for _, f := range files {
		data, err := fs.ReadFile(fsys, f)
		if err != nil {
			return nil, err
		}
		igs, ds := InlineIgnores(f, data)
		out, diags = append(out, igs...), append(diags, ds...)
	}
	if len(diags) > 0 {
		return nil, &checks.InputError{Diagnostics: diags}
	}
	return out, nil
}

func cloneIgnores(igs []*Ignore) []*Ignore {
	out := make([]*Ignore, len(igs))
	for i, ig := range igs {
		cp := *ig
		out[i] = &cp
	}
	return out
}

func unmatchedWarnings(igs []*Ignore) []string {
	var out []string
	for _, ig := range igs {
		what := ig.Rule
		if what == "" {
			what = "any rule"
		}
		out = append(out, fmt.Sprintf("ignore at %s (%s) matched no finding; remove it", ig.Where, what))
	}
	return out
}

// emptyFS is the file system of nothing published.
type emptyFS struct{}

func (emptyFS) Open(name string) (fs.File, error) {
	return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
}
