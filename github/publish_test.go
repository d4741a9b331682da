package github

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/contractlint/contractlint/checks"
	"github.com/contractlint/contractlint/github/githubtest"
	"github.com/contractlint/contractlint/report"
)

const marker = "<!-- contractlint:comment id=default -->"

func sample(msg string) *report.Report {
	r := report.New("check", []checks.Finding{
		{Rule: "FIELD_NO_DELETE", Impact: checks.Major, Breaks: checks.Both, Levels: checks.AllLevels, Contract: "orders", File: "proto/orders.proto", Line: 12, Column: 3, Path: "acme.Order", Message: msg},
		{Rule: "FIELD_ADDED", Impact: checks.Minor, Contract: "orders", File: "proto/orders.proto", Line: 20, Path: "acme.Order.note", Message: "Field \"note\" was added."},
	})
	r.Version = "v1.0.0"
	return r
}

func publish(t *testing.T, p *Publisher, f *fakeGitHub, r *report.Report, opts Options) Outcome {
	t.Helper()
	out := p.Publish(t.Context(), r, f.env(), opts)
	for _, e := range out.Problems {
		if strings.Contains(e.Error(), f.token) {
			t.Errorf("problem leaks the token: %v", e)
		}
	}
	return out
}

// The story of the "done means": the same pull request published
// twice yields exactly one comment, edited rather than duplicated, found
// across paginated comment lists, while a look-alike by someone else is left
// alone.
func TestStickyCommentCreateEditSkip(t *testing.T) {
	t.Parallel()
	f := newFake(t)
	lookalike := marker + "\nI am not the bot"
	f.AddComment("mallory", lookalike)
	for i := range 130 {
		f.AddComment("reviewer", fmt.Sprintf("comment %d", i))
	}
	var c clock
	var notes []string
	p := f.connect(t, &c, &notes)
	opts := Options{Comment: true}

	out := publish(t, p, f, sample(`Field "id" was deleted.`), opts)
	if len(out.Problems) > 0 || out.Comment != CommentCreated {
		t.Fatalf("first run: %v %v", out.Comment, out.Problems)
	}
	if n := f.Count("GET /repos/acme/contracts/issues/7/comments"); n != 2 {
		t.Errorf("first run listed %d pages, want 2 (131 comments, 100 per page)", n)
	}

	out = publish(t, p, f, sample(`Field "id" was deleted.`), opts)
	if len(out.Problems) > 0 || out.Comment != CommentUnchanged {
		t.Fatalf("second run: %v %v", out.Comment, out.Problems)
	}
	if n := f.Count("PATCH "); n != 0 {
		t.Errorf("an unchanged comment was edited %d times", n)
	}

	out = publish(t, p, f, sample(`Field "uuid" was deleted.`), opts)
	if len(out.Problems) > 0 || out.Comment != CommentEdited {
		t.Fatalf("third run: %v %v", out.Comment, out.Problems)
	}
	ours := f.Comments(ActionsBot, marker)
	if len(ours) != 1 {
		t.Fatalf("%d comments of ours, want exactly 1", len(ours))
	}
	if !strings.Contains(ours[0].Body, "uuid") || !strings.Contains(ours[0].Body, "](https://github.example/acme/contracts/blob/headsha/proto/orders.proto#L12)") {
		t.Errorf("edited comment:\n%s", ours[0].Body)
	}
	if got := f.Comments("mallory", marker); len(got) != 1 || got[0].Body != lookalike {
		t.Errorf("look-alike comment changed: %+v", got)
	}
	if n := f.Count("POST /repos/acme/contracts/issues/7/comments"); n != 1 {
		t.Errorf("%d comments created, want 1", n)
	}
}

// Two jobs with different comment IDs keep one comment each.
func TestCommentIDsAreSeparate(t *testing.T) {
	t.Parallel()
	f := newFake(t)
	var c clock
	var notes []string
	p := f.connect(t, &c, &notes)
	for _, id := range []string{"protos", "schemas", "protos"} {
		if out := publish(t, p, f, sample("x"), Options{Comment: true, CommentID: id}); len(out.Problems) > 0 {
			t.Fatal(out.Problems)
		}
	}
	if n := len(f.Comments(ActionsBot, "contractlint:comment")); n != 2 {
		t.Errorf("%d comments, want 2", n)
	}
	if out := publish(t, p, f, sample("x"), Options{Comment: true, CommentID: "no spaces allowed"}); len(out.Problems) != 1 {
		t.Errorf("a bad comment ID was accepted: %v", out.Problems)
	}
}

