package main

import (
	"errors"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"slices"

	"github.com/urfave/cli/v2"

	"github.com/contractlint/contractlint/checks"
	"github.com/contractlint/contractlint/checks/jsonschema"
	"github.com/contractlint/contractlint/checks/protobuf"
	"github.com/contractlint/contractlint/checks/registry"
	"github.com/contractlint/contractlint/report"
	"github.com/contractlint/contractlint/source"
)

func diffCommand() *cli.Command {
	return &cli.Command{
		Name:      "diff",
		Usage:     "compare two files or two directories of contracts and classify every change",
		ArgsUsage: "OLD NEW",
		Description: "OLD and NEW are both files or both directories. In directories every .proto, .avsc,\n" +
			"JSON Schema (.json, .yaml, .yml) file is compared with the file of the same path.",
		Flags: append(reportFlags(),
			&cli.StringSliceFlag{Name: "rules", Aliases: []string{"r"}, Usage: "rules to report: rule IDs, categories (FILE, PACKAGE, WIRE_JSON, WIRE, ...) or all; -ID excludes (repeatable, comma-separated). A selection applies per format: a format none of the tokens names keeps its default rules (--rules WIRE narrows protobuf, not Avro or JSON Schema). Data rules outside the selection still decide data compatibility and are listed apart, unless excluded with -ID"},
			&cli.StringFlag{Name: "mode", Value: "full", Usage: "compatibility mode: backward, forward, full or none"},
			&cli.StringFlag{Name: "versioning", Value: "source", Usage: "what the version answers for: source (a break of generated code is major) or data (only data compatibility decides; a source-only break is minor)"},
			&cli.StringFlag{Name: "policy", Value: "lenient", Usage: "JSON Schema content-model policy: lenient or strict (Confluent Schema Registry)"},
			&cli.StringFlag{Name: "type", Usage: "force the contract format: protobuf, jsonschema or avro"},
			&cli.StringSliceFlag{Name: "allow-remote-ref", Usage: "let JSON Schema $refs under `PREFIX` be fetched (repeatable); nothing is fetched otherwise"},
			protoPathFlag(),
			&cli.StringFlag{Name: "draft", Usage: "JSON Schema draft of schemas without $schema: 04, 06, 07, 2019-09 or 2020-12 (default: detected from each document: draft-07 forms such as definitions or an items array, else 2020-12)"},
		),
		Action: runDiff,
	}
}

func runDiff(c *cli.Context) error {
	if c.NArg() != 2 {
		return fmt.Errorf("diff needs two arguments, OLD and NEW (got %d)", c.NArg())
	}
	out, err := parseOutputs(c)
	if err != nil {
		return err
	}
	mode, err := checks.ParseMode(c.String("mode"))
	if err != nil {
		return fmt.Errorf("--mode: %w", err)
	}
	js := jsonschema.DefaultOptions()
	for _, name := range jsonschema.Flags {
		if err := js.SetFlag(name, flagValues(c, name)...); err != nil {
			return err
		}
	}
	versioning, err := checks.ParseVersioning(c.String("versioning"))
	if err != nil {
		return fmt.Errorf("--versioning: %w", err)
	}
	oldPath, newPath := c.Args().Get(0), c.Args().Get(1)
	req := checks.Request{Mode: mode}
	engines, forced, err := pickEngines(c.String("type"), oldPath, newPath)
	if err != nil {
		return err
	}
	if req.Old, req.New, err = sides(oldPath, newPath); err != nil {
		return err
	}
	var proto protobuf.Options
	if err := proto.SetProtoPaths(c.StringSlice("proto-path"), oldPath, newPath, source.ImportDir); err != nil {
		return err
	}
	req.Options = []checks.EngineOptions{js, proto}
	completeProto(&req, c.App.ErrWriter)
	if !forced && !ownsAny(engines, req.Old.Files) && !ownsAny(engines, req.New.Files) {
		return fmt.Errorf("no contract files (.proto, .avsc, .json, .yaml, .yml) in %s or %s", oldPath, newPath)
	}
	// Without --rules, each engine's default rules run, or those its
	// inputs ask for (protobuf: a buf.yaml's breaking section).
	var sel *checks.Selection
	if tokens := c.StringSlice("rules"); len(tokens) > 0 {
		var rules []*checks.Rule
		for _, e := range engines {
			rules = append(rules, e.Rules()...)
		}
		if sel, err = checks.ParseSelection(tokens, rules); err != nil {
			return fmt.Errorf("--rules: %w", err)
		}
	}
	findings, err := checks.Run(c.Context, engines, req, checks.Options{Selection: sel, AllFiles: forced, Versioning: versioning})
	if err != nil {
		return showRealNames(err, req, oldPath, newPath)
	}
	r := report.New("diff", findings)
	r.Version = versionString()
	r.Old, r.New = req.Old.Label, req.New.Label
	r.Mode, r.Policy = mode, string(js.Policy)
	if out.wantsDiffs() {
		r.Diffs = report.Diffs("", req.Old, req.New, findings)
	}
	if isFile(newPath) {
		// Two files share the new file's name inside the engines; show the
		// path the user gave.
		name, shown := path.Base(filepath.ToSlash(newPath)), filepath.ToSlash(newPath)
		for i := range r.Findings {
			if r.Findings[i].File == name {
				r.Findings[i].File = shown
			}
		}
		for i := range r.Diffs {
			if r.Diffs[i].File == name {
				r.Diffs[i].File = shown
			}
		}
	}
	return out.write(c, r)
}

