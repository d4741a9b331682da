package protobuf

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/contractlint/contractlint/checks"
	"github.com/contractlint/contractlint/internal/limits"
)

// TestFileSizeLimit: a .proto beyond the file-size limit of package
// internal/limits is not compiled; the error names the limit and the file,
// as for the other formats.
func TestFileSizeLimit(t *testing.T) {
	t.Parallel()
	src := "syntax = \"proto3\";\npackage p;\nmessage M {\n" + strings.Repeat("  // padding padding padding\n", 10) + "  int64 a = 1;\n}\n"
	side := func(label, src string) checks.Side {
		return checks.Side{FS: fstest.MapFS{"m.proto": {Data: []byte(src)}}, Files: []string{"m.proto"}, Label: label}
	}
	req := checks.Request{Old: side("old", src), New: side("new", strings.Replace(src, "int64", "string", 1))}
	ctx := limits.With(t.Context(), limits.Limits{MaxFileSize: 200, MaxDepth: 100})
	_, err := New().Diff(ctx, req)
	if err == nil || !strings.Contains(err.Error(), "m.proto: 350 bytes exceeds the file size limit of 200 bytes; raise it with CONTRACTLINT_MAX_FILE_SIZE") {
		t.Fatalf("got %v; want the file-size limit named", err)
	}
	var ie *checks.InputError
	if !errors.As(err, &ie) {
		t.Errorf("got %T; want an input error (exit 2)", err)
	}
	if _, err := New().Diff(limits.With(t.Context(), limits.Limits{MaxFileSize: 1000}), req); err != nil {
		t.Errorf("within the limit: %v", err)
	}
}

func TestCheckDepth(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		src  string
		want string
	}{
		{"message A { message B { map<string, int32> m = 1; } }", ""},
		{"message A { message B { message C { message D {} } } }", "f.proto:1:47: nested deeper than the nesting-depth limit of 3 levels"},
		{"// {{{{\nmessage A { string s = 1 [(x) = \"{{{{[[[\"]; }", ""},
		{"/* {{{{\n{{ */ message A {\n option (o) = {r: {r: {r: {}}}};\n}", "f.proto:3:23: nested deeper"},
		{"message A { string s = 1 [default = '{{\\'{{']; }", ""},
	} {
		err := checkDepth("f.proto", []byte(c.src), 3, 0)
		switch {
		case c.want == "" && err != nil:
			t.Errorf("%q: %v", c.src, err)
		case c.want != "" && (err == nil || !strings.HasPrefix(err.Error(), c.want)):
			t.Errorf("%q: %v; want %q", c.src, err, c.want)
		}
	}
}

// TestDepthLimit: an option value nested beyond the depth limit stops the
// run before protocompile parses it, naming the limit and the position.
func TestDepthLimit(t *testing.T) {
	t.Parallel()
	deep := "syntax = \"proto3\";\npackage p;\nimport \"google/protobuf/descriptor.proto\";\n" +
		"message R { R r = 1; }\nextend google.protobuf.MessageOptions { R o = 50000; }\n" +
		"message M {\n  option (o) = " + strings.Repeat("{r: ", 5000) + strings.Repeat("}", 5000) + ";\n}\n"
	side := func(label, src string) checks.Side {
		return checks.Side{FS: fstest.MapFS{"m.proto": {Data: []byte(src)}}, Files: []string{"m.proto"}, Label: label}
	}
	changed := strings.Replace(deep, "R r = 1;", "R r = 1; int64 n = 2;", 1)
	_, err := New().Diff(t.Context(), checks.Request{Old: side("old", deep), New: side("new", changed)})
	if err == nil || !strings.Contains(err.Error(), "m.proto:7:") || !strings.Contains(err.Error(), "nested deeper than the nesting-depth limit of 2500 levels; raise it with CONTRACTLINT_MAX_DEPTH=10000") {
		t.Fatalf("got %v; want the depth limit named at m.proto:7", err)
	}
}

