package main

import (
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/contractlint/contractlint/checks/ignores"
	"github.com/contractlint/contractlint/checks/registry"
	"github.com/contractlint/contractlint/contract"
	"github.com/contractlint/contractlint/deprecation"
)

// ignoresFormats are the formats of `contractlint ignores`.
var ignoresFormats = []string{"text", "markdown", "json"}

func ignoresCommand() *cli.Command {
	return &cli.Command{
		Name:  "ignores",
		Usage: "list every ignore (contractlint.yaml and inline) with its owner, ticket and expiry, expired first",
		Description: "An ignore may carry expires: YYYY-MM-DD, owner and ticket. On and after its expiry date it no\n" +
			"longer applies and `check` fails with IGNORE_EXPIRED; within 14 days of it, `check` warns.\n\n" +
			"Exit codes: 0 the list was written; 1 with --fail-expired, an ignore has expired; 2\n" +
			"configuration, input or I/O error.",
		Flags: append(workspaceFlags(),
			asOfFlag(),
			&cli.StringFlag{Name: "format", Aliases: []string{"f"}, Value: "text", Usage: "text, markdown or json (schemas/ignores.schema.json)"},
			&cli.StringSliceFlag{Name: "contract", Usage: "only the contract `NAME` (repeatable)"},
			outputFlag("list"),
			&cli.BoolFlag{Name: "fail-expired", Usage: "exit 1 when an ignore has expired (after writing the list)"},
		),
		Action: runIgnores,
	}
}

func runIgnores(c *cli.Context) error {
	if c.NArg() > 0 {
		return fmt.Errorf("ignores takes no arguments (got %q); select contracts with --contract", c.Args().First())
	}
	known := func(f string) error {
		if !slices.Contains(ignoresFormats, f) && f != "md" {
			return fmt.Errorf("unknown format %q (want %s)", f, strings.Join(ignoresFormats, ", "))
		}
		return nil
	}
	format := c.String("format")
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
	list, err := contract.ListIgnores(ws.cfg, ws.work, registry.Engines(), c.StringSlice("contract"), asOf)
	if err != nil {
		return err
	}
	err = writeOutputs(c, files, toStdout, format, func(w io.Writer, format string) error {
		return renderIgnores(w, format, asOf, list)
	})
	if err == nil && c.Bool("fail-expired") && slices.ContainsFunc(list, func(e contract.IgnoreEntry) bool { return e.State == ignores.Lapsed }) {
		return errFindings
	}
	return err
}

func renderIgnores(w io.Writer, format, asOf string, list []contract.IgnoreEntry) error {
	if list == nil {
		list = []contract.IgnoreEntry{}
	}
	switch format {
	case "json":
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		return enc.Encode(struct {
			AsOf    string                 `json:"as_of"`
			Ignores []contract.IgnoreEntry `json:"ignores"`
		}{asOf, list})
	case "markdown", "md":
		fmt.Fprintf(w, "## Ignores as of %s\n\n%s\n", asOf, deprecation.IgnoresHeadline(list))
		if len(list) > 0 {
			fmt.Fprintln(w)
			deprecation.IgnoresMarkdown(w, list)
		}
		return nil
	}
	if _, err := fmt.Fprintf(w, "%s as of %s\n", deprecation.IgnoresHeadline(list), asOf); err != nil {
		return err
	}
	if len(list) == 0 {
		return nil
	}
	fmt.Fprintln(w)
	return deprecation.IgnoresText(w, list)
}
