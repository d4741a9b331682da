package github

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	gh "github.com/google/go-github/v60/github"
)

// API is the slice of the GitHub REST API the publisher uses. [REST]
// implements it with go-github; tests may use REST against an httptest
// server or a fake of their own.
type API interface {
	// Viewer returns the login of the account the token acts as
	// ("github-actions[bot]" for the Actions token).
	Viewer(ctx context.Context) (string, error)
	// Comments returns one page (1-based) of a pull request's conversation
	// comments and the next page's number, 0 after the last page.
	Comments(ctx context.Context, owner, repo string, number, page int) ([]Comment, int, error)
	// CreateComment adds a comment to a pull request and returns its ID.
	CreateComment(ctx context.Context, owner, repo string, number int, body string) (int64, error)
	// EditComment replaces a comment's body.
	EditComment(ctx context.Context, owner, repo string, id int64, body string) error
	// CreateCheckRun creates a completed check run and returns its ID.
	CreateCheckRun(ctx context.Context, owner, repo string, run CheckRun) (int64, error)
	// UpdateCheckRun updates a check run; annotations are appended to the
	// ones it already has.
	UpdateCheckRun(ctx context.Context, owner, repo string, id int64, run CheckRun) error
}

// Comment is a pull request's conversation comment.
type Comment struct {
	ID     int64
	Author string
	Body   string
}

// CheckRun is a completed check run with its output.
type CheckRun struct {
	Name    string
	HeadSHA string
	// Conclusion is "success", "failure" or "neutral".
	Conclusion  string
	Title       string
	Summary     string
	Annotations []Annotation
}

// Annotation is one check-run annotation.
type Annotation struct {
	Path      string
	StartLine int
	EndLine   int
	// Level is "notice", "warning" or "failure".
	Level   string
	Title   string
	Message string
}

// Status returns the HTTP status of a failed API call, or 0 when err did
// not come from an HTTP response.
func Status(err error) int {
	var er *gh.ErrorResponse
	var rl *gh.RateLimitError
	var ab *gh.AbuseRateLimitError
	switch {
	case errors.As(err, &er) && er.Response != nil:
		return er.Response.StatusCode
	case errors.As(err, &rl) && rl.Response != nil:
		return rl.Response.StatusCode
	case errors.As(err, &ab) && ab.Response != nil:
		return ab.Response.StatusCode
	}
	return 0
}

// REST implements API with go-github.
type REST struct {
	client  *gh.Client
	graphQL string
}

// NewREST returns a client for env's API root (GitHub Enterprise Server
// included) that authenticates with env.Token. httpClient carries the
// transport, typically a [Transport]; nil means a client whose requests are
// bounded like a [Transport]'s (see package internal/httplimit).
func NewREST(httpClient *http.Client, env Env) (*REST, error) {
	if env.Token == "" {
		return nil, errors.New("no GitHub token: set GITHUB_TOKEN (the action's github-token input)")
	}
	if httpClient == nil {
		httpClient = &http.Client{Transport: defaultBase}
	}
	c := gh.NewClient(httpClient).WithAuthToken(env.Token)
	api := env.APIURL
	if api == "" {
		api = DefaultAPIURL
	}
	base, err := url.Parse(strings.TrimSuffix(api, "/") + "/")
	if err != nil || (base.Scheme != "https" && base.Scheme != "http") || base.Host == "" {
		return nil, fmt.Errorf("GITHUB_API_URL %q is not an http(s) URL", api)
	}
	c.BaseURL = base
	c.UserAgent = "contractlint"
	gql := env.GraphQLURL
	if gql == "" {
		gql = graphQLURL(strings.TrimSuffix(api, "/"))
	}
	return &REST{client: c, graphQL: gql}, nil
}

