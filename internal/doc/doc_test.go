package doc

import (
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/contractlint/contractlint/internal/limits"
)

func TestJSONPositions(t *testing.T) {
	t.Parallel()
	v, err := ParseJSON([]byte("{\n  \"a\": [1, \"é\\u00e9\\ud83d\\ude00\", true],\n\t\"b\": {\"c\": null}, \"d\": \"ü\"\n}"), Options{MaxDepth: 10})
	if err != nil {
		t.Fatal(err)
	}
	a := v.Get("a")
	if a.Pos != (Pos{2, 8}) || a.Arr[1].Pos != (Pos{2, 12}) || a.Arr[2].Pos != (Pos{2, 35}) {
		t.Errorf("positions: a %v, a[1] %v, a[2] %v", a.Pos, a.Arr[1].Pos, a.Arr[2].Pos)
	}
	if got := a.Arr[1].Str; got != "éé😀" {
		t.Errorf("string = %q", got)
	}
	if c := v.Get("b").Get("c"); c.Kind != Null || c.Pos != (Pos{3, 13}) {
		t.Errorf("c = %+v", c)
	}
	if m := v.Member("d"); m == nil || m.KeyPos != (Pos{3, 20}) || m.Value.Pos != (Pos{3, 25}) {
		t.Errorf("d = %+v", m)
	}
	if v.Member("zz") != nil || v.Get("a").Get("x") != nil || (*Value)(nil).Get("a") != nil {
		t.Error("Get of a missing member is not nil")
	}
}

