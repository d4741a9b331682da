package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestFlagNamesRejectNewlines: a service, environment or version given on
// the command line cannot carry a newline (a workflow command on the next
// line): exit 2, the value quoted on one line.
func TestFlagNamesRejectNewlines(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "contractlint.yaml"), []byte("contracts:\n  - {name: p, format: avro, path: p.avsc, version: 1.0.0}\nproducers:\n  payments: {p: \"1.0.0\"}\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "p.avsc"), []byte(`{"type": "record", "name": "P", "fields": []}`), 0o644)
	for _, args := range [][]string{
		{"--service", "payments", "--version", "1.0.0", "--environment", "prod\n::warning::injected"},
		{"--service", "pay\nments", "--version", "1.0.0", "--environment", "prod"},
		{"--service", "payments", "--version", "1.0\n::error::x", "--environment", "prod"},
	} {
		var stdout, stderr bytes.Buffer
		code := run(t.Context(), append([]string{"contractlint", "matrix", "record-deployment", "-C", dir}, args...), &stdout, &stderr)
		if code != exitError {
			t.Errorf("%q: exit %d, want 2", args, code)
		}
		if got := stderr.String(); strings.Count(got, "\n") != 1 || !strings.Contains(got, `\n`) || strings.Contains(got, "\n::") {
			t.Errorf("%q: stderr %q, want one line quoting the newline", args, got)
		}
	}
}
