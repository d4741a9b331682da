package jsonschema

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/big"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"github.com/contractlint/contractlint/internal/limits"
)

// pos is a 1-based line and column in a file.
type pos struct{ line, col int }

// valueKind is the JSON type of a value.
type valueKind uint8

const (
	vNull valueKind = iota
	vBool
	vNumber
	vString
	vArray
	vObject
)

// value is a JSON value that remembers where it came from: the position of
// the value itself and, for objects, of every member's key.
type value struct {
	kind    valueKind
	at      pos
	b       bool
	s       string // string value, or the number's literal
	arr     []*value
	members []member // object members in source order
}

// member is one object member.
type member struct {
	key   string
	keyAt pos
	val   *value
}

// get returns the member named key of an object, or nil.
func (v *value) get(key string) *value {
	if m := v.member(key); m != nil {
		return m.val
	}
	return nil
}

// member returns the member named key of an object, or nil.
func (v *value) member(key string) *member {
	if v == nil || v.kind != vObject {
		return nil
	}
	for i := range v.members {
		if v.members[i].key == key {
			return &v.members[i]
		}
	}
	return nil
}

// str returns the string value of member key, if it is a string.
func (v *value) str(key string) (string, bool) {
	m := v.get(key)
	if m == nil || m.kind != vString {
		return "", false
	}
	return m.s, true
}

// rat returns a number's exact value.
func (v *value) rat() (*big.Rat, bool) {
	if v == nil || v.kind != vNumber {
		return nil, false
	}
	if isPlainInt(v.s) {
		if n, err := strconv.ParseInt(v.s, 10, 64); err == nil {
			return new(big.Rat).SetInt64(n), true
		}
	}
	if hugeExponent(v.s) {
		return nil, false
	}
	r, ok := new(big.Rat).SetString(v.s)
	return r, ok
}

// isPlainInt reports whether a number literal is a canonical integer
// (no fraction, exponent or leading zero).
func isPlainInt(s string) bool {
	t := strings.TrimPrefix(s, "-")
	if t == "" || t[0] == '0' && len(t) > 1 || t == "0" && s != t {
		return false
	}
	for i := 0; i < len(t); i++ {
		if t[i] < '0' || t[i] > '9' {
			return false
		}
	}
	return true
}

// canonical renders the value as compact JSON with object members sorted and
// numbers normalised, so that two values are equal exactly when their
// canonical forms are.
func (v *value) canonical() string {
	var b strings.Builder
	v.writeCanonical(&b)
	return b.String()
}

func (v *value) writeCanonical(b *strings.Builder) {
	if v == nil {
		b.WriteString("null")
		return
	}
	switch v.kind {
	case vNull:
		b.WriteString("null")
	case vBool:
		b.WriteString(strconv.FormatBool(v.b))
	case vNumber:
		if isPlainInt(v.s) {
			b.WriteString(v.s)
		} else if r, ok := v.rat(); ok {
			b.WriteString(r.RatString())
		} else {
			b.WriteString(v.s)
		}
	case vString:
		writeString(b, v.s)
	case vArray:
		b.WriteByte('[')
		for i, e := range v.arr {
			if i > 0 {
				b.WriteByte(',')
			}
			e.writeCanonical(b)
		}
		b.WriteByte(']')
	case vObject:
		ms := slices.Clone(v.members)
		slices.SortFunc(ms, func(x, y member) int { return strings.Compare(x.key, y.key) })
		b.WriteByte('{')
		for i, m := range ms {
			if i > 0 {
				b.WriteByte(',')
			}
			writeString(b, m.key)
			b.WriteByte(':')
			m.val.writeCanonical(b)
		}
		b.WriteByte('}')
	}
}

// writeString writes s as a JSON string.
func writeString(b *strings.Builder, s string) {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c == '"' || c == '\\' || c >= 0x7f {
			q, _ := json.Marshal(s)
			b.Write(q)
			return
		}
	}
	b.WriteByte('"')
	b.WriteString(s)
	b.WriteByte('"')
}

// maxDepth bounds the nesting of subschemas and of $id scopes, so that the
// recursive walks over them cannot exhaust the stack; documents are bounded
// by the (smaller, by default) nesting-depth limit of package limits.
const maxDepth = 10000

// syntaxError is a parse error at a position.
type syntaxError struct {
	at  pos
	msg string
}

