package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/contractlint/contractlint/checks"
	"github.com/contractlint/contractlint/github"
	"github.com/contractlint/contractlint/internal/limits"
	"github.com/contractlint/contractlint/report"
)

// githubFlags are check's flags for publishing on GitHub.
func githubFlags() []cli.Flag {
	return []cli.Flag{
		&cli.BoolFlag{Name: "github", DefaultText: "on inside GitHub Actions", Usage: "publish on GitHub: annotations, job summary, step outputs and, on a pull request, the sticky comment"},
		&cli.BoolFlag{Name: "github-comment", Value: true, Usage: "post or edit the sticky pull request comment"},
		&cli.StringFlag{Name: "comment-id", Usage: "keep one sticky comment per `ID`, for several jobs on one pull request"},
		&cli.BoolFlag{Name: "github-check", Usage: "also create a check run with one annotation per finding (needs checks: write)"},
		&cli.BoolFlag{Name: "github-required", Usage: "exit 2 when publishing on GitHub fails, instead of warning"},
	}
}

// publishThenFinish publishes the check report on GitHub when asked (or
// inside GitHub Actions), then writes it everywhere else. Publishing trouble
// is a warning and leaves the exit code to the findings, unless
// --github-required makes it exit 2; either way the report is written.
func publishThenFinish(c *cli.Context, out *outputs, rep *report.Report, checkErr error) error {
	pubErr := publishGitHub(c, out, rep)
	err := finishCheck(c, out, rep, checkErr)
	if pubErr != nil && (err == nil || errors.Is(err, errFindings)) {
		return pubErr
	}
	return err
}

// publishGitHub does the GitHub part of `check`: repository-relative paths
// for SARIF files, and inside GitHub Actions (or with --github) annotations,
// the job summary, step outputs, and on a pull request the sticky comment
// and check run.
func publishGitHub(c *cli.Context, out *outputs, rep *report.Report) error {
	env := github.EnvFrom(os.Getenv)
	on := publishesOnGitHub(c, env)
	var sarifs []int
	for i, f := range out.files {
		if _, ok := f.renderer.(report.SARIF); ok {
			sarifs = append(sarifs, i)
		}
	}
	_, sarifOut := out.stdout.(report.SARIF)
	if !on && len(sarifs) == 0 && !sarifOut {
		return nil
	}
	marker := ""
	if on && c.Bool("github-comment") {
		// A bad comment ID is a usage error, whatever else happens.
		m, err := github.Marker(c.String("comment-id"))
		if err != nil {
			return fmt.Errorf("--comment-id: %w", err)
		}
		marker = m
	}
	prefix := repoPrefix(c, env)
	for _, i := range sarifs {
		s := out.files[i].renderer.(report.SARIF)
		s.Prefix = prefix
		out.files[i].renderer = s
	}
	if s, ok := out.stdout.(report.SARIF); ok {
		s.Prefix = prefix
		out.stdout = s
	}
	if !on {
		return nil
	}
	// What GitHub shows is located relative to the repository root.
	pub := *rep
	pub.Findings = make([]checks.Finding, len(rep.Findings))
	for i, f := range rep.Findings {
		if f.File != "" {
			f.File = prefix + f.File
		}
		pub.Findings[i] = f
	}
	pub.Diffs = make([]report.FileDiff, len(rep.Diffs))
	for i, d := range rep.Diffs {
		d.File = prefix + d.File
		pub.Diffs[i] = d
	}
	pub.FailOn = out.failOn

	stderr := c.App.ErrWriter
	var problems []error
	// Annotations go to stdout with the report, or to stderr when stdout
	// is machine-readable; the runner reads workflow commands on both.
	w := c.App.Writer
	switch out.stdout.(type) {
	case report.JSON, report.SARIF:
		w = stderr
	}
	if err := (report.GitHubAnnotations{}).Render(w, &pub); err != nil {
		problems = append(problems, fmt.Errorf("annotations: %w", err))
	}
	pr, err := pullRequest(env)
	if err != nil {
		problems = append(problems, err)
	}
	if env.StepSummary != "" {
		if err := github.AppendSummary(env.StepSummary, &pub, env, pr); err != nil {
			problems = append(problems, err)
		}
	}
	if env.Output != "" {
		if err := github.WriteStepOutputs(env.Output, &pub); err != nil {
			problems = append(problems, err)
		}
	}
	opts := github.Options{Comment: marker != "", CommentID: c.String("comment-id"), CheckRun: c.Bool("github-check")}
	switch {
	case !opts.Comment && !opts.CheckRun:
	case pr == nil:
		if c.IsSet("github") && err == nil {
			problems = append(problems, errors.New("not a pull request event (GITHUB_EVENT_PATH): no comment or check run was posted"))
		}
	case env.Token == "":
		problems = append(problems, errors.New("GITHUB_TOKEN is not set (the action's github-token input): no comment or check run was posted"))
	default:
		problems = append(problems, publishPR(c.Context, stderr, env, pr, &pub, opts)...)
	}
	for _, p := range problems {
		warn(stderr, env.Actions, p.Error())
	}
	if len(problems) > 0 && c.Bool("github-required") {
		return fmt.Errorf("publishing on GitHub failed (--github-required): %w", errors.Join(problems...))
	}
	return nil
}

