package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/contractlint/contractlint/checks"
	"github.com/contractlint/contractlint/checks/jsonschema"
	"github.com/contractlint/contractlint/checks/registry"
	"github.com/contractlint/contractlint/contract"
	"github.com/contractlint/contractlint/github"
	"github.com/contractlint/contractlint/internal/safefile"
	"github.com/contractlint/contractlint/report"
	"github.com/contractlint/contractlint/source"
)

func checkCommand() *cli.Command {
	flags := reportFlags()
	for _, f := range flags {
		if sf, ok := f.(*cli.StringFlag); ok && sf.Name == "fail-on" {
			sf.Value = "none"
			sf.Usage = "also exit 1 when a change reaches this impact even if the declared version is honest: major, minor, patch or none"
		}
	}
	return &cli.Command{
		Name:  "check",
		Usage: "check every contract against its published version: classify the changes and verify the declared version",
		Description: "Contracts come from contractlint.yaml, found in the working directory or a parent up to the\n" +
			"git root. Published versions are the git tags matching each contract's tag pattern\n" +
			"(default {name}/v{version}), or with baseline: {merge_base: REF} in contractlint.yaml the\n" +
			"merge base of HEAD and REF; the pre-commit hook and the GitHub Action use the same baseline,\n" +
			"and the report names it. --against compares with a branch, tag or commit instead,\n" +
			"--against registry with each contract's subject in the schema registry (its compatibility\n" +
			"level applies unless the contract sets compatibility; see docs/registry.md), and\n" +
			"--against-dir with a directory laid out like the repository.\n\n" +
			"Exit codes: 0 every declared version is honest; 1 a declared version is too low (or a change\n" +
			"reaches --fail-on, or a declared consumer breaks in the compatibility matrix); 2 configuration,\n" +
			"input, git or I/O error.",
		Flags: append(append(append(workspaceFlags(), flags...),
			&cli.StringFlag{Name: "against", Usage: "compare with `REF` (branch, tag, commit, origin/main) instead of the tags, or with the schema registry's versions of each contract's subject (--against registry)"},
			&cli.BoolFlag{Name: "merge-base", Usage: "with --against, compare with the merge base of HEAD and REF"},
			&cli.StringFlag{Name: "against-dir", Usage: "compare with `DIR`, laid out like the configuration's directory (its contractlint.yaml gives the published versions)"},
			&cli.StringSliceFlag{Name: "contract", Usage: "check only the contract `NAME` (repeatable)"},
			asOfFlag(),
		), append(append(githubFlags(), matrixCheckFlags()...), overrideFlags()...)...),
		Action: runCheck,
	}
}

// runCheck builds the check report and then writes it; publishing to other
// destinations hooks in between the two.
func runCheck(c *cli.Context) error {
	out, err := parseOutputs(c)
	if err != nil {
		return err
	}
	rep, checkErr := checkReport(c, out.wantsDiffs() || publishesOnGitHub(c, github.EnvFrom(os.Getenv)))
	if rep == nil {
		return checkErr
	}
	if err := checkMatrix(c, rep); err != nil {
		return err
	}
	return publishThenFinish(c, out, rep, checkErr)
}

// checkReport runs `check` and returns its report. When some contracts could
// not be checked it returns the report and an error.
func checkReport(c *cli.Context, diffs bool) (*report.Report, error) {
	if c.NArg() > 0 {
		return nil, fmt.Errorf("check takes no arguments (got %q); select contracts with --contract", c.Args().First())
	}
	ws, err := openWorkspace(c)
	if err != nil {
		return nil, err
	}
	defer ws.close()
	if c.Bool("merge-base") && c.String("against") == "" {
		return nil, errors.New("--merge-base needs --against REF")
	}
	if c.String("against") != "" && c.String("against-dir") != "" {
		return nil, errors.New("give --against or --against-dir, not both")
	}
	if err := applyOverrides(c, ws.cfg); err != nil {
		return nil, err
	}
	// Configuration problems that need the engines come before any git work.
	if _, err := contract.Prepare(ws.cfg, ws.work, registry.Engines(), c.StringSlice("contract")); err != nil {
		return nil, err
	}
	asOf, err := asOfDate(c)
	if err != nil {
		return nil, err
	}
	baseline, err := ws.baseline(c, c.String("against"), c.Bool("merge-base"), c.String("against-dir"))
	if err != nil {
		return nil, err
	}
	opts := checkOptions(c)
	opts.AsOf, opts.Baseline, opts.Only, opts.Diffs = asOf, baseline, c.StringSlice("contract"), diffs
	rep, err := contract.Check(c.Context, ws.cfg, ws.work, opts)
	if rep != nil {
		rep.Version = versionString()
	}
	return rep, err
}

