package schemaregistry

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/contractlint/contractlint/checks"
	"github.com/contractlint/contractlint/contract"
)

// Actions of a push step.
const (
	// ActionRegister: would be registered (a dry run).
	ActionRegister = "register"
	// ActionRegistered: registered.
	ActionRegistered = "registered"
	// ActionBlocked: contractlint or the registry does not allow it.
	ActionBlocked = "blocked"
	// ActionSkipped: not pushed, for the reason in the note.
	ActionSkipped = "skipped"
)

// PushReport is what `contractlint registry push` reports.
type PushReport struct {
	// Registry is the registry's URL, without credentials.
	Registry string `json:"registry"`
	// DryRun says nothing was registered; Blocked that some release could
	// not be (contractlint or the registry refused it).
	DryRun    bool           `json:"dry_run"`
	Blocked   bool           `json:"blocked"`
	Contracts []ContractPush `json:"contracts"`
}

// ContractPush is the plan, or the outcome, for one contract.
type ContractPush struct {
	// Name is the contract's; Subject its registry subject; Level the
	// subject's compatibility level; Mode what contractlint checked.
	Name    string `json:"name"`
	Subject string `json:"subject"`
	Level   string `json:"compatibility_level,omitempty"`
	Mode    string `json:"mode,omitempty"`
	// Steps are the schemas registered (or planned, or blocked), in order.
	Steps []PushStep `json:"steps"`
	// Error says why the contract could not be pushed.
	Error string `json:"error,omitempty"`
}

// PushStep is one schema to register: a release, or a reference it needs
// registered first.
type PushStep struct {
	// Version and Tag are the release's; Subject where it goes.
	Version string `json:"version"`
	Tag     string `json:"tag,omitempty"`
	Subject string `json:"subject"`
	// Reference is the reference name when the step registers a schema a
	// release references.
	Reference string `json:"reference,omitempty"`
	Action    string `json:"action"`
	// Contractlint and Registry are the two verdicts on the change; both
	// must allow it.
	Contractlint *Opinion `json:"contractlint,omitempty"`
	Registry     *Opinion `json:"registry,omitempty"`
	// RegistryVersion and SchemaID are what registering gave.
	RegistryVersion int    `json:"registry_version,omitempty"`
	SchemaID        int    `json:"schema_id,omitempty"`
	Note            string `json:"note,omitempty"`
}

// Opinion is a verdict on whether a change is allowed by the subject's
// level, with the reasons when it is not.
type Opinion struct {
	// Compatible is the verdict; Messages the reasons when it is false.
	Compatible bool     `json:"compatible"`
	Messages   []string `json:"messages,omitempty"`
}

// PushOptions configure Push.
type PushOptions struct {
	// DryRun plans without registering anything.
	DryRun bool
	// Check holds the engines and the options every check of contracts
	// gets; the baseline and parallelism are Push's.
	Check contract.Options
	// ConfigFile names the configuration in messages.
	ConfigFile string
}

// Push registers, for each contract, the releases newer than its latest
// registered one, in order, each only when both contractlint and the
// registry (its compatibility test, verbose) allow the change under the
// subject's level. References a release needs are registered first, under
// their subjects. Pushing twice registers nothing new.
func (s *Source) Push(ctx context.Context, contracts []*contract.Contract, o PushOptions) (*PushReport, error) {
	rep := &PushReport{Registry: s.Fetch.Client.URL(), DryRun: o.DryRun, Contracts: []ContractPush{}}
	var errs []error
	for _, c := range contracts {
		cp := ContractPush{Name: c.Name, Subject: c.Subject(), Steps: []PushStep{}}
		if err := s.push(ctx, c, o, &cp); err != nil {
			cp.Error = err.Error()
			errs = append(errs, fmt.Errorf("contract %s: %w", c.Name, err))
		}
		for _, st := range cp.Steps {
			rep.Blocked = rep.Blocked || st.Action == ActionBlocked
		}
		rep.Contracts = append(rep.Contracts, cp)
	}
	return rep, joinErrs(errs)
}

