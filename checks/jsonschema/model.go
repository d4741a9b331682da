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
	return b.build(d, d.root, d.url, d.root.Pos, 0)
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
		b.diag(d, v.Pos, "schema nested deeper than %d levels", maxDepth)
		return s
	}
	switch v.Kind {
	case vBool:
		if !v.Bool {
			s.kind = kFalse
		}
		return s
	case vObject:
	default:
		b.diag(d, v.Pos, "a schema must be an object or a boolean")
		return s
	}
	if id, ok := strOf(v, idKeyword(d.draft)); ok && id != "" && !(strings.HasPrefix(id, "#") && d.draft < 2019) {
		if nb, err := resolveURL(base, id); err == nil {
			base = stripFragment(nb)
		}
	}
	b.annotations(s, v, d)

	var parts []*schema
	if m := v.Member("$ref"); m != nil {
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
		if m := v.Member(k); m != nil {
			parts = append(parts, b.ref(d, m, base, depth))
		}
	}
	if e := v.Get("enum"); e != nil && e.Kind == vArray {
		parts = append(parts, &schema{kind: kEnum, doc: d, v: v, at: at, enum: e.Arr})
	}
	for _, c := range []string{"allOf", "anyOf", "oneOf"} {
		if arr := v.Get(c); arr != nil && arr.Kind == vArray {
			cs := &schema{kind: kCombined, doc: d, v: v, at: at, criterion: c}
			for i, e := range arr.Arr {
				cs.subs = append(cs.subs, b.build(d, e, base, e.Pos, depth+1))
				_ = i
			}
			parts = append(parts, cs)
		}
	}
	if n := v.Member("not"); n != nil {
		parts = append(parts, &schema{kind: kNot, doc: d, v: v, at: at, not: b.build(d, n.Value, base, n.KeyPos, depth+1)})
	}
	if c := v.Get("const"); c != nil {
		parts = append(parts, &schema{kind: kEnum, doc: d, v: v, at: at, enum: []*value{c}})
	}
	if len(parts) == 0 && v.Get("type") != nil && v.Get("type").Kind == vString {
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
		if v.Kind != vString || p.pattern != nil || p.format != nil || p.contentEncoding != nil || p.contentMediaType != nil {
			return false
		}
		n := big.NewRat(int64(utf8.RuneCountInString(v.Str)), 1)
		return atLeast(n, p.minLength, false) && atMost(n, p.maxLength, false)
	case kNumber:
		r, ok := exactRat(v)
		if v.Kind != vNumber || !ok || p.integer && !r.IsInt() {
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
		return v.Kind == vBool
	case kNull:
		return v.Kind == vNull
	case kEmpty:
		return true
	case kEnum:
		c := canonical(v)
		return slices.ContainsFunc(p.enum, func(e *value) bool { return canonical(e) == c })
	case kObject:
		o := p.objFields
		if v.Kind != vObject || len(o.patternProps) > 0 || len(o.propDeps) > 0 || len(o.schemaDeps) > 0 || o.propNames != nil ||
			o.unevalProps != nil || o.minProperties != nil || o.maxProperty != nil {
			return false
		}
		for name := range o.required {
			if v.Member(name) == nil {
				return false
			}
		}
		for _, m := range v.Members {
			switch s := o.propSchemas[m.Key]; {
			case s != nil:
				if d := s.deref(); d == nil || !acceptsValue(d, m.Value) {
					return false
				}
			case o.noAdditional:
				return false
			case o.additional != nil:
				if d := o.additional.deref(); d == nil || !acceptsValue(d, m.Value) {
					return false
				}
			}
		}
		return true
	case kArray:
		a := p.arrFields
		return v.Kind == vArray && a.items == nil && len(a.tuple) == 0 && !a.noAddItems && a.addItems == nil &&
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
		if m := v.Member(c.kw); m != nil {
			*c.dst = b.build(d, m.Value, base, m.KeyPos, depth+1)
		}
	}
	for _, k := range []string{"$defs", "definitions"} {
		if defs := v.Get(k); defs != nil && defs.Kind == vObject {
			for _, m := range defs.Members {
				b.build(d, m.Value, base, m.KeyPos, depth+1)
			}
		}
	}
}

func (b *builder) ref(d *document, m *member, base string, depth int) *schema {
	s := &schema{kind: kRef, doc: d, v: m.Value, at: m.KeyPos}
	if m.Value.Kind != vString {
		b.diag(d, m.Value.Pos, "%s must be a string", m.Key)
		s.kind = kEmpty
		return s
	}
	s.ref = m.Value.Str
	r, err := b.l.resolve(base, m.Value.Str)
	if err != nil {
		b.diag(d, m.Value.Pos, "%v", err)
		s.kind = kEmpty
		return s
	}
	s.target = b.build(r.doc, r.v, r.base, r.v.Pos, depth+1)
	s.target.shared = true
	return s
}

