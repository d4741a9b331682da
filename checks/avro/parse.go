package avro

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/contractlint/contractlint/checks"
	"github.com/contractlint/contractlint/internal/doc"
	"github.com/contractlint/contractlint/internal/limits"
)

// snapshot is one side's parsed .avsc files with their named types resolved
// across files.
type snapshot struct {
	files map[string]*file
	types map[string]*schema // by full name
}

// file is one parsed .avsc file.
type file struct {
	Path string
	Root *schema
	Site loc // the top-level value
}

// loader parses the files of one side.
type loader struct {
	depth int // the nesting-depth limit
	snap  *snapshot
	diags []checks.Diagnostic
	refs  []ref
}

// ref is a type name waiting to be resolved once every file is parsed.
type ref struct {
	name, namespace string
	site            loc
	slot            **schema
}

var nameRE = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)

// load parses files from fsys and resolves references between them. Every
// problem becomes a diagnostic; a non-nil *checks.InputError lists them all.
func load(ctx context.Context, side checks.Side, files []string) (*snapshot, error) {
	l := &loader{depth: limits.From(ctx).Depth(), snap: &snapshot{files: map[string]*file{}, types: map[string]*schema{}}}
	for _, p := range files {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		data, err := limits.ReadFile(ctx, side.FS, p)
		if le := (*limits.Error)(nil); errors.As(err, &le) {
			// A limit stops the run: reading on would cost what it protects.
			return nil, fmt.Errorf("%s: %w", side.Label, err)
		}
		if err != nil {
			l.diags = append(l.diags, checks.Diagnostic{File: p, Message: fmt.Sprintf("read: %v", err)})
			continue
		}
		l.parseFile(p, data)
	}
	l.resolve()
	l.validate()
	if len(l.diags) > 0 {
		slices.SortFunc(l.diags, func(a, b checks.Diagnostic) int {
			return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line), cmp.Compare(a.Column, b.Column), cmp.Compare(a.Message, b.Message))
		})
		return nil, &checks.InputError{Side: side.Label, Diagnostics: slices.Compact(l.diags)}
	}
	return l.snap, nil
}

// parseFile parses one file; its named types join the side's.
func (l *loader) parseFile(path string, data []byte) {
	v, err := doc.ParseJSON(data, doc.Options{MaxDepth: l.depth})
	if err != nil {
		d := checks.Diagnostic{File: path, Message: err.Error()}
		var se *doc.Error
		if errors.As(err, &se) {
			d.Line, d.Column, d.Message = se.Pos.Line, se.Pos.Col, "invalid JSON: "+se.Msg
			if se.Err != nil { // a limit, not a syntax error
				d.Message = se.Msg
			}
		}
		l.diags = append(l.diags, d)
		return
	}
	f := &file{Path: path, Site: loc{File: path, pos: v.Pos, Path: "", What: path}}
	l.snap.files[path] = f
	l.parse(v, "", f.Site, &f.Root)
}

func (l *loader) errorf(at loc, format string, args ...any) {
	l.diags = append(l.diags, checks.Diagnostic{File: at.File, Line: at.Line, Column: at.Col, Message: fmt.Sprintf(format, args...)})
}

// child returns the location of member key of an object at parent.
func child(parent loc, v *doc.Value, token, what string) loc {
	if what == "" {
		what = parent.What
	}
	return loc{File: parent.File, pos: v.Pos, Path: parent.Path + "/" + pointerToken(token), What: what}
}

// member returns an object's member value and its location, or nil.
func member(obj *doc.Value, at loc, key string) (*doc.Value, loc) {
	v := obj.Get(key)
	if v == nil {
		return nil, loc{}
	}
	return v, child(at, v, key, "")
}

