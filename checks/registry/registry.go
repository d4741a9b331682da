// Package registry lists contractlint's engines and, through them, every
// rule. It is the one place new engines are added; it lives apart from
// package checks because the engines import checks.
package registry

import (
	"fmt"
	"slices"
	"strings"

	"github.com/contractlint/contractlint/checks"
	"github.com/contractlint/contractlint/checks/avro"
	"github.com/contractlint/contractlint/checks/examples"
	"github.com/contractlint/contractlint/checks/ignores"
	"github.com/contractlint/contractlint/checks/jsonschema"
	"github.com/contractlint/contractlint/checks/lifecycle"
	"github.com/contractlint/contractlint/checks/protobuf"
)

// Engines returns every engine, in a fixed order.
func Engines() []checks.Engine {
	return []checks.Engine{protobuf.New(), jsonschema.New(), avro.New()}
}

// Engine returns the engine of format f.
func Engine(f checks.Format) (checks.Engine, error) {
	for _, e := range Engines() {
		if e.Format() == f {
			return e, nil
		}
	}
	return nil, fmt.Errorf("no engine for format %q", f)
}

// All returns every rule of every engine and the lifecycle rules, sorted by
// format then ID.
func All() []*checks.Rule {
	rules := append(append(lifecycle.Rules(), ignores.Rules()...), examples.Rules()...)
	for _, e := range Engines() {
		rules = append(rules, e.Rules()...)
	}
	slices.SortStableFunc(rules, func(a, b *checks.Rule) int {
		if c := strings.Compare(string(a.Format), string(b.Format)); c != 0 {
			return c
		}
		return strings.Compare(a.ID, b.ID)
	})
	return rules
}

// Lookup finds a rule by ID (case-insensitive). IDs are unique across
// formats.
func Lookup(id string) (*checks.Rule, bool) {
	for _, r := range All() {
		if strings.EqualFold(r.ID, id) {
			return r, true
		}
	}
	return nil, false
}
