package protobuf

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/contractlint/contractlint/checks"
)

// rule is one check of the engine: its documented checks.Rule and the hooks
// the walk calls. A rule sets only the hooks it needs. Pair hooks are called
// for elements present on both sides, paired the way buf pairs them; the
// snapshot hook sees both whole sides (deletions of files and packages,
// additions).
type rule struct {
	*checks.Rule
	snapshot func(d *Diff)
	file     func(d *Diff, old, new *File)
	message  func(d *Diff, old, new *Message)
	field    func(d *Diff, old, new *Field)
	enum     func(d *Diff, old, new *Enum)
	values   func(d *Diff, old, new []*EnumValue)
	service  func(d *Diff, old, new *Service)
	method   func(d *Diff, old, new *Method)
	// noFile leaves the finding's file empty, as buf does for deletions of
	// whole files and packages: the deleted thing is named by the finding's
	// path and message, and buf.yaml ignores still match its old file.
	noFile bool
	// removedElements says that the rule lists the elements of files that
	// exist on the old side only, which the loader then links (see
	// outline.go).
	removedElements bool
}

// ruleSets are the engine's rules, one slice per file that contributes
// rules. Add a new set here.
func ruleSets() [][]*rule {
	return [][]*rule{breakingRules, dataRules, changeRules, deprecatedRules}
}

func allRules() []*rule { return slices.Concat(ruleSets()...) }

// Engine is the protobuf engine. Its zero value is ready to use.
type Engine struct{}

// New returns the protobuf engine.
func New() *Engine { return &Engine{} }

// Format implements checks.Engine.
func (*Engine) Format() checks.Format { return checks.Protobuf }

// Rules implements checks.Engine.
func (*Engine) Rules() []*checks.Rule {
	rs := allRules()
	out := make([]*checks.Rule, len(rs))
	for i, r := range rs {
		out[i] = r.Rule
	}
	return out
}

// Owns implements checks.Engine: .proto files.
func (*Engine) Owns(path string) bool { return isProto(path) }

// ReadsConfig implements checks.ConfigReader: buf.yaml (module roots,
// excludes, the breaking section), buf.work.yaml and buf.lock, at any depth
// (a buf.yaml in a directory that holds the files counts too).
func (*Engine) ReadsConfig(p string) bool {
	switch p[strings.LastIndexByte(p, '/')+1:] {
	case "buf.yaml", "buf.work.yaml", "buf.lock":
		return true
	}
	return false
}

// Diff implements checks.Engine.
func (*Engine) Diff(ctx context.Context, req checks.Request) ([]checks.Finding, error) {
	return diffRequest(ctx, req, allRules())
}

// diffRequest runs those of rules that req evaluates.
func diffRequest(ctx context.Context, req checks.Request, rules []*rule) ([]checks.Finding, error) {
	if req.Evaluate != nil {
		rules = slices.DeleteFunc(slices.Clone(rules), func(r *rule) bool { return !req.Evaluate(r.ID) })
	}
	keepRemoved := slices.ContainsFunc(rules, func(r *rule) bool { return r.removedElements })
	oldSnap, newSnap, err := loadSides(ctx, req, keepRemoved)
	if err != nil {
		return nil, err
	}
	large := len(oldSnap.Files)+len(newSnap.Files) > loaderGCMaxFiles
	findings := diffSnapshots(oldSnap, newSnap, rules)
	if large {
		collectLoad()
	}
	return findings, nil
}

// Diff is what a rule's hooks report to: both sides and the rule being run.
type Diff struct {
	Old, New *Snapshot

	rule     *rule
	findings []checks.Finding
}

// Report adds a finding of the running rule located at at (an element of the
// new side), about the element with the given full name. old is the file of
// the element's old version (nil for additions); with at's file it decides
// whether buf.yaml ignores the finding, which is then dropped. The message is formatted with fmt.Sprintf.
func (d *Diff) Report(at Location, old *File, path string, format string, args ...any) {
	d.add(at, old, path, "", "", fmt.Sprintf(format, args...))
}

// ReportChange is Report with the values before and after the change.
func (d *Diff) ReportChange(at Location, old *File, path, oldValue, newValue string, format string, args ...any) {
	d.add(at, old, path, oldValue, newValue, fmt.Sprintf(format, args...))
}

func (d *Diff) add(at Location, old *File, path, oldValue, newValue, msg string) {
	f := checks.Finding{
		Rule:    d.rule.ID,
		Impact:  d.rule.Impact,
		Breaks:  d.rule.Breaks,
		Levels:  d.rule.Levels,
		Line:    at.Line,
		Column:  at.Column,
		Path:    path,
		Message: msg,
		Old:     oldValue,
		New:     newValue,
	}
	var files, pkgs []string
	var cfg *BreakingConfig
	switch {
	case at.File != nil:
		f.File = at.File.Path
		files = append(files, at.File.Path)
		pkgs = append(pkgs, at.File.Package())
		if at.File.Module != nil {
			cfg = &at.File.Module.Breaking
		}
	case old != nil:
		f.File = old.Path
	}
	if old != nil {
		files = append(files, old.Path)
		pkgs = append(pkgs, old.Package())
		if cfg == nil {
			cfg = d.New.configFor(old)
		}
	}
	if cfg != nil && cfg.ignores(d.rule.Rule, files, pkgs) {
		// buf.yaml's ignore, ignore_only and ignore_unstable_packages mean
		// what they mean to buf: those files are not checked, so nothing
		// is reported about them (contractlint's own ignores, by
		// contrast, keep the finding with its reason).
		return
	}
	if d.rule.noFile {
		f.File = ""
	}
	d.findings = append(d.findings, f)
}

