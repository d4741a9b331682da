package avro

import (
	"context"
	"errors"
	"fmt"
	"path"
	"slices"
	"strings"

	"github.com/contractlint/contractlint/checks"
)

// Engine diffs Avro schemas (.avsc). It is stateless and safe for concurrent
// use.
type Engine struct{}

// New returns the Avro engine.
func New() *Engine { return &Engine{} }

// Format implements checks.Engine.
func (*Engine) Format() checks.Format { return checks.Avro }

// Owns implements checks.Engine: .avsc files.
func (*Engine) Owns(p string) bool { return strings.EqualFold(path.Ext(p), ".avsc") }

// Rules implements checks.Engine.
func (*Engine) Rules() []*checks.Rule {
	return []*checks.Rule{
		ReaderFieldMissingDefaultValueBackward, ReaderFieldMissingDefaultValueForward,
		TypeMismatch, TypeMismatchBackward, TypeMismatchForward,
		NameMismatch, NameMismatchBackward, NameMismatchForward,
		FixedSizeMismatch,
		MissingEnumSymbolsBackward, MissingEnumSymbolsForward,
		MissingUnionBranchBackward, MissingUnionBranchForward,
		DecimalScaleOrPrecisionMismatch, DecimalPrecisionNarrowed, DecimalPrecisionWidened, LogicalTypeChanged,
		FieldAddedWithDefault, FieldRemovedWithDefault, FieldRenamed, FieldMoved,
		FieldDefaultChanged, FieldOrderChanged,
		EnumSymbolAdded, EnumSymbolRemoved, EnumDefaultChanged,
		DocChanged, AliasAdded, AliasRemoved, NamespaceChanged,
		TypeChanged, UnionReordered,
		ElementDeprecated, ElementUndeprecated, AttributeChanged,
		FileAdded, FileRemoved, FileRenamed,
	}
}

// Diff implements checks.Engine. Files are paired by path; in each pair the
// top-level schemas are resolved both ways (backward: new reads old;
// forward: old reads new) and walked for evolution changes. Named types may
// be defined in any file of a side and are found by full name.
//
// Locations: a finding is located in the new file, at the element it is
// about. An element that exists only in the old file (a removed field or
// symbol) is located, by the convention of checks.Finding, at its parent in
// the new file (the record's "fields", the enum's "symbols"), and the message
// gives its line in the old file: every report, annotation and SARIF result
// then points into the file under review.
func (e *Engine) Diff(ctx context.Context, req checks.Request) ([]checks.Finding, error) {
	oldSnap, oerr := load(ctx, req.Old, req.Old.Files)
	newSnap, nerr := load(ctx, req.New, req.New.Files)
	if err := errors.Join(oerr, nerr); err != nil {
		return nil, err
	}
	back, fwd := newChecker(), newChecker()
	ev := newEvolver()
	m := newMerger(e.Rules())
	compare := func(o, n *file) {
		for _, in := range back.compat(n.Root, o.Root, n.Site, o.Site) {
			m.add(in, checks.Backward)
		}
		for _, in := range fwd.compat(o.Root, n.Root, o.Site, n.Site) {
			m.add(in, checks.Forward)
		}
		ev.walk(o.Root, n.Root)
	}
	moved := pairMoved(oldSnap, newSnap)
	movedFrom := map[*file]bool{}
	for _, o := range moved {
		movedFrom[o] = true
	}
	paths := append(sortedKeys(oldSnap.files), sortedKeys(newSnap.files)...)
	slices.Sort(paths)
	for _, p := range slices.Compact(paths) {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		o, n := oldSnap.files[p], newSnap.files[p]
		switch {
		case o != nil && n != nil:
			compare(o, n)
		case n != nil && moved[p] != nil:
			o = moved[p]
			ev.report(FileRenamed, loc{File: p}, fmt.Sprintf("schema file %s renamed to %s (it defines %s)", o.Path, p, n.Root.FullName), o.Path, p)
			compare(o, n)
		case o == nil:
			ev.report(FileAdded, loc{File: p}, fmt.Sprintf("schema file %s added", p), "", p)
		case !movedFrom[o]:
			ev.report(FileRemoved, loc{File: p}, fmt.Sprintf("schema file %s removed", p), p, "")
		}
	}
	return checks.Sort(append(m.findings(), ev.out...)), nil
}

// pairMoved pairs files that exist on one side only but define the same
// top-level named type: a renamed file. It maps the new path to the old file.
func pairMoved(oldSnap, newSnap *snapshot) map[string]*file {
	removed := map[string]*file{}
	for _, p := range sortedKeys(oldSnap.files) {
		if o := oldSnap.files[p]; newSnap.files[p] == nil && o.Root.Kind.named() {
			removed[o.Root.FullName] = o
		}
	}
	moved := map[string]*file{}
	for _, p := range sortedKeys(newSnap.files) {
		n := newSnap.files[p]
		if oldSnap.files[p] != nil || !n.Root.Kind.named() {
			continue
		}
		if o := removed[n.Root.FullName]; o != nil && o.Root.Kind == n.Root.Kind {
			moved[p] = o
			delete(removed, n.Root.FullName)
		}
	}
	return moved
}

