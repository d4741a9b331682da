package contract

import (
	"cmp"
	"context"
	"fmt"
	"io/fs"
	"slices"

	"github.com/contractlint/contractlint/checks"
	"github.com/contractlint/contractlint/checks/examples"
)

// ExampleRejected and ProtoExampleRejected are the rules of example
// payloads, defined in package checks/examples so that the registry lists
// them.
var (
	ExampleRejected      = examples.Rejected
	ProtoExampleRejected = examples.ProtoRejected
)

// Rules are the rules of package contract (example payloads), which apply on
// top of the engines' rules.
func Rules() []*checks.Rule { return examples.Rules() }

func isExampleRule(id string) bool { return id == ExampleRejected.ID || id == ProtoExampleRejected.ID }

// checkExamples prepares the examples of a contract: JSON Schema examples
// name their schema (a contract with several files must), protobuf examples
// their message; a format whose engine does not validate examples has none.
func (p plan) checkExamples() []checks.Diagnostic {
	var diags []checks.Diagnostic
	bad := func(ex Example, format string, args ...any) {
		diags = append(diags, diagnosticAt(ex.Where, fmt.Sprintf("contract %s: ", p.c.Name)+fmt.Sprintf(format, args...)))
	}
	for _, ex := range p.c.Examples {
		if _, ok := p.engine.(checks.ExampleValidator); !ok {
			bad(ex, "examples are checked for jsonschema and protobuf contracts; %s examples are not supported yet", p.c.Format)
			continue
		}
		switch p.c.Format {
		case checks.JSONSchema:
			switch {
			case ex.Message != "":
				bad(ex, "message: is for protobuf examples; JSON Schema examples name their schema:")
			case ex.Schema == "" && len(p.files) != 1:
				bad(ex, "the contract has %d files: say which one the examples are instances of with schema:", len(p.files))
			case ex.Schema != "" && !slices.Contains(p.files, ex.Schema):
				bad(ex, "example schema %q is not one of the contract's files", ex.Schema)
			}
		case checks.Protobuf:
			switch {
			case ex.Message == "":
				bad(ex, "protobuf examples need the message they are instances of: {path: ..., message: acme.v1.Order}")
			case ex.Schema != "":
				bad(ex, "schema: is for JSON Schema examples; protobuf examples name their message:")
			}
		default:
			bad(ex, "examples are checked for jsonschema and protobuf contracts; %s examples are not supported yet", p.c.Format)
		}
	}
	return diags
}

// examples validates example payloads against the proposed schema, through
// the contract's engine (see checks.ExampleValidator): those of the
// published tree (old may be nil) become findings of the format's example
// rule, those only in the proposal must validate (an invalid example is an
// input error).
func (p plan) examples(ctx context.Context, old *Tree, work *Tree) ([]checks.Finding, error) {
	var findings []checks.Finding
	var diags []checks.Diagnostic
	var rule *checks.Rule
	for _, r := range examples.Rules() {
		if r.Format == p.c.Format {
			rule = r
		}
	}
	for _, ex := range p.c.Examples {
		validate, schemaFile, err := p.validator(ctx, work, ex)
		if err != nil {
			return nil, fmt.Errorf("examples at %s: %w", ex.Where, err)
		}
		var published []string
		if old != nil {
			published, _ = old.resolve([]string{ex.Path}, func(string) bool { return true })
		}
		for _, f := range published {
			if msg := validate(old.FS, f); msg != "" {
				found := checks.Finding{Rule: rule.ID, File: schemaFile, Path: f,
					Message: fmt.Sprintf("example %s of %s is rejected by the proposed schema: %s", f, old.Label, msg)}
				if found, ok := checks.Keep(p.sel, rule, found, p.c.Mode, p.c.Versioning, p.c.Impacts); ok {
					findings = append(findings, found)
				}
			}
		}
		current, _ := work.resolve([]string{ex.Path}, func(string) bool { return true })
		for _, f := range current {
			if slices.Contains(published, f) {
				continue
			}
			if msg := validate(work.FS, f); msg != "" {
				diags = append(diags, checks.Diagnostic{File: f, Message: fmt.Sprintf("example is rejected by %s: %s", schemaFile, msg)})
			}
		}
	}
	if len(diags) > 0 {
		return nil, &checks.InputError{Side: work.Label, Diagnostics: diags}
	}
	return findings, nil
}

// validator compiles, with the contract's engine and options, what the
// examples are instances of in the proposal (their schema, their message)
// and returns the check of a payload with the file it is checked against.
func (p plan) validator(ctx context.Context, work *Tree, ex Example) (checks.ExampleCheck, string, error) {
	v, ok := p.engine.(checks.ExampleValidator)
	if !ok {
		return nil, "", fmt.Errorf("%s examples are not supported", p.c.Format)
	}
	// checkExamples let only the format's own key through.
	target := cmp.Or(ex.Message, ex.Schema)
	return v.ExampleSchema(ctx, checks.Side{FS: work.FS, Files: p.files, Label: work.Label}, p.engineOptions(), target)
}

// sameExamples reports whether the example payloads are byte-identical in
// the published tree and the proposal: with an unchanged schema, nothing
// needs validating again.
func (p plan) sameExamples(old, work *Tree) bool {
	all := func(string) bool { return true }
	for _, ex := range p.c.Examples {
		a, _ := old.resolve([]string{ex.Path}, all)
		b, _ := work.resolve([]string{ex.Path}, all)
		if !slices.Equal(a, b) || !sameClosure(readAll(old.FS, a), readAll(work.FS, b)) {
			return false
		}
	}
	return true
}

func readAll(fsys fs.FS, files []string) map[string][]byte {
	out := make(map[string][]byte, len(files))
	for _, f := range files {
		out[f], _ = fs.ReadFile(fsys, f)
	}
	return out
}