func (s *Source) push(ctx context.Context, c *contract.Contract, o PushOptions, cp *ContractPush) error {
	if err := s.needTags("registry push"); err != nil {
		return err
	}
	level, err := s.Fetch.Client.Level(ctx, cp.Subject)
	if err != nil {
		return err
	}
	cp.Level = level
	mode := c.Mode
	if !c.ModeSet {
		if mode, err = s.Mode(ctx, c); err != nil {
			return err
		}
	}
	cp.Mode = mode.String()
	p, err := s.pair(ctx, c)
	if err != nil {
		return err
	}
	var highest *contract.Version
	for _, r := range p.releases {
		if p.registered[r.Version.String()] {
			v := r.Version
			highest = &v
		}
	}
	// What the next release is compared with: the registered versions,
	// latest first, then (in a dry run) the releases planned before it.
	var prev []contract.Published
	for i := len(p.entries) - 1; i >= 0; i-- {
		e := p.entries[i]
		prev = append(prev, contract.Published{Version: e.Release, Label: e.Label(),
			Tree: &contract.Tree{FS: s.treeFS(e.Bundle), Label: e.Label()}, Paths: c.Paths})
	}
	for _, r := range p.releases {
		v := r.Version.String()
		if p.registered[v] {
			continue
		}
		step := PushStep{Version: v, Tag: r.Tag, Subject: cp.Subject}
		conflict := false
		for _, vs := range p.versions {
			conflict = conflict || (vs.Version == v && vs.State == ContentDiffers)
		}
		switch {
		case r.Err != nil:
			step.Action, step.Note = ActionBlocked, r.Err.Error()
			cp.Steps = append(cp.Steps, step)
			continue
		case conflict:
			step.Action, step.Note = ActionBlocked, "the registry holds other content for "+v+" (see registry status)"
			cp.Steps = append(cp.Steps, step)
			continue
		case highest != nil && r.Version.Compare(*highest) < 0:
			step.Action, step.Note = ActionSkipped, fmt.Sprintf("older than %s, which is registered: a registry only appends", highest)
			cp.Steps = append(cp.Steps, step)
			continue
		}
		how := registerRefs
		if o.DryRun {
			how = planOnly
		}
		sc, refSteps, ready, err := s.schemaFor(ctx, c, r, how)
		if err != nil {
			return err
		}
		cp.Steps = append(cp.Steps, refSteps...)
		for _, rs := range refSteps {
			if rs.Action == ActionBlocked {
				step.Action, step.Note = ActionBlocked, "a reference it needs cannot be registered"
				cp.Steps = append(cp.Steps, step)
				return nil
			}
		}
		ours, err := s.ourVerdict(ctx, c, r, mode, prev, o)
		if err != nil {
			return err
		}
		step.Contractlint = ours
		if ready {
			theirs, err := s.Fetch.Client.Check(ctx, cp.Subject, sc)
			if err != nil {
				return err
			}
			step.Registry = &Opinion{Compatible: theirs.Compatible, Messages: theirs.Messages}
		} else {
			step.Note = "the registry is asked once the references are registered"
		}
		registryAllows := step.Registry == nil || step.Registry.Compatible
		if !ours.Compatible || !registryAllows {
			step.Action = ActionBlocked
			step.Note = fmt.Sprintf("registered only when contractlint and the registry both allow it under %s", level)
			cp.Steps = append(cp.Steps, step)
			return nil // later releases build on this one
		}
		if o.DryRun {
			step.Action = ActionRegister
		} else {
			id, err := s.Fetch.Client.Register(ctx, cp.Subject, sc)
			if err != nil {
				return err
			}
			step.Action, step.SchemaID = ActionRegistered, id
			if got, ok, err := s.Fetch.Client.Lookup(ctx, cp.Subject, sc); err == nil && ok {
				step.RegistryVersion = got.Version
			}
		}
		cp.Steps = append(cp.Steps, step)
		vv := r.Version
		prev = append([]contract.Published{{Version: &vv, Label: c.Name + "@" + v, Tree: r.Tree, Paths: r.Paths}}, prev...)
	}
	return nil
}

