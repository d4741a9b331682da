package github

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"maps"
	"net/http"
	"os"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/contractlint/contractlint/checks"
	"github.com/contractlint/contractlint/internal/redact"
	"github.com/contractlint/contractlint/report"
)

// Options chooses what Publish does.
type Options struct {
	// Comment posts the sticky comment, or updates it.
	Comment bool
	// CommentID tells apart the comments of several jobs on one pull
	// request; empty means "default".
	CommentID string
	// CheckRun also creates a check run with one annotation per finding.
	CheckRun bool
	// CheckName names the check run; empty means "contractlint".
	CheckName string
}

// Outcome is what Publish did.
type Outcome struct {
	Comment    CommentResult
	CheckRunID int64
	// Problems are what could not be published, one sentence each, ready
	// to show as warnings.
	Problems []error
}

// ErrFork reports a pull request from a fork on a pull_request event:
// GitHub gives its workflow a read-only token, so nothing is written to it.
var ErrFork = errors.New("the pull request comes from a fork, whose workflows get a read-only token")

// Publish writes r to the pull request: the sticky comment and, when asked,
// a check run. Trouble never stops it early and never loses the report: each
// problem becomes one entry in Outcome.Problems.
func (p *Publisher) Publish(ctx context.Context, r *report.Report, env Env, opts Options) Outcome {
	// Nothing sent to GitHub or returned as a problem carries a secret,
	// even when an API error body echoes the request's credentials.
	red := redact.Process().With(env.Token)
	out := p.publish(ctx, r, env, opts, red)
	for i, err := range out.Problems {
		out.Problems[i] = red.Error(err)
	}
	return out
}

func (p *Publisher) publish(ctx context.Context, r *report.Report, env Env, opts Options, red *redact.Redactor) Outcome {
	var out Outcome
	if !opts.Comment && !opts.CheckRun {
		return out
	}
	// On pull_request (not pull_request_target) a fork's token cannot write;
	// asking would only earn a 403.
	if p.PR.Fork() && env.EventName == "pull_request" {
		out.Problems = append(out.Problems, fmt.Errorf("%w; nothing was posted to pull request #%d: the job summary and the annotations carry the report (see docs/github-action.md, \"Pull requests from forks\")", ErrFork, p.PR.Number))
		return out
	}
	if opts.Comment {
		marker, err := Marker(opts.CommentID)
		if err != nil {
			out.Problems = append(out.Problems, err)
		} else {
			var body bytes.Buffer
			g := report.GitHubComment{Marker: marker, Blob: p.blob(env), RunURL: env.RunURL(),
				Limit: report.CommentLimit, More: summaryPointer(env)}
			if err := g.Render(&body, r); err != nil {
				out.Problems = append(out.Problems, fmt.Errorf("render the comment: %w", err))
			} else if out.Comment, err = p.UpsertComment(ctx, marker, red.String(body.String())); err != nil {
				out.Problems = append(out.Problems, explain("the pull request comment was not posted", err))
			}
		}
	}
	if opts.CheckRun {
		run, err := p.checkRun(r, env, opts)
		if err == nil {
			run = run.redacted(red)
			out.CheckRunID, err = p.CheckRun(ctx, run)
		}
		if err != nil {
			out.Problems = append(out.Problems, explain("the check run was not published", err))
		}
	}
	return out
}

// explain words a publishing failure for the person reading the log.
func explain(what string, err error) error {
	if errors.Is(err, ErrNoAccess) {
		return fmt.Errorf("%s: %w (a fork's token is read-only; otherwise grant the job `permissions: pull-requests: write` and, for check runs, `checks: write`)", what, err)
	}
	return fmt.Errorf("%s: %w", what, err)
}

func (p *Publisher) blob(env Env) string { return Blob(env, p.PR) }

// Blob is the URL prefix of files at the commit under review: the pull
// request's head when there is one, else the run's commit; empty when
// neither is known.
func Blob(env Env, pr *PullRequest) string {
	sha, repo := env.SHA, env.Repository
	if pr != nil && pr.HeadSHA != "" {
		sha = pr.HeadSHA
		if pr.HeadRepo != "" {
			repo = pr.HeadRepo
		}
	}
	if sha == "" || repo == "" {
		return ""
	}
	return env.ServerURL + "/" + repo + "/blob/" + sha + "/"
}

func summaryPointer(env Env) string {
	if u := env.RunURL(); u != "" {
		return "the [job summary](" + u + ")"
	}
	return "the job summary"
}

// checkRun builds the check run for r: conclusion from --fail-on, the
// report's Markdown as summary, one annotation per annotated finding.
func (p *Publisher) checkRun(r *report.Report, env Env, opts Options) (CheckRun, error) {
	name := opts.CheckName
	if name == "" {
		name = "contractlint"
	}
	var summary bytes.Buffer
	g := report.GitHubComment{Blob: p.blob(env), RunURL: env.RunURL(), Limit: 65535, More: summaryPointer(env)}
	if err := g.Render(&summary, r); err != nil {
		return CheckRun{}, err
	}
	conclusion := "success"
	if r.Fails() {
		conclusion = "failure"
	}
	run := CheckRun{Name: name, HeadSHA: p.PR.HeadSHA, Conclusion: conclusion,
		Title: truncate("contractlint: "+report.Headline(r), 1000), Summary: summary.String()}
	if run.HeadSHA == "" {
		run.HeadSHA = env.SHA
	}
	run.Annotations = Annotations(r.Findings)
	return run, nil
}