func (e *syntaxError) Error() string { return fmt.Sprintf("%d:%d: %s", e.at.line, e.at.col, e.msg) }

// parseJSON parses a JSON document, keeping positions. Duplicate keys are an
// error: which one a validator honours is implementation-defined.
// Values nest at most maxDepth levels deep (the nesting-depth limit of
// package limits).
func parseJSON(data []byte, maxDepth int) (*value, error) {
	p := &jsonParser{data: data, line: 1, col: 1, maxDepth: maxDepth}
	if !utf8.Valid(data) {
		return nil, &syntaxError{pos{1, 1}, "file is not valid UTF-8"}
	}
	// Tolerate a byte-order mark.
	if bytes.HasPrefix(data, []byte("\ufeff")) {
		p.i = 3
	}
	p.skipSpace()
	v, err := p.value(0)
	if err != nil {
		return nil, err
	}
	p.skipSpace()
	if p.i < len(p.data) {
		return nil, p.errorf("unexpected %s after the top-level value", p.describe())
	}
	return v, nil
}

type jsonParser struct {
	data      []byte
	i         int
	line, col int
	maxDepth  int
}

func (p *jsonParser) here() pos { return pos{p.line, p.col} }

func (p *jsonParser) errorf(format string, args ...any) error {
	return &syntaxError{p.here(), fmt.Sprintf(format, args...)}
}

func (p *jsonParser) describe() string {
	if p.i >= len(p.data) {
		return "end of file"
	}
	r, _ := utf8.DecodeRune(p.data[p.i:])
	return strconv.QuoteRune(r)
}

func (p *jsonParser) advance(n int) {
	for range n {
		if p.data[p.i] == '\n' {
			p.line++
			p.col = 1
		} else if p.data[p.i]&0xC0 != 0x80 {
			p.col++
		}
		p.i++
	}
}

func (p *jsonParser) skipSpace() {
	for p.i < len(p.data) {
		switch p.data[p.i] {
		case ' ', '\t', '\r':
			p.col++
		case '\n':
			p.line++
			p.col = 1
		default:
			return
		}
		p.i++
	}
}

func (p *jsonParser) value(depth int) (*value, error) {
	if depth > p.maxDepth {
		return nil, p.errorf("%s", limits.DepthError("", p.maxDepth))
	}
	if p.i >= len(p.data) {
		return nil, p.errorf("unexpected end of file, want a value")
	}
	at := p.here()
	switch c := p.data[p.i]; {
	case c == '{':
		return p.object(depth)
	case c == '[':
		return p.array(depth)
	case c == '"':
		s, err := p.string()
		if err != nil {
			return nil, err
		}
		return &value{kind: vString, at: at, s: s}, nil
	case c == 't' || c == 'f' || c == 'n':
		for _, lit := range []string{"true", "false", "null"} {
			if bytes.HasPrefix(p.data[p.i:], []byte(lit)) {
				p.advance(len(lit))
				v := &value{kind: vBool, at: at, b: lit == "true"}
				if lit == "null" {
					v.kind = vNull
				}
				return v, nil
			}
		}
	case c == '-' || (c >= '0' && c <= '9'):
		return p.number()
	}
	return nil, p.errorf("unexpected %s, want a value", p.describe())
}

func (p *jsonParser) object(depth int) (*value, error) {
	v := &value{kind: vObject, at: p.here()}
	p.advance(1)
	p.skipSpace()
	if p.i < len(p.data) && p.data[p.i] == '}' {
		p.advance(1)
		return v, nil
	}
	var seen map[string]bool // for large objects; small ones scan members
	for {
		p.skipSpace()
		if p.i >= len(p.data) || p.data[p.i] != '"' {
			return nil, p.errorf("unexpected %s, want a string key", p.describe())
		}
		keyAt := p.here()
		key, err := p.string()
		if err != nil {
			return nil, err
		}
		if dup(v.members, &seen, key) {
			return nil, &syntaxError{keyAt, fmt.Sprintf("duplicate key %q", key)}
		}
		p.skipSpace()
		if p.i >= len(p.data) || p.data[p.i] != ':' {
			return nil, p.errorf("unexpected %s, want ':'", p.describe())
		}
		p.advance(1)
		p.skipSpace()
		val, err := p.value(depth + 1)
		if err != nil {
			return nil, err
		}
		v.members = append(v.members, member{key: key, keyAt: keyAt, val: val})
		p.skipSpace()
		if p.i >= len(p.data) {
			return nil, p.errorf("unexpected end of file, want ',' or '}'")
		}
		switch p.data[p.i] {
		case ',':
			p.advance(1)
		case '}':
			p.advance(1)
			return v, nil
		default:
			return nil, p.errorf("unexpected %s, want ',' or '}'", p.describe())
		}
	}
}

