package contract

import (
	"bufio"
	"bytes"
	"fmt"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/contractlint/contractlint/checks"
)

// InlineIgnoreKey is the annotation that ignores findings inside a JSON
// Schema or Avro element. Its value is "RULE reason", a list of such strings,
// or a mapping from rule ID to reason.
const InlineIgnoreKey = "x-contractlint-ignore"

// Ignore accepts findings: configured ones match by rule, file and element;
// inline ones (in a .proto comment or an x-contractlint-ignore annotation) by
// rule, file and line span. Every ignore carries a reason.
type Ignore struct {
	// Rule is the rule ID, or "" for any rule.
	Rule string
	// Path is a file or glob the finding must be in, or "".
	Path string
	// Element is a fully-qualified element or JSON pointer; the finding's
	// path must be it or below it.
	Element string
	// Reason says why; it becomes the finding's Ignored field.
	Reason string
	// Where locates the ignore itself (config or inline), for messages.
	Where string

	// successors are the rules that replace Rule when it is a deprecated
	// rule ID (checks.Expand); the ignore applies to them too.
	successors []string

	// file and lines [from, to] bound an inline ignore.
	file     string
	from, to int

	matched bool
}

// Matches reports whether the ignore accepts f.
func (ig *Ignore) Matches(f checks.Finding) bool {
	if ig.Rule != "" && ig.Rule != f.Rule && !slices.Contains(ig.successors, f.Rule) {
		return false
	}
	if ig.file != "" {
		// Protobuf findings in a buf module name files relative to the
		// module root (proto/a.proto is reported as a.proto).
		sameFile := f.File == ig.file || strings.HasSuffix(ig.file, "/"+f.File)
		return sameFile && f.Line >= ig.from && f.Line <= ig.to
	}
	if ig.Path != "" && !MatchGlob(ig.Path, f.File) && !strings.HasPrefix(f.File, strings.TrimSuffix(ig.Path, "/")+"/") {
		return false
	}
	if ig.Element != "" {
		el, p := strings.TrimPrefix(ig.Element, "#"), strings.TrimPrefix(f.Path, "#")
		if p != el && !strings.HasPrefix(p, el+".") && !strings.HasPrefix(p, el+"/") {
			return false
		}
	}
	return true
}

// applyIgnores marks the findings an ignore matches and returns the
// ignores that matched nothing.
func applyIgnores(findings []checks.Finding, ignores []*Ignore) (unmatched []*Ignore) {
	for i := range findings {
		for _, ig := range ignores {
			if ig.Matches(findings[i]) {
				ig.matched = true
				if findings[i].Ignored == "" {
					findings[i].Ignored = ig.Reason
				}
			}
		}
	}
	for _, ig := range ignores {
		if !ig.matched {
			unmatched = append(unmatched, ig)
		}
	}
	return unmatched
}

var protoIgnore = regexp.MustCompile(`//\s*contractlint:ignore\b(.*)$`)

// InlineIgnores finds the inline ignores in one contract file: in a .proto
// file a `// contractlint:ignore RULE reason` comment on an element's line or
// the line before it; in JSON and YAML files (JSON Schema, Avro) an
// x-contractlint-ignore annotation, which covers the object holding it.
func InlineIgnores(file string, data []byte) ([]*Ignore, []checks.Diagnostic) {
	switch strings.ToLower(path.Ext(file)) {
	case ".proto":
		return protoIgnores(file, data)
	case ".json", ".avsc", ".yaml", ".yml":
		if !bytes.Contains(data, []byte(InlineIgnoreKey)) {
			return nil, nil
		}
		return annotationIgnores(file, data)
	}
	return nil, nil
}

func protoIgnores(file string, data []byte) ([]*Ignore, []checks.Diagnostic) {
	var out []*Ignore
	var diags []checks.Diagnostic
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(nil, 1<<20)
	for line := 1; sc.Scan(); line++ {
		text := sc.Text()
		m := protoIgnore.FindStringSubmatchIndex(text)
		if m == nil {
			continue
		}
		col := m[0] + 1
		ig, msg := parseIgnoreText(text[m[2]:m[3]])
		if msg != "" {
			diags = append(diags, checks.Diagnostic{File: file, Line: line, Column: col, Message: msg})
			continue
		}
		ig.file, ig.from, ig.to = file, line, line+1
		ig.Where = fmt.Sprintf("%s:%d:%d", file, line, col)
		out = append(out, ig)
	}
	return out, diags
}

