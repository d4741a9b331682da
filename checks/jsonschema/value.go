package jsonschema

import (
	"encoding/json"
	"math/big"
	"slices"
	"strconv"
	"strings"

	"github.com/contractlint/contractlint/internal/doc"
)

// The JSON values of schema documents, parsed by package doc with their
// positions, under the short names this package uses throughout.
type (
	pos    = doc.Pos
	value  = doc.Value
	member = doc.Member
)

const (
	vNull   = doc.Null
	vBool   = doc.Bool
	vNumber = doc.Number
	vString = doc.String
	vArray  = doc.Array
	vObject = doc.Object
)

// strOf returns the string value of member key of v, if it is a string.
func strOf(v *value, key string) (string, bool) {
	m := v.Get(key)
	if m == nil || m.Kind != vString {
		return "", false
	}
	return m.Str, true
}

// exactRat returns a number's exact value.
func exactRat(v *value) (*big.Rat, bool) {
	if v == nil || v.Kind != vNumber {
		return nil, false
	}
	if isPlainInt(v.Str) {
		if n, err := strconv.ParseInt(v.Str, 10, 64); err == nil {
			return new(big.Rat).SetInt64(n), true
		}
	}
	if hugeExponent(v.Str) {
		return nil, false
	}
	r, ok := new(big.Rat).SetString(v.Str)
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

// canonical renders a value as compact JSON with object members sorted and
// numbers normalised, so that two values are equal exactly when their
// canonical forms are.
func canonical(v *value) string {
	var b strings.Builder
	writeCanonical(&b, v)
	return b.String()
}

func writeCanonical(b *strings.Builder, v *value) {
	if v == nil {
		b.WriteString("null")
		return
	}
	switch v.Kind {
	case vNull:
		b.WriteString("null")
	case vBool:
		b.WriteString(strconv.FormatBool(v.Bool))
	case vNumber:
		if isPlainInt(v.Str) {
			b.WriteString(v.Str)
		} else if r, ok := exactRat(v); ok {
			b.WriteString(r.RatString())
		} else {
			b.WriteString(v.Str)
		}
	case vString:
		writeString(b, v.Str)
	case vArray:
		b.WriteByte('[')
		for i, e := range v.Arr {
			if i > 0 {
				b.WriteByte(',')
			}
			writeCanonical(b, e)
		}
		b.WriteByte(']')
	case vObject:
		ms := slices.Clone(v.Members)
		slices.SortFunc(ms, func(x, y member) int { return strings.Compare(x.Key, y.Key) })
		b.WriteByte('{')
		for i, m := range ms {
			if i > 0 {
				b.WriteByte(',')
			}
			writeString(b, m.Key)
			b.WriteByte(':')
			writeCanonical(b, m.Value)
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

// parseDocument parses a schema document, YAML by its file name and JSON
// otherwise, nesting at most depth levels deep.
func parseDocument(file string, data []byte, depth int) (*value, error) {
	if isYAML(file) {
		return doc.ParseYAML(data, doc.Options{MaxDepth: depth, What: "a schema file"})
	}
	return doc.ParseJSON(data, doc.Options{MaxDepth: depth})
}
