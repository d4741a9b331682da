// Package githubtest is a stateful fake of the parts of GitHub's REST and
// GraphQL APIs that contractlint publishes through, for tests: pull request
// comments (paginated by GitHub's Link header), check runs, the account
// lookups, and injected faults (server errors, rate limits). It serves
// under the Enterprise-style prefix /api/v3, GraphQL at /api/graphql.
package githubtest

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Bot is the account the fake's token acts as by default.
const Bot = "github-actions[bot]"

// PullRequest is the only pull request number the fake knows.
const PullRequest = 7

// Server is the fake. Its fields must not change once it serves; use the
// Set methods to change its behaviour.
type Server struct {
	// URL is the server's root; APIURL and GraphQLURL the endpoints to
	// configure clients with.
	URL, APIURL, GraphQLURL string
	// Token is the only token accepted.
	Token string
	// Viewer is the token's account.
	Viewer string

	// denyViewer and readOnly: see SetDenyViewer and SetReadOnly.
	denyViewer, readOnly bool

	srv       *httptest.Server
	mu        sync.Mutex
	comments  []Comment
	nextID    int64
	checkRuns map[int64]*CheckRun
	faults    map[string][]Fault
	log       []string
	problems  []string
}

// Comment is a pull request comment the fake holds.
type Comment struct {
	ID     int64
	Author string
	Body   string
}

// CheckRun is a check run the fake holds.
type CheckRun struct {
	Name, HeadSHA, Conclusion, Title, Summary string
	Annotations                               []map[string]any
	Updates                                   int
}

// Fault is a canned response served instead of the real one; with Apply
// the request still takes effect (a server error after the fact).
type Fault struct {
	Status int
	Header map[string]string
	Body   string
	Apply  bool
	// Stall holds the response back this long, or until the client gives
	// up: an API that does not answer.
	Stall time.Duration
	// Endless answers 200 with a JSON array that never ends, until the
	// client gives up: a hostile or broken API.
	Endless bool
}

// New starts a fake that accepts token. Close it when done.
func New(token string) *Server {
	s := &Server{Token: token, Viewer: Bot, nextID: 1000, checkRuns: map[int64]*CheckRun{}, faults: map[string][]Fault{}}
	s.srv = httptest.NewServer(http.HandlerFunc(s.serve))
	s.URL = s.srv.URL
	s.APIURL = s.URL + "/api/v3"
	s.GraphQLURL = s.URL + "/api/graphql"
	return s
}

// SetDenyViewer makes GraphQL's viewer and GET /user answer 403, as they
// may for an installation token.
func (s *Server) SetDenyViewer(deny bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.denyViewer = deny
}

// SetReadOnly answers every write with GitHub's 403 for a token that may
// not write.
func (s *Server) SetReadOnly(readOnly bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.readOnly = readOnly
}

// Close stops the server.
func (s *Server) Close() { s.srv.Close() }

// AddComment adds a comment to the pull request and returns its ID.
func (s *Server) AddComment(author, body string) int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.nextID++
	s.comments = append(s.comments, Comment{ID: s.nextID, Author: author, Body: body})
	return s.nextID
}

// Inject queues faults for requests whose "METHOD path" (path without the
// /api/v3 prefix) is key.
func (s *Server) Inject(key string, fs ...Fault) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults[key] = append(s.faults[key], fs...)
}

// Requests lists "METHOD path?query" of every request so far.
func (s *Server) Requests() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.log...)
}

// Count counts the requests that start with prefix ("GET /repos/...").
func (s *Server) Count(prefix string) int {
	n := 0
	for _, r := range s.Requests() {
		if strings.HasPrefix(r, prefix) {
			n++
		}
	}
	return n
}

// Comments returns the comments by author whose body contains marker.
func (s *Server) Comments(author, marker string) []Comment {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []Comment
	for _, c := range s.comments {
		if c.Author == author && strings.Contains(c.Body, marker) {
			out = append(out, c)
		}
	}
	return out
}

// CheckRun returns a check run by ID, or nil.
func (s *Server) CheckRun(id int64) *CheckRun {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.checkRuns[id]
}

// Problems lists what clients did that GitHub users would regret, such as
// editing someone else's comment.
func (s *Server) Problems() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.problems...)
}