// parse builds the schema written as v at site into *slot; ns is the
// enclosing namespace.
func (l *loader) parse(v *doc.Value, ns string, site loc, slot **schema) {
	switch v.Kind {
	case doc.String:
		if k, ok := primitives[v.Str]; ok {
			*slot = &schema{Kind: k, Loc: site}
			return
		}
		l.refs = append(l.refs, ref{name: v.Str, namespace: ns, site: site, slot: slot})
		// A placeholder keeps the tree whole if the name never resolves.
		*slot = &schema{Kind: kNull, Loc: site}
	case doc.Array:
		s := &schema{Kind: kUnion, Loc: site}
		*slot = s
		s.Branches = make([]*schema, len(v.Arr))
		s.BranchSites = make([]loc, len(v.Arr))
		for i, b := range v.Arr {
			s.BranchSites[i] = child(site, b, strconv.Itoa(i), "")
			l.parse(b, ns, s.BranchSites[i], &s.Branches[i])
		}
	case doc.Object:
		l.parseObject(v, ns, site, slot)
	default:
		l.errorf(site, "a schema must be a type name, an object or an array (a union), not a JSON %s", v.Kind)
		*slot = &schema{Kind: kNull, Loc: site}
	}
}

func (l *loader) parseObject(v *doc.Value, ns string, site loc, slot **schema) {
	s := &schema{Kind: kNull, Loc: site}
	*slot = s
	tv, tloc := member(v, site, "type")
	if tv == nil {
		l.errorf(site, `schema object has no "type"`)
		return
	}
	if tv.Kind != doc.String {
		l.errorf(tloc, `"type" of a schema object must be a string naming the type, not a JSON %s`, tv.Kind)
		return
	}
	switch t := tv.Str; t {
	case "record", "error":
		s.Kind = kRecord
		ns = l.parseNamed(s, v, ns, site)
		site = s.Loc
		l.parseFields(s, v, ns, site)
	case "enum":
		s.Kind = kEnum
		l.parseNamed(s, v, ns, site)
		site = s.Loc
		l.parseEnum(s, v, site)
	case "fixed":
		s.Kind = kFixed
		l.parseNamed(s, v, ns, site)
		site = s.Loc
		sv, sloc := member(v, site, "size")
		s.SizeLoc = sloc
		switch n, ok := intValue(sv); {
		case sv == nil:
			l.errorf(site, `fixed %s has no "size"`, s.FullName)
		case !ok || n < 0 || n > math.MaxInt32:
			l.errorf(sloc, `"size" of fixed %s must be a non-negative integer`, s.FullName)
		default:
			s.Size = int(n)
		}
	case "array":
		s.Kind = kArray
		s.ItemsSite = l.parseElement(v, ns, site, "items", "[]", &s.Items)
	case "map":
		s.Kind = kMap
		s.ValuesSite = l.parseElement(v, ns, site, "values", "{}", &s.Values)
	default:
		if k, ok := primitives[t]; ok {
			s.Kind = k
			break
		}
		// {"type": "Name"} references a named type.
		l.refs = append(l.refs, ref{name: t, namespace: ns, site: site, slot: slot})
		return
	}
	l.parseLogical(s, v, site)
	s.Props = props(v, s.Loc, reservedSchemaKeys)
}

// parseElement parses the items of an array or the values of a map, found
// under key, into *slot and returns where they are written.
func (l *loader) parseElement(v *doc.Value, ns string, site loc, key, suffix string, slot **schema) loc {
	ev, eloc := member(v, site, key)
	if ev == nil {
		l.errorf(site, "%s has no %q", v.Get("type").Str, key)
		*slot = &schema{Kind: kNull, Loc: site}
		return site
	}
	eloc.What = site.What + suffix
	l.parse(ev, ns, eloc, slot)
	return eloc
}

