package jsonschema

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
	"slices"
	"strconv"
	"strings"

	js "github.com/santhosh-tekuri/jsonschema/v5"

	"github.com/contractlint/contractlint/checks"
	"github.com/contractlint/contractlint/internal/doc"
	"github.com/contractlint/contractlint/internal/limits"
)

// ExampleSchema implements checks.ExampleValidator: examples are JSON or
// YAML instances of target, a schema file of side.Files ("" when there is
// one), validated with santhosh-tekuri/jsonschema. $refs resolve to files
// of the side: those under a prefix of the refs option through it, other
// absolute URIs by the $id of the files in the search roots (the refs
// directories, the schema roots, the directories of side.Files), as a
// comparison finds them; nothing is fetched. The draft option applies to
// schemas without $schema.
func (*Engine) ExampleSchema(ctx context.Context, side checks.Side, opts checks.EngineOptions, target string) (checks.ExampleCheck, string, error) {
	o := optionsOf(opts)
	if target == "" {
		if len(side.Files) != 1 {
			return nil, "", fmt.Errorf("the contract has %d files: name the one the examples are instances of with schema", len(side.Files))
		}
		target = side.Files[0]
	}
	if !slices.Contains(side.Files, target) {
		return nil, "", fmt.Errorf("example schema %q is not one of the contract's files", target)
	}
	// The engine's loader finds documents by their $id, once needed.
	l := newLoader(ctx, side, o, nil)
	byID := func(u string) (string, bool) {
		if l.ids == nil {
			l.indexRoots()
		}
		p, ok := l.ids[stripFragment(u)]
		return p, ok
	}
	schema, err := compileExampleSchema(ctx, side.FS, target, o, byID)
	if err != nil {
		return nil, "", err
	}
	return func(fsys fs.FS, name string) string { return validateExample(ctx, fsys, name, schema) }, target, nil
}

const exampleScheme = "contract:///"

// exampleDrafts are the drafts of santhosh-tekuri/jsonschema by ParseDraft's
// numbers.
var exampleDrafts = map[int]*js.Draft{4: js.Draft4, 6: js.Draft6, 7: js.Draft7, 2019: js.Draft2019, 2020: js.Draft2020}

// compileExampleSchema compiles a JSON or YAML schema of fsys; $refs
// resolve to files of fsys only (through the refs option's prefixes, else
// byID) and nothing is fetched.
func compileExampleSchema(ctx context.Context, fsys fs.FS, name string, o Options, byID func(string) (string, bool)) (*js.Schema, error) {
	c := js.NewCompiler()
	if d, err := ParseDraft(o.Draft); err != nil {
		return nil, err
	} else if d != 0 {
		c.Draft = exampleDrafts[d]
	}
	refs := refDirs(o.Refs)
	c.LoadURL = func(u string) (io.ReadCloser, error) {
		var p string
		if rest, ok := strings.CutPrefix(u, exampleScheme); ok {
			var err error
			if p, err = url.PathUnescape(rest); err != nil || !fs.ValidPath(p) {
				return nil, fmt.Errorf("invalid reference %s", u)
			}
		} else {
			for _, r := range refs {
				file, under, err := r.fileOf(u)
				if err != nil {
					return nil, err
				}
				if under {
					p = file
					break
				}
			}
			if p == "" {
				if file, ok := byID(u); ok {
					p = file
				}
			}
			if p == "" {
				return nil, fmt.Errorf("refusing to load %s: only files of the contract's tree are read", u)
			}
		}
		data, err := readJSON(ctx, fsys, p)
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

// readJSON reads a JSON file, or a YAML file converted to JSON, within the
// limits of ctx (file size, total input size, nesting depth): example files
// come from the pull request like the schemas.
func readJSON(ctx context.Context, fsys fs.FS, name string) ([]byte, error) {
	data, err := limits.ReadFile(ctx, fsys, name)
	if err != nil {
		return nil, err
	}
	opts := doc.Options{MaxDepth: limits.From(ctx).Depth()}
	if ext := strings.ToLower(path.Ext(name)); ext != ".yaml" && ext != ".yml" {
		var le *limits.Error
		if _, err := doc.ParseJSON(data, opts); errors.As(err, &le) {
			// Other problems are the validator's to report.
			return nil, limitError(name, err)
		}
		return data, nil
	}
	v, err := doc.ParseYAML(data, opts)
	if err != nil {
		return nil, limitError(name, err)
	}
	return json.Marshal(v.Interface())
}

// limitError is the first problem of a document of file name, located.
func limitError(name string, err error) error {
	e := doc.All(err)[0]
	return fmt.Errorf("%s: %s", e.Where(name), e.Msg)
}

// validateExample returns why the schema rejects an example, or "".
func validateExample(ctx context.Context, fsys fs.FS, name string, schema *js.Schema) string {
	data, err := readJSON(ctx, fsys, name)
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
	var ve *js.ValidationError
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
func leafMessage(ve *js.ValidationError) string {
	for len(ve.Causes) > 0 {
		ve = ve.Causes[0]
	}
	loc := ve.InstanceLocation
	if loc == "" {
		loc = "/"
	}
	return fmt.Sprintf("at %s: %s", loc, ve.Message)
}