// publishesOnGitHub reports whether check publishes on GitHub: with
// --github, or inside GitHub Actions unless --github=false.
func publishesOnGitHub(c *cli.Context, env github.Env) bool {
	if c.IsSet("github") {
		return c.Bool("github")
	}
	return env.Actions
}

// publishPR posts the sticky comment and the check run.
//
// Every request is bounded by the HTTP limits of package internal/limits
// (CONTRACTLINT_HTTP_TIMEOUT, CONTRACTLINT_MAX_RESPONSE_SIZE) and all of
// them together by CONTRACTLINT_PUBLISH_TIMEOUT: a slow or hostile API
// costs a warning, never a hang; the report is written either way.
func publishPR(ctx context.Context, stderr io.Writer, env github.Env, pr *github.PullRequest, rep *report.Report, opts github.Options) []error {
	l := limits.From(ctx)
	if l.PublishTimeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, l.PublishTimeout)
		defer cancel()
	}
	t := &github.Transport{Base: l.HTTP(nil, "GitHub API"), Notify: func(msg string) { fmt.Fprintf(stderr, "contractlint: %s\n", msg) }}
	p, err := github.Connect(env, pr, t)
	if err != nil {
		return []error{err}
	}
	res := p.Publish(ctx, rep, env, opts)
	if ctx.Err() == context.DeadlineExceeded {
		res.Problems = append(res.Problems, fmt.Errorf("publishing on GitHub stopped after %s (raise the limit with %s=5m)", l.PublishTimeout, limits.EnvPublishTimeout))
	}
	if res.Comment != github.CommentSkipped {
		fmt.Fprintf(stderr, "contractlint: pull request #%d comment %s\n", pr.Number, res.Comment)
	}
	if res.CheckRunID != 0 {
		fmt.Fprintf(stderr, "contractlint: check run %d created\n", res.CheckRunID)
	}
	return res.Problems
}

// pullRequest reads the event's pull request; nil outside pull-request
// events.
func pullRequest(env github.Env) (*github.PullRequest, error) {
	if env.EventPath == "" || (env.EventName != "" && !env.IsPullRequest()) {
		return nil, nil
	}
	return github.ReadPullRequest(env.EventPath)
}

// repoPrefix is the directory the findings' files are relative to (the
// configuration's), as a slash-separated path relative to the repository
// root: from git, else from GITHUB_WORKSPACE, else "".
func repoPrefix(c *cli.Context, env github.Env) string {
	ws, err := openWorkspace(c)
	if err != nil {
		return ""
	}
	defer ws.close()
	if _, prefix, err := ws.openGit(c); err == nil {
		return prefix
	}
	root := os.Getenv("GITHUB_WORKSPACE")
	if root == "" {
		return ""
	}
	abs, err := filepath.Abs(ws.cfgDir)
	if err != nil {
		return ""
	}
	rel, err := filepath.Rel(root, abs)
	if err != nil || rel == "." || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return ""
	}
	return filepath.ToSlash(rel) + "/"
}

// warn reports a publishing problem: as a workflow warning inside GitHub
// Actions, so that it shows on the run's page.
func warn(w io.Writer, actions bool, msg string) {
	if actions {
		fmt.Fprintf(w, "::warning title=contractlint::%s\n", report.EscapeCommandData(msg))
		return
	}
	fmt.Fprintf(w, "contractlint: warning: %s\n", msg)
}
