package redact

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
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
