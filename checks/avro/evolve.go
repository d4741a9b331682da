package avro

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"

	"github.com/contractlint/contractlint/checks"
	"github.com/contractlint/contractlint/internal/doc"
)

// evolver reports the changes between two schemas that resolve but still
// change the contract. It walks both schemas side by side, pairing fields by
// name (or by the new field's aliases), union branches by type, and each
// pair of named types once.
type evolver struct {
	seen map[[2]*schema]bool
	out  []checks.Finding
}

func newEvolver() *evolver { return &evolver{seen: map[[2]*schema]bool{}} }

func (e *evolver) report(r *checks.Rule, at loc, msg, oldVal, newVal string) {
	e.out = append(e.out, newFinding(r, at, msg, oldVal, newVal))
}

// newFinding makes a finding of rule r located at at. Its path names the
// element by its schema name (com.acme.Payment.merchant_id), as ignores
// and reports name Avro elements; the JSON pointer only where no named
// element encloses the location.
func newFinding(r *checks.Rule, at loc, msg, oldVal, newVal string) checks.Finding {
	return checks.Finding{Rule: r.ID, Impact: r.Impact, Breaks: r.Breaks, Levels: r.Levels, File: at.File, Line: at.Line, Column: at.Col,
		Path: elementPath(at), Message: msg, Old: oldVal, New: newVal}
}

// elementPath is the schema name of the element at a location, or its
// JSON pointer when none encloses it.
func elementPath(at loc) string {
	if at.What != "" && at.What != at.File {
		return at.What
	}
	return at.Path
}

// or returns l when it is set, otherwise fallback.
func or(l, fallback loc) loc {
	if l.valid() {
		return l
	}
	return fallback
}

func (e *evolver) walk(o, n *schema) {
	key := [2]*schema{o, n}
	if e.seen[key] {
		return
	}
	e.seen[key] = true
	if o.Kind != n.Kind {
		// Changes that resolve both ways: string and bytes, and a type
		// wrapped into (or unwrapped from) a union of itself alone.
		single := (o.Kind == kUnion && len(o.Branches) == 1) != (n.Kind == kUnion && len(n.Branches) == 1)
		if (promotes(o.Kind, n.Kind) && promotes(n.Kind, o.Kind)) || single {
			e.report(TypeChanged, n.Loc, fmt.Sprintf("%s: type changed from %s to %s (both still read each other's data)", n.Loc.What, o.typeName(), n.typeName()),
				o.typeName(), n.typeName())
		}
		// A type that became a union, or left one: follow the branch that
		// corresponds to the other side.
		if o.Kind == kUnion {
			if b := matchBranch(o, n); b != nil {
				e.walk(b, n)
			}
		} else if n.Kind == kUnion {
			if b := matchBranch(n, o); b != nil {
				e.walk(o, b)
			}
		}
		return
	}
	if n.Kind.named() {
		e.named(o, n)
	}
	e.props(n.Kind.String()+" "+n.Loc.What, o.Props, n.Props, n.Loc)
	switch n.Kind {
	case kRecord:
		e.fields(o, n)
	case kEnum:
		e.enum(o, n)
	case kArray:
		e.walk(o.Items, n.Items)
	case kMap:
		e.walk(o.Values, n.Values)
	case kUnion:
		e.unionOrder(o, n)
		for _, nb := range n.Branches {
			if ob := matchBranch(o, nb); ob != nil {
				e.walk(ob, nb)
			}
		}
	}
}

// Attributes with a meaning of their own: deprecation markers (see
// deprecations.go) and contractlint's inline ignores, which annotate the
// contract without changing it.
const (
	propDeprecated        = "deprecated"
	propDeprecatedSymbols = "deprecatedSymbols"
	propIgnore            = "x-contractlint-ignore"
)

func findProp(ps []prop, key string) *prop {
	for i := range ps {
		if ps[i].Key == key {
			return &ps[i]
		}
	}
	return nil
}

