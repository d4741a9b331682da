package jsonschema

import (
	"math/big"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// kind is the shape of a schema in the draft-neutral model. It follows the
// way Confluent Schema Registry's JSON Schema library (everit) splits a
// schema into typed parts, so that verdicts agree with its differences:
// one schema object with keywords of several types is the conjunction
// (synthetic allOf) of one part per type.
type kind uint8

const (
	kEmpty    kind = iota // accepts everything (true, {})
	kFalse                // accepts nothing
	kString               // type string, or string keywords
	kNumber               // type number/integer, or numeric keywords
	kBoolean              // type boolean
	kNull                 // type null
	kObject               // type object, or object keywords
	kArray                // type array, or array keywords
	kEnum                 // enum, or const (a one-value enum)
	kCombined             // allOf / anyOf / oneOf, or several parts
	kNot                  // not
	kRef                  // $ref, resolved to target
)

var kindNames = [...]string{"empty", "false", "string", "number", "boolean", "null", "object", "array", "enum", "combined", "not", "ref"}

func (k kind) String() string { return kindNames[k] }

// schema is one node of the draft-neutral model. Positions come from v (the
// schema's JSON object, or nil for a part synthesised from nothing) in doc.
type schema struct {
	kind kind
	doc  *document
	v    *value
	at   pos // where the schema is introduced: its key, or its first character

	// Annotations, shared by all kinds.
	id, title, description, comment *value
	def, examples                   *value
	deprecated, readOnly, writeOnly bool

	// Type-specific keywords, set on parts of that type only.
	*strFields
	*numFields
	*objFields
	*arrFields

	// Enum (const is a one-value enum).
	enum []*value

	// Combined.
	criterion string // "allOf", "anyOf", "oneOf"
	subs      []*schema
	// subPaths are the JSON pointer segments of subs relative to the
	// schema ("allOf/0"; "" for a part of the schema object itself); nil
	// means criterion/index.
	subPaths  []string
	synthetic bool // several parts of one schema object, or a type array

	// Not.
	not *schema

	// Ref.
	target *schema
	ref    string
	// shared is set on $ref targets: only pairs of shared schemas can be
	// met twice (or recursively) in a comparison, so only they are memoised.
	shared bool

	// Conditionals.
	ifS, thenS, elseS *schema
}

// strFields are the keywords of a string part.
type strFields struct {
	minLength, maxLength              *value
	pattern, format                   *value
	contentEncoding, contentMediaType *value
}

// numFields are the keywords of a number part. Bounds are normalised: the
// draft-04 boolean exclusiveMinimum / exclusiveMaximum become exclusive
// limits.
type numFields struct {
	integer                   bool
	minimum, maximum          *value
	exclMinimum, exclMaximum  *value
	minimumKw, maximumKw      string // keyword that holds the bound, for locations
	exclMinimumKw, exclMaxiKw string
	multipleOf                *value
}

// objFields are the keywords of an object part.
type objFields struct {
	minProperties, maxProperty *value
	props                      []string // in source order
	propSchemas                map[string]*schema
	required                   map[string]bool
	noAdditional               bool    // additionalProperties: false
	additional                 *schema // additionalProperties schema (nil when absent/true/false)
	patternProps               []patternProp
	propDeps                   map[string][]string // dependencies / dependentRequired
	propDepsKw                 string
	schemaDeps                 map[string]*schema // dependencies / dependentSchemas
	schemaDepsKw               string
	propNames                  *schema // propertyNames
	unevalProps                *schema
}

// arrFields are the keywords of an array part.
type arrFields struct {
	items         *schema   // schema for all items
	itemsKw       string    // "items"
	tuple         []*schema // positional item schemas (items array / prefixItems)
	tupleKw       string
	noAddItems    bool    // additionalItems: false (or items: false after prefixItems)
	addItems      *schema // additionalItems schema
	addItemsKw    string
	minItems      *value
	maxItems      *value
	unique        bool
	contains      *schema
	minContains   *value
	maxContains   *value
	unevalItems   *schema
	unevalItemsKw string
}

type patternProp struct {
	pattern string
	re      *regexp.Regexp
	s       *schema
	at      pos
}

// deref follows $ref chains. Chains are acyclic: the builder rejects cycles.
func (s *schema) deref() *schema {
	for s != nil && s.kind == kRef {
		s = s.target
	}
	return s
}

// keywords of each typed part, used when "type" is absent.
var (
	stringKeywords = []string{"minLength", "maxLength", "pattern", "format", "contentEncoding", "contentMediaType"}
	numberKeywords = []string{"minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf"}
	objectKeywords = []string{"properties", "required", "minProperties", "maxProperties", "dependencies",
		"dependentRequired", "dependentSchemas", "patternProperties", "additionalProperties", "propertyNames",
		"unevaluatedProperties"}
	arrayKeywords = []string{"items", "additionalItems", "prefixItems", "minItems", "maxItems", "uniqueItems",
		"contains", "minContains", "maxContains", "unevaluatedItems"}
)

// schemaKeywords are the keywords that make a JSON object recognisably a
// schema (see Owns and isSchemaLike).
var schemaKeywords = func() map[string]bool {
	m := map[string]bool{}
	for _, k := range slices.Concat(stringKeywords, numberKeywords, objectKeywords, arrayKeywords, []string{
		"$schema", "$id", "$ref", "$defs", "definitions", "$anchor", "$dynamicRef", "$recursiveRef",
		"type", "enum", "const", "allOf", "anyOf", "oneOf", "not", "if", "then", "else",
	}) {
		m[k] = true
	}
	return m
}()

// builder turns the documents of one side into the model.
type builder struct {
	l     *loader
	built map[*value]*schema
	order []*schema // built schemas, in build order
}

func newBuilder(l *loader) *builder {
	return &builder{l: l, built: map[*value]*schema{}}
}

// root builds the schema of a document.
func (b *builder) root(d *document) *schema {
	return b.build(d, d.root, d.url, d.root.at, 0)
}

func (b *builder) diag(d *document, at pos, format string, args ...any) {
	b.l.diag(d.file, at, format, args...)
}

// build builds the schema at v (memoised by node, so that references share
// nodes and recursive schemas become cycles in the model).
func (b *builder) build(d *document, v *value, base string, at pos, depth int) *schema {
	if s, ok := b.built[v]; ok {
		return s
	}
	s := &schema{doc: d, v: v, at: at}
	b.built[v] = s
	b.order = append(b.order, s)
	if depth > maxDepth {
		b.diag(d, v.at, "schema nested deeper than %d levels", maxDepth)
		return s
	}
	switch v.kind {
	case vBool:
		if !v.b {
			s.kind = kFalse
		}
		return s
	case vObject:
	default:
		b.diag(d, v.at, "a schema must be an object or a boolean")
		return s
	}
	if id, ok := v.str(idKeyword(d.draft)); ok && id != "" && !(strings.HasPrefix(id, "#") && d.draft < 2019) {
		if nb, err := resolveURL(base, id); err == nil {
			base = stripFragment(nb)
		}
	}
	b.annotations(s, v, d)

	var parts []*schema
	if m := v.member("$ref"); m != nil {
		ref := b.ref(d, m, base, depth)
		if d.draft < 2019 {
			// Before 2019-09, keywords beside $ref are ignored.
			*s = *ref
			s.doc, s.v, s.at = d, v, at
			return s
		}
		parts = append(parts, ref)
	}
	for _, k := range []string{"$dynamicRef", "$recursiveRef"} {
		if m := v.member(k); m != nil {
			parts = append(parts, b.ref(d, m, base, depth))
		}
	}
	if e := v.get("enum"); e != nil && e.kind == vArray {
		parts = append(parts, &schema{kind: kEnum, doc: d, v: v, at: at, enum: e.arr})
	}
	for _, c := range []string{"allOf", "anyOf", "oneOf"} {
		if arr := v.get(c); arr != nil && arr.kind == vArray {
			cs := &schema{kind: kCombined, doc: d, v: v, at: at, criterion: c}
			for i, e := range arr.arr {
				cs.subs = append(cs.subs, b.build(d, e, base, e.at, depth+1))
				_ = i
			}
			parts = append(parts, cs)
		}
	}
	if n := v.member("not"); n != nil {
		parts = append(parts, &schema{kind: kNot, doc: d, v: v, at: at, not: b.build(d, n.val, base, n.keyAt, depth+1)})
	}
	if c := v.get("const"); c != nil {
		parts = append(parts, &schema{kind: kEnum, doc: d, v: v, at: at, enum: []*value{c}})
	}
	if len(parts) == 0 && v.get("type") != nil && v.get("type").kind == vString {
		// The common case, one typed part: build it in place.
		b.typedInto(s, d, v, base, depth)
		b.conditionals(s, d, v, base, depth)
		return s
	}
	parts = append(parts, b.typed(d, v, base, at, depth)...)

	parts = absorbTypes(parts)
	var eff *schema
	switch len(parts) {
	case 0:
		eff = s
	case 1:
		eff = parts[0]
	default:
		eff = flattenAllOf(parts)
	}
	if eff != s {
		// The first part takes the schema's identity and annotations.
		ann := *s
		*s = *eff
		s.doc, s.v, s.at = d, v, at
		// A $ref met while building the parts may already target s.
		s.shared = s.shared || ann.shared
		s.id, s.title, s.description, s.comment = ann.id, ann.title, ann.description, ann.comment
		s.def, s.examples = ann.def, ann.examples
		s.deprecated, s.readOnly, s.writeOnly = ann.deprecated, ann.readOnly, ann.writeOnly
		if eff.kind == kRef {
			// Keep the reference as a reference: the annotations stay on it.
			s.kind, s.target = kRef, eff.target
		}
	}
	b.conditionals(s, d, v, base, depth)
	return s
}

// flattenAllOf makes the synthetic allOf of a schema object's parts, with
// the branches of an allOf keyword among them spliced in (allOf is
// associative): {"type": "object", "allOf": [A, B]} is allOf [object, A, B],
// so that a branch added to the keyword is one branch added.
func flattenAllOf(parts []*schema) *schema {
	all := &schema{kind: kCombined, criterion: "allOf", synthetic: true}
	for _, p := range parts {
		if p.kind == kCombined && p.criterion == "allOf" && !p.synthetic {
			for i, sub := range p.subs {
				all.subs = append(all.subs, sub)
				all.subPaths = append(all.subPaths, "allOf/"+strconv.Itoa(i))
			}
			continue
		}
		all.subs = append(all.subs, p)
		all.subPaths = append(all.subPaths, "")
	}
	return all
}

// absorbTypes drops the typed parts of a schema object with an enum (or
// const) when every value of the enum is certainly of the type and meets
// its constraints: {"type": "string", "enum": ["a", "b"]} accepts exactly
// the enum's values, and is compared as the enum it is.
func absorbTypes(parts []*schema) []*schema {
	var enum *schema
	for _, p := range parts {
		if p.kind == kEnum {
			if enum != nil {
				return parts
			}
			enum = p
		}
	}
	if enum == nil || len(parts) < 2 {
		return parts
	}
	for _, p := range parts {
		if p == enum {
			continue
		}
		for _, v := range enum.enum {
			if !acceptsValue(p, v) {
				return parts
			}
		}
	}
	return []*schema{enum}
}

// acceptsValue reports whether the schema part p certainly accepts the
// value v: p is a typed part (or a type array of them) whose constraints
// can be checked here. Unknown is false.
func acceptsValue(p *schema, v *value) bool {
	switch p.kind {
	case kCombined:
		if !p.synthetic || p.criterion != "anyOf" {
			return false
		}
		for _, s := range p.subs {
			if acceptsValue(s, v) {
				return true
			}
		}
		return false
	case kString:
		if v.kind != vString || p.pattern != nil || p.format != nil || p.contentEncoding != nil || p.contentMediaType != nil {
			return false
		}
		n := big.NewRat(int64(utf8.RuneCountInString(v.s)), 1)
		return atLeast(n, p.minLength, false) && atMost(n, p.maxLength, false)
	case kNumber:
		r, ok := v.rat()
		if v.kind != vNumber || !ok || p.integer && !r.IsInt() {
			return false
		}
		if p.multipleOf != nil {
			m := ratOf(p.multipleOf)
			if m == nil || m.Sign() <= 0 || !new(big.Rat).Quo(r, m).IsInt() {
				return false
			}
		}
		return atLeast(r, p.minimum, false) && atLeast(r, p.exclMinimum, true) &&
			atMost(r, p.maximum, false) && atMost(r, p.exclMaximum, true)
	case kBoolean:
		return v.kind == vBool
	case kNull:
		return v.kind == vNull
	case kEmpty:
		return true
	case kEnum:
		c := v.canonical()
		return slices.ContainsFunc(p.enum, func(e *value) bool { return e.canonical() == c })
	case kObject:
		o := p.objFields
		if v.kind != vObject || len(o.patternProps) > 0 || len(o.propDeps) > 0 || len(o.schemaDeps) > 0 || o.propNames != nil ||
			o.unevalProps != nil || o.minProperties != nil || o.maxProperty != nil {
			return false
		}
		for name := range o.required {
			if v.member(name) == nil {
				return false
			}
		}
		for _, m := range v.members {
			switch s := o.propSchemas[m.key]; {
			case s != nil:
				if d := s.deref(); d == nil || !acceptsValue(d, m.val) {
					return false
				}
			case o.noAdditional:
				return false
			case o.additional != nil:
				if d := o.additional.deref(); d == nil || !acceptsValue(d, m.val) {
					return false
				}
			}
		}
		return true
	case kArray:
		a := p.arrFields
		return v.kind == vArray && a.items == nil && len(a.tuple) == 0 && !a.noAddItems && a.addItems == nil &&
			a.minItems == nil && a.maxItems == nil && !a.unique && a.contains == nil && a.unevalItems == nil
	}
	return false
}

func atLeast(n *big.Rat, bound *value, exclusive bool) bool {
	if bound == nil {
		return true
	}
	b := ratOf(bound)
	if b == nil {
		return false
	}
	c := n.Cmp(b)
	return c > 0 || c == 0 && !exclusive
}

func atMost(n *big.Rat, bound *value, exclusive bool) bool {
	if bound == nil {
		return true
	}
	b := ratOf(bound)
	if b == nil {
		return false
	}
	c := n.Cmp(b)
	return c < 0 || c == 0 && !exclusive
}

// conditionals builds if/then/else and the definitions of a schema object.
func (b *builder) conditionals(s *schema, d *document, v *value, base string, depth int) {
	for _, c := range []struct {
		kw  string
		dst **schema
	}{{"if", &s.ifS}, {"then", &s.thenS}, {"else", &s.elseS}} {
		if m := v.member(c.kw); m != nil {
			*c.dst = b.build(d, m.val, base, m.keyAt, depth+1)
		}
	}
	for _, k := range []string{"$defs", "definitions"} {
		if defs := v.get(k); defs != nil && defs.kind == vObject {
			for _, m := range defs.members {
				b.build(d, m.val, base, m.keyAt, depth+1)
			}
		}
	}
}

func (b *builder) ref(d *document, m *member, base string, depth int) *schema {
	s := &schema{kind: kRef, doc: d, v: m.val, at: m.keyAt}
	if m.val.kind != vString {
		b.diag(d, m.val.at, "%s must be a string", m.key)
		s.kind = kEmpty
		return s
	}
	s.ref = m.val.s
	r, err := b.l.resolve(base, m.val.s)
	if err != nil {
		b.diag(d, m.val.at, "%v", err)
		s.kind = kEmpty
		return s
	}
	s.target = b.build(r.doc, r.v, r.base, r.v.at, depth+1)
	s.target.shared = true
	return s
}

func (b *builder) annotations(s *schema, v *value, d *document) {
	s.id = v.get(idKeyword(d.draft))
	if s.id == nil {
		// Confluent reports changes to either spelling.
		s.id = v.get("id")
		if s.id != nil && s.id.kind != vString {
			s.id = nil
		}
	}
	s.title = v.get("title")
	s.description = v.get("description")
	s.comment = v.get("$comment")
	s.def = v.get("default")
	s.examples = v.get("examples")
	s.deprecated = boolOf(v.get("deprecated"))
	s.readOnly = boolOf(v.get("readOnly"))
	s.writeOnly = boolOf(v.get("writeOnly"))
}

func boolOf(v *value) bool { return v != nil && v.kind == vBool && v.b }

// typedInto builds the one typed part of a schema object with a single
// "type" into s.
func (b *builder) typedInto(s *schema, d *document, v *value, base string, depth int) {
	t := v.get("type")
	b.fillTyped(s, t.s, t, d, v, base, depth)
}

// fillTyped makes p the part of type typ of the schema object v.
func (b *builder) fillTyped(p *schema, typ string, t *value, d *document, v *value, base string, depth int) {
	switch typ {
	case "string":
		p.kind = kString
		p.strFields = &strFields{}
		b.stringPart(p, v)
	case "number", "integer":
		p.kind = kNumber
		p.numFields = &numFields{integer: typ == "integer"}
		b.numberPart(p, v, d)
	case "boolean":
		p.kind = kBoolean
	case "null":
		p.kind = kNull
	case "object":
		p.kind = kObject
		p.objFields = &objFields{}
		b.objectPart(p, v, d, base, depth)
	case "array":
		p.kind = kArray
		p.arrFields = &arrFields{}
		b.arrayPart(p, v, d, base, depth)
	default:
		b.diag(d, t.at, "unknown type %q", typ)
		p.kind = kEmpty
	}
}

// typed builds the type-specific parts of a schema object: one per type
// named by "type", or one per family of keywords present when it is absent.
func (b *builder) typed(d *document, v *value, base string, at pos, depth int) []*schema {
	t := v.get("type")
	part := func(typ string) *schema {
		p := &schema{doc: d, v: v, at: at}
		b.fillTyped(p, typ, t, d, v, base, depth)
		return p
	}
	switch {
	case t == nil:
		var parts []*schema
		has := func(kws []string) bool {
			return slices.ContainsFunc(kws, func(k string) bool { return v.get(k) != nil })
		}
		if has(arrayKeywords) {
			parts = append(parts, part("array"))
		}
		if has(objectKeywords) {
			parts = append(parts, part("object"))
		}
		if has(numberKeywords) {
			parts = append(parts, part("number"))
		}
		if has(stringKeywords) {
			parts = append(parts, part("string"))
		}
		return parts
	case t.kind == vString:
		return []*schema{part(t.s)}
	case t.kind == vArray:
		u := &schema{kind: kCombined, doc: d, v: v, at: at, criterion: "anyOf", synthetic: true}
		for _, e := range t.arr {
			if e.kind != vString {
				b.diag(d, e.at, "type must name a type")
				continue
			}
			u.subs = append(u.subs, part(e.s))
		}
		return []*schema{u}
	}
	b.diag(d, t.at, "type must be a string or an array of strings")
	return nil
}

// numberOf keeps a numeric keyword's value; it is compared exactly, as a
// rational, only when the two sides' literals differ.
func numberOf(v *value) *value {
	if v == nil || v.kind != vNumber {
		return nil
	}
	return v
}

func ratOf(v *value) *big.Rat {
	r, _ := v.rat()
	return r
}

func (b *builder) stringPart(p *schema, v *value) {
	p.minLength = numberOf(v.get("minLength"))
	p.maxLength = numberOf(v.get("maxLength"))
	p.pattern = v.get("pattern")
	p.format = v.get("format")
	p.contentEncoding = v.get("contentEncoding")
	p.contentMediaType = v.get("contentMediaType")
}

func (b *builder) numberPart(p *schema, v *value, d *document) {
	p.minimum, p.minimumKw = numberOf(v.get("minimum")), "minimum"
	p.maximum, p.maximumKw = numberOf(v.get("maximum")), "maximum"
	p.exclMinimumKw, p.exclMaxiKw = "exclusiveMinimum", "exclusiveMaximum"
	if em := v.get("exclusiveMinimum"); em != nil {
		if em.kind == vBool {
			// Draft 04: a flag on minimum.
			if em.b && p.minimum != nil {
				p.exclMinimum, p.minimum = p.minimum, nil
				p.exclMinimumKw = "minimum"
			}
		} else {
			p.exclMinimum = numberOf(em)
		}
	}
	if em := v.get("exclusiveMaximum"); em != nil {
		if em.kind == vBool {
			if em.b && p.maximum != nil {
				p.exclMaximum, p.maximum = p.maximum, nil
				p.exclMaxiKw = "maximum"
			}
		} else {
			p.exclMaximum = numberOf(em)
		}
	}
	p.multipleOf = numberOf(v.get("multipleOf"))
}

func (b *builder) objectPart(p *schema, v *value, d *document, base string, depth int) {
	// Maps stay nil unless their keyword is present (reading a nil map is
	// fine): most objects have few keywords.
	if props := v.get("properties"); props != nil && props.kind == vObject {
		p.propSchemas = make(map[string]*schema, len(props.members))
		for _, m := range props.members {
			p.props = append(p.props, m.key)
			p.propSchemas[m.key] = b.build(d, m.val, base, m.keyAt, depth+1)
		}
	}
	if req := v.get("required"); req != nil && req.kind == vArray {
		p.required = make(map[string]bool, len(req.arr))
		for _, e := range req.arr {
			if e.kind == vString {
				p.required[e.s] = true
			}
		}
	}
	if ap := v.member("additionalProperties"); ap != nil {
		switch {
		case ap.val.kind == vBool && !ap.val.b:
			p.noAdditional = true
		case ap.val.kind == vBool:
		default:
			p.additional = b.build(d, ap.val, base, ap.keyAt, depth+1)
		}
	}
	if pp := v.get("patternProperties"); pp != nil && pp.kind == vObject {
		for _, m := range pp.members {
			re, err := regexp.Compile(m.key)
			if err != nil {
				// Go's RE2 lacks some ECMA-262 features (lookaround,
				// backreferences); such a pattern covers nothing here.
				re = nil
			}
			p.patternProps = append(p.patternProps, patternProp{pattern: m.key, re: re, s: b.build(d, m.val, base, m.keyAt, depth+1), at: m.keyAt})
		}
	}
	for _, kw := range []string{"dependencies", "dependentRequired", "dependentSchemas"} {
		deps := v.get(kw)
		if deps == nil || deps.kind != vObject {
			continue
		}
		if p.propDeps == nil {
			p.propDeps = map[string][]string{}
			p.schemaDeps = map[string]*schema{}
		}
		for _, m := range deps.members {
			if m.val.kind == vArray {
				var names []string
				for _, e := range m.val.arr {
					if e.kind == vString {
						names = append(names, e.s)
					}
				}
				p.propDeps[m.key] = names
				p.propDepsKw = kw
			} else {
				p.schemaDeps[m.key] = b.build(d, m.val, base, m.keyAt, depth+1)
				p.schemaDepsKw = kw
			}
		}
	}
	p.minProperties = numberOf(v.get("minProperties"))
	p.maxProperty = numberOf(v.get("maxProperties"))
	if m := v.member("propertyNames"); m != nil {
		p.propNames = b.build(d, m.val, base, m.keyAt, depth+1)
	}
	if u := v.member("unevaluatedProperties"); u != nil {
		p.unevalProps = b.build(d, u.val, base, u.keyAt, depth+1)
	}
}

func (b *builder) arrayPart(p *schema, v *value, d *document, base string, depth int) {
	items := v.member("items")
	prefix := v.member("prefixItems")
	switch {
	case prefix != nil && prefix.val.kind == vArray:
		// 2020-12: prefixItems is the tuple, items the rest.
		p.tupleKw = "prefixItems"
		for _, e := range prefix.val.arr {
			p.tuple = append(p.tuple, b.build(d, e, base, e.at, depth+1))
		}
		if items != nil {
			p.addItemsKw = "items"
			b.additionalItems(p, items, d, base, depth)
		}
	case items != nil && items.val.kind == vArray:
		p.tupleKw = "items"
		for _, e := range items.val.arr {
			p.tuple = append(p.tuple, b.build(d, e, base, e.at, depth+1))
		}
		if ai := v.member("additionalItems"); ai != nil {
			p.addItemsKw = "additionalItems"
			b.additionalItems(p, ai, d, base, depth)
		}
	case items != nil && items.val.kind == vBool:
		// items: true accepts any item and items: false none: the same as
		// additional items allowed or forbidden after an empty tuple (which
		// is how Confluent reads 2020-12's boolean items).
		p.addItemsKw = "items"
		b.additionalItems(p, items, d, base, depth)
	case items != nil:
		p.itemsKw = "items"
		p.items = b.build(d, items.val, base, items.keyAt, depth+1)
	}
	if ai := v.member("additionalItems"); ai != nil && p.addItemsKw == "" && prefix == nil {
		// Without a tuple additionalItems constrains nothing, but Confluent
		// (everit) still compares it.
		p.addItemsKw = "additionalItems"
		b.additionalItems(p, ai, d, base, depth)
	}
	p.minItems = numberOf(v.get("minItems"))
	p.maxItems = numberOf(v.get("maxItems"))
	p.unique = boolOf(v.get("uniqueItems"))
	if c := v.member("contains"); c != nil {
		p.contains = b.build(d, c.val, base, c.keyAt, depth+1)
	}
	p.minContains = numberOf(v.get("minContains"))
	p.maxContains = numberOf(v.get("maxContains"))
	if u := v.member("unevaluatedItems"); u != nil {
		p.unevalItemsKw = "unevaluatedItems"
		p.unevalItems = b.build(d, u.val, base, u.keyAt, depth+1)
	}
}

func (b *builder) additionalItems(p *schema, m *member, d *document, base string, depth int) {
	switch {
	case m.val.kind == vBool && !m.val.b:
		p.noAddItems = true
	case m.val.kind == vBool:
	default:
		p.addItems = b.build(d, m.val, base, m.keyAt, depth+1)
	}
}

// checkRefCycles reports $ref chains that never reach a schema.
func (b *builder) checkRefCycles() {
	for _, s := range b.order {
		if s.kind != kRef {
			continue
		}
		seen := map[*schema]bool{}
		var chain []string
		var members []*schema
		for t := s; t != nil && t.kind == kRef; t = t.target {
			if seen[t] {
				b.diag(s.doc, s.at, "circular $ref that never reaches a schema: %s", strings.Join(chain, " → "))
				// Report the cycle once.
				for _, m := range members {
					m.kind, m.target = kEmpty, nil
				}
				break
			}
			seen[t] = true
			members = append(members, t)
			chain = append(chain, strconv.Quote(t.ref))
		}
	}
}

// describe names a schema for messages.
func describe(s *schema) string {
	switch s.kind {
	case kNumber:
		if s.integer {
			return "integer"
		}
		return "number"
	case kCombined:
		return s.criterion
	}
	return s.kind.String()
}
