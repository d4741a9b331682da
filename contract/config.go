package contract

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/santhosh-tekuri/jsonschema/v5"
	"go.yaml.in/yaml/v3"

	"github.com/contractlint/contractlint/checks"
	"github.com/contractlint/contractlint/checks/lifecycle"
	"github.com/contractlint/contractlint/schemas"
)

// FileName is the configuration file's name.
const FileName = "contractlint.yaml"

// EnvConfig names the environment variable that overrides where the
// configuration is found.
const EnvConfig = "CONTRACTLINT_CONFIG"

// DefaultTag is the default pattern of the tags that publish a contract.
const DefaultTag = "{name}/v{version}"

// SchemaURL is where editors find the configuration's JSON Schema.
const SchemaURL = "https://raw.githubusercontent.com/contractlint/contractlint/main/schemas/config.schema.json"

// Config is a loaded and validated contractlint.yaml.
type Config struct {
	// File is the configuration's path as given or found.
	File string
	// Contracts in file order; names are unique.
	Contracts []*Contract
	// Registry is the schema registry section; nil when absent.
	Registry *Registry
	// MergeBase, when set (baseline: {merge_base: REF}), makes every entry
	// point (check, the pre-commit hook, the Action) compare with the merge
	// base of HEAD and REF instead of each contract's latest tag.
	MergeBase string
	// Producers, Consumers and Environments are reserved for the
	// compatibility matrix; they hold the decoded YAML mappings, if present.
	Producers, Consumers, Environments map[string]any

	root *yaml.Node
}

// Section returns the YAML node of a top-level key ("producers", ...) with
// its positions, or nil when the key is absent.
func (c *Config) Section(key string) *yaml.Node {
	if c.root == nil {
		return nil
	}
	for i := 0; i+1 < len(c.root.Content); i += 2 {
		if c.root.Content[i].Value == key {
			return c.root.Content[i+1]
		}
	}
	return nil
}

// Registry is the configuration's schema registry section.
type Registry struct {
	// URL is the registry's API root; CONTRACTLINT_REGISTRY_URL overrides it.
	URL string
	// UsernameEnv and PasswordEnv, or BearerEnv, name the environment
	// variables holding the credentials.
	UsernameEnv, PasswordEnv, BearerEnv string
	// VersionProperty names the schema metadata property holding the
	// contract's version; empty maps versions by content only.
	VersionProperty string
	// Where locates the section ("file:line:col").
	Where string
}

// ContractRegistry is where a contract is in the schema registry.
type ContractRegistry struct {
	// Subject is the subject; empty means the contract's name + "-value".
	Subject string
	// File is the contract's file registered as the subject's schema, when
	// the contract has several; empty when it has one.
	File string
	// References maps a reference name to the subject holding it; a name
	// absent here is its own subject.
	References map[string]string
}

// Contract is one contract of the configuration.
type Contract struct {
	Name        string
	Description string
	Format      checks.Format
	// Paths are files, directories or globs, slash-separated, relative to
	// the configuration's directory and never outside it.
	Paths []string
	// Version is the version this revision declares.
	Version Version
	Owner   string
	// Mode is the compatibility mode (default full).
	Mode checks.Mode
	// ModeSet says the configuration sets compatibility (rather than the
	// default, or a schema registry's level, applying).
	ModeSet bool
	// Versioning says whether a source-only break is major (source, the
	// default) or minor (data).
	Versioning checks.Versioning
	// Policy is the JSON Schema content-model policy (default lenient).
	Policy checks.Policy
	// Draft is the JSON Schema draft of schemas without $schema; empty
	// detects it from each document.
	Draft string
	// Refs maps JSON Schema URI prefixes to directories (slash-separated,
	// relative to the configuration's directory): $refs under a prefix
	// read local files and are never fetched.
	Refs map[string]string
	// AllowRemoteRefs are URL prefixes that JSON Schema $refs may fetch.
	AllowRemoteRefs []string
	// Use and Except select rules like buf's use/except.
	Use, Except []string
	// Ignores are the configured ignores, each with its reason.
	Ignores []*Ignore
	// Impacts override rules' impacts, by rule ID.
	Impacts map[string]checks.Impact
	// Roots are the protobuf import roots of the contract, slash-separated
	// directories relative to the configuration's directory (like protoc's
	// -I); empty means a buf.yaml's, else those inferred from imports.
	Roots []string
	// Tag is the pattern of the tags that publish the contract, with {name}
	// and {version} placeholders.
	Tag string
	// Examples are payloads every later version must still accept.
	Examples []Example
	// Deprecation is the deprecation policy the lifecycle rules enforce.
	Deprecation lifecycle.Policy
	// Lifecycle lists lines of versions and when they are deprecated, reach
	// their sunset and are retired.
	Lifecycle []VersionLifecycle
	// Registry says where the contract is in the schema registry.
	Registry ContractRegistry

	file string
	pos  map[string]pos // JSON pointer below the contract → position
}

