package contract

import (
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/contractlint/contractlint/checks"
	"github.com/contractlint/contractlint/internal/doc"
)

// pos is a 1-based line and column in the configuration file.
type pos struct{ line, col int }

// The configuration's own bounds, far below the schema documents' (a
// configuration is written by hand): values, counting those aliases
// expand to, and nesting below the top-level mapping.
const (
	maxNodes = 100000
	maxDepth = 63
)

// parseYAML reads the configuration's one YAML document into its node
// tree (kept for Config.Section) and the JSON data model, recording the
// position of every value (for a mapping entry, the position of its key)
// by JSON pointer. Problems are recorded as diagnostics; root is nil when
// the file holds no document.
func (d *decoder) parseYAML(data []byte) (root *yaml.Node, value any) {
	n, err := doc.DecodeYAML(data, doc.Options{What: FileName})
	if err == nil && n != nil && len(n.Content) > 0 {
		var v *doc.Value
		v, err = doc.FromYAML(n, doc.Options{MaxDepth: maxDepth, MaxNodes: maxNodes})
		if err == nil {
			return n.Content[0], d.index(v, "", true)
		}
	}
	for _, e := range doc.All(err) {
		msg := e.Msg
		if e.Err != nil { // a limit
			msg = "configuration too large or too deeply nested"
		}
		d.diags = append(d.diags, checks.Diagnostic{File: d.file, Line: e.Pos.Line, Column: e.Pos.Col, Message: msg})
	}
	return nil, nil
}

// index returns v in the JSON data model and records the positions of it
// and what it holds by JSON pointer: d.vpos of each value, d.pos of its key
// when it is an object member (the caller records that) and of the value
// otherwise (own).
func (d *decoder) index(v *doc.Value, ptr string, own bool) any {
	d.vpos[ptr] = pos{v.Pos.Line, v.Pos.Col}
	if own {
		d.pos[ptr] = d.vpos[ptr]
	}
	switch v.Kind {
	case doc.Array:
		out := make([]any, len(v.Arr))
		for i, e := range v.Arr {
			out[i] = d.index(e, ptr+"/"+strconv.Itoa(i), true)
		}
		return out
	case doc.Object:
		out := make(map[string]any, len(v.Members))
		for _, m := range v.Members {
			child := ptr + "/" + escapePointer(m.Key)
			d.pos[child] = pos{m.KeyPos.Line, m.KeyPos.Col}
			out[m.Key] = d.index(m.Value, child, false)
		}
		return out
	}
	return v.Interface()
}

func escapePointer(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(s, "~", "~0"), "/", "~1")
}