// Viewer asks GraphQL for the token's login, which works for the Actions
// token where GET /user does not, and falls back to GET /user.
func (r *REST) Viewer(ctx context.Context) (string, error) {
	req, err := r.client.NewRequest(http.MethodPost, r.graphQL, map[string]string{"query": "query { viewer { login } }"})
	if err != nil {
		return "", err
	}
	var out struct {
		Data struct {
			Viewer struct {
				Login string `json:"login"`
			} `json:"viewer"`
		} `json:"data"`
	}
	_, gqlErr := r.client.Do(idempotent(ctx), req, &out)
	if gqlErr == nil && out.Data.Viewer.Login != "" {
		return out.Data.Viewer.Login, nil
	}
	u, _, err := r.client.Users.Get(ctx, "")
	if err != nil {
		if gqlErr != nil {
			return "", fmt.Errorf("find the token's account: %w", gqlErr)
		}
		return "", fmt.Errorf("find the token's account: %w", err)
	}
	return u.GetLogin(), nil
}

// Comments implements API.
func (r *REST) Comments(ctx context.Context, owner, repo string, number, page int) ([]Comment, int, error) {
	opts := &gh.IssueListCommentsOptions{ListOptions: gh.ListOptions{Page: page, PerPage: 100}}
	list, resp, err := r.client.Issues.ListComments(ctx, owner, repo, number, opts)
	if err != nil {
		return nil, 0, fmt.Errorf("list comments of pull request #%d: %w", number, err)
	}
	out := make([]Comment, 0, len(list))
	for _, c := range list {
		out = append(out, Comment{ID: c.GetID(), Author: c.GetUser().GetLogin(), Body: c.GetBody()})
	}
	return out, resp.NextPage, nil
}

// CreateComment implements API.
func (r *REST) CreateComment(ctx context.Context, owner, repo string, number int, body string) (int64, error) {
	c, _, err := r.client.Issues.CreateComment(ctx, owner, repo, number, &gh.IssueComment{Body: &body})
	if err != nil {
		return 0, fmt.Errorf("comment on pull request #%d: %w", number, err)
	}
	return c.GetID(), nil
}

// EditComment implements API.
func (r *REST) EditComment(ctx context.Context, owner, repo string, id int64, body string) error {
	if _, _, err := r.client.Issues.EditComment(ctx, owner, repo, id, &gh.IssueComment{Body: &body}); err != nil {
		return fmt.Errorf("edit comment %d: %w", id, err)
	}
	return nil
}

// CreateCheckRun implements API.
func (r *REST) CreateCheckRun(ctx context.Context, owner, repo string, run CheckRun) (int64, error) {
	cr, _, err := r.client.Checks.CreateCheckRun(ctx, owner, repo, gh.CreateCheckRunOptions{
		Name:        run.Name,
		HeadSHA:     run.HeadSHA,
		Status:      gh.String("completed"),
		Conclusion:  gh.String(run.Conclusion),
		CompletedAt: &gh.Timestamp{Time: time.Now()},
		Output:      output(run),
	})
	if err != nil {
		return 0, fmt.Errorf("create check run: %w", err)
	}
	return cr.GetID(), nil
}

// UpdateCheckRun implements API.
func (r *REST) UpdateCheckRun(ctx context.Context, owner, repo string, id int64, run CheckRun) error {
	_, _, err := r.client.Checks.UpdateCheckRun(ctx, owner, repo, id, gh.UpdateCheckRunOptions{Name: run.Name, Output: output(run)})
	if err != nil {
		return fmt.Errorf("update check run %d: %w", id, err)
	}
	return nil
}

func output(run CheckRun) *gh.CheckRunOutput {
	o := &gh.CheckRunOutput{Title: gh.String(run.Title), Summary: gh.String(run.Summary)}
	for _, a := range run.Annotations {
		o.Annotations = append(o.Annotations, &gh.CheckRunAnnotation{
			Path:            gh.String(a.Path),
			StartLine:       gh.Int(a.StartLine),
			EndLine:         gh.Int(a.EndLine),
			AnnotationLevel: gh.String(a.Level),
			Title:           gh.String(a.Title),
			Message:         gh.String(a.Message),
		})
	}
	return o
}