// checkOptions are the options of every check of contracts: the engines
// and protobuf import completion. `registry push` checks releases with them
// too.
func checkOptions(c *cli.Context) contract.Options {
	return contract.Options{
		Engines:  registry.Engines(),
		Complete: func(req *checks.Request) { completeProto(req, c.App.ErrWriter) },
	}
}

// overrideFlags override, for every contract, what the configuration says
// about how it is compared (the flags diff has).
func overrideFlags() []cli.Flag {
	return []cli.Flag{
		&cli.StringFlag{Name: "mode", Usage: "compatibility mode of every contract, overriding the configuration: backward, forward, full, none or *_transitive"},
		&cli.StringFlag{Name: "policy", Usage: "JSON Schema content-model policy of every JSON Schema contract, overriding the configuration: lenient or strict (Confluent Schema Registry)"},
		&cli.StringFlag{Name: "draft", Usage: "JSON Schema draft of schemas without $schema, overriding the configuration: 04, 06, 07, 2019-09 or 2020-12 (default: detected from each document)"},
		&cli.StringSliceFlag{Name: "allow-remote-ref", Usage: "let JSON Schema $refs under `PREFIX` be fetched (repeatable), added to the configuration's allow_remote_refs; nothing is fetched otherwise"},
	}
}

// applyOverrides applies the override flags to the configuration.
func applyOverrides(c *cli.Context, cfg *contract.Config) error {
	if c.IsSet("mode") {
		mode, err := checks.ParseMode(c.String("mode"))
		if err != nil {
			return fmt.Errorf("--mode: %w", err)
		}
		for _, ct := range cfg.Contracts {
			ct.Mode = mode
		}
	}
	// The JSON Schema engine's flags, checked once, set on every JSON
	// Schema contract.
	var set []string
	for _, name := range jsonschema.Flags {
		if c.IsSet(name) {
			if err := new(jsonschema.Options).SetFlag(name, flagValues(c, name)...); err != nil {
				return err
			}
			set = append(set, name)
		}
	}
	for _, ct := range cfg.Contracts {
		o, ok := ct.Options.(jsonschema.Options)
		if !ok {
			continue
		}
		for _, name := range set {
			if err := o.SetFlag(name, flagValues(c, name)...); err != nil {
				return err
			}
		}
		ct.Options = o
	}
	return nil
}

// flagValues are the values of a flag of the command: those of a
// repeatable flag, else its one value.
func flagValues(c *cli.Context, name string) []string {
	for _, f := range c.Command.Flags {
		if _, ok := f.(*cli.StringSliceFlag); ok && slices.Contains(f.Names(), name) {
			return c.StringSlice(name)
		}
	}
	return []string{c.String(name)}
}

// finishCheck writes the report and maps the outcome to an error: the check
// error first (exit 2), then a dishonest version or --fail-on (exit 1).
func finishCheck(c *cli.Context, out *outputs, rep *report.Report, checkErr error) error {
	werr := out.write(c, rep)
	switch {
	case checkErr != nil:
		return checkErr
	case werr != nil:
		return werr
	}
	for _, rc := range rep.Contracts {
		if contract.Dishonest(rc.Status) {
			return errFindings
		}
		// A registry refuses a change its subject's level forbids, whatever
		// the version says.
		if c.String("against") == againstRegistry && rc.Status == contract.StatusIncompatible {
			return errFindings
		}
	}
	if rep.MatrixBreaks() {
		return errFindings
	}
	return nil
}