// parseIgnoreText parses "RULE reason".
func parseIgnoreText(s string) (*Ignore, string) {
	rule, reason, _ := strings.Cut(strings.TrimSpace(s), " ")
	rule, reason = strings.TrimSpace(rule), strings.TrimSpace(reason)
	switch {
	case rule == "":
		return nil, "contractlint:ignore needs a rule ID and a reason"
	case !ruleID.MatchString(rule):
		return nil, fmt.Sprintf("contractlint:ignore: %q is not a rule ID", rule)
	case reason == "":
		return nil, fmt.Sprintf("contractlint:ignore %s needs a reason", rule)
	}
	return &Ignore{Rule: rule, Reason: reason}, ""
}

var ruleID = regexp.MustCompile(`^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$`)

func annotationIgnores(file string, data []byte) ([]*Ignore, []checks.Diagnostic) {
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		return nil, nil // the engine reports the syntax error with its position
	}
	var out []*Ignore
	var diags []checks.Diagnostic
	var walk func(n *yaml.Node, depth int)
	walk = func(n *yaml.Node, depth int) {
		if depth > 200 {
			return
		}
		if n.Kind == yaml.MappingNode {
			for i := 0; i+1 < len(n.Content); i += 2 {
				k, v := n.Content[i], n.Content[i+1]
				if k.Value != InlineIgnoreKey {
					continue
				}
				from, to := n.Line, lastLine(n)
				add := func(at *yaml.Node, ig *Ignore, msg string) {
					if msg != "" {
						diags = append(diags, checks.Diagnostic{File: file, Line: at.Line, Column: at.Column, Message: msg})
						return
					}
					ig.file, ig.from, ig.to = file, from, to
					ig.Where = fmt.Sprintf("%s:%d:%d", file, at.Line, at.Column)
					out = append(out, ig)
				}
				switch v.Kind {
				case yaml.ScalarNode:
					ig, msg := parseIgnoreText(v.Value)
					add(v, ig, msg)
				case yaml.SequenceNode:
					for _, e := range v.Content {
						if e.Kind != yaml.ScalarNode {
							add(e, nil, InlineIgnoreKey+": want \"RULE reason\" strings")
							continue
						}
						ig, msg := parseIgnoreText(e.Value)
						add(e, ig, msg)
					}
				case yaml.MappingNode:
					for j := 0; j+1 < len(v.Content); j += 2 {
						rk, rv := v.Content[j], v.Content[j+1]
						if rv.Kind != yaml.ScalarNode {
							add(rv, nil, InlineIgnoreKey+": want a reason string for "+strconv.Quote(rk.Value))
							continue
						}
						ig, msg := parseIgnoreText(rk.Value + " " + rv.Value)
						add(rk, ig, msg)
					}
				default:
					add(v, nil, InlineIgnoreKey+": want \"RULE reason\", a list of them, or a mapping from rule ID to reason")
				}
			}
		}
		for _, c := range n.Content {
			walk(c, depth+1)
		}
	}
	walk(&root, 0)
	return out, diags
}

// lastLine is the last line a node spans: the line of its last descendant,
// or of the closing bracket for flow (JSON) style, which yaml.v3 does not
// record, so the next sibling's line bounds it from outside.
func lastLine(n *yaml.Node) int {
	last := n.Line
	for _, c := range n.Content {
		last = max(last, lastLine(c))
	}
	return last
}

// MatchGlob reports whether a slash-separated name matches a pattern in
// which "**" stands for any number of directories and other segments follow
// path.Match.
func MatchGlob(pattern, name string) bool {
	return matchSegments(strings.Split(pattern, "/"), strings.Split(name, "/"))
}

func matchSegments(pat, name []string) bool {
	for len(pat) > 0 {
		if pat[0] == "**" {
			for i := 0; i <= len(name); i++ {
				if matchSegments(pat[1:], name[i:]) {
					return true
				}
			}
			return false
		}
		if len(name) == 0 {
			return false
		}
		if ok, err := path.Match(pat[0], name[0]); err != nil || !ok {
			return false
		}
		pat, name = pat[1:], name[1:]
	}
	return len(name) == 0
}

// hasMeta reports whether a path is a glob.
func hasMeta(p string) bool { return strings.ContainsAny(p, "*?[") }
