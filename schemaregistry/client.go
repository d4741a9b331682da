package schemaregistry

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/contractlint/contractlint/internal/httplimit"
	"github.com/contractlint/contractlint/internal/redact"
)

// ContentType is the media type of the registry's API, sent with every
// request body and asked for in Accept.
const ContentType = "application/vnd.schemaregistry.v1+json"

// Default bounds of a Client.
const (
	DefaultTimeout     = 30 * time.Second
	DefaultMaxResponse = 16 << 20
	DefaultAttempts    = 4
	DefaultMaxWait     = 60 * time.Second
)

// Options configure a Client. Only URL is required.
type Options struct {
	// URL is the API root: https://host:8081, https://host/apis/ccompat/v7.
	// Credentials written into it (user:password@) are used for basic
	// authentication and never printed.
	URL string
	// Username and Password authenticate with HTTP basic authentication;
	// Token with a bearer token. Give one or the other.
	Username, Password, Token string
	// Timeout bounds each attempt of a request (default 30s).
	Timeout time.Duration
	// MaxResponse caps a response body in bytes (default 16 MiB).
	MaxResponse int64
	// Attempts is the most tries per request (default 4): 5xx answers,
	// 429 and network errors are retried.
	Attempts int
	// MaxWait caps one wait before a retry; a Retry-After asking for longer
	// ends the retries (default 60s).
	MaxWait time.Duration
	// Backoff is the first delay between attempts, doubled each time with
	// jitter (default 500ms).
	Backoff time.Duration
	// Sleep waits d or until ctx is done; nil uses a timer. Tests replace it.
	Sleep func(ctx context.Context, d time.Duration) error
	// HTTP sends the requests; nil uses a client with http.DefaultTransport.
	HTTP *http.Client
	// Notify, when set, is told about every retry in one line.
	Notify func(msg string)
}

// Client talks to one schema registry. It is safe for concurrent use.
type Client struct {
	base *url.URL
	opts Options
	red  *redact.Redactor
}

// New returns a client for the registry at o.URL.
func New(o Options) (*Client, error) {
	if strings.TrimSpace(o.URL) == "" {
		return nil, errors.New("schema registry: no URL (set registry.url in contractlint.yaml or CONTRACTLINT_REGISTRY_URL)")
	}
	u, err := url.Parse(strings.TrimSpace(o.URL))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("schema registry: URL %q is not an http(s) URL", redact.New().String(o.URL))
	}
	if u.User != nil {
		if o.Username == "" && o.Token == "" {
			o.Username = u.User.Username()
			o.Password, _ = u.User.Password()
		}
		u.User = nil
	}
	if o.Token != "" && (o.Username != "" || o.Password != "") {
		return nil, errors.New("schema registry: give basic credentials or a bearer token, not both")
	}
	u.Path = strings.TrimSuffix(u.Path, "/")
	u.RawQuery, u.Fragment = "", ""
	if o.Timeout <= 0 {
		o.Timeout = DefaultTimeout
	}
	if o.MaxResponse <= 0 {
		o.MaxResponse = DefaultMaxResponse
	}
	if o.Attempts <= 0 {
		o.Attempts = DefaultAttempts
	}
	if o.MaxWait <= 0 {
		o.MaxWait = DefaultMaxWait
	}
	if o.Backoff <= 0 {
		o.Backoff = 500 * time.Millisecond
	}
	// Each attempt is bounded in time and size by the innermost transport;
	// do retries above it.
	var base http.RoundTripper
	if o.HTTP != nil {
		base = o.HTTP.Transport
	}
	hc := &http.Client{Transport: &httplimit.Transport{
		Base: base, Timeout: o.Timeout, MaxBody: o.MaxResponse, Service: "schema registry",
		SizeHint: "the cap is the file-size limit, CONTRACTLINT_MAX_FILE_SIZE",
	}}
	if o.HTTP != nil {
		hc.CheckRedirect, hc.Jar = o.HTTP.CheckRedirect, o.HTTP.Jar
	}
	o.HTTP = hc
	return &Client{base: u, opts: o, red: redact.New(o.Password, o.Token)}, nil
}

