package github

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

func TestEnvFrom(t *testing.T) {
	t.Parallel()
	vars := map[string]string{"GITHUB_ACTIONS": "true", "GITHUB_EVENT_NAME": "pull_request", "GITHUB_REPOSITORY": "acme/c",
		"GITHUB_API_URL": "https://ghe.example/api/v3", "GITHUB_TOKEN": "ghs_tokentoken", "GITHUB_RUN_ID": "9",
		"GITHUB_SERVER_URL": "https://ghe.example/"}
	e := EnvFrom(func(k string) string { return vars[k] })
	if !e.Actions || !e.IsPullRequest() || e.GraphQLURL != "https://ghe.example/api/graphql" || e.RunURL() != "https://ghe.example/acme/c/actions/runs/9" {
		t.Errorf("%+v %s %s", e, e.GraphQLURL, e.RunURL())
	}
	for _, s := range []string{e.String(), fmt.Sprintf("%v %+v %#v %s", e, e, e, e)} {
		if strings.Contains(s, "ghs_tokentoken") {
			t.Errorf("token shown: %s", s)
		}
	}
	d := EnvFrom(func(string) string { return "" })
	if d.Actions || d.APIURL != DefaultAPIURL || d.GraphQLURL != "https://api.github.com/graphql" || d.RunURL() != "" {
		t.Errorf("defaults: %+v", d)
	}
	if _, _, err := d.OwnerRepo(); err == nil {
		t.Error("empty GITHUB_REPOSITORY accepted")
	}
	if _, err := NewREST(nil, d); err == nil || !strings.Contains(err.Error(), "GITHUB_TOKEN") {
		t.Errorf("no token: %v", err)
	}
	d.Token, d.APIURL = "x", "ftp://nope"
	if _, err := NewREST(nil, d); err == nil {
		t.Error("ftp API URL accepted")
	}
}

func TestReadPullRequest(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	pr, err := ReadPullRequest(write("fork.json", `{"number": 5, "pull_request": {"number": 5,
		"head": {"sha": "h", "repo": {"full_name": "stranger/c"}}, "base": {"repo": {"full_name": "acme/c"}}}}`))
	if err != nil || pr.Number != 5 || pr.HeadSHA != "h" || !pr.Fork() {
		t.Errorf("fork: %+v %v", pr, err)
	}
	pr, err = ReadPullRequest(write("same.json", `{"pull_request": {"number": 6, "head": {"sha": "h", "repo": {"full_name": "Acme/C"}}, "base": {"repo": {"full_name": "acme/c"}}}}`))
	if err != nil || pr.Fork() {
		t.Errorf("same repo: %+v %v", pr, err)
	}
	pr, err = ReadPullRequest(write("deleted.json", `{"pull_request": {"number": 6, "head": {"sha": "h", "repo": null}, "base": {"repo": {"full_name": "acme/c"}}}}`))
	if err != nil || !pr.Fork() {
		t.Errorf("deleted fork: %+v %v", pr, err)
	}
	if pr, err := ReadPullRequest(write("push.json", `{"ref": "refs/heads/main"}`)); pr != nil || err != nil {
		t.Errorf("push: %+v %v", pr, err)
	}
	for _, bad := range []string{`{"pull_request": {}}`, `not json`} {
		if _, err := ReadPullRequest(write("bad.json", bad)); err == nil {
			t.Errorf("%s accepted", bad)
		}
	}
	if _, err := ReadPullRequest(filepath.Join(dir, "missing.json")); err == nil {
		t.Error("missing file accepted")
	}
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

func respond(status int, body string) *http.Response {
	return &http.Response{StatusCode: status, Status: fmt.Sprintf("%d %s", status, http.StatusText(status)),
		Header: http.Header{}, Body: io.NopCloser(strings.NewReader(body))}
}

// A retried PATCH sends its body again; a POST is not repeated after a
// server error; a GET is after a network error; cancellation stops waiting.
func TestTransportRetries(t *testing.T) {
	t.Parallel()
	var c clock
	var bodies []string
	var calls atomic.Int32
	tr := &Transport{Backoff: Backoff{Sleep: c.sleep}, Base: roundTripFunc(func(r *http.Request) (*http.Response, error) {
		n := calls.Add(1)
		if r.Body != nil {
			b, _ := io.ReadAll(r.Body)
			bodies = append(bodies, string(b))
		}
		switch {
		case r.Method == http.MethodGet && n == 1:
			return nil, errors.New("connection reset")
		case n < 3:
			return respond(503, "{}"), nil
		}
		return respond(200, "{}"), nil
	})}
	client := &http.Client{Transport: tr}
	req, _ := http.NewRequest(http.MethodPatch, "http://x/y", strings.NewReader(`{"body":"hi"}`))
	resp, err := client.Do(req)
	if err != nil || resp.StatusCode != 200 || fmt.Sprint(bodies) != `[{"body":"hi"} {"body":"hi"} {"body":"hi"}]` {
		t.Errorf("PATCH: %v %v %q", resp, err, bodies)
	}

	calls.Store(1)
	resp, err = client.Post("http://x/y", "application/json", strings.NewReader("{}"))
	if err != nil || resp.StatusCode != 503 || calls.Load() != 2 {
		t.Errorf("POST: %v %v after %d calls", resp, err, calls.Load())
	}

	calls.Store(0)
	resp, err = client.Get("http://x/y")
	if err != nil || resp.StatusCode != 200 || calls.Load() != 3 {
		t.Errorf("GET: %v %v after %d calls", resp, err, calls.Load())
	}

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	calls.Store(1)
	req, _ = http.NewRequestWithContext(ctx, http.MethodGet, "http://x/y", nil)
	if _, err := client.Do(req); err == nil {
		t.Error("a canceled request was retried to success")
	}
}

func TestBackoffDelay(t *testing.T) {
	t.Parallel()
	b := Backoff{Jitter: func() float64 { return 0 }}
	if b.Delay(1) != 500*time.Millisecond || b.Delay(3) != 2*time.Second || b.Delay(50) != 512*time.Second {
		t.Errorf("delays %v %v %v", b.Delay(1), b.Delay(3), b.Delay(50))
	}
	b.Jitter = func() float64 { return 0.999 }
	if d := b.Delay(1); d < 999*time.Millisecond || d > time.Second {
		t.Errorf("max jitter %v", d)
	}
}
