package main

import (
	"fmt"
	"strings"

	"github.com/contractlint/contractlint/checks"
	"github.com/contractlint/contractlint/checks/ignores"
	"github.com/contractlint/contractlint/checks/lifecycle"
	"github.com/contractlint/contractlint/checks/registry"
)

// pickFormat returns the rules of the named format, or the lifecycle rules.
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
	return e.Rules(), nil
}