// dup reports whether key is already among members, switching from a scan
// to a map once an object grows.
func dup(members []member, seen *map[string]bool, key string) bool {
	if *seen == nil {
		for _, m := range members {
			if m.key == key {
				return true
			}
		}
		if len(members) < 16 {
			return false
		}
		*seen = make(map[string]bool, 2*len(members))
		for _, m := range members {
			(*seen)[m.key] = true
		}
	} else if (*seen)[key] {
		return true
	}
	(*seen)[key] = true
	return false
}

func (p *jsonParser) array(depth int) (*value, error) {
	v := &value{kind: vArray, at: p.here()}
	p.advance(1)
	p.skipSpace()
	if p.i < len(p.data) && p.data[p.i] == ']' {
		p.advance(1)
		return v, nil
	}
	for {
		p.skipSpace()
		e, err := p.value(depth + 1)
		if err != nil {
			return nil, err
		}
		v.arr = append(v.arr, e)
		p.skipSpace()
		if p.i >= len(p.data) {
			return nil, p.errorf("unexpected end of file, want ',' or ']'")
		}
		switch p.data[p.i] {
		case ',':
			p.advance(1)
		case ']':
			p.advance(1)
			return v, nil
		default:
			return nil, p.errorf("unexpected %s, want ',' or ']'", p.describe())
		}
	}
}

func (p *jsonParser) string() (string, error) {
	start := p.i
	p.advance(1)
	escaped := false
	// Fast path: plain characters, which never hold a newline.
	for p.i < len(p.data) {
		c := p.data[p.i]
		if c == '"' || c == '\\' || c < 0x20 {
			break
		}
		if c&0xC0 != 0x80 {
			p.col++
		}
		p.i++
	}
	for p.i < len(p.data) {
		c := p.data[p.i]
		switch {
		case c == '"':
			p.advance(1)
			raw := p.data[start:p.i]
			if !escaped {
				return string(raw[1 : len(raw)-1]), nil
			}
			var s string
			if err := json.Unmarshal(raw, &s); err != nil {
				return "", &syntaxError{p.here(), "invalid string escape"}
			}
			return s, nil
		case c == '\\':
			escaped = true
			if p.i+1 >= len(p.data) {
				return "", p.errorf("unexpected end of file in a string")
			}
			p.advance(2)
		case c < 0x20:
			return "", p.errorf("control character in a string")
		default:
			p.advance(1)
		}
	}
	return "", p.errorf("unexpected end of file in a string")
}

func (p *jsonParser) number() (*value, error) {
	at := p.here()
	start := p.i
	for p.i < len(p.data) && strings.IndexByte("+-0123456789.eE", p.data[p.i]) >= 0 {
		p.advance(1)
	}
	lit := string(p.data[start:p.i])
	if !validNumber(lit) {
		return nil, &syntaxError{at, fmt.Sprintf("invalid number %q", lit)}
	}
	return &value{kind: vNumber, at: at, s: lit}, nil
}

// validNumber reports whether s is a JSON number:
// -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
func validNumber(s string) bool {
	i := 0
	digits := func() int {
		n := 0
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
			n++
		}
		return n
	}
	if i < len(s) && s[i] == '-' {
		i++
	}
	switch {
	case i < len(s) && s[i] == '0':
		i++
	case digits() == 0:
		return false
	}
	if i < len(s) && s[i] == '.' {
		i++
		if digits() == 0 {
			return false
		}
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		if digits() == 0 {
			return false
		}
	}
	return i == len(s)
}

// maxYAMLNodes bounds alias expansion ("billion laughs").
const maxYAMLNodes = 1 << 20