// URL returns the registry's API root, without credentials.
func (c *Client) URL() string { return c.base.String() }

// Schema is a registered schema, or one to register or test.
type Schema struct {
	// Subject and Version say where it is registered; ID is its global
	// schema ID. All three are zero for a schema to register or test.
	Subject string `json:"subject,omitempty"`
	Version int    `json:"version,omitempty"`
	ID      int    `json:"id,omitempty"`
	// Type is AVRO, PROTOBUF or JSON; empty means AVRO.
	Type string `json:"schemaType,omitempty"`
	// Schema is the schema's text.
	Schema string `json:"schema"`
	// References name the registered schemas it uses.
	References []Reference `json:"references,omitempty"`
	// Metadata holds user-defined properties, when the registry keeps them.
	Metadata *Metadata `json:"metadata,omitempty"`
}

// Reference names another registered schema a schema uses: by import path
// (protobuf), by $ref URL (JSON Schema) or by full name (Avro).
type Reference struct {
	// Name is how the schema names it; Subject and Version where it is
	// registered.
	Name    string `json:"name"`
	Subject string `json:"subject"`
	Version int    `json:"version"`
}

// Metadata is a schema's user-defined metadata (Confluent Platform 7.4 and
// later; other registries may drop it).
type Metadata struct {
	// Properties are free-form key-value pairs.
	Properties map[string]string `json:"properties,omitempty"`
}

// SchemaType returns the registry's type name: AVRO when the field is
// absent, as the API defines.
func (s *Schema) SchemaType() string {
	if s.Type == "" {
		return "AVRO"
	}
	return s.Type
}

// versionOr is the schema's version when found is true, else 0.
func (s *Schema) versionOr(found bool) int {
	if !found || s == nil {
		return 0
	}
	return s.Version
}

// Verdict is the registry's answer to a compatibility test.
type Verdict struct {
	// Compatible is the registry's answer; Messages its reasons (verbose).
	Compatible bool     `json:"is_compatible"`
	Messages   []string `json:"messages,omitempty"`
}

// Versions lists the versions registered under subject, lowest first. A
// subject that does not exist has none (and no error).
func (c *Client) Versions(ctx context.Context, subject string) ([]int, error) {
	var vs []int
	err := c.do(ctx, http.MethodGet, "/subjects/"+url.PathEscape(subject)+"/versions", nil, nil, &vs)
	if notFound(err, CodeSubjectNotFound) {
		return nil, nil
	}
	return vs, err
}

// Version returns version v of subject; v ≤ 0 means the latest.
func (c *Client) Version(ctx context.Context, subject string, v int) (*Schema, error) {
	ver := "latest"
	if v > 0 {
		ver = strconv.Itoa(v)
	}
	var s Schema
	if err := c.do(ctx, http.MethodGet, "/subjects/"+url.PathEscape(subject)+"/versions/"+ver, nil, nil, &s); err != nil {
		return nil, err
	}
	if s.Subject == "" {
		s.Subject = subject
	}
	return &s, nil
}

// Level returns the compatibility level that applies to subject: its own,
// else the global one (BACKWARD, FULL_TRANSITIVE, NONE, ...).
func (c *Client) Level(ctx context.Context, subject string) (string, error) {
	var cfg struct {
		Level string `json:"compatibilityLevel"`
		// Some registries answer with "compatibility".
		Alt string `json:"compatibility"`
	}
	q := url.Values{"defaultToGlobal": {"true"}}
	err := c.do(ctx, http.MethodGet, "/config/"+url.PathEscape(subject), q, nil, &cfg)
	if notFound(err) {
		// Registries without defaultToGlobal answer 40401 or 40408 for a
		// subject without a level of its own: the global level applies.
		err = c.do(ctx, http.MethodGet, "/config", nil, nil, &cfg)
	}
	if err != nil {
		return "", err
	}
	level := strings.ToUpper(strings.TrimSpace(cfg.Level + cfg.Alt))
	if level == "" {
		return "", fmt.Errorf("schema registry: GET /config/%s: the answer names no compatibilityLevel", subject)
	}
	return level, nil
}

