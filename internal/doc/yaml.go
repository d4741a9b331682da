package doc

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math/big"
	"regexp"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// ParseYAML parses data, which must hold exactly one YAML document, into a
// value (see [FromYAML]). A syntax error is one *[Error]; structural
// problems are all reported, as [Errors].
func ParseYAML(data []byte, o Options) (*Value, error) {
	n, err := DecodeYAML(data, o)
	if err != nil {
		return nil, err
	}
	if n == nil {
		return nil, &Error{Pos: Pos{1, 1}, Msg: "empty document"}
	}
	return FromYAML(n, o)
}

// DecodeYAML parses data into the node tree of its one YAML document, for
// callers that also read the nodes themselves. It returns nil, nil when
// data holds no document (only comments or white space), and an *[Error]
// when data is not YAML or holds a second document that is not empty: a
// reader would silently ignore it, so which one was meant? Of o, only What
// is used.
func DecodeYAML(data []byte, o Options) (*yaml.Node, error) {
	var doc yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&doc); err != nil && !errors.Is(err, io.EOF) {
		return nil, yamlError(err)
	}
	if doc.Kind == 0 {
		return nil, nil
	}
	for {
		var next yaml.Node
		switch err := dec.Decode(&next); {
		case errors.Is(err, io.EOF):
			return &doc, nil
		case err != nil:
			return nil, yamlError(err)
		case emptyDocument(&next):
			// A trailing "---" holds nothing that would be ignored.
			continue
		}
		what := o.What
		if what == "" {
			what = "the file"
		}
		return nil, &Error{Pos: Pos{next.Line, next.Column}, Msg: "a second YAML document starts here: " + what + " holds one document (remove the --- separator or split the file)"}
	}
}

// emptyDocument reports whether a document holds nothing: no content, or
// an empty plain scalar.
func emptyDocument(n *yaml.Node) bool {
	if len(n.Content) == 0 {
		return true
	}
	c := n.Content[0]
	return len(n.Content) == 1 && c.Kind == yaml.ScalarNode && c.Value == "" && c.Style == 0 && c.Tag == "!!null" && c.Anchor == ""
}

// yamlError turns the YAML library's "yaml: line N: msg" into an *Error at
// line N (column unknown).
func yamlError(err error) *Error {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	if rest, ok := strings.CutPrefix(msg, "line "); ok {
		if n, after, ok := strings.Cut(rest, ": "); ok {
			if line, err := strconv.Atoi(n); err == nil {
				return &Error{Pos: Pos{Line: line}, Msg: after}
			}
		}
	}
	return &Error{Msg: msg}
}

// FromYAML converts a YAML node (a document or any node in it) to a value.
// Mapping keys are scalars, read as their text; each occurs once. Aliases
// expand to their anchor's value, positioned where they are used and
// sharing the anchor's elements. It reports every duplicate key, merge key
// and unsupported tag or key, as [Errors]; exceeding o.MaxDepth or
// o.MaxNodes stops the conversion with that one error.
func FromYAML(n *yaml.Node, o Options) (*Value, error) {
	c := &converter{o: o, maxDepth: o.depth(), maxNodes: o.nodes(), anchors: map[*yaml.Node]converted{}}
	if n.Kind == yaml.DocumentNode {
		if len(n.Content) == 0 {
			return nil, &Error{Pos: Pos{n.Line, n.Column}, Msg: "empty document"}
		}
		n = n.Content[0]
	}
	v, _ := c.convert(n, 0)
	if c.stop != nil {
		return nil, c.stop
	}
	if len(c.errs) > 0 {
		return nil, c.errs
	}
	return v, nil
}

// converted is a converted anchor: its value, how many values it expands
// to and how deeply they nest below it.
type converted struct {
	v             *Value
	nodes, height int
}

type converter struct {
	o                  Options
	maxDepth, maxNodes int
	nodes              int
	anchors            map[*yaml.Node]converted
	errs               Errors
	stop               *Error // a limit: the conversion stops
}

