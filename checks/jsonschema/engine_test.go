package jsonschema

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"testing/fstest"

	"github.com/contractlint/contractlint/checks"
)

// mapSide is a side over an in-memory tree whose files are all compared.
func mapSide(label string, files map[string]string) checks.Side {
	fsys := fstest.MapFS{}
	var names []string
	for name, data := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(data)}
		if New().Owns(name) {
			names = append(names, name)
		}
	}
	slices.Sort(names)
	return checks.Side{FS: fsys, Files: names, Label: label}
}

func run(t *testing.T, req checks.Request) ([]checks.Finding, error) {
	t.Helper()
	return New().Diff(t.Context(), req)
}

// opts is a request's options holding o.
func opts(o Options) []checks.EngineOptions { return []checks.EngineOptions{o} }

func wantInputError(t *testing.T, err error, substr string) {
	t.Helper()
	var ie *checks.InputError
	if !errors.As(err, &ie) {
		t.Fatalf("got %v, want an InputError containing %q", err, substr)
	}
	if !strings.Contains(err.Error(), substr) {
		t.Fatalf("got %q, want it to contain %q", err, substr)
	}
}

func ruleIDs(fs []checks.Finding) []string {
	var ids []string
	for _, f := range fs {
		ids = append(ids, f.Rule)
	}
	return ids
}

func TestOwns(t *testing.T) {
	t.Parallel()
	e := New()
	for p, want := range map[string]bool{
		"a.json": true, "dir/a.schema.json": true, "a.yaml": true, "a.YML": true,
		"buf.yaml": false, "buf.work.yaml": false, "buf.gen.yaml": false, "contractlint.yaml": false,
		"contract-matrix.yaml": false, "package.json": false, "sub/package-lock.json": false,
		"tsconfig.json": false, "tsconfig.build.json": false, ".pre-commit-config.yaml": false,
		".pre-commit-hooks.yaml": false, "a.avsc": false, "a.proto": false, "a.txt": false,
	} {
		if got := e.Owns(p); got != want {
			t.Errorf("Owns(%q) = %t, want %t", p, got, want)
		}
	}
}

// TestNotSchemas: while walking a directory, files that are clearly not
// schemas are skipped, and a real schema next to them is still compared.
func TestNotSchemas(t *testing.T) {
	t.Parallel()
	files := func(maxLength int) map[string]string {
		return map[string]string{
			"data.json":   fmt.Sprintf(`{"name": "bob", "age": %d}`, maxLength),
			"list.json":   fmt.Sprintf(`[1, 2, %d]`, maxLength),
			"avro.json":   fmt.Sprintf(`{"type": "record", "name": "R", "fields": [], "doc": "%d"}`, maxLength),
			"schema.json": fmt.Sprintf(`{"type": "string", "maxLength": %d}`, maxLength),
		}
	}
	fs, err := run(t, checks.Request{Old: mapSide("old", files(5)), New: mapSide("new", files(3))})
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(ruleIDs(fs), " "); got != "MAX_LENGTH_DECREASED" {
		t.Fatalf("got %s, want MAX_LENGTH_DECREASED only", got)
	}
	// A file that is a schema on one side is compared on both.
	old := mapSide("old", map[string]string{"x.json": `{"name": "bob"}`})
	nw := mapSide("new", map[string]string{"x.json": `{"type": "string"}`})
	if fs, err = run(t, checks.Request{Old: old, New: nw}); err != nil || len(fs) == 0 {
		t.Fatalf("got %v, %v; want findings", fs, err)
	}
}

