package protogen

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/bufbuild/protocompile"
	"github.com/bufbuild/protocompile/reporter"
)

// TestDeterministic checks that a seed always yields the same bytes and that
// another seed yields another tree.
func TestDeterministic(t *testing.T) {
	t.Parallel()
	sum := func(cfg Config) [32]byte {
		h := sha256.New()
		err := Generate(cfg).Each(func(p string, o, n []byte) error {
			fmt.Fprintf(h, "%s\x00%d\x00%s\x00%d\x00%s\x00", p, len(o), o, len(n), n)
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		return [32]byte(h.Sum(nil))
	}
	cfg := Config{Seed: 7, Files: 150}
	first := sum(cfg)
	if first != sum(cfg) {
		t.Error("the same config generated two different trees")
	}
	if first == sum(Config{Seed: 8, Files: 150}) {
		t.Error("two seeds generated the same tree")
	}
}

// TestCorpusCompiles compiles both sides of a small corpus and checks that
// the planted changes are where the manifest says: changed files differ,
// every other file is byte-identical, removed and added files exist on one
// side only.
func TestCorpusCompiles(t *testing.T) {
	t.Parallel()
	for _, cfg := range []Config{{Seed: 3, Files: 400}, {Seed: 3, Files: 400, Single: true}} {
		t.Run(fmt.Sprintf("single=%v", cfg.Single), func(t *testing.T) {
			t.Parallel()
			c := Generate(cfg)
			dir := t.TempDir()
			oldDir, newDir := filepath.Join(dir, "old"), filepath.Join(dir, "new")
			os, ns, err := c.Write(t.Context(), oldDir, newDir)
			if err != nil {
				t.Fatal(err)
			}
			if os.Files < cfg.Files || os.Files > cfg.Files+60 {
				t.Errorf("old side has %d files, want about %d", os.Files, cfg.Files)
			}
			touched := map[string]Kind{}
			for _, m := range c.Mutations() {
				touched[m.File] = m.Kind
			}
			var oldFiles, newFiles []string
			changed := 0
			err = c.Each(func(p string, o, n []byte) error {
				if o != nil {
					oldFiles = append(oldFiles, p)
				}
				if n != nil {
					newFiles = append(newFiles, p)
				}
				k, ok := touched[p]
				switch {
				case o == nil && k != FileAdded, n == nil && k != FileRemoved:
					t.Errorf("%s is on one side only but the manifest says %q", p, k)
				case o != nil && n != nil && bytes.Equal(o, n) == ok:
					t.Errorf("%s: changed=%v but the manifest says %q", p, !bytes.Equal(o, n), k)
				case o != nil && n != nil && ok:
					changed++
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			if cfg.Single && (changed != 1 || len(oldFiles) != len(newFiles)) {
				t.Errorf("single: %d changed files, %d old and %d new files; want 1 changed and no file added or removed", changed, len(oldFiles), len(newFiles))
			}
			if !cfg.Single && changed < cfg.Files/60 {
				t.Errorf("only %d changed files", changed)
			}
			compile(t, oldDir, oldFiles)
			compile(t, newDir, newFiles)
			t.Logf("old %+v new %+v, %d changes", os, ns, len(c.Mutations()))
		})
	}
}

func compile(t *testing.T, dir string, files []string) {
	t.Helper()
	var errs []string
	c := protocompile.Compiler{
		Resolver: protocompile.WithStandardImports(&protocompile.SourceResolver{ImportPaths: []string{dir}}),
		Reporter: reporter.NewReporter(func(err reporter.ErrorWithPos) error {
			errs = append(errs, err.Error())
			return nil
		}, nil),
	}
	if _, err := c.Compile(t.Context(), files...); err != nil {
		if len(errs) > 10 {
			errs = errs[:10]
		}
		t.Fatalf("%s does not compile: %v\n%s", dir, err, strings.Join(errs, "\n"))
	}
}

// BenchmarkGenerateGoogleapis renders the benchmark tree without writing
// it, and fails unless it has the size of googleapis: about 6,000 files and
// 70 MB.
func BenchmarkGenerateGoogleapis(b *testing.B) {
	for b.Loop() {
		var files int
		var size int64
		err := Generate(Googleapis).Each(func(_ string, o, _ []byte) error {
			if o != nil {
				files++
				size += int64(len(o))
			}
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
		if files < 5800 || files > 6200 || size < 65e6 || size > 75e6 {
			b.Fatalf("googleapis tree: %d files, %d bytes; want about 6000 files and 70 MB", files, size)
		}
		b.ReportMetric(float64(size)/1e6, "MB")
	}
}