// parseYAML parses a YAML document into a value, keeping positions; values
// nest at most maxDepth levels deep.
func parseYAML(data []byte, maxDepth int) (*value, error) {
	var doc yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&doc); err != nil && !errors.Is(err, io.EOF) {
		return nil, yamlError(err)
	}
	if doc.Kind == 0 {
		return nil, &syntaxError{pos{1, 1}, "empty document"}
	}
	// A second document would be silently ignored: which one is the schema?
	var next yaml.Node
	switch err := dec.Decode(&next); {
	case err == nil:
		return nil, &syntaxError{pos{next.Line, next.Column}, "a second YAML document starts here: a schema file holds one document (remove the --- separator or split the file)"}
	case !errors.Is(err, io.EOF):
		return nil, yamlError(err)
	}
	c := &yamlConverter{maxDepth: maxDepth}
	return c.convert(&doc, 0)
}

// yamlError turns "yaml: line N: msg" into a positioned error.
func yamlError(err error) error {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	var line int
	if n, _ := fmt.Sscanf(msg, "line %d:", &line); n == 1 {
		_, rest, _ := strings.Cut(msg, ":")
		return &syntaxError{pos{line, 0}, strings.TrimSpace(rest)}
	}
	return &syntaxError{pos{}, msg}
}

type yamlConverter struct{ nodes, maxDepth int }

func (c *yamlConverter) convert(n *yaml.Node, depth int) (*value, error) {
	at := pos{n.Line, n.Column}
	c.nodes++
	if c.nodes > maxYAMLNodes {
		return nil, &syntaxError{at, "document expands to too many nodes (alias bomb?)"}
	}
	if depth > c.maxDepth {
		return nil, &syntaxError{at, limits.DepthError("", c.maxDepth).Error()}
	}
	switch n.Kind {
	case yaml.DocumentNode:
		if len(n.Content) == 0 {
			return nil, &syntaxError{at, "empty document"}
		}
		return c.convert(n.Content[0], depth)
	case yaml.AliasNode:
		v, err := c.convert(n.Alias, depth+1)
		if err != nil {
			return nil, err
		}
		// An alias takes the position of its use.
		cp := *v
		cp.at = at
		return &cp, nil
	case yaml.SequenceNode:
		v := &value{kind: vArray, at: at}
		for _, e := range n.Content {
			ev, err := c.convert(e, depth+1)
			if err != nil {
				return nil, err
			}
			v.arr = append(v.arr, ev)
		}
		return v, nil
	case yaml.MappingNode:
		v := &value{kind: vObject, at: at}
		seen := map[string]bool{}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, val := n.Content[i], n.Content[i+1]
			if k.Kind == yaml.ScalarNode && k.Tag == "!!merge" {
				return nil, &syntaxError{pos{k.Line, k.Column}, "merge keys (<<) are not supported in schemas"}
			}
			if k.Kind != yaml.ScalarNode {
				return nil, &syntaxError{pos{k.Line, k.Column}, "mapping keys must be strings"}
			}
			if seen[k.Value] {
				return nil, &syntaxError{pos{k.Line, k.Column}, fmt.Sprintf("duplicate key %q", k.Value)}
			}
			seen[k.Value] = true
			ev, err := c.convert(val, depth+1)
			if err != nil {
				return nil, err
			}
			v.members = append(v.members, member{key: k.Value, keyAt: pos{k.Line, k.Column}, val: ev})
		}
		return v, nil
	case yaml.ScalarNode:
		switch n.ShortTag() {
		case "!!null":
			return &value{kind: vNull, at: at}, nil
		case "!!bool":
			var b bool
			if err := n.Decode(&b); err != nil {
				return nil, &syntaxError{at, err.Error()}
			}
			return &value{kind: vBool, at: at, b: b}, nil
		case "!!int", "!!float":
			var f any
			if err := n.Decode(&f); err != nil {
				return nil, &syntaxError{at, err.Error()}
			}
			lit, err := json.Marshal(f)
			if err != nil {
				return nil, &syntaxError{at, fmt.Sprintf("number %s cannot be represented in JSON", n.Value)}
			}
			return &value{kind: vNumber, at: at, s: string(lit)}, nil
		case "!!str":
			return &value{kind: vString, at: at, s: n.Value}, nil
		default:
			return nil, &syntaxError{at, fmt.Sprintf("YAML tag %s has no JSON equivalent", n.ShortTag())}
		}
	}
	return nil, &syntaxError{at, "unsupported YAML node"}
}
