package jsonschema

import (
	"cmp"
	"math/big"
	"slices"
	"strings"

	"github.com/contractlint/contractlint/checks"
)

// diff is one difference between an old and a new schema, before it becomes
// a finding. Its path is relative to the pair being compared.
type diff struct {
	rule     *checks.Rule
	path     string    // relative to the pair that found it
	pre      *pathNode // prefixes added by rebasing
	o, u     *schema   // the schemas the keyword belongs to (either may be nil)
	kw       string    // keyword, for the location
	old, new string    // values, when the difference has them
}

type pair struct{ o, u *schema }

// comparer compares two models the way Confluent Schema Registry does,
// memoising every pair so that recursive schemas terminate and shared
// definitions are compared once.
type comparer struct {
	policy     Policy
	memo       map[pair][]diff
	inProgress map[pair]bool
	sigs       map[*schema]string
}

func newComparer(policy Policy) *comparer {
	return &comparer{policy: policy, memo: map[pair][]diff{}, inProgress: map[pair]bool{}, sigs: map[*schema]string{}}
}

// cctx collects differences under a path.
type cctx struct {
	c     *comparer
	path  []string
	diffs []diff
}

func (c *comparer) root() *cctx { return &cctx{c: c} }

func (x *cctx) fork() *cctx { return &cctx{c: x.c, path: slices.Clone(x.path)} }

func (x *cctx) enter(p ...string) { x.path = append(x.path, p...) }

func (x *cctx) leave(n int) { x.path = x.path[:len(x.path)-n] }

func (x *cctx) pathString(extra string) string {
	p := strings.Join(x.path, "/")
	if extra != "" {
		if p != "" {
			p += "/"
		}
		p += extra
	}
	return p
}

// add records a difference at the current path, plus attribute attr.
// partialCover compares old with new, where new is the schema that a
// partially open content model gives what it does not declare, keeps the
// differences, and returns covered when old's values are all accepted,
// else notCovered.
func (x *cctx) partialCover(old, new *schema, covered, notCovered *checks.Rule) *checks.Rule {
	sub := x.fork()
	sub.compare(old, new)
	x.addAll(sub.diffs)
	if sub.compatible() {
		return covered
	}
	return notCovered
}

func (x *cctx) add(rule *checks.Rule, attr string, o, u *schema, kw string) *diff {
	x.diffs = append(x.diffs, diff{rule: rule, path: x.pathString(attr), o: o, u: u, kw: kw})
	return &x.diffs[len(x.diffs)-1]
}

func (x *cctx) addAll(ds []diff) { x.diffs = append(x.diffs, ds...) }

// addRebased adds differences computed relative to a nested pair. The
// prefix is linked, not copied: a change deep in a chain of references is
// rebased once per level, and its path is only spelled out when reported.
func (x *cctx) addRebased(ds []diff) {
	if len(x.path) == 0 {
		x.diffs = append(x.diffs, ds...)
		return
	}
	prefix := strings.Join(x.path, "/")
	for _, d := range ds {
		d.pre = &pathNode{s: prefix, next: d.pre}
		x.diffs = append(x.diffs, d)
	}
}

// pathNode is one prefix of a rebased difference's path, outermost first.
type pathNode struct {
	s    string
	next *pathNode
}

// fullPath spells out a difference's path from the compared root.
func (d *diff) fullPath() string {
	var parts []string
	for n := d.pre; n != nil; n = n.next {
		parts = append(parts, n.s)
	}
	if d.path != "" {
		parts = append(parts, d.path)
	}
	return strings.Join(parts, "/")
}

// compatible reports whether no difference breaks backward compatibility,
// Confluent's notion of a compatible sub-comparison.
func (x *cctx) compatible() bool {
	for _, d := range x.diffs {
		if d.rule.Breaks&checks.Backward != 0 {
			return false
		}
	}
	return true
}

// compatibleForward reports whether no difference breaks forward
// compatibility.
func (x *cctx) compatibleForward() bool {
	for _, d := range x.diffs {
		if d.rule.Breaks&checks.Forward != 0 {
			return false
		}
	}
	return true
}

// compare compares original o with update u.
func (x *cctx) compare(o, u *schema) {
	switch {
	case o == nil && u == nil:
		return
	case o == nil:
		x.add(SCHEMA_ADDED, "", nil, u, "")
		return
	case u == nil:
		x.add(SCHEMA_REMOVED, "", o, nil, "")
		return
	}
	o, u = o.deref(), u.deref()
	if o == nil || u == nil {
		return
	}
	if !o.shared && !u.shared {
		// A pair of unshared schemas is met once: no memo needed.
		sub := &cctx{c: x.c}
		sub.compareNormalized(o, u)
		x.addRebased(sub.diffs)
		return
	}
	key := pair{o, u}
	if ds, ok := x.c.memo[key]; ok {
		x.addRebased(ds)
		return
	}
	if x.c.inProgress[key] {
		// A recursive cycle: compatible within the enclosing comparison.
		return
	}
	x.c.inProgress[key] = true
	sub := &cctx{c: x.c}
	sub.compareNormalized(o, u)
	delete(x.c.inProgress, key)
	ds := onePerChange(sub.diffs)
	x.c.memo[key] = ds
	x.addRebased(ds)
}

// onePerChange keeps the first of the differences that are the same change
// reached along different paths: a shared subschema referenced twice within
// the pair (properties a and b both $ref D1) reports its changes once, at
// the first path, as Diff reports every change once per location. Without
// this, a chain of definitions that each reference the next twice would
// carry 2^depth copies of the change at its end up the chain.
func onePerChange(ds []diff) []diff {
	if len(ds) < 2 {
		return ds
	}
	type change struct {
		rule               *checks.Rule
		path, kw, old, new string
		o, u               *schema
	}
	seen := make(map[change]bool, len(ds))
	out := ds[:0:0]
	for _, d := range ds {
		k := change{d.rule, d.path, d.kw, d.old, d.new, d.o, d.u}
		if !seen[k] {
			seen[k] = true
			out = append(out, d)
		}
	}
	return out
}

