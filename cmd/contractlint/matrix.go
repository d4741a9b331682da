package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/contractlint/contractlint/checks/registry"
	"github.com/contractlint/contractlint/contract"
	"github.com/contractlint/contractlint/internal/safefile"
	"github.com/contractlint/contractlint/matrix"
	"github.com/contractlint/contractlint/report"
)

func matrixCommand() *cli.Command {
	fileFlag := matrixFileFlags
	return &cli.Command{
		Name:  "matrix",
		Usage: "the producer/consumer compatibility matrix kept in git (contract-matrix.yaml)",
		Description: "Producers, consumers and environments are declared in contractlint.yaml; published\n" +
			"versions are the git tags of each contract, and the declared version is read from the working\n" +
			"tree. Every (writer, reader) pair a producer and a consumer make live is compared with the\n" +
			"engines. The matrix file is a reviewed record keyed by each version's content: verify,\n" +
			"check and can-i-deploy recompute every cell and never take a verdict from it.",
		Subcommands: []*cli.Command{
			{
				Name:  "update",
				Usage: "recompute the matrix and write it; exit 1 when a consumer breaks",
				Flags: append(fileFlag(),
					&cli.BoolFlag{Name: "force", Usage: "rewrite a corrupt or hand-edited matrix file instead of stopping"},
					&cli.BoolFlag{Name: "strict", Usage: "also exit 1 when a verdict is unknown"},
				),
				Action: runMatrixUpdate,
			},
			{
				Name:   "verify",
				Usage:  "exit 1 when the committed matrix is stale (for CI)",
				Flags:  fileFlag(),
				Action: runMatrixVerify,
			},
			{
				Name:  "show",
				Usage: "render the committed matrix",
				Flags: append(fileFlag(),
					&cli.StringFlag{Name: "format", Aliases: []string{"f"}, Value: "text", Usage: "text, markdown, json or html"},
					outputFlag("matrix"),
				),
				Action: runMatrixShow,
			},
			recordDeploymentCommand(),
		},
	}
}

// recordDeploymentCommand is `matrix record-deployment`.
func recordDeploymentCommand() *cli.Command {
	return &cli.Command{
		Name:  "record-deployment",
		Usage: "record that a version of a service is deployed in an environment",
		Flags: append(matrixFileFlags(),
			&cli.StringFlag{Name: "service", Required: true, Usage: "the deployed `SERVICE`"},
			&cli.StringFlag{Name: "version", Required: true, Usage: "the service's own `VERSION`"},
			&cli.StringFlag{Name: "environment", Required: true, Usage: "the `ENVIRONMENT` it is deployed to"},
		),
		Action: runRecordDeployment,
	}
}

// recordDeploymentAlias makes `contractlint record-deployment`, where
// deploy scripts look for it next to can-i-deploy, the same command as
// `contractlint matrix record-deployment`.
func recordDeploymentAlias() *cli.Command {
	cmd := recordDeploymentCommand()
	cmd.Usage = "same as matrix record-deployment: " + cmd.Usage
	return cmd
}

// matrixFileFlags locate the configuration and the matrix file.
func matrixFileFlags() []cli.Flag {
	return append(workspaceFlags(), &cli.StringFlag{Name: "matrix", Usage: "the matrix `FILE` (default: matrix.file in contractlint.yaml, else contract-matrix.yaml next to it)"})
}

// matrixEnv is a workspace with its declarations, matrix file and source.
type matrixEnv struct {
	ws    *workspace
	decls *matrix.Declarations
	file  string
	src   *matrix.Repo
	// policy is where the matrix file may be read and written: the
	// repository; outside it only when --matrix names such a path.
	policy safefile.Policy
}

// openMatrix loads the configuration and its declarations; with source it
// also opens git for the published versions.
func openMatrix(c *cli.Context, source bool) (*matrixEnv, error) {
	if c.NArg() > 0 {
		return nil, fmt.Errorf("%s takes no arguments (got %q)", c.Command.FullName(), c.Args().First())
	}
	ws, err := openWorkspace(c)
	if err != nil {
		return nil, err
	}
	env := &matrixEnv{ws: ws}
	if env.decls, err = matrix.DecodeConfig(ws.cfg); err != nil {
		ws.close()
		return nil, err
	}
	env.policy = writePolicy(c, c.String("matrix") != "")
	switch {
	case c.String("matrix") != "":
		env.file = ws.rel(c.String("matrix"))
	case env.decls.File != "":
		env.file = filepath.Join(ws.cfgDir, filepath.FromSlash(env.decls.File))
	default:
		env.file = filepath.Join(ws.cfgDir, matrix.DefaultFile)
	}
	if source {
		if err := env.openSource(c); err != nil {
			ws.close()
			return nil, err
		}
	}
	return env, nil
}

// openSource opens git for the published versions.
func (env *matrixEnv) openSource(c *cli.Context) error {
	g, prefix, err := env.ws.openGit(c)
	if err != nil {
		return fmt.Errorf("%w; published versions are read from git tags: run inside a git repository", err)
	}
	tags, err := matrix.NewGitTags(c.Context, g, prefix, filepath.Base(env.ws.cfg.File))
	if err != nil {
		return err
	}
	env.src = matrix.NewRepo(env.ws.cfg, env.ws.work, tags, registry.Engines())
	return nil
}

