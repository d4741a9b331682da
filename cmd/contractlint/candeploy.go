package main

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/contractlint/contractlint/matrix"
	"github.com/contractlint/contractlint/report"
)

func canIDeployCommand() *cli.Command {
	return &cli.Command{
		Name:  "can-i-deploy",
		Usage: "answer yes, no or unknown: may this service be deployed with these contract versions?",
		Description: "A producer may deploy when every consumer that reads a known version can read what it\n" +
			"emits (a consumer that declared no known version is not required); a consumer may deploy\n" +
			"when it can read every version its producers emit (no producer at all is unknown).\n" +
			"--to-environment checks against the services recorded there (matrix record-deployment).\n\n" +
			"Exit codes: 0 yes (or --dry-run); 1 no or unknown; 2 usage, configuration or I/O error.",
		Flags: append(workspaceFlags(),
			&cli.StringFlag{Name: "producer", Usage: "the producer `SERVICE` to deploy"},
			&cli.StringFlag{Name: "consumer", Usage: "the consumer `SERVICE` to deploy"},
			&cli.StringFlag{Name: "version", Usage: "with --producer: the contract `VERSION` it will emit (its only contract)"},
			&cli.StringSliceFlag{Name: "emits", Usage: "with --producer: `CONTRACT@VERSION` it will emit (repeatable)"},
			&cli.StringSliceFlag{Name: "reads", Usage: "with --consumer: `CONTRACT@VERSION` or CONTRACT@RANGE it will read (repeatable)"},
			&cli.StringFlag{Name: "to-environment", Usage: "check against what is deployed in `ENVIRONMENT`"},
			&cli.StringSliceFlag{Name: "ignore", Usage: "leave the counterpart `SERVICE` out of the answer (repeatable)"},
			&cli.BoolFlag{Name: "dry-run", Usage: "print the answer but always exit 0"},
			&cli.StringFlag{Name: "format", Aliases: []string{"f"}, Value: "text", Usage: "text, markdown or json"},
			&cli.StringFlag{Name: "matrix", Usage: "the matrix `FILE`: its recorded deployments (--to-environment); every cell is recomputed, and a recorded cell that claims better is reported"},
		),
		Action: runCanIDeploy,
	}
}

func runCanIDeploy(c *cli.Context) error {
	switch strings.ToLower(c.String("format")) {
	case "text", "markdown", "md", "json":
	default:
		return fmt.Errorf("--format: unknown format %q (want text, markdown or json)", c.String("format"))
	}
	q := matrix.Query{Environment: c.String("to-environment"), Ignore: c.StringSlice("ignore")}
	if q.Environment != "" {
		if err := flagName("to-environment", q.Environment); err != nil {
			return err
		}
	}
	for _, f := range []string{"producer", "consumer"} {
		if v := c.String(f); v != "" {
			if err := flagName(f, v); err != nil {
				return err
			}
		}
	}
	var specs []string
	switch p, cons := c.String("producer"), c.String("consumer"); {
	case p != "" && cons != "":
		return errors.New("give --producer or --consumer, not both")
	case p != "":
		q.Service, q.Role, specs = p, matrix.Producer, c.StringSlice("emits")
		if len(c.StringSlice("reads")) > 0 {
			return errors.New("--reads goes with --consumer; a producer --emits")
		}
	case cons != "":
		q.Service, q.Role, specs = cons, matrix.Consumer, c.StringSlice("reads")
		if len(c.StringSlice("emits")) > 0 || c.String("version") != "" {
			return errors.New("--emits and --version go with --producer; a consumer --reads CONTRACT@VERSION")
		}
	default:
		return errors.New("can-i-deploy needs --producer SERVICE or --consumer SERVICE")
	}
	for _, s := range specs {
		name, spec, ok := strings.Cut(s, "@")
		if !ok || name == "" || spec == "" {
			return fmt.Errorf("%q: want CONTRACT@VERSION, e.g. orders@2.0.0", s)
		}
		parsed, err := matrix.ParseSpec(spec)
		if err != nil {
			return fmt.Errorf("%q: %w", s, err)
		}
		q.Uses = append(q.Uses, matrix.Use{Contract: name, Spec: parsed})
	}
	env, err := openMatrix(c, true)
	if err != nil {
		return err
	}
	defer env.close()
	if v := c.String("version"); v != "" {
		if err := producerVersion(env.decls, &q, v); err != nil {
			return err
		}
	}
	for _, u := range q.Uses {
		if !slices.Contains(env.contracts(), u.Contract) {
			return fmt.Errorf("%s@%s: no contract named %q in %s", u.Contract, u.Spec, u.Contract, env.ws.cfg.File)
		}
	}
	cache, err := env.readMatrix(false)
	if err != nil {
		return err
	}
	// The committed matrix is part of the tree under review: only its
	// recorded deployments are used, every cell is recomputed.
	in := matrix.CanIDeployInput{Decls: env.decls, Source: env.src}
	if cache != nil {
		in.Deployments = cache.Deployments
	}
	d, err := matrix.CanIDeploy(c.Context, q, in)
	if err != nil {
		return err
	}
	if err := matrix.RenderDecision(c.App.Writer, c.String("format"), d); err != nil {
		return err
	}
	if err := env.warnForged(c, cache, d); err != nil {
		return err
	}
	if d.Answer == matrix.Yes || c.Bool("dry-run") {
		return nil
	}
	return errFindings
}

// producerVersion applies --version: the version of the producer's only
// contract.
func producerVersion(decls *matrix.Declarations, q *matrix.Query, v string) error {
	spec, err := matrix.ParseSpec(v)
	if err != nil {
		return fmt.Errorf("--version: %w", err)
	}
	if _, ok := spec.Exact(); !ok {
		return fmt.Errorf("--version %s: give an exact version", v)
	}
	p, ok := decls.Producer(q.Service)
	if !ok {
		return fmt.Errorf("--producer: %s is not a declared producer (see producers: in contractlint.yaml)", q.Service)
	}
	if len(p.Uses) != 1 {
		var names []string
		for _, u := range p.Uses {
			names = append(names, u.Contract)
		}
		return fmt.Errorf("--version: %s emits %d contracts (%s); say which with --emits CONTRACT@VERSION", q.Service, len(p.Uses), strings.Join(names, ", "))
	}
	q.Uses = append(q.Uses, matrix.Use{Contract: p.Uses[0].Contract, Spec: spec})
	return nil
}

// warnForged names, on stderr, every cell or verdict of the contracts a
// decision involves that the committed matrix records as better than the
// contracts give: a forged or stale record the answer did not trust.
func (env *matrixEnv) warnForged(c *cli.Context, recorded *matrix.Matrix, d *matrix.Decision) error {
	if recorded == nil || recorded.Format < matrix.Format {
		return nil
	}
	full, err := env.evaluate(c, recorded)
	if err != nil {
		return err
	}
	var forged []string
	for _, diff := range matrix.Stale(recorded, full) {
		if _, ok := d.Uses[diff.Contract]; ok && diff.Forged() {
			forged = append(forged, diff.Message)
		}
	}
	if len(forged) == 0 {
		return nil
	}
	fmt.Fprintf(c.App.ErrWriter, "warning: %s records %d %s better than the contracts give; the answer above was recomputed:\n", env.file, len(forged), report.Plural(len(forged), "outcome", "outcomes"))
	for _, f := range forged {
		fmt.Fprintf(c.App.ErrWriter, "  %s\n", report.OneLine(f))
	}
	return nil
}
