package contract

import (
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/santhosh-tekuri/jsonschema/v5"

	"github.com/contractlint/contractlint/schemas"
)

// validate checks doc against the configuration schema and turns every
// failure into a diagnostic at the failing value.
func (d *decoder) validate(doc any) {
	s, err := schemas.Compile("config.schema.json", schemas.Config)
	if err != nil {
		d.errorf(pos{}, "internal error: config schema: %v", err)
		return
	}
	err = s.Validate(doc)
	var ve *jsonschema.ValidationError
	if err == nil {
		return
	}
	if !errors.As(err, &ve) {
		d.errorf(pos{1, 1}, "%v", err)
		return
	}
	// Leaves under one oneOf/anyOf are alternatives: report them as one.
	type group struct {
		loc  string
		key  bool
		msgs []string
	}
	var groups []*group
	byKey := map[string]*group{}
	var walk func(e *jsonschema.ValidationError, alt string)
	walk = func(e *jsonschema.ValidationError, alt string) {
		if i := max(strings.LastIndex(e.KeywordLocation, "/oneOf"), strings.LastIndex(e.KeywordLocation, "/anyOf")); i >= 0 && alt == "" && len(e.Causes) > 0 {
			alt = e.InstanceLocation + "\x00" + e.KeywordLocation
		}
		if len(e.Causes) > 0 {
			for _, c := range e.Causes {
				walk(c, alt)
			}
			return
		}
		for _, m := range d.explain(e, doc) {
			key := alt
			if key == "" {
				key = m.loc + "\x00" + m.msg
			}
			g := byKey[key]
			if g == nil {
				g = &group{loc: m.loc, key: m.key}
				byKey[key] = g
				groups = append(groups, g)
			}
			if !slices.Contains(g.msgs, m.msg) {
				g.msgs = append(g.msgs, m.msg)
			}
		}
	}
	walk(ve, "")
	for _, g := range groups {
		at := d.vpos[g.loc]
		if g.key {
			at = d.pos[g.loc]
		}
		if msg := unknownContract(g.loc, doc); msg != "" {
			// What the schema says of a service's entry ("expected string,
			// or ...") misses the point when its key names no contract:
			// `billing: {reads: {orders: "^1"}}` is a deployment record's
			// shape, not a declaration's.
			d.errorf(d.pos[g.loc], "%s%s", describe(g.loc, doc), msg)
			continue
		}
		d.errorf(at, "%s%s", describe(g.loc, doc), strings.Join(g.msgs, ", or "))
	}
}

// unknownContract returns why the value at loc is wrong when loc is a
// producer's or consumer's entry (/producers/SERVICE/CONTRACT) whose key
// names no contract of the configuration, else "".
func unknownContract(loc string, doc any) string {
	parts := strings.Split(strings.TrimPrefix(loc, "/"), "/")
	if len(parts) != 3 || parts[0] != "producers" && parts[0] != "consumers" {
		return ""
	}
	root, _ := doc.(map[string]any)
	contracts, _ := root["contracts"].([]any)
	for _, c := range contracts {
		if m, ok := c.(map[string]any); ok && m["name"] == parts[2] {
			return ""
		}
	}
	return fmt.Sprintf("unknown contract %q (a %s maps contract names to version ranges, e.g. orders: \"^1.2\" or orders: {versions: \"^1.2\", reads: binary}; declare contracts under contracts:)",
		parts[2], strings.TrimSuffix(parts[0], "s"))
}

// located is a message about the value at loc, or about its key.
type located struct {
	loc, msg string
	key      bool
}

var (
	notAllowed = regexp.MustCompile(`'((?:[^'\\]|\\.)*)'`)
	knownKeys  = []string{"contracts", "producers", "consumers", "environments", "name", "description", "format", "path",
		"version", "owner", "compatibility", "versioning", "policy", "rules", "use", "except", "ignores", "rule", "element", "reason",
		"impacts", "tag", "examples", "schema", "message", "deprecation", "require", "require_sunset", "expires", "ticket",
		"lifecycle", "versions", "deprecated", "sunset", "retired", "replacement", "note",
		"roots", "baseline", "merge_base", "registry", "url", "auth", "username_env", "password_env", "bearer_env", "version_property", "subject", "file", "references"}
)