func (x *cctx) compareNormalized(o, u *schema) {
	switch {
	case o.kind != kCombined && u.kind == kCombined:
		if len(u.subs) == 1 {
			sub := x.fork()
			sub.compare(o, u.subs[0])
			if sub.compatible() {
				x.addAll(sub.diffs)
				return
			}
		} else if u.criterion == "anyOf" || u.criterion == "oneOf" {
			for _, s := range u.subs {
				sub := x.fork()
				sub.compare(o, s)
				if sub.compatible() {
					x.addAll(sub.diffs)
					x.add(SUM_TYPE_EXTENDED, "", o, u, combKw(u))
					return
				}
			}
		} else if u.criterion == "allOf" {
			// A branch added beside the old schema: new readers apply it
			// to old data (backward); new data still meets the old schema.
			for i, s := range u.subs {
				sub := x.fork()
				sub.compare(o, s)
				if sub.compatibleForward() {
					x.addAll(sub.diffs)
					for j := range u.subs {
						if j != i {
							x.branch(PRODUCT_TYPE_EXTENDED, u, j, nil, u.subs[j], o, u)
						}
					}
					return
				}
			}
		}
	case o.kind == kCombined && u.kind != kCombined:
		if len(o.subs) == 1 {
			sub := x.fork()
			sub.compare(o.subs[0], u)
			if sub.compatible() {
				x.addAll(sub.diffs)
				return
			}
		} else if o.criterion == "allOf" {
			for _, s := range o.subs {
				sub := x.fork()
				sub.compare(s, u)
				if sub.compatible() {
					x.addAll(sub.diffs)
					x.add(PRODUCT_TYPE_NARROWED, "", o, u, o.criterion)
					return
				}
			}
		} else {
			// A union narrowed to one of its branches: old data of the
			// other branches is rejected (backward); new data is old data.
			for i, s := range o.subs {
				sub := x.fork()
				sub.compare(s, u)
				if sub.compatibleForward() {
					x.addAll(sub.diffs)
					for j := range o.subs {
						if j != i {
							x.branch(SUM_TYPE_NARROWED, o, j, o.subs[j], nil, o, u)
						}
					}
					return
				}
			}
		}
	}
	if o.kind != u.kind && x.enumToType(o, u) {
		return
	}
	if o.kind != u.kind {
		switch {
		case o.kind == kFalse:
			// Confluent: anything reads what false accepted (nothing).
			x.add(FALSE_SCHEMA_RELAXED, "", o, u, "")
		case u.kind == kFalse:
			// New readers accept nothing; new writers write nothing.
			x.add(FALSE_SCHEMA_ADDED, "", o, u, "").old = describe(o)
		case o.kind == kEmpty:
			// New readers reject some of what anything-goes accepted.
			x.add(CONSTRAINTS_ADDED, "", o, u, "").new = describe(u)
		case u.kind == kEmpty:
			// Confluent: anything can change to the empty schema.
			d := x.add(CONSTRAINTS_REMOVED, "", o, u, "")
			d.old = describe(o)
		default:
			d := x.add(TYPE_CHANGED, "", o, u, "type")
			d.old, d.new = describe(o), describe(u)
		}
		return
	}
	x.annotations(o, u)
	switch o.kind {
	case kString:
		x.strings(o, u)
	case kNumber:
		x.numbers(o, u)
	case kEnum:
		x.enums(o, u)
	case kCombined:
		x.combined(o, u)
	case kNot:
		x.not(o, u)
	case kObject:
		x.objects(o, u)
	case kArray:
		x.arrays(o, u)
	}
}

func canon(v *value) string {
	if v == nil {
		return ""
	}
	return canonical(v)
}

// changed records typ when the canonical values differ.
func (x *cctx) changed(rule *checks.Rule, o, u *schema, ov, uv *value, kw string) {
	if canon(ov) != canon(uv) {
		d := x.add(rule, "", o, u, kw)
		d.old, d.new = canon(ov), canon(uv)
	}
}

func (x *cctx) annotations(o, u *schema) {
	x.changed(ID_CHANGED, o, u, o.id, u.id, idKw(o, u))
	x.changed(TITLE_CHANGED, o, u, o.title, u.title, "title")
	x.changed(DESCRIPTION_CHANGED, o, u, o.description, u.description, "description")
	x.changed(DEFAULT_CHANGED, o, u, o.def, u.def, "default")
	x.changed(EXAMPLES_CHANGED, o, u, o.examples, u.examples, "examples")
	x.changed(COMMENT_CHANGED, o, u, o.comment, u.comment, "$comment")
	flag := func(a, b bool, added, removed *checks.Rule, kw string) {
		switch {
		case !a && b:
			x.add(added, "", o, u, kw)
		case a && !b:
			x.add(removed, "", o, u, kw)
		}
	}
	flag(o.deprecated, u.deprecated, DEPRECATED_ADDED, DEPRECATED_REMOVED, "deprecated")
	flag(o.readOnly, u.readOnly, READ_ONLY_ADDED, READ_ONLY_REMOVED, "readOnly")
	flag(o.writeOnly, u.writeOnly, WRITE_ONLY_ADDED, WRITE_ONLY_REMOVED, "writeOnly")
	x.conditionals(o, u)
}

// conditionals compares if/then/else: a changed "if" is judged
// conservatively; then and else are compared like any subschema.
func (x *cctx) conditionals(o, u *schema) {
	switch {
	case o.ifS == nil && u.ifS == nil:
		return
	case o.ifS == nil:
		x.add(CONDITIONAL_ADDED, "", o, u, "if").new = canon(u.ifS.v)
		return
	case u.ifS == nil:
		x.add(CONDITIONAL_REMOVED, "", o, u, "if").old = canon(o.ifS.v)
		return
	case canon(o.ifS.v) != canon(u.ifS.v):
		d := x.add(CONDITIONAL_CHANGED, "", o, u, "if")
		d.old, d.new = canon(o.ifS.v), canon(u.ifS.v)
		return
	}
	x.sub(o, u, o.thenS, u.thenS, "then", CONDITIONAL_ADDED, CONDITIONAL_REMOVED)
	x.sub(o, u, o.elseS, u.elseS, "else", CONDITIONAL_ADDED, CONDITIONAL_REMOVED)
}

// sub compares an optional subschema keyword whose constraint applies
// covariantly (then, else, propertyNames, contains): added and removed are
// reported as such, and two schemas are compared like properties.
func (x *cctx) sub(o, u *schema, os, us *schema, kw string, added, removed *checks.Rule) {
	switch {
	case os == nil && us == nil:
	case os == nil:
		x.add(added, kw, o, u, kw).new = canon(us.v)
	case us == nil:
		x.add(removed, kw, o, u, kw).old = canon(os.v)
	default:
		x.enter(kw)
		x.compare(os, us)
		x.leave(1)
	}
}

func idKw(o, u *schema) string {
	for _, s := range []*schema{u, o} {
		if s.v.Get("$id") != nil {
			return "$id"
		}
	}
	return "id"
}

// presence compares a keyword judged by value: added, removed or changed.
func (x *cctx) presence(o, u *schema, ov, uv *value, added, removed, changed *checks.Rule, kw string) {
	switch {
	case ov == nil && uv == nil:
	case ov == nil:
		d := x.add(added, "", o, u, kw)
		d.new = canon(uv)
	case uv == nil:
		d := x.add(removed, "", o, u, kw)
		d.old = canon(ov)
	case canon(ov) != canon(uv):
		d := x.add(changed, "", o, u, kw)
		d.old, d.new = canon(ov), canon(uv)
	}
}

// quad names the four rules of a keyword: added, removed, and changed to
// more (increased, extended) or less (decreased, narrowed).
type quad struct{ added, removed, more, less *checks.Rule }

// bound compares a numeric keyword.
func (x *cctx) bound(o, u *schema, ovl, uvl *value, kw, ukw string, rules quad) {
	if ovl == nil && uvl == nil || ovl != nil && uvl != nil && ovl.Str == uvl.Str {
		return
	}
	var typ *checks.Rule
	switch {
	case ovl == nil:
		typ = rules.added
	case uvl == nil:
		typ = rules.removed
	default:
		// Exactly, whatever the exponents (100 → 1e-1000000000 is a
		// decrease).
		switch cmpNumber(ovl.Str, uvl.Str) {
		case 0:
			return
		case -1:
			typ = rules.more
		default:
			typ = rules.less
		}
	}
	if ukw == "" {
		ukw = kw
	}
	d := x.add(typ, kw, o, u, ukw)
	d.old, d.new = numberText(ovl), numberText(uvl)
}

func ratString(r *big.Rat) string {
	if r == nil {
		return ""
	}
	if r.IsInt() {
		return r.Num().String()
	}
	f, _ := r.Float64()
	return big.NewFloat(f).Text('g', -1)
}

