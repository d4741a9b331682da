package jsonschema

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/contractlint/contractlint/checks"
)

// writeCorpus writes n schemas of about props properties each into dir:
// every schema refers to the next one (a ring across files) and to a shared
// definitions file. With changed, every tenth schema tightens a maxLength.
func writeCorpus(tb testing.TB, dir string, n, props int, changed bool) []string {
	tb.Helper()
	kinds := []string{
		`{"type": "string", "maxLength": %d, "description": "field %d"}`,
		`{"type": "integer", "minimum": 0, "maximum": %d, "title": "f%d"}`,
		`{"type": "number", "multipleOf": 0.5, "maximum": %d, "examples": [%d]}`,
		`{"type": "array", "items": {"type": "string"}, "maxItems": %d, "minItems": %d}`,
		`{"type": "object", "properties": {"x": {"type": "boolean"}}, "maxProperties": %d, "minProperties": %d}`,
		`{"enum": ["a", "b", "c%d", "d%d"]}`,
	}
	common := `{"$defs": {"address": {"type": "object", "properties": {"street": {"type": "string"}, "city": {"type": "string"}}, "required": ["city"]}}}`
	if err := os.WriteFile(filepath.Join(dir, "common.json"), []byte(common), 0o644); err != nil {
		tb.Fatal(err)
	}
	files := []string{"common.json"}
	for i := range n {
		var b strings.Builder
		fmt.Fprintf(&b, "{\n  \"$schema\": \"https://json-schema.org/draft/2020-12/schema\",\n  \"type\": \"object\",\n  \"properties\": {\n")
		for p := range props {
			limit := 100 + p
			if changed && i%10 == 0 && p == 0 {
				limit = 50
			}
			fmt.Fprintf(&b, "    \"p%03d\": "+kinds[p%len(kinds)]+",\n", p, limit, p)
		}
		fmt.Fprintf(&b, "    \"next\": {\"$ref\": \"s%04d.json\"},\n", (i+1)%n)
		b.WriteString("    \"address\": {\"$ref\": \"common.json#/$defs/address\"}\n  },\n  \"required\": [\"p000\", \"next\"]\n}\n")
		name := fmt.Sprintf("s%04d.json", i)
		if err := os.WriteFile(filepath.Join(dir, name), []byte(b.String()), 0o644); err != nil {
			tb.Fatal(err)
		}
		files = append(files, name)
	}
	return files
}

func rootSide(tb testing.TB, dir string, files []string) checks.Side {
	tb.Helper()
	root, err := os.OpenRoot(dir)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { root.Close() })
	return checks.Side{FS: root.FS(), Files: files, Label: dir}
}

// BenchmarkDiff diffs 1,000 schemas of about 200 properties each, with
// cross-file $refs (docs/performance.md).
func BenchmarkDiff(b *testing.B) {
	oldDir, newDir := b.TempDir(), b.TempDir()
	files := writeCorpus(b, oldDir, 1000, 200, false)
	writeCorpus(b, newDir, 1000, 200, true)
	req := checks.Request{Old: rootSide(b, oldDir, files), New: rootSide(b, newDir, files), Options: opts(Options{Policy: Lenient})}
	e := New()
	// The machine may be shared: CPU time per diff is reported next to
	// wall time.
	start := cpuTime()
	n := 0
	for b.Loop() {
		fs, err := e.Diff(b.Context(), req)
		if err != nil {
			b.Fatal(err)
		}
		if len(fs) != 100 {
			b.Fatalf("got %d findings, want 100", len(fs))
		}
		n++
	}
	b.ReportMetric((cpuTime()-start).Seconds()/float64(n), "cpu-s/op")
}

// TestCorpusShape runs the benchmark's generator small, so that it stays
// correct in normal runs.
func TestCorpusShape(t *testing.T) {
	t.Parallel()
	oldDir, newDir := t.TempDir(), t.TempDir()
	files := writeCorpus(t, oldDir, 20, 12, false)
	writeCorpus(t, newDir, 20, 12, true)
	fs, err := New().Diff(t.Context(), checks.Request{Old: rootSide(t, oldDir, files), New: rootSide(t, newDir, files), Options: opts(Options{Policy: Lenient})})
	if err != nil {
		t.Fatal(err)
	}
	if len(fs) != 2 {
		t.Fatalf("got %d findings (%v), want 2", len(fs), ruleIDs(fs))
	}
}
