package main

import (
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/contractlint/contractlint/checks"
	"github.com/contractlint/contractlint/checks/registry"
	"github.com/contractlint/contractlint/contract"
	"github.com/contractlint/contractlint/internal/limits"
	"github.com/contractlint/contractlint/schemaregistry"
)

// againstRegistry is the --against value that compares with the schema
// registry instead of a git revision (a branch named so is
// refs/heads/registry).
const againstRegistry = "registry"

// registry returns the schema registry seen from the workspace: the
// configured client, the working tree's layout and, inside git, the tags
// that map registry versions to releases.
func (ws *workspace) registry(c *cli.Context) (*schemaregistry.Source, error) {
	opts, err := schemaregistry.OptionsFrom(ws.cfg, os.Getenv)
	if err != nil {
		return nil, err
	}
	opts.Notify = func(msg string) { fmt.Fprintln(c.App.ErrWriter, "contractlint: "+msg) }
	// A registry answer is an input like a file: the file-size limit caps it.
	lim, err := limits.FromEnv(os.Getenv)
	if err != nil {
		return nil, err
	}
	if lim.MaxFileSize > 0 {
		opts.MaxResponse = lim.MaxFileSize
	}
	client, err := schemaregistry.New(opts)
	if err != nil {
		return nil, err
	}
	src := &schemaregistry.Source{
		Fetch: &schemaregistry.Fetcher{Client: client},
		Work:  ws.work,
		Owns: func(f checks.Format) func(string) bool {
			e, err := registry.Engine(f)
			if err != nil {
				return func(string) bool { return false }
			}
			return e.Owns
		},
	}
	src.Note = func(msg string) { fmt.Fprintln(c.App.ErrWriter, "contractlint: "+msg) }
	if ws.cfg.Registry != nil {
		src.VersionProperty = ws.cfg.Registry.VersionProperty
	}
	// Without tags, registry versions are not mapped to releases (unless a
	// metadata property says); a check still compares, status and push
	// fail with the reason.
	g, prefix, err := ws.openGit(c)
	if err == nil {
		src.Tags, err = contract.NewTags(c.Context, g, prefix, ws.cfgBase())
	}
	if err != nil {
		src.TagsErr = err
		if c.Command.Name == "check" {
			fmt.Fprintf(c.App.ErrWriter, "contractlint: warning: %v; registry versions are not mapped to releases\n", err)
		}
	}
	return src, nil
}

func registryCommand() *cli.Command {
	common := func(extra ...cli.Flag) []cli.Flag {
		return append(append(workspaceFlags(),
			&cli.StringSliceFlag{Name: "contract", Usage: "only the contract `NAME` (repeatable)"},
			&cli.StringFlag{Name: "format", Aliases: []string{"f"}, Value: "text", Usage: "text, markdown or json"},
		), extra...)
	}
	return &cli.Command{
		Name:  "registry",
		Usage: "compare the git tags with a schema registry, and register released versions",
		Description: "The registry is configured in contractlint.yaml (registry: url, auth) or with\n" +
			"CONTRACTLINT_REGISTRY_URL; each contract's subject is registry.subject (default NAME-value).\n" +
			"See docs/registry.md.",
		Subcommands: []*cli.Command{
			{
				Name:  "status",
				Usage: "per contract: releases registered (same content), tagged but not registered, registered but not tagged, content differs",
				Description: "Registry versions are matched with the tagged releases by normalised content, or by the\n" +
					"metadata property registry.version_property names when a version has it.\n\n" +
					"Exit codes: 0 (or 1 with --fail-on-drift when git and the registry disagree); 2 configuration,\n" +
					"git, network or registry error.",
				Flags:  common(&cli.BoolFlag{Name: "fail-on-drift", Usage: "exit 1 when git tags and the registry disagree"}),
				Action: runRegistryStatus,
			},
			{
				Name:  "push",
				Usage: "register the released versions not registered yet, when contractlint and the registry both allow the change",
				Description: "For each contract, the tagged releases newer than the latest registered one are registered\n" +
					"in order. Each is checked first by contractlint (against the registered versions, under the\n" +
					"subject's level unless the contract sets compatibility) and by the registry (its verbose\n" +
					"compatibility test); both verdicts are shown, and it is registered only when both allow it.\n" +
					"References are registered first under their subjects (registry.references, default: the\n" +
					"reference name). Pushing twice registers nothing new.\n\n" +
					"Exit codes: 0 done (or --dry-run); 1 a release is blocked; 2 configuration, git, network or\n" +
					"registry error.",
				Flags:  common(&cli.BoolFlag{Name: "dry-run", Usage: "print the plan and the verdicts, register nothing, exit 0"}),
				Action: runRegistryPush,
			},
		},
	}
}

