package contract

import (
	"path"
	"slices"
	"strings"

	"github.com/contractlint/contractlint/checks"
	"github.com/contractlint/contractlint/checks/jsonschema"
	"github.com/contractlint/contractlint/checks/protobuf"
)

// EngineOptions returns the options of a contract's engine (see
// checks.EngineOptions) as its configuration sets them, nil for a format
// whose engine has none: for JSON Schema its policy, draft, refs and remote
// refs, and as schema roots the directories of every JSON Schema contract of
// the configuration (a $ref finds a document of another contract by its
// $id); for protobuf its import roots.
func (cfg *Config) EngineOptions(c *Contract) checks.EngineOptions {
	var roots []string
	if c.Format == checks.JSONSchema {
		roots = cfg.schemaRoots()
	}
	return engineOptions(c, roots)
}

// engineOptions is EngineOptions with the configuration's schema roots.
func engineOptions(c *Contract, schemaRoots []string) checks.EngineOptions {
	if o, ok := c.Options.(jsonschema.Options); ok {
		o.SchemaRoots = schemaRoots
		return o
	}
	return c.Options
}

// decodeOptions decodes the options of a format's engine from the keys of
// contractlint.yaml, through the engine's own package (which declares its
// keys, their defaults and their validation), on top of base (the
// top-level defaults; nil for none). dir cleans a configured directory, as
// the engines' Decode methods say. Formats whose engine has no options get
// nil.
func decodeOptions(f checks.Format, base checks.EngineOptions, keys map[string]any, dir func(p, pointer, what string) string) (checks.EngineOptions, error) {
	switch f {
	case checks.JSONSchema:
		o, ok := base.(jsonschema.Options)
		if !ok {
			o = jsonschema.DefaultOptions()
		}
		err := o.Decode(keys, dir)
		return o, err
	case checks.Protobuf:
		o, _ := base.(protobuf.Options)
		err := o.Decode(keys, dir)
		return o, err
	}
	return nil, nil
}

// protoRoots are a contract's protobuf import roots (roots:), nil for
// other formats.
func protoRoots(c *Contract) []string {
	o, _ := c.Options.(protobuf.Options)
	return o.Roots
}

// schemaRoots are the directories where JSON Schema documents are found by
// their $id: those of every JSON Schema contract of the configuration.
func (cfg *Config) schemaRoots() []string {
	var roots []string
	for _, c := range cfg.Contracts {
		if c.Format == checks.JSONSchema {
			for _, p := range c.Paths {
				roots = append(roots, schemaRoot(p))
			}
		}
	}
	slices.Sort(roots)
	return slices.Compact(roots)
}

// schemaRoot is the directory a configured path or glob lies in: the
// part before its first wildcard, or the directory of a file.
func schemaRoot(p string) string {
	if i := strings.IndexAny(p, "*?["); i >= 0 {
		p = p[:i]
		if j := strings.LastIndexByte(p, '/'); j >= 0 {
			return p[:j]
		}
		return "."
	}
	if path.Ext(p) != "" {
		return path.Dir(p)
	}
	return p
}

// engineOptions are the plan's options for its engine, nil for none.
func (p plan) engineOptions() checks.EngineOptions {
	return checks.OptionsFor(p.opts, p.engine.Format())
}
