package avro

import (
	"strconv"
	"strings"

	"github.com/contractlint/contractlint/internal/doc"
)

// pos is a 1-based line and column in a file.
type pos = doc.Pos

// canonical renders a JSON value as compact JSON with object keys in
// document order; two values are equal when their canonical forms are.
func canonical(v *doc.Value) string {
	var b strings.Builder
	write(&b, v)
	return b.String()
}

func write(b *strings.Builder, v *doc.Value) {
	switch v.Kind {
	case doc.Null:
		b.WriteString("null")
	case doc.Bool:
		b.WriteString(strconv.FormatBool(v.Bool))
	case doc.Number:
		if f, err := strconv.ParseFloat(v.Str, 64); err == nil && !strings.ContainsAny(v.Str, ".eE") {
			b.WriteString(v.Str)
		} else if err == nil {
			b.WriteString(strconv.FormatFloat(f, 'g', -1, 64))
		} else {
			b.WriteString(v.Str)
		}
	case doc.String:
		b.WriteString(strconv.Quote(v.Str))
	case doc.Array:
		b.WriteByte('[')
		for i, e := range v.Arr {
			if i > 0 {
				b.WriteByte(',')
			}
			write(b, e)
		}
		b.WriteByte(']')
	case doc.Object:
		b.WriteByte('{')
		for i, m := range v.Members {
			if i > 0 {
				b.WriteByte(',')
			}
			b.WriteString(strconv.Quote(m.Key))
			b.WriteByte(':')
			write(b, m.Value)
		}
		b.WriteByte('}')
	}
}