// Check asks the registry whether s may be registered under subject: the
// test against the latest version, under the subject's level, with the
// reasons when it is not. A subject with nothing registered accepts
// anything.
func (c *Client) Check(ctx context.Context, subject string, s Schema) (Verdict, error) {
	var v Verdict
	q := url.Values{"verbose": {"true"}}
	err := c.do(ctx, http.MethodPost, "/compatibility/subjects/"+url.PathEscape(subject)+"/versions/latest", q, body(s), &v)
	if notFound(err, CodeSubjectNotFound, CodeVersionNotFound) {
		return Verdict{Compatible: true, Messages: []string{"nothing is registered under " + subject + " yet"}}, nil
	}
	return v, err
}

// Lookup finds s among subject's versions: the registered schema, or false
// when it is not registered there. When the text is not registered as is,
// it asks again with normalize=true, which matches a schema the registry
// stored in its canonical form (a protobuf schema printed from its
// descriptor by a serializer).
func (c *Client) Lookup(ctx context.Context, subject string, s Schema) (*Schema, bool, error) {
	for _, q := range []url.Values{nil, {"normalize": {"true"}}} {
		var got Schema
		err := c.do(ctx, http.MethodPost, "/subjects/"+url.PathEscape(subject), q, body(s), &got)
		if notFound(err, CodeSubjectNotFound) {
			return nil, false, nil
		}
		if notFound(err, CodeSchemaNotFound) {
			continue
		}
		if err != nil {
			return nil, false, err
		}
		return &got, true, nil
	}
	return nil, false, nil
}

// Register registers s under subject and returns its schema ID. Registering
// a schema the subject already has returns the existing ID.
func (c *Client) Register(ctx context.Context, subject string, s Schema) (int, error) {
	var got struct {
		ID int `json:"id"`
	}
	err := c.do(ctx, http.MethodPost, "/subjects/"+url.PathEscape(subject)+"/versions", nil, body(s), &got)
	return got.ID, err
}

// body is what register, lookup and the compatibility test send: the schema,
// its type (absent for Avro, the API's default) and references.
func body(s Schema) Schema {
	out := Schema{Type: s.Type, Schema: s.Schema, References: s.References, Metadata: s.Metadata}
	if out.Type == "AVRO" {
		out.Type = ""
	}
	return out
}

// do sends a request, retrying what may be retried, and decodes the JSON
// answer into out.
func (c *Client) do(ctx context.Context, method, path string, query url.Values, in, out any) error {
	var payload []byte
	if in != nil {
		var err error
		if payload, err = json.Marshal(in); err != nil {
			return err
		}
	}
	// path is escaped already (subjects may hold slashes: protobuf
	// reference subjects are import paths).
	u := *c.base
	u.RawPath = c.base.EscapedPath() + path
	var err error
	if u.Path, err = url.PathUnescape(u.RawPath); err != nil {
		return fmt.Errorf("schema registry: %s %s: %v", method, path, err)
	}
	u.RawQuery = query.Encode()
	for n := 1; ; n++ {
		status, data, hdr, err := c.once(ctx, method, u.String(), payload)
		wait, why := c.retry(ctx, status, hdr, err, n)
		if why == "" {
			if err != nil {
				var le *httplimit.Error
				if errors.As(err, &le) {
					return errors.New(c.redact(le.Error()))
				}
				return fmt.Errorf("schema registry: %s %s: %s", method, path, c.redact(err.Error()))
			}
			return c.decode(method, path, status, data, out)
		}
		if c.opts.Notify != nil {
			c.opts.Notify(fmt.Sprintf("schema registry %s %s: %s; retrying in %s (attempt %d of %d)",
				method, path, why, wait.Round(time.Millisecond), n+1, c.opts.Attempts))
		}
		if err := c.sleep(ctx, wait); err != nil {
			return fmt.Errorf("schema registry: %s %s: %w", method, path, err)
		}
	}
}