func (x *cctx) strings(o, u *schema) {
	x.bound(o, u, o.maxLength, u.maxLength, "maxLength", "", quad{MAX_LENGTH_ADDED, MAX_LENGTH_REMOVED, MAX_LENGTH_INCREASED, MAX_LENGTH_DECREASED})
	x.bound(o, u, o.minLength, u.minLength, "minLength", "", quad{MIN_LENGTH_ADDED, MIN_LENGTH_REMOVED, MIN_LENGTH_INCREASED, MIN_LENGTH_DECREASED})
	switch {
	case o.pattern == nil && u.pattern != nil:
		x.add(PATTERN_ADDED, "pattern", o, u, "pattern").new = canon(u.pattern)
	case o.pattern != nil && u.pattern == nil:
		x.add(PATTERN_REMOVED, "pattern", o, u, "pattern").old = canon(o.pattern)
	case o.pattern != nil && canon(o.pattern) != canon(u.pattern):
		d := x.add(PATTERN_CHANGED, "pattern", o, u, "pattern")
		d.old, d.new = canon(o.pattern), canon(u.pattern)
	}
	x.presence(o, u, o.contentEncoding, u.contentEncoding, CONTENT_ENCODING_ADDED, CONTENT_ENCODING_REMOVED, CONTENT_ENCODING_CHANGED, "contentEncoding")
	x.presence(o, u, o.contentMediaType, u.contentMediaType, CONTENT_MEDIA_TYPE_ADDED, CONTENT_MEDIA_TYPE_REMOVED, CONTENT_MEDIA_TYPE_CHANGED, "contentMediaType")
	switch {
	case o.format == nil && u.format != nil:
		x.add(FORMAT_ADDED, "format", o, u, "format").new = canon(u.format)
	case o.format != nil && u.format == nil:
		x.add(FORMAT_REMOVED, "format", o, u, "format").old = canon(o.format)
	case o.format != nil && canon(o.format) != canon(u.format):
		d := x.add(FORMAT_CHANGED, "format", o, u, "format")
		d.old, d.new = canon(o.format), canon(u.format)
	}
}

func (x *cctx) numbers(o, u *schema) {
	if !x.switchedBound(o, u, o.minimum, o.exclMinimum, u.minimum, u.exclMinimum, 1, quad{MINIMUM_ADDED, MINIMUM_REMOVED, MINIMUM_INCREASED, MINIMUM_DECREASED}, quad{EXCLUSIVE_MINIMUM_ADDED, EXCLUSIVE_MINIMUM_REMOVED, EXCLUSIVE_MINIMUM_INCREASED, EXCLUSIVE_MINIMUM_DECREASED}, "minimum", cmp.Or(u.exclMinimumKw, o.exclMinimumKw)) {
		x.bound(o, u, o.minimum, u.minimum, "minimum", "", quad{MINIMUM_ADDED, MINIMUM_REMOVED, MINIMUM_INCREASED, MINIMUM_DECREASED})
		x.bound(o, u, o.exclMinimum, u.exclMinimum, "exclusiveMinimum", u.exclMinimumKw, quad{EXCLUSIVE_MINIMUM_ADDED, EXCLUSIVE_MINIMUM_REMOVED, EXCLUSIVE_MINIMUM_INCREASED, EXCLUSIVE_MINIMUM_DECREASED})
	}
	if !x.switchedBound(o, u, o.maximum, o.exclMaximum, u.maximum, u.exclMaximum, -1, quad{MAXIMUM_ADDED, MAXIMUM_REMOVED, MAXIMUM_INCREASED, MAXIMUM_DECREASED}, quad{EXCLUSIVE_MAXIMUM_ADDED, EXCLUSIVE_MAXIMUM_REMOVED, EXCLUSIVE_MAXIMUM_INCREASED, EXCLUSIVE_MAXIMUM_DECREASED}, "maximum", cmp.Or(u.exclMaxiKw, o.exclMaxiKw)) {
		x.bound(o, u, o.maximum, u.maximum, "maximum", "", quad{MAXIMUM_ADDED, MAXIMUM_REMOVED, MAXIMUM_INCREASED, MAXIMUM_DECREASED})
		x.bound(o, u, o.exclMaximum, u.exclMaximum, "exclusiveMaximum", u.exclMaxiKw, quad{EXCLUSIVE_MAXIMUM_ADDED, EXCLUSIVE_MAXIMUM_REMOVED, EXCLUSIVE_MAXIMUM_INCREASED, EXCLUSIVE_MAXIMUM_DECREASED})
	}
	om, um := ratOf(o.multipleOf), ratOf(u.multipleOf)
	switch {
	case o.multipleOf == nil && u.multipleOf == nil:
	case o.multipleOf == nil:
		x.add(MULTIPLE_OF_ADDED, "multipleOf", o, u, "multipleOf").new = numberText(u.multipleOf)
	case u.multipleOf == nil:
		x.add(MULTIPLE_OF_REMOVED, "multipleOf", o, u, "multipleOf").old = numberText(o.multipleOf)
	case cmpNumber(o.multipleOf.Str, u.multipleOf.Str) != 0:
		typ := MULTIPLE_OF_CHANGED
		switch {
		case om == nil || um == nil || om.Sign() == 0 || um.Sign() == 0:
			// Too large to divide: taken to break both ways.
		case new(big.Rat).Quo(um, om).IsInt():
			typ = MULTIPLE_OF_EXPANDED
		case new(big.Rat).Quo(om, um).IsInt():
			typ = MULTIPLE_OF_REDUCED
		}
		d := x.add(typ, "multipleOf", o, u, "multipleOf")
		d.old, d.new = numberText(o.multipleOf), numberText(u.multipleOf)
	}
	if o.integer != u.integer {
		typ := TYPE_NARROWED
		if o.integer {
			typ = TYPE_EXTENDED
		}
		d := x.add(typ, "", o, u, "type")
		d.old, d.new = describe(o), describe(u)
	}
}

// switchedBound handles a bound that changes between inclusive and
// exclusive (minimum 10 to exclusiveMinimum 10, or the reverse): compared
// as an interval, it is one relaxation (the old keyword removed) or one
// restriction (the new keyword added), not both. sign is 1 for lower bounds
// and -1 for upper ones. It reports whether it handled the pair.
func (x *cctx) switchedBound(o, u *schema, oi, oe, ui, ue *value, sign int, incl, excl quad, inclKw, exclKw string) bool {
	var oldV, newV *value
	var oldExcl bool
	switch {
	case oi != nil && oe == nil && ui == nil && ue != nil:
		oldV, newV = oi, ue
	case oe != nil && oi == nil && ue == nil && ui != nil:
		oldV, newV, oldExcl = oe, ui, true
	default:
		return false
	}
	// relaxed: the new interval contains the old one.
	c := cmpNumber(newV.Str, oldV.Str) * sign // <0: the new bound is looser
	relaxed := c < 0 || c == 0 && oldExcl
	oldType, oldKw, newType, newKw := incl, inclKw, excl, exclKw
	if oldExcl {
		oldType, oldKw, newType, newKw = excl, exclKw, incl, inclKw
	}
	var d *diff
	if relaxed {
		d = x.add(oldType.removed, oldKw, o, u, oldKw)
	} else {
		d = x.add(newType.added, newKw, o, u, newKw)
	}
	d.old, d.new = numberText(oldV), numberText(newV)
	return true
}

