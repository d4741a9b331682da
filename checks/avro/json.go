package avro

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/contractlint/contractlint/internal/limits"
)

// pos is a 1-based line and column in a file; columns count characters
// (non-ASCII text can only occur inside strings).
type pos struct {
	Line, Col int
}

// jsonKind is the kind of a JSON value.
type jsonKind int

const (
	jsonNull jsonKind = iota
	jsonBool
	jsonNumber
	jsonString
	jsonArray
	jsonObject
)

func (k jsonKind) String() string {
	return [...]string{"null", "boolean", "number", "string", "array", "object"}[k]
}

// jsonValue is a JSON value that remembers where it starts.
type jsonValue struct {
	Kind    jsonKind
	Pos     pos
	Bool    bool
	Str     string // string value, or a number's literal text
	Arr     []*jsonValue
	Members []jsonMember // in document order
}

// jsonMember is one key of an object.
type jsonMember struct {
	Key    string
	KeyPos pos
	Value  *jsonValue
}

// get returns the member value for key, or nil.
func (v *jsonValue) get(key string) *jsonValue {
	if v == nil || v.Kind != jsonObject {
		return nil
	}
	for _, m := range v.Members {
		if m.Key == key {
			return m.Value
		}
	}
	return nil
}

// canonical renders the value as compact JSON with object keys in document
// order; two values are equal when their canonical forms are.
func (v *jsonValue) canonical() string {
	var b strings.Builder
	v.write(&b)
	return b.String()
}

func (v *jsonValue) write(b *strings.Builder) {
	switch v.Kind {
	case jsonNull:
		b.WriteString("null")
	case jsonBool:
		b.WriteString(strconv.FormatBool(v.Bool))
	case jsonNumber:
		if f, err := strconv.ParseFloat(v.Str, 64); err == nil && !strings.ContainsAny(v.Str, ".eE") {
			b.WriteString(v.Str)
		} else if err == nil {
			b.WriteString(strconv.FormatFloat(f, 'g', -1, 64))
		} else {
			b.WriteString(v.Str)
		}
	case jsonString:
		b.WriteString(strconv.Quote(v.Str))
	case jsonArray:
		b.WriteByte('[')
		for i, e := range v.Arr {
			if i > 0 {
				b.WriteByte(',')
			}
			e.write(b)
		}
		b.WriteByte(']')
	case jsonObject:
		b.WriteByte('{')
		for i, m := range v.Members {
			if i > 0 {
				b.WriteByte(',')
			}
			b.WriteString(strconv.Quote(m.Key))
			b.WriteByte(':')
			m.Value.write(b)
		}
		b.WriteByte('}')
	}
}

// syntaxError is a JSON syntax error at a position.
type syntaxError struct {
	Pos pos
	Msg string
	// Limit is set when the JSON is valid so far but exceeds a limit.
	Limit bool
}

func (e *syntaxError) Error() string { return fmt.Sprintf("%d:%d: %s", e.Pos.Line, e.Pos.Col, e.Msg) }

// decoder is a small recursive-descent JSON parser (RFC 8259) that records
// the position of every value and key. It rejects duplicate keys, which JSON
// allows but which make an Avro schema ambiguous.
type decoder struct {
	data      []byte
	off       int
	line, col int
	maxDepth  int
}

// parseJSON parses exactly one JSON value nested at most maxDepth levels
// deep (the nesting-depth limit of package limits), so that hostile input
// cannot exhaust the stack.
func parseJSON(data []byte, maxDepth int) (*jsonValue, error) {
	d := &decoder{data: data, line: 1, col: 1, maxDepth: maxDepth}
	if !utf8.Valid(data) {
		return nil, d.errorf("file is not valid UTF-8")
	}
	d.skipSpace()
	v, err := d.value(0)
	if err != nil {
		return nil, err
	}
	d.skipSpace()
	if d.off < len(d.data) {
		return nil, d.errorf("unexpected %s after the top-level value", d.describe())
	}
	return v, nil
}

func (d *decoder) pos() pos { return pos{Line: d.line, Col: d.col} }