// A pull request from a fork on a pull_request event gets no API call at
// all and one warning; on pull_request_target the token may write.
func TestForkSkipsWithWarning(t *testing.T) {
	t.Parallel()
	f := newFake(t)
	var c clock
	var notes []string
	p := f.connect(t, &c, &notes)
	p.PR.HeadRepo = "stranger/contracts"
	out := publish(t, p, f, sample("x"), Options{Comment: true, CheckRun: true})
	if len(out.Problems) != 1 || !errors.Is(out.Problems[0], ErrFork) || out.Comment != CommentSkipped {
		t.Fatalf("fork: %v %v", out.Comment, out.Problems)
	}
	if reqs := f.Requests(); len(reqs) != 0 {
		t.Errorf("fork made requests: %v", reqs)
	}
	env := f.env()
	env.EventName = "pull_request_target"
	if out := p.Publish(t.Context(), sample("x"), env, Options{Comment: true}); out.Comment != CommentCreated {
		t.Errorf("pull_request_target from a fork: %v %v", out.Comment, out.Problems)
	}
}

// A token that may not write ("Resource not accessible by integration")
// yields a warning that says what to do, not an error, and no retries.
func TestForbiddenIsAWarning(t *testing.T) {
	t.Parallel()
	f := newFake(t)
	f.SetReadOnly(true)
	var c clock
	var notes []string
	p := f.connect(t, &c, &notes)
	out := publish(t, p, f, sample("x"), Options{Comment: true, CheckRun: true})
	if len(out.Problems) != 2 {
		t.Fatalf("problems: %v", out.Problems)
	}
	for _, e := range out.Problems {
		if !errors.Is(e, ErrNoAccess) || !strings.Contains(e.Error(), "Resource not accessible by integration") || !strings.Contains(e.Error(), "pull-requests: write") {
			t.Errorf("problem: %v", e)
		}
	}
	if n := f.Count("POST /repos/acme/contracts/issues/7/comments"); n != 1 {
		t.Errorf("a 403 was tried %d times", n)
	}
	if len(c.waits) != 0 {
		t.Errorf("waited after a 403: %v", c.waits)
	}
}

// Server errors are retried with backoff; a creation that failed with a
// server error but took effect is found, not duplicated.
func TestServerErrorsAreRetried(t *testing.T) {
	t.Parallel()
	f := newFake(t)
	f.Inject("GET /repos/acme/contracts/issues/7/comments",
		githubtest.Fault{Status: 502, Body: `{"message":"Bad Gateway"}`}, githubtest.Fault{Status: 503, Body: `{"message":"Unavailable"}`})
	f.Inject("POST /repos/acme/contracts/issues/7/comments", githubtest.Fault{Status: 502, Body: `{"message":"Bad Gateway"}`, Apply: true})
	var c clock
	var notes []string
	p := f.connect(t, &c, &notes)
	out := publish(t, p, f, sample("x"), Options{Comment: true})
	if len(out.Problems) > 0 || out.Comment != CommentCreated {
		t.Fatalf("%v %v", out.Comment, out.Problems)
	}
	if n := len(f.Comments(ActionsBot, marker)); n != 1 {
		t.Errorf("%d comments, want 1", n)
	}
	if n := f.Count("POST /repos/acme/contracts/issues/7/comments"); n != 1 {
		t.Errorf("POST sent %d times; a POST is not repeated blindly", n)
	}
	// Jitter 0.5: 1s·¾, 2s·¾ for the GETs, then the publisher's own re-check.
	want := []time.Duration{750 * time.Millisecond, 1500 * time.Millisecond, 750 * time.Millisecond}
	if fmt.Sprint(c.waits) != fmt.Sprint(want) {
		t.Errorf("waits %v, want %v", c.waits, want)
	}
	if len(notes) != 2 || !strings.Contains(notes[0], "502 Bad Gateway; retrying in 750ms (attempt 2 of 4)") {
		t.Errorf("notes: %q", notes)
	}
}

// Persistent server errors give up after the attempts and say so.
func TestServerErrorsGiveUp(t *testing.T) {
	t.Parallel()
	f := newFake(t)
	for range 4 {
		f.Inject("GET /repos/acme/contracts/issues/7/comments", githubtest.Fault{Status: 500, Body: `{"message":"boom"}`})
	}
	var c clock
	var notes []string
	p := f.connect(t, &c, &notes)
	out := publish(t, p, f, sample("x"), Options{Comment: true})
	if len(out.Problems) != 1 || errors.Is(out.Problems[0], ErrNoAccess) || !strings.Contains(out.Problems[0].Error(), "500") {
		t.Fatalf("%v", out.Problems)
	}
	if n := f.Count("GET /repos/acme/contracts/issues/7/comments"); n != 4 {
		t.Errorf("%d attempts, want 4", n)
	}
}

