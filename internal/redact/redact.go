// Package redact keeps secrets out of everything contractlint prints or
// writes: the GitHub token, schema registry credentials, and anything that
// looks like a credential (an Authorization header, a bearer or basic
// value, a GitHub token, a password in a URL), wherever it comes from —
// including the body of an API error that echoes a request.
//
// A Redactor replaces known secrets (exact strings, given to New) and
// credential-looking values (patterns) with [REDACTED]. Writer applies it
// to a stream line by line, so a secret split across writes is still
// caught; Flush writes a last line without a newline.
package redact

import (
	"bytes"
	"errors"
	"io"
	"os"
	"regexp"
	"slices"
	"strings"
	"sync"
)

// Mark replaces what is redacted.
const Mark = "[REDACTED]"

// minSecret is the shortest exact secret replaced: a shorter value (a test
// token "x") would blank out ordinary words.
const minSecret = 6

// SecretEnv lists the environment variables whose values are secrets
// wherever they appear: the GitHub token (as the runner and the action's
// input pass it) and the schema registry's credentials.
var SecretEnv = []string{
	"GITHUB_TOKEN", "GH_TOKEN", "INPUT_GITHUB-TOKEN", "INPUT_GITHUB_TOKEN", "ACTIONS_RUNTIME_TOKEN", "ACTIONS_ID_TOKEN_REQUEST_TOKEN",
	"CONTRACTLINT_REGISTRY_PASSWORD", "CONTRACTLINT_REGISTRY_TOKEN",
}

var (
	// GitHub tokens: classic, fine-grained, OAuth, app and refresh tokens.
	githubToken = regexp.MustCompile(`\b(?:gh[pousr]_[A-Za-z0-9]{16,}|github_pat_[A-Za-z0-9_]{20,})`)
	// An Authorization scheme and its credentials: Bearer xyz, Basic xyz.
	scheme = regexp.MustCompile(`(?i)\b(bearer|basic|token)(\s+)([A-Za-z0-9\-._~+/]+=*)`)
	// A credential-bearing header or parameter and its value.
	header = regexp.MustCompile(`(?i)\b((?:proxy-)?authorization|x-api-key|api[-_]?key|access[-_]token|client[-_]secret|private[-_]token)("?\s*[:=]\s*"?)([^\s",;&]+)`)
	// A password in a URL: scheme://user:secret@host.
	userinfo = regexp.MustCompile(`([A-Za-z][A-Za-z0-9+.-]*://[^/\s:@]*):[^/\s@]+@`)
)

// credential reports whether a value looks like a credential rather than
// a word: long, or mixing digits into it. "Bearer authentication" stays.
func credential(v string) bool {
	return len(v) >= 20 || (len(v) >= 8 && strings.ContainsAny(v, "0123456789"))
}

func redactPatterns(s string) string {
	// Reports of large comparisons are megabytes long, and the
	// case-insensitive patterns are slow to search for: each pattern is
	// tried, anchored, only where one of its keywords starts a word (every
	// match does), left to right, as ReplaceAll would find them. A text
	// with a non-ASCII spelling of a keyword letter (the Kelvin sign folds
	// to k, the long s to s) is searched with the patterns whole.
	if strings.Contains(s, "\u212a") || strings.Contains(s, "\u017f") {
		s = githubToken.ReplaceAllString(s, Mark)
		s = redactScheme(s)
		s = redactHeader(s)
	} else {
		s = replaceAt(s, s, githubTokenAt, []string{"gh", "github_pat_"}, func(string, []string) string { return Mark })
		lower := asciiLower(s)
		if r := replaceAt(s, lower, schemeAt, []string{"bearer", "basic", "token"}, schemeValue); r != s {
			s, lower = r, asciiLower(r)
		}
		s = replaceAt(s, lower, headerAt, []string{"proxy-", "authorization", "x-api-key", "api", "access", "client", "private"}, headerValue)
	}
	if strings.Contains(s, "@") {
		s = redactUserinfo(s)
	}
	return s
}