func (c *converter) errorf(n *yaml.Node, format string, args ...any) {
	c.errs = append(c.errs, &Error{Pos: Pos{n.Line, n.Column}, Msg: fmt.Sprintf(format, args...)})
}

// convert returns n as a value, and how deeply the values below it nest.
// It returns a null value when n is in error (recorded in c.errs), and nil
// once a limit is exceeded (c.stop).
func (c *converter) convert(n *yaml.Node, depth int) (*Value, int) {
	start := c.nodes
	v, h := c.node(n, depth)
	if c.stop == nil && n.Anchor != "" {
		c.anchors[n] = converted{v: v, nodes: c.nodes - start, height: h}
	}
	return v, h
}

func (c *converter) node(n *yaml.Node, depth int) (*Value, int) {
	at := Pos{n.Line, n.Column}
	if depth > c.maxDepth {
		c.stop = depthError(at, c.maxDepth)
		return nil, 0
	}
	if n.Kind == yaml.AliasNode && !c.o.NoAliases {
		return c.alias(n, depth)
	}
	if c.nodes++; c.nodes > c.maxNodes {
		c.stop = c.tooMany(at)
		return nil, 0
	}
	if c.o.NoAliases && (n.Anchor != "" || n.Kind == yaml.AliasNode) {
		c.errorf(n, "anchors and aliases are not allowed")
		return &Value{Kind: Null, Pos: at}, 0
	}
	switch n.Kind {
	case yaml.SequenceNode:
		v := &Value{Kind: Array, Pos: at, Arr: make([]*Value, 0, len(n.Content))}
		height := 0
		for _, e := range n.Content {
			ev, h := c.convert(e, depth+1)
			if c.stop != nil {
				return nil, 0
			}
			v.Arr = append(v.Arr, ev)
			height = max(height, h+1)
		}
		return v, height
	case yaml.MappingNode:
		return c.mapping(n, depth)
	case yaml.ScalarNode:
		return c.scalar(n), 0
	case yaml.DocumentNode:
		c.errorf(n, "a document inside a document")
	default:
		c.errorf(n, "unsupported YAML node")
	}
	return &Value{Kind: Null, Pos: at}, 0
}

// tooMany is the error of a document past the node limit, most likely
// through its aliases.
func (c *converter) tooMany(at Pos) *Error {
	msg := fmt.Sprintf("document holds more than %d values", c.maxNodes)
	if len(c.anchors) > 0 {
		msg = fmt.Sprintf("document expands to more than %d values through its aliases (an alias bomb?)", c.maxNodes)
	}
	return &Error{Pos: at, Err: ErrTooManyValues, Msg: msg}
}

// alias expands an alias: the anchor's value, converted once, at the
// position of the alias.
func (c *converter) alias(n *yaml.Node, depth int) (*Value, int) {
	at := Pos{n.Line, n.Column}
	a, ok := c.anchors[n.Alias]
	if !ok || n.Alias == nil {
		// Anchors come before their aliases, so this is converted by now;
		// the YAML library refuses an anchor that contains itself.
		c.errorf(n, "alias to an unknown anchor")
		return &Value{Kind: Null, Pos: at}, 0
	}
	if depth+a.height > c.maxDepth {
		c.stop = depthError(at, c.maxDepth)
		return nil, 0
	}
	if c.nodes += a.nodes; c.nodes > c.maxNodes {
		c.stop = c.tooMany(at)
		return nil, 0
	}
	cp := *a.v
	cp.Pos = at
	return &cp, a.height
}

func (c *converter) mapping(n *yaml.Node, depth int) (*Value, int) {
	at := Pos{n.Line, n.Column}
	v := &Value{Kind: Object, Pos: at, Members: make([]Member, 0, len(n.Content)/2)}
	var seen map[string]int
	height := 0
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, val := n.Content[i], n.Content[i+1]
		switch {
		case k.Kind == yaml.ScalarNode && k.Tag == "!!merge":
			c.errorf(k, "merge keys (<<) are not supported")
			continue
		case k.Kind != yaml.ScalarNode:
			c.errorf(k, "mapping keys must be strings")
			continue
		}
		kp := Pos{k.Line, k.Column}
		if first := dup(v.Members, &seen, k.Value); first >= 0 {
			c.errs = append(c.errs, duplicateKey(kp, k.Value, v.Members[first].KeyPos))
			continue
		}
		ev, h := c.convert(val, depth+1)
		if c.stop != nil {
			return nil, 0
		}
		v.Members = append(v.Members, Member{Key: k.Value, KeyPos: kp, Value: ev})
		height = max(height, h+1)
	}
	return v, height
}