// deprecatedMark reports whether a "deprecated" attribute marks its element.
func deprecatedMark(p *prop) bool {
	return p != nil && ((p.Value.Kind == doc.Bool && p.Value.Bool) || p.Value.Kind == doc.String)
}

// deprecatedSymbols lists the symbols a "deprecatedSymbols" attribute marks.
func deprecatedSymbols(p *prop) map[string]bool {
	out := map[string]bool{}
	if p == nil {
		return out
	}
	for _, v := range p.Value.Arr {
		if v.Kind == doc.String {
			out[v.Str] = true
		}
	}
	for _, m := range p.Value.Members {
		out[m.Key] = true
	}
	return out
}

// props reports deprecation marked or lifted, and every other attribute
// added, removed or changed.
func (e *evolver) props(what string, o, n []prop, elem loc) {
	od, nd := findProp(o, propDeprecated), findProp(n, propDeprecated)
	switch was, is := deprecatedMark(od), deprecatedMark(nd); {
	case !was && is:
		e.report(ElementDeprecated, nd.Loc, fmt.Sprintf("%s marked deprecated", what), "", canonical(nd.Value))
	case was && !is:
		e.report(ElementUndeprecated, elem, fmt.Sprintf("%s no longer deprecated", what), canonical(od.Value), "")
	}
	oSyms, nSyms := deprecatedSymbols(findProp(o, propDeprecatedSymbols)), deprecatedSymbols(findProp(n, propDeprecatedSymbols))
	for _, s := range sortedKeys(nSyms) {
		if !oSyms[s] {
			e.report(ElementDeprecated, findProp(n, propDeprecatedSymbols).Loc, fmt.Sprintf("%s: symbol %s marked deprecated", what, s), "", s)
		}
	}
	for _, s := range sortedKeys(oSyms) {
		if !nSyms[s] {
			e.report(ElementUndeprecated, or(findProp(n, propDeprecatedSymbols).locOrZero(), elem), fmt.Sprintf("%s: symbol %s no longer deprecated", what, s), s, "")
		}
	}
	skip := func(k string) bool { return k == propDeprecated || k == propDeprecatedSymbols || k == propIgnore }
	for _, np := range n {
		if skip(np.Key) {
			continue
		}
		switch op := findProp(o, np.Key); {
		case op == nil:
			e.report(AttributeChanged, np.Loc, fmt.Sprintf("%s: attribute %q added", what, np.Key), "", canonical(np.Value))
		case canonical(op.Value) != canonical(np.Value):
			e.report(AttributeChanged, np.Loc, fmt.Sprintf("%s: attribute %q changed", what, np.Key), canonical(op.Value), canonical(np.Value))
		}
	}
	for _, op := range o {
		if !skip(op.Key) && findProp(n, op.Key) == nil {
			e.report(AttributeChanged, elem, fmt.Sprintf("%s: attribute %q removed", what, op.Key), canonical(op.Value), "")
		}
	}
}

// locOrZero is the attribute's location, or the zero loc for no attribute.
func (p *prop) locOrZero() loc {
	if p == nil {
		return loc{}
	}
	return p.Loc
}

// unionOrder reports a union whose shared branches changed their relative
// order: resolution matches branches by type, but the encoding uses the
// branch index, and a default must match the first branch.
func (e *evolver) unionOrder(o, n *schema) {
	var idx []int
	for _, nb := range n.Branches {
		if ob := matchBranch(o, nb); ob != nil {
			i := o.branchOf(ob)
			if i < 0 {
				i = slices.Index(o.Branches, ob)
			}
			idx = append(idx, i)
		}
	}
	if slices.IsSorted(idx) {
		return
	}
	e.report(UnionReordered, n.Loc, fmt.Sprintf("%s: union branches reordered from %s to %s", n.Loc.What, o.typeName(), n.typeName()), o.typeName(), n.typeName())
}

