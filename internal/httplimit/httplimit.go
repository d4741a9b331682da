// Package httplimit bounds HTTP exchanges with services contractlint does
// not control (the GitHub API, a schema registry): every request gets a
// deadline that covers its response body, and a response body may not grow
// beyond a size cap. A slow or hostile server then costs a clear error
// ([*Error]) instead of a hang or an out-of-memory crash.
//
// Use it as the innermost transport, below any retrying one, so that each
// attempt gets its own deadline:
//
//	client := &http.Client{Transport: &httplimit.Transport{Service: "schema registry"}}
package httplimit

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"time"
)

// Defaults of [Transport].
const (
	DefaultTimeout = 30 * time.Second
	DefaultMaxBody = 32 << 20
)

// Transport is an http.RoundTripper that bounds each exchange.
type Transport struct {
	// Base sends the requests; nil means http.DefaultTransport.
	Base http.RoundTripper
	// Timeout bounds one request, from sending it to reading the last
	// byte of its response; zero means [DefaultTimeout], negative none.
	Timeout time.Duration
	// MaxBody bounds a response body in bytes; zero means
	// [DefaultMaxBody], negative none.
	MaxBody int64
	// Service names the server in errors ("GitHub API").
	Service string
	// TimeoutHint and SizeHint, when set, tell users how to raise each
	// limit; they end the error messages.
	TimeoutHint, SizeHint string
}

// Error is an exchange stopped by a limit.
type Error struct {
	// Service, Method and URL say which request.
	Service, Method, URL string
	// Timeout is set when the deadline passed, MaxBody when the body was
	// too large.
	Timeout time.Duration
	MaxBody int64
	// Hint tells users how to raise the limit.
	Hint string
}

func (e *Error) Error() string {
	what := e.Method + " " + e.URL
	if e.Service != "" {
		what = e.Service + " " + what
	}
	var s string
	if e.Timeout > 0 {
		s = fmt.Sprintf("%s: no complete response within %s", what, e.Timeout)
	} else {
		s = fmt.Sprintf("%s: response larger than %s; stopped reading it", what, formatBytes(e.MaxBody))
	}
	if e.Hint != "" {
		s += " (" + e.Hint + ")"
	}
	return s
}

// IsTimeout reports whether the deadline passed (otherwise the body was too
// large).
func (e *Error) IsTimeout() bool { return e.Timeout > 0 }

func formatBytes(n int64) string {
	if n >= 1<<20 && n%(1<<20) == 0 {
		return strconv.FormatInt(n>>20, 10) + " MiB"
	}
	return strconv.FormatInt(n, 10) + " bytes"
}

func (t *Transport) limits() (time.Duration, int64) {
	timeout, max := t.Timeout, t.MaxBody
	if timeout == 0 {
		timeout = DefaultTimeout
	}
	if max == 0 {
		max = DefaultMaxBody
	}
	return timeout, max
}

func (t *Transport) errorFor(req *http.Request, timeout time.Duration, max int64) *Error {
	u := *req.URL
	u.RawQuery, u.User = "", nil
	hint := t.SizeHint
	if timeout > 0 {
		hint = t.TimeoutHint
	}
	return &Error{Service: t.Service, Method: req.Method, URL: u.String(), Timeout: timeout, MaxBody: max, Hint: hint}
}

// RoundTrip implements http.RoundTripper.
func (t *Transport) RoundTrip(req *http.Request) (*http.Response, error) {
	base := t.Base
	if base == nil {
		base = http.DefaultTransport
	}
	timeout, max := t.limits()
	ctx, cancel := req.Context(), context.CancelFunc(func() {})
	if timeout > 0 {
		ctx, cancel = context.WithTimeout(ctx, timeout)
	}
	resp, err := base.RoundTrip(req.WithContext(ctx))
	if err != nil {
		expired := ctx.Err() == context.DeadlineExceeded && req.Context().Err() == nil
		cancel()
		if expired {
			return nil, t.errorFor(req, timeout, 0)
		}
		return nil, err
	}
	if max > 0 && resp.ContentLength > max {
		resp.Body.Close()
		cancel()
		return nil, t.errorFor(req, 0, max)
	}
	resp.Body = &body{rc: resp.Body, left: max, limited: max > 0, cancel: cancel, ctx: ctx, parent: req.Context(),
		err: func(timedOut bool) error {
			if timedOut {
				return t.errorFor(req, timeout, 0)
			}
			return t.errorFor(req, 0, max)
		}}
	return resp, nil
}

// body enforces the size cap while it is read and ends the request's
// deadline when it is closed.
type body struct {
	rc      io.ReadCloser
	left    int64
	limited bool
	cancel  context.CancelFunc
	ctx     context.Context
	parent  context.Context
	err     func(timedOut bool) error
}

func (b *body) Read(p []byte) (int, error) {
	if b.limited {
		if b.left <= 0 {
			// One byte more than allowed tells a body of exactly the
			// limit from a longer one.
			var one [1]byte
			n, err := b.rc.Read(one[:])
			if n > 0 {
				return 0, b.err(false)
			}
			return 0, b.wrap(err)
		}
		if int64(len(p)) > b.left {
			p = p[:b.left]
		}
	}
	n, err := b.rc.Read(p)
	b.left -= int64(n)
	if errors.Is(err, io.EOF) {
		b.cancel()
	}
	return n, b.wrap(err)
}

func (b *body) wrap(err error) error {
	if err != nil && !errors.Is(err, io.EOF) && b.ctx.Err() == context.DeadlineExceeded && b.parent.Err() == nil {
		return b.err(true)
	}
	return err
}

func (b *body) Close() error {
	err := b.rc.Close()
	b.cancel()
	return err
}