// TestDeclarationsLimit: a file with more declarations than the limit stops
// the run before protocompile parses it, naming the limit and where the
// first declaration past it is; comments and strings do not count.
func TestDeclarationsLimit(t *testing.T) {
	t.Parallel()
	src := "syntax = \"proto3\";\npackage p;\n// ;;;;;;;;\nmessage M {\n  string a = 1 [default = \";;;;\"];\n  string b = 2;\n}\n"
	for _, c := range []struct {
		max  int
		want string
	}{
		{0, ""}, {5, ""},
		{4, "f.proto:6:15: more than 4 declarations (fields, options, messages...), the per-file limit; raise it with CONTRACTLINT_MAX_DECLARATIONS=16 (0 lifts it)"},
	} {
		err := checkDepth("f.proto", []byte(src), 100, c.max)
		if got := fmt.Sprint(err); (c.want == "" && err != nil) || (c.want != "" && got != c.want) {
			t.Errorf("limit %d: %v; want %q", c.max, err, c.want)
		}
	}
	side := func(label string, n int) checks.Side {
		var b strings.Builder
		b.WriteString("syntax = \"proto3\";\npackage p;\nmessage M {\n")
		for i := 1; i <= n; i++ {
			fmt.Fprintf(&b, "  string f%d = %d;\n", i, i)
		}
		b.WriteString("}\n")
		return checks.Side{FS: fstest.MapFS{"m.proto": {Data: []byte(b.String())}}, Files: []string{"m.proto"}, Label: label}
	}
	ctx := limits.With(t.Context(), limits.Limits{MaxDeclarations: 100})
	_, err := New().Diff(ctx, checks.Request{Old: side("old", 90), New: side("new", 120)})
	var ie *checks.InputError
	if !errors.As(err, &ie) || !strings.Contains(err.Error(), "m.proto:101:") || !strings.Contains(err.Error(), "CONTRACTLINT_MAX_DECLARATIONS") {
		t.Fatalf("got %v; want an input error naming the declarations limit at m.proto:101", err)
	}
	if _, err := New().Diff(ctx, checks.Request{Old: side("old", 90), New: side("new", 95)}); err != nil {
		t.Errorf("within the limit: %v", err)
	}
}

// TestIdenticalFilesCountAgainstTheBudget: the comparison that proves files
// identical reads both copies, and those bytes count against the
// total-input-size limit like any other read: a comparison past it stops
// with the limit named, never a silent pass.
func TestIdenticalFilesCountAgainstTheBudget(t *testing.T) {
	t.Parallel()
	same := "syntax = \"proto3\";\npackage p;\n// " + strings.Repeat("padding ", 100) + "\nmessage M { string a = 1; }\n"
	fsys := fstest.MapFS{}
	var files []string
	for i := range 10 {
		name := fmt.Sprintf("f%d.proto", i)
		fsys[name] = &fstest.MapFile{Data: []byte(strings.Replace(same, "M", fmt.Sprintf("M%d", i), 1))}
		files = append(files, name)
	}
	side := checks.Side{FS: fsys, Files: files, Label: "side"}
	ctx := limits.With(t.Context(), limits.Limits{MaxTotalSize: 4000})
	_, err := checks.Run(ctx, []checks.Engine{New()}, checks.Request{Old: side, New: side}, checks.Options{})
	if err == nil || !strings.Contains(err.Error(), "total-input-size limit") {
		t.Fatalf("got %v; want the total-input-size limit named", err)
	}
	if _, err := checks.Run(limits.With(t.Context(), limits.Limits{MaxTotalSize: 40000}), []checks.Engine{New()}, checks.Request{Old: side, New: side}, checks.Options{}); err != nil {
		t.Errorf("within the limit: %v", err)
	}
}

