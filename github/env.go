package github

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"
)

// Env is what GitHub Actions tells a step about its run, read from the
// environment. Token is secret: Env's String and GoString leave it out.
type Env struct {
	// Actions is true when GITHUB_ACTIONS is "true".
	Actions bool
	// EventName and EventPath name the event that triggered the run and the
	// file holding its payload (GITHUB_EVENT_NAME, GITHUB_EVENT_PATH).
	EventName string
	EventPath string
	// Repository is "owner/name" (GITHUB_REPOSITORY).
	Repository string
	// APIURL is the REST API root, ServerURL the web root and GraphQLURL the
	// GraphQL endpoint; they differ on GitHub Enterprise Server
	// (GITHUB_API_URL, GITHUB_SERVER_URL, GITHUB_GRAPHQL_URL).
	APIURL     string
	ServerURL  string
	GraphQLURL string
	// Token authenticates API calls (GITHUB_TOKEN).
	Token string
	// StepSummary is the file the job summary is appended to
	// (GITHUB_STEP_SUMMARY); Output the file step outputs are appended to
	// (GITHUB_OUTPUT).
	StepSummary string
	Output      string
	// RunID identifies the workflow run, for links to it (GITHUB_RUN_ID).
	RunID string
	// SHA is the commit the run is for (GITHUB_SHA).
	SHA string
}

// Defaults for github.com.
const (
	DefaultAPIURL    = "https://api.github.com"
	DefaultServerURL = "https://github.com"
)

// EnvFrom reads the environment through getenv (os.Getenv in production).
func EnvFrom(getenv func(string) string) Env {
	e := Env{
		Actions:     getenv("GITHUB_ACTIONS") == "true",
		EventName:   getenv("GITHUB_EVENT_NAME"),
		EventPath:   getenv("GITHUB_EVENT_PATH"),
		Repository:  getenv("GITHUB_REPOSITORY"),
		APIURL:      strings.TrimSuffix(getenv("GITHUB_API_URL"), "/"),
		ServerURL:   strings.TrimSuffix(getenv("GITHUB_SERVER_URL"), "/"),
		GraphQLURL:  getenv("GITHUB_GRAPHQL_URL"),
		Token:       getenv("GITHUB_TOKEN"),
		StepSummary: getenv("GITHUB_STEP_SUMMARY"),
		Output:      getenv("GITHUB_OUTPUT"),
		RunID:       getenv("GITHUB_RUN_ID"),
		SHA:         getenv("GITHUB_SHA"),
	}
	if e.APIURL == "" {
		e.APIURL = DefaultAPIURL
	}
	if e.ServerURL == "" {
		e.ServerURL = DefaultServerURL
	}
	if e.GraphQLURL == "" {
		e.GraphQLURL = graphQLURL(e.APIURL)
	}
	return e
}

// graphQLURL derives the GraphQL endpoint from the REST root:
// api.github.com/graphql on github.com, HOST/api/graphql on Enterprise
// Server (whose REST root is HOST/api/v3).
func graphQLURL(api string) string {
	if base, ok := strings.CutSuffix(api, "/v3"); ok {
		return base + "/graphql"
	}
	return api + "/graphql"
}

// RunURL links to the workflow run, or is empty when the run is unknown.
func (e Env) RunURL() string {
	if e.Repository == "" || e.RunID == "" {
		return ""
	}
	return e.ServerURL + "/" + e.Repository + "/actions/runs/" + e.RunID
}

// OwnerRepo splits Repository into owner and name.
func (e Env) OwnerRepo() (owner, repo string, err error) {
	owner, repo, ok := strings.Cut(e.Repository, "/")
	if !ok || owner == "" || repo == "" || strings.Contains(repo, "/") {
		return "", "", fmt.Errorf("GITHUB_REPOSITORY %q: want OWNER/NAME", e.Repository)
	}
	return owner, repo, nil
}

// IsPullRequest reports whether the run was triggered by a pull-request
// event.
func (e Env) IsPullRequest() bool {
	return e.EventName == "pull_request" || e.EventName == "pull_request_target"
}

// String describes the environment without the token.
func (e Env) String() string {
	tok := "unset"
	if e.Token != "" {
		tok = "set"
	}
	return fmt.Sprintf("github.Env{Actions:%t EventName:%q Repository:%q APIURL:%q Token:%s}",
		e.Actions, e.EventName, e.Repository, e.APIURL, tok)
}

// GoString is String, so that %#v cannot leak the token either.
func (e Env) GoString() string { return e.String() }

// PullRequest is the part of a pull_request event payload the publisher
// needs.
type PullRequest struct {
	Number int
	// HeadSHA is the commit under review; file links point at it.
	HeadSHA string
	// HeadRepo and BaseRepo are "owner/name"; they differ for a pull request
	// from a fork. HeadRepo is empty when the fork was deleted.
	HeadRepo string
	BaseRepo string
}

// Fork reports whether the pull request comes from another repository.
func (p *PullRequest) Fork() bool {
	return !strings.EqualFold(p.HeadRepo, p.BaseRepo)
}

// ReadPullRequest reads the pull request out of an event payload file. It
// returns nil and no error when the event is not about a pull request.
func ReadPullRequest(path string) (*PullRequest, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read GitHub event: %w", err)
	}
	var ev struct {
		Number      int `json:"number"`
		PullRequest *struct {
			Number int `json:"number"`
			Head   struct {
				SHA  string `json:"sha"`
				Repo *struct {
					FullName string `json:"full_name"`
				} `json:"repo"`
			} `json:"head"`
			Base struct {
				Repo *struct {
					FullName string `json:"full_name"`
				} `json:"repo"`
			} `json:"base"`
		} `json:"pull_request"`
		Repository *struct {
			FullName string `json:"full_name"`
		} `json:"repository"`
	}
	if err := json.Unmarshal(data, &ev); err != nil {
		return nil, fmt.Errorf("read GitHub event %s: %w", path, err)
	}
	if ev.PullRequest == nil {
		return nil, nil
	}
	pr := &PullRequest{Number: ev.PullRequest.Number, HeadSHA: ev.PullRequest.Head.SHA}
	if pr.Number == 0 {
		pr.Number = ev.Number
	}
	if pr.Number <= 0 {
		return nil, fmt.Errorf("read GitHub event %s: pull request has no number", path)
	}
	if r := ev.PullRequest.Head.Repo; r != nil {
		pr.HeadRepo = r.FullName
	}
	switch {
	case ev.PullRequest.Base.Repo != nil:
		pr.BaseRepo = ev.PullRequest.Base.Repo.FullName
	case ev.Repository != nil:
		pr.BaseRepo = ev.Repository.FullName
	}
	return pr, nil
}