// parseNamed reads name, namespace, aliases and doc of a named type,
// registers it and returns the namespace its nested definitions inherit.
func (l *loader) parseNamed(s *schema, v *doc.Value, ns string, site loc) string {
	nv, nloc := member(v, site, "name")
	s.NameLoc = nloc
	if nv == nil || nv.Kind != doc.String {
		l.errorf(cmp.Or(nloc, site), `%s must have a "name" string`, s.Kind)
		s.Name, s.FullName = "?", "?"
		return ns
	}
	name := nv.Str
	if nsv, nsloc := member(v, site, "namespace"); nsv != nil {
		if nsv.Kind != doc.String && nsv.Kind != doc.Null {
			l.errorf(nsloc, `"namespace" must be a string`)
		} else if !strings.Contains(name, ".") {
			ns = nsv.Str
			if ns != "" && !validFullName(ns) {
				l.errorf(nsloc, "invalid namespace %q: each part must match [A-Za-z_][A-Za-z0-9_]*", ns)
			}
		}
	}
	if i := strings.LastIndexByte(name, '.'); i >= 0 {
		ns, name = name[:i], name[i+1:]
		if !validFullName(ns) {
			l.errorf(nloc, "invalid name %q: each part must match [A-Za-z_][A-Za-z0-9_]*", nv.Str)
		}
	}
	if !nameRE.MatchString(name) {
		l.errorf(nloc, "invalid name %q: must match [A-Za-z_][A-Za-z0-9_]*", name)
	} else if _, ok := primitives[name]; ok {
		l.errorf(nloc, "%s may not be named %q, a primitive type", s.Kind, name)
	}
	s.Name, s.Namespace, s.FullName = name, ns, qualify(name, ns)
	s.Loc.What = s.FullName
	s.NameLoc.What = s.FullName
	s.Aliases, s.AliasesLoc = l.parseAliases(v, site, ns, true)
	s.Doc, s.DocLoc = l.parseDoc(v, site)
	if prev, ok := l.snap.types[s.FullName]; ok {
		l.errorf(nloc, "%s %s is defined twice (first at %s:%d:%d)", s.Kind, s.FullName, prev.Loc.File, prev.Loc.Line, prev.Loc.Col)
	} else {
		l.snap.types[s.FullName] = s
	}
	return ns
}

func qualify(name, ns string) string {
	if ns == "" || strings.Contains(name, ".") {
		return name
	}
	return ns + "." + name
}

func validFullName(s string) bool {
	for _, p := range strings.Split(s, ".") {
		if !nameRE.MatchString(p) {
			return false
		}
	}
	return true
}

// parseAliases reads "aliases"; named types' aliases are qualified with ns.
func (l *loader) parseAliases(v *doc.Value, at loc, ns string, qualified bool) ([]string, loc) {
	av, aloc := member(v, at, "aliases")
	if av == nil {
		return nil, loc{}
	}
	if av.Kind != doc.Array {
		l.errorf(aloc, `"aliases" must be an array of names`)
		return nil, aloc
	}
	var out []string
	for i, a := range av.Arr {
		switch at := child(aloc, a, strconv.Itoa(i), ""); {
		case a.Kind != doc.String:
			l.errorf(at, "an alias must be a string")
		case qualified && !validFullName(a.Str), !qualified && !nameRE.MatchString(a.Str):
			l.errorf(at, "invalid alias %q", a.Str)
		case qualified:
			out = append(out, qualify(a.Str, ns))
		default:
			out = append(out, a.Str)
		}
	}
	return out, aloc
}

func (l *loader) parseDoc(v *doc.Value, at loc) (*string, loc) {
	dv, dloc := member(v, at, "doc")
	if dv == nil {
		return nil, loc{}
	}
	if dv.Kind != doc.String {
		l.errorf(dloc, `"doc" must be a string`)
		return nil, dloc
	}
	return &dv.Str, dloc
}

func (l *loader) parseFields(s *schema, v *doc.Value, ns string, site loc) {
	fv, floc := member(v, site, "fields")
	s.FieldsLoc = floc
	if fv == nil || fv.Kind != doc.Array {
		l.errorf(cmp.Or(floc, site), `record %s must have a "fields" array`, s.FullName)
		return
	}
	seen := map[string]loc{}
	s.fieldIndex = map[string]*field{}
	for i, e := range fv.Arr {
		at := child(floc, e, strconv.Itoa(i), "")
		if e.Kind != doc.Object {
			l.errorf(at, "a field must be an object")
			continue
		}
		f := &field{Index: len(s.Fields), Loc: at, Order: "ascending"}
		nv, nloc := member(e, at, "name")
		if nv == nil || nv.Kind != doc.String {
			l.errorf(cmp.Or(nloc, at), `a field must have a "name" string`)
			continue
		}
		f.Name = nv.Str
		f.Loc.What = s.FullName + "." + f.Name
		if !nameRE.MatchString(f.Name) {
			l.errorf(nloc, "invalid field name %q: must match [A-Za-z_][A-Za-z0-9_]*", f.Name)
		}
		if prev, dup := seen[f.Name]; dup {
			l.errorf(nloc, "record %s has two fields named %q (first at line %d)", s.FullName, f.Name, prev.Line)
		}
		seen[f.Name] = nloc
		f.Doc, f.DocLoc = l.parseDoc(e, f.Loc)
		f.Aliases, f.AliasesLoc = l.parseAliases(e, f.Loc, "", false)
		if ov, oloc := member(e, f.Loc, "order"); ov != nil {
			f.OrderLoc = oloc
			if ov.Kind != doc.String || (ov.Str != "ascending" && ov.Str != "descending" && ov.Str != "ignore") {
				l.errorf(oloc, `"order" must be "ascending", "descending" or "ignore"`)
			} else {
				f.Order = ov.Str
			}
		}
		f.Default, f.DefaultLoc = member(e, f.Loc, "default")
		f.Props = props(e, f.Loc, reservedFieldKeys)
		tv, tloc := member(e, f.Loc, "type")
		if tv == nil {
			l.errorf(f.Loc, `field %q has no "type"`, f.Name)
			f.Type = &schema{Kind: kNull, Loc: f.Loc}
		} else {
			f.TypeSite = tloc
			l.parse(tv, ns, tloc, &f.Type)
		}
		s.Fields = append(s.Fields, f)
		if s.fieldIndex[f.Name] == nil {
			s.fieldIndex[f.Name] = f
		}
	}
}