// once sends one attempt; the transport bounds its time and the size of
// its answer.
func (c *Client) once(ctx context.Context, method, u string, payload []byte) (int, []byte, http.Header, error) {
	var rd io.Reader
	if payload != nil {
		rd = bytes.NewReader(payload)
	}
	req, err := http.NewRequestWithContext(ctx, method, u, rd)
	if err != nil {
		return 0, nil, nil, err
	}
	req.Header.Set("Accept", ContentType+", application/vnd.schemaregistry+json; q=0.9, application/json; q=0.5")
	if payload != nil {
		req.Header.Set("Content-Type", ContentType)
	}
	switch {
	case c.opts.Token != "":
		req.Header.Set("Authorization", "Bearer "+c.opts.Token)
	case c.opts.Username != "" || c.opts.Password != "":
		req.SetBasicAuth(c.opts.Username, c.opts.Password)
	}
	resp, err := c.opts.HTTP.Do(req)
	if err != nil {
		return 0, nil, nil, err
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		return 0, nil, nil, err
	}
	return resp.StatusCode, data, resp.Header, nil
}

// retry says whether and after how long to try again; why is empty when the
// outcome is final.
func (c *Client) retry(ctx context.Context, status int, hdr http.Header, err error, n int) (time.Duration, string) {
	if n >= c.opts.Attempts || ctx.Err() != nil {
		return 0, ""
	}
	if err != nil {
		var le *httplimit.Error
		if errors.As(err, &le) && !le.IsTimeout() {
			return 0, "" // too large: asking again gets the same answer
		}
		return c.backoff(n), "network error or timeout"
	}
	if status != http.StatusTooManyRequests && status < 500 {
		return 0, ""
	}
	wait := c.backoff(n)
	if ra, ok := retryAfter(hdr.Get("Retry-After")); ok {
		if ra > c.opts.MaxWait {
			return 0, ""
		}
		wait = ra
	}
	return wait, fmt.Sprintf("%d %s", status, http.StatusText(status))
}

func (c *Client) backoff(n int) time.Duration {
	d := c.opts.Backoff << min(n-1, 8)
	return min(d/2+time.Duration(rand.Float64()*float64(d/2)), c.opts.MaxWait)
}

// retryAfter parses a Retry-After header: seconds or an HTTP date.
func retryAfter(v string) (time.Duration, bool) {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0, false
	}
	if s, err := strconv.Atoi(v); err == nil && s >= 0 {
		return time.Duration(s) * time.Second, true
	}
	if at, err := http.ParseTime(v); err == nil {
		return max(time.Until(at), 0), true
	}
	return 0, false
}

func (c *Client) sleep(ctx context.Context, d time.Duration) error {
	if c.opts.Sleep != nil {
		return c.opts.Sleep(ctx, d)
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

// decode turns a final answer into out, or into an *Error.
func (c *Client) decode(method, path string, status int, data []byte, out any) error {
	if status < 200 || status > 299 {
		e := &Error{Method: method, Path: path, Status: status}
		var body struct {
			Code    int    `json:"error_code"`
			Message string `json:"message"`
		}
		if json.Unmarshal(data, &body) == nil {
			e.Code, e.Message = body.Code, c.redact(body.Message)
		}
		return e
	}
	if out == nil {
		return nil
	}
	if err := json.Unmarshal(data, out); err != nil {
		return fmt.Errorf("schema registry: %s %s: the answer is not the JSON the API describes: %v", method, path, err)
	}
	return nil
}

// redact removes the client's credentials, and anything that looks like a
// credential, from a message.
func (c *Client) redact(s string) string { return c.red.String(s) }