// schemaFor builds the registry schema of a release, with its references
// as registered versions. A reference the registry does not hold yet is
// registered first under its subject (planned, in a dry run: ready is then
// false, the registry cannot test a schema whose references it lacks).
func (s *Source) schemaFor(ctx context.Context, c *contract.Contract, r *Release, how refMode) (Schema, []PushStep, bool, error) {
	var steps []PushStep
	ready := true
	var build func(b *Bundle, depth int) (Schema, error)
	build = func(b *Bundle, depth int) (Schema, error) {
		sc := Schema{Type: Type(c.Format), Schema: string(b.Content)}
		if depth == 0 && s.VersionProperty != "" {
			sc.Metadata = &Metadata{Properties: map[string]string{s.VersionProperty: r.Version.String()}}
		}
		for _, ref := range b.Refs {
			sub := c.Registry.References[ref.Name]
			if sub == "" {
				sub = ref.Name
			}
			rs, err := build(ref, depth+1)
			if err != nil {
				return sc, err
			}
			got, ok, err := s.Fetch.Client.Lookup(ctx, sub, rs)
			if err != nil {
				return sc, err
			}
			if ok {
				sc.References = append(sc.References, Reference{Name: ref.Name, Subject: sub, Version: got.Version})
				continue
			}
			if how == lookupOnly {
				ready = false
				continue
			}
			step := PushStep{Version: r.Version.String(), Tag: r.Tag, Subject: sub, Reference: ref.Name}
			allowed := true
			if len(rs.References) == len(ref.Refs) {
				theirs, err := s.Fetch.Client.Check(ctx, sub, rs)
				if err != nil {
					return sc, err
				}
				step.Registry = &Opinion{Compatible: theirs.Compatible, Messages: theirs.Messages}
				allowed = theirs.Compatible
			}
			switch {
			case !allowed:
				step.Action, step.Note = ActionBlocked, "the registry does not allow this reference under its subject's level"
				steps = append(steps, step)
				ready = false
				continue
			case how == planOnly:
				step.Action = ActionRegister
				steps = append(steps, step)
				ready = false
				continue
			}
			id, err := s.Fetch.Client.Register(ctx, sub, rs)
			if err != nil {
				return sc, err
			}
			got, ok, err = s.Fetch.Client.Lookup(ctx, sub, rs)
			if err != nil || !ok {
				return sc, fmt.Errorf("schema registry: reference %s registered under %s (id %d) but not found there: %v", ref.Name, sub, id, err)
			}
			step.Action, step.SchemaID, step.RegistryVersion = ActionRegistered, id, got.Version
			steps = append(steps, step)
			sc.References = append(sc.References, Reference{Name: ref.Name, Subject: sub, Version: got.Version})
		}
		return sc, nil
	}
	sc, err := build(r.Bundle, 0)
	return sc, steps, ready, err
}

// refMode says what schemaFor does with a reference the registry lacks.
type refMode int

const (
	// lookupOnly leaves it out (the schema is then not ready).
	lookupOnly refMode = iota
	// planOnly plans its registration (a dry run).
	planOnly
	// registerRefs registers it when the registry allows it.
	registerRefs
)

// ourVerdict checks a release against what precedes it with contractlint's
// rules under mode: allowed when no change breaks a direction the mode
// requires.
func (s *Source) ourVerdict(ctx context.Context, c *contract.Contract, r *Release, mode checks.Mode, prev []contract.Published, o PushOptions) (*Opinion, error) {
	cc := *c
	cc.Version, cc.Mode, cc.ModeSet = r.Version, mode, true
	if len(r.Paths) > 0 {
		cc.Paths = r.Paths
	}
	cc.Examples = nil // examples are the working tree's, not the release's
	cfg := &contract.Config{File: o.ConfigFile, Contracts: []*contract.Contract{&cc}}
	opts := o.Check
	opts.Baseline, opts.Parallel, opts.Only, opts.Diffs = fixed{label: "registered versions", pubs: prev}, 1, nil, false
	rep, err := contract.Check(ctx, cfg, &contract.Tree{FS: r.Tree.FS, Label: r.Tag}, opts)
	if err != nil {
		return nil, fmt.Errorf("check %s: %w", r.Tag, err)
	}
	op := &Opinion{Compatible: true}
	for _, f := range rep.Findings {
		if f.Ignored != "" || f.Breaks&mode.Directions == 0 {
			continue
		}
		op.Compatible = false
		loc := f.File
		if f.Line > 0 {
			loc += fmt.Sprintf(":%d:%d", f.Line, f.Column)
		}
		op.Messages = append(op.Messages, fmt.Sprintf("%s %s: %s", f.Rule, loc, f.Message))
	}
	return op, nil
}

// fixed is a baseline of given published versions, latest first.
type fixed struct {
	label string
	pubs  []contract.Published
}