func (l *loader) parseEnum(s *schema, v *doc.Value, site loc) {
	sv, sloc := member(v, site, "symbols")
	s.SymbolsLoc = sloc
	if sv == nil || sv.Kind != doc.Array {
		l.errorf(cmp.Or(sloc, site), `enum %s must have a "symbols" array`, s.FullName)
		return
	}
	seen := map[string]bool{}
	for i, e := range sv.Arr {
		at := child(sloc, e, strconv.Itoa(i), "")
		if e.Kind != doc.String {
			l.errorf(at, "an enum symbol must be a string")
			continue
		}
		switch {
		case !nameRE.MatchString(e.Str):
			l.errorf(at, "invalid enum symbol %q: must match [A-Za-z_][A-Za-z0-9_]*", e.Str)
		case seen[e.Str]:
			l.errorf(at, "enum %s has symbol %q twice", s.FullName, e.Str)
			continue
		}
		seen[e.Str] = true
		s.symbolIndex = seen
		s.Symbols = append(s.Symbols, e.Str)
		s.SymbolLocs = append(s.SymbolLocs, at)
	}
	if dv, dloc := member(v, site, "default"); dv != nil {
		s.EnumDefaultLoc = dloc
		switch {
		case dv.Kind != doc.String:
			l.errorf(dloc, "the default of enum %s must be one of its symbols", s.FullName)
		case !seen[dv.Str]:
			l.errorf(dloc, "the default %q of enum %s is not one of its symbols", dv.Str, s.FullName)
		default:
			s.EnumDefault = &dv.Str
		}
	}
}

// logicalBase lists the underlying kinds of the logical types the
// specification defines.
var logicalBase = map[string][]kind{
	"decimal":                {kBytes, kFixed},
	"big-decimal":            {kBytes},
	"uuid":                   {kString, kFixed},
	"date":                   {kInt},
	"time-millis":            {kInt},
	"time-micros":            {kLong},
	"timestamp-millis":       {kLong},
	"timestamp-micros":       {kLong},
	"timestamp-nanos":        {kLong},
	"local-timestamp-millis": {kLong},
	"local-timestamp-micros": {kLong},
	"local-timestamp-nanos":  {kLong},
	"duration":               {kFixed},
}

