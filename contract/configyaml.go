package contract

import (
	"encoding/json"
	"regexp"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/contractlint/contractlint/checks"
)

// pos is a 1-based line and column in the configuration file.
type pos struct{ line, col int }

var yamlLine = regexp.MustCompile(`^yaml: line (\d+): `)

func yamlDiagnostic(file string, err error) checks.Diagnostic {
	msg := err.Error()
	if m := yamlLine.FindStringSubmatch(msg); m != nil {
		line, _ := strconv.Atoi(m[1])
		return checks.Diagnostic{File: file, Line: line, Message: strings.TrimPrefix(msg, m[0])}
	}
	return checks.Diagnostic{File: file, Message: strings.TrimPrefix(msg, "yaml: ")}
}

const maxNodes = 100000

// value converts a YAML node to the JSON data model, recording the position
// of every value (for a mapping entry, the position of its key) by JSON
// pointer.
func (d *decoder) value(n *yaml.Node, ptr string, depth int) any {
	if _, ok := d.pos[ptr]; !ok {
		d.pos[ptr] = pos{n.Line, n.Column}
	}
	if _, ok := d.vpos[ptr]; !ok {
		d.vpos[ptr] = pos{n.Line, n.Column}
	}
	if d.nodes++; d.nodes > maxNodes || depth > 64 {
		if d.nodes == maxNodes+1 || depth == 65 {
			d.errorf(pos{n.Line, n.Column}, "configuration too large or too deeply nested")
		}
		return nil
	}
	switch n.Kind {
	case yaml.AliasNode:
		return d.value(n.Alias, ptr, depth+1)
	case yaml.DocumentNode:
		if len(n.Content) == 0 {
			return nil
		}
		return d.value(n.Content[0], ptr, depth+1)
	case yaml.SequenceNode:
		out := make([]any, 0, len(n.Content))
		for i, c := range n.Content {
			out = append(out, d.value(c, ptr+"/"+strconv.Itoa(i), depth+1))
		}
		return out
	case yaml.MappingNode:
		out := map[string]any{}
		keys := map[string]*yaml.Node{}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			if k.Kind == yaml.ScalarNode && k.Tag == "!!merge" {
				d.errorf(pos{k.Line, k.Column}, "merge keys (<<) are not supported")
				continue
			}
			if k.Kind != yaml.ScalarNode || (k.Tag != "!!str" && k.ShortTag() != "!!str") {
				d.errorf(pos{k.Line, k.Column}, "keys must be strings")
				continue
			}
			if first, dup := keys[k.Value]; dup {
				d.errorf(pos{k.Line, k.Column}, "key %q repeats the one on line %d", k.Value, first.Line)
				continue
			}
			keys[k.Value] = k
			child := ptr + "/" + escapePointer(k.Value)
			d.pos[child] = pos{k.Line, k.Column}
			out[k.Value] = d.value(v, child, depth+1)
		}
		return out
	}
	switch n.ShortTag() {
	case "!!null":
		return nil
	case "!!bool":
		var b bool
		if err := n.Decode(&b); err == nil {
			return b
		}
	case "!!int", "!!float":
		var f float64
		if err := n.Decode(&f); err == nil {
			return json.Number(strconv.FormatFloat(f, 'g', -1, 64))
		}
	}
	return n.Value
}

func escapePointer(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(s, "~", "~0"), "/", "~1")
}