func (d *decoder) errorf(format string, args ...any) error {
	return &syntaxError{Pos: d.pos(), Msg: fmt.Sprintf(format, args...)}
}

// describe names the next input for an error message.
func (d *decoder) describe() string {
	if d.off >= len(d.data) {
		return "end of file"
	}
	r, _ := utf8.DecodeRune(d.data[d.off:])
	return fmt.Sprintf("%q", r)
}

func (d *decoder) advance(n int) {
	for i := 0; i < n && d.off < len(d.data); i++ {
		if d.data[d.off] == '\n' {
			d.line++
			d.col = 1
		} else {
			d.col++
		}
		d.off++
	}
}

func (d *decoder) skipSpace() {
	for d.off < len(d.data) {
		switch d.data[d.off] {
		case ' ', '\t', '\r', '\n':
			d.advance(1)
		default:
			return
		}
	}
}

func (d *decoder) value(depth int) (*jsonValue, error) {
	if depth > d.maxDepth {
		return nil, &syntaxError{Pos: d.pos(), Msg: limits.DepthError("", d.maxDepth).Error(), Limit: true}
	}
	if d.off >= len(d.data) {
		return nil, d.errorf("unexpected end of file, want a JSON value")
	}
	p := d.pos()
	switch c := d.data[d.off]; {
	case c == '{':
		return d.object(p, depth)
	case c == '[':
		return d.array(p, depth)
	case c == '"':
		s, err := d.str()
		if err != nil {
			return nil, err
		}
		return &jsonValue{Kind: jsonString, Pos: p, Str: s}, nil
	case c == '-' || (c >= '0' && c <= '9'):
		return d.number(p)
	case d.literal("true"):
		return &jsonValue{Kind: jsonBool, Pos: p, Bool: true}, nil
	case d.literal("false"):
		return &jsonValue{Kind: jsonBool, Pos: p}, nil
	case d.literal("null"):
		return &jsonValue{Kind: jsonNull, Pos: p}, nil
	}
	return nil, d.errorf("unexpected %s, want a JSON value", d.describe())
}

func (d *decoder) literal(word string) bool {
	if !strings.HasPrefix(string(d.data[d.off:min(len(d.data), d.off+len(word))]), word) {
		return false
	}
	d.advance(len(word))
	return true
}

func (d *decoder) object(p pos, depth int) (*jsonValue, error) {
	v := &jsonValue{Kind: jsonObject, Pos: p}
	d.advance(1)
	d.skipSpace()
	if d.off < len(d.data) && d.data[d.off] == '}' {
		d.advance(1)
		return v, nil
	}
	seen := map[string]bool{}
	for {
		d.skipSpace()
		if d.off >= len(d.data) || d.data[d.off] != '"' {
			return nil, d.errorf("unexpected %s, want a string key", d.describe())
		}
		kp := d.pos()
		key, err := d.str()
		if err != nil {
			return nil, err
		}
		if seen[key] {
			return nil, &syntaxError{Pos: kp, Msg: fmt.Sprintf("duplicate key %q", key)}
		}
		seen[key] = true
		d.skipSpace()
		if d.off >= len(d.data) || d.data[d.off] != ':' {
			return nil, d.errorf("unexpected %s, want ':' after key %q", d.describe(), key)
		}
		d.advance(1)
		d.skipSpace()
		val, err := d.value(depth + 1)
		if err != nil {
			return nil, err
		}
		v.Members = append(v.Members, jsonMember{Key: key, KeyPos: kp, Value: val})
		d.skipSpace()
		if d.off < len(d.data) && d.data[d.off] == ',' {
			d.advance(1)
			continue
		}
		if d.off < len(d.data) && d.data[d.off] == '}' {
			d.advance(1)
			return v, nil
		}
		return nil, d.errorf("unexpected %s, want ',' or '}'", d.describe())
	}
}

