package avro

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/contractlint/contractlint/checks"
	"github.com/contractlint/contractlint/internal/doc"
	"github.com/contractlint/contractlint/internal/limits"
)

// Deprecation markers (see checks.ElementLister). Avro keeps attributes it
// does not know, so a record, enum, fixed or field is deprecated with a
// `"deprecated": true` (or `"deprecated": "why"`) attribute, with its sunset
// in `"sunset": "2027-03-31"` and what to use instead in `"replacement"`.
// Symbols are plain strings, so an enum lists its deprecated ones in a
// `"deprecatedSymbols"` attribute: an object mapping each symbol to its
// sunset date ("" for none), or an array of symbols.
//
//	{"type": "enum", "name": "Status", "symbols": ["NEW", "OLD"],
//	 "deprecatedSymbols": {"OLD": "2027-03-31"}}

// Elements implements checks.ElementLister: every named type (record, enum,
// fixed) defined by the side's files, every record field and every enum
// symbol.
//
// Every file is parsed (named types resolve across files); want only
// filters the elements returned. The Avro engine has no options: opts is
// ignored.
func (*Engine) Elements(ctx context.Context, side checks.Side, _ checks.EngineOptions, want func(string) bool) ([]checks.Element, error) {
	snap, err := load(ctx, side, side.Files)
	if err != nil {
		return nil, err
	}
	raw := map[string]*doc.Value{}
	attrs := func(at loc) *doc.Value {
		root, ok := raw[at.File]
		if !ok {
			// The file parsed a moment ago; a failure now leaves no markers.
			if data, err := limits.ReadFile(ctx, side.FS, at.File); err == nil {
				root, _ = doc.ParseJSON(data, doc.Options{MaxDepth: limits.From(ctx).Depth()})
			}
			raw[at.File] = root
		}
		return pointer(root, at.Path)
	}
	var out []checks.Element
	var diags []checks.Diagnostic
	for _, name := range sortedKeys(snap.types) {
		s := snap.types[name]
		v := attrs(s.Loc)
		e := element(s.Kind.String(), name, "", s.Loc, v)
		out = append(out, e)
		for _, f := range s.Fields {
			out = append(out, element("field", name+"."+f.Name, name, f.Loc, attrs(f.Loc)))
		}
		if s.Kind == kEnum {
			dep := v.Get("deprecatedSymbols")
			diags = append(diags, checkDeprecatedSymbols(s, dep)...)
			for i, sym := range s.Symbols {
				se := checks.Element{Kind: "symbol", ID: name + "." + sym, Parent: name, Path: name + "." + sym,
					File: s.SymbolLocs[i].File, Line: s.SymbolLocs[i].Line, Column: s.SymbolLocs[i].Col}
				switch {
				case dep == nil:
				case dep.Kind == doc.Array:
					se.Deprecated = slices.ContainsFunc(dep.Arr, func(x *doc.Value) bool { return x.Kind == doc.String && x.Str == sym })
				case dep.Kind == doc.Object:
					if d := dep.Get(sym); d != nil {
						se.Deprecated = true
						if d.Str != "" {
							se.SetSunset(d.Str)
						}
					}
				}
				out = append(out, se)
			}
		}
	}
	if len(diags) > 0 {
		return nil, &checks.InputError{Side: side.Label, Diagnostics: diags}
	}
	if want != nil {
		out = slices.DeleteFunc(out, func(e checks.Element) bool { return !want(e.File) })
	}
	slices.SortFunc(out, func(a, b checks.Element) int { return cmp.Compare(a.ID, b.ID) })
	return out, nil
}

// checkDeprecatedSymbols reports a deprecatedSymbols attribute that is not
// an object of strings or an array of strings, or that names a symbol the
// enum does not have (left behind when the symbol was removed, or a typo).
func checkDeprecatedSymbols(s *schema, dep *doc.Value) []checks.Diagnostic {
	if dep == nil {
		return nil
	}
	var diags []checks.Diagnostic
	bad := func(at pos, format string, args ...any) {
		diags = append(diags, checks.Diagnostic{File: s.Loc.File, Line: at.Line, Column: at.Col, Message: fmt.Sprintf(format, args...)})
	}
	switch dep.Kind {
	case doc.Array:
		for _, x := range dep.Arr {
			switch {
			case x.Kind != doc.String:
				bad(x.Pos, "enum %s: deprecatedSymbols must list symbol names", s.FullName)
			case !s.hasSymbol(x.Str):
				bad(x.Pos, "enum %s: deprecatedSymbols names %q, which is not one of its symbols", s.FullName, x.Str)
			}
		}
	case doc.Object:
		for _, m := range dep.Members {
			switch {
			case !s.hasSymbol(m.Key):
				bad(m.KeyPos, "enum %s: deprecatedSymbols names %q, which is not one of its symbols", s.FullName, m.Key)
			case m.Value.Kind != doc.String:
				bad(m.Value.Pos, "enum %s: the sunset of deprecated symbol %s must be a date string (YYYY-MM-DD) or \"\"", s.FullName, m.Key)
			}
		}
	default:
		bad(dep.Pos, "enum %s: deprecatedSymbols must be an object (symbol → sunset date) or an array of symbols", s.FullName)
	}
	return diags
}

// element builds an element from its location and its JSON object's
// deprecation attributes.
func element(kind, id, parent string, at loc, v *doc.Value) checks.Element {
	e := checks.Element{Kind: kind, ID: id, Parent: parent, Path: id, File: at.File, Line: at.Line, Column: at.Col}
	switch d := v.Get("deprecated"); {
	case d == nil:
	case d.Kind == doc.Bool:
		e.Deprecated = d.Bool
	case d.Kind == doc.String:
		e.Deprecated, e.Note = true, strings.TrimSpace(d.Str)
	}
	if s := v.Get("sunset"); s != nil {
		raw := s.Str
		if s.Kind != doc.String {
			raw = canonical(s)
		}
		e.SetSunset(raw)
	}
	if r := v.Get("replacement"); r != nil && r.Kind == doc.String {
		e.Replacement = r.Str
	}
	return e
}

// pointer resolves a JSON pointer ("" or "/fields/0/type") in v.
func pointer(v *doc.Value, ptr string) *doc.Value {
	if ptr == "" {
		return v
	}
	for _, tok := range strings.Split(strings.TrimPrefix(ptr, "/"), "/") {
		tok = strings.ReplaceAll(strings.ReplaceAll(tok, "~1", "/"), "~0", "~")
		switch {
		case v == nil:
			return nil
		case v.Kind == doc.Object:
			v = v.Get(tok)
		case v.Kind == doc.Array:
			i, err := strconv.Atoi(tok)
			if err != nil || i < 0 || i >= len(v.Arr) {
				return nil
			}
			v = v.Arr[i]
		default:
			return nil
		}
	}
	return v
}
