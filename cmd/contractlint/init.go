package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/urfave/cli/v2"

	"github.com/contractlint/contractlint/contract"
	"github.com/contractlint/contractlint/report"
	"github.com/contractlint/contractlint/source"
)

func initCommand() *cli.Command {
	return &cli.Command{
		Name:  "init",
		Usage: "write contractlint.yaml from the contracts found in the directory",
		Description: "Finds .proto packages (one contract per directory), .avsc files and JSON Schemas\n" +
			"(JSON or YAML files with $schema, or $id and type/properties) below the directory,\n" +
			"names each contract, takes its version from the latest tag NAME/vVERSION when there is one,\n" +
			"and writes a contractlint.yaml that editors validate through its yaml-language-server comment.",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "C", Usage: "run as if started in `DIR`"},
			&cli.BoolFlag{Name: "force", Usage: "overwrite an existing contractlint.yaml"},
			&cli.BoolFlag{Name: "stdout", Usage: "print the configuration instead of writing it"},
		},
		Action: runInit,
	}
}

func runInit(c *cli.Context) error {
	if c.NArg() > 0 {
		return fmt.Errorf("init takes no arguments (got %q); use -C DIR", c.Args().First())
	}
	dir := c.String("C")
	if dir == "" {
		dir = "."
	}
	target := filepath.Join(dir, contract.FileName)
	if !c.Bool("force") && !c.Bool("stdout") {
		if _, err := os.Stat(target); err == nil {
			return fmt.Errorf("%s already exists; use --force to overwrite it or --stdout to print a new one", target)
		}
	}
	side, err := source.Dir(dir)
	if err != nil {
		return err
	}
	tree := &contract.Tree{FS: side.FS, Files: side.Files, Label: dir}
	found := contract.Discover(tree)
	if len(found) == 0 {
		return fmt.Errorf("no contracts found in %s: no .proto, .avsc or JSON Schema files", dir)
	}
	if err := publishedVersions(c, dir, found); err != nil {
		return err
	}
	data := contract.Render(found)
	// What init writes must load: check it like any configuration.
	if _, err := contract.Parse(target, data); err != nil {
		return fmt.Errorf("internal error: generated configuration is invalid: %w", err)
	}
	if c.Bool("stdout") {
		_, err := c.App.Writer.Write(data)
		return err
	}
	if err := writeFileAtomic(c, target, data); err != nil {
		return err
	}
	fmt.Fprintf(c.App.Writer, "wrote %s with %d %s; review the versions and run `contractlint check`\n", target, len(found), report.Plural(len(found), "contract", "contracts"))
	return nil
}

// publishedVersions fills in each contract's latest tagged version when dir
// is in a git repository.
func publishedVersions(c *cli.Context, dir string, found []contract.Discovered) error {
	g, err := source.OpenGit(c.Context, dir)
	if err != nil {
		return nil // not a repository: nothing is published
	}
	defer g.Close()
	prefix, err := g.Prefix(c.Context)
	if err != nil {
		return err
	}
	tags, err := contract.NewTags(c.Context, g, prefix, contract.FileName)
	if err != nil {
		if errors.Is(err, c.Context.Err()) {
			return err
		}
		return nil // a shallow clone without tags: versions start at 1.0.0
	}
	for i, d := range found {
		vs, _ := tags.Versions(&contract.Contract{Name: d.Name, Tag: contract.DefaultTag})
		if len(vs) > 0 {
			found[i].Version = &vs[len(vs)-1]
		}
	}
	return nil
}
