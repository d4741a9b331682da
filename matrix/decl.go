package matrix

import (
	"cmp"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/contractlint/contractlint/checks"
)

// Declarations are the producers:, consumers: and environments: sections of
// contractlint.yaml.
type Declarations struct {
	// Producers and Consumers are sorted by service name.
	Producers []Service
	Consumers []Service
	// Environments are the declared environment names, in declaration order.
	Environments []Environment
	// File is the matrix file's path from the configuration's matrix.file,
	// slash-separated and relative to the configuration's directory; empty
	// for the default.
	File string
}

// Service is one producer or consumer and the contract versions it emits or
// reads.
type Service struct {
	Name string
	// Uses are sorted by contract name.
	Uses []Use
	// Line and Column locate the service's name in the configuration.
	Line, Column int
}

// Use is one contract a service emits or reads, and which versions.
type Use struct {
	Contract string
	Spec     Spec
	// Reads are the encodings a consumer reads (checks.Wire for binary,
	// checks.JSON, or both); zero means the format's usual ones, which the
	// rules make the same as both: protobuf is read in both, Avro's rules
	// break its binary and JSON encodings alike, JSON Schema's only JSON.
	Reads checks.Level
	// Compiles says the consumer builds code from the contract, so that a
	// break of generated code (checks.Source) breaks it too.
	Compiles bool
	// Line and Column locate the contract's name in the configuration.
	Line, Column int
}

// Depends is what a consumer declaring reads and compiles depends on: the
// data levels it reads (every encoding when reads is zero) and, when it
// compiles against the contract, its source.
func Depends(reads checks.Level, compiles bool) checks.Level {
	l := reads & checks.Data
	if l == 0 {
		l = checks.Data
	}
	if compiles {
		l |= checks.Source
	}
	return l
}

// Environment is a deployment target (staging, prod).
type Environment struct {
	Name        string
	Description string
	Line        int
}

// Spec returns the declaration of contract by service, if any.
func (s Service) Spec(contract string) (Spec, bool) {
	u, ok := s.Use(contract)
	return u.Spec, ok
}

// Use returns the service's use of contract, if any.
func (s Service) Use(contract string) (Use, bool) {
	for _, u := range s.Uses {
		if u.Contract == contract {
			return u, true
		}
	}
	return Use{}, false
}

// Producer returns the producer named name.
func (d *Declarations) Producer(name string) (Service, bool) { return findService(d.Producers, name) }

// Consumer returns the consumer named name.
func (d *Declarations) Consumer(name string) (Service, bool) { return findService(d.Consumers, name) }

// Environment reports whether an environment named name is declared.
func (d *Declarations) Environment(name string) bool {
	return slices.ContainsFunc(d.Environments, func(e Environment) bool { return e.Name == name })
}

