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
	switch c.Format {
	case checks.JSONSchema:
		return jsonschema.Options{Policy: c.Policy, Draft: c.Draft, AllowRemoteRefs: c.AllowRemoteRefs, Refs: c.Refs, SchemaRoots: schemaRoots}
	case checks.Protobuf:
		return protobuf.Options{Roots: c.Roots}
	}
	return nil
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