// Dump describes the state for test scripts: how many requests were
// served, then one line per comment and per check run.
func (s *Server) Dump() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var b strings.Builder
	fmt.Fprintf(&b, "requests: %d\n", len(s.log))
	for _, c := range s.comments {
		first, _, _ := strings.Cut(c.Body, "\n")
		fmt.Fprintf(&b, "comment %d by %s: %d bytes, first line %s\n", c.ID, c.Author, len(c.Body), first)
	}
	ids := make([]int64, 0, len(s.checkRuns))
	for id := range s.checkRuns {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	for _, id := range ids {
		r := s.checkRuns[id]
		fmt.Fprintf(&b, "check run %d %s on %s: %s, %d annotations\n", id, r.Name, r.HeadSHA, r.Conclusion, len(r.Annotations))
	}
	for _, p := range s.problems {
		fmt.Fprintf(&b, "problem: %s\n", p)
	}
	return b.String()
}

var (
	commentsPath = regexp.MustCompile(`^/repos/([^/]+)/([^/]+)/issues/(\d+)/comments$`)
	commentPath  = regexp.MustCompile(`^/repos/([^/]+)/([^/]+)/issues/comments/(\d+)$`)
	checkRunPath = regexp.MustCompile(`^/repos/([^/]+)/([^/]+)/check-runs(?:/(\d+))?$`)
)

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	path := r.URL.Path
	switch {
	case path == "/api/graphql":
	case strings.HasPrefix(path, "/api/v3/"):
		path = strings.TrimPrefix(path, "/api/v3")
	default:
		writeJSON(w, http.StatusNotFound, msg("Not Found"))
		return
	}
	key := r.Method + " " + path
	s.log = append(s.log, key+"?"+r.URL.RawQuery)
	if r.Header.Get("Authorization") != "Bearer "+s.Token {
		writeJSON(w, http.StatusUnauthorized, msg("Bad credentials"))
		return
	}
	body, _ := io.ReadAll(r.Body)
	if fs := s.faults[key]; len(fs) > 0 {
		ft := fs[0]
		s.faults[key] = fs[1:]
		if ft.Apply {
			s.handle(httptest.NewRecorder(), r, path, body)
		}
		if ft.Stall > 0 || ft.Endless {
			// Serve others meanwhile.
			s.mu.Unlock()
			defer s.mu.Lock()
			stall(w, r, ft)
			return
		}
		for k, v := range ft.Header {
			w.Header().Set(k, v)
		}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(ft.Status)
		io.WriteString(w, ft.Body)
		return
	}
	s.handle(w, r, path, body)
}

// stall serves a Stall or Endless fault.
func stall(w http.ResponseWriter, r *http.Request, ft Fault) {
	if ft.Stall > 0 {
		select {
		case <-r.Context().Done():
			return
		case <-time.After(ft.Stall):
		}
	}
	if !ft.Endless {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(ft.Status)
		io.WriteString(w, ft.Body)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusOK)
	io.WriteString(w, "[")
	item := `{"id": 1, "user": {"login": "someone"}, "body": "` + strings.Repeat("endless ", 128) + `"},`
	for r.Context().Err() == nil {
		if _, err := io.WriteString(w, item); err != nil {
			return
		}
	}
}

func msg(m string) map[string]string { return map[string]string{"message": m} }

func tooLong(text string) bool { return len([]rune(text)) > 65536 }

