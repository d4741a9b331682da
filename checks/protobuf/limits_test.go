package protobuf

import (
	"errors"
	"strings"
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
