package github

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"regexp"
	"strings"

	gh "github.com/google/go-github/v60/github"
)

// ActionsBot is the account the GitHub Actions token acts as.
const ActionsBot = "github-actions[bot]"

// CommentResult says what UpsertComment did.
type CommentResult int

// Comment results.
const (
	// CommentSkipped: nothing was written (see the returned error).
	CommentSkipped CommentResult = iota
	// CommentCreated: no comment of ours carried the marker; one was added.
	CommentCreated
	// CommentEdited: our comment was edited in place.
	CommentEdited
	// CommentUnchanged: our comment already said exactly this.
	CommentUnchanged
)

func (r CommentResult) String() string {
	switch r {
	case CommentCreated:
		return "created"
	case CommentEdited:
		return "edited"
	case CommentUnchanged:
		return "unchanged"
	}
	return "skipped"
}

var commentIDPattern = regexp.MustCompile(`^[A-Za-z0-9._-]{1,64}$`)

// Marker is the hidden first line that identifies contractlint's comment
// for one comment ID (several jobs on one pull request use different IDs).
// An empty id means "default".
func Marker(id string) (string, error) {
	if id == "" {
		id = "default"
	}
	if !commentIDPattern.MatchString(id) {
		return "", fmt.Errorf("comment ID %q: use 1 to 64 letters, digits, '.', '_' or '-'", id)
	}
	return "<!-- contractlint:comment id=" + id + " -->", nil
}

// ErrNoAccess wraps failures caused by a token that may not write to the
// pull request: a fork's read-only token, missing workflow permissions.
var ErrNoAccess = errors.New("the token may not write to this pull request")

// Publisher writes to one pull request.
type Publisher struct {
	API   API
	Owner string
	Repo  string
	PR    *PullRequest
	// Backoff paces the re-checks after a failed comment creation.
	Backoff Backoff
}

// UpsertComment makes the pull request carry exactly one comment of ours
// with marker, saying body: the first comment whose author is the token's
// own account and whose body holds marker is edited in place (or left alone
// when it already says body); otherwise a comment is created. Comments by
// anyone else are never touched, even when they carry the marker. body is
// prefixed with marker when it lacks it.
func (p *Publisher) UpsertComment(ctx context.Context, marker, body string) (CommentResult, error) {
	if !strings.Contains(body, marker) {
		body = marker + "\n" + body
	}
	me, err := p.viewer(ctx)
	if err != nil {
		return CommentSkipped, err
	}
	const attempts = 3
	for n := 1; ; n++ {
		found, err := p.find(ctx, me, marker)
		if err != nil {
			return CommentSkipped, classify(err)
		}
		if found != nil {
			same := normalize(found.Body) == normalize(body)
			if !same {
				if err := p.API.EditComment(ctx, p.Owner, p.Repo, found.ID, body); err != nil {
					return CommentSkipped, classify(err)
				}
			}
			switch {
			case n > 1:
				// A creation that reported a server error took effect after all.
				return CommentCreated, nil
			case same:
				return CommentUnchanged, nil
			}
			return CommentEdited, nil
		}
		_, err = p.API.CreateComment(ctx, p.Owner, p.Repo, p.PR.Number, body)
		if err == nil {
			return CommentCreated, nil
		}
		// A server error may hide a comment that was created: look again
		// before creating another.
		if Status(err) < 500 || n >= attempts {
			return CommentSkipped, classify(err)
		}
		if err := p.Backoff.Wait(ctx, p.Backoff.Delay(n)); err != nil {
			return CommentSkipped, err
		}
	}
}

// viewer finds the token's login. The Actions token may be denied both
// GraphQL's viewer and GET /user; it then acts as github-actions[bot].
func (p *Publisher) viewer(ctx context.Context) (string, error) {
	me, err := p.API.Viewer(ctx)
	if err == nil && me != "" {
		return me, nil
	}
	switch Status(err) {
	case http.StatusUnauthorized:
		return "", classify(err)
	case http.StatusForbidden, http.StatusNotFound:
		return ActionsBot, nil
	}
	if err == nil {
		err = errors.New("the API named no account")
	}
	return "", err
}

// find walks every page of the conversation and returns our first comment
// carrying marker.
func (p *Publisher) find(ctx context.Context, me, marker string) (*Comment, error) {
	for page := 1; page != 0; {
		list, next, err := p.API.Comments(ctx, p.Owner, p.Repo, p.PR.Number, page)
		if err != nil {
			return nil, err
		}
		for i := range list {
			c := list[i]
			if strings.EqualFold(c.Author, me) && strings.Contains(c.Body, marker) {
				return &c, nil
			}
		}
		if next != 0 && next <= page {
			return nil, fmt.Errorf("list comments: page %d points back to page %d", page, next)
		}
		page = next
	}
	return nil, nil
}

// classify wraps permission failures in ErrNoAccess; a rate limit that
// outlasted the retries is not one.
func classify(err error) error {
	if rateLimited(err) {
		return err
	}
	switch Status(err) {
	case http.StatusUnauthorized, http.StatusForbidden, http.StatusNotFound:
		return fmt.Errorf("%w: %w", ErrNoAccess, err)
	}
	return err
}

// normalize ignores the line-ending differences GitHub may introduce.
func normalize(s string) string {
	return strings.TrimRight(strings.ReplaceAll(s, "\r\n", "\n"), "\n")
}

// rateLimited recognizes a rate limit that outlasted the retries, whether
// or not go-github typed it as one.
func rateLimited(err error) bool {
	var rl *gh.RateLimitError
	var ab *gh.AbuseRateLimitError
	var er *gh.ErrorResponse
	switch {
	case errors.As(err, &rl), errors.As(err, &ab):
		return true
	case errors.As(err, &er):
		if er.Response != nil && (er.Response.StatusCode == http.StatusTooManyRequests ||
			er.Response.Header.Get("Retry-After") != "" || er.Response.Header.Get("X-Ratelimit-Remaining") == "0") {
			return true
		}
		return strings.Contains(strings.ToLower(er.Message), "rate limit")
	}
	return false
}