// Example is a set of example payloads.
type Example struct {
	// Path is a file or glob of payloads.
	Path string
	// Schema is the schema file the payloads are instances of, when the
	// contract has several files; Message the protobuf message.
	Schema, Message string
	// Where locates the entry in the configuration.
	Where string
}

// Where returns "file:line:col" of a key of the contract given as a JSON
// pointer below it ("" for the contract itself, "/version", "/ignores/0").
func (c *Contract) Where(pointer string) string {
	p, ok := c.pos[pointer]
	for !ok && pointer != "" {
		pointer = pointer[:strings.LastIndex(pointer, "/")]
		p, ok = c.pos[pointer]
	}
	return fmt.Sprintf("%s:%d:%d", c.file, p.line, p.col)
}

// Subject returns the contract's schema registry subject: the configured
// one, else its name followed by "-value" (the topic name strategy's value
// subject).
func (c *Contract) Subject() string {
	if c.Registry.Subject != "" {
		return c.Registry.Subject
	}
	return c.Name + "-value"
}

// tagPlaceholder finds what looks like a placeholder in a tag pattern.
var tagPlaceholder = regexp.MustCompile(`\{[^{}]*\}?|\}`)

// checkTagPattern says what is wrong with a tag pattern's placeholders:
// only {name} and {version} are known, so a typo ("{nam}") cannot turn
// into a pattern that matches no tag and makes every contract "new".
func checkTagPattern(tag string) string {
	for _, m := range tagPlaceholder.FindAllString(tag, -1) {
		switch m {
		case "{name}", "{version}":
			continue
		}
		if !strings.HasPrefix(m, "{") || !strings.HasSuffix(m, "}") {
			return fmt.Sprintf("unbalanced brace in %q; the placeholders are {name} and {version}", m)
		}
		msg := fmt.Sprintf("unknown placeholder %s; the placeholders are {name} and {version}", m)
		if s := suggest(strings.Trim(m, "{}"), []string{"name", "version"}); s != "" {
			msg += "; did you mean {" + s + "}?"
		}
		return msg
	}
	if strings.ContainsAny(tag, " ~^:?*[\\") || strings.Contains(tag, "..") || strings.Contains(tag, "@{") {
		return "a git tag name cannot contain spaces, ~ ^ : ? * [ \\, .. or @{"
	}
	return ""
}

// TagFor returns the tag that publishes version v of the contract.
func (c *Contract) TagFor(v Version) string {
	return strings.NewReplacer("{name}", c.Name, "{version}", v.String()).Replace(c.Tag)
}

// TagVersion returns the version a tag publishes, if the tag matches the
// contract's pattern.
func (c *Contract) TagVersion(tag string) (Version, bool) {
	before, after := c.tagAffixes()
	return tagVersion(tag, before, after)
}

// tagAffixes splits the contract's tag pattern around {version}.
func (c *Contract) tagAffixes() (before, after string) {
	before, after, _ = strings.Cut(strings.ReplaceAll(c.Tag, "{name}", c.Name), "{version}")
	return before, after
}

func tagVersion(tag, before, after string) (Version, bool) {
	rest, ok := strings.CutPrefix(tag, before)
	if !ok {
		return Version{}, false
	}
	vs, ok := strings.CutSuffix(rest, after)
	if !ok || strings.Contains(after, "{version}") {
		return Version{}, false
	}
	v, err := ParseVersion(vs)
	return v, err == nil
}

type pos struct{ line, col int }

