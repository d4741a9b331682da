package httplimit

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

func get(t *testing.T, tr *Transport, ctx context.Context, url string) (string, error) {
	t.Helper()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := (&http.Client{Transport: tr}).Do(req)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	return string(data), err
}

func wantError(t *testing.T, err error, timeout bool, msg string) {
	t.Helper()
	var e *Error
	if !errors.As(err, &e) || e.IsTimeout() != timeout {
		t.Fatalf("got %v; want an *Error (timeout %v)", err, timeout)
	}
	if !strings.Contains(err.Error(), msg) {
		t.Errorf("message %q; want it to contain %q", err, msg)
	}
}

func TestTransport(t *testing.T) {
	t.Parallel()
	release := make(chan struct{})
	mux := http.NewServeMux()
	mux.HandleFunc("/ok", func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "0123456789") })
	mux.HandleFunc("/hang", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-release:
		}
	})
	mux.HandleFunc("/drip", func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusOK)
		w.(http.Flusher).Flush()
		for {
			select {
			case <-r.Context().Done():
				return
			case <-release:
				return
			case <-time.After(5 * time.Millisecond):
				io.WriteString(w, " ")
				w.(http.Flusher).Flush()
			}
		}
	})
	mux.HandleFunc("/endless", func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, "[")
		for r.Context().Err() == nil {
			if _, err := io.WriteString(w, `{"id": 1, "body": "`+strings.Repeat("x", 1000)+`"},`); err != nil {
				return
			}
		}
	})
	mux.HandleFunc("/declared", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Length", "100000")
		io.WriteString(w, strings.Repeat("x", 100000))
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()
	defer close(release)

	tr := &Transport{Timeout: 200 * time.Millisecond, MaxBody: 64 << 10, Service: "GitHub API", TimeoutHint: "CONTRACTLINT_HTTP_TIMEOUT"}
	if got, err := get(t, tr, t.Context(), srv.URL+"/ok?token=secret"); err != nil || got != "0123456789" {
		t.Fatalf("ok: %q, %v", got, err)
	}
	_, err := get(t, tr, t.Context(), srv.URL+"/hang?token=secret")
	wantError(t, err, true, "GitHub API GET "+srv.URL+"/hang: no complete response within 200ms (CONTRACTLINT_HTTP_TIMEOUT)")
	if e := (*Error)(nil); errors.As(err, &e) && strings.Contains(e.Error(), "secret") {
		t.Errorf("the query string is in %q", e)
	}
	_, err = get(t, tr, t.Context(), srv.URL+"/drip")
	wantError(t, err, true, "no complete response within 200ms")

	// An endless JSON response stops the decoder at the cap.
	req, _ := http.NewRequestWithContext(t.Context(), http.MethodGet, srv.URL+"/endless", nil)
	resp, err := (&http.Client{Transport: &Transport{MaxBody: 64 << 10}}).Do(req)
	if err != nil {
		t.Fatal(err)
	}
	var v []map[string]any
	err = json.NewDecoder(resp.Body).Decode(&v)
	resp.Body.Close()
	wantError(t, err, false, "GET "+srv.URL+"/endless: response larger than 65536 bytes; stopped reading it")

	_, err = get(t, tr, t.Context(), srv.URL+"/declared")
	wantError(t, err, false, "response larger than 65536 bytes")

	// Negative values lift the limits; the caller's own cancellation is
	// not a timeout of ours.
	if got, err := get(t, &Transport{Timeout: -1, MaxBody: -1}, t.Context(), srv.URL+"/declared"); err != nil || len(got) != 100000 {
		t.Errorf("unlimited: %d bytes, %v", len(got), err)
	}
	ctx, cancel := context.WithTimeout(t.Context(), 50*time.Millisecond)
	defer cancel()
	_, err = get(t, &Transport{Timeout: time.Minute}, ctx, srv.URL+"/hang")
	var e *Error
	if !errors.Is(err, context.DeadlineExceeded) || errors.As(err, &e) {
		t.Errorf("caller's deadline: %v; want context.DeadlineExceeded", err)
	}
}
