package jsonschema

import (
	"fmt"
	"slices"
	"strings"

	"github.com/contractlint/contractlint/checks"
)

// Options are the JSON Schema engine's own options (see
// checks.EngineOptions). The zero value holds the defaults: the lenient
// policy, each document's draft detected from its forms, $refs resolved
// within the tree only and nothing fetched.
type Options struct {
	// Policy is the content-model policy; empty means lenient.
	Policy Policy
	// Draft is the draft of schemas without $schema as users spell it
	// ("04", "06", "07", "2019-09", "2020-12", "draft-07"); empty detects
	// it from each document's forms (see ParseDraft).
	Draft string
	// AllowRemoteRefs lists URL prefixes that $refs may fetch; empty means
	// nothing is fetched.
	AllowRemoteRefs []string
	// Refs maps URI prefixes to directories of each side: a $ref to
	// https://acme.example/schemas/a.json with the prefix
	// "https://acme.example/schemas/" mapped to "schemas" reads
	// schemas/a.json. Nothing is fetched for such a URI.
	Refs map[string]string
	// SchemaRoots are further directories of each side whose schema files
	// are found by their $id when a $ref names it (the directories of the
	// compared files always are).
	SchemaRoots []string
}

// Format implements checks.EngineOptions.
func (Options) Format() checks.Format { return checks.JSONSchema }

// Validate reports an option that has no meaning, naming it as users write
// it.
func (o Options) Validate() error {
	if o.Policy != "" {
		if _, err := ParsePolicy(string(o.Policy)); err != nil {
			return fmt.Errorf("policy: %w", err)
		}
	}
	if _, err := ParseDraft(o.Draft); err != nil {
		return fmt.Errorf("draft: %w", err)
	}
	return nil
}

// DefaultOptions are the options of a contract whose configuration says
// nothing: the lenient policy, drafts detected, nothing fetched.
func DefaultOptions() Options { return Options{Policy: Lenient} }

// ConfigKeys are the contractlint.yaml keys of the engine's options, in a
// contract and in the top-level jsonschema: section that gives every
// contract its defaults (see schemas/config.schema.json).
var ConfigKeys = []string{"policy", "draft", "refs", "allow_remote_refs"}

// Decode sets the options that configuration keys give: keys holds a
// contract's keys (or those of the top-level jsonschema: section) as decoded
// from YAML or JSON, valid under schemas/config.schema.json; keys that are
// not among ConfigKeys are not the engine's and are left alone, and so is an
// option whose key is absent. dir cleans a directory the configuration names
// (relative to the configuration's own directory), given the JSON pointer of
// its value below keys and what it is, reporting a problem with its
// position; it returns the cleaned path.
func (o *Options) Decode(keys map[string]any, dir func(p, pointer, what string) string) error {
	if s, _ := keys["policy"].(string); s != "" {
		p, err := ParsePolicy(s)
		if err != nil {
			return fmt.Errorf("policy: %w", err)
		}
		o.Policy = p
	}
	if s, _ := keys["draft"].(string); s != "" {
		if _, err := ParseDraft(s); err != nil {
			return fmt.Errorf("draft: %w", err)
		}
		o.Draft = s
	}
	if m, ok := keys["refs"].(map[string]any); ok {
		o.Refs = make(map[string]string, len(m))
		for prefix, d := range m {
			s, _ := d.(string)
			o.Refs[prefix] = dir(s, "/refs/"+strings.ReplaceAll(strings.ReplaceAll(prefix, "~", "~0"), "/", "~1"), "refs directory")
		}
	}
	if list, ok := keys["allow_remote_refs"].([]any); ok {
		o.AllowRemoteRefs = []string{}
		for _, x := range list {
			if s, ok := x.(string); ok {
				o.AllowRemoteRefs = append(o.AllowRemoteRefs, s)
			}
		}
	}
	return nil
}

// Flags are the command-line flags of the engine's options, named after
// their configuration keys: --policy and --draft replace the option,
// --allow-remote-ref (repeatable) adds to allow_remote_refs.
var Flags = []string{"policy", "draft", "allow-remote-ref"}

// SetFlag sets the option of one of Flags to the flag's values (one for
// --policy and --draft). Its errors name the flag.
func (o *Options) SetFlag(name string, values ...string) error {
	last := ""
	if len(values) > 0 {
		last = values[len(values)-1]
	}
	switch name {
	case "policy":
		p, err := ParsePolicy(last)
		if err != nil {
			return fmt.Errorf("--policy: %w", err)
		}
		o.Policy = p
	case "draft":
		if _, err := ParseDraft(last); err != nil {
			return fmt.Errorf("--draft: %w", err)
		}
		o.Draft = last
	case "allow-remote-ref":
		o.AllowRemoteRefs = append(slices.Clone(o.AllowRemoteRefs), values...)
	default:
		return fmt.Errorf("--%s is not a flag of the JSON Schema engine", name)
	}
	return nil
}

// optionsOf returns the engine's options among a request's, with its
// defaults filled in; the zero Options when there are none.
func optionsOf(o checks.EngineOptions) Options {
	var out Options
	switch v := o.(type) {
	case Options:
		out = v
	case *Options:
		if v != nil {
			out = *v
		}
	}
	if out.Policy == "" {
		out.Policy = Lenient
	}
	return out
}

// Policy is the content-model policy: how a reader treats properties its
// schema does not declare.
type Policy string

// Policies.
const (
	// Lenient: readers ignore unknown properties unless the schema closes the
	// content model (additionalProperties: false or equivalent).
	Lenient Policy = "lenient"
	// Strict: Confluent Schema Registry's verdicts.
	Strict Policy = "strict"
)

// ParsePolicy parses "lenient" or "strict".
func ParsePolicy(s string) (Policy, error) {
	switch Policy(strings.ToLower(s)) {
	case Lenient:
		return Lenient, nil
	case Strict:
		return Strict, nil
	}
	return "", fmt.Errorf("unknown policy %q (want lenient or strict)", s)
}
