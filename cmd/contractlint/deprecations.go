package main

import (
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/contractlint/contractlint/checks"
	"github.com/contractlint/contractlint/checks/registry"
	"github.com/contractlint/contractlint/contract"
	"github.com/contractlint/contractlint/deprecation"
	"github.com/contractlint/contractlint/matrix"
)

func deprecationsCommand() *cli.Command {
	return &cli.Command{
		Name:  "deprecations",
		Usage: "list every deprecated element, its sunset, and the consumers still reading it",
		Description: "Reads the deprecation markers of the working tree's contracts (see the README), finds from\n" +
			"the published tags when each was first deprecated, and names the consumers declared in\n" +
			"contractlint.yaml whose range still admits a version that carries it. Most urgent first.\n\n" +
			"Exit codes: 0 the report was written; 1 with --fail-overdue, an element or version line is\n" +
			"past its sunset; 2 configuration, input, git or I/O error.",
		Flags: append(workspaceFlags(),
			asOfFlag(),
			&cli.StringFlag{Name: "format", Aliases: []string{"f"}, Value: "text", Usage: "text, markdown, json, csv or html"},
			&cli.StringSliceFlag{Name: "contract", Usage: "only the contract `NAME` (repeatable)"},
			outputFlag("report"),
			&cli.BoolFlag{Name: "fail-overdue", Usage: "exit 1 when anything is past its sunset (after writing the report)"},
		),
		Action: runDeprecations,
	}
}

func runDeprecations(c *cli.Context) error {
	if c.NArg() > 0 {
		return fmt.Errorf("deprecations takes no arguments (got %q); select contracts with --contract", c.Args().First())
	}
	format := c.String("format")
	known := func(f string) error {
		if !slices.Contains(deprecation.Formats, f) && f != "md" {
			return fmt.Errorf("unknown format %q (want %s)", f, strings.Join(deprecation.Formats, ", "))
		}
		return nil
	}
	if err := known(format); err != nil {
		return fmt.Errorf("--format: %w", err)
	}
	files, toStdout, err := parseOutputSpecs(c.StringSlice("output"), format, known)
	if err != nil {
		return err
	}
	asOf, err := asOfDate(c)
	if err != nil {
		return err
	}
	ws, err := openWorkspace(c)
	if err != nil {
		return err
	}
	defer ws.close()
	only := c.StringSlice("contract")
	if _, err := contract.Prepare(ws.cfg, ws.work, registry.Engines(), only); err != nil {
		return err
	}
	decls, err := matrix.DecodeConfig(ws.cfg)
	if err != nil {
		return err
	}
	g, prefix, err := ws.openGit(c)
	if err != nil {
		return fmt.Errorf("%w; deprecation history is read from git tags: run inside a git repository", err)
	}
	tags, err := contract.NewTags(c.Context, g, prefix, filepath.Base(ws.cfg.File))
	if err != nil {
		return err
	}
	var inputs []deprecation.Contract
	for _, ct := range ws.cfg.Contracts {
		if len(only) > 0 && !slices.Contains(only, ct.Name) {
			continue
		}
		e, err := registry.Engine(ct.Format)
		if err != nil {
			return err
		}
		lister, ok := e.(checks.ElementLister)
		if !ok {
			continue
		}
		files, _ := ws.work.ContractFiles(ct, e.Owns)
		// Every version is read with the contract's own options, as check
		// reads it (its import roots, its $ref directories).
		req := checks.Request{Options: []checks.EngineOptions{ws.cfg.EngineOptions(ct)}}
		completeProto(&req, c.App.ErrWriter)
		in := deprecation.Contract{Name: ct.Name, Owner: ct.Owner, Format: ct.Format, Version: ct.Version.String(), Lister: lister,
			Options: checks.OptionsFor(req.Options, ct.Format),
			Current: checks.Side{FS: ws.work.FS, Files: files, Label: ws.work.Label}, Lines: ct.Lifecycle}
		releases, err := tags.Releases(c.Context, ct, e.Owns)
		if err != nil {
			// Reported as this contract's error; the others are listed.
			in.Err = err
		}
		for _, r := range releases {
			in.Releases = append(in.Releases, deprecation.Release{Version: r.Version.String(), Date: r.Date,
				Side: checks.Side{FS: r.Tree.FS, Files: r.Files, Label: r.Label}})
		}
		for _, s := range decls.Consumers {
			if spec, ok := s.Spec(ct.Name); ok {
				in.Consumers = append(in.Consumers, deprecation.Consumer{Name: s.Name, Spec: spec})
			}
		}
		inputs = append(inputs, in)
	}
	rep, err := deprecation.Build(c.Context, asOf, inputs)
	if err != nil {
		return err
	}
	if rep.Ignores, err = contract.ListIgnores(ws.cfg, ws.work, registry.Engines(), only, asOf); err != nil {
		return err
	}
	if rep.Ignores == nil {
		rep.Ignores = []contract.IgnoreEntry{}
	}
	err = writeOutputs(c, files, toStdout, format, func(w io.Writer, format string) error {
		return deprecation.Render(w, rep, format)
	})
	switch {
	case err != nil:
		return err
	case rep.Err() != nil:
		return rep.Err()
	case c.Bool("fail-overdue") && rep.Totals.Overdue > 0:
		return errFindings
	}
	return nil
}
