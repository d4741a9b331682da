package github

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/contractlint/contractlint/github/githubtest"
)

// fakeGitHub wraps githubtest.Server for this package's tests.
type fakeGitHub struct {
	*githubtest.Server
	token string
}

func newFake(t *testing.T) *fakeGitHub {
	t.Helper()
	s := githubtest.New("ghs_s3cr3tT0k3nV4lu3")
	t.Cleanup(s.Close)
	t.Cleanup(func() {
		for _, p := range s.Problems() {
			t.Errorf("fake GitHub: %s", p)
		}
	})
	return &fakeGitHub{Server: s, token: s.Token}
}

// env is the environment of a pull_request run against the fake.
func (f *fakeGitHub) env() Env {
	return Env{Actions: true, EventName: "pull_request", Repository: "acme/contracts",
		APIURL: f.APIURL, GraphQLURL: f.GraphQLURL, ServerURL: "https://github.example",
		Token: f.token, RunID: "42", SHA: "mergesha"}
}

// clock records the waits the transport asks for instead of sleeping.
type clock struct {
	mu    sync.Mutex
	waits []time.Duration
	// now, when set, is the time the transport sees.
	now time.Time
}

func (c *clock) Now() time.Time {
	if c.now.IsZero() {
		return time.Now()
	}
	return c.now
}

func (c *clock) sleep(ctx context.Context, d time.Duration) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.waits = append(c.waits, d)
	return ctx.Err()
}

// connect builds a publisher for pull request #7 against the fake, with
// waits recorded by c and every retry notice appended to notes.
func (f *fakeGitHub) connect(t *testing.T, c *clock, notes *[]string) *Publisher {
	t.Helper()
	var mu sync.Mutex
	tr := &Transport{Backoff: Backoff{Sleep: c.sleep, Jitter: func() float64 { return 0.5 }}, Now: c.Now,
		Notify: func(s string) { mu.Lock(); *notes = append(*notes, s); mu.Unlock() }}
	p, err := Connect(f.env(), &PullRequest{Number: 7, HeadSHA: "headsha", HeadRepo: "acme/contracts", BaseRepo: "acme/contracts"}, tr)
	if err != nil {
		t.Fatal(err)
	}
	return p
}
