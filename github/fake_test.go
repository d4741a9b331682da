package github

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// fakeGitHub is a stateful fake of the parts of GitHub's REST and GraphQL
// APIs that the publisher uses, served under the Enterprise-style prefix
// /api/v3 (GraphQL at /api/graphql). It checks the token on every request,
// paginates comment lists by GitHub's Link header, refuses bodies over
// 65,536 characters, and replays injected faults.
type fakeGitHub struct {
	t      *testing.T
	srv    *httptest.Server
	token  string
	viewer string

	mu        sync.Mutex
	comments  []fakeComment
	nextID    int64
	checkRuns map[int64]*fakeCheckRun
	// faults are served, in order, to requests whose "METHOD path" matches
	// the key; a fault with apply set still performs the request's effect.
	faults map[string][]fault
	// denyViewer makes GraphQL's viewer and GET /user answer 403, as they
	// may for an installation token.
	denyViewer bool
	// readOnly answers every write with GitHub's 403 for a token that may
	// not write.
	readOnly bool
	log      []string
}

type fakeComment struct {
	ID     int64
	Author string
	Body   string
}

type fakeCheckRun struct {
	Name, HeadSHA, Conclusion, Title, Summary string
	Annotations                               []map[string]any
	Updates                                   int
}

type fault struct {
	status int
	header map[string]string
	body   string
	apply  bool
}

func newFake(t *testing.T) *fakeGitHub {
	t.Helper()
	f := &fakeGitHub{t: t, token: "ghs_s3cr3tT0k3nV4lu3", viewer: ActionsBot, nextID: 1000,
		checkRuns: map[int64]*fakeCheckRun{}, faults: map[string][]fault{}}
	f.srv = httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(f.srv.Close)
	return f
}

// env is the environment of a pull_request run against the fake.
func (f *fakeGitHub) env() Env {
	return Env{Actions: true, EventName: "pull_request", Repository: "acme/contracts",
		APIURL: f.srv.URL + "/api/v3", GraphQLURL: f.srv.URL + "/api/graphql", ServerURL: "https://github.example",
		Token: f.token, RunID: "42", SHA: "mergesha"}
}

func (f *fakeGitHub) addComment(author, body string) int64 {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.nextID++
	f.comments = append(f.comments, fakeComment{ID: f.nextID, Author: author, Body: body})
	return f.nextID
}

func (f *fakeGitHub) inject(key string, fs ...fault) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.faults[key] = append(f.faults[key], fs...)
}

func (f *fakeGitHub) requests() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]string(nil), f.log...)
}

func (f *fakeGitHub) count(prefix string) int {
	n := 0
	for _, r := range f.requests() {
		if strings.HasPrefix(r, prefix) {
			n++
		}
	}
	return n
}

// ours returns the comments by author that carry marker.
func (f *fakeGitHub) with(author, marker string) []fakeComment {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []fakeComment
	for _, c := range f.comments {
		if c.Author == author && strings.Contains(c.Body, marker) {
			out = append(out, c)
		}
	}
	return out
}

var (
	commentsPath = regexp.MustCompile(`^/repos/([^/]+)/([^/]+)/issues/(\d+)/comments$`)
	commentPath  = regexp.MustCompile(`^/repos/([^/]+)/([^/]+)/issues/comments/(\d+)$`)
	checkRunPath = regexp.MustCompile(`^/repos/([^/]+)/([^/]+)/check-runs(?:/(\d+))?$`)
)

func (f *fakeGitHub) serve(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	defer f.mu.Unlock()
	path := r.URL.Path
	switch {
	case path == "/api/graphql":
	case strings.HasPrefix(path, "/api/v3/"):
		path = strings.TrimPrefix(path, "/api/v3")
	default:
		http.Error(w, `{"message":"Not Found"}`, http.StatusNotFound)
		return
	}
	key := r.Method + " " + path
	f.log = append(f.log, key+"?"+r.URL.RawQuery)
	if r.Header.Get("Authorization") != "Bearer "+f.token {
		writeJSON(w, http.StatusUnauthorized, map[string]string{"message": "Bad credentials"})
		return
	}
	body, _ := io.ReadAll(r.Body)
	if fs := f.faults[key]; len(fs) > 0 {
		ft := fs[0]
		f.faults[key] = fs[1:]
		if ft.apply {
			f.handle(httptest.NewRecorder(), r, path, body)
		}
		for k, v := range ft.header {
			w.Header().Set(k, v)
		}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(ft.status)
		io.WriteString(w, ft.body)
		return
	}
	f.handle(w, r, path, body)
}

