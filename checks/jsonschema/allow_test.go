package jsonschema

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"path"
	"sync/atomic"
	"testing"

	"github.com/contractlint/contractlint/checks"
)

func TestAllowedByNormalisedURL(t *testing.T) {
	t.Parallel()
	allow := []string{"http://host/allowed/", "https://Schemas.Example.com"}
	for _, tc := range []struct {
		u    string
		want bool
	}{
		{"http://host/allowed/y.json", true},
		{"http://HOST:80/allowed/./a/../y.json", true},
		{"http://host/allowed/%2e%2e/secret/y.json", false},
		{"http://host/allowed/%2E%2E/secret/y.json", false},
		{"http://host/allowed/../secret/y.json", false},
		{"http://host/allowed/..%2fsecret/y.json", false},
		{"http://host/allowed%2f..%2fsecret/y.json", false},
		{"http://host/allowed/%2e%2e%5csecret/y.json", false},
		{"http://user:pw@host/allowed/y.json", false},
		{"http://host/allowedx/y.json", false},
		{"https://schemas.example.com/any/x.json", true},
		{"https://schemas.example.com.evil.net/x.json", false},
		{"https://schemas.example.com:8443/x.json", false},
		{"file:///etc/passwd", false},
	} {
		if got := allowedBy(allow, tc.u); got != tc.want {
			t.Errorf("allowedBy(%s) = %v, want %v", tc.u, got, tc.want)
		}
	}
}

// TestRemoteRefDotSegments: with only /allowed/ allowed, an encoded dot
// segment and a redirect out of the prefix fetch nothing outside it.
func TestRemoteRefDotSegments(t *testing.T) {
	t.Parallel()
	var secret atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// As many servers do, resolve dot segments of the decoded path.
		switch path.Clean(r.URL.Path) {
		case "/secret/y.json":
			secret.Add(1)
			fmt.Fprint(w, `{"type": "string"}`)
		case "/allowed/jump.json":
			http.Redirect(w, r, "/secret/y.json", http.StatusFound)
		case "/allowed/dots.json":
			http.Redirect(w, r, "/allowed/%2e%2e/secret/y.json", http.StatusFound)
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	allow := []string{srv.URL + "/allowed/"}
	for _, ref := range []string{"/allowed/%2e%2e/secret/y.json", "/allowed/jump.json", "/allowed/dots.json"} {
		side := mapSide("s", map[string]string{"s.json": fmt.Sprintf(`{"properties": {"name": {"$ref": "%s%s"}}}`, srv.URL, ref)})
		_, err := run(t, checks.Request{Old: side, New: side, Options: opts(Options{AllowRemoteRefs: allow})})
		if err == nil {
			t.Errorf("$ref %s: no error", ref)
		}
	}
	if n := secret.Load(); n != 0 {
		t.Errorf("/secret/y.json was fetched %d times", n)
	}
}