// TestLargeFile: a 50 MB file is refused with a clear error, before it is
// read.
func TestLargeFile(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	big := `{"description": "` + strings.Repeat("x", 50<<20) + `"}`
	if err := os.WriteFile(filepath.Join(dir, "s.json"), []byte(big), 0o644); err != nil {
		t.Fatal(err)
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	side := checks.Side{FS: root.FS(), Files: []string{"s.json"}, Label: dir}
	_, err = run(t, checks.Request{Old: mapSide("old", map[string]string{"s.json": `{}`}), New: side})
	wantInputError(t, err, "s.json: 50 MiB exceeds the file size limit of 16 MiB; raise it with CONTRACTLINT_MAX_FILE_SIZE=64MiB")
}

// TestEscapes: neither ".." nor a symlink leads out of the compared root.
func TestEscapes(t *testing.T) {
	t.Parallel()
	outside := t.TempDir()
	if err := os.WriteFile(filepath.Join(outside, "secret.json"), []byte(`{"type": "string"}`), 0o644); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := os.Symlink(filepath.Join(outside, "secret.json"), filepath.Join(dir, "link.json")); err != nil {
		t.Skip("symlinks unavailable:", err)
	}
	for name, ref := range map[string]string{"dotdot": "../secret.json", "nested": "sub/../../secret.json", "symlink": "link.json"} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			sub := t.TempDir()
			if err := os.Symlink(filepath.Join(outside, "secret.json"), filepath.Join(sub, "link.json")); err != nil {
				t.Fatal(err)
			}
			schema := fmt.Sprintf(`{"properties": {"a": {"$ref": %q}}}`, ref)
			if err := os.WriteFile(filepath.Join(sub, "s.json"), []byte(schema), 0o644); err != nil {
				t.Fatal(err)
			}
			root, err := os.OpenRoot(sub)
			if err != nil {
				t.Fatal(err)
			}
			defer root.Close()
			side := checks.Side{FS: root.FS(), Files: []string{"s.json"}, Label: sub}
			_, err = run(t, checks.Request{Old: side, New: side})
			if name == "symlink" {
				wantInputError(t, err, "link.json")
			} else {
				wantInputError(t, err, "escapes the compared root")
			}
		})
	}
}

// TestRemoteRefs: an http(s) $ref is fetched only under an allowed prefix;
// otherwise it is an error and the server is never contacted.
func TestRemoteRefs(t *testing.T) {
	t.Parallel()
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		switch r.URL.Path {
		case "/schemas/name.json":
			fmt.Fprint(w, `{"type": "string", "maxLength": 10}`)
		case "/other/name.json":
			fmt.Fprint(w, `{"type": "string", "maxLength": 20}`)
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	side := func(label, path string) checks.Side {
		return mapSide(label, map[string]string{"s.json": fmt.Sprintf(`{"properties": {"name": {"$ref": "%s%s"}}}`, srv.URL, path)})
	}
	_, err := run(t, checks.Request{Old: side("old", "/schemas/name.json"), New: side("new", "/schemas/name.json")})
	wantInputError(t, err, "remote references are not fetched (map the URI prefix to a directory with refs:")
	if hits.Load() != 0 {
		t.Fatalf("the server was contacted %d times without an allowed prefix", hits.Load())
	}

	// Allowed: fetched, compared, and the finding is located at the URL.
	fs, err := run(t, checks.Request{Old: side("old", "/other/name.json"), New: side("new", "/schemas/name.json"),
		Options: opts(Options{AllowRemoteRefs: []string{srv.URL + "/"}})})
	if err != nil {
		t.Fatal(err)
	}
	if len(fs) != 1 || fs[0].Rule != "MAX_LENGTH_DECREASED" || !strings.HasPrefix(fs[0].File, srv.URL) {
		t.Fatalf("got %+v, want one MAX_LENGTH_DECREASED located in the remote schema", fs)
	}

	// A prefix that does not match, and a missing document.
	_, err = run(t, checks.Request{Old: side("old", "/schemas/name.json"), New: side("new", "/schemas/name.json"),
		Options: opts(Options{AllowRemoteRefs: []string{"https://example.com/"}})})
	wantInputError(t, err, "are not fetched")
	_, err = run(t, checks.Request{Old: side("old", "/missing.json"), New: side("new", "/missing.json"),
		Options: opts(Options{AllowRemoteRefs: []string{srv.URL}})})
	wantInputError(t, err, "404")
}

// TestDeepRecursion: a schema nested 1,000 levels deep and a chain of 1,000
// $refs compare without exhausting the stack, and the change at the bottom
// is found.
var depthN = 1000

func TestDeepRecursion(t *testing.T) {
	t.Parallel()
	nested := func(maxLength int) string {
		var b strings.Builder
		for range depthN {
			b.WriteString(`{"type": "object", "properties": {"a": `)
		}
		fmt.Fprintf(&b, `{"type": "string", "maxLength": %d}`, maxLength)
		b.WriteString(strings.Repeat("}}", depthN))
		return b.String()
	}
	chain := func(maxLength int) string {
		var b strings.Builder
		b.WriteString(`{"$ref": "#/$defs/d0", "$defs": {`)
		for i := range 1000 {
			fmt.Fprintf(&b, `"d%d": {"type": "object", "properties": {"next": {"$ref": "#/$defs/d%d"}, "self": {"$ref": "#/$defs/d%d"}}},`, i, i+1, i)
		}
		fmt.Fprintf(&b, `"d1000": {"type": "string", "maxLength": %d}}}`, maxLength)
		return b.String()
	}
	for name, gen := range map[string]func(int) string{"nested": nested, "refs": chain} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			fs, err := run(t, checks.Request{
				Old: mapSide("old", map[string]string{"s.json": gen(10)}),
				New: mapSide("new", map[string]string{"s.json": gen(5)}),
			})
			if err != nil {
				t.Fatal(err)
			}
			if len(fs) != 1 || fs[0].Rule != "MAX_LENGTH_DECREASED" {
				t.Fatalf("got %v, want one MAX_LENGTH_DECREASED", ruleIDs(fs))
			}
		})
	}
}

