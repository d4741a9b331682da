package contract

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"path"
	"slices"
	"strings"

	"github.com/santhosh-tekuri/jsonschema/v5"
	"go.yaml.in/yaml/v3"

	"github.com/contractlint/contractlint/checks"
)

// ExampleRejected is the finding when an example payload of the published
// version is no longer accepted by the proposed schema.
var ExampleRejected = &checks.Rule{
	ID:         "EXAMPLE_REJECTED",
	Format:     checks.JSONSchema,
	Categories: []string{"EXAMPLES"},
	Default:    true,
	Impact:     checks.Major,
	Breaks:     checks.Backward,
	Title:      "An example payload of the published version is rejected by the proposed schema",
	Doc: "A contract may list example payloads (`examples:` in contractlint.yaml). Every example of the\n" +
		"published version must still validate against the proposed schema: a payload that producers\n" +
		"sent yesterday and that today's schema rejects breaks readers of old data. The finding names the\n" +
		"example and the validation error.\n\n" +
		"Old schema: `{\"properties\": {\"age\": {\"type\": \"integer\"}}}` with the example `{\"age\": 42}`.\n\n" +
		"New schema: `{\"properties\": {\"age\": {\"type\": \"string\"}}}`: the example is rejected at `/age`.\n",
}

// Rules are the rules of package contract (example payloads), which apply on
// top of the engines' rules.
func Rules() []*checks.Rule { return []*checks.Rule{ExampleRejected} }

func isExampleRule(id string) bool { return id == ExampleRejected.ID }

// checkExamples prepares the examples of a contract: only JSON Schema
// contracts have them for now, and a contract with several files must say
// which schema the examples are instances of.
func (p plan) checkExamples() []checks.Diagnostic {
	var diags []checks.Diagnostic
	for _, ex := range p.c.Examples {
		switch {
		case p.c.Format != checks.JSONSchema:
			diags = append(diags, diagnosticAt(ex.Where, fmt.Sprintf("contract %s: examples are checked for jsonschema contracts only; %s examples are not supported yet", p.c.Name, p.c.Format)))
		case ex.Schema == "" && len(p.files) != 1:
			diags = append(diags, diagnosticAt(ex.Where, fmt.Sprintf("contract %s: the contract has %d files: say which one the examples are instances of with schema:", p.c.Name, len(p.files))))
		case ex.Schema != "" && !slices.Contains(p.files, ex.Schema):
			diags = append(diags, diagnosticAt(ex.Where, fmt.Sprintf("contract %s: example schema %q is not one of the contract's files", p.c.Name, ex.Schema)))
		}
	}
	return diags
}

// examples validates example payloads against the proposed schema: those of
// the published tree (old may be nil) become EXAMPLE_REJECTED findings, those
// only in the proposal must validate (an invalid example is an input error).
func (p plan) examples(old *Tree, work *Tree) ([]checks.Finding, error) {
	var findings []checks.Finding
	var diags []checks.Diagnostic
	for _, ex := range p.c.Examples {
		schemaFile := ex.Schema
		if schemaFile == "" {
			schemaFile = p.files[0]
		}
		schema, err := compileSchema(work.FS, schemaFile)
		if err != nil {
			return nil, fmt.Errorf("examples at %s: %w", ex.Where, err)
		}
		var published []string
		if old != nil {
			published, _ = old.resolve([]string{ex.Path}, func(string) bool { return true })
		}
		for _, f := range published {
			if msg := validateExample(old.FS, f, schema); msg != "" {
				findings = append(findings, checks.Finding{
					Rule: ExampleRejected.ID, Impact: ExampleRejected.Impact, Breaks: ExampleRejected.Breaks,
					File: schemaFile, Path: f,
					Message: fmt.Sprintf("example %s of %s is rejected by the proposed schema: %s", f, old.Label, msg),
				})
			}
		}
		current, _ := work.resolve([]string{ex.Path}, func(string) bool { return true })
		for _, f := range current {
			if slices.Contains(published, f) {
				continue
			}
			if msg := validateExample(work.FS, f, schema); msg != "" {
				diags = append(diags, checks.Diagnostic{File: f, Message: fmt.Sprintf("example is rejected by %s: %s", schemaFile, msg)})
			}
		}
	}
	if len(diags) > 0 {
		return nil, &checks.InputError{Side: work.Label, Diagnostics: diags}
	}
	return findings, nil
}

const exampleScheme = "contract:///"

// compileSchema compiles a JSON or YAML schema of fsys; $refs resolve to
// files of fsys only and nothing is fetched.
func compileSchema(fsys fs.FS, name string) (*jsonschema.Schema, error) {
	c := jsonschema.NewCompiler()
	c.LoadURL = func(u string) (io.ReadCloser, error) {
		rest, ok := strings.CutPrefix(u, exampleScheme)
		if !ok {
			return nil, fmt.Errorf("refusing to load %s: only files of the contract's tree are read", u)
		}
		p, err := url.PathUnescape(rest)
		if err != nil || !fs.ValidPath(p) {
			return nil, fmt.Errorf("invalid reference %s", u)
		}
		data, err := readJSON(fsys, p)
		if err != nil {
			return nil, err
		}
		return io.NopCloser(bytes.NewReader(data)), nil
	}
	return c.Compile(exampleScheme + name)
}

// readJSON reads a JSON file, or a YAML file converted to JSON.
func readJSON(fsys fs.FS, name string) ([]byte, error) {
	data, err := fs.ReadFile(fsys, name)
	if err != nil {
		return nil, err
	}
	if ext := strings.ToLower(path.Ext(name)); ext != ".yaml" && ext != ".yml" {
		return data, nil
	}
	var v any
	if err := yaml.Unmarshal(data, &v); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return json.Marshal(v)
}

// validateExample returns why the schema rejects an example, or "".
func validateExample(fsys fs.FS, name string, schema *jsonschema.Schema) string {
	data, err := readJSON(fsys, name)
	if err != nil {
		return err.Error()
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return "not JSON: " + err.Error()
	}
	err = schema.Validate(v)
	var ve *jsonschema.ValidationError
	if errors.As(err, &ve) {
		return leafMessage(ve)
	}
	if err != nil {
		return err.Error()
	}
	return ""
}

// leafMessage is the first, most specific validation failure:
// "at /age: expected string, but got number".
func leafMessage(ve *jsonschema.ValidationError) string {
	for len(ve.Causes) > 0 {
		ve = ve.Causes[0]
	}
	loc := ve.InstanceLocation
	if loc == "" {
		loc = "/"
	}
	return fmt.Sprintf("at %s: %s", loc, ve.Message)
}
