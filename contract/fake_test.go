package contract

import (
	"context"
	"fmt"
	"io/fs"
	"slices"
	"strings"
	"sync/atomic"

	"github.com/contractlint/contractlint/checks"
	"github.com/contractlint/contractlint/checks/jsonschema"
)

// fakeEngine diffs ".proto" files holding one "field NAME" or "// comment"
// per line, so that the check pipeline can be tested without a real engine.
// A line starting with "!" is a syntax error. Diffs counts the calls.
type fakeEngine struct {
	diffs atomic.Int64
	// json makes it a JSON Schema engine owning ".json" files.
	json bool
}

var fakeRules = []*checks.Rule{
	{ID: "FIELD_NO_DELETE", Format: checks.Protobuf, Default: true, Impact: checks.Major, Breaks: checks.Both, Levels: checks.AllLevels,
		Title: "Fields may not be deleted", Doc: "A deleted field breaks readers and writers. Old: field a. New: nothing."},
	{ID: "FIELD_ADDED", Format: checks.Protobuf, Default: true, Impact: checks.Minor,
		Title: "A field was added", Doc: "An added field is a compatible addition. Old: nothing. New: field a."},
	{ID: "COMMENT_CHANGED", Format: checks.Protobuf, Default: true, Impact: checks.Patch,
		Title: "A comment changed", Doc: "Comments are documentation only. Old: // a. New: // b. Nothing breaks."},
	{ID: "FILE_NO_DELETE", Format: checks.Protobuf, Default: true, Impact: checks.Major, Breaks: checks.Both, Levels: checks.AllLevels,
		Title: "Files may not be deleted", Doc: "A deleted file takes its fields with it. Old: a.proto. New: nothing."},
}

// ExampleSchema implements checks.ExampleValidator: the JSON Schema
// engine's, for the fake JSON Schema engine; the fake protobuf one has no
// messages.
func (e *fakeEngine) ExampleSchema(ctx context.Context, side checks.Side, opts checks.EngineOptions, target string) (checks.ExampleCheck, string, error) {
	if !e.json {
		return nil, "", fmt.Errorf("message %s is not declared in the contract's files", target)
	}
	return jsonschema.New().ExampleSchema(ctx, side, opts, target)
}

func (e *fakeEngine) Format() checks.Format {
	if e.json {
		return checks.JSONSchema
	}
	return checks.Protobuf
}

func (e *fakeEngine) Rules() []*checks.Rule {
	if e.json {
		return jsonRules
	}
	return fakeRules
}

func (e *fakeEngine) Owns(path string) bool {
	if e.json {
		return strings.HasSuffix(path, ".json")
	}
	return strings.HasSuffix(path, ".proto")
}

// jsonRules are fakeRules as JSON Schema rules, with IDs of their own.
var jsonRules = func() []*checks.Rule {
	var out []*checks.Rule
	for _, r := range fakeRules {
		cp := *r
		cp.Format, cp.ID = checks.JSONSchema, "JSON_"+r.ID
		out = append(out, &cp)
	}
	return out
}()

func (e *fakeEngine) Diff(_ context.Context, req checks.Request) ([]checks.Finding, error) {
	e.diffs.Add(1)
	if e.json {
		return nil, nil // schema changes are not the point of the JSON fake
	}
	type parsed struct {
		fields   map[string]int
		comments []string
	}
	parse := func(s checks.Side) (map[string]parsed, error) {
		out := map[string]parsed{}
		var diags []checks.Diagnostic
		for _, f := range s.Files {
			data, err := fs.ReadFile(s.FS, f)
			if err != nil {
				return nil, err
			}
			p := parsed{fields: map[string]int{}}
			for i, line := range strings.Split(string(data), "\n") {
				line = strings.TrimSpace(line)
				switch {
				case strings.HasPrefix(line, "!"):
					diags = append(diags, checks.Diagnostic{File: f, Line: i + 1, Column: 1, Message: "syntax error"})
				case strings.HasPrefix(line, "field "):
					name, _, _ := strings.Cut(strings.TrimPrefix(line, "field "), " ")
					p.fields[name] = i + 1
				case strings.HasPrefix(line, "//") && !strings.Contains(line, "contractlint:ignore"):
					p.comments = append(p.comments, line)
				}
			}
			out[f] = p
		}
		if len(diags) > 0 {
			return nil, &checks.InputError{Side: s.Label, Diagnostics: diags}
		}
		return out, nil
	}
	old, err := parse(req.Old)
	if err != nil {
		return nil, err
	}
	cur, err := parse(req.New)
	if err != nil {
		return nil, err
	}
	var out []checks.Finding
	for f, o := range old {
		n, ok := cur[f]
		if !ok {
			out = append(out, checks.Finding{Rule: "FILE_NO_DELETE", File: f, Path: f, Message: "file " + f + " was deleted"})
			continue
		}
		for name := range o.fields {
			if _, ok := n.fields[name]; !ok {
				out = append(out, checks.Finding{Rule: "FIELD_NO_DELETE", File: f, Line: 1, Column: 1, Path: "acme.Msg." + name, Message: "field " + name + " was deleted"})
			}
		}
		if !slices.Equal(o.comments, n.comments) {
			out = append(out, checks.Finding{Rule: "COMMENT_CHANGED", File: f, Line: 1, Column: 1, Path: "acme.Msg", Message: "a comment changed"})
		}
	}
	for f, n := range cur {
		o := old[f]
		for name, line := range n.fields {
			if _, ok := o.fields[name]; !ok {
				out = append(out, checks.Finding{Rule: "FIELD_ADDED", File: f, Line: line, Column: 1, Path: "acme.Msg." + name, Message: "field " + name + " was added"})
			}
		}
	}
	return out, nil
}
