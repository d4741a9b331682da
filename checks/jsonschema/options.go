package jsonschema

import (
	"fmt"

	"github.com/contractlint/contractlint/checks"
)

// Options are the JSON Schema engine's own options (see
// checks.EngineOptions). The zero value holds the defaults: the lenient
// policy, each document's draft detected from its forms, $refs resolved
// within the tree only and nothing fetched.
type Options struct {
	// Policy is the content-model policy; empty means lenient.
	Policy checks.Policy
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
		if _, err := checks.ParsePolicy(string(o.Policy)); err != nil {
			return fmt.Errorf("policy: %w", err)
		}
	}
	if _, err := ParseDraft(o.Draft); err != nil {
		return fmt.Errorf("draft: %w", err)
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
		out.Policy = checks.Lenient
	}
	return out
}