// yamlFloat is the YAML 1.2 core schema's float (and decimal integer)
// syntax, underscores removed.
var yamlFloat = regexp.MustCompile(`^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$`)

// scalar converts a scalar by its resolved tag.
func (c *converter) scalar(n *yaml.Node) *Value {
	at := Pos{n.Line, n.Column}
	v := &Value{Kind: String, Pos: at, Str: n.Value}
	switch tag := n.ShortTag(); tag {
	case "!!null":
		v.Kind, v.Str = Null, ""
	case "!!bool":
		v.Kind, v.Str = Bool, ""
		switch n.Value {
		case "true", "True", "TRUE":
			v.Bool = true
		case "false", "False", "FALSE":
		default:
			if err := n.Decode(&v.Bool); err != nil {
				c.errorf(n, "%q is not a boolean", n.Value)
			}
		}
	case "!!int", "!!float":
		s, err := number(n.Value, tag == "!!int")
		if err != "" {
			c.errorf(n, "%s", err)
			return v
		}
		v.Kind, v.Str = Number, s
	case "!!str":
		// A plain scalar that YAML 1.2 reads as a number, but too large
		// for the YAML library's float64 (1e400): a number all the same.
		if n.Style == 0 && n.Tag == "!!str" && n.Value != "" && strings.IndexByte("+-.0123456789", n.Value[0]) >= 0 && yamlFloat.MatchString(n.Value) {
			if s, err := number(n.Value, false); err == "" {
				v.Kind, v.Str = Number, s
			}
		}
	case "!!timestamp", "!!binary":
		// Text in JSON: a date, or base64.
	default:
		c.errorf(n, "YAML tag %s has no JSON equivalent", tag)
	}
	return v
}

// number rewrites a YAML number into JSON syntax exactly, or says why it
// cannot be.
func number(lit string, integer bool) (string, string) {
	s := strings.ReplaceAll(lit, "_", "")
	switch strings.ToLower(strings.TrimLeft(s, "+-")) {
	case ".inf", ".nan":
		return "", fmt.Sprintf("number %s cannot be represented in JSON", lit)
	}
	digits := strings.TrimLeft(s, "+-")
	if integer && (!yamlFloat.MatchString(s) || len(digits) > 1 && digits[0] == '0') {
		// 0x1F, 0o17, 0b101, 017 (octal, as the YAML library reads it).
		if len(s) > 1000 {
			return "", fmt.Sprintf("integer %s is too long", trimLit(lit))
		}
		var i big.Int
		if _, ok := i.SetString(s, 0); !ok {
			return "", fmt.Sprintf("%q is not an integer", trimLit(lit))
		}
		return i.String(), ""
	}
	if !yamlFloat.MatchString(s) || integer && strings.ContainsAny(s, ".eE") {
		return "", fmt.Sprintf("%q is not a number", trimLit(lit))
	}
	mant, exp := digits, ""
	if i := strings.IndexAny(digits, "eE"); i >= 0 {
		mant, exp = digits[:i], digits[i:]
	}
	whole, frac, _ := strings.Cut(mant, ".")
	whole = strings.TrimLeft(whole, "0")
	if whole == "" {
		whole = "0"
	}
	var b strings.Builder
	if strings.HasPrefix(s, "-") {
		b.WriteByte('-')
	}
	b.WriteString(whole)
	if frac != "" {
		b.WriteByte('.')
		b.WriteString(frac)
	}
	b.WriteString(exp)
	return b.String(), ""
}

// trimLit shortens a literal for a message.
func trimLit(s string) string {
	if len(s) > 40 {
		return s[:37] + "..."
	}
	return s
}
