package contract

import (
	"bufio"
	"bytes"
	"fmt"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/contractlint/contractlint/checks"
	"github.com/contractlint/contractlint/checks/ignores"
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
	// Expires is the date (YYYY-MM-DD) on which the ignore stops applying,
	// or "" for never; Owner and Ticket say who answers for it and where its
	// removal is tracked.
	Expires, Owner, Ticket string
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

// Info is what the ignore rules (package checks/ignores) judge.
func (ig *Ignore) Info() ignores.Ignore {
	d := diagnosticAt(ig.Where, "")
	return ignores.Ignore{Rule: ig.Rule, Reason: ig.Reason, Expires: ig.Expires, Owner: ig.Owner, Ticket: ig.Ticket,
		File: d.File, Line: d.Line, Column: d.Column}
}

// judgeIgnores splits the ignores by their expiry on asOf: the ones that
// still apply, an IGNORE_EXPIRED finding for each expired one, and a
// warning for each that expires soon. Without a date every ignore applies.
func judgeIgnores(igs []*Ignore, asOf, configFile string) (live []*Ignore, expired []checks.Finding, warnings []string) {
	infos := make([]ignores.Ignore, 0, len(igs))
	for _, ig := range igs {
		info := ig.Info()
		if ig.file == "" {
			// Findings name files relative to the configuration's directory.
			info.File = path.Base(filepath.ToSlash(configFile))
		}
		infos = append(infos, info)
		if st, _ := ignores.StateOf(ig.Expires, asOf); asOf == "" || st != ignores.Lapsed {
			live = append(live, ig)
		}
	}
	expired, warnings = ignores.Evaluate(infos, asOf)
	return live, expired, warnings
}

// applyIgnores marks the findings an ignore matches and returns the
// ignores that matched nothing. A finding of a data rule outside the
// selection (checks.Finding.Unselected) located where an ignored selected
// finding is (same contract, file and line) is the data-level view of the
// same change, so the ignore accepts it too: ignoring FIELD_NO_DELETE also
// ignores FIELD_NO_DELETE_UNLESS_NUMBER_RESERVED on the same deletion.
func applyIgnores(findings []checks.Finding, ignores []*Ignore) (unmatched []*Ignore) {
	type at struct {
		contract, file string
		line           int
	}
	accepted := map[at]string{}
	for i := range findings {
		for _, ig := range ignores {
			if ig.Matches(findings[i]) {
				ig.matched = true
				if findings[i].Ignored == "" {
					findings[i].Ignored = ig.Reason
				}
			}
		}
		if f := findings[i]; f.Ignored != "" && !f.Unselected && f.Line > 0 {
			accepted[at{f.Contract, f.File, f.Line}] = f.Ignored
		}
	}
	for i, f := range findings {
		if reason, ok := accepted[at{f.Contract, f.File, f.Line}]; ok && f.Unselected && f.Ignored == "" {
			findings[i].Ignored = reason
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

// parseIgnoreText parses "RULE reason [expires=YYYY-MM-DD] [owner=WHO]
// [ticket=ID]".
func parseIgnoreText(s string) (*Ignore, string) {
	rule, rest, _ := strings.Cut(strings.TrimSpace(s), " ")
	rule = strings.TrimSpace(rule)
	ig := &Ignore{Rule: rule}
	var words []string
	for _, w := range strings.Fields(rest) {
		k, v, ok := strings.Cut(w, "=")
		switch {
		case ok && k == "expires":
			ig.Expires = v
		case ok && k == "owner":
			ig.Owner = v
		case ok && k == "ticket":
			ig.Ticket = v
		default:
			words = append(words, w)
		}
	}
	ig.Reason = strings.Join(words, " ")
	if rule == "" {
		return nil, "contractlint:ignore needs a rule ID and a reason"
	}
	return checkInline(rule, ig)
}

// checkExpires says what is wrong with an ignore's expiry date, if anything.
func checkExpires(s string) string {
	if s == "" {
		return ""
	}
	if _, err := checks.ParseSunset(s); err != nil {
		return fmt.Sprintf("expires %q is not a date (want YYYY-MM-DD, e.g. 2027-01-31)", s)
	}
	return ""
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
						switch rv.Kind {
						case yaml.ScalarNode:
							ig, msg := parseIgnoreText(rk.Value + " " + rv.Value)
							add(rk, ig, msg)
						case yaml.MappingNode:
							ig, msg := parseIgnoreObject(rk.Value, rv)
							add(rk, ig, msg)
						default:
							add(rv, nil, InlineIgnoreKey+": want a reason string, or {reason, expires, owner, ticket}, for "+strconv.Quote(rk.Value))
						}
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

// parseIgnoreObject parses the {reason, expires, owner, ticket} form of an
// annotation's entry for one rule.
func parseIgnoreObject(rule string, n *yaml.Node) (*Ignore, string) {
	ig := &Ignore{Rule: rule}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if v.Kind != yaml.ScalarNode {
			return nil, fmt.Sprintf("%s: %s of %s must be a string", InlineIgnoreKey, k.Value, rule)
		}
		switch k.Value {
		case "reason":
			ig.Reason = strings.TrimSpace(v.Value)
		case "expires":
			ig.Expires = v.Value
		case "owner":
			ig.Owner = v.Value
		case "ticket":
			ig.Ticket = v.Value
		default:
			return nil, fmt.Sprintf("%s: unknown key %q for %s (want reason, expires, owner, ticket)", InlineIgnoreKey, k.Value, rule)
		}
	}
	return checkInline(rule, ig)
}

// checkInline validates an inline ignore of rule, in either spelling: its
// rule ID, its reason and its expiry.
func checkInline(rule string, ig *Ignore) (*Ignore, string) {
	switch {
	case !ruleID.MatchString(rule):
		return nil, fmt.Sprintf("contractlint:ignore: %q is not a rule ID", rule)
	case ig.Reason == "":
		return nil, fmt.Sprintf("contractlint:ignore %s needs a reason", rule)
	}
	if msg := checkExpires(ig.Expires); msg != "" {
		return nil, fmt.Sprintf("contractlint:ignore %s: %s", rule, msg)
	}
	return ig, ""
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
