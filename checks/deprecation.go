package checks

import (
	"context"
	"fmt"
	"time"
)

// Element is one named element of a side (a file, message, field, enum,
// enum value, service or RPC; a property or definition; a record, field,
// enum or symbol) with its deprecation marker. The lifecycle rules compare
// the elements of two sides, and the deprecation report lists the
// deprecated ones.
type Element struct {
	// Kind names the kind of element in the format's own words ("field",
	// "enum value", "rpc", "property", "symbol", ...).
	Kind string `json:"kind"`
	// ID identifies the element across versions and is unique within a
	// side: the fully-qualified name for protobuf and Avro, the file and
	// JSON pointer ("orders.json#/properties/total") for JSON Schema.
	ID string `json:"id"`
	// Parent is the ID of the enclosing element, "" at top level; an
	// element inherits the deprecation of its ancestors.
	Parent string `json:"parent,omitempty"`
	// Path is the element's name as findings show it: the full name, or the
	// JSON pointer within File.
	Path string `json:"path"`
	// File is the slash-separated path of the file that declares the
	// element; Line and Column (1-based) where, zero when unknown.
	File   string `json:"file"`
	Line   int    `json:"line,omitempty"`
	Column int    `json:"column,omitempty"`
	// Deprecated is set when the element itself carries a deprecation
	// marker.
	Deprecated bool `json:"deprecated,omitempty"`
	// Sunset is the ISO date (YYYY-MM-DD) after which the element may be
	// removed, "" when none is given or it does not parse.
	Sunset string `json:"sunset,omitempty"`
	// SunsetRaw is the sunset as written; when it is set and Sunset is
	// empty, the date is malformed (see [ParseSunset]).
	SunsetRaw string `json:"sunset_raw,omitempty"`
	// Replacement names what to use instead, when documented.
	Replacement string `json:"replacement,omitempty"`
	// Note is the deprecation's own text, when the format has one.
	Note string `json:"note,omitempty"`
}

// ElementLister is implemented by engines that can list a side's elements
// with their deprecation markers. It is optional: the lifecycle rules and
// the deprecation report skip formats whose engine does not implement it.
type ElementLister interface {
	// Elements returns the elements declared by those of side.Files that
	// want accepts (all of them when want is nil), sorted by ID. want is
	// asked with the file's path in the side and, where elements name their
	// file otherwise (protobuf's module-relative names), with that name too.
	// Other files may still be read, as imports or to resolve names; want
	// only spares work on files whose elements are not needed.
	// opts are the engine's own options (see [EngineOptions]; nil for its
	// defaults): the contract's import roots and $ref directories read the
	// side as a comparison does. Input problems are returned as a
	// *InputError, like Engine.Diff does.
	Elements(ctx context.Context, side Side, opts EngineOptions, want func(file string) bool) ([]Element, error)
}

// DateLayout is the layout of sunset dates and of "today" (ISO 8601
// calendar dates).
const DateLayout = "2006-01-02"

// ParseSunset parses a sunset date written as YYYY-MM-DD and returns it in
// that form; anything else, including impossible dates such as 2027-02-30,
// is an error that says what was expected.
func ParseSunset(s string) (string, error) {
	t, err := time.Parse(DateLayout, s)
	if err != nil || t.Format(DateLayout) != s {
		return "", fmt.Errorf("sunset %q is not a date (want YYYY-MM-DD, e.g. 2027-03-31)", s)
	}
	return s, nil
}

// SetSunset records a sunset as written and, when it parses, as a date.
func (e *Element) SetSunset(raw string) {
	e.SunsetRaw = raw
	e.Sunset, _ = ParseSunset(raw)
}

// Deprecations returns the elements that carry a deprecation marker
// themselves, in the order given. Their children, deprecated through them,
// are not repeated.
func Deprecations(elems []Element) []Element {
	var out []Element
	for _, e := range elems {
		if e.Deprecated {
			out = append(out, e)
		}
	}
	return out
}

// Inherited returns the nearest deprecated element among e and its
// ancestors in elems (indexed by ID), and whether there is one.
func Inherited(e Element, byID map[string]Element) (Element, bool) {
	for seen := 0; seen < 64; seen++ {
		if e.Deprecated {
			return e, true
		}
		p, ok := byID[e.Parent]
		if e.Parent == "" || !ok {
			return Element{}, false
		}
		e = p
	}
	return Element{}, false
}