func (f fixed) Label() string                      { return f.label }
func (f fixed) Describe(*contract.Contract) string { return "nothing registered" }
func (f fixed) Published(_ context.Context, _ *contract.Contract, transitive bool) ([]contract.Published, error) {
	if len(f.pubs) == 0 || transitive {
		return f.pubs, nil
	}
	return f.pubs[:1], nil
}

// WriteText writes the plan or outcome for a terminal.
func (r *PushReport) WriteText(w io.Writer) error {
	var b strings.Builder
	fmt.Fprintf(&b, "schema registry %s", r.Registry)
	if r.DryRun {
		b.WriteString(" (dry run: nothing is registered)")
	}
	b.WriteByte('\n')
	for _, c := range r.Contracts {
		fmt.Fprintf(&b, "%s → subject %s", c.Name, c.Subject)
		if c.Level != "" {
			fmt.Fprintf(&b, " (level %s; contractlint checks %s)", c.Level, c.Mode)
		}
		b.WriteByte('\n')
		if c.Error != "" {
			fmt.Fprintf(&b, "  error: %s\n", c.Error)
		}
		if len(c.Steps) == 0 && c.Error == "" {
			b.WriteString("  nothing to register: every release is registered\n")
		}
		for _, st := range c.Steps {
			what := st.Version
			if st.Tag != "" {
				what += " (tag " + st.Tag + ")"
			}
			if st.Reference != "" {
				what = fmt.Sprintf("reference %s under subject %s, for %s", st.Reference, st.Subject, what)
			}
			action := st.Action
			if action == ActionRegister {
				action = "would register"
			}
			fmt.Fprintf(&b, "  %s %s", action, what)
			if st.RegistryVersion != 0 || st.SchemaID != 0 {
				fmt.Fprintf(&b, " as v%d (id %d)", st.RegistryVersion, st.SchemaID)
			}
			var verdicts []string
			if st.Contractlint != nil {
				verdicts = append(verdicts, "contractlint: "+st.Contractlint.word())
			}
			if st.Registry != nil {
				verdicts = append(verdicts, "registry: "+st.Registry.word())
			}
			if len(verdicts) > 0 {
				fmt.Fprintf(&b, " — %s", strings.Join(verdicts, "; "))
			}
			if st.Note != "" {
				fmt.Fprintf(&b, " (%s)", st.Note)
			}
			b.WriteByte('\n')
			for _, who := range []struct {
				name string
				op   *Opinion
			}{{"contractlint", st.Contractlint}, {"registry", st.Registry}} {
				if who.op == nil {
					continue
				}
				for _, m := range who.op.Messages {
					fmt.Fprintf(&b, "      %s: %s\n", who.name, m)
				}
			}
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func (o *Opinion) word() string {
	if o.Compatible {
		return "allowed"
	}
	return "not allowed"
}

// WriteJSON writes the report as indented JSON with snake_case keys.
func (r *PushReport) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(r)
}

// WriteMarkdown writes the report as Markdown.
func (r *PushReport) WriteMarkdown(w io.Writer) error {
	var b strings.Builder
	title := "Schema registry push"
	if r.DryRun {
		title += " (dry run)"
	}
	fmt.Fprintf(&b, "## %s\n\nRegistry: `%s`\n", title, r.Registry)
	for _, c := range r.Contracts {
		fmt.Fprintf(&b, "\n### %s → `%s`\n\n", mdEscape(c.Name), c.Subject)
		if c.Error != "" {
			fmt.Fprintf(&b, "**Error:** %s\n\n", mdEscape(c.Error))
			continue
		}
		if len(c.Steps) == 0 {
			b.WriteString("Nothing to register: every release is registered.\n")
			continue
		}
		b.WriteString("| Release | Subject | Action | contractlint | Registry | Note |\n|---|---|---|---|---|---|\n")
		for _, st := range c.Steps {
			what := st.Version
			if st.Reference != "" {
				what += " (reference " + st.Reference + ")"
			}
			fmt.Fprintf(&b, "| %s | `%s` | %s | %s | %s | %s |\n", mdEscape(what), st.Subject, st.Action, st.Contractlint.md(), st.Registry.md(), mdEscape(st.Note))
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func (o *Opinion) md() string {
	if o == nil {
		return ""
	}
	s := o.word()
	if len(o.Messages) > 0 {
		s += ": " + strings.Join(o.Messages, "; ")
	}
	return mdEscape(s)
}