// matchBranch returns the branch of union u that corresponds to s: the named
// type with the same full name, then the same unqualified name, then one that
// an alias links to s; for other kinds the branch of the same kind. It looks
// branches up in the union's indexes, so matching every branch of two large
// unions stays linear.
func matchBranch(u, s *schema) *schema {
	if i := u.branchOf(s); i >= 0 {
		return u.Branches[i]
	}
	if !s.Kind.named() {
		return nil
	}
	firstOfKind := func(idx []int) int {
		for _, i := range idx {
			if u.Branches[i].Kind == s.Kind {
				return i
			}
		}
		return -1
	}
	if i := firstOfKind(u.readerIndex["n:"+s.Name]); i >= 0 {
		return u.Branches[i]
	}
	first := firstOfKind(u.readerIndex["a:"+s.FullName])
	for _, a := range s.Aliases {
		if i, ok := u.branchIndex[a]; ok && u.Branches[i].Kind == s.Kind && (first < 0 || i < first) {
			first = i
		}
	}
	if first >= 0 {
		return u.Branches[first]
	}
	return nil
}

func strOr(p *string, none string) string {
	if p == nil {
		return none
	}
	return *p
}

func (e *evolver) named(o, n *schema) {
	if o.Name == n.Name && o.Namespace != n.Namespace {
		e.report(NamespaceChanged, n.NameLoc, fmt.Sprintf("%s %s moved to namespace %q (was %q)", n.Kind, n.Name, n.Namespace, o.Namespace), o.FullName, n.FullName)
	}
	e.doc(o.Doc, n.Doc, n.DocLoc, n.Loc)
	e.aliases(n.Kind.String()+" "+n.FullName, o.Aliases, n.Aliases, n.AliasesLoc, n.Loc)
}

func (e *evolver) doc(o, n *string, docLoc, elem loc) {
	if strOr(o, "") == strOr(n, "") {
		return
	}
	var msg string
	switch {
	case o == nil || *o == "":
		msg = "%s: doc added"
	case n == nil || *n == "":
		msg = "%s: doc removed"
	default:
		msg = "%s: doc changed"
	}
	e.report(DocChanged, or(docLoc, elem), fmt.Sprintf(msg, elem.What), strOr(o, ""), strOr(n, ""))
}

func (e *evolver) aliases(what string, o, n []string, nLoc, elem loc) {
	for _, a := range n {
		if !slices.Contains(o, a) {
			e.report(AliasAdded, or(nLoc, elem), fmt.Sprintf("%s: alias %s added", what, a), "", a)
		}
	}
	for _, a := range o {
		if !slices.Contains(n, a) {
			e.report(AliasRemoved, or(nLoc, elem), fmt.Sprintf("%s: alias %s removed", what, a), a, "")
		}
	}
}

func defaultText(v *doc.Value) string {
	if v == nil {
		return "none"
	}
	return canonical(v)
}