// parseLogical reads and checks a logical type. Unknown logical types are
// kept (they still count as changes) but not checked, as the specification
// asks readers to ignore them.
func (l *loader) parseLogical(s *schema, v *doc.Value, site loc) {
	lv, lloc := member(v, site, "logicalType")
	if lv == nil {
		return
	}
	s.LogicalLoc = lloc
	if lv.Kind != doc.String {
		l.errorf(lloc, `"logicalType" must be a string`)
		return
	}
	s.Logical = lv.Str
	bases, known := logicalBase[s.Logical]
	if !known {
		return
	}
	if !slices.Contains(bases, s.Kind) {
		names := make([]string, len(bases))
		for i, b := range bases {
			names[i] = b.String()
		}
		l.errorf(lloc, "logical type %s must annotate %s, not %s", s.Logical, strings.Join(names, " or "), s.Kind)
		return
	}
	switch s.Logical {
	case "uuid":
		if s.Kind == kFixed && s.Size != 16 {
			l.errorf(lloc, "logical type uuid on fixed needs size 16, not %d", s.Size)
		}
	case "duration":
		if s.Size != 12 {
			l.errorf(lloc, "logical type duration needs a fixed of size 12, not %d", s.Size)
		}
	case "decimal":
		pv, ploc := member(v, site, "precision")
		p, ok := intValue(pv)
		switch {
		case pv == nil:
			l.errorf(lloc, `decimal needs a "precision"`)
			return
		case !ok || p <= 0 || p > math.MaxInt32:
			l.errorf(ploc, "decimal precision must be a positive integer")
			return
		}
		s.Precision = int(p)
		if sv, sloc := member(v, site, "scale"); sv != nil {
			sc, ok := intValue(sv)
			switch {
			case !ok || sc < 0:
				l.errorf(sloc, "decimal scale must be a non-negative integer")
				return
			case sc > p:
				l.errorf(sloc, "decimal scale %d is greater than its precision %d", sc, p)
				return
			}
			s.Scale = int(sc)
		}
		if s.Kind == kFixed && s.Size > 0 {
			if max := maxDecimalDigits(s.Size); int64(s.Precision) > max {
				l.errorf(lloc, "decimal precision %d does not fit in fixed of size %d (at most %d digits)", s.Precision, s.Size, max)
			}
		}
	}
}

// maxDecimalDigits is floor(log10(2^(8n-1) - 1)), the most decimal digits a
// two's-complement number of n bytes holds. 2^k is never a power of ten, so
// this is floor(k * log10(2)).
func maxDecimalDigits(n int) int64 {
	return int64(math.Floor(float64(8*n-1) * math.Log10(2)))
}

// intValue reads an integer literal (no fraction, no exponent).
func intValue(v *doc.Value) (int64, bool) {
	if v == nil || v.Kind != doc.Number {
		return 0, false
	}
	n, err := strconv.ParseInt(v.Str, 10, 64)
	return n, err == nil
}

// resolve points every type reference at its definition.
func (l *loader) resolve() {
	for _, r := range l.refs {
		var def *schema
		if strings.Contains(r.name, ".") {
			def = l.snap.types[r.name]
		} else {
			if r.namespace != "" {
				def = l.snap.types[r.namespace+"."+r.name]
			}
			if def == nil {
				def = l.snap.types[r.name]
			}
		}
		if def == nil {
			msg := fmt.Sprintf("unknown type %q", r.name)
			if r.namespace != "" && !strings.Contains(r.name, ".") {
				msg += fmt.Sprintf(" (looked for %s and %s)", r.namespace+"."+r.name, r.name)
			}
			l.errorf(r.site, "%s", msg)
			continue
		}
		*r.slot = def
	}
}

// validate checks what needs resolved types: unions and default values.
func (l *loader) validate() {
	seen := map[*schema]bool{}
	var walk func(s *schema)
	walk = func(s *schema) {
		if seen[s] {
			return
		}
		seen[s] = true
		switch s.Kind {
		case kRecord:
			for _, f := range s.Fields {
				walk(f.Type)
				if f.Default != nil {
					if bad, msg := checkDefault(f.Type, f.Default); msg != "" {
						at := f.DefaultLoc
						at.pos = bad.Pos
						l.errorf(at, "invalid default for field %s of type %s: %s", f.Loc.What, f.Type.typeName(), msg)
					}
				}
			}
		case kArray:
			walk(s.Items)
		case kMap:
			walk(s.Values)
		case kUnion:
			l.checkUnion(s)
			for _, b := range s.Branches {
				walk(b)
			}
		}
	}
	paths := make([]string, 0, len(l.snap.files))
	for p := range l.snap.files {
		paths = append(paths, p)
	}
	slices.Sort(paths)
	for _, p := range paths {
		walk(l.snap.files[p].Root)
	}
	for _, name := range sortedKeys(l.snap.types) {
		walk(l.snap.types[name])
	}
}

