package doc

import (
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/contractlint/contractlint/internal/limits"
)

// Pos is a 1-based line and column in a file. Columns count characters,
// not bytes. A zero column means the column is unknown (the YAML library
// reports some syntax errors with a line only).
type Pos struct {
	Line, Col int
}

// Kind is the JSON type of a value.
type Kind uint8

// The kinds of values.
const (
	Null Kind = iota
	Bool
	Number
	String
	Array
	Object
)

// String names the kind as JSON Schema's "type" keyword does ("boolean",
// "object", ...).
func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "Kind(" + strconv.Itoa(int(k)) + ")"
}

var kindNames = [...]string{"null", "boolean", "number", "string", "array", "object"}

// Value is a JSON value that remembers where it starts. Values are
// immutable once parsed: a YAML alias shares its anchor's values.
type Value struct {
	// Kind is the value's JSON type; it says which other field holds it.
	Kind Kind
	// Pos is where the value starts (for a YAML alias, where it is used).
	Pos Pos
	// Bool is a boolean's value.
	Bool bool
	// Str is a string's value, or a number's text in JSON syntax, exactly
	// as written in JSON and rewritten exactly from YAML.
	Str string
	// Arr holds an array's elements.
	Arr []*Value
	// Members holds an object's members in document order; keys are
	// unique.
	Members []Member
}

// Member is one key of an object with its value.
type Member struct {
	// Key is the member's name.
	Key string
	// KeyPos is where the key starts.
	KeyPos Pos
	// Value is the member's value, never nil.
	Value *Value
}

// Get returns the value of member key of an object, or nil when v is nil,
// not an object or has no such member.
func (v *Value) Get(key string) *Value {
	if m := v.Member(key); m != nil {
		return m.Value
	}
	return nil
}

// Member returns member key of an object, or nil when v is nil, not an
// object or has no such member.
func (v *Value) Member(key string) *Member {
	if v == nil || v.Kind != Object {
		return nil
	}
	for i := range v.Members {
		if v.Members[i].Key == key {
			return &v.Members[i]
		}
	}
	return nil
}

// Interface returns v in the data model of encoding/json with numbers as
// json.Number: map[string]any, []any, string, json.Number, bool or nil.
// It is what a JSON Schema validator such as santhosh-tekuri/jsonschema
// accepts.
func (v *Value) Interface() any {
	if v == nil {
		return nil
	}
	switch v.Kind {
	case Bool:
		return v.Bool
	case Number:
		return json.Number(v.Str)
	case String:
		return v.Str
	case Array:
		out := make([]any, len(v.Arr))
		for i, e := range v.Arr {
			out[i] = e.Interface()
		}
		return out
	case Object:
		out := make(map[string]any, len(v.Members))
		for _, m := range v.Members {
			out[m.Key] = m.Value.Interface()
		}
		return out
	}
	return nil
}

// Locate returns the position of the value a JSON pointer (RFC 6901:
// "/a/0/b~1c") designates, or of its deepest ancestor that exists, so that
// a message about a missing or invalid value still points near it.
func (v *Value) Locate(pointer string) Pos {
	if v == nil {
		return Pos{}
	}
	if pointer == "" {
		return v.Pos
	}
	for _, tok := range strings.Split(strings.TrimPrefix(pointer, "/"), "/") {
		tok = strings.ReplaceAll(strings.ReplaceAll(tok, "~1", "/"), "~0", "~")
		var next *Value
		switch v.Kind {
		case Object:
			next = v.Get(tok)
		case Array:
			if i, err := strconv.Atoi(tok); err == nil && i >= 0 && i < len(v.Arr) {
				next = v.Arr[i]
			}
		}
		if next == nil {
			break
		}
		v = next
	}
	return v.Pos
}

// Error is a problem with a document at a position.
type Error struct {
	// Pos is where the problem is; a zero column when the YAML library
	// reported a line only, a zero line when it reported neither.
	Pos Pos
	// Msg says what is wrong, without the position.
	Msg string
	// Err is the limit the document exceeds: a *[limits.Error] for the
	// nesting depth, [ErrTooManyValues] for alias expansion; nil for a
	// syntax or structure error.
	Err error
}

// Error formats the error as "line:col: msg".
func (e *Error) Error() string { return fmt.Sprintf("%d:%d: %s", e.Pos.Line, e.Pos.Col, e.Msg) }

// Where returns "file:line:col", or "file:line" or "file" when the column
// or the line is unknown.
func (e *Error) Where(file string) string {
	switch {
	case e.Pos.Line == 0:
		return file
	case e.Pos.Col == 0:
		return fmt.Sprintf("%s:%d", file, e.Pos.Line)
	}
	return fmt.Sprintf("%s:%d:%d", file, e.Pos.Line, e.Pos.Col)
}

// Unwrap returns the limit the document exceeds, if any.
func (e *Error) Unwrap() error { return e.Err }

// ErrTooManyValues is the limit error of a YAML document whose aliases
// expand to more than [Options.MaxNodes] values.
var ErrTooManyValues = errors.New("document expands to too many values")

// Errors are several problems with one document, in document order. The
// YAML conversion reports every structural problem it finds (duplicate and
// merge keys, unsupported tags), not just the first.
type Errors []*Error

// Error joins the errors, one a line.
func (es Errors) Error() string {
	s := make([]string, len(es))
	for i, e := range es {
		s[i] = e.Error()
	}
	return strings.Join(s, "\n")
}

// Unwrap returns the errors, so that errors.As finds the first *Error.
func (es Errors) Unwrap() []error {
	out := make([]error, len(es))
	for i, e := range es {
		out[i] = e
	}
	return out
}

// All returns the *Error values err holds: its list when it is an
// [Errors], itself when it is one *Error, and nil otherwise.
func All(err error) []*Error {
	var es Errors
	if errors.As(err, &es) {
		return es
	}
	var e *Error
	if errors.As(err, &e) {
		return []*Error{e}
	}
	return nil
}

// Options bound what a document may become. The zero value applies the
// defaults.
type Options struct {
	// MaxDepth is how deeply values may nest: the top-level value is at
	// depth 0, its elements and members at depth 1, and so on. Zero means
	// limits.DefaultMaxDepth; callers pass limits.From(ctx).Depth().
	MaxDepth int
	// MaxNodes bounds the values a YAML document expands to through its
	// aliases. Zero means DefaultMaxNodes.
	MaxNodes int
	// NoAliases refuses YAML anchors and aliases altogether, for formats
	// that a program writes and that never use them.
	NoAliases bool
	// What names the document in messages that speak of the file as a
	// whole ("a schema file"); empty means "the file".
	What string
}

// DefaultMaxNodes is the default of [Options.MaxNodes].
const DefaultMaxNodes = 1 << 20

func (o Options) depth() int {
	if o.MaxDepth <= 0 {
		return limits.DefaultMaxDepth
	}
	return o.MaxDepth
}

func (o Options) nodes() int {
	if o.MaxNodes <= 0 {
		return DefaultMaxNodes
	}
	return o.MaxNodes
}

// depthError is the located error of a value nested deeper than max.
func depthError(at Pos, max int) *Error {
	le := limits.DepthError("", max)
	return &Error{Pos: at, Msg: le.Error(), Err: le}
}