func (x *cctx) enums(o, u *schema) {
	os, us := canonSet(o.enum), canonSet(u.enum)
	if setEqual(os, us) {
		return
	}
	typ := ENUM_ARRAY_CHANGED
	switch {
	case subset(os, us):
		typ = ENUM_ARRAY_EXTENDED
	case subset(us, os):
		typ = ENUM_ARRAY_NARROWED
	}
	kw := "enum"
	if u.v.Get("enum") == nil && u.v.Get("const") != nil {
		kw = "const"
	}
	d := x.add(typ, kw, o, u, kw)
	d.old, d.new = canonList(o.enum), canonList(u.enum)
}

func canonSet(vs []*value) map[string]bool {
	m := map[string]bool{}
	for _, v := range vs {
		m[canonical(v)] = true
	}
	return m
}

func canonList(vs []*value) string {
	parts := make([]string, len(vs))
	for i, v := range vs {
		parts[i] = canonical(v)
	}
	return "[" + strings.Join(parts, ",") + "]"
}

func subset(a, b map[string]bool) bool {
	for k := range a {
		if !b[k] {
			return false
		}
	}
	return true
}

func setEqual(a, b map[string]bool) bool { return len(a) == len(b) && subset(a, b) }

func (x *cctx) not(o, u *schema) {
	x.enter("not")
	defer x.leave(1)
	sub := x.fork()
	// The wrapped schemas are compared in reverse.
	sub.compare(u.not, o.not)
	if len(sub.diffs) == 0 {
		return
	}
	if sub.compatible() {
		x.add(NOT_TYPE_NARROWED, "", o, u, "not")
	} else {
		x.add(NOT_TYPE_EXTENDED, "", o, u, "not")
	}
}

// signature identifies a subschema for de-duplication in combined schemas.
func (c *comparer) signature(s *schema) string {
	if sig, ok := c.sigs[s]; ok {
		return sig
	}
	sig := s.kind.String()
	if s.kind == kNumber && s.integer {
		sig += ":integer"
	}
	if s.v != nil {
		sig += ":" + canonical(s.v)
	}
	if s.doc != nil {
		sig = s.doc.url + ":" + sig
	}
	c.sigs[s] = sig
	return sig
}

// enumToType compares an enum (or const) with a typed schema that accepts
// every one of its values: the typed side accepts more, so an enum that
// became its type ({"const": "a"} to {"type": "string"}) is widened
// (TYPE_EXTENDED) and a type that became an enum of its values narrowed
// (TYPE_NARROWED). It reports whether it handled the pair.
func (x *cctx) enumToType(o, u *schema) bool {
	all := func(p *schema, vs []*value) bool {
		for _, v := range vs {
			if !acceptsValue(p, v) {
				return false
			}
		}
		return len(vs) > 0
	}
	var d *diff
	switch {
	case o.kind == kEnum && all(u, o.enum):
		d = x.add(TYPE_EXTENDED, "", o, u, "type")
		d.old, d.new = canonList(o.enum), describe(u)
	case u.kind == kEnum && all(o, u.enum):
		d = x.add(TYPE_NARROWED, "", o, u, enumKw(u))
		d.old, d.new = describe(o), canonList(u.enum)
	default:
		return false
	}
	x.annotations(o, u)
	return true
}

// enumKw is the keyword holding an enum part's values.
func enumKw(s *schema) string {
	if s.v.Get("enum") == nil && s.v.Get("const") != nil {
		return "const"
	}
	return "enum"
}

// dedupe returns the indices of the branches of ss that are not repeats of
// an earlier one.
func (c *comparer) dedupe(ss []*schema) []int {
	seen := map[string]bool{}
	var out []int
	for i, s := range ss {
		sig := c.signature(s.deref())
		if !seen[sig] {
			seen[sig] = true
			out = append(out, i)
		}
	}
	return out
}

// combKw is the keyword that makes s a combination: its criterion, or
// "type" for a type array.
func combKw(s *schema) string {
	if s.synthetic && s.v.Get("type") != nil && s.criterion == "anyOf" {
		return "type"
	}
	return s.criterion
}

// branchPath is the JSON pointer of branch i of the combination s,
// relative to s: "anyOf/1", or "" for a part of s's own object (a type of
// a type array, the typed keywords beside an allOf).
func branchPath(s *schema, i int) string {
	if s.subPaths != nil {
		return s.subPaths[i]
	}
	if s.synthetic {
		return ""
	}
	return s.criterion + "/" + itoa(i)
}

// enterBranch enters the path of branch i of s and returns how many
// segments to leave.
func (x *cctx) enterBranch(s *schema, i int) int {
	p := branchPath(s, i)
	if p == "" {
		return 0
	}
	segs := strings.Split(p, "/")
	x.enter(segs...)
	return len(segs)
}

// combined compares two combinations of the same criterion (or one the
// criterion change allows): branches are paired by maximum bipartite
// matching of backward-compatible pairs; the remaining branches are paired
// by kind and their differences reported where they are (the finer
// finding); a branch left over was added or removed, which breaks exactly
// the direction it breaks: an allOf branch added (PRODUCT_TYPE_EXTENDED)
// backward, removed (PRODUCT_TYPE_NARROWED) forward; an anyOf or oneOf
// branch added (SUM_TYPE_EXTENDED) forward, removed (SUM_TYPE_NARROWED)
// backward.
func (x *cctx) combined(o, u *schema) {
	if x.criteria(o, u) == COMBINED_TYPE_CHANGED {
		return
	}
	oi, ui := x.c.dedupe(o.subs), x.c.dedupe(u.subs)
	pairedO, pairedU := pairByName(o, u, oi, ui)
	edges := make([][]edge, len(oi))
	for a, i := range oi {
		n := x.enterBranch(o, i)
		for b, j := range ui {
			// A named branch is compared with its namesake only; the
			// others with every branch that has no namesake. This keeps
			// combinations of many named branches linear.
			if p, ok := pairedO[a]; ok && p != b || !ok && pairedU[b] {
				continue
			}
			sub := x.fork()
			sub.compare(o.subs[i], u.subs[j])
			if sub.compatible() {
				edges[a] = append(edges[a], edge{j: b, diffs: sub.diffs})
			}
		}
		x.leave(n)
		slices.SortStableFunc(edges[a], func(p, q edge) int { return cmp.Compare(len(p.diffs), len(q.diffs)) })
	}
	match := maxMatching(edges, len(ui))
	usedU := make([]bool, len(ui))
	var leftO []int
	for a, e := range match {
		if e != nil {
			usedU[e.j] = true
			x.addAll(e.diffs)
		} else {
			leftO = append(leftO, a)
		}
	}
	var leftU []int
	for b := range ui {
		if !usedU[b] {
			leftU = append(leftU, b)
		}
	}
	// Changed branches: pair what is left by name, then by kind, then in
	// order, and report their differences.
	var restO []int
	for _, a := range leftO {
		if b, ok := pairedO[a]; ok {
			if k := slices.Index(leftU, b); k >= 0 {
				x.changedBranch(o, u, oi[a], ui[b])
				leftU = slices.Delete(leftU, k, k+1)
				continue
			}
		}
		ok := o.subs[oi[a]].deref()
		k := slices.IndexFunc(leftU, func(b int) bool { d := u.subs[ui[b]].deref(); return ok != nil && d != nil && d.kind == ok.kind })
		if k < 0 {
			restO = append(restO, a)
			continue
		}
		x.changedBranch(o, u, oi[a], ui[leftU[k]])
		leftU = slices.Delete(leftU, k, k+1)
	}
	if x.c.policy != Strict && o.criterion == "anyOf" && u.criterion == "anyOf" {
		// A union reads old data when each old branch is covered by some
		// new branch, even one that covers another (anyOf [x ≥ 1, x ≥ 2]
		// → [x ≥ 1, string] loses nothing), and old readers read new data
		// when each new branch is covered by some old one: a covered
		// branch changes nothing. Only typed branches are judged so: a
		// branch of bare keywords ({"maxLength": 5}) accepts other types.
		restO = slices.DeleteFunc(restO, func(a int) bool { return typed(o.subs[oi[a]]) && len(edges[a]) > 0 })
		leftU = slices.DeleteFunc(leftU, func(b int) bool {
			if !typed(u.subs[ui[b]]) {
				return false
			}
			for _, i := range oi {
				sub := x.fork()
				sub.compare(o.subs[i], u.subs[ui[b]])
				if sub.compatibleForward() {
					return true
				}
			}
			return false
		})
	}
	for len(restO) > 0 && len(leftU) > 0 {
		x.changedBranch(o, u, oi[restO[0]], ui[leftU[0]])
		restO, leftU = restO[1:], leftU[1:]
	}
	for _, b := range leftU {
		j := ui[b]
		r := SUM_TYPE_EXTENDED
		if u.criterion == "allOf" {
			r = PRODUCT_TYPE_EXTENDED
		}
		x.branch(r, u, j, nil, u.subs[j], o, u)
	}
	for _, a := range restO {
		i := oi[a]
		// Narrowing is named after the original's combination.
		r := SUM_TYPE_NARROWED
		if o.criterion == "allOf" {
			r = PRODUCT_TYPE_NARROWED
		}
		x.branch(r, o, i, o.subs[i], nil, o, u)
	}
}

