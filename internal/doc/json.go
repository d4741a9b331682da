package doc

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// ParseJSON parses data, which must hold exactly one JSON value (RFC 8259)
// and nothing after it but white space. A leading byte-order mark is
// skipped. Every error is an *[Error]; one for a value nested deeper than
// o.MaxDepth unwraps to a *[limits.Error].
func ParseJSON(data []byte, o Options) (*Value, error) {
	p := &jsonParser{data: data, line: 1, col: 1, maxDepth: o.depth()}
	if !utf8.Valid(data) {
		return nil, &Error{Pos: Pos{1, 1}, Msg: "file is not valid UTF-8"}
	}
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

// jsonParser is a recursive-descent JSON parser that records the position
// of every value and key.
type jsonParser struct {
	data      []byte
	i         int
	line, col int
	maxDepth  int
	slab      []Value // values are allocated from here, a block at a time
}

func (p *jsonParser) here() Pos { return Pos{p.line, p.col} }

func (p *jsonParser) errorf(format string, args ...any) *Error {
	return &Error{Pos: p.here(), Msg: fmt.Sprintf(format, args...)}
}

// alloc returns a new value; allocating them in blocks makes parsing a
// large schema several times cheaper for the garbage collector.
func (p *jsonParser) alloc(k Kind, at Pos) *Value {
	if len(p.slab) == 0 {
		p.slab = make([]Value, 64)
	}
	v := &p.slab[0]
	p.slab = p.slab[1:]
	v.Kind, v.Pos = k, at
	return v
}

// describe names the next input for an error message.
func (p *jsonParser) describe() string {
	if p.i >= len(p.data) {
		return "end of file"
	}
	r, _ := utf8.DecodeRune(p.data[p.i:])
	return strconv.QuoteRune(r)
}

// advance moves n bytes on, counting lines and characters.
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

func (p *jsonParser) value(depth int) (*Value, error) {
	if depth > p.maxDepth {
		return nil, depthError(p.here(), p.maxDepth)
	}
	if p.i >= len(p.data) {
		return nil, p.errorf("unexpected end of file, want a JSON value")
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
		v := p.alloc(String, at)
		v.Str = s
		return v, nil
	case c == '-' || (c >= '0' && c <= '9'):
		return p.number()
	case c == 't' || c == 'f' || c == 'n':
		for _, lit := range [...]string{"true", "false", "null"} {
			if bytes.HasPrefix(p.data[p.i:], []byte(lit)) {
				p.advance(len(lit))
				v := p.alloc(Bool, at)
				v.Bool = lit == "true"
				if lit == "null" {
					v.Kind = Null
				}
				return v, nil
			}
		}
	}
	return nil, p.errorf("unexpected %s, want a JSON value", p.describe())
}

func (p *jsonParser) object(depth int) (*Value, error) {
	v := p.alloc(Object, p.here())
	p.advance(1)
	p.skipSpace()
	if p.i < len(p.data) && p.data[p.i] == '}' {
		p.advance(1)
		return v, nil
	}
	var seen map[string]int // for large objects; small ones scan members
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
		if first := dup(v.Members, &seen, key); first >= 0 {
			return nil, duplicateKey(keyAt, key, v.Members[first].KeyPos)
		}
		p.skipSpace()
		if p.i >= len(p.data) || p.data[p.i] != ':' {
			return nil, p.errorf("unexpected %s, want ':' after key %q", p.describe(), key)
		}
		p.advance(1)
		p.skipSpace()
		val, err := p.value(depth + 1)
		if err != nil {
			return nil, err
		}
		v.Members = append(v.Members, Member{Key: key, KeyPos: keyAt, Value: val})
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

// duplicateKey is the error of a key that repeats an earlier one.
func duplicateKey(at Pos, key string, first Pos) *Error {
	return &Error{Pos: at, Msg: fmt.Sprintf("key %q repeats the one on line %d", key, first.Line)}
}

// dup returns the index of the member named key, or -1, switching from a
// scan to a map once an object grows.
func dup(members []Member, seen *map[string]int, key string) int {
	if *seen == nil {
		for i := range members {
			if members[i].Key == key {
				return i
			}
		}
		if len(members) < 16 {
			return -1
		}
		*seen = make(map[string]int, 2*len(members))
		for i := range members {
			(*seen)[members[i].Key] = i
		}
	} else if i, ok := (*seen)[key]; ok {
		return i
	}
	(*seen)[key] = len(members)
	return -1
}

func (p *jsonParser) array(depth int) (*Value, error) {
	v := p.alloc(Array, p.here())
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
		v.Arr = append(v.Arr, e)
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

// string reads a string literal; p.data[p.i] is the opening quote.
func (p *jsonParser) string() (string, error) {
	p.advance(1)
	start := p.i
	// Fast path: plain characters, which never hold a newline.
	for p.i < len(p.data) {
		c := p.data[p.i]
		if c == '"' {
			s := string(p.data[start:p.i])
			p.advance(1)
			return s, nil
		}
		if c == '\\' || c < 0x20 {
			break
		}
		if c&0xC0 != 0x80 {
			p.col++
		}
		p.i++
	}
	var b strings.Builder
	b.Write(p.data[start:p.i])
	for {
		if p.i >= len(p.data) {
			return "", p.errorf("unterminated string")
		}
		c := p.data[p.i]
		switch {
		case c == '"':
			p.advance(1)
			return b.String(), nil
		case c < 0x20:
			return "", p.errorf("control character %q in string", rune(c))
		case c == '\\':
			if p.i+1 >= len(p.data) {
				return "", p.errorf("unterminated string")
			}
			e := p.data[p.i+1]
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
				r, n, err := p.unicodeEscape()
				if err != nil {
					return "", err
				}
				b.WriteRune(r)
				p.advance(n)
				continue
			default:
				r, _ := utf8.DecodeRune(p.data[p.i+1:])
				return "", p.errorf("invalid escape %q in string", `\`+string(r))
			}
			p.advance(2)
		default:
			b.WriteByte(c)
			p.advance(1)
		}
	}
}

// unicodeEscape decodes \uXXXX at p.i, with a following low surrogate when
// the first is a high one; it returns the rune and the bytes consumed. A
// lone surrogate decodes as U+FFFD, as encoding/json does.
func (p *jsonParser) unicodeEscape() (rune, int, error) {
	hex := func(at int) (rune, bool) {
		if at+6 > len(p.data) || p.data[at] != '\\' || p.data[at+1] != 'u' {
			return 0, false
		}
		v, err := strconv.ParseUint(string(p.data[at+2:at+6]), 16, 16)
		return rune(v), err == nil
	}
	r, ok := hex(p.i)
	if !ok {
		return 0, 0, p.errorf("invalid \\u escape in string")
	}
	if utf16.IsSurrogate(r) {
		if r2, ok := hex(p.i + 6); ok {
			if c := utf16.DecodeRune(r, r2); c != utf8.RuneError {
				return c, 12, nil
			}
		}
		return utf8.RuneError, 6, nil
	}
	return r, 6, nil
}

// number reads a number: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
// keeping its text. An error points at the character that is wrong.
func (p *jsonParser) number() (*Value, error) {
	at := p.here()
	start := p.i
	i := p.i
	digits := func() int {
		n := 0
		for i < len(p.data) && p.data[i] >= '0' && p.data[i] <= '9' {
			i++
			n++
		}
		return n
	}
	fail := func(msg string) error {
		p.advance(i - p.i)
		return p.errorf("invalid number: %s", msg)
	}
	if p.data[i] == '-' {
		i++
	}
	intStart := i
	if digits() == 0 {
		return nil, fail("want a digit")
	}
	if p.data[intStart] == '0' && i-intStart > 1 {
		i = intStart
		return nil, fail("leading zero")
	}
	if i < len(p.data) && p.data[i] == '.' {
		i++
		if digits() == 0 {
			return nil, fail("want a digit after '.'")
		}
	}
	if i < len(p.data) && (p.data[i] == 'e' || p.data[i] == 'E') {
		i++
		if i < len(p.data) && (p.data[i] == '+' || p.data[i] == '-') {
			i++
		}
		if digits() == 0 {
			return nil, fail("want a digit in the exponent")
		}
	}
	v := p.alloc(Number, at)
	v.Str = string(p.data[start:i])
	p.advance(i - start)
	return v, nil
}