// Find looks for contractlint.yaml in dir and its parents, stopping at the
// top of the git work tree (a directory holding .git) or the file-system
// root.
func Find(dir string) (string, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	for d := abs; ; {
		p := filepath.Join(d, FileName)
		if st, err := os.Stat(p); err == nil && !st.IsDir() {
			return p, nil
		}
		if _, err := os.Stat(filepath.Join(d, ".git")); err == nil {
			break
		}
		parent := filepath.Dir(d)
		if parent == d {
			break
		}
		d = parent
	}
	return "", fmt.Errorf("no %s in %s or its parents up to the git root; run `contractlint init` to write one, or pass --config", FileName, dir)
}

// Load reads and validates a configuration file.
func Load(ctx context.Context, file string) (*Config, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	data, err := os.ReadFile(file)
	if err != nil {
		var pe *os.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return nil, fmt.Errorf("read %s: %w", file, err)
	}
	return Parse(file, data)
}

// Parse validates data, the content of the configuration named file, against
// schemas/config.schema.json and decodes it. Every problem is reported with
// its line and column in one *checks.InputError.
func Parse(file string, data []byte) (*Config, error) {
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		return nil, &checks.InputError{Diagnostics: []checks.Diagnostic{yamlDiagnostic(file, err)}}
	}
	if root.Kind == 0 || len(root.Content) == 0 {
		return nil, &checks.InputError{Diagnostics: []checks.Diagnostic{{File: file, Line: 1, Column: 1,
			Message: "empty configuration: it needs a contracts: list (see `contractlint init`)"}}}
	}
	d := &decoder{file: file, pos: map[string]pos{}, vpos: map[string]pos{}}
	doc := d.value(root.Content[0], "", 0)
	if len(d.diags) == 0 {
		d.validate(doc)
	}
	if len(d.diags) > 0 {
		return nil, d.err()
	}
	d.doc = doc
	cfg := d.decode(doc.(map[string]any))
	cfg.root = root.Content[0]
	if len(d.diags) > 0 {
		return nil, d.err()
	}
	return cfg, nil
}

var yamlLine = regexp.MustCompile(`^yaml: line (\d+): `)

func yamlDiagnostic(file string, err error) checks.Diagnostic {
	msg := err.Error()
	if m := yamlLine.FindStringSubmatch(msg); m != nil {
		line, _ := strconv.Atoi(m[1])
		return checks.Diagnostic{File: file, Line: line, Message: strings.TrimPrefix(msg, m[0])}
	}
	return checks.Diagnostic{File: file, Message: strings.TrimPrefix(msg, "yaml: ")}
}

type decoder struct {
	doc   any
	file  string
	pos   map[string]pos // of the key, for a mapping entry
	vpos  map[string]pos // of the value
	diags []checks.Diagnostic
	nodes int
}

func (d *decoder) errorf(p pos, format string, args ...any) {
	d.diags = append(d.diags, checks.Diagnostic{File: d.file, Line: p.line, Column: p.col, Message: fmt.Sprintf(format, args...)})
}

func (d *decoder) err() error {
	slices.SortStableFunc(d.diags, func(a, b checks.Diagnostic) int {
		return cmp.Or(cmp.Compare(a.Line, b.Line), cmp.Compare(a.Column, b.Column))
	})
	d.diags = slices.Compact(d.diags)
	return &checks.InputError{Diagnostics: d.diags}
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
		d.errorf(at, "%s%s", describe(g.loc, doc), strings.Join(g.msgs, ", or "))
	}
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

