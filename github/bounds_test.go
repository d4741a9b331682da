package github

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/contractlint/contractlint/github/githubtest"
	"github.com/contractlint/contractlint/internal/httplimit"
)

// TestSlowAndHostileAPI: an API that does not answer, or answers without
// end, costs one bounded request and a problem naming the limit; it is not
// retried, and nothing hangs or grows without bound.
func TestSlowAndHostileAPI(t *testing.T) {
	t.Parallel()
	const comments = "GET /repos/acme/contracts/issues/7/comments"
	for _, c := range []struct {
		name    string
		timeout time.Duration
		fault   githubtest.Fault
		want    string
	}{
		{"stalled", 150 * time.Millisecond, githubtest.Fault{Stall: time.Hour, Status: 200, Body: "[]"}, "GitHub API GET " + "%s/repos/acme/contracts/issues/7/comments: no complete response within 150ms"},
		{"endless", time.Minute, githubtest.Fault{Endless: true}, "GitHub API GET " + "%s/repos/acme/contracts/issues/7/comments: response larger than 1 MiB; stopped reading it"},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			f := newFake(t)
			f.Inject(comments, c.fault)
			var notes []string
			var mu clock
			tr := &Transport{Base: &httplimit.Transport{Timeout: c.timeout, MaxBody: 1 << 20, Service: "GitHub API"},
				Backoff: Backoff{Sleep: mu.sleep}, Notify: func(s string) { notes = append(notes, s) }}
			p, err := Connect(f.env(), &PullRequest{Number: 7, HeadSHA: "headsha", HeadRepo: "acme/contracts", BaseRepo: "acme/contracts"}, tr)
			if err != nil {
				t.Fatal(err)
			}
			start := time.Now()
			out := publish(t, p, f, sample(`Field "id" was deleted.`), Options{Comment: true})
			if len(out.Problems) != 1 || out.Comment != CommentSkipped {
				t.Fatalf("outcome %v %v; want the comment skipped with one problem", out.Comment, out.Problems)
			}
			want := strings.Replace(c.want, "%s", f.APIURL, 1)
			var le *httplimit.Error
			if !errors.As(out.Problems[0], &le) || !strings.Contains(out.Problems[0].Error(), want) {
				t.Errorf("problem %q; want an *httplimit.Error saying %q", out.Problems[0], want)
			}
			if n := f.Count(comments); n != 1 || len(notes) != 0 {
				t.Errorf("%d requests, retry notes %q; want one request, no retry", n, notes)
			}
			// Not a timed test: only a hang would fail it.
			if elapsed := time.Since(start); elapsed > time.Minute {
				t.Errorf("took %v", elapsed)
			}
		})
	}
}
