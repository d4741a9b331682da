package main

import (
	"fmt"
	"slices"
	"strings"

	"github.com/contractlint/contractlint/checks"
	"github.com/contractlint/contractlint/checks/examples"
	"github.com/contractlint/contractlint/checks/ignores"
	"github.com/contractlint/contractlint/checks/lifecycle"
	"github.com/contractlint/contractlint/checks/registry"
)

// pickFormat returns the rules of the named format (its engine's and its
// example rules), or the lifecycle rules.
func pickFormat(name string) ([]*checks.Rule, error) {
	if strings.EqualFold(name, string(checks.Lifecycle)) {
		return append(lifecycle.Rules(), ignores.Rules()...), nil
	}
	f, err := checks.ParseFormat(name)
	if err != nil {
		return nil, fmt.Errorf("--type: %w", err)
	}
	e, err := registry.Engine(f)
	if err != nil {
		return nil, fmt.Errorf("--type: %w", err)
	}
	rules := e.Rules()
	for _, r := range examples.Rules() {
		if r.Format == f {
			rules = append(slices.Clone(rules), r)
		}
	}
	return rules, nil
}