// redactUserinfo is userinfo.ReplaceAllString(s, "${1}:"+Mark+"@"), the
// pattern tried only where a match can start: at the first letter of the
// run of scheme characters before each "://" (a run cannot hold the ':' of
// an earlier "://", so the candidates come in order, and from any other
// start in the run the pattern would meet the same text after "://").
func redactUserinfo(s string) string {
	var b strings.Builder
	last := 0
	for off := 0; ; {
		i := strings.Index(s[off:], "://")
		if i < 0 {
			break
		}
		q := off + i
		off = q + 1
		r := q
		for r > last && isSchemeByte(s[r-1]) {
			r--
		}
		for r < q && !isLetter(s[r]) {
			r++
		}
		if r == q {
			continue
		}
		m := userinfoAt.FindStringSubmatchIndex(s[r:])
		if m == nil {
			continue
		}
		b.WriteString(s[last:r])
		b.WriteString(s[r+m[2] : r+m[3]])
		b.WriteString(":" + Mark + "@")
		last = r + m[1]
		off = max(off, last)
	}
	if last == 0 {
		return s
	}
	b.WriteString(s[last:])
	return b.String()
}

func isLetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }

// isSchemeByte reports whether c may follow the first letter of a URL
// scheme.
func isSchemeByte(c byte) bool {
	return isLetter(c) || '0' <= c && c <= '9' || c == '+' || c == '.' || c == '-'
}

// Anchored forms of the patterns, for replaceAt.
var (
	githubTokenAt = regexp.MustCompile(`^` + githubToken.String())
	schemeAt      = regexp.MustCompile(`^` + scheme.String())
	headerAt      = regexp.MustCompile(`^` + header.String())
	userinfoAt    = regexp.MustCompile(`^` + userinfo.String())
)

// replaceAt replaces, left to right and without overlaps, the matches of
// the anchored pattern re that start where one of keywords occurs in
// search (s, or an ASCII-lowercase copy of it with the same byte offsets)
// at the start of a word, by fn(match, submatches).
func replaceAt(s, search string, re *regexp.Regexp, keywords []string, fn func(string, []string) string) string {
	var starts []int
	for _, k := range keywords {
		for off := 0; ; {
			i := strings.Index(search[off:], k)
			if i < 0 {
				break
			}
			p := off + i
			if p == 0 || !isWordByte(s[p-1]) {
				starts = append(starts, p)
			}
			off = p + 1
		}
	}
	if len(starts) == 0 {
		return s
	}
	slices.Sort(starts)
	var b strings.Builder
	last := 0
	for _, p := range slices.Compact(starts) {
		if p < last {
			continue
		}
		m := re.FindStringSubmatchIndex(s[p:])
		if m == nil {
			continue
		}
		groups := make([]string, len(m)/2)
		for g := range groups {
			if m[2*g] >= 0 {
				groups[g] = s[p+m[2*g] : p+m[2*g+1]]
			}
		}
		b.WriteString(s[last:p])
		b.WriteString(fn(groups[0], groups))
		last = p + m[1]
	}
	if last == 0 {
		return s
	}
	b.WriteString(s[last:])
	return b.String()
}

// isWordByte reports whether c is a character of \b's words.
func isWordByte(c byte) bool {
	return c == '_' || '0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
}

// asciiLower lowercases the ASCII letters of s only, keeping every byte
// offset.
func asciiLower(s string) string {
	i := strings.IndexFunc(s, func(r rune) bool { return 'A' <= r && r <= 'Z' })
	if i < 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	b.WriteString(s[:i])
	for ; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		b.WriteByte(c)
	}
	return b.String()
}

func schemeValue(m string, g []string) string {
	if !credential(g[3]) {
		return m
	}
	return g[1] + g[2] + Mark
}

func headerValue(m string, g []string) string {
	if g[3] == Mark || strings.EqualFold(g[3], "bearer") || strings.EqualFold(g[3], "basic") || !credential(g[3]) {
		return m
	}
	return g[1] + g[2] + Mark
}

func redactScheme(s string) string {
	return scheme.ReplaceAllStringFunc(s, func(m string) string { return schemeValue(m, scheme.FindStringSubmatch(m)) })
}

func redactHeader(s string) string {
	return header.ReplaceAllStringFunc(s, func(m string) string { return headerValue(m, header.FindStringSubmatch(m)) })
}