// configFor finds the new side's breaking configuration for a file of the
// old side: that of the module with the same root, else the top-level one.
func (s *Snapshot) configFor(old *File) *BreakingConfig {
	if s.Layout == nil {
		return nil
	}
	if old.Module != nil {
		for _, m := range s.Layout.Modules {
			if m.Root == old.Module.Root {
				return &m.Breaking
			}
		}
	}
	if len(s.Layout.Modules) == 1 {
		return &s.Layout.Modules[0].Breaking
	}
	return &s.Layout.Breaking
}

// diffSnapshots runs rules over the two sides. It walks the paired elements
// once and calls every rule's hooks for each pair, skipping files that are
// identical on both sides. Files are walked in parallel, each with a Diff
// of its own; the findings come out in the order of a serial walk.
func diffSnapshots(oldSnap, newSnap *Snapshot, rules []*rule) []checks.Finding {
	identicalFiles(oldSnap, newSnap)
	d := &Diff{Old: oldSnap, New: newSnap}
	for _, r := range rules {
		if r.snapshot != nil {
			d.rule = r
			r.snapshot(d)
		}
	}
	var changed []*File
	for _, of := range oldSnap.Files {
		if !of.Identical {
			changed = append(changed, of)
		}
	}
	perFile := parallelMap(context.Background(), changed, func() *Diff { return &Diff{Old: oldSnap, New: newSnap} }, func(fd *Diff, of *File) []checks.Finding {
		fd.findings = nil
		fd.diffFile(rules, of)
		return fd.findings
	})
	for _, fs := range perFile {
		d.findings = append(d.findings, fs...)
	}
	return checks.Sort(d.findings)
}

// diffFile calls the rules' hooks for an old file (not identical to its
// new version) and everything in it paired on the new side.
func (d *Diff) diffFile(rules []*rule, of *File) {
	newSnap := d.New
	if nf := newSnap.File(of.Path); nf != nil {
		pair(d, rules, fileHook, of, nf)
	}
	for _, om := range of.Messages {
		nm := newSnap.Message(om.Desc.FullName())
		if nm == nil {
			continue
		}
		pair(d, rules, messageHook, om, nm)
		for _, ofl := range om.Fields {
			if nfl := nm.Field(ofl.Desc.Number()); nfl != nil {
				pair(d, rules, fieldHook, ofl, nfl)
			}
		}
	}
	for _, ox := range of.Extensions {
		if nx := newSnap.Extension(ox.Desc.ContainingMessage().FullName(), ox.Desc.Number()); nx != nil {
			pair(d, rules, fieldHook, ox, nx)
		}
	}
	for _, oe := range of.Enums {
		ne := newSnap.Enum(oe.Desc.FullName())
		if ne == nil {
			continue
		}
		pair(d, rules, enumHook, oe, ne)
		for _, n := range oe.Numbers() {
			if nv := ne.ValuesByNumber(n); len(nv) > 0 {
				pair(d, rules, valuesHook, oe.ValuesByNumber(n), nv)
			}
		}
	}
	for _, os := range of.Services {
		ns := newSnap.Service(os.Desc.FullName())
		if ns == nil {
			continue
		}
		pair(d, rules, serviceHook, os, ns)
		for _, om := range os.Methods {
			if nm := ns.Method(string(om.Desc.Name())); nm != nil {
				pair(d, rules, methodHook, om, nm)
			}
		}
	}
}

// pair calls, for every rule that has one, the hook that hook picks, with
// the old and new versions of an element and d reporting as that rule.
func pair[T any](d *Diff, rules []*rule, hook func(*rule) func(*Diff, T, T), o, n T) {
	for _, r := range rules {
		if h := hook(r); h != nil {
			d.rule = r
			h(d, o, n)
		}
	}
}

// The hooks of a rule, by the kind of element they compare.
var (
	fileHook    = func(r *rule) func(*Diff, *File, *File) { return r.file }
	messageHook = func(r *rule) func(*Diff, *Message, *Message) { return r.message }
	fieldHook   = func(r *rule) func(*Diff, *Field, *Field) { return r.field }
	enumHook    = func(r *rule) func(*Diff, *Enum, *Enum) { return r.enum }
	valuesHook  = func(r *rule) func(*Diff, []*EnumValue, []*EnumValue) { return r.values }
	serviceHook = func(r *rule) func(*Diff, *Service, *Service) { return r.service }
	methodHook  = func(r *rule) func(*Diff, *Method, *Method) { return r.method }
)

// deletedAt is buf's location for an element deleted from a file that still
// exists: the closest enclosing message that still exists in the new file,
// else the new file without a line.
func deletedAt(nf *File, nestedName string) Location {
	parts := strings.Split(nestedName, ".")
	for i := len(parts) - 1; i > 0; i-- {
		if m := nf.MessageByNestedName(strings.Join(parts[:i], ".")); m != nil {
			return m.At()
		}
	}
	return Location{File: nf}
}
