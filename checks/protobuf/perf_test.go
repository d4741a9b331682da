package protobuf

import (
	"context"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/contractlint/contractlint/checks"
	"github.com/contractlint/contractlint/internal/protogen"
	"github.com/contractlint/contractlint/source"
)

// expected maps each kind of planted change to the rules that must report
// it, located in the mutated file.
var expected = map[protogen.Kind][]string{
	protogen.FileRemoved:      {"FILE_NO_DELETE"},
	protogen.FileAdded:        {"FILE_ADD"},
	protogen.FieldTypeChanged: {"FIELD_SAME_TYPE"},
	protogen.FieldDeleted:     {"FIELD_NO_DELETE"},
	protogen.FieldAdded:       {"FIELD_ADD"},
	protogen.FieldRenamed:     {"FIELD_SAME_NAME", "FIELD_SAME_JSON_NAME"},
	protogen.FieldDeprecated:  {"FIELD_DEPRECATED"},
	protogen.EnumValueAdded:   {"ENUM_VALUE_ADD"},
	protogen.EnumValueRemoved: {"ENUM_VALUE_NO_DELETE"},
	protogen.MessageAdded:     {"MESSAGE_ADD"},
	protogen.RPCAdded:         {"RPC_ADD"},
	protogen.CommentChanged:   {"COMMENT_CHANGE"},
}

// breaking are the kinds of planted changes that break compatibility; no
// other kind may be reported by a breaking rule.
var breaking = []protogen.Kind{protogen.FileRemoved, protogen.FieldTypeChanged, protogen.FieldDeleted, protogen.FieldRenamed, protogen.EnumValueRemoved}

// writeCorpus generates cfg into dir and returns the two sides.
func writeCorpus(tb testing.TB, ctx context.Context, cfg protogen.Config, dir string) (*protogen.Corpus, checks.Request) {
	tb.Helper()
	c := protogen.Generate(cfg)
	oldDir, newDir := filepath.Join(dir, "old"), filepath.Join(dir, "new")
	if _, _, err := c.Write(ctx, oldDir, newDir); err != nil {
		tb.Fatal(err)
	}
	var req checks.Request
	var err error
	if req.Old, err = source.Dir(oldDir); err != nil {
		tb.Fatal(err)
	}
	if req.New, err = source.Dir(newDir); err != nil {
		tb.Fatal(err)
	}
	return c, req
}

// TestDiffFindsPlantedChanges diffs a small generated tree and its mutated
// copy: every planted change is reported in its file by its rules, no
// compatible change by a breaking rule, and nothing in a file the generator
// did not touch or whose license header alone it changed.
func TestDiffFindsPlantedChanges(t *testing.T) {
	t.Parallel()
	for _, cfg := range []protogen.Config{{Seed: 11, Files: 300}, {Seed: 12, Files: 300, Single: true}} {
		c, req := writeCorpus(t, t.Context(), cfg, t.TempDir())
		findings, err := New().Diff(t.Context(), req)
		if err != nil {
			t.Fatal(err)
		}
		touched := map[string]bool{}
		licensed := map[string]bool{}
		for _, m := range c.Mutations() {
			touched[m.File] = true
			if m.Kind == protogen.LicenseChanged {
				licensed[m.File] = true
			}
			for _, rule := range expected[m.Kind] {
				if !slices.ContainsFunc(findings, func(f checks.Finding) bool {
					file := f.File
					if file == "" { // a deleted file is named by the path
						file = f.Path
					}
					return f.Rule == rule && file == m.File &&
						(strings.HasSuffix(f.Path, lastName(m.Path)) || m.New != "" && strings.HasSuffix(f.Path, m.New))
				}) {
					t.Errorf("%v: no %s finding", m, rule)
				}
			}
		}
		breaks := map[string]bool{}
		for _, r := range New().Rules() {
			breaks[r.ID] = r.Breaks != 0
		}
		for _, f := range findings {
			if !touched[f.File] && !touched[f.Path] {
				t.Errorf("finding in a file the generator did not change: %+v", f)
			}
			if licensed[f.File] {
				t.Errorf("finding in a file whose license header alone changed: %+v", f)
			}
		}
		if !cfg.Single && len(licensed) == 0 {
			t.Errorf("seed %d: no file whose license header alone changed", cfg.Seed)
		}
		if len(findings) == 0 {
			t.Errorf("seed %d: no findings", cfg.Seed)
		}
		for _, m := range c.Mutations() {
			if slices.Contains(breaking, m.Kind) || m.Path == "" {
				continue
			}
			for _, f := range findings {
				if breaks[f.Rule] && f.File == m.File && f.Path == m.Path {
					t.Errorf("%v: reported as breaking by %s", m, f.Rule)
				}
			}
		}
	}
}

// lastName returns the last component of a dotted name.
func lastName(s string) string { return s[strings.LastIndex(s, ".")+1:] }

// benchmarkDiff generates cfg once and diffs its two sides b.N times.
func benchmarkDiff(b *testing.B, cfg protogen.Config) {
	_, req := writeCorpus(b, b.Context(), cfg, b.TempDir())
	e := New()
	b.ResetTimer()
	for b.Loop() {
		if _, err := e.Diff(b.Context(), req); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDiffGoogleapis diffs a googleapis-sized tree (6,000 files, 70 MB)
// against a copy with 2% of its files changed, 0.5% removed and 0.5% added.
// Target: 5 s on 2 cores.
func BenchmarkDiffGoogleapis(b *testing.B) { benchmarkDiff(b, protogen.Googleapis) }

// BenchmarkDiffGoogleapisSingleFile diffs the googleapis-sized tree against a
// copy with one imported file changed. Target: 1 s on 2 cores.
func BenchmarkDiffGoogleapisSingleFile(b *testing.B) {
	cfg := protogen.Googleapis
	cfg.Single = true
	benchmarkDiff(b, cfg)
}
