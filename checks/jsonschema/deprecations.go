package jsonschema

import (
	"cmp"
	"context"
	"slices"
	"strings"

	"github.com/contractlint/contractlint/checks"
)

// Deprecation markers (see checks.ElementLister): the `deprecated: true`
// annotation (2019-09 and later) or, on any draft, `x-deprecated: true` or
// `x-deprecated: "why"`. A sunset date is `sunset` or `x-sunset`
// (YYYY-MM-DD) and a replacement `x-replacement` or `replacement`, all next
// to the marker:
//
//	"total": {"type": "integer", "deprecated": true, "x-sunset": "2027-03-31",
//	          "x-replacement": "#/properties/total_amount"}
//
// The elements are each file's root schema, its properties (at any depth,
// through items, combinators and additionalProperties) and its definitions
// ($defs, definitions).

// Elements implements checks.ElementLister. It reads the side with the $ref
// directories of opts and fetches nothing.
func (*Engine) Elements(ctx context.Context, side checks.Side, opts checks.EngineOptions, want func(string) bool) ([]checks.Element, error) {
	l := newLoader(ctx, side, optionsOf(opts), nil)
	wanted := side.Files
	if want != nil {
		wanted = nil
		for _, p := range side.Files {
			if want(p) {
				wanted = append(wanted, p)
			}
		}
	}
	docs := loadAll(l, wanted)
	var files []string
	for _, p := range wanted {
		if schemaLike(docs[p]) {
			files = append(files, p)
		}
	}
	buildAll(newBuilder(l), docs, files)
	va, err := newValidator()
	if err != nil {
		return nil, err
	}
	skip := map[string]bool{}
	for _, p := range side.Files {
		if !slices.Contains(files, p) {
			skip[fileURL(p)] = true
		}
	}
	va.validateAll(l, skip)
	if err := inputError(checks.Request{New: side}, &loader{}, l); err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	var out []checks.Element
	for _, p := range files {
		d := docs[p]
		w := &marks{file: p}
		w.walk(d.root, "#", "schema", "", d.root.Pos, 0)
		out = append(out, w.out...)
	}
	slices.SortFunc(out, func(a, b checks.Element) int { return cmp.Compare(a.ID, b.ID) })
	return out, nil
}

// marks walks one document's raw values for elements and their markers.
type marks struct {
	file string
	out  []checks.Element
}

// walk records the schema v at JSON pointer ptr as an element of kind (when
// kind is not empty, located at at: its property key) and descends into its
// subschemas.
func (w *marks) walk(v *value, ptr, kind, parent string, at pos, depth int) {
	if v == nil || v.Kind != vObject || depth > 64 {
		return
	}
	if kind != "" {
		e := checks.Element{Kind: kind, ID: w.file + ptr, Parent: parent, Path: ptr, File: w.file, Line: at.Line, Column: at.Col}
		marker(&e, v)
		w.out = append(w.out, e)
		parent = e.ID
	}
	for _, m := range v.Members {
		sub := ptr + "/" + escapePtr(m.Key)
		switch m.Key {
		case "properties", "$defs", "definitions":
			if m.Value.Kind != vObject {
				continue
			}
			k := "property"
			if m.Key != "properties" {
				k = "definition"
			}
			for _, p := range m.Value.Members {
				w.walk(p.Value, sub+"/"+escapePtr(p.Key), k, parent, p.KeyPos, depth+1)
			}
		case "items", "additionalProperties", "not", "if", "then", "else", "contains":
			w.walk(m.Value, sub, "", parent, m.Value.Pos, depth+1)
		case "allOf", "anyOf", "oneOf", "prefixItems":
			for i, x := range m.Value.Arr {
				w.walk(x, sub+"/"+itoa(i), "", parent, x.Pos, depth+1)
			}
		}
		if m.Key == "items" && m.Value.Kind == vArray {
			for i, x := range m.Value.Arr {
				w.walk(x, sub+"/"+itoa(i), "", parent, x.Pos, depth+1)
			}
		}
	}
}

// marker reads the deprecation annotations of a schema object.
func marker(e *checks.Element, v *value) {
	for _, k := range []string{"deprecated", "x-deprecated"} {
		switch d := v.Get(k); {
		case d == nil:
		case d.Kind == vBool:
			e.Deprecated = e.Deprecated || d.Bool
		case d.Kind == vString && k == "x-deprecated":
			e.Deprecated = true
			e.Note = strings.TrimSpace(d.Str)
		}
	}
	for _, k := range []string{"x-sunset", "sunset"} {
		if s := v.Get(k); s != nil && e.SunsetRaw == "" {
			raw := s.Str
			if s.Kind != vString {
				raw = canonical(s)
			}
			e.SetSunset(raw)
		}
	}
	for _, k := range []string{"x-replacement", "replacement"} {
		if s, ok := strOf(v, k); ok && e.Replacement == "" {
			e.Replacement = s
		}
	}
}
