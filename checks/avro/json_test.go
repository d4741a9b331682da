package avro

import (
	"strings"
	"testing"
)

func TestParseJSONPositions(t *testing.T) {
	t.Parallel()
	v, err := parseJSON([]byte("{\n  \"a\": [1, \"é\\u00e9\\ud83d\\ude00\", true],\n\t\"b\": {\"c\": null}\n}"), 10)
	if err != nil {
		t.Fatal(err)
	}
	a := v.get("a")
	if a.Pos != (pos{2, 8}) || a.Arr[1].Pos != (pos{2, 12}) || a.Arr[2].Pos != (pos{2, 35}) {
		t.Errorf("positions: a %v, a[1] %v, a[2] %v", a.Pos, a.Arr[1].Pos, a.Arr[2].Pos)
	}
	if got := a.Arr[1].Str; got != "éé😀" {
		t.Errorf("string = %q", got)
	}
	if c := v.get("b").get("c"); c.Kind != jsonNull || c.Pos != (pos{3, 13}) {
		t.Errorf("c = %+v", c)
	}
	if got := v.canonical(); got != `{"a":[1,"éé😀",true],"b":{"c":null}}` {
		t.Errorf("canonical = %s", got)
	}
}

func TestParseJSONErrors(t *testing.T) {
	t.Parallel()
	for _, c := range []struct{ in, want string }{
		{``, "1:1: unexpected end of file"},
		{`{"a": 1,}`, `1:9: unexpected '}', want a string key`},
		{`{"a": 1, "a": 2}`, `1:10: duplicate key "a"`},
		{`[1 2]`, `1:4: unexpected '2', want ',' or ']'`},
		{`01`, `1:1: invalid number: leading zero`},
		{`-`, `1:2: invalid number: want a digit`},
		{`1.`, `1:3: invalid number: want a digit after '.'`},
		{`"\x"`, `1:2: invalid escape "\\x" in string`},
		{"\"a\nb\"", `1:3: control character '\n' in string`},
		{`"abc`, `1:5: unterminated string`},
		{`{} {}`, `1:4: unexpected '{' after the top-level value`},
		{`nul`, `1:1: unexpected 'n', want a JSON value`},
		{"\xff", `1:1: file is not valid UTF-8`},
		{strings.Repeat("[", 12), "1:12: nested deeper than the nesting-depth limit of 10 levels; raise it with CONTRACTLINT_MAX_DEPTH=40"},
	} {
		_, err := parseJSON([]byte(c.in), 10)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("parseJSON(%q) = %v, want %q", c.in, err, c.want)
		}
	}
}