// workspaceFlags locate the repository and its configuration.
func workspaceFlags() []cli.Flag {
	return []cli.Flag{
		&cli.StringFlag{Name: "C", Usage: "run as if started in `DIR`: config discovery and input paths (--config, --matrix, ...) are relative to it, --output paths to the current directory"},
		&cli.StringFlag{Name: "config", EnvVars: []string{contract.EnvConfig}, Usage: "the configuration `FILE` (default: contractlint.yaml in the directory or a parent up to the git root)"},
	}
}

// workspace is the configuration and the working tree it describes.
type workspace struct {
	dir    string // -C, or "."
	cfg    *contract.Config
	cfgDir string
	work   *contract.Tree
	git    *source.Git
}

func openWorkspace(c *cli.Context) (*workspace, error) {
	ws := &workspace{dir: c.String("C")}
	if ws.dir == "" {
		ws.dir = "."
	}
	if st, err := os.Stat(ws.dir); err != nil || !st.IsDir() {
		return nil, fmt.Errorf("-C %s: not a directory", ws.dir)
	}
	file := c.String("config")
	if file != "" {
		file = ws.rel(file)
	} else {
		found, err := contract.Find(ws.dir)
		if err != nil {
			return nil, err
		}
		file = displayPath(found)
	}
	// The configuration is in the tree under review: a link leading out of
	// the repository (or to a device) is not followed.
	if _, err := safefile.ReadFile(file, writePolicy(c, c.String("config") != "")); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	cfg, err := contract.Load(c.Context, file)
	if err != nil {
		return nil, err
	}
	ws.cfg = cfg
	ws.cfgDir = filepath.Dir(file)
	side, err := source.Dir(ws.cfgDir)
	if err != nil {
		return nil, err
	}
	ws.work = &contract.Tree{FS: side.FS, Files: side.Files, Label: "working tree"}
	return ws, nil
}

// rel resolves a path given on the command line against -C.
func (ws *workspace) rel(p string) string {
	if filepath.IsAbs(p) || ws.dir == "." {
		return p
	}
	return filepath.Join(ws.dir, p)
}

func (ws *workspace) openGit(c *cli.Context) (*source.Git, string, error) {
	if ws.git == nil {
		g, err := source.OpenGit(c.Context, ws.cfgDir)
		if err != nil {
			return nil, "", err
		}
		ws.git = g
	}
	prefix, err := ws.git.Prefix(c.Context)
	return ws.git, prefix, err
}

// baseline picks the published side: a directory, a ref, or the tags.
func (ws *workspace) baseline(c *cli.Context, against string, mergeBase bool, againstDir string) (contract.Baseline, error) {
	name := filepath.Base(ws.cfg.File)
	if against == againstRegistry {
		if mergeBase {
			return nil, errors.New("--merge-base does not apply to --against registry")
		}
		return ws.registry(c)
	}
	if againstDir != "" {
		return contract.NewDir(ws.rel(againstDir), name)
	}
	g, prefix, err := ws.openGit(c)
	if err != nil {
		if against == "" {
			return nil, fmt.Errorf("%w; published versions are read from git tags: run inside a git repository or compare with --against-dir", err)
		}
		return nil, err
	}
	if against != "" {
		return contract.NewRef(c.Context, g, against, mergeBase, prefix, name)
	}
	if ref := ws.cfg.MergeBase; ref != "" {
		// baseline: {merge_base: REF} in the configuration: the same
		// baseline for the hook, check and the Action.
		b, err := contract.NewRef(c.Context, g, ref, true, prefix, name)
		if err != nil {
			return nil, fmt.Errorf("baseline: merge_base %s (%s): %w", ref, ws.cfg.File, err)
		}
		return b, nil
	}
	return contract.NewTags(c.Context, g, prefix, name)
}

// cfgBase is the configuration's file name.
func (ws *workspace) cfgBase() string { return filepath.Base(ws.cfg.File) }

func (ws *workspace) close() {
	if ws.git != nil {
		ws.git.Close()
	}
}

// displayPath shortens an absolute path to one relative to the working
// directory when that is inside it.
func displayPath(p string) string {
	wd, err := os.Getwd()
	if err != nil {
		return p
	}
	rel, err := filepath.Rel(wd, p)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return p
	}
	return rel
}