func (e *evolver) fields(o, n *schema) {
	matched := map[*field]bool{}
	type pair struct{ o, n *field }
	var pairs []pair
	for _, nf := range n.Fields {
		of := o.fieldByName(nf.Name)
		renamed := false
		if of == nil {
			for _, a := range nf.Aliases {
				if of = o.fieldByName(a); of != nil {
					renamed = true
					break
				}
			}
		}
		if of == nil || matched[of] {
			if nf.Default != nil {
				e.report(FieldAddedWithDefault, nf.Loc, fmt.Sprintf("field %s added with default %s", nf.Loc.What, defaultText(nf.Default)), "", nf.Name)
			}
			continue
		}
		matched[of] = true
		pairs = append(pairs, pair{of, nf})
		if renamed {
			e.report(FieldRenamed, nf.Loc, fmt.Sprintf("field %s.%s renamed to %s (the new field has the alias %s)", o.FullName, of.Name, nf.Name, of.Name), of.Name, nf.Name)
		}
		e.doc(of.Doc, nf.Doc, nf.DocLoc, nf.Loc)
		if od, nd := defaultText(of.Default), defaultText(nf.Default); od != nd {
			e.report(FieldDefaultChanged, or(nf.DefaultLoc, nf.Loc), fmt.Sprintf("field %s: default changed from %s to %s", nf.Loc.What, od, nd), od, nd)
		}
		if of.Order != nf.Order {
			e.report(FieldOrderChanged, or(nf.OrderLoc, nf.Loc), fmt.Sprintf("field %s: sort order changed from %s to %s", nf.Loc.What, of.Order, nf.Order), of.Order, nf.Order)
		}
		e.aliases("field "+nf.Loc.What, of.Aliases, nf.Aliases, nf.AliasesLoc, nf.Loc)
		e.props("field "+nf.Loc.What, of.Props, nf.Props, nf.Loc)
		e.walk(of.Type, nf.Type)
	}
	for _, of := range o.Fields {
		if !matched[of] && of.Default != nil {
			e.report(FieldRemovedWithDefault, or(n.FieldsLoc, n.Loc), fmt.Sprintf("field %s (old line %d) removed; it had the default %s", of.Loc.What, of.Loc.Line, defaultText(of.Default)), of.Name, "")
			// Located in the new file at the record, named by the field.
			e.out[len(e.out)-1].Path = of.Loc.What
		}
	}
	// Fields outside a longest run kept in their old relative order moved.
	idx := make([]int, len(pairs))
	for i, p := range pairs {
		idx[i] = p.o.Index
	}
	kept := longestIncreasing(idx)
	for i, p := range pairs {
		if !kept[i] {
			e.report(FieldMoved, p.n.Loc, fmt.Sprintf("field %s moved from position %d to %d", p.n.Loc.What, p.o.Index, p.n.Index),
				strconv.Itoa(p.o.Index), strconv.Itoa(p.n.Index))
		}
	}
}

// longestIncreasing marks the elements of one longest strictly increasing
// subsequence of xs, in O(n log n) (patience sorting).
func longestIncreasing(xs []int) []bool {
	prev := make([]int, len(xs))
	var tails []int // tails[k]: index of the smallest tail of a run of length k+1
	for i, x := range xs {
		k, _ := slices.BinarySearchFunc(tails, x, func(t, x int) int { return cmp.Compare(xs[t], x) })
		prev[i] = -1
		if k > 0 {
			prev[i] = tails[k-1]
		}
		if k == len(tails) {
			tails = append(tails, i)
		} else {
			tails[k] = i
		}
	}
	keep := make([]bool, len(xs))
	if len(tails) > 0 {
		for i := tails[len(tails)-1]; i >= 0; i = prev[i] {
			keep[i] = true
		}
	}
	return keep
}

func (e *evolver) enum(o, n *schema) {
	if o.EnumDefault != nil {
		for i, s := range n.Symbols {
			if !o.hasSymbol(s) {
				e.report(EnumSymbolAdded, n.SymbolLocs[i], fmt.Sprintf("enum %s: symbol %s added", n.FullName, s), "", s)
			}
		}
	}
	if n.EnumDefault != nil {
		for i, s := range o.Symbols {
			if !n.hasSymbol(s) {
				e.report(EnumSymbolRemoved, or(n.SymbolsLoc, n.Loc), fmt.Sprintf("enum %s: symbol %s (old line %d) removed; old data holding it reads as %s",
					n.FullName, s, o.SymbolLocs[i].Line, *n.EnumDefault), s, "")
			}
		}
	}
	if od, nd := strOr(o.EnumDefault, "none"), strOr(n.EnumDefault, "none"); od != nd {
		e.report(EnumDefaultChanged, or(n.EnumDefaultLoc, n.Loc), fmt.Sprintf("enum %s: default changed from %s to %s", n.FullName, od, nd), od, nd)
	}
}