// Secondary rate limits are waited out as Retry-After asks; a wait longer
// than the cap is not, and becomes a warning.
func TestRateLimitRetryAfter(t *testing.T) {
	t.Parallel()
	f := newFake(t)
	f.Inject("POST /repos/acme/contracts/issues/7/comments",
		githubtest.Fault{Status: 403, Header: map[string]string{"Retry-After": "7"},
			Body: `{"message":"You have exceeded a secondary rate limit.","documentation_url":"https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits"}`},
		githubtest.Fault{Status: 429, Body: `{"message":"Too many requests"}`})
	var c clock
	var notes []string
	p := f.connect(t, &c, &notes)
	out := publish(t, p, f, sample("x"), Options{Comment: true})
	if len(out.Problems) > 0 || out.Comment != CommentCreated {
		t.Fatalf("%v %v", out.Comment, out.Problems)
	}
	want := []time.Duration{7 * time.Second, time.Minute}
	if fmt.Sprint(c.waits) != fmt.Sprint(want) {
		t.Errorf("waits %v, want %v", c.waits, want)
	}

	g := newFake(t)
	g.Inject("GET /repos/acme/contracts/issues/7/comments", githubtest.Fault{Status: 403,
		Header: map[string]string{"Retry-After": "3600"}, Body: `{"message":"You have exceeded a secondary rate limit."}`})
	var c2 clock
	p2 := g.connect(t, &c2, &notes)
	out = publish(t, p2, g, sample("x"), Options{Comment: true})
	if len(out.Problems) != 1 || errors.Is(out.Problems[0], ErrNoAccess) || !strings.Contains(out.Problems[0].Error(), "secondary rate limit") {
		t.Fatalf("over the cap: %v", out.Problems)
	}
	if len(c2.waits) != 0 {
		t.Errorf("waited %v beyond the cap", c2.waits)
	}
}

// A primary rate limit is waited out until x-ratelimit-reset when that is
// near.
func TestPrimaryRateLimitReset(t *testing.T) {
	t.Parallel()
	f := newFake(t)
	now := time.Unix(1_700_000_000, 0)
	f.Inject("GET /repos/acme/contracts/issues/7/comments", githubtest.Fault{Status: 403,
		Header: map[string]string{"X-Ratelimit-Remaining": "0", "X-Ratelimit-Limit": "1000", "X-Ratelimit-Reset": fmt.Sprint(now.Add(20 * time.Second).Unix())},
		Body:   `{"message":"API rate limit exceeded"}`})
	c := clock{now: now}
	var notes []string
	p := f.connect(t, &c, &notes)
	out := publish(t, p, f, sample("x"), Options{Comment: true})
	if len(out.Problems) > 0 {
		t.Fatal(out.Problems)
	}
	if fmt.Sprint(c.waits) != "[21s]" {
		t.Errorf("waits %v, want [21s]", c.waits)
	}
}

// Other client errors are not retried.
func TestClientErrorsAreNotRetried(t *testing.T) {
	t.Parallel()
	f := newFake(t)
	var c clock
	var notes []string
	p := f.connect(t, &c, &notes)
	p.PR.Number = 8 // the fake knows only #7
	out := publish(t, p, f, sample("x"), Options{Comment: true})
	if len(out.Problems) != 1 || !strings.Contains(out.Problems[0].Error(), "404") {
		t.Fatalf("%v", out.Problems)
	}
	if n := f.Count("GET /repos/acme/contracts/issues/8/comments"); n != 1 || len(c.waits) != 0 {
		t.Errorf("%d requests, waits %v", n, c.waits)
	}
}

// A report too long for one comment is cut to GitHub's limit with a pointer
// to the job summary, and GitHub accepts it.
func TestOverlongComment(t *testing.T) {
	t.Parallel()
	f := newFake(t)
	var fs []checks.Finding
	for i := range 3000 {
		fs = append(fs, checks.Finding{Rule: "FIELD_NO_DELETE", Impact: checks.Major, Levels: checks.Source, Contract: "orders",
			File: "proto/orders.proto", Line: i + 1, Message: fmt.Sprintf("Field %d was deleted, and this message is long enough to matter.", i)})
	}
	var c clock
	var notes []string
	p := f.connect(t, &c, &notes)
	out := publish(t, p, f, report.New("check", fs), Options{Comment: true})
	if len(out.Problems) > 0 || out.Comment != CommentCreated {
		t.Fatalf("%v %v", out.Comment, out.Problems)
	}
	body := f.Comments(ActionsBot, marker)[0].Body
	if len(body) > report.CommentLimit || len(body) < report.CommentLimit-2000 {
		t.Errorf("body is %d bytes", len(body))
	}
	if !strings.Contains(body, "[job summary](https://github.example/acme/contracts/actions/runs/42)") || !strings.HasPrefix(body, marker) {
		t.Errorf("body end:\n%s", body[len(body)-500:])
	}
}