func (b *builder) annotations(s *schema, v *value, d *document) {
	s.id = v.Get(idKeyword(d.draft))
	if s.id == nil {
		// Confluent reports changes to either spelling.
		s.id = v.Get("id")
		if s.id != nil && s.id.Kind != vString {
			s.id = nil
		}
	}
	s.title = v.Get("title")
	s.description = v.Get("description")
	s.comment = v.Get("$comment")
	s.def = v.Get("default")
	s.examples = v.Get("examples")
	s.deprecated = boolOf(v.Get("deprecated"))
	s.readOnly = boolOf(v.Get("readOnly"))
	s.writeOnly = boolOf(v.Get("writeOnly"))
}

func boolOf(v *value) bool { return v != nil && v.Kind == vBool && v.Bool }

// typedInto builds the one typed part of a schema object with a single
// "type" into s.
func (b *builder) typedInto(s *schema, d *document, v *value, base string, depth int) {
	t := v.Get("type")
	b.fillTyped(s, t.Str, t, d, v, base, depth)
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
		b.diag(d, t.Pos, "unknown type %q", typ)
		p.kind = kEmpty
	}
}

// typed builds the type-specific parts of a schema object: one per type
// named by "type", or one per family of keywords present when it is absent.
func (b *builder) typed(d *document, v *value, base string, at pos, depth int) []*schema {
	t := v.Get("type")
	part := func(typ string) *schema {
		p := &schema{doc: d, v: v, at: at}
		b.fillTyped(p, typ, t, d, v, base, depth)
		return p
	}
	switch {
	case t == nil:
		var parts []*schema
		has := func(kws []string) bool {
			return slices.ContainsFunc(kws, func(k string) bool { return v.Get(k) != nil })
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
	case t.Kind == vString:
		return []*schema{part(t.Str)}
	case t.Kind == vArray:
		u := &schema{kind: kCombined, doc: d, v: v, at: at, criterion: "anyOf", synthetic: true}
		for _, e := range t.Arr {
			if e.Kind != vString {
				b.diag(d, e.Pos, "type must name a type")
				continue
			}
			u.subs = append(u.subs, part(e.Str))
		}
		return []*schema{u}
	}
	b.diag(d, t.Pos, "type must be a string or an array of strings")
	return nil
}

// numberOf keeps a numeric keyword's value; it is compared exactly, as a
// rational, only when the two sides' literals differ.
func numberOf(v *value) *value {
	if v == nil || v.Kind != vNumber {
		return nil
	}
	return v
}

func ratOf(v *value) *big.Rat {
	r, _ := exactRat(v)
	return r
}

func (b *builder) stringPart(p *schema, v *value) {
	p.minLength = numberOf(v.Get("minLength"))
	p.maxLength = numberOf(v.Get("maxLength"))
	p.pattern = v.Get("pattern")
	p.format = v.Get("format")
	p.contentEncoding = v.Get("contentEncoding")
	p.contentMediaType = v.Get("contentMediaType")
}

func (b *builder) numberPart(p *schema, v *value, d *document) {
	p.minimum, p.minimumKw = numberOf(v.Get("minimum")), "minimum"
	p.maximum, p.maximumKw = numberOf(v.Get("maximum")), "maximum"
	p.exclMinimumKw, p.exclMaxiKw = "exclusiveMinimum", "exclusiveMaximum"
	if em := v.Get("exclusiveMinimum"); em != nil {
		if em.Kind == vBool {
			// Draft 04: a flag on minimum.
			if em.Bool && p.minimum != nil {
				p.exclMinimum, p.minimum = p.minimum, nil
				p.exclMinimumKw = "minimum"
			}
		} else {
			p.exclMinimum = numberOf(em)
		}
	}
	if em := v.Get("exclusiveMaximum"); em != nil {
		if em.Kind == vBool {
			if em.Bool && p.maximum != nil {
				p.exclMaximum, p.maximum = p.maximum, nil
				p.exclMaxiKw = "maximum"
			}
		} else {
			p.exclMaximum = numberOf(em)
		}
	}
	p.multipleOf = numberOf(v.Get("multipleOf"))
}

func (b *builder) objectPart(p *schema, v *value, d *document, base string, depth int) {
	// Maps stay nil unless their keyword is present (reading a nil map is
	// fine): most objects have few keywords.
	if props := v.Get("properties"); props != nil && props.Kind == vObject {
		p.propSchemas = make(map[string]*schema, len(props.Members))
		for _, m := range props.Members {
			p.props = append(p.props, m.Key)
			p.propSchemas[m.Key] = b.build(d, m.Value, base, m.KeyPos, depth+1)
		}
	}
	if req := v.Get("required"); req != nil && req.Kind == vArray {
		p.required = make(map[string]bool, len(req.Arr))
		for _, e := range req.Arr {
			if e.Kind == vString {
				p.required[e.Str] = true
			}
		}
	}
	if ap := v.Member("additionalProperties"); ap != nil {
		switch {
		case ap.Value.Kind == vBool && !ap.Value.Bool:
			p.noAdditional = true
		case ap.Value.Kind == vBool:
		default:
			p.additional = b.build(d, ap.Value, base, ap.KeyPos, depth+1)
		}
	}
	if pp := v.Get("patternProperties"); pp != nil && pp.Kind == vObject {
		for _, m := range pp.Members {
			re, err := regexp.Compile(m.Key)
			if err != nil {
				// Go's RE2 lacks some ECMA-262 features (lookaround,
				// backreferences); such a pattern covers nothing here.
				re = nil
			}
			p.patternProps = append(p.patternProps, patternProp{pattern: m.Key, re: re, s: b.build(d, m.Value, base, m.KeyPos, depth+1), at: m.KeyPos})
		}
	}
	for _, kw := range []string{"dependencies", "dependentRequired", "dependentSchemas"} {
		deps := v.Get(kw)
		if deps == nil || deps.Kind != vObject {
			continue
		}
		if p.propDeps == nil {
			p.propDeps = map[string][]string{}
			p.schemaDeps = map[string]*schema{}
		}
		for _, m := range deps.Members {
			if m.Value.Kind == vArray {
				var names []string
				for _, e := range m.Value.Arr {
					if e.Kind == vString {
						names = append(names, e.Str)
					}
				}
				p.propDeps[m.Key] = names
				p.propDepsKw = kw
			} else {
				p.schemaDeps[m.Key] = b.build(d, m.Value, base, m.KeyPos, depth+1)
				p.schemaDepsKw = kw
			}
		}
	}
	p.minProperties = numberOf(v.Get("minProperties"))
	p.maxProperty = numberOf(v.Get("maxProperties"))
	if m := v.Member("propertyNames"); m != nil {
		p.propNames = b.build(d, m.Value, base, m.KeyPos, depth+1)
	}
	if u := v.Member("unevaluatedProperties"); u != nil {
		p.unevalProps = b.build(d, u.Value, base, u.KeyPos, depth+1)
	}
}

func (b *builder) arrayPart(p *schema, v *value, d *document, base string, depth int) {
	items := v.Member("items")
	prefix := v.Member("prefixItems")
	switch {
	case prefix != nil && prefix.Value.Kind == vArray:
		// 2020-12: prefixItems is the tuple, items the rest.
		p.tupleKw = "prefixItems"
		for _, e := range prefix.Value.Arr {
			p.tuple = append(p.tuple, b.build(d, e, base, e.Pos, depth+1))
		}
		if items != nil {
			p.addItemsKw = "items"
			b.additionalItems(p, items, d, base, depth)
		}
	case items != nil && items.Value.Kind == vArray:
		p.tupleKw = "items"
		for _, e := range items.Value.Arr {
			p.tuple = append(p.tuple, b.build(d, e, base, e.Pos, depth+1))
		}
		if ai := v.Member("additionalItems"); ai != nil {
			p.addItemsKw = "additionalItems"
			b.additionalItems(p, ai, d, base, depth)
		}
	case items != nil && items.Value.Kind == vBool:
		// items: true accepts any item and items: false none: the same as
		// additional items allowed or forbidden after an empty tuple (which
		// is how Confluent reads 2020-12's boolean items).
		p.addItemsKw = "items"
		b.additionalItems(p, items, d, base, depth)
	case items != nil:
		p.itemsKw = "items"
		p.items = b.build(d, items.Value, base, items.KeyPos, depth+1)
	}
	if ai := v.Member("additionalItems"); ai != nil && p.addItemsKw == "" && prefix == nil {
		// Without a tuple additionalItems constrains nothing, but Confluent
		// (everit) still compares it.
		p.addItemsKw = "additionalItems"
		b.additionalItems(p, ai, d, base, depth)
	}
	p.minItems = numberOf(v.Get("minItems"))
	p.maxItems = numberOf(v.Get("maxItems"))
	p.unique = boolOf(v.Get("uniqueItems"))
	if c := v.Member("contains"); c != nil {
		p.contains = b.build(d, c.Value, base, c.KeyPos, depth+1)
	}
	p.minContains = numberOf(v.Get("minContains"))
	p.maxContains = numberOf(v.Get("maxContains"))
	if u := v.Member("unevaluatedItems"); u != nil {
		p.unevalItemsKw = "unevaluatedItems"
		p.unevalItems = b.build(d, u.Value, base, u.KeyPos, depth+1)
	}
}

func (b *builder) additionalItems(p *schema, m *member, d *document, base string, depth int) {
	switch {
	case m.Value.Kind == vBool && !m.Value.Bool:
		p.noAddItems = true
	case m.Value.Kind == vBool:
	default:
		p.addItems = b.build(d, m.Value, base, m.KeyPos, depth+1)
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