// pairByName pairs the deduplicated branches oi of o and ui of u that have
// the same name: the same $ref, or else the same title, unique on each side.
// pairedO maps an index into oi to its namesake's index into ui; pairedU
// marks the indexes into ui that have a namesake.
func pairByName(o, u *schema, oi, ui []int) (pairedO map[int]int, pairedU []bool) {
	name := func(s *schema) string {
		switch {
		case s.kind == kRef && s.ref != "":
			return "$ref " + s.ref
		case s.title != nil && s.title.Kind == vString:
			return "title " + s.title.Str
		}
		return ""
	}
	index := func(c *schema, idx []int) map[string]int {
		m := map[string]int{}
		for k, i := range idx {
			if n := name(c.subs[i]); n != "" {
				if _, dup := m[n]; dup {
					m[n] = -1
				} else {
					m[n] = k
				}
			}
		}
		return m
	}
	on, un := index(o, oi), index(u, ui)
	pairedO, pairedU = map[int]int{}, make([]bool, len(ui))
	for n, a := range on {
		if b, ok := un[n]; ok && a >= 0 && b >= 0 {
			pairedO[a] = b
			pairedU[b] = true
		}
	}
	return pairedO, pairedU
}

// typed reports whether a branch says what type it accepts: its own
// "type", enum or const (or it is a part of a type array).
func typed(s *schema) bool {
	d := s.deref()
	if d == nil {
		return false
	}
	if d.kind == kEnum {
		return true
	}
	return d.v != nil && d.v.Get("type") != nil
}

// changedBranch reports the differences between branch i of o and branch j
// of u, paired as the same branch changed; under the strict policy also
// Confluent's COMBINED_TYPE_SUBSCHEMAS_CHANGED.
func (x *cctx) changedBranch(o, u *schema, i, j int) {
	n := x.enterBranch(o, i)
	sub := x.fork()
	sub.compare(o.subs[i], u.subs[j])
	x.addAll(sub.diffs)
	x.leave(n)
	if x.c.policy == Strict {
		x.branch(COMBINED_TYPE_SUBSCHEMAS_CHANGED, u, j, nil, u.subs[j], o, u)
	}
}

// branch records rule r for branch i of the combination s (added when bs
// is the new branch, removed when it is the old one), located at the
// branch itself, or at the combining keyword when the branch is a part of
// the schema object.
func (x *cctx) branch(r *checks.Rule, s *schema, i int, ob, ub *schema, o, u *schema) {
	p := branchPath(s, i)
	kw := combKw(s)
	b := ub
	if b == nil {
		b = ob
	}
	desc := describe(b.deref())
	if p != "" && b.v != nil && b.v.Kind == vObject && len(b.v.Members) <= 4 {
		desc = canon(b.v)
	}
	if p == "" {
		d := x.add(r, "", o, u, kw)
		if ub != nil {
			d.new = desc
		} else {
			d.old = desc
		}
		return
	}
	d := x.add(r, p, o, u, "")
	propLoc(d, ob, ub)
	if ub != nil {
		d.new = desc
	} else {
		d.old = desc
	}
}

type edge struct {
	j     int
	diffs []diff
}

// maxMatching finds a maximum matching in a bipartite graph given as, per
// left vertex, its edges in order of preference (augmenting paths).
func maxMatching(edges [][]edge, right int) []*edge {
	matchL := make([]*edge, len(edges))
	matchR := make([]int, right)
	for j := range matchR {
		matchR[j] = -1
	}
	// First pass: exact (difference-free) pairs, greedily, so that
	// unchanged branches pair with themselves.
	for i, es := range edges {
		for k := range es {
			if len(es[k].diffs) == 0 && matchR[es[k].j] < 0 {
				matchL[i], matchR[es[k].j] = &es[k], i
				break
			}
		}
	}
	var try func(i int, seen []bool) bool
	try = func(i int, seen []bool) bool {
		for k := range edges[i] {
			e := &edges[i][k]
			if seen[e.j] {
				continue
			}
			seen[e.j] = true
			if matchR[e.j] < 0 || try(matchR[e.j], seen) {
				matchL[i], matchR[e.j] = e, i
				return true
			}
		}
		return false
	}
	for i := range edges {
		if matchL[i] == nil {
			try(i, make([]bool, right))
		}
	}
	return matchL
}

func (x *cctx) criteria(o, u *schema) *checks.Rule {
	oc, uc := o.criterion, u.criterion
	var typ *checks.Rule
	switch {
	case oc == uc:
		return nil
	case uc == "anyOf":
		typ = COMBINED_TYPE_EXTENDED
	case uc == "oneOf" && (len(o.subs) == 1 || oc == "allOf"):
		typ = COMBINED_TYPE_EXTENDED
	case uc == "allOf" && len(o.subs) == 1 && len(u.subs) == 1:
		typ = COMBINED_TYPE_EXTENDED
	case x.c.policy != Strict && (oc == "anyOf" || oc == "oneOf" && (len(u.subs) == 1 || uc == "allOf")):
		// The mirror of an extension: the new combination accepts less.
		typ = COMBINED_TYPE_NARROWED
	default:
		typ = COMBINED_TYPE_CHANGED
	}
	d := x.add(typ, "", o, u, uc)
	d.old, d.new = oc, uc
	return typ
}

func itoa(i int) string { return big.NewInt(int64(i)).String() }

func hasDefault(s *schema) bool {
	return s != nil && (s.def != nil || s.deref() != nil && s.deref().def != nil)
}

