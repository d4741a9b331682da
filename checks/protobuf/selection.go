package protobuf

import (
	"fmt"
	"slices"

	"github.com/contractlint/contractlint/checks"
)

// bufCategories are buf's breaking categories: a rule in one of them is one
// of buf's rules, which a buf.yaml's breaking section chooses.
var bufCategories = []string{catFile, catPackage, catWireJSON, catWire}

// DefaultSelection implements checks.RuleDefaulter: the breaking section of
// the buf.yaml (v1 or v2, or of a module of a buf.work.yaml) at the root of
// side, else of a buf.yaml in a directory that holds side's .proto files (a
// buf v1 module kept in proto/), chooses buf's rules (use, FILE when it says nothing; except), and
// every other default protobuf rule among rules still runs (additions,
// documentation changes, example payloads). buf's deprecated rule IDs stand
// for their successors. It returns nil when there is no such section.
func (*Engine) DefaultSelection(side checks.Side, rules []*checks.Rule) (*checks.Selection, error) {
	if side.FS == nil {
		return nil, nil
	}
	l, err := readLayout(side.FS)
	if err != nil {
		return nil, err
	}
	if l.Config == "" {
		// The same buf.yaml files that give the module roots.
		nested, err := nestedLayout(side.FS, protoFiles(side.Files))
		if err != nil {
			return nil, err
		}
		if nested != nil {
			l = nested
		}
	}
	file, cfg := l.breakingSection()
	if cfg == nil {
		return nil, nil
	}
	tokens := slices.Clone(cfg.Use)
	if len(tokens) == 0 {
		tokens = []string{catFile}
	}
	for _, r := range rules {
		if r.Format == checks.Protobuf && r.Default && !slices.ContainsFunc(bufCategories, r.HasCategory) {
			tokens = append(tokens, r.ID)
		}
	}
	for _, e := range cfg.Except {
		tokens = append(tokens, "-"+e)
	}
	sel, err := checks.ParseSelection(tokens, rules)
	if err != nil {
		return nil, fmt.Errorf("%s: breaking: %w", file, err)
	}
	return sel, nil
}