// decode builds the Config from a document the schema accepted, and checks
// what the schema cannot: unique names and paths that stay inside the
// repository.
func (d *decoder) decode(doc map[string]any) *Config {
	cfg := &Config{File: d.file}
	cfg.Producers, _ = doc["producers"].(map[string]any)
	cfg.Consumers, _ = doc["consumers"].(map[string]any)
	cfg.Environments, _ = doc["environments"].(map[string]any)
	if b, ok := doc["baseline"].(map[string]any); ok {
		cfg.MergeBase = str(b["merge_base"])
	}
	if reg, ok := doc["registry"].(map[string]any); ok {
		cfg.Registry = &Registry{URL: str(reg["url"]), VersionProperty: str(reg["version_property"]),
			Where: fmt.Sprintf("%s:%d:%d", d.file, d.pos["/registry"].line, d.pos["/registry"].col)}
		if auth, ok := reg["auth"].(map[string]any); ok {
			cfg.Registry.UsernameEnv, cfg.Registry.PasswordEnv = str(auth["username_env"]), str(auth["password_env"])
			cfg.Registry.BearerEnv = str(auth["bearer_env"])
		}
	}
	seen := map[string]string{}
	list, _ := doc["contracts"].([]any)
	// JSON Schema defaults of every contract.
	js, _ := doc["jsonschema"].(map[string]any)
	jsPolicy := checks.Lenient
	if s := str(js["policy"]); s != "" {
		jsPolicy, _ = checks.ParsePolicy(s)
	}
	jsRefs := d.refs(js["refs"], "/jsonschema/refs")
	// Positions by contract, in one pass: "/contracts/3/path" → 3, "/path".
	positions := make([]map[string]pos, len(list))
	for i := range positions {
		positions[i] = map[string]pos{}
	}
	for k, p := range d.pos {
		rest, ok := strings.CutPrefix(k, "/contracts/")
		if !ok {
			continue
		}
		n, sub, _ := strings.Cut(rest, "/")
		if i, err := strconv.Atoi(n); err == nil && i >= 0 && i < len(list) {
			if sub != "" {
				sub = "/" + sub
			}
			positions[i][sub] = p
		}
	}
	for i, item := range list {
		ptr := "/contracts/" + strconv.Itoa(i)
		m := item.(map[string]any)
		c := &Contract{file: d.file, pos: positions[i], Tag: DefaultTag, Mode: checks.ModeFull, Policy: jsPolicy,
			Draft: str(js["draft"]), Refs: jsRefs, AllowRemoteRefs: strs(js["allow_remote_refs"])}
		c.Name = str(m["name"])
		if first, dup := seen[c.Name]; dup {
			d.errorf(d.vpos[ptr+"/name"], "contract name %q is already used at %s", c.Name, first)
		}
		seen[c.Name] = fmt.Sprintf("%s:%d:%d", d.file, d.vpos[ptr+"/name"].line, d.vpos[ptr+"/name"].col)
		c.Description = str(m["description"])
		c.Format, _ = checks.ParseFormat(str(m["format"]))
		switch p := m["path"].(type) {
		case string:
			c.Paths = []string{p}
		case []any:
			for _, x := range p {
				c.Paths = append(c.Paths, str(x))
			}
		}
		for j, p := range c.Paths {
			key := ptr + "/path"
			if _, isList := m["path"].([]any); isList {
				key += "/" + strconv.Itoa(j)
			}
			c.Paths[j] = d.cleanPath(p, key, "path")
		}
		var err error
		if c.Version, err = ParseVersion(str(m["version"])); err != nil {
			d.errorf(d.vpos[ptr+"/version"], "%v", err)
		}
		c.Owner = str(m["owner"])
		roots, _ := m["roots"].([]any)
		for j, r := range roots {
			c.Roots = append(c.Roots, d.cleanPath(str(r), ptr+"/roots/"+strconv.Itoa(j), "root"))
		}
		if s := str(m["compatibility"]); s != "" {
			c.Mode, _ = checks.ParseMode(s)
			c.ModeSet = true
		}
		c.Versioning, _ = checks.ParseVersioning(str(m["versioning"]))
		if reg, ok := m["registry"].(map[string]any); ok {
			c.Registry.Subject = str(reg["subject"])
			c.Registry.File = d.cleanPath(str(reg["file"]), ptr+"/registry/file", "registry file")
			if refs, ok := reg["references"].(map[string]any); ok {
				c.Registry.References = map[string]string{}
				for name, sub := range refs {
					c.Registry.References[name] = str(sub)
				}
			}
		}
		if s := str(m["policy"]); s != "" {
			c.Policy, _ = checks.ParsePolicy(s)
		}
		if s := str(m["draft"]); s != "" {
			c.Draft = s
		}
		if r := d.refs(m["refs"], ptr+"/refs"); r != nil {
			c.Refs = r
		}
		if a, ok := m["allow_remote_refs"].([]any); ok {
			c.AllowRemoteRefs = strs(a)
		}
		if r, ok := m["rules"].(map[string]any); ok {
			c.Use, c.Except = strs(r["use"]), strs(r["except"])
		}
		if s := str(m["tag"]); s != "" {
			c.Tag = s
		}
		if strings.Count(c.Tag, "{version}") != 1 {
			d.errorf(d.vpos[ptr+"/tag"], "contract %s: tag pattern %q must contain {version} exactly once", c.Name, c.Tag)
		} else if msg := checkTagPattern(c.Tag); msg != "" {
			d.errorf(d.vpos[ptr+"/tag"], "contract %s: tag pattern %q: %s", c.Name, c.Tag, msg)
		}
		if imp, ok := m["impacts"].(map[string]any); ok {
			c.Impacts = map[string]checks.Impact{}
			for rule, v := range imp {
				c.Impacts[rule], _ = checks.ParseImpact(str(v))
			}
		}
		ignores, _ := m["ignores"].([]any)
		for j, x := range ignores {
			ig := x.(map[string]any)
			iptr := ptr + "/ignores/" + strconv.Itoa(j)
			c.Ignores = append(c.Ignores, &Ignore{
				Rule:    str(ig["rule"]),
				Path:    d.cleanPath(str(ig["path"]), iptr+"/path", "ignore path"),
				Element: strings.TrimPrefix(str(ig["element"]), "#"),
				Reason:  strings.TrimSpace(str(ig["reason"])),
				Expires: str(ig["expires"]),
				Owner:   str(ig["owner"]),
				Ticket:  str(ig["ticket"]),
				Where:   c.Where("/ignores/" + strconv.Itoa(j)),
			})
			if msg := checkExpires(str(ig["expires"])); msg != "" {
				d.errorf(d.vpos[iptr+"/expires"], "contract %s: ignore: %s", c.Name, msg)
			}
		}
		if dep, ok := m["deprecation"].(map[string]any); ok {
			c.Deprecation.RequireDeprecation, _ = dep["require"].(bool)
			c.Deprecation.RequireSunset, _ = dep["require_sunset"].(bool)
		}
		d.versionLifecycle(c, m, ptr)
		examples, _ := m["examples"].([]any)
		for j, x := range examples {
			eptr := ptr + "/examples/" + strconv.Itoa(j)
			ex := Example{Where: c.Where("/examples/" + strconv.Itoa(j))}
			switch v := x.(type) {
			case string:
				ex.Path = d.cleanPath(v, eptr, "example")
			case map[string]any:
				ex.Path = d.cleanPath(str(v["path"]), eptr+"/path", "example")
				ex.Schema = d.cleanPath(str(v["schema"]), eptr+"/schema", "example schema")
				ex.Message = str(v["message"])
			}
			c.Examples = append(c.Examples, ex)
		}
		cfg.Contracts = append(cfg.Contracts, c)
	}
	return cfg
}