// isOpen reports whether an object accepts any additional property.
func isOpen(s *schema) bool {
	return len(s.patternProps) == 0 && s.additional == nil && !s.noAdditional &&
		(s.unevalProps == nil || s.unevalProps.deref() != nil && s.unevalProps.deref().kind == kEmpty)
}

// partial returns the schema that covers an undeclared property in a
// partially open content model, or nil when it is closed to it.
func partial(s *schema, name string) *schema {
	for _, p := range s.patternProps {
		if p.re != nil && p.re.MatchString(name) {
			return p.s
		}
	}
	if s.additional != nil {
		return s.additional
	}
	if s.noAdditional {
		return nil
	}
	if u := s.unevalProps.deref(); u != nil && u.kind != kFalse && u.kind != kEmpty {
		return s.unevalProps
	}
	return nil
}

func (x *cctx) objects(o, u *schema) {
	// required
	for _, k := range o.props {
		if _, ok := u.propSchemas[k]; !ok {
			continue
		}
		or, ur := o.required[k], u.required[k]
		switch {
		case or && !ur && x.c.policy != Strict && hasDefault(o.propSchemas[k]):
			// Old readers fill in the default for new data without it.
			x.add(REQUIRED_ATTRIBUTE_WITH_DEFAULT_REMOVED, "required/"+escapePtr(k), o, u, "required").old = k
		case or && !ur:
			x.add(REQUIRED_ATTRIBUTE_REMOVED, "required/"+escapePtr(k), o, u, "required").old = k
		case !or && ur:
			typ := REQUIRED_ATTRIBUTE_ADDED
			if hasDefault(u.propSchemas[k]) {
				typ = REQUIRED_ATTRIBUTE_WITH_DEFAULT_ADDED
			}
			x.add(typ, "required/"+escapePtr(k), o, u, "required").new = k
		}
	}
	// properties
	keys := slices.Clone(o.props)
	for _, k := range u.props {
		if _, ok := o.propSchemas[k]; !ok {
			keys = append(keys, k)
		}
	}
	for _, k := range keys {
		x.enter("properties", escapePtr(k))
		os, us := o.propSchemas[k], u.propSchemas[k]
		switch {
		case us == nil:
			x.propertyRemoved(o, u, k, os)
		case os == nil:
			x.propertyAdded(o, u, k, us)
		default:
			x.compare(os, us)
		}
		x.leave(2)
	}
	x.dependencies(o, u)
	x.additionalProperties(o, u)
	x.unevaluated(o, u, o.unevalProps, u.unevalProps, "unevaluatedProperties", quad{UNEVALUATED_PROPERTIES_ADDED, UNEVALUATED_PROPERTIES_REMOVED, UNEVALUATED_PROPERTIES_EXTENDED, UNEVALUATED_PROPERTIES_NARROWED})
	x.bound(o, u, o.maxProperty, u.maxProperty, "maxProperties", "", quad{MAX_PROPERTIES_ADDED, MAX_PROPERTIES_REMOVED, MAX_PROPERTIES_INCREASED, MAX_PROPERTIES_DECREASED})
	x.bound(o, u, o.minProperties, u.minProperties, "minProperties", "", quad{MIN_PROPERTIES_ADDED, MIN_PROPERTIES_REMOVED, MIN_PROPERTIES_INCREASED, MIN_PROPERTIES_DECREASED})
	x.sub(o, u, o.propNames, u.propNames, "propertyNames", PROPERTY_NAMES_ADDED, PROPERTY_NAMES_REMOVED)
	x.requiredNames(o, u)
	x.patternProperties(o, u)
}

// requiredNames reports, under the lenient policy, required names that
// have no property schema on both sides: Confluent compares "required" only
// for properties both sides declare.
func (x *cctx) requiredNames(o, u *schema) {
	if x.c.policy == Strict {
		return
	}
	var names []string
	for n := range o.required {
		names = append(names, n)
	}
	for n := range u.required {
		if !o.required[n] {
			names = append(names, n)
		}
	}
	slices.Sort(names)
	for _, n := range names {
		_, inO := o.propSchemas[n]
		_, inU := u.propSchemas[n]
		switch {
		case inO && inU, o.required[n] == u.required[n]:
		case u.required[n] && !(inU && !inO):
			x.add(REQUIRED_NAME_ADDED, "required/"+escapePtr(n), o, u, "required").new = n
		case o.required[n] && !(inO && !inU):
			x.add(REQUIRED_NAME_REMOVED, "required/"+escapePtr(n), o, u, "required").old = n
		}
	}
}

// propLoc makes a property difference point at the property's own schema.
func propLoc(d *diff, o, u *schema) { d.o, d.u, d.kw = o, u, "" }

func (x *cctx) propertyRemoved(o, u *schema, k string, os *schema) {
	if x.c.policy != Strict {
		x.propertyRemovedLenient(o, u, k, os)
		return
	}
	if isOpen(u) {
		propLoc(x.add(PROPERTY_REMOVED_FROM_OPEN_CONTENT_MODEL, "", o, u, ""), os, nil)
		return
	}
	if p := partial(u, k); p != nil {
		typ := x.partialCover(os, p, PROPERTY_REMOVED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL, PROPERTY_REMOVED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL)
		propLoc(x.add(typ, "", o, u, ""), os, nil)
		return
	}
	typ := PROPERTY_REMOVED_FROM_CLOSED_CONTENT_MODEL
	if d := os.deref(); d != nil && d.kind == kFalse {
		typ = PROPERTY_WITH_FALSE_REMOVED_FROM_CLOSED_CONTENT_MODEL
	}
	propLoc(x.add(typ, "", o, u, ""), os, nil)
}

// propertyRemovedLenient judges a removed property by the lenient model
// (see docs/jsonschema.md): old writers may emit it, new writers do not
// (unless the new object's open part covers it). New readers ignore it
// unless their object constrains undeclared properties; old readers miss
// it only if they require it.
func (x *cctx) propertyRemovedLenient(o, u *schema, k string, os *schema) {
	// Old readers fill in a default for new data without the property.
	required := o.required[k] && !hasDefault(os)
	switch p := partial(u, k); {
	case isOpen(u):
		r := OPTIONAL_PROPERTY_REMOVED
		if required {
			r = REQUIRED_PROPERTY_REMOVED
		}
		propLoc(x.add(r, "", o, u, ""), os, nil)
	case p != nil:
		r := x.partialCover(os, p, PROPERTY_REMOVED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL, PROPERTY_REMOVED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL)
		propLoc(x.add(r, "", o, u, ""), os, nil)
		if required {
			propLoc(x.add(REQUIRED_PROPERTY_REMOVED, "", o, u, ""), os, nil)
		}
	case os.deref() != nil && os.deref().kind == kFalse:
		propLoc(x.add(PROPERTY_WITH_FALSE_REMOVED_FROM_CLOSED_CONTENT_MODEL, "", o, u, ""), os, nil)
	case required:
		propLoc(x.add(PROPERTY_REMOVED_FROM_CLOSED_CONTENT_MODEL, "", o, u, ""), os, nil)
	default:
		propLoc(x.add(OPTIONAL_PROPERTY_REMOVED_FROM_CLOSED_CONTENT_MODEL, "", o, u, ""), os, nil)
	}
}