// merger turns per-direction incompatibilities into findings, merging the
// two directions' reports of one element into one finding.
type merger struct {
	rules  map[string]*checks.Rule
	order  []string
	drafts map[string]*draft
}

// draft is an incompatibility seen from the new and old side.
type draft struct {
	kind           string
	dirs           checks.Direction
	at, old        loc
	what           string
	oldVal, newVal string
}

func newMerger(rules []*checks.Rule) *merger {
	m := &merger{rules: map[string]*checks.Rule{}, drafts: map[string]*draft{}}
	for _, r := range rules {
		m.rules[r.ID] = r
	}
	return m
}

func (m *merger) add(in incompat, dir checks.Direction) {
	newLoc, oldLoc, newVal, oldVal := in.reader, in.writer, in.readerVal, in.writerVal
	if dir == checks.Forward {
		newLoc, oldLoc, newVal, oldVal = in.writer, in.reader, in.writerVal, in.readerVal
	}
	at := newLoc
	// Both directions see the same element from the two sides; distinct
	// elements (two union branches missing from one reader union) stay apart.
	key := fmt.Sprintf("%s\x00%s\x00%s\x00%s:%d:%d\x00%s:%d:%d", in.kind, at.Path, oldLoc.Path,
		newLoc.File, newLoc.Line, newLoc.Col, oldLoc.File, oldLoc.Line, oldLoc.Col)
	if d, ok := m.drafts[key]; ok {
		d.dirs |= dir
		return
	}
	m.order = append(m.order, key)
	m.drafts[key] = &draft{kind: in.kind, dirs: dir, at: at, old: oldLoc, what: at.What, oldVal: oldVal, newVal: newVal}
}

// findings picks each draft's rule: the plain kind when it breaks both ways,
// the _BACKWARD or _FORWARD variant when it breaks one way. A kind that has
// no rule for its exact directions is reported under the rules it has.
func (m *merger) findings() []checks.Finding {
	var out []checks.Finding
	for _, key := range m.order {
		d := m.drafts[key]
		for _, dir := range m.split(d) {
			r := m.rules[ruleID(d.kind, dir)]
			f := newFinding(r, d.at, d.message(dir), d.oldVal, d.newVal)
			if d.kind == kindFieldMissingDefault && dir == checks.Forward {
				// A removed field: located at its record, named by itself.
				f.Path = elementPath(d.old)
			}
			out = append(out, f)
		}
	}
	return out
}

// ruleID names the rule of an incompatibility kind that breaks in dir.
func ruleID(kind string, dir checks.Direction) string {
	switch dir {
	case checks.Backward:
		return kind + "_BACKWARD"
	case checks.Forward:
		return kind + "_FORWARD"
	}
	return kind
}

// split returns the directions to report d under, one finding each.
func (m *merger) split(d *draft) []checks.Direction {
	has := func(dir checks.Direction) bool { return m.rules[ruleID(d.kind, dir)] != nil }
	switch {
	case has(d.dirs):
		return []checks.Direction{d.dirs}
	case d.dirs == checks.Both:
		return []checks.Direction{checks.Backward, checks.Forward}
	}
	return []checks.Direction{checks.Both}
}

func (d *draft) message(dir checks.Direction) string {
	var s string
	switch d.kind {
	case kindTypeMismatch:
		s = fmt.Sprintf("%s: type changed from %s to %s", d.what, d.oldVal, d.newVal)
	case kindNameMismatch:
		s = fmt.Sprintf("%s renamed to %s without an alias the reader can use", d.oldVal, d.newVal)
	case kindFixedSize:
		s = fmt.Sprintf("%s: fixed size changed from %s to %s", d.what, d.oldVal, d.newVal)
	case kindDecimal:
		s = fmt.Sprintf("%s: %s changed to %s", d.what, d.oldVal, d.newVal)
	case kindLogical:
		s = fmt.Sprintf("%s: logical type changed from %s to %s", d.what, d.oldVal, d.newVal)
	case kindEnumSymbols:
		if dir == checks.Backward {
			s = fmt.Sprintf("%s: the new enum has no default and lacks old symbols %s", d.what, d.oldVal)
		} else {
			s = fmt.Sprintf("%s: symbols %s added but the old enum has no default", d.what, d.newVal)
		}
	case kindUnionBranch:
		if dir == checks.Backward {
			s = fmt.Sprintf("%s: the new union %s has no branch that reads old type %s", d.what, d.newVal, d.oldVal)
		} else {
			s = fmt.Sprintf("%s: the old union %s has no branch that reads new type %s", d.what, d.oldVal, d.newVal)
		}
	case kindFieldMissingDefault:
		if dir == checks.Backward {
			s = fmt.Sprintf("field %s added without a default", d.what)
		} else {
			s = fmt.Sprintf("field %s (old line %d) removed, and the old schema has no default for it", d.old.What, d.old.Line)
		}
	default:
		s = fmt.Sprintf("%s: %s changed to %s", d.what, d.oldVal, d.newVal)
	}
	switch dir {
	case checks.Backward:
		return s + " (the new schema cannot read old data)"
	case checks.Forward:
		return s + " (the old schema cannot read new data)"
	}
	return s + " (neither schema can read the other's data)"
}
