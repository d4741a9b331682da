package contract

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/bufbuild/protocompile"
	"github.com/santhosh-tekuri/jsonschema/v5"
	"go.yaml.in/yaml/v3"
	"google.golang.org/protobuf/encoding/protojson"
	"google.golang.org/protobuf/reflect/protoreflect"
	"google.golang.org/protobuf/types/dynamicpb"

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

// checkExamples prepares the examples of a contract: only JSON Schema
// contracts have them for now, and a contract with several files must say
// which schema the examples are instances of.
func (p plan) checkExamples() []checks.Diagnostic {
	var diags []checks.Diagnostic
	bad := func(ex Example, format string, args ...any) {
		diags = append(diags, diagnosticAt(ex.Where, fmt.Sprintf("contract %s: ", p.c.Name)+fmt.Sprintf(format, args...)))
	}
	for _, ex := range p.c.Examples {
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

// examples validates example payloads against the proposed schema: those of
// the published tree (old may be nil) become EXAMPLE_REJECTED findings, those
// only in the proposal must validate (an invalid example is an input error).
func (p plan) examples(ctx context.Context, old *Tree, work *Tree) ([]checks.Finding, error) {
	var findings []checks.Finding
	var diags []checks.Diagnostic
	rule := ExampleRejected
	if p.c.Format == checks.Protobuf {
		rule = ProtoExampleRejected
	}
	for _, ex := range p.c.Examples {
		validate, schemaFile, err := p.validator(ctx, work.FS, ex)
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

// validator compiles what the examples are instances of in the proposal and
// returns a function that says why an example is rejected ("" when not),
// with the file it is validated against.
func (p plan) validator(ctx context.Context, fsys fs.FS, ex Example) (func(fs.FS, string) string, string, error) {
	if p.c.Format == checks.Protobuf {
		md, file, err := findMessage(ctx, fsys, p.files, ex.Message)
		if err != nil {
			return nil, "", err
		}
		return func(efs fs.FS, name string) string { return validateProtoJSON(efs, name, md) }, file, nil
	}
	schemaFile := ex.Schema
	if schemaFile == "" {
		schemaFile = p.files[0]
	}
	schema, err := compileSchema(fsys, schemaFile)
	if err != nil {
		return nil, "", err
	}
	return func(efs fs.FS, name string) string { return validateExample(efs, name, schema) }, schemaFile, nil
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
		if n := hugeNumber(data); n != "" {
			// jsonschema/v5 would evaluate it in full, or panic on it.
			return nil, fmt.Errorf("%s: the number %s is too large to validate examples against (its exponent is beyond ±%d)", p, n, maxExampleExponent)
		}
		return io.NopCloser(bytes.NewReader(data)), nil
	}
	return c.Compile(exampleScheme + name)
}

// maxExampleExponent bounds the decimal exponent of the numbers of a schema
// that examples are validated against.
const maxExampleExponent = 1000

// hugeNumber returns the first number of a JSON document whose exponent is
// beyond ±maxExampleExponent, or "".
func hugeNumber(data []byte) string {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	for {
		tok, err := dec.Token()
		if err != nil {
			return ""
		}
		n, ok := tok.(json.Number)
		if !ok {
			continue
		}
		_, exp, found := strings.Cut(strings.ToLower(string(n)), "e")
		if !found {
			continue
		}
		exp = strings.TrimLeft(strings.TrimLeft(exp, "+-"), "0")
		if len(exp) > 4 || len(exp) == 4 && exp > strconv.Itoa(maxExampleExponent) {
			return string(n)
		}
	}
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

// protoErrPrefix is the "proto: " protobuf-go puts before its errors, with a
// space it varies on purpose.
var protoErrPrefix = regexp.MustCompile(`^proto:[\s\x{00a0}]*`)

var protoPackage = regexp.MustCompile(`(?m)^\s*package\s+([\w.]+)\s*;`)

// findMessage compiles the contract's .proto files with protocompile and
// returns the named message and the file declaring it. Imports resolve
// against the file's import root, found by stripping the package path from
// its directory (proto/acme/orders/v1 for package acme.orders.v1 → proto),
// then against the tree's root; the well-known types are built in.
func findMessage(ctx context.Context, fsys fs.FS, files []string, name string) (protoreflect.MessageDescriptor, string, error) {
	root := "."
	var names []string
	for _, f := range files {
		data, err := fs.ReadFile(fsys, f)
		if err != nil {
			return nil, "", err
		}
		rel := f
		if m := protoPackage.FindSubmatch(data); m != nil {
			pkgDir := strings.ReplaceAll(string(m[1]), ".", "/")
			if dir := path.Dir(f); dir == pkgDir || strings.HasSuffix(dir, "/"+pkgDir) {
				root = strings.TrimSuffix(strings.TrimSuffix(dir, pkgDir), "/")
				if root == "" {
					root = "."
				}
				rel = pkgDir + "/" + path.Base(f)
			}
		}
		names = append(names, rel)
	}
	c := protocompile.Compiler{Resolver: protocompile.WithStandardImports(&protocompile.SourceResolver{
		Accessor: func(p string) (io.ReadCloser, error) {
			f, err := fsys.Open(path.Join(root, p))
			if err != nil && root != "." {
				f, err = fsys.Open(p)
			}
			return f, err
		},
	})}
	compiled, err := c.Compile(ctx, names...)
	if err != nil {
		return nil, "", err
	}
	d, err := compiled.AsResolver().FindDescriptorByName(protoreflect.FullName(name))
	if err != nil {
		return nil, "", fmt.Errorf("message %s is not declared in the contract's files", name)
	}
	md, ok := d.(protoreflect.MessageDescriptor)
	if !ok {
		return nil, "", fmt.Errorf("%s is not a message", name)
	}
	file := md.ParentFile().Path()
	if root != "." {
		file = path.Join(root, file)
	}
	return md, file, nil
}

// validateProtoJSON returns why an example does not parse as the message in
// protobuf JSON, or "".
func validateProtoJSON(fsys fs.FS, name string, md protoreflect.MessageDescriptor) string {
	data, err := fs.ReadFile(fsys, name)
	if err != nil {
		return err.Error()
	}
	if err := protojson.Unmarshal(data, dynamicpb.NewMessage(md)); err != nil {
		return protoErrPrefix.ReplaceAllString(err.Error(), "")
	}
	return ""
}