// The check run carries every annotation, 50 per request.
func TestCheckRunBatches(t *testing.T) {
	t.Parallel()
	f := newFake(t)
	var fs []checks.Finding
	for i := range 120 {
		fs = append(fs, checks.Finding{Rule: "FIELD_ADDED", Impact: checks.Minor, File: "a.proto", Line: i + 1, Message: "added"})
	}
	fs = append(fs, checks.Finding{Rule: "FILE_NO_DELETE", Impact: checks.Major, Levels: checks.Source, File: "b.proto", Message: "deleted"})
	var c clock
	var notes []string
	p := f.connect(t, &c, &notes)
	out := publish(t, p, f, report.New("check", fs), Options{CheckRun: true})
	if len(out.Problems) > 0 || out.CheckRunID == 0 {
		t.Fatalf("%v", out.Problems)
	}
	run := f.CheckRun(out.CheckRunID)
	if run == nil || len(run.Annotations) != 121 || run.Updates != 2 || run.Conclusion != "failure" || run.HeadSHA != "headsha" {
		t.Fatalf("check run: %+v", run)
	}
	first := run.Annotations[0]
	if first["annotation_level"] != "failure" || first["path"] != "b.proto" || first["start_line"] != float64(1) {
		t.Errorf("most severe first, file-level at line 1: %v", first)
	}
}

// When GitHub denies the account lookups to the Actions token, the
// publisher assumes github-actions[bot] and still finds its comment.
func TestViewerFallback(t *testing.T) {
	t.Parallel()
	f := newFake(t)
	f.SetDenyViewer(true)
	f.AddComment(ActionsBot, marker+"\nold")
	var c clock
	var notes []string
	p := f.connect(t, &c, &notes)
	if out := publish(t, p, f, sample("x"), Options{Comment: true}); out.Comment != CommentEdited {
		t.Fatalf("%v %v", out.Comment, out.Problems)
	}
}

// A wrong token is reported without ever showing it.
func TestBadTokenIsNotShown(t *testing.T) {
	t.Parallel()
	f := newFake(t)
	var c clock
	var notes []string
	env := f.env()
	env.Token = "ghp_wrongWrongWrong"
	pr := &PullRequest{Number: 7, HeadRepo: "acme/contracts", BaseRepo: "acme/contracts"}
	p, err := Connect(env, pr, &Transport{Backoff: Backoff{Sleep: c.sleep}})
	if err != nil {
		t.Fatal(err)
	}
	out := p.Publish(t.Context(), sample("x"), env, Options{Comment: true, CheckRun: true})
	if len(out.Problems) != 2 {
		t.Fatalf("%v", out.Problems)
	}
	shown := fmt.Sprint(out.Problems, notes, env, fmt.Sprintf("%+v %#v", env, env))
	if strings.Contains(shown, env.Token) || !strings.Contains(shown, "Bad credentials") {
		t.Errorf("output: %s", shown)
	}
}

// The job summary is appended, links to the pull request's head and keeps
// the step's file within 1 MiB.
func TestAppendSummary(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "summary.md")
	if err := os.WriteFile(path, []byte("# earlier step output\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	env := Env{Repository: "acme/c", ServerURL: "https://github.com", SHA: "merge"}
	pr := &PullRequest{Number: 1, HeadSHA: "head", HeadRepo: "acme/c", BaseRepo: "acme/c"}
	if err := AppendSummary(path, sample("gone"), env, pr); err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(path)
	s := string(data)
	if !strings.HasPrefix(s, "# earlier step output\n\n### ❌ contractlint") || strings.Contains(s, "<!--") ||
		!strings.Contains(s, "https://github.com/acme/c/blob/head/proto/orders.proto#L12") {
		t.Errorf("summary:\n%s", s)
	}
	var fs []checks.Finding
	for i := range 20000 {
		fs = append(fs, checks.Finding{Rule: "FIELD_ADD", Impact: checks.Major, File: "a.proto", Line: i + 1, Message: strings.Repeat("long ", 20)})
	}
	if err := AppendSummary(path, report.New("check", fs), env, nil); err != nil {
		t.Fatal(err)
	}
	if st, _ := os.Stat(path); st.Size() > report.SummaryLimit || st.Size() < report.SummaryLimit-4096 {
		t.Errorf("summary is %d bytes", st.Size())
	}
	if err := AppendSummary(path, sample("x"), env, nil); err == nil {
		t.Error("appended past the limit")
	}
}

func TestStepOutputValueCannotAddOutputs(t *testing.T) {
	t.Parallel()
	var b bytes.Buffer
	writeOutput(&b, "impact", "major")
	writeOutput(&b, "note", "x\nbreaking-count=0\nghadelimiter_contractlint")
	want := "impact=major\nnote<<ghadelimiter_contractlint_0\nx\nbreaking-count=0\nghadelimiter_contractlint\nghadelimiter_contractlint_0\n"
	if b.String() != want {
		t.Errorf("got %q\nwant %q", b.String(), want)
	}
}