// explain turns a leaf validation error into messages a person can act on.
func (d *decoder) explain(e *jsonschema.ValidationError, doc any) []located {
	kw := e.KeywordLocation[strings.LastIndex(e.KeywordLocation, "/")+1:]
	loc := unescapeLocation(e.InstanceLocation)
	if kw == "pattern" && strings.Contains(e.KeywordLocation, "/propertyNames") {
		// A key that is not a valid name: located at the key, quoted (it
		// may hold anything, a newline or a workflow command included).
		return []located{{loc: loc, key: true, msg: "invalid name: a name holds letters, digits, '.', '_', '/' and '-', starting with a letter or digit"}}
	}
	switch kw {
	case "additionalProperties":
		var out []located
		for _, m := range notAllowed.FindAllStringSubmatch(e.Message, -1) {
			msg := fmt.Sprintf("unknown key %q", m[1])
			if s := suggest(m[1], knownKeys); s != "" {
				msg += fmt.Sprintf(" (did you mean %q?)", s)
			}
			out = append(out, located{loc + "/" + escapePointer(m[1]), msg, true})
		}
		if len(out) > 0 {
			return out
		}
	case "required":
		var keys []string
		for _, m := range notAllowed.FindAllStringSubmatch(e.Message, -1) {
			keys = append(keys, strconv.Quote(m[1]))
		}
		if len(keys) > 0 {
			return []located{{loc: loc, msg: "missing key " + strings.Join(keys, ", ")}}
		}
	case "pattern":
		v, _ := lookup(doc, loc).(string)
		switch {
		case strings.HasSuffix(loc, "/version"):
			return []located{{loc: loc, msg: fmt.Sprintf("%q is not a semantic version (MAJOR.MINOR.PATCH, e.g. 1.4.0)", v)}}
		case strings.Contains(loc, "/lifecycle/"):
			return []located{{loc: loc, msg: fmt.Sprintf("%q is not a date (want YYYY-MM-DD, e.g. 2027-03-31)", v)}}
		case strings.HasSuffix(loc, "/reason"):
			return []located{{loc: loc, msg: "an ignore needs a reason"}}
		case strings.HasSuffix(loc, "/tag"):
			return []located{{loc: loc, msg: fmt.Sprintf("tag pattern %q must contain {version}", v)}}
		case strings.HasSuffix(loc, "/name"):
			return []located{{loc: loc, msg: fmt.Sprintf("name %q may only hold letters, digits, '.', '_' and '-', starting with a letter or digit", v)}}
		case strings.Contains(loc, "/impacts/") || strings.HasSuffix(loc, "/rule"):
			return []located{{loc: loc, msg: fmt.Sprintf("%q is not a rule ID (SCREAMING_SNAKE_CASE)", v)}}
		}
	case "type":
		if strings.HasSuffix(loc, "/version") {
			return []located{{loc: loc, msg: fmt.Sprintf("%s is not a semantic version (MAJOR.MINOR.PATCH, e.g. 1.4.0)", str(lookup(doc, loc)))}}
		}
	case "propertyNames":
		return nil // reported by its cause
	}
	return []located{{loc: loc, msg: e.Message}}
}

// unescapeLocation undoes the percent-encoding the validator applies to
// the tokens of an instance location, so that it names the keys d.pos
// knows.
func unescapeLocation(loc string) string {
	parts := strings.Split(loc, "/")
	for i, p := range parts {
		if u, err := url.PathUnescape(p); err == nil {
			parts[i] = u
		}
	}
	return strings.Join(parts, "/")
}

// bareName is a key describe shows as is; any other is quoted.
var bareName = regexp.MustCompile(`^[A-Za-z0-9._/-]*$`)

// describe names the value at a JSON pointer for a message prefix:
// "contract orders: version: ".
func describe(ptr string, doc any) string {
	parts := strings.Split(strings.TrimPrefix(ptr, "/"), "/")
	if ptr == "" {
		return ""
	}
	var b strings.Builder
	if len(parts) >= 2 && parts[0] == "contracts" {
		name, _ := lookup(doc, "/contracts/"+parts[1]+"/name").(string)
		if name != "" {
			fmt.Fprintf(&b, "contract %s", name)
		} else {
			fmt.Fprintf(&b, "contracts[%s]", parts[1])
		}
		parts = parts[2:]
	}
	for _, p := range parts {
		p = strings.ReplaceAll(strings.ReplaceAll(p, "~1", "/"), "~0", "~")
		if _, err := strconv.Atoi(p); err == nil {
			fmt.Fprintf(&b, "[%s]", p)
			continue
		}
		if b.Len() > 0 {
			b.WriteString(": ")
		}
		if !bareName.MatchString(p) {
			p = strconv.Quote(p)
		}
		b.WriteString(p)
	}
	return b.String() + ": "
}

func lookup(doc any, ptr string) any {
	if ptr == "" {
		return doc
	}
	for _, p := range strings.Split(strings.TrimPrefix(ptr, "/"), "/") {
		p = strings.ReplaceAll(strings.ReplaceAll(p, "~1", "/"), "~0", "~")
		switch v := doc.(type) {
		case map[string]any:
			doc = v[p]
		case []any:
			i, err := strconv.Atoi(p)
			if err != nil || i < 0 || i >= len(v) {
				return nil
			}
			doc = v[i]
		default:
			return nil
		}
	}
	return doc
}

// suggest returns the known word closest to w, if it is a likely typo.
func suggest(w string, known []string) string {
	best, bestD := "", 3
	for _, k := range known {
		if d := editDistance(strings.ToLower(w), k); d < bestD {
			best, bestD = k, d
		}
	}
	return best
}

func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