// Contracts returns every contract the declarations mention, sorted.
func (d *Declarations) Contracts() []string {
	var out []string
	for _, list := range [][]Service{d.Producers, d.Consumers} {
		for _, s := range list {
			for _, u := range s.Uses {
				out = append(out, u.Contract)
			}
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// CheckContracts reports every use of a contract that is not in known, with
// its position in file.
func (d *Declarations) CheckContracts(file string, known []string) error {
	var diags []checks.Diagnostic
	for _, sec := range []struct {
		name string
		list []Service
	}{{"producers", d.Producers}, {"consumers", d.Consumers}} {
		for _, s := range sec.list {
			for _, u := range s.Uses {
				if !slices.Contains(known, u.Contract) {
					diags = append(diags, checks.Diagnostic{File: file, Line: u.Line, Column: u.Column,
						Message: fmt.Sprintf("%s: %s: unknown contract %q (declare it under contracts:)", sec.name, s.Name, u.Contract)})
				}
			}
		}
	}
	if len(diags) > 0 {
		return &checks.InputError{Diagnostics: diags}
	}
	return nil
}

func findService(list []Service, name string) (Service, bool) {
	i, ok := slices.BinarySearchFunc(list, name, func(s Service, n string) int { return cmp.Compare(s.Name, n) })
	if !ok {
		return Service{}, false
	}
	return list[i], true
}

var namePattern = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._/-]*$`)

// decoder collects every problem of a configuration file.
type decoder struct {
	file  string
	diags []checks.Diagnostic
	// specs interns parsed declarations: many services declare the same
	// range, and a shared Spec shares its memo of answers.
	specs map[string]Spec
}

// intern returns the Spec already parsed for the same items, or s.
func (d *decoder) intern(s Spec) Spec {
	k := strings.Join(s.Items, "\x00")
	if old, ok := d.specs[k]; ok {
		return old
	}
	if d.specs == nil {
		d.specs = map[string]Spec{}
	}
	d.specs[k] = s
	return s
}

func (d *decoder) errorf(n *yaml.Node, format string, args ...any) {
	diag := checks.Diagnostic{File: d.file, Message: fmt.Sprintf(format, args...)}
	if n != nil {
		diag.Line, diag.Column = n.Line, n.Column
	}
	d.diags = append(d.diags, diag)
}

func (d *decoder) err() error {
	if len(d.diags) == 0 {
		return nil
	}
	return &checks.InputError{Diagnostics: d.diags}
}

// Decode decodes the producers:, consumers: and environments: sections of a
// configuration file from their YAML value nodes; a nil node is an absent
// section. Every problem is reported, each with file, line and column, as a
// *checks.InputError; the declarations that could be decoded are returned
// along with it.
func Decode(file string, producers, consumers, environments *yaml.Node) (*Declarations, error) {
	d := &decoder{file: file}
	decls := &Declarations{
		Producers:    d.services("producers", producers),
		Consumers:    d.services("consumers", consumers),
		Environments: d.environments(environments),
	}
	return decls, d.err()
}

// DecodeUses decodes one service's contract → versions mapping, as in
// `orders: "^1.2"`; section names the mapping in messages.
func DecodeUses(file, section string, n *yaml.Node) ([]Use, error) {
	d := &decoder{file: file}
	uses := d.uses(section, n)
	return uses, d.err()
}

func resolve(n *yaml.Node) *yaml.Node {
	for n != nil && n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	if n != nil && n.Kind == yaml.DocumentNode && len(n.Content) == 1 {
		return n.Content[0]
	}
	return n
}

func isNull(n *yaml.Node) bool {
	return n == nil || (n.Kind == yaml.ScalarNode && n.Tag == "!!null")
}

// mapping checks that n is a mapping and returns its key/value pairs, with
// names checked and duplicates reported.
func (d *decoder) mapping(what string, n *yaml.Node) [][2]*yaml.Node {
	n = resolve(n)
	if isNull(n) {
		return nil
	}
	if n.Kind != yaml.MappingNode {
		d.errorf(n, "%s: want a mapping, got %s", what, kindName(n))
		return nil
	}
	seen := map[string]bool{}
	var out [][2]*yaml.Node
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], resolve(n.Content[i+1])
		if k.Kind != yaml.ScalarNode || k.Tag == "!!merge" {
			d.errorf(k, "%s: keys must be plain names", what)
			continue
		}
		if !namePattern.MatchString(k.Value) {
			d.errorf(k, "%s: invalid name %q (letters, digits, '.', '_', '/', '-')", what, k.Value)
			continue
		}
		if seen[k.Value] {
			d.errorf(k, "%s: %q is declared twice", what, k.Value)
			continue
		}
		seen[k.Value] = true
		out = append(out, [2]*yaml.Node{k, v})
	}
	return out
}

func (d *decoder) services(section string, n *yaml.Node) []Service {
	var out []Service
	for _, kv := range d.mapping(section, n) {
		k, v := kv[0], kv[1]
		s := Service{Name: k.Value, Line: k.Line, Column: k.Column}
		s.Uses = d.uses(section+": "+k.Value, v)
		if isNull(v) || (v.Kind == yaml.MappingNode && len(v.Content) == 0) {
			d.errorf(k, "%s: %s declares no contract", section, k.Value)
		}
		out = append(out, s)
	}
	slices.SortFunc(out, func(a, b Service) int { return cmp.Compare(a.Name, b.Name) })
	return out
}

func (d *decoder) uses(what string, n *yaml.Node) []Use {
	var out []Use
	for _, kv := range d.mapping(what, n) {
		k, v := kv[0], kv[1]
		u := Use{Contract: k.Value, Line: k.Line, Column: k.Column}
		if v != nil && v.Kind == yaml.MappingNode {
			var ok bool
			if v, ok = d.consumerUse(what+": "+k.Value, v, &u); !ok {
				continue
			}
		}
		spec, ok := d.spec(what+": "+k.Value, v)
		if !ok {
			continue
		}
		u.Spec = d.intern(spec)
		out = append(out, u)
	}
	slices.SortFunc(out, func(a, b Use) int { return cmp.Compare(a.Contract, b.Contract) })
	return out
}

// consumerUse decodes the long form of a consumer's use of a contract,
// {versions: "^1.2", reads: binary|json|both, compiles: true}, into u and
// returns the versions node.
func (d *decoder) consumerUse(what string, n *yaml.Node, u *Use) (*yaml.Node, bool) {
	if !strings.HasPrefix(what, "consumers") && !strings.HasPrefix(what, "reads") {
		d.errorf(n, "%s: want a version, a range or a list of them (reads: and compiles: are for consumers)", what)
		return nil, false
	}
	var versions *yaml.Node
	ok := true
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], resolve(n.Content[i+1])
		switch k.Value {
		case "versions":
			versions = v
		case "reads":
			l, err := ParseReads(v.Value)
			if v.Kind != yaml.ScalarNode || err != nil {
				d.errorf(v, "%s: reads: want binary, json or both, got %s", what, kindName(v))
				ok = false
				continue
			}
			u.Reads = l
		case "compiles":
			if v.Kind != yaml.ScalarNode || v.Tag != "!!bool" {
				d.errorf(v, "%s: compiles: want true or false, got %s", what, kindName(v))
				ok = false
				continue
			}
			u.Compiles = v.Value == "true"
		default:
			d.errorf(k, "%s: unknown key %q (want versions, reads, compiles)", what, k.Value)
			ok = false
		}
	}
	if versions == nil {
		d.errorf(n, "%s: versions: missing (the version, range or list the consumer reads)", what)
		return nil, false
	}
	return versions, ok
}

// ParseReads parses what a consumer reads: binary, json or both.
func ParseReads(s string) (checks.Level, error) {
	switch strings.ToLower(s) {
	case "binary", "wire":
		return checks.Wire, nil
	case "json":
		return checks.JSON, nil
	case "both":
		return checks.Data, nil
	}
	return 0, fmt.Errorf("unknown encoding %q (want binary, json or both)", s)
}

// ReadsName is the configuration spelling of reads: binary, json, both, or
// "" for the default.
func ReadsName(l checks.Level) string {
	switch l & checks.Data {
	case checks.Wire:
		return "binary"
	case checks.JSON:
		return "json"
	case checks.Data:
		return "both"
	}
	return ""
}

func (d *decoder) spec(what string, n *yaml.Node) (Spec, bool) {
	switch {
	case n == nil || isNull(n):
		d.errorf(n, "%s: want a version, a range or a list of them", what)
		return Spec{}, false
	case n.Kind == yaml.ScalarNode:
		if n.Tag != "!!str" {
			d.errorf(n, "%s: %q is not a version; quote versions and ranges (\"1.4.0\", \"^1.2\")", what, n.Value)
			return Spec{}, false
		}
		s, err := ParseSpec(n.Value)
		if err != nil {
			d.errorf(n, "%s: %v", what, err)
			return Spec{}, false
		}
		return s, true
	case n.Kind == yaml.SequenceNode:
		var items []string
		ok := true
		for _, item := range n.Content {
			item = resolve(item)
			if item.Kind != yaml.ScalarNode || item.Tag != "!!str" {
				d.errorf(item, "%s: list items must be quoted versions or ranges", what)
				ok = false
				continue
			}
			if _, err := ParseSpec(item.Value); err != nil {
				d.errorf(item, "%s: %v", what, err)
				ok = false
				continue
			}
			items = append(items, item.Value)
		}
		if len(n.Content) == 0 {
			d.errorf(n, "%s: empty list of versions", what)
			return Spec{}, false
		}
		if !ok {
			return Spec{}, false
		}
		s, err := ParseSpecList(items)
		if err != nil {
			d.errorf(n, "%s: %v", what, err)
			return Spec{}, false
		}
		return s, true
	}
	d.errorf(n, "%s: want a version, a range or a list of them, got %s", what, kindName(n))
	return Spec{}, false
}

func (d *decoder) environments(n *yaml.Node) []Environment {
	n = resolve(n)
	if isNull(n) {
		return nil
	}
	var out []Environment
	seen := map[string]bool{}
	add := func(k *yaml.Node, desc string) {
		if !namePattern.MatchString(k.Value) {
			d.errorf(k, "environments: invalid name %q", k.Value)
			return
		}
		if seen[k.Value] {
			d.errorf(k, "environments: %q is declared twice", k.Value)
			return
		}
		seen[k.Value] = true
		out = append(out, Environment{Name: k.Value, Description: desc, Line: k.Line})
	}
	switch n.Kind {
	case yaml.SequenceNode:
		for _, item := range n.Content {
			item = resolve(item)
			if item.Kind != yaml.ScalarNode {
				d.errorf(item, "environments: list items must be names")
				continue
			}
			add(item, "")
		}
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], resolve(n.Content[i+1])
			desc := ""
			for _, kv := range d.mapping("environments: "+k.Value, v) {
				if kv[0].Value != "description" || kv[1].Kind != yaml.ScalarNode {
					d.errorf(kv[0], "environments: %s: unknown key %q (want description)", k.Value, kv[0].Value)
					continue
				}
				desc = kv[1].Value
			}
			add(k, desc)
		}
	default:
		d.errorf(n, "environments: want a list of names or a mapping, got %s", kindName(n))
	}
	return out
}

func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		return fmt.Sprintf("%q", n.Value)
	}
	return "nothing"
}