// registryContracts opens the workspace and the registry, and selects the
// contracts.
func registryContracts(c *cli.Context) (*workspace, *schemaregistry.Source, []*contract.Contract, error) {
	if c.NArg() > 0 {
		return nil, nil, nil, fmt.Errorf("%s takes no arguments (got %q); select contracts with --contract", c.Command.Name, c.Args().First())
	}
	switch strings.ToLower(c.String("format")) {
	case "text", "markdown", "md", "json":
	default:
		return nil, nil, nil, fmt.Errorf("--format: unknown format %q (want text, markdown or json)", c.String("format"))
	}
	ws, err := openWorkspace(c)
	if err != nil {
		return nil, nil, nil, err
	}
	// Configuration problems (unknown rules, paths matching nothing) first.
	if _, err := contract.Prepare(ws.cfg, ws.work, registry.Engines(), c.StringSlice("contract")); err != nil {
		ws.close()
		return nil, nil, nil, err
	}
	src, err := ws.registry(c)
	if err != nil {
		ws.close()
		return nil, nil, nil, err
	}
	var out []*contract.Contract
	for _, ct := range ws.cfg.Contracts {
		if only := c.StringSlice("contract"); len(only) == 0 || slices.Contains(only, ct.Name) {
			out = append(out, ct)
		}
	}
	return ws, src, out, nil
}

type registryReport interface {
	WriteText(io.Writer) error
	WriteJSON(io.Writer) error
	WriteMarkdown(io.Writer) error
}

func writeRegistryReport(c *cli.Context, r registryReport) error {
	switch strings.ToLower(c.String("format")) {
	case "json":
		return r.WriteJSON(c.App.Writer)
	case "markdown", "md":
		return r.WriteMarkdown(c.App.Writer)
	}
	return r.WriteText(c.App.Writer)
}

func runRegistryStatus(c *cli.Context) error {
	ws, src, contracts, err := registryContracts(c)
	if err != nil {
		return err
	}
	defer ws.close()
	rep, statusErr := src.Status(c.Context, contracts)
	if err := writeRegistryReport(c, rep); err != nil {
		return err
	}
	switch {
	case statusErr != nil:
		return statusErr
	case rep.Drift && c.Bool("fail-on-drift"):
		return errDrift
	}
	return nil
}

func runRegistryPush(c *cli.Context) error {
	ws, src, contracts, err := registryContracts(c)
	if err != nil {
		return err
	}
	defer ws.close()
	rep, pushErr := src.Push(c.Context, contracts, schemaregistry.PushOptions{
		DryRun:     c.Bool("dry-run"),
		Check:      checkOptions(c),
		ConfigFile: ws.cfg.File,
	})
	if err := writeRegistryReport(c, rep); err != nil {
		return err
	}
	switch {
	case pushErr != nil:
		return pushErr
	case rep.Blocked && !rep.DryRun:
		return errBlocked
	}
	return nil
}

var (
	errDrift   = fmt.Errorf("git tags and the schema registry disagree: %w", errFindings)
	errBlocked = fmt.Errorf("a release was not registered: %w", errFindings)
)