func (f *fakeGitHub) handle(w http.ResponseWriter, r *http.Request, path string, body []byte) {
	var in map[string]any
	if len(body) > 0 {
		if err := json.Unmarshal(body, &in); err != nil {
			writeJSON(w, http.StatusBadRequest, map[string]string{"message": "Problems parsing JSON"})
			return
		}
	}
	write := r.Method != http.MethodGet && path != "/api/graphql"
	if write && f.readOnly {
		writeJSON(w, http.StatusForbidden, map[string]string{"message": "Resource not accessible by integration",
			"documentation_url": "https://docs.github.com/rest/issues/comments#create-an-issue-comment"})
		return
	}
	switch m := commentsPath.FindStringSubmatch(path); {
	case path == "/api/graphql":
		if f.denyViewer {
			writeJSON(w, http.StatusForbidden, map[string]string{"message": "Resource not accessible by integration"})
			return
		}
		writeJSON(w, http.StatusOK, map[string]any{"data": map[string]any{"viewer": map[string]string{"login": f.viewer}}})
	case path == "/user" && r.Method == http.MethodGet:
		if f.denyViewer {
			writeJSON(w, http.StatusForbidden, map[string]string{"message": "Resource not accessible by integration"})
			return
		}
		writeJSON(w, http.StatusOK, map[string]any{"login": f.viewer, "id": 1})
	case m != nil && m[3] != "7":
		writeJSON(w, http.StatusNotFound, map[string]string{"message": "Not Found"})
	case m != nil && r.Method == http.MethodGet:
		per, _ := strconv.Atoi(r.URL.Query().Get("per_page"))
		if per <= 0 || per > 100 {
			per = 30
		}
		page, _ := strconv.Atoi(r.URL.Query().Get("page"))
		page = max(page, 1)
		lo, hi := min((page-1)*per, len(f.comments)), min(page*per, len(f.comments))
		if hi < len(f.comments) {
			w.Header().Set("Link", fmt.Sprintf(`<%s%s?page=%d&per_page=%d>; rel="next"`, f.srv.URL, r.URL.Path, page+1, per))
		}
		var out []map[string]any
		for _, c := range f.comments[lo:hi] {
			out = append(out, map[string]any{"id": c.ID, "body": c.Body, "user": map[string]any{"login": c.Author}})
		}
		if out == nil {
			out = []map[string]any{}
		}
		writeJSON(w, http.StatusOK, out)
	case m != nil && r.Method == http.MethodPost:
		text, _ := in["body"].(string)
		if len([]rune(text)) > 65536 {
			writeJSON(w, http.StatusUnprocessableEntity, map[string]string{"message": "Validation Failed: body is too long (maximum is 65536 characters)"})
			return
		}
		f.nextID++
		f.comments = append(f.comments, fakeComment{ID: f.nextID, Author: f.viewer, Body: text})
		writeJSON(w, http.StatusCreated, map[string]any{"id": f.nextID, "body": text, "user": map[string]any{"login": f.viewer}})
	default:
		f.handleMore(w, r, path, in)
	}
}

func (f *fakeGitHub) handleMore(w http.ResponseWriter, r *http.Request, path string, in map[string]any) {
	if m := commentPath.FindStringSubmatch(path); m != nil && r.Method == http.MethodPatch {
		id, _ := strconv.ParseInt(m[3], 10, 64)
		text, _ := in["body"].(string)
		if len([]rune(text)) > 65536 {
			writeJSON(w, http.StatusUnprocessableEntity, map[string]string{"message": "Validation Failed: body is too long (maximum is 65536 characters)"})
			return
		}
		for i := range f.comments {
			if f.comments[i].ID == id {
				if f.comments[i].Author != f.viewer {
					f.t.Errorf("edited comment %d by %s, not ours", id, f.comments[i].Author)
				}
				f.comments[i].Body = text
				writeJSON(w, http.StatusOK, map[string]any{"id": id, "body": text, "user": map[string]any{"login": f.comments[i].Author}})
				return
			}
		}
		writeJSON(w, http.StatusNotFound, map[string]string{"message": "Not Found"})
		return
	}
	if m := checkRunPath.FindStringSubmatch(path); m != nil {
		out, _ := in["output"].(map[string]any)
		anns, _ := out["annotations"].([]any)
		if len(anns) > 50 {
			writeJSON(w, http.StatusUnprocessableEntity, map[string]string{"message": "Only 50 annotations are allowed per request"})
			return
		}
		var run *fakeCheckRun
		switch {
		case m[3] == "" && r.Method == http.MethodPost:
			run = &fakeCheckRun{}
			run.Name, _ = in["name"].(string)
			run.HeadSHA, _ = in["head_sha"].(string)
			run.Conclusion, _ = in["conclusion"].(string)
			f.nextID++
			f.checkRuns[f.nextID] = run
		case m[3] != "" && r.Method == http.MethodPatch:
			id, _ := strconv.ParseInt(m[3], 10, 64)
			if run = f.checkRuns[id]; run == nil {
				writeJSON(w, http.StatusNotFound, map[string]string{"message": "Not Found"})
				return
			}
			run.Updates++
		default:
			writeJSON(w, http.StatusNotFound, map[string]string{"message": "Not Found"})
			return
		}
		run.Title, _ = out["title"].(string)
		run.Summary, _ = out["summary"].(string)
		for _, a := range anns {
			run.Annotations = append(run.Annotations, a.(map[string]any))
		}
		id := f.nextID
		if m[3] != "" {
			id, _ = strconv.ParseInt(m[3], 10, 64)
		}
		writeJSON(w, http.StatusCreated, map[string]any{"id": id})
		return
	}
	writeJSON(w, http.StatusNotFound, map[string]string{"message": "Not Found"})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
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