func (x *cctx) propertyAdded(o, u *schema, k string, us *schema) {
	required := u.required[k]
	if isOpen(o) {
		var typ *checks.Rule
		switch {
		case us.deref() != nil && us.deref().kind == kEmpty:
			typ = PROPERTY_WITH_EMPTY_SCHEMA_ADDED_TO_OPEN_CONTENT_MODEL
		case required && !hasDefault(us):
			typ = REQUIRED_PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL
		case required && x.c.policy == Strict:
			typ = REQUIRED_PROPERTY_WITH_DEFAULT_ADDED_TO_OPEN_CONTENT_MODEL
		case required:
			typ = REQUIRED_PROPERTY_WITH_DEFAULT_ADDED
		case x.c.policy == Strict:
			typ = OPTIONAL_PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL
		default:
			typ = OPTIONAL_PROPERTY_ADDED
		}
		propLoc(x.add(typ, "", o, u, ""), nil, us)
		return
	}
	p := partial(o, k)
	if p != nil {
		typ := x.partialCover(p, us, PROPERTY_ADDED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL, PROPERTY_ADDED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL)
		propLoc(x.add(typ, "", o, u, ""), nil, us)
	} else if d := us.deref(); d == nil || d.kind != kFalse {
		propLoc(x.add(PROPERTY_ADDED_TO_CLOSED_CONTENT_MODEL, "", o, u, ""), nil, us)
	}
	typ := OPTIONAL_PROPERTY_ADDED_TO_UNOPEN_CONTENT_MODEL
	switch {
	case required && hasDefault(us):
		typ = REQUIRED_PROPERTY_WITH_DEFAULT_ADDED_TO_UNOPEN_CONTENT_MODEL
	case required:
		typ = REQUIRED_PROPERTY_ADDED_TO_UNOPEN_CONTENT_MODEL
	}
	propLoc(x.add(typ, "", o, u, ""), nil, us)
}

func (x *cctx) dependencies(o, u *schema) {
	kw := cmp.Or(u.propDepsKw, o.propDepsKw, "dependencies")
	for _, k := range unionKeys(o.propDeps, u.propDeps) {
		od, ook := o.propDeps[k]
		ud, uok := u.propDeps[k]
		attr := kw + "/" + escapePtr(k)
		var typ *checks.Rule
		switch {
		case !uok:
			typ = DEPENDENCY_ARRAY_REMOVED
		case !ook:
			typ = DEPENDENCY_ARRAY_ADDED
		default:
			os, us := stringSet(od), stringSet(ud)
			switch {
			case setEqual(os, us):
				continue
			case subset(os, us):
				typ = DEPENDENCY_ARRAY_EXTENDED
			case subset(us, os):
				typ = DEPENDENCY_ARRAY_NARROWED
			default:
				typ = DEPENDENCY_ARRAY_CHANGED
			}
		}
		d := x.add(typ, attr, o, u, kw)
		d.old, d.new = strings.Join(od, ","), strings.Join(ud, ",")
	}
	kw = cmp.Or(u.schemaDepsKw, o.schemaDepsKw, "dependencies")
	for _, k := range unionKeys(o.schemaDeps, u.schemaDeps) {
		os, us := o.schemaDeps[k], u.schemaDeps[k]
		switch {
		case us == nil:
			x.add(DEPENDENCY_SCHEMA_REMOVED, kw+"/"+escapePtr(k), o, u, kw)
		case os == nil:
			x.add(DEPENDENCY_SCHEMA_ADDED, kw+"/"+escapePtr(k), o, u, kw)
		default:
			x.enter(kw, escapePtr(k))
			x.compare(os, us)
			x.leave(2)
		}
	}
}

