package doc

import (
	"bytes"
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzParseJSON: never a panic; whatever encoding/json accepts is accepted
// with the same value, unless a key repeats or it nests too deeply; whatever
// is accepted, encoding/json accepts. Invalid UTF-8 is refused.
func FuzzParseJSON(f *testing.F) {
	for _, s := range []string{`{"a": [1, "x", true, null, {"b": -0.5e3}]}`, `"\ud83d\ude00\u0041"`, `1e99999999`,
		`{"a": 1, "a": 2}`, `[[[[[[[[[[]]]]]]]]]]`, "\ufeff[]", `{"a":}`, `0123`, `"\x"`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		v, err := ParseJSON(data, Options{MaxDepth: 8})
		body := bytes.TrimPrefix(data, []byte("\ufeff"))
		// Invalid UTF-8 is refused, where encoding/json replaces it.
		valid := json.Valid(body) && utf8.Valid(body)
		if err != nil {
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("%T is not an *Error", err)
			}
			if valid && !strings.Contains(e.Msg, "repeats the one") && e.Err == nil {
				t.Fatalf("encoding/json accepts %q, ParseJSON says %v", data, err)
			}
			return
		}
		if !valid {
			t.Fatalf("encoding/json refuses %q, ParseJSON accepts it", data)
		}
		dec := json.NewDecoder(bytes.NewReader(body))
		dec.UseNumber()
		var want any
		if err := dec.Decode(&want); err != nil {
			t.Fatal(err)
		}
		if got := v.Interface(); !reflect.DeepEqual(got, want) {
			t.Fatalf("%q: got %#v, want %#v", data, got, want)
		}
	})
}

// FuzzParseYAML: never a panic, an error is located, numbers are JSON
// numbers, and a value expands to no more than MaxNodes values.
func FuzzParseYAML(f *testing.F) {
	for _, s := range []string{"a: 1\nb: [x, {c: .5}]\n", "a: &a [1, 2]\nb: *a\nc: [*a, *a]\n", "a: 0x1F\nb: 1e400\nc: .inf\n",
		"a: 1\na: 2\n<<: {b: 1}\n", "- !foo x\n- !!binary aGk=\n- 2001-12-14\n", "a: 1\n---\nb: 2\n", "? [a]\n: 1\n"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		v, err := ParseYAML(data, Options{MaxDepth: 8, MaxNodes: 1000})
		if err != nil {
			if len(All(err)) == 0 {
				t.Fatalf("%T is not an *Error or Errors", err)
			}
			return
		}
		n := 0
		var walk func(v *Value)
		walk = func(v *Value) {
			n++
			switch v.Kind {
			case Number:
				if !json.Valid([]byte(v.Str)) {
					t.Fatalf("number %q is not JSON", v.Str)
				}
			case Array:
				for _, e := range v.Arr {
					walk(e)
				}
			case Object:
				for _, m := range v.Members {
					walk(m.Value)
				}
			}
		}
		walk(v)
		if n > 1000 {
			t.Fatalf("%d values, more than the limit", n)
		}
		if _, err := json.Marshal(v.Interface()); err != nil {
			t.Fatal(err)
		}
	})
}