// pickEngines chooses the engines for a comparison: the forced one, the one
// that owns both files, or every engine for two directories.
func pickEngines(forced, oldPath, newPath string) (_ []checks.Engine, force bool, _ error) {
	if forced != "" {
		f, err := checks.ParseFormat(forced)
		if err != nil {
			return nil, false, fmt.Errorf("--type: %w", err)
		}
		e, err := registry.Engine(f)
		if err != nil {
			return nil, false, fmt.Errorf("--type: %w", err)
		}
		return []checks.Engine{e}, isFile(newPath), nil
	}
	all := registry.Engines()
	if !isFile(oldPath) || !isFile(newPath) {
		return all, false, nil
	}
	oe, ne := owner(all, oldPath), owner(all, newPath)
	switch {
	case ne == nil:
		return nil, false, fmt.Errorf("%s: cannot tell its format from its name; use --type", newPath)
	case oe == nil:
		return nil, false, fmt.Errorf("%s: cannot tell its format from its name; use --type", oldPath)
	case oe != ne:
		return nil, false, fmt.Errorf("%s is %s but %s is %s: both sides must have the same format", oldPath, oe.Format(), newPath, ne.Format())
	}
	return []checks.Engine{ne}, true, nil
}

func owner(engines []checks.Engine, path string) checks.Engine {
	name := filepath.ToSlash(filepath.Base(path))
	for _, e := range engines {
		if e.Owns(name) {
			return e
		}
	}
	return nil
}

func ownsAny(engines []checks.Engine, files []string) bool {
	return slices.ContainsFunc(files, func(f string) bool { return owner(engines, f) != nil })
}

func isFile(p string) bool {
	st, err := os.Stat(p)
	return err == nil && !st.IsDir()
}

// sides opens the two sides: two directories, or two files that share the new
// file's name so that they pair up.
func sides(oldPath, newPath string) (checks.Side, checks.Side, error) {
	ost, err := os.Stat(oldPath)
	if err != nil {
		return checks.Side{}, checks.Side{}, fmt.Errorf("read %s: %w", oldPath, unwrap(err))
	}
	nst, err := os.Stat(newPath)
	if err != nil {
		return checks.Side{}, checks.Side{}, fmt.Errorf("read %s: %w", newPath, unwrap(err))
	}
	switch {
	case ost.IsDir() && nst.IsDir():
		// Listing a large tree takes a while: list both at once.
		var n checks.Side
		var nerr error
		done := make(chan struct{})
		go func() {
			defer close(done)
			n, nerr = source.Dir(newPath)
		}()
		o, err := source.Dir(oldPath)
		<-done
		if err != nil {
			return o, checks.Side{}, err
		}
		return o, n, nerr
	case !ost.IsDir() && !nst.IsDir():
		name := filepath.Base(newPath)
		o, err := source.File(oldPath, name)
		if err != nil {
			return o, checks.Side{}, err
		}
		n, err := source.File(newPath, name)
		return o, n, err
	}
	return checks.Side{}, checks.Side{}, fmt.Errorf("cannot compare %s with %s: give two files or two directories", oldPath, newPath)
}

func unwrap(err error) error {
	if pe, ok := err.(*os.PathError); ok {
		return pe.Err
	}
	return err
}

// showRealNames rewrites an input error of a two-file comparison so that its
// diagnostics name the files the user gave, not the name they share inside
// the engines.
func showRealNames(err error, req checks.Request, oldPath, newPath string) error {
	var ie *checks.InputError
	if !errors.As(err, &ie) || !isFile(newPath) || len(req.New.Files) != 1 {
		return err
	}
	name := req.New.Files[0]
	if ie.Side == "" {
		// Both sides are broken: each diagnostic names its side.
		out := &checks.InputError{Diagnostics: slices.Clone(ie.Diagnostics)}
		for i, d := range out.Diagnostics {
			switch d.File {
			case req.Old.Label + ": " + name:
				out.Diagnostics[i].File = filepath.ToSlash(oldPath)
			case req.New.Label + ": " + name:
				out.Diagnostics[i].File = filepath.ToSlash(newPath)
			}
		}
		return out
	}
	shown := map[string]string{req.Old.Label: oldPath, req.New.Label: newPath}[ie.Side]
	if shown == "" {
		return err
	}
	out := &checks.InputError{Side: ie.Side, Diagnostics: slices.Clone(ie.Diagnostics)}
	for i, d := range out.Diagnostics {
		if d.File == name {
			out.Diagnostics[i].File = filepath.ToSlash(shown)
		}
	}
	if len(out.Diagnostics) > 0 && out.Diagnostics[0].File == filepath.ToSlash(shown) {
		out.Side = "" // the diagnostics already name the file
	}
	return out
}