func TestJSONErrors(t *testing.T) {
	t.Parallel()
	for _, c := range []struct{ in, want string }{
		{``, "1:1: unexpected end of file, want a JSON value"},
		{`{"a": 1,}`, `1:9: unexpected '}', want a string key`},
		{`{"a": 1, "a": 2}`, `1:10: key "a" repeats the one on line 1`},
		{`{"a" 1}`, `1:6: unexpected '1', want ':' after key "a"`},
		{`[1 2]`, `1:4: unexpected '2', want ',' or ']'`},
		{`[1`, `1:3: unexpected end of file, want ',' or ']'`},
		{`{"a":1`, `1:7: unexpected end of file, want ',' or '}'`},
		{`01`, `1:1: invalid number: leading zero`},
		{`-`, `1:2: invalid number: want a digit`},
		{`1.`, `1:3: invalid number: want a digit after '.'`},
		{`1e+`, `1:4: invalid number: want a digit in the exponent`},
		{`"\x"`, `1:2: invalid escape "\\x" in string`},
		{`"\u12"`, `1:2: invalid \u escape in string`},
		{"\"a\nb\"", `1:3: control character '\n' in string`},
		{`"abc`, `1:5: unterminated string`},
		{`"ab\`, `1:4: unterminated string`},
		{`{} {}`, `1:4: unexpected '{' after the top-level value`},
		{`nul`, `1:1: unexpected 'n', want a JSON value`},
		{`truex`, `1:5: unexpected 'x' after the top-level value`},
		{`é`, `1:1: unexpected 'é', want a JSON value`},
		{"\xff", `1:1: file is not valid UTF-8`},
		{"[\"ok\", \"\xc3\x28\"]", `1:1: file is not valid UTF-8`},
		{strings.Repeat("[", 12), "1:12: nested deeper than the nesting-depth limit of 10 levels; raise it with CONTRACTLINT_MAX_DEPTH=40"},
	} {
		_, err := ParseJSON([]byte(c.in), Options{MaxDepth: 10})
		if err == nil || err.Error() != c.want {
			t.Errorf("ParseJSON(%q) = %v, want %q", c.in, err, c.want)
		}
		var e *Error
		if !errors.As(err, &e) {
			t.Errorf("ParseJSON(%q): %T is not an *Error", c.in, err)
		}
	}
}

func TestJSONValues(t *testing.T) {
	t.Parallel()
	in := "\ufeff" + `{"s": "a\"\\\/\b\f\n\r\t\u0041\ud800x", "n": [0, -0.5e-3, 1e99999999, 123456789012345678901234567890.25],
		"t": true, "f": false, "z": null, "o": {}, "a": []}`
	v, err := ParseJSON([]byte(in), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := v.Get("s").Str, "a\"\\/\b\f\n\r\tA\ufffdx"; got != want {
		t.Errorf("s = %q, want %q", got, want)
	}
	var nums []string
	for _, n := range v.Get("n").Arr {
		nums = append(nums, n.Str)
	}
	if got := strings.Join(nums, " "); got != "0 -0.5e-3 1e99999999 123456789012345678901234567890.25" {
		t.Errorf("numbers = %s", got)
	}
	want := map[string]any{"s": v.Get("s").Str, "n": []any{json.Number("0"), json.Number("-0.5e-3"), json.Number("1e99999999"),
		json.Number("123456789012345678901234567890.25")}, "t": true, "f": false, "z": nil, "o": map[string]any{}, "a": []any{}}
	if got := v.Interface(); !reflect.DeepEqual(got, want) {
		t.Errorf("Interface() = %#v\nwant %#v", got, want)
	}
}

func TestDepthLimit(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		name string
		data string
		yaml bool
	}{
		{"json", strings.Repeat("[", 6) + strings.Repeat("]", 6), false},
		{"yaml flow", strings.Repeat("[", 6) + strings.Repeat("]", 6), true},
		{"yaml block", "a:\n b:\n  c:\n   d:\n    e:\n     f: 1\n", true},
		{"yaml alias", "x: &x [[[[1]]]]\ny: [*x]\n", true},
	} {
		parse := ParseJSON
		if c.yaml {
			parse = ParseYAML
		}
		_, err := parse([]byte(c.data), Options{MaxDepth: 4})
		var le *limits.Error
		var e *Error
		if !errors.As(err, &le) || !errors.As(err, &e) || e.Pos.Line == 0 || !strings.Contains(err.Error(), "CONTRACTLINT_MAX_DEPTH") {
			t.Errorf("%s: %v, want a located depth error", c.name, err)
		}
		if _, err := parse([]byte(c.data), Options{MaxDepth: 6}); err != nil {
			t.Errorf("%s: depth 6: %v", c.name, err)
		}
	}
	// The default is the limits package's.
	deep := strings.Repeat("[", limits.DefaultMaxDepth+2) + strings.Repeat("]", limits.DefaultMaxDepth+2)
	if _, err := ParseJSON([]byte(deep), Options{}); !errors.As(err, new(*limits.Error)) {
		t.Errorf("default depth: %v", err)
	}
}

func TestYAMLPositions(t *testing.T) {
	t.Parallel()
	v, err := ParseYAML([]byte("# c\na: 1\nb:\n  - x\n  - {c: true, \"d\": ~}\nétat: \"é\"\n"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	m := v.Member("b")
	if m.KeyPos != (Pos{3, 1}) || m.Value.Pos != (Pos{4, 3}) || m.Value.Arr[1].Get("d").Pos != (Pos{5, 20}) {
		t.Errorf("b: %+v", m)
	}
	if m := v.Members[2]; m.Key != "état" || m.Value.Pos != (Pos{6, 7}) {
		t.Errorf("état: %+v", m)
	}
	if got := v.Locate("/b/1/c"); got != (Pos{5, 9}) {
		t.Errorf("Locate(/b/1/c) = %v", got)
	}
	if got := v.Locate("/b/7/c"); got != (Pos{4, 3}) {
		t.Errorf("Locate of a missing element = %v, want its array's", got)
	}
	want := map[string]any{"a": json.Number("1"), "b": []any{"x", map[string]any{"c": true, "d": nil}}, "état": "é"}
	if got := v.Interface(); !reflect.DeepEqual(got, want) {
		t.Errorf("Interface() = %#v", got)
	}
}

// A trailing "---" or "..." holds nothing that a reader would ignore.
func TestYAMLTrailingMarkers(t *testing.T) {
	t.Parallel()
	for _, s := range []string{"a: 1\n---\n", "a: 1\n...\n", "---\na: 1\n--- # end\n", "a: 1\n---\n---\n"} {
		if v, err := ParseYAML([]byte(s), Options{}); err != nil || v.Get("a").Str != "1" {
			t.Errorf("%q: %v", s, err)
		}
	}
}

func TestYAMLScalars(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		in   string
		kind Kind
		text string
	}{
		{"1", Number, "1"}, {"-17", Number, "-17"}, {"+5", Number, "5"}, {"0x1F", Number, "31"}, {"0o17", Number, "15"},
		{"017", Number, "15"}, {"0b101", Number, "5"}, {"1_000", Number, "1000"}, {"1.50", Number, "1.50"},
		{".5", Number, "0.5"}, {"-.5e3", Number, "-0.5e3"}, {"1.", Number, "1"}, {"1E5", Number, "1E5"}, {"08", Number, "8"},
		{"1e99999999", Number, "1e99999999"}, {"-1e400", Number, "-1e400"},
		{"123456789012345678901234567890", Number, "123456789012345678901234567890"},
		{"18446744073709551616", Number, "18446744073709551616"},
		{"'1'", String, "1"}, {"!!str 1e400", String, "1e400"}, {"abc", String, "abc"}, {"2027-03-31", String, "2027-03-31"},
		{"yes", String, "yes"}, {"true", Bool, ""}, {"False", Bool, ""}, {"~", Null, ""}, {"null", Null, ""}, {"", Null, ""},
	} {
		v, err := ParseYAML([]byte("v: "+c.in+"\n"), Options{})
		if err != nil {
			t.Errorf("%q: %v", c.in, err)
			continue
		}
		if got := v.Get("v"); got.Kind != c.kind || got.Str != c.text {
			t.Errorf("%q = %v %q, want %v %q", c.in, got.Kind, got.Str, c.kind, c.text)
		}
	}
	for _, c := range []struct{ in, want string }{
		{".inf", "1:4: number .inf cannot be represented in JSON"},
		{".NaN", "1:4: number .NaN cannot be represented in JSON"},
		{"!foo x", "1:4: YAML tag !foo has no JSON equivalent"},
		{"!!int 1.5", `1:4: "1.5" is not a number`},
		{"!!bool maybe", `1:4: "maybe" is not a boolean`},
	} {
		_, err := ParseYAML([]byte("v: "+c.in+"\n"), Options{})
		if err == nil || err.Error() != c.want {
			t.Errorf("%q: %v, want %q", c.in, err, c.want)
		}
	}
}

func TestYAMLErrors(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		name, in string
		o        Options
		want     string
	}{
		{"duplicates, all of them", "a: 1\nb: 2\na: 3\nb: 4\n", Options{}, "3:1: key \"a\" repeats the one on line 1\n4:1: key \"b\" repeats the one on line 2"},
		{"merge key", "a: &a {x: 1}\nb:\n  <<: *a\n", Options{}, "3:3: merge keys (<<) are not supported"},
		{"mapping key", "? [a]\n: 1\n", Options{}, "1:3: mapping keys must be strings"},
		{"second document", "a: 1\n---\nb: 2\n", Options{}, "2:1: a second YAML document starts here: the file holds one document (remove the --- separator or split the file)"},
		{"second document after an empty one", "a: 1\n---\n---\nb: 2\n", Options{}, "3:1: a second YAML document starts here: the file holds one document (remove the --- separator or split the file)"},
		{"syntax", "a: [1\n", Options{}, "1:0: did not find expected ',' or ']'"},
		{"tab", "a:\n\t- b\n", Options{}, "2:0: found character that cannot start any token"},
		{"empty", "# nothing\n", Options{}, "1:1: empty document"},
		{"invalid UTF-8", "a: \xff\n", Options{}, "0:0: invalid leading UTF-8 octet"},
		{"no aliases", "a: &x 1\nb: *x\n", Options{NoAliases: true}, "1:4: anchors and aliases are not allowed\n2:4: anchors and aliases are not allowed"},
	} {
		_, err := ParseYAML([]byte(c.in), c.o)
		if err == nil || err.Error() != c.want {
			t.Errorf("%s: %v, want %q", c.name, err, c.want)
		}
		if len(All(err)) == 0 {
			t.Errorf("%s: All(%T) is empty", c.name, err)
		}
	}
}

// A "billion laughs" document: each level doubles... ten-fold the one
// before. It must fail fast with a clear error, and an honest use of
// aliases must still work, each use at its own position.
func TestYAMLAliases(t *testing.T) {
	t.Parallel()
	var b strings.Builder
	b.WriteString("l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n")
	for i := 1; i <= 9; i++ {
		b.WriteString("l" + string(rune('0'+i)) + ": &l" + string(rune('0'+i)) + " [")
		for j := range 10 {
			if j > 0 {
				b.WriteString(", ")
			}
			b.WriteString("*l" + string(rune('0'+i-1)))
		}
		b.WriteString("]\n")
	}
	_, err := ParseYAML([]byte(b.String()), Options{})
	if !errors.Is(err, ErrTooManyValues) || !strings.Contains(err.Error(), "alias bomb") {
		t.Errorf("billion laughs: %v", err)
	}
	if e := All(err); len(e) != 1 || e[0].Pos.Line < 2 {
		t.Errorf("billion laughs: not located: %v", err)
	}

	v, err := ParseYAML([]byte("base: &b {type: string, maxLength: 3}\nx: *b\ny:\n  - *b\n"), Options{MaxNodes: 20})
	if err != nil {
		t.Fatal(err)
	}
	x, y := v.Get("x"), v.Get("y").Arr[0]
	if x.Pos != (Pos{2, 4}) || y.Pos != (Pos{4, 5}) || x.Get("maxLength").Str != "3" || y.Get("type").Str != "string" {
		t.Errorf("aliases: x %+v, y %+v", x, y)
	}
	if _, err := ParseYAML([]byte("base: &b {type: string, maxLength: 3}\nx: *b\ny:\n  - *b\n"), Options{MaxNodes: 9}); !errors.Is(err, ErrTooManyValues) {
		t.Errorf("10 values under a limit of 9: %v", err)
	}
	if _, err := ParseYAML([]byte("[1, 2, 3, 4]"), Options{MaxNodes: 4}); err == nil || err.Error() != "1:11: document holds more than 4 values" {
		t.Errorf("5 values under a limit of 4, no alias: %v", err)
	}
}

func TestAll(t *testing.T) {
	t.Parallel()
	if All(errors.New("x")) != nil || All(nil) != nil {
		t.Error("All of a foreign error")
	}
	for _, c := range []struct {
		e    Error
		want string
	}{{Error{Pos: Pos{3, 4}}, "f:3:4"}, {Error{Pos: Pos{3, 0}}, "f:3"}, {Error{}, "f"}} {
		if got := c.e.Where("f"); got != c.want {
			t.Errorf("Where = %q, want %q", got, c.want)
		}
	}
	if Kind(9).String() != "Kind(9)" || Object.String() != "object" {
		t.Error("Kind.String")
	}
}