func (s *Server) handle(w http.ResponseWriter, r *http.Request, path string, body []byte) {
	var in map[string]any
	if len(body) > 0 {
		if err := json.Unmarshal(body, &in); err != nil {
			writeJSON(w, http.StatusBadRequest, msg("Problems parsing JSON"))
			return
		}
	}
	if r.Method != http.MethodGet && path != "/api/graphql" && s.readOnly {
		writeJSON(w, http.StatusForbidden, map[string]string{"message": "Resource not accessible by integration",
			"documentation_url": "https://docs.github.com/rest/issues/comments#create-an-issue-comment"})
		return
	}
	m := commentsPath.FindStringSubmatch(path)
	switch {
	case path == "/api/graphql" || (path == "/user" && r.Method == http.MethodGet):
		if s.denyViewer {
			writeJSON(w, http.StatusForbidden, msg("Resource not accessible by integration"))
		} else if path == "/user" {
			writeJSON(w, http.StatusOK, map[string]any{"login": s.Viewer, "id": 1})
		} else {
			writeJSON(w, http.StatusOK, map[string]any{"data": map[string]any{"viewer": map[string]string{"login": s.Viewer}}})
		}
	case m != nil && m[3] != strconv.Itoa(PullRequest):
		writeJSON(w, http.StatusNotFound, msg("Not Found"))
	case m != nil && r.Method == http.MethodGet:
		s.list(w, r)
	case m != nil && r.Method == http.MethodPost:
		text, _ := in["body"].(string)
		if tooLong(text) {
			writeJSON(w, http.StatusUnprocessableEntity, msg("Validation Failed: body is too long (maximum is 65536 characters)"))
			return
		}
		s.nextID++
		s.comments = append(s.comments, Comment{ID: s.nextID, Author: s.Viewer, Body: text})
		writeJSON(w, http.StatusCreated, map[string]any{"id": s.nextID, "body": text, "user": map[string]any{"login": s.Viewer}})
	case commentPath.MatchString(path) && r.Method == http.MethodPatch:
		s.edit(w, commentPath.FindStringSubmatch(path)[3], in)
	case checkRunPath.MatchString(path):
		s.checkRun(w, r, checkRunPath.FindStringSubmatch(path)[3], in)
	default:
		writeJSON(w, http.StatusNotFound, msg("Not Found"))
	}
}

func (s *Server) list(w http.ResponseWriter, r *http.Request) {
	per, _ := strconv.Atoi(r.URL.Query().Get("per_page"))
	if per <= 0 || per > 100 {
		per = 30
	}
	page, _ := strconv.Atoi(r.URL.Query().Get("page"))
	page = max(page, 1)
	lo, hi := min((page-1)*per, len(s.comments)), min(page*per, len(s.comments))
	if hi < len(s.comments) {
		w.Header().Set("Link", fmt.Sprintf(`<%s%s?page=%d&per_page=%d>; rel="next"`, s.URL, r.URL.Path, page+1, per))
	}
	out := []map[string]any{}
	for _, c := range s.comments[lo:hi] {
		out = append(out, map[string]any{"id": c.ID, "body": c.Body, "user": map[string]any{"login": c.Author}})
	}
	writeJSON(w, http.StatusOK, out)
}

func (s *Server) edit(w http.ResponseWriter, idText string, in map[string]any) {
	id, _ := strconv.ParseInt(idText, 10, 64)
	text, _ := in["body"].(string)
	if tooLong(text) {
		writeJSON(w, http.StatusUnprocessableEntity, msg("Validation Failed: body is too long (maximum is 65536 characters)"))
		return
	}
	for i := range s.comments {
		if s.comments[i].ID == id {
			if s.comments[i].Author != s.Viewer {
				s.problems = append(s.problems, fmt.Sprintf("edited comment %d by %s", id, s.comments[i].Author))
			}
			s.comments[i].Body = text
			writeJSON(w, http.StatusOK, map[string]any{"id": id, "body": text, "user": map[string]any{"login": s.comments[i].Author}})
			return
		}
	}
	writeJSON(w, http.StatusNotFound, msg("Not Found"))
}

func (s *Server) checkRun(w http.ResponseWriter, r *http.Request, idText string, in map[string]any) {
	out, _ := in["output"].(map[string]any)
	anns, _ := out["annotations"].([]any)
	if len(anns) > 50 {
		writeJSON(w, http.StatusUnprocessableEntity, msg("Only 50 annotations are allowed per request"))
		return
	}
	var run *CheckRun
	id := s.nextID + 1
	switch {
	case idText == "" && r.Method == http.MethodPost:
		run = &CheckRun{}
		run.Name, _ = in["name"].(string)
		run.HeadSHA, _ = in["head_sha"].(string)
		run.Conclusion, _ = in["conclusion"].(string)
		s.nextID = id
		s.checkRuns[id] = run
	case idText != "" && r.Method == http.MethodPatch:
		id, _ = strconv.ParseInt(idText, 10, 64)
		if run = s.checkRuns[id]; run == nil {
			writeJSON(w, http.StatusNotFound, msg("Not Found"))
			return
		}
		run.Updates++
	default:
		writeJSON(w, http.StatusNotFound, msg("Not Found"))
		return
	}
	run.Title, _ = out["title"].(string)
	run.Summary, _ = out["summary"].(string)
	for _, a := range anns {
		if m, ok := a.(map[string]any); ok {
			run.Annotations = append(run.Annotations, m)
		}
	}
	writeJSON(w, http.StatusCreated, map[string]any{"id": id})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}