// TestChangedFilesCountOnce: a file present on both sides but changed is
// read when the sides are compared and again when it is parsed; the
// total-input-size limit counts its bytes once, so two sides just under the
// limit compare.
func TestChangedFilesCountOnce(t *testing.T) {
	t.Parallel()
	base := "syntax = \"proto3\";\npackage p;\n// " + strings.Repeat("padding ", 100) + "\nmessage M { string a = 1; }\n"
	oldFS, newFS := fstest.MapFS{}, fstest.MapFS{}
	var files []string
	total := 0
	for i := range 10 {
		name := fmt.Sprintf("f%d.proto", i)
		o := strings.Replace(base, "M", fmt.Sprintf("M%d", i), 1)
		n := strings.Replace(o, "string a = 1;", "string a = 1; int32 b = 2;", 1)
		oldFS[name] = &fstest.MapFile{Data: []byte(o)}
		newFS[name] = &fstest.MapFile{Data: []byte(n)}
		files = append(files, name)
		total += len(o) + len(n)
	}
	req := checks.Request{Old: checks.Side{FS: oldFS, Files: files, Label: "old"}, New: checks.Side{FS: newFS, Files: files, Label: "new"}}
	ctx := limits.With(t.Context(), limits.Limits{MaxTotalSize: int64(total) + 100})
	if _, err := checks.Run(ctx, []checks.Engine{New()}, req, checks.Options{}); err != nil {
		t.Errorf("%d bytes in all, under a limit of %d: %v", total, total+100, err)
	}
	ctx = limits.With(t.Context(), limits.Limits{MaxTotalSize: int64(total) - 100})
	if _, err := checks.Run(ctx, []checks.Engine{New()}, req, checks.Options{}); err == nil || !strings.Contains(err.Error(), "total-input-size limit") {
		t.Errorf("%d bytes in all, over a limit of %d: %v; want the total-input-size limit named", total, total-100, err)
	}
}

// readCounter is a file system that counts the bytes read from each file.
type readCounter struct {
	fstest.MapFS
	mu    sync.Mutex
	bytes map[string]int
}

func (c *readCounter) Open(name string) (fs.File, error) {
	f, err := c.MapFS.Open(name)
	if err != nil {
		return nil, err
	}
	return &countedFile{File: f, c: c, name: name}, nil
}

// ReadFile reads through Open, so that the bytes are counted.
func (c *readCounter) ReadFile(name string) ([]byte, error) {
	f, err := c.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(f)
}

type countedFile struct {
	fs.File
	c    *readCounter
	name string
}

func (f *countedFile) Read(p []byte) (int, error) {
	n, err := f.File.Read(p)
	f.c.mu.Lock()
	f.c.bytes[f.name] += n
	f.c.mu.Unlock()
	return n, err
}

// TestOversizedFileNotRead: without a buf.yaml the loader scans every
// file's imports to infer import roots before compiling; a file over the
// file-size limit is refused, naming the limit, without a byte of it read.
func TestOversizedFileNotRead(t *testing.T) {
	t.Parallel()
	small := "syntax = \"proto3\";\npackage p;\nimport \"big.proto\";\nmessage A { B b = 1; }\n"
	big := "syntax = \"proto3\";\npackage p;\nmessage B {\n" + strings.Repeat("  // padding padding padding\n", 100) + "}\n"
	side := func(label string) (checks.Side, *readCounter) {
		// In proto/, imported as "big.proto": the root proto is inferred.
		c := &readCounter{MapFS: fstest.MapFS{"proto/a.proto": {Data: []byte(small)}, "proto/big.proto": {Data: []byte(big)}}, bytes: map[string]int{}}
		return checks.Side{FS: c, Files: []string{"proto/a.proto", "proto/big.proto"}, Label: label}, c
	}
	old, oc := side("old")
	nw, nc := side("new")
	ctx := limits.With(t.Context(), limits.Limits{MaxFileSize: 1000, MaxDepth: 100})
	_, err := New().Diff(ctx, checks.Request{Old: old, New: nw})
	if err == nil || !strings.Contains(err.Error(), "proto/big.proto: 2.875 KiB exceeds the file size limit of 1000 bytes") {
		t.Errorf("a file over the file-size limit: %v, want the limit named with big.proto", err)
	}
	for label, c := range map[string]*readCounter{"old": oc, "new": nc} {
		if n := c.bytes["proto/big.proto"]; n > 0 {
			t.Errorf("%s: %d bytes of big.proto read", label, n)
		}
	}
}