// Annotations turns findings into check-run annotations, most severe first;
// findings without a file are left out (the summary has them).
func Annotations(findings []checks.Finding) []Annotation {
	var out []Annotation
	for _, f := range report.Annotated(findings) {
		if f.File == "" {
			continue
		}
		line := max(f.Line, 1)
		level := "notice"
		switch f.Impact {
		case checks.Major:
			level = "failure"
		case checks.Minor:
			level = "warning"
		}
		msg := f.Message
		if f.Contract != "" {
			msg = f.Contract + ": " + msg
		}
		out = append(out, Annotation{Path: f.File, StartLine: line, EndLine: line, Level: level,
			Title: fmt.Sprintf("%s (%s)", f.Rule, f.Impact), Message: truncate(msg, 64<<10)})
	}
	return out
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	s = s[:n-len("…")]
	for !utf8.ValidString(s) {
		s = s[:len(s)-1]
	}
	return s + "…"
}

// AppendSummary appends the report's Markdown to the step's job summary
// file, keeping the file within GitHub's 1 MiB per step. pr may be nil.
func AppendSummary(path string, r *report.Report, env Env, pr *PullRequest) error {
	var size int64
	if st, err := os.Stat(path); err == nil {
		size = st.Size()
	}
	room := report.SummaryLimit - int(size)
	if room < 1024 {
		return fmt.Errorf("job summary %s: already at GitHub's 1 MiB limit", path)
	}
	var b bytes.Buffer
	if size > 0 {
		b.WriteByte('\n')
	}
	g := report.GitHubComment{Blob: Blob(env, pr), Limit: room - 1, More: "the JSON or SARIF report (--output)"}
	if err := g.Render(&b, r); err != nil {
		return err
	}
	return appendFile(path, b.Bytes(), "job summary")
}

// Connect builds a Publisher for env's repository and pull request, talking
// REST through t (which retries and honours rate limits).
func Connect(env Env, pr *PullRequest, t *Transport) (*Publisher, error) {
	owner, repo, err := env.OwnerRepo()
	if err != nil {
		return nil, err
	}
	if pr == nil {
		return nil, errors.New("no pull request in the GitHub event")
	}
	api, err := NewREST(&http.Client{Transport: t, Timeout: 10 * time.Minute}, env)
	if err != nil {
		return nil, err
	}
	return &Publisher{API: api, Owner: owner, Repo: repo, PR: pr, Backoff: t.Backoff}, nil
}

// StepOutputs are the step outputs contractlint sets for the action:
// impact (the largest impact of the findings that are not ignored) and
// breaking-count (how many of them break compatibility, data in a direction
// the mode requires or generated code, i.e. are major and break something).
func StepOutputs(r *report.Report) map[string]string {
	breaking := 0
	for _, f := range r.Findings {
		if f.Ignored == "" && f.Impact == checks.Major && f.Levels != 0 {
			breaking++
		}
	}
	return map[string]string{"impact": r.Impact.String(), "breaking-count": fmt.Sprint(breaking)}
}

// WriteStepOutputs appends StepOutputs to the GITHUB_OUTPUT file, in name
// order.
func WriteStepOutputs(path string, r *report.Report) error {
	outs := StepOutputs(r)
	var b bytes.Buffer
	for _, k := range slices.Sorted(maps.Keys(outs)) {
		writeOutput(&b, k, outs[k])
	}
	return appendFile(path, b.Bytes(), "step outputs")
}

// appendFile appends data to one of the files GitHub Actions reads after
// the step.
func appendFile(path string, data []byte, what string) error {
	data = []byte(redact.Process().String(string(data)))
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o644)
	if err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return fmt.Errorf("%s: %w", what, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	return nil
}

// redacted returns the check run with secrets removed from its texts.
func (c CheckRun) redacted(red *redact.Redactor) CheckRun {
	c.Title, c.Summary = red.String(c.Title), red.String(c.Summary)
	anns := make([]Annotation, len(c.Annotations))
	for i, a := range c.Annotations {
		a.Title, a.Message = red.String(a.Title), red.String(a.Message)
		anns[i] = a
	}
	c.Annotations = anns
	return c
}

// writeOutput writes one name=value line of $GITHUB_OUTPUT, or, for a value
// with a line break, GitHub's multiline form with a delimiter the value
// does not contain: a value can never add an output of its own.
func writeOutput(b *bytes.Buffer, name, value string) {
	if !strings.ContainsAny(value, "\r\n") {
		fmt.Fprintf(b, "%s=%s\n", name, value)
		return
	}
	delim := "ghadelimiter_contractlint"
	for i := 0; strings.Contains(value, delim); i++ {
		delim = fmt.Sprintf("ghadelimiter_contractlint_%d", i)
	}
	fmt.Fprintf(b, "%s<<%s\n%s\n%s\n", name, delim, value, delim)
}