func (d *decoder) array(p pos, depth int) (*jsonValue, error) {
	v := &jsonValue{Kind: jsonArray, Pos: p}
	d.advance(1)
	d.skipSpace()
	if d.off < len(d.data) && d.data[d.off] == ']' {
		d.advance(1)
		return v, nil
	}
	for {
		d.skipSpace()
		e, err := d.value(depth + 1)
		if err != nil {
			return nil, err
		}
		v.Arr = append(v.Arr, e)
		d.skipSpace()
		if d.off < len(d.data) && d.data[d.off] == ',' {
			d.advance(1)
			continue
		}
		if d.off < len(d.data) && d.data[d.off] == ']' {
			d.advance(1)
			return v, nil
		}
		return nil, d.errorf("unexpected %s, want ',' or ']'", d.describe())
	}
}

func (d *decoder) number(p pos) (*jsonValue, error) {
	start := d.off
	i := d.off
	digits := func() int {
		n := 0
		for i < len(d.data) && d.data[i] >= '0' && d.data[i] <= '9' {
			i++
			n++
		}
		return n
	}
	if d.data[i] == '-' {
		i++
	}
	intStart := i
	if digits() == 0 {
		d.advance(i - d.off)
		return nil, d.errorf("invalid number: want a digit")
	}
	if d.data[intStart] == '0' && i-intStart > 1 {
		return nil, d.errorf("invalid number: leading zero")
	}
	if i < len(d.data) && d.data[i] == '.' {
		i++
		if digits() == 0 {
			d.advance(i - d.off)
			return nil, d.errorf("invalid number: want a digit after '.'")
		}
	}
	if i < len(d.data) && (d.data[i] == 'e' || d.data[i] == 'E') {
		i++
		if i < len(d.data) && (d.data[i] == '+' || d.data[i] == '-') {
			i++
		}
		if digits() == 0 {
			d.advance(i - d.off)
			return nil, d.errorf("invalid number: want a digit in the exponent")
		}
	}
	d.advance(i - start)
	return &jsonValue{Kind: jsonNumber, Pos: p, Str: string(d.data[start:i])}, nil
}

// str reads a string literal; d.data[d.off] is the opening quote.
func (d *decoder) str() (string, error) {
	d.advance(1)
	var b strings.Builder
	for {
		if d.off >= len(d.data) {
			return "", d.errorf("unterminated string")
		}
		c := d.data[d.off]
		switch {
		case c == '"':
			d.advance(1)
			return b.String(), nil
		case c < 0x20:
			return "", d.errorf("control character %q in string", rune(c))
		case c == '\\':
			if d.off+1 >= len(d.data) {
				return "", d.errorf("unterminated string")
			}
			e := d.data[d.off+1]
			switch e {
			case '"', '\\', '/':
				b.WriteByte(e)
			case 'b':
				b.WriteByte('\b')
			case 'f':
				b.WriteByte('\f')
			case 'n':
				b.WriteByte('\n')
			case 'r':
				b.WriteByte('\r')
			case 't':
				b.WriteByte('\t')
			case 'u':
				r, n, err := d.unicodeEscape()
				if err != nil {
					return "", err
				}
				b.WriteRune(r)
				d.advance(n)
				continue
			default:
				return "", d.errorf("invalid escape %q in string", "\\"+string(rune(e)))
			}
			d.advance(2)
		default:
			_, size := utf8.DecodeRune(d.data[d.off:])
			b.Write(d.data[d.off : d.off+size])
			d.off += size
			d.col++
		}
	}
}

// unicodeEscape decodes \uXXXX at d.off, with a following low surrogate when
// the first is a high one; it returns the rune and the bytes consumed.
func (d *decoder) unicodeEscape() (rune, int, error) {
	hex := func(at int) (rune, bool) {
		if at+6 > len(d.data) || d.data[at] != '\\' || d.data[at+1] != 'u' {
			return 0, false
		}
		v, err := strconv.ParseUint(string(d.data[at+2:at+6]), 16, 16)
		return rune(v), err == nil
	}
	r, ok := hex(d.off)
	if !ok {
		return 0, 0, d.errorf("invalid \\u escape in string")
	}
	if utf16.IsSurrogate(r) {
		if r2, ok := hex(d.off + 6); ok {
			if c := utf16.DecodeRune(r, r2); c != utf8.RuneError {
				return c, 12, nil
			}
		}
		return utf8.RuneError, 6, nil
	}
	return r, 6, nil
}