// matrixCheckFlags are check's flags for the matrix.
func matrixCheckFlags() []cli.Flag {
	return []cli.Flag{
		&cli.BoolFlag{Name: "update-matrix", Usage: "also write the compatibility matrix, as \"contractlint matrix update\" does"},
		&cli.StringFlag{Name: "matrix", Usage: "the matrix `FILE` (default: matrix.file in contractlint.yaml, else contract-matrix.yaml next to it)"},
	}
}

// checkMatrix adds the matrix delta to check's report when producers or
// consumers are declared, and writes the matrix with --update-matrix.
func checkMatrix(c *cli.Context, rep *report.Report) error {
	env, err := openMatrix(c, false)
	if err != nil {
		return err
	}
	defer env.close()
	if !env.decls.Declared() {
		if c.Bool("update-matrix") {
			return fmt.Errorf("--update-matrix: no producers or consumers are declared in %s", env.ws.cfg.File)
		}
		return nil
	}
	rep.Matrix = &report.MatrixDelta{File: env.file, Verdicts: []report.MatrixVerdict{}}
	if err := env.openSource(c); err != nil {
		// Unknown is never compatible: consumers are declared, so a
		// matrix that cannot be evaluated must fail the gate, not pass it.
		return fmt.Errorf("the compatibility matrix cannot be evaluated, so the declared producers and consumers cannot be judged: %w", err)
	}
	prev, err := env.readMatrix(false)
	if err != nil {
		return err
	}
	m, err := env.evaluate(c, prev)
	if err != nil {
		return err
	}
	rep.Matrix.Verdicts = matrix.Delta(prev, m)
	if c.Bool("update-matrix") {
		if err := matrix.WriteFile(c.Context, env.file, m, env.policy); err != nil {
			return err
		}
		rep.Matrix.Updated = true
	}
	return nil
}

func (env *matrixEnv) close() { env.ws.close() }

// contracts lists every configured contract.
func (env *matrixEnv) contracts() []string {
	var out []string
	for _, c := range env.ws.cfg.Contracts {
		out = append(out, c.Name)
	}
	return out
}

// evaluate computes the matrix from the contracts, keeping prev's
// deployments. prev is the committed file, part of the tree under review:
// none of its cells is reused.
func (env *matrixEnv) evaluate(c *cli.Context, prev *matrix.Matrix) (*matrix.Matrix, error) {
	var deps []matrix.Deployment
	if prev != nil {
		deps = prev.Deployments
	}
	return matrix.Evaluate(c.Context, matrix.Input{Decls: env.decls, Deployments: deps, Contracts: env.contracts(), Source: env.src})
}

// staleness lists, in words, how the committed matrix differs from the
// computed one, with the command that fixes it; nil when it does not.
func (env *matrixEnv) staleness(prev, m *matrix.Matrix) []string {
	if prev == nil {
		return nil
	}
	if prev.Format < matrix.Format {
		return []string{fmt.Sprintf("%s is in format %d, which keyed published versions by tag commit: run `contractlint matrix update` once and commit it (format %d keys them by content, so tagging no longer makes it stale)", env.file, prev.Format, matrix.Format)}
	}
	var out []string
	for _, d := range matrix.Stale(prev, m) {
		msg := d.Message
		if d.Forged() {
			msg += " — the committed file claims a better outcome than the contracts give"
		}
		out = append(out, msg)
	}
	return out
}

// readMatrix reads the matrix file; a corrupt or hand-edited file stops the
// command unless force.
func (env *matrixEnv) readMatrix(force bool) (*matrix.Matrix, error) {
	prev, err := matrix.ReadFile(env.file, env.policy)
	var fe *matrix.FileError
	if err != nil && force && errors.As(err, &fe) {
		return nil, nil
	}
	return prev, err
}

func runMatrixUpdate(c *cli.Context) error {
	env, err := openMatrix(c, true)
	if err != nil {
		return err
	}
	defer env.close()
	prev, err := env.readMatrix(c.Bool("force"))
	if err != nil {
		return err
	}
	m, err := env.evaluate(c, prev)
	if err != nil {
		return err
	}
	if err := matrix.WriteFile(c.Context, env.file, m, env.policy); err != nil {
		return err
	}
	w := c.App.Writer
	st := m.Stats
	fmt.Fprintf(w, "wrote %s: %d %s (%d compared, %d needed no comparison: same content or unknown version)\n", env.file,
		st.Cells, report.Plural(st.Cells, "cell", "cells"), st.Compared, st.Trivial)
	if err := matrix.Render(w, "text", m); err != nil {
		return err
	}
	if err := env.unreadable(c); err != nil {
		return err
	}
	s := m.Summarize()
	if s.Incompatible > 0 || (c.Bool("strict") && s.Unknown > 0) {
		return errFindings
	}
	return nil
}