func unionKeys[V any](a, b map[string]V) []string {
	var keys []string
	for k := range a {
		keys = append(keys, k)
	}
	for k := range b {
		if _, ok := a[k]; !ok {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	return keys
}

func stringSet(ss []string) map[string]bool {
	m := map[string]bool{}
	for _, s := range ss {
		m[s] = true
	}
	return m
}

func (x *cctx) additionalProperties(o, u *schema) {
	x.enter("additionalProperties")
	defer x.leave(1)
	kw := "additionalProperties"
	// Under the lenient model writers emit undeclared properties only as
	// entries of an additionalProperties schema: opening or closing an
	// object without one, or giving an open object one, breaks nobody.
	lenient := x.c.policy != Strict
	switch {
	case o.noAdditional != u.noAdditional:
		switch {
		case !u.noAdditional && lenient && u.additional == nil:
			x.add(ADDITIONAL_PROPERTIES_OPENED, "", o, u, kw)
		case !u.noAdditional:
			x.add(ADDITIONAL_PROPERTIES_ADDED, "", o, u, kw)
		case lenient && o.additional == nil:
			x.add(ADDITIONAL_PROPERTIES_CLOSED, "", o, u, kw)
		default:
			x.add(ADDITIONAL_PROPERTIES_REMOVED, "", o, u, kw)
		}
	case o.additional == nil && u.additional != nil && lenient:
		x.add(ADDITIONAL_PROPERTIES_SCHEMA_ADDED, "", o, u, kw)
	case o.additional != nil && u.additional == nil && lenient:
		x.add(ADDITIONAL_PROPERTIES_SCHEMA_REMOVED, "", o, u, kw)
	case o.additional == nil && u.additional != nil:
		x.add(ADDITIONAL_PROPERTIES_NARROWED, "", o, u, kw)
	case o.additional != nil && u.additional == nil:
		x.add(ADDITIONAL_PROPERTIES_EXTENDED, "", o, u, kw)
	default:
		x.compare(o.additional, u.additional)
	}
}

// unevaluated compares unevaluatedProperties / unevaluatedItems.
func (x *cctx) unevaluated(o, u *schema, ou, uu *schema, kw string, rules quad) {
	if ou == nil && uu == nil {
		return
	}
	x.enter(kw)
	defer x.leave(1)
	isFalse := func(s *schema) bool { return s != nil && s.deref() != nil && s.deref().kind == kFalse }
	isEmpty := func(s *schema) bool { return s != nil && s.deref() != nil && s.deref().kind == kEmpty }
	switch {
	case ou == nil && isFalse(uu):
		x.add(rules.removed, "", o, u, kw)
	case ou == nil:
		x.add(rules.less, "", o, u, kw)
	case uu == nil && isFalse(ou):
		x.add(rules.added, "", o, u, kw)
	case uu == nil:
		x.add(rules.more, "", o, u, kw)
	case isFalse(ou) && !isFalse(uu):
		x.add(rules.added, "", o, u, kw)
	case !isFalse(ou) && isFalse(uu):
		x.add(rules.removed, "", o, u, kw)
	case isEmpty(ou) && !isEmpty(uu):
		x.add(rules.less, "", o, u, kw)
	case !isEmpty(ou) && isEmpty(uu):
		x.add(rules.more, "", o, u, kw)
	default:
		x.compare(ou, uu)
	}
}

func (x *cctx) patternProperties(o, u *schema) {
	op := map[string]patternProp{}
	for _, p := range o.patternProps {
		op[p.pattern] = p
	}
	up := map[string]patternProp{}
	for _, p := range u.patternProps {
		up[p.pattern] = p
	}
	for _, k := range unionKeys(op, up) {
		a, aok := op[k]
		b, bok := up[k]
		attr := "patternProperties/" + escapePtr(k)
		switch {
		case !aok:
			x.add(byRest(o, PATTERN_PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL, PATTERN_PROPERTY_ADDED_TO_CLOSED_CONTENT_MODEL, PATTERN_PROPERTY_ADDED), attr, o, u, "patternProperties").new = k
		case !bok:
			x.add(byRest(u, PATTERN_PROPERTY_REMOVED_FROM_OPEN_CONTENT_MODEL, PATTERN_PROPERTY_REMOVED_FROM_CLOSED_CONTENT_MODEL, PATTERN_PROPERTY_REMOVED), attr, o, u, "patternProperties").old = k
		default:
			x.enter("patternProperties", escapePtr(k))
			x.compare(a.s, b.s)
			x.leave(2)
		}
	}
}

// byRest picks the rule of a pattern property added to (or removed from)
// s by what s does with names no property or pattern covers: they may hold
// anything (open), are forbidden (closed), or are constrained (other).
func byRest(s *schema, open, closed, other *checks.Rule) *checks.Rule {
	switch {
	case closedRest(s):
		return closed
	case openRest(s):
		return open
	}
	return other
}

// openRest reports whether names no property or pattern covers may hold
// anything; closedRest whether they are forbidden.
func openRest(s *schema) bool {
	u := s.unevalProps.deref()
	return !s.noAdditional && s.additional == nil && (u == nil || u.kind == kEmpty)
}

func closedRest(s *schema) bool {
	u := s.unevalProps.deref()
	return s.noAdditional || s.additional == nil && u != nil && u.kind == kFalse
}

// isOpenArray reports whether a tuple accepts any further item.
func isOpenArray(s *schema) bool {
	if s.noAddItems || s.addItems != nil {
		return false
	}
	u := s.unevalItems.deref()
	return u == nil || u.kind == kEmpty
}

func partialItems(s *schema) *schema {
	if s.addItems != nil {
		return s.addItems
	}
	if s.noAddItems {
		return nil
	}
	if u := s.unevalItems.deref(); u != nil && u.kind != kFalse && u.kind != kEmpty {
		return s.unevalItems
	}
	return nil
}

func (x *cctx) arrays(o, u *schema) {
	kw := cmp.Or(u.itemsKw, o.itemsKw, "items")
	x.enter(kw)
	x.compare(o.items, u.items)
	x.leave(1)
	x.tuples(o, u)
	x.additionalItems(o, u)
	x.unevaluated(o, u, o.unevalItems, u.unevalItems, "unevaluatedItems", quad{UNEVALUATED_ITEMS_ADDED, UNEVALUATED_ITEMS_REMOVED, UNEVALUATED_ITEMS_EXTENDED, UNEVALUATED_ITEMS_NARROWED})
	x.bound(o, u, o.maxItems, u.maxItems, "maxItems", "", quad{MAX_ITEMS_ADDED, MAX_ITEMS_REMOVED, MAX_ITEMS_INCREASED, MAX_ITEMS_DECREASED})
	x.bound(o, u, o.minItems, u.minItems, "minItems", "", quad{MIN_ITEMS_ADDED, MIN_ITEMS_REMOVED, MIN_ITEMS_INCREASED, MIN_ITEMS_DECREASED})
	switch {
	case o.unique && !u.unique:
		x.add(UNIQUE_ITEMS_REMOVED, "uniqueItems", o, u, "uniqueItems")
	case !o.unique && u.unique:
		x.add(UNIQUE_ITEMS_ADDED, "uniqueItems", o, u, "uniqueItems")
	}
	x.bound(o, u, o.maxContains, u.maxContains, "maxContains", "", quad{MAX_CONTAINS_ADDED, MAX_CONTAINS_REMOVED, MAX_CONTAINS_INCREASED, MAX_CONTAINS_DECREASED})
	x.bound(o, u, o.minContains, u.minContains, "minContains", "", quad{MIN_CONTAINS_ADDED, MIN_CONTAINS_REMOVED, MIN_CONTAINS_INCREASED, MIN_CONTAINS_DECREASED})
	x.sub(o, u, o.contains, u.contains, "contains", CONTAINS_ADDED, CONTAINS_REMOVED)
}

func (x *cctx) tuples(o, u *schema) {
	kw := cmp.Or(u.tupleKw, o.tupleKw, "items")
	n := min(len(o.tuple), len(u.tuple))
	for i := range n {
		x.enter(kw, itoa(i))
		x.compare(o.tuple[i], u.tuple[i])
		x.leave(2)
	}
	for i := n; i < len(o.tuple); i++ {
		os := o.tuple[i]
		x.enter(kw, itoa(i))
		switch p := partialItems(u); {
		case isOpenArray(u) && os.deref() != nil && os.deref().kind == kEmpty:
			propLoc(x.add(ITEM_WITH_EMPTY_SCHEMA_REMOVED_FROM_OPEN_CONTENT_MODEL, "", o, u, ""), os, nil)
		case isOpenArray(u):
			propLoc(x.add(ITEM_REMOVED_FROM_OPEN_CONTENT_MODEL, "", o, u, ""), os, nil)
		case p != nil:
			typ := x.partialCover(os, p, ITEM_REMOVED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL, ITEM_REMOVED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL)
			propLoc(x.add(typ, "", o, u, ""), os, nil)
		case os.deref() != nil && os.deref().kind == kFalse:
			propLoc(x.add(ITEM_WITH_FALSE_REMOVED_FROM_CLOSED_CONTENT_MODEL, "", o, u, ""), os, nil)
		default:
			propLoc(x.add(ITEM_REMOVED_FROM_CLOSED_CONTENT_MODEL, "", o, u, ""), os, nil)
		}
		x.leave(2)
	}
	for i := n; i < len(u.tuple); i++ {
		us := u.tuple[i]
		x.enter(kw, itoa(i))
		switch p := partialItems(o); {
		case isOpenArray(o):
			typ := ITEM_ADDED_TO_OPEN_CONTENT_MODEL
			if d := us.deref(); d != nil && d.kind == kEmpty {
				typ = ITEM_WITH_EMPTY_SCHEMA_ADDED_TO_OPEN_CONTENT_MODEL
			}
			propLoc(x.add(typ, "", o, u, ""), nil, us)
		case p != nil:
			typ := x.partialCover(p, us, ITEM_ADDED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL, ITEM_ADDED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL)
			propLoc(x.add(typ, "", o, u, ""), nil, us)
		case us.deref() != nil && us.deref().kind == kFalse:
			propLoc(x.add(ITEM_WITH_FALSE_ADDED_TO_CLOSED_CONTENT_MODEL, "", o, u, ""), nil, us)
		default:
			propLoc(x.add(ITEM_ADDED_TO_CLOSED_CONTENT_MODEL, "", o, u, ""), nil, us)
		}
		x.leave(2)
	}
}

func (x *cctx) additionalItems(o, u *schema) {
	kw := cmp.Or(u.addItemsKw, o.addItemsKw, "additionalItems")
	x.enter(kw)
	defer x.leave(1)
	switch {
	case o.noAddItems != u.noAddItems:
		if !o.noAddItems {
			x.add(ADDITIONAL_ITEMS_REMOVED, "", o, u, kw)
		} else {
			x.add(ADDITIONAL_ITEMS_ADDED, "", o, u, kw)
		}
	case o.addItems == nil && u.addItems != nil:
		x.add(ADDITIONAL_ITEMS_NARROWED, "", o, u, kw)
	case o.addItems != nil && u.addItems == nil:
		x.add(ADDITIONAL_ITEMS_EXTENDED, "", o, u, kw)
	default:
		x.compare(o.addItems, u.addItems)
	}
}