// Redactor removes secrets from text. The zero value redacts patterns
// only. It is safe for concurrent use.
type Redactor struct {
	secrets []string
}

// New returns a Redactor for the given secrets (empty and very short ones
// are ignored) and the credential patterns.
func New(secrets ...string) *Redactor {
	r := &Redactor{}
	for _, s := range secrets {
		s = strings.TrimSpace(s)
		if len(s) >= minSecret && !slices.Contains(r.secrets, s) {
			r.secrets = append(r.secrets, s)
		}
	}
	// Longest first, so that a secret containing another is replaced whole.
	slices.SortFunc(r.secrets, func(a, b string) int { return len(b) - len(a) })
	return r
}

// FromEnv returns a Redactor for the values of SecretEnv (and extra
// variables) that getenv returns.
func FromEnv(getenv func(string) string, extra ...string) *Redactor {
	var secrets []string
	for _, name := range slices.Concat(SecretEnv, extra) {
		if v := getenv(name); v != "" {
			secrets = append(secrets, v)
		}
	}
	return New(secrets...)
}

// With returns a Redactor for r's secrets and more.
func (r *Redactor) With(secrets ...string) *Redactor {
	var have []string
	if r != nil {
		have = r.secrets
	}
	return New(slices.Concat(have, secrets)...)
}

// Process is the Redactor of this process's environment.
func Process() *Redactor { return FromEnv(os.Getenv) }

// String returns s with every secret and credential-looking value
// replaced by Mark.
func (r *Redactor) String(s string) string {
	if r != nil {
		for _, sec := range r.secrets {
			s = strings.ReplaceAll(s, sec, Mark)
		}
	}
	return redactPatterns(s)
}

// Error returns err with its message redacted (nil stays nil). The result
// keeps no link to err: a wrapped error's own message would carry the
// secret again.
func (r *Redactor) Error(err error) error {
	if err == nil {
		return nil
	}
	msg := err.Error()
	if red := r.String(msg); red != msg {
		return redacted{msg: red, orig: err}
	}
	return err
}

type redacted struct {
	msg  string
	orig error
}

func (e redacted) Error() string { return e.msg }

// Is lets errors.Is see through to the original error (sentinels carry no
// secret), while errors.Unwrap and printing do not expose it.
func (e redacted) Is(target error) bool { return errors.Is(e.orig, target) }

// Writer redacts a stream line by line.
type Writer struct {
	r   *Redactor
	w   io.Writer
	mu  sync.Mutex
	buf []byte
	// Filter, when set, rewrites each line (without its newline) after
	// redaction: say, to neutralise workflow commands.
	Filter func(line string) string
}

// Writer returns a writer that redacts each line before writing it to w.
func (r *Redactor) Writer(w io.Writer) *Writer { return &Writer{r: r, w: w} }

// Write implements io.Writer. Complete lines are written at once; the rest
// waits for its newline or Flush.
func (w *Writer) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.buf = append(w.buf, p...)
	i := bytes.LastIndexByte(w.buf, '\n')
	if i < 0 {
		return len(p), nil
	}
	out := w.filter(w.r.String(string(w.buf[:i+1])))
	w.buf = append(w.buf[:0], w.buf[i+1:]...)
	if _, err := io.WriteString(w.w, out); err != nil {
		return 0, err
	}
	return len(p), nil
}

func (w *Writer) filter(s string) string {
	if w.Filter == nil {
		return s
	}
	lines := strings.SplitAfter(s, "\n")
	for i, l := range lines {
		body, nl := strings.CutSuffix(l, "\n")
		if nl {
			lines[i] = w.Filter(body) + "\n"
		} else if body != "" {
			lines[i] = w.Filter(body)
		}
	}
	return strings.Join(lines, "")
}

// Unwrap returns the writer w writes to (to ask it, say, whether it is a
// terminal).
func (w *Writer) Unwrap() io.Writer { return w.w }

// Flush writes what is left of the last line.
func (w *Writer) Flush() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if len(w.buf) == 0 {
		return nil
	}
	out := w.filter(w.r.String(string(w.buf)))
	w.buf = w.buf[:0]
	_, err := io.WriteString(w.w, out)
	return err
}