// checkUnion applies the specification's union rules: no union directly in a
// union, and no two branches of the same type, except named types with
// different names.
func (l *loader) checkUnion(s *schema) {
	seen := map[string]int{}
	s.branchIndex = seen
	for i, b := range s.Branches {
		key := b.branchKey()
		if b.Kind == kUnion {
			l.errorf(s.BranchSites[i], "a union may not directly contain another union")
			continue
		}
		if j, dup := seen[key]; dup {
			l.errorf(s.BranchSites[i], "union has %s twice (branches %d and %d)", key, j, i)
			continue
		}
		seen[key] = i
	}
	s.readerIndex = map[string][]int{}
	for i, b := range s.Branches {
		if !b.Kind.named() {
			s.unnamedBranches = append(s.unnamedBranches, i)
			continue
		}
		s.readerIndex["n:"+b.Name] = append(s.readerIndex["n:"+b.Name], i)
		for _, a := range b.Aliases {
			s.readerIndex["a:"+a] = append(s.readerIndex["a:"+a], i)
		}
	}
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// checkDefault checks a default value against its type. It returns the
// offending part of v and why, or an empty message when v is valid. A
// union's default must match its first branch: Avro 1.12 relaxed this to any
// branch, but Avro 1.11 and earlier, other implementations and Confluent's
// tooling still require the first, so a schema that passes here works
// everywhere.
func checkDefault(t *schema, v *doc.Value) (*doc.Value, string) {
	want := func(what string) (*doc.Value, string) {
		return v, fmt.Sprintf("want %s, got JSON %s", what, v.Kind)
	}
	switch t.Kind {
	case kNull:
		if v.Kind != doc.Null {
			return want("null")
		}
	case kBoolean:
		if v.Kind != doc.Bool {
			return want("true or false")
		}
	case kInt, kLong:
		n, ok := intValue(v)
		if !ok {
			return want("an integer")
		}
		if t.Kind == kInt && (n < math.MinInt32 || n > math.MaxInt32) {
			return v, fmt.Sprintf("%d is out of range for int", n)
		}
	case kFloat, kDouble:
		if v.Kind == doc.String && (v.Str == "NaN" || v.Str == "Infinity" || v.Str == "-Infinity") {
			return nil, ""
		}
		if v.Kind != doc.Number {
			return want("a number")
		}
	case kString:
		if v.Kind != doc.String {
			return want("a string")
		}
	case kBytes, kFixed:
		if v.Kind != doc.String {
			return want("a string of code points 0-255")
		}
		n := 0
		for _, r := range v.Str {
			if r > 255 {
				return v, fmt.Sprintf("code point %U is not a byte (0-255)", r)
			}
			n++
		}
		if t.Kind == kFixed && n != t.Size {
			return v, fmt.Sprintf("fixed %s has size %d, the default has %d bytes", t.FullName, t.Size, n)
		}
	case kEnum:
		if v.Kind != doc.String {
			return want("a symbol of " + t.FullName)
		}
		if !t.hasSymbol(v.Str) {
			return v, fmt.Sprintf("%q is not a symbol of %s", v.Str, t.FullName)
		}
	case kArray:
		if v.Kind != doc.Array {
			return want("an array")
		}
		for _, e := range v.Arr {
			if bad, msg := checkDefault(t.Items, e); msg != "" {
				return bad, msg
			}
		}
	case kMap:
		if v.Kind != doc.Object {
			return want("an object")
		}
		for _, m := range v.Members {
			if bad, msg := checkDefault(t.Values, m.Value); msg != "" {
				return bad, msg
			}
		}
	case kRecord:
		if v.Kind != doc.Object {
			return want("an object")
		}
		for _, f := range t.Fields {
			fv := v.Get(f.Name)
			if fv == nil {
				if f.Default == nil {
					return v, fmt.Sprintf("field %q is missing and has no default", f.Name)
				}
				continue
			}
			if bad, msg := checkDefault(f.Type, fv); msg != "" {
				return bad, msg
			}
		}
	case kUnion:
		if len(t.Branches) == 0 {
			return v, "an empty union has no values"
		}
		if t.Branches[0].Kind == kUnion {
			return nil, "" // reported as a union error
		}
		if bad, msg := checkDefault(t.Branches[0], v); msg != "" {
			msg += " (a union's default must match its first branch, " + t.Branches[0].typeName()
			for _, b := range t.Branches[1:] {
				if _, m := checkDefault(b, v); m == "" && b.Kind != kUnion {
					msg += "; list " + b.typeName() + " first, or change the default"
					break
				}
			}
			return bad, msg + ")"
		}
	}
	return nil, ""
}
