package main

import (
	"fmt"
	"os"

	"github.com/urfave/cli/v2"

	"github.com/contractlint/contractlint/checks"
	"github.com/contractlint/contractlint/checks/registry"
	"github.com/contractlint/contractlint/contract"
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
	if g, prefix, err := ws.openGit(c); err == nil {
		// Without tags, registry versions are not mapped to releases (unless
		// a metadata property says); the comparison itself still holds.
		if src.Tags, err = contract.NewTags(c.Context, g, prefix, ws.cfgBase()); err != nil {
			fmt.Fprintf(c.App.ErrWriter, "contractlint: warning: %v; registry versions are not mapped to releases\n", err)
		}
	}
	return src, nil
}