// refs decodes a refs mapping (URI prefix → directory), checking that the
// directories stay inside the repository; nil when absent.
func (d *decoder) refs(v any, ptr string) map[string]string {
	m, ok := v.(map[string]any)
	if !ok {
		return nil
	}
	out := make(map[string]string, len(m))
	for prefix, dir := range m {
		out[prefix] = d.cleanPath(str(dir), ptr+"/"+strings.ReplaceAll(strings.ReplaceAll(prefix, "~", "~0"), "/", "~1"), "refs directory")
	}
	return out
}

// cleanPath checks that a configured path stays inside the configuration's
// directory and returns it cleaned.
func (d *decoder) cleanPath(p, ptr, what string) string {
	what = d.contractPrefix(ptr) + what
	if p == "" {
		return ""
	}
	if strings.Contains(p, `\`) {
		d.errorf(d.vpos[ptr], "%s %q: use forward slashes", what, p)
		return p
	}
	clean := path.Clean(p)
	if path.IsAbs(clean) || clean == ".." || strings.HasPrefix(clean, "../") || filepath.IsAbs(p) {
		d.errorf(d.vpos[ptr], "%s %q is outside the repository: paths are relative to the directory of %s and may not leave it", what, p, FileName)
	}
	return clean
}

// contractPrefix returns "contract NAME: " for a pointer inside a contract.
func (d *decoder) contractPrefix(ptr string) string {
	rest, ok := strings.CutPrefix(ptr, "/contracts/")
	if !ok {
		return ""
	}
	i, _, _ := strings.Cut(rest, "/")
	if name, ok := lookup(d.doc, "/contracts/"+i+"/name").(string); ok {
		return "contract " + name + ": "
	}
	return ""
}

func str(v any) string {
	switch v := v.(type) {
	case string:
		return v
	case json.Number:
		return v.String()
	}
	return ""
}

func strs(v any) []string {
	list, _ := v.([]any)
	out := make([]string, 0, len(list))
	for _, x := range list {
		out = append(out, str(x))
	}
	return out
}
