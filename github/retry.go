package github

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/contractlint/contractlint/internal/httplimit"
)

// Backoff decides how long to wait between attempts. The zero value waits
// 1s, 2s, 4s, ... with full jitter on the upper half, using real timers.
type Backoff struct {
	// Base is the first delay (default 1s).
	Base time.Duration
	// Sleep waits d or until ctx is done; nil uses a real timer. Tests
	// replace it to run without waiting.
	Sleep func(ctx context.Context, d time.Duration) error
	// Jitter returns a number in [0, 1); nil uses math/rand/v2.
	Jitter func() float64
}

// Delay is the jittered delay before attempt n+1, after n failed attempts
// (n ≥ 1): between half and all of Base·2ⁿ⁻¹.
func (b Backoff) Delay(n int) time.Duration {
	base := b.Base
	if base <= 0 {
		base = time.Second
	}
	d := base << min(max(n-1, 0), 10)
	j := rand.Float64
	if b.Jitter != nil {
		j = b.Jitter
	}
	return d/2 + time.Duration(j()*float64(d/2))
}

// Wait sleeps d, or returns ctx's error when it is done first.
func (b Backoff) Wait(ctx context.Context, d time.Duration) error {
	if b.Sleep != nil {
		return b.Sleep(ctx, d)
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Transport is an http.RoundTripper that retries what GitHub asks to be
// retried:
//   - a rate limit (primary or secondary; 403 or 429) is waited out as the
//     server asks — Retry-After, else x-ratelimit-reset when no requests
//     remain, else one minute — unless that is longer than MaxWait; the
//     server did not act on a rate-limited request, so every method is
//     retried;
//   - a server error (5xx) or a network error is retried with jittered
//     exponential backoff, for idempotent requests only (a POST may have
//     taken effect);
//   - any other response, 4xx included, is returned as is.
type Transport struct {
	// Base sends the requests; nil means http.DefaultTransport bounded by
	// package internal/httplimit's defaults (30 s per request, response
	// body included; 32 MiB per response). A request that timed out or
	// whose response was too large is not retried.
	Base http.RoundTripper
	Backoff
	// Attempts is the most tries per request (default 4).
	Attempts int
	// MaxWait caps one wait for a rate limit (default 90s).
	MaxWait time.Duration
	// Now tells the time, for x-ratelimit-reset; nil means time.Now.
	Now func() time.Time
	// Notify, when set, is told about every retry in one line.
	Notify func(msg string)
}

type idempotentKey struct{}

// idempotent marks a request's context as safe to repeat after a server
// error even though its method is POST (a GraphQL query, for instance).
func idempotent(ctx context.Context) context.Context {
	return context.WithValue(ctx, idempotentKey{}, true)
}

func isIdempotent(req *http.Request) bool {
	switch req.Method {
	case http.MethodGet, http.MethodHead, http.MethodPut, http.MethodPatch, http.MethodDelete, http.MethodOptions:
		return true
	}
	v, _ := req.Context().Value(idempotentKey{}).(bool)
	return v
}

// RoundTrip implements http.RoundTripper.
func (t *Transport) RoundTrip(req *http.Request) (*http.Response, error) {
	base := t.Base
	if base == nil {
		base = defaultBase
	}
	attempts := t.Attempts
	if attempts <= 0 {
		attempts = 4
	}
	ctx := req.Context()
	for n := 1; ; n++ {
		try := req
		if n > 1 {
			try = req.Clone(ctx)
			if req.Body != nil && req.Body != http.NoBody {
				body, err := req.GetBody()
				if err != nil {
					return nil, err
				}
				try.Body = body
			}
		}
		resp, err := base.RoundTrip(try)
		wait, why := t.retryAfter(req, resp, err, n)
		if why == "" || n >= attempts || (req.Body != nil && req.Body != http.NoBody && req.GetBody == nil) {
			return resp, err
		}
		if resp != nil {
			io.Copy(io.Discard, io.LimitReader(resp.Body, 1<<20))
			resp.Body.Close()
		}
		if t.Notify != nil {
			t.Notify(fmt.Sprintf("GitHub API %s %s: %s; retrying in %s (attempt %d of %d)",
				req.Method, req.URL.Path, why, wait.Round(time.Millisecond), n+1, attempts))
		}
		if err := t.Wait(ctx, wait); err != nil {
			return nil, err
		}
	}
}

// defaultBase is the Base of a Transport without one.
var defaultBase http.RoundTripper = &httplimit.Transport{Service: "GitHub API"}

// retryAfter says whether and after how long to retry; why is empty when
// the outcome is final.
func (t *Transport) retryAfter(req *http.Request, resp *http.Response, err error, n int) (time.Duration, string) {
	if err != nil {
		// A server that did not answer within the per-request timeout, or
		// answered without end, is not asked again: that would multiply
		// the wait.
		var limit *httplimit.Error
		if req.Context().Err() != nil || !isIdempotent(req) || errors.As(err, &limit) {
			return 0, ""
		}
		return t.Delay(n), "network error"
	}
	switch {
	case resp.StatusCode >= 500:
		if !isIdempotent(req) {
			return 0, ""
		}
		return t.Delay(n), resp.Status
	case resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode == http.StatusForbidden:
		wait, limited := t.rateLimitWait(resp)
		maxWait := t.MaxWait
		if maxWait <= 0 {
			maxWait = 90 * time.Second
		}
		if !limited || wait > maxWait {
			return 0, ""
		}
		return wait, "rate limited"
	}
	return 0, ""
}

// rateLimitWait recognizes a rate-limit response and says how long GitHub
// asks to wait, following GitHub's documented order: Retry-After, then
// x-ratelimit-reset when x-ratelimit-remaining is 0, then one minute for a
// secondary limit that names no time.
func (t *Transport) rateLimitWait(resp *http.Response) (time.Duration, bool) {
	if v := resp.Header.Get("Retry-After"); v != "" {
		if s, err := strconv.Atoi(strings.TrimSpace(v)); err == nil && s >= 0 {
			return time.Duration(s) * time.Second, true
		}
		if at, err := http.ParseTime(v); err == nil {
			return max(at.Sub(t.now()), 0), true
		}
	}
	if resp.Header.Get("X-Ratelimit-Remaining") == "0" {
		if s, err := strconv.ParseInt(resp.Header.Get("X-Ratelimit-Reset"), 10, 64); err == nil {
			return max(time.Unix(s, 0).Sub(t.now()), 0) + time.Second, true
		}
	}
	if resp.StatusCode == http.StatusTooManyRequests || secondaryLimit(resp) {
		return time.Minute, true
	}
	return 0, false
}

// secondaryLimit peeks at a 403 body for GitHub's secondary-rate-limit
// message, leaving the body readable.
func secondaryLimit(resp *http.Response) bool {
	data, _ := io.ReadAll(io.LimitReader(resp.Body, 64<<10))
	resp.Body.Close()
	resp.Body = io.NopCloser(bytes.NewReader(data))
	s := strings.ToLower(string(data))
	return strings.Contains(s, "secondary rate limit") || strings.Contains(s, "abuse")
}

func (t *Transport) now() time.Time {
	if t.Now != nil {
		return t.Now()
	}
	return time.Now()
}
