package main

import (
	"fmt"

	"github.com/contractlint/contractlint/checks"
	"github.com/contractlint/contractlint/checks/registry"
)

// pickFormat returns the rules of the named format.
func pickFormat(name string) ([]*checks.Rule, error) {
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