// TestDirectionsAndPolicies checks one change under both policies and the
// mode-driven impact.
func TestDirectionsAndPolicies(t *testing.T) {
	t.Parallel()
	old := mapSide("old", map[string]string{"s.json": `{"type": "object", "properties": {"a": {"type": "string"}}}`})
	nw := mapSide("new", map[string]string{"s.json": `{"type": "object", "properties": {"a": {"type": "string"}, "b": {"type": "integer"}}}`})
	for policy, want := range map[Policy]string{Lenient: "OPTIONAL_PROPERTY_ADDED", Strict: "OPTIONAL_PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL"} {
		fs, err := run(t, checks.Request{Old: old, New: nw, Options: opts(Options{Policy: policy})})
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.Join(ruleIDs(fs), " "); got != want {
			t.Errorf("%s: got %s, want %s", policy, got, want)
		}
	}
	// Widening a type breaks forward only: minor under backward, major under forward.
	old = mapSide("old", map[string]string{"s.json": `{"type": "integer"}`})
	nw = mapSide("new", map[string]string{"s.json": `{"type": "number"}`})
	for mode, want := range map[checks.Mode]checks.Impact{checks.ModeBackward: checks.Minor, checks.ModeForward: checks.Major} {
		fs, err := checks.Run(t.Context(), []checks.Engine{New()}, checks.Request{Old: old, New: nw, Mode: mode}, checks.Options{})
		if err != nil {
			t.Fatal(err)
		}
		if len(fs) != 1 || fs[0].Impact != want || fs[0].Breaks != checks.Forward {
			t.Errorf("%s: got %+v, want one forward-breaking %s finding", mode, fs, want)
		}
	}
}

// TestAllErrors: every problem of a side is reported, each with its place.
func TestAllErrors(t *testing.T) {
	t.Parallel()
	side := mapSide("new", map[string]string{
		"a.json": `{"type": "string",}`,
		"b.json": `{"properties": {"x": {"$ref": "#/$defs/nope"}, "y": {"$ref": "c.json"}}}`,
		"c.yaml": "type: [string\n",
	})
	_, err := run(t, checks.Request{Old: mapSide("old", nil), New: side})
	var ie *checks.InputError
	if !errors.As(err, &ie) {
		t.Fatalf("got %v, want an InputError", err)
	}
	want := []string{"a.json:1:19", "b.json:1:31", "b.json:1:62", "c.yaml:"}
	for _, w := range want {
		if !strings.Contains(err.Error(), w) {
			t.Errorf("error %q lacks %q", err, w)
		}
	}
	if len(ie.Diagnostics) != len(want) {
		t.Errorf("got %d diagnostics, want %d: %v", len(ie.Diagnostics), len(want), err)
	}
}

// TestCanceled: a canceled context stops the diff.
func TestCanceled(t *testing.T) {
	t.Parallel()
	c, stop := context.WithCancel(t.Context())
	stop()
	side := mapSide("s", map[string]string{"s.json": `{}`})
	if _, err := New().Diff(c, checks.Request{Old: side, New: side}); err == nil {
		t.Fatal("want an error from a canceled context")
	}
}
