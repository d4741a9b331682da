package redact

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"strings"
	"testing"
)

const token = "ghs_16C7e42F292c6912E7710c838347Ae178B4a"

func TestString(t *testing.T) {
	t.Parallel()
	r := New(token, "hunter2secret", "x")
	for _, tc := range []struct{ in, want string }{
		{"Bad credentials: Bearer " + token, "Bad credentials: Bearer [REDACTED]"},
		{"Authorization: token " + token, "Authorization: token [REDACTED]"},
		{`{"message":"Bad credentials","auth":"Bearer ghp_abcdefghijklmnopqrstuvwx12"}`, `{"message":"Bad credentials","auth":"Bearer [REDACTED]"}`},
		{"authorization=c2VjcmV0OnNlY3JldA", "authorization=[REDACTED]"},
		{"Basic dXNlcjpodW50ZXIyc2VjcmV0", "Basic [REDACTED]"},
		{"GET https://bob:hunter2secret@registry.example/subjects", "GET https://bob:[REDACTED]@registry.example/subjects"},
		{"github_pat_11ABCDEFG0123456789_abcdefghijklmnop", "[REDACTED]"},
		{"token " + strings.ToUpper(token[4:]), "token [REDACTED]"},
		// Words stay.
		{"Bearer authentication is required; the token identifier x", "Bearer authentication is required; the token identifier x"},
		{"a fork's token is read-only", "a fork's token is read-only"},
	} {
		if got := r.String(tc.in); got != tc.want {
			t.Errorf("String(%q)\n got %q\nwant %q", tc.in, got, tc.want)
		}
	}
}

func TestErrorKeepsSentinels(t *testing.T) {
	t.Parallel()
	r := New(token)
	err := r.Error(fmt.Errorf("open %s: %w", token, fs.ErrNotExist))
	if strings.Contains(err.Error(), token) || !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("err = %v", err)
	}
	if errors.Unwrap(err) != nil {
		t.Error("the original error (with the secret) is reachable")
	}
}

func TestWriterAcrossWrites(t *testing.T) {
	t.Parallel()
	var out bytes.Buffer
	w := New(token).Writer(&out)
	// The token split over two writes, and a last line without newline.
	fmt.Fprint(w, "::warning::"+token[:10])
	fmt.Fprint(w, token[10:]+" failed\nlast "+token)
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(out.String(), token[4:12]) || out.String() != "::warning::[REDACTED] failed\nlast [REDACTED]" {
		t.Errorf("out = %q", out.String())
	}
}

func TestFromEnv(t *testing.T) {
	t.Parallel()
	env := map[string]string{"GITHUB_TOKEN": "abcdef123456", "CONTRACTLINT_REGISTRY_PASSWORD": "pa55word!", "HOME": "/root"}
	r := FromEnv(func(k string) string { return env[k] })
	if got := r.String("abcdef123456 pa55word! /root"); got != "[REDACTED] [REDACTED] /root" {
		t.Errorf("got %q", got)
	}
}

// TestPrefilterKeepsPatterns: trying the patterns only where their keywords
// start a word gives what the patterns give on the whole text, case folding
// included (the Kelvin sign folds to k, the long s to s), on fixed cases and
// on many random mixtures of keywords, separators and values.
func TestPrefilterKeepsPatterns(t *testing.T) {
	t.Parallel()
	reference := func(s string) string {
		s = githubToken.ReplaceAllString(s, Mark)
		s = redactScheme(s)
		s = redactHeader(s)
		return userinfo.ReplaceAllString(s, "${1}:"+Mark+"@")
	}
	for _, in := range []string{
		"nothing to see here, a page token is opaque",
		"Authorization: Bearer abcdefgh12345678",
		"to\u212Aen\tabcdefgh12345678",
		"ba\u017Fic QWxhZGRpbjpvcGVuIHNlc2FtZQ==",
		"BEARER\nabcdefghijklmnopqrstuvwxyz",
		"x-API-Key=abcd1234efgh",
		"client_SECRET: \"s3cr3tvalue99\"",
		"see https://user:hunter2hunter2@example.com/x and ghp_abcdefghijklmnop1234",
		"github_pat_ABCDEFGHIJKLMNOPQRSTUV_123",
		"pr\u0131vate_token=abcdefgh1234",
		"1://a:b@c x+y.z-9://u:p@h and https://u:p@h://v:q@w",
		"ftp://a:b@c:d@e, ://x:y@z, 9git://u:v@w",
	} {
		if got, want := redactPatterns(in), reference(in); got != want {
			t.Errorf("redactPatterns(%q) = %q; the patterns alone give %q", in, got, want)
		}
	}
	parts := []string{"Bearer", "bearer", "BASIC", "Token", "token", "tokens", "xtoken", "authorization", "Proxy-Authorization",
		"proxy-", "x-api-key", "X-API-KEY", "api_key", "apikey", "api", "access_token", "Access-Token", "client_secret", "private-token",
		"ghp_", "gho_", "github_pat_", "gh", "https://", "user", ":", "@", "=", "\"", " ", "  ", "\t", "\n", ",", ";", "&", "-", "_", ".",
		"abcdefgh12345678", "abcdefghijklmnopqrstuvwxyz", "://", "git+ssh://", "9a.b-c://", "-://", "a:b@", ":pw@host", "@", "//", "x", "1234567890abcdef", "ABCDEFGHIJKLMNOPQRSTU_12", "é", "[REDACTED]", "==", "/"}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		var b strings.Builder
		for range 1 + rng.IntN(12) {
			b.WriteString(parts[rng.IntN(len(parts))])
		}
		in := b.String()
		if got, want := redactPatterns(in), reference(in); got != want {
			t.Fatalf("redactPatterns(%q) = %q; the patterns alone give %q", in, got, want)
		}
	}
}