// unreadable reads every contract of the working tree and returns, as one
// error, those that cannot be read: their cells are unknown, and the
// command reports the others and exits 2.
func (env *matrixEnv) unreadable(c *cli.Context) error {
	_, err := contract.Check(c.Context, env.ws.cfg, env.ws.work, contract.Options{Engines: registry.Engines()})
	return err
}

func runMatrixVerify(c *cli.Context) error {
	env, err := openMatrix(c, true)
	if err != nil {
		return err
	}
	defer env.close()
	prev, err := env.readMatrix(false)
	if err != nil {
		return err
	}
	if prev == nil {
		fmt.Fprintf(c.App.Writer, "%s does not exist: run `contractlint matrix update` and commit it\n", env.file)
		return errFindings
	}
	m, err := env.evaluate(c, prev)
	if err != nil {
		return err
	}
	stale := env.staleness(prev, m)
	if len(stale) == 0 && !bytes.Equal(matrix.Marshal(prev), matrix.Marshal(m)) {
		stale = []string{"its layout differs from what contractlint writes"}
	}
	unreadable := env.unreadable(c)
	if len(stale) == 0 {
		fmt.Fprintf(c.App.Writer, "%s is up to date: every cell recomputed from the contracts agrees with it\n", env.file)
		return unreadable
	}
	fmt.Fprintf(c.App.Writer, "%s differs from the contracts in %d %s:\n", env.file, len(stale), report.Plural(len(stale), "place", "places"))
	for _, l := range stale {
		fmt.Fprintf(c.App.Writer, "  %s\n", report.OneLine(l))
	}
	fmt.Fprintf(c.App.Writer, "run `contractlint matrix update` and commit %s\n", env.file)
	if unreadable != nil {
		return unreadable
	}
	return errFindings
}

func runMatrixShow(c *cli.Context) error {
	if err := matrix.CheckFormat(c.String("format")); err != nil {
		return fmt.Errorf("--format: %w", err)
	}
	files, toStdout, err := parseOutputSpecs(c.StringSlice("output"), c.String("format"), matrix.CheckFormat)
	if err != nil {
		return err
	}
	env, err := openMatrix(c, false)
	if err != nil {
		return err
	}
	defer env.close()
	m, err := env.readMatrix(false)
	if err != nil {
		return err
	}
	if m == nil {
		return fmt.Errorf("%s does not exist: run `contractlint matrix update`", env.file)
	}
	return writeOutputs(c, files, toStdout, c.String("format"), func(w io.Writer, format string) error {
		return matrix.Render(w, format, m)
	})
}

// flagName checks a name given on the command line (a service, an
// environment): the same characters as names declared in contractlint.yaml,
// so that nothing written to the matrix file or an annotation can carry a
// newline or a workflow command.
func flagName(flag, v string) error {
	if !validName.MatchString(v) {
		return fmt.Errorf("--%s %q: not a valid name (letters, digits, '.', '_', '/' and '-', starting with a letter or digit)", flag, v)
	}
	return nil
}

var validName = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._/-]*$`)

func runRecordDeployment(c *cli.Context) error {
	for _, f := range []string{"service", "environment"} {
		if err := flagName(f, c.String(f)); err != nil {
			return err
		}
	}
	if v := c.String("version"); v == "" || strings.IndexFunc(v, func(r rune) bool { return r <= ' ' || r == 0x7f }) >= 0 {
		return fmt.Errorf("--version %q: not a version (no spaces or control characters)", v)
	}
	env, err := openMatrix(c, true)
	if err != nil {
		return err
	}
	defer env.close()
	service, envName := c.String("service"), c.String("environment")
	if len(env.decls.Environments) > 0 && !env.decls.Environment(envName) {
		return fmt.Errorf("--environment: %q is not declared under environments: in %s", envName, env.ws.cfg.File)
	}
	d := matrix.Deployment{Environment: envName, Service: service, Version: c.String("version")}
	if strings.ContainsAny(d.Version, " \t\n") || d.Version == "" {
		return fmt.Errorf("--version: %q is not a version", d.Version)
	}
	if p, ok := env.decls.Producer(service); ok {
		d.Emits = p.Uses
	}
	if cons, ok := env.decls.Consumer(service); ok {
		d.Reads = cons.Uses
	}
	if len(d.Emits) == 0 && len(d.Reads) == 0 {
		return fmt.Errorf("--service: %s is neither a producer nor a consumer in %s", service, env.ws.cfg.File)
	}
	prev, err := env.readMatrix(false)
	if err != nil {
		return err
	}
	if prev == nil {
		prev = &matrix.Matrix{}
	}
	prev.Deployments = matrix.Record(prev.Deployments, d)
	m, err := env.evaluate(c, prev)
	if err != nil {
		return err
	}
	if err := matrix.WriteFile(c.Context, env.file, m, env.policy); err != nil {
		return err
	}
	fmt.Fprintf(c.App.Writer, "recorded %s %s in %s (%s)\n", service, d.Version, envName, env.file)
	return nil
}
