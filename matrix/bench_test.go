package matrix

import (
	"fmt"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"testing/fstest"
	"time"

	"github.com/contractlint/contractlint/checks/registry"
	"github.com/contractlint/contractlint/contract"
	"github.com/contractlint/contractlint/internal/gittest"
	"github.com/contractlint/contractlint/internal/safefile"
	"github.com/contractlint/contractlint/source"
)

// The scale benchmark of issue 6: 50 protobuf contracts × 20 versions × 30
// consumers, compared with the real protobuf engine through contract.Check,
// as `matrix update` does (minus git, whose tag listing is per repository).
//
//	go test ./matrix -run '^$' -bench Update -benchtime 3x
const (
	benchContracts = 50
	benchVersions  = 20 // 1.0.0 … 1.9.0, 2.0.0 … 2.9.0; 2.9.0 is proposed
	benchConsumers = 30
)

func benchVersion(i int) string { return fmt.Sprintf("%d.%d.0", 1+i/10, i%10) }

// benchProto is version i of contract n: each version adds a field, and
// 2.0.0 deletes field 2 (a break for the 1.x readers).
func benchProto(n, i int) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, "syntax = \"proto3\";\npackage acme.c%d.v1;\n\nmessage Event {\n  string id = 1;\n", n)
	for f := 2; f <= i+3; f++ {
		if f == 2 && i >= 10 {
			continue
		}
		fmt.Fprintf(&b, "  string field_%d = %d;\n", f, f)
	}
	b.WriteString("}\n")
	return []byte(b.String())
}

// benchConfig returns the benchmark's contractlint.yaml.
func benchConfig() string {
	var cfgText, prodText, consText strings.Builder
	cfgText.WriteString("contracts:\n")
	prodText.WriteString("producers:\n")
	for n := range benchContracts {
		name := fmt.Sprintf("c%02d", n)
		fmt.Fprintf(&cfgText, "  - name: %s\n    format: protobuf\n    path: %s\n    version: %s\n", name, benchFile(n), benchVersion(benchVersions-1))
		fmt.Fprintf(&prodText, "  svc-%s: { %s: %q }\n  legacy-%s: { %s: %q }\n", name, name, benchVersion(benchVersions-1), name, name, benchVersion(9))
	}
	consText.WriteString("consumers:\n")
	for j := range benchConsumers {
		fmt.Fprintf(&consText, "  consumer-%02d: {", j)
		for n := range benchContracts {
			spec := []string{fmt.Sprintf("^1.%d", j%10), "^2", ">=1.0.0 <3.0.0"}[j%3]
			if n > 0 {
				consText.WriteString(", ")
			}
			fmt.Fprintf(&consText, "c%02d: %q", n, spec)
		}
		consText.WriteString("}\n")
	}
	return cfgText.String() + prodText.String() + consText.String()
}

func benchFile(n int) string { return fmt.Sprintf("acme/c%02d/v1/event.proto", n) }

func benchRepo(tb testing.TB) (*Repo, *Declarations) {
	tb.Helper()
	pub := memPublisher{}
	work := fstest.MapFS{}
	for n := range benchContracts {
		name := fmt.Sprintf("c%02d", n)
		pub[name] = map[string]fstest.MapFS{}
		for i := range benchVersions - 1 {
			pub[name][benchVersion(i)] = fstest.MapFS{benchFile(n): {Data: benchProto(n, i)}}
		}
		work[benchFile(n)] = &fstest.MapFile{Data: benchProto(n, benchVersions-1)}
	}
	cfg, err := contract.Parse("contractlint.yaml", []byte(benchConfig()))
	if err != nil {
		tb.Fatal(err)
	}
	d, err := DecodeConfig(cfg)
	if err != nil {
		tb.Fatal(err)
	}
	return NewRepo(cfg, memTree(work, "working tree"), pub, registry.Engines()), d
}

func benchUpdate(b *testing.B, warm bool) {
	path := filepath.Join(b.TempDir(), DefaultFile)
	src, d := benchRepo(b)
	m, err := Evaluate(b.Context(), Input{Decls: d, Source: src})
	if err != nil {
		b.Fatal(err)
	}
	if err := WriteFile(b.Context(), path, m, safefile.Policy{Roots: []string{filepath.Dir(path)}}); err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(float64(m.Stats.Cells), "cells")
	b.ReportMetric(float64(m.Stats.Compared), "compared")
	b.ResetTimer()
	cpu := cpuTime()
	for range b.N {
		src, d := benchRepo(b) // no digest carried over between runs
		var cache *Matrix
		if warm {
			if cache, err = ReadFile(path, safefile.Policy{Roots: []string{filepath.Dir(path)}}); err != nil {
				b.Fatal(err)
			}
		}
		m, err := Evaluate(b.Context(), Input{Decls: d, Source: src, Cache: cache})
		if err != nil {
			b.Fatal(err)
		}
		if warm && m.Stats.Compared != 0 {
			b.Fatalf("warm run compared %d pairs", m.Stats.Compared)
		}
		if err := WriteFile(b.Context(), path, m, safefile.Policy{Roots: []string{filepath.Dir(path)}}); err != nil {
			b.Fatal(err)
		}
	}
	// CPU seconds per update: on a shared machine the wall clock measures
	// the neighbours; on two idle cores the wall time is at most this.
	b.ReportMetric((cpuTime()-cpu).Seconds()/float64(b.N), "cpu-s/op")
}

// cpuTime is the process's user and system CPU time.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkUpdateCold evaluates the whole matrix from nothing and writes it.
func BenchmarkUpdateCold(b *testing.B) { benchUpdate(b, false) }

// BenchmarkUpdateWarm reads the matrix file, finds that nothing changed and
// writes it again: the cost of `matrix verify` or a no-op `matrix update`.
func BenchmarkUpdateWarm(b *testing.B) { benchUpdate(b, true) }

// TestBenchRepoShape keeps the benchmark honest: it has the advertised size
// and its 2.0.0 break shows up.
func TestBenchRepoShape(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("compares a few hundred pairs")
	}
	src, d := benchRepo(t)
	if len(d.Consumers) != benchConsumers || len(d.Producers) != 2*benchContracts {
		t.Fatalf("%d consumers, %d producers", len(d.Consumers), len(d.Producers))
	}
	m, err := Evaluate(t.Context(), Input{Decls: d, Source: src, Contracts: []string{"c00", "c01"}})
	if err != nil {
		t.Fatal(err)
	}
	c := m.Contract("c00")
	if len(c.Versions) != benchVersions {
		t.Errorf("%d versions", len(c.Versions))
	}
	// consumer-00 reads ^1.0: the 2.9.0 writer deletes field_2.
	if v := verdict(t, m, "c00", "consumer-00", "2.9.0"); v.Status != Incompatible {
		t.Errorf("consumer-00 on 2.9.0 = %+v", v)
	}
	if v := verdict(t, m, "c00", "consumer-01", "2.9.0"); v.Status != Compatible {
		t.Errorf("consumer-01 (^2) on 2.9.0 = %+v", v)
	}
}

// benchGitRepo builds the same repository in git: one commit and tag
// (cNN/vX.Y.0) per published version, written by git fast-import, and the
// proposed 2.9.0 in the working tree.
func benchGitRepo(b *testing.B) string {
	r := gittest.New(b)
	var stream strings.Builder
	data := func(s string) { fmt.Fprintf(&stream, "data %d\n%s\n", len(s), s) }
	mark := 0
	for i := range benchVersions - 1 {
		for n := range benchContracts {
			mark++
			fmt.Fprintf(&stream, "commit refs/heads/main\nmark :%d\ncommitter t <t@example.com> %d +0000\n", mark, 1700000000+mark)
			data(fmt.Sprintf("c%02d %s", n, benchVersion(i)))
			if mark > 1 {
				fmt.Fprintf(&stream, "from :%d\n", mark-1)
			} else {
				stream.WriteString("M 100644 inline contractlint.yaml\n")
				data(benchConfig())
			}
			fmt.Fprintf(&stream, "M 100644 inline %s\n", benchFile(n))
			data(string(benchProto(n, i)))
			fmt.Fprintf(&stream, "reset refs/tags/c%02d/v%s\nfrom :%d\n\n", n, benchVersion(i), mark)
		}
	}
	r.GitInput(stream.String(), "fast-import", "--quiet")
	r.Git("reset", "-q", "--hard", "main")
	var files []string
	for n := range benchContracts {
		files = append(files, benchFile(n), string(benchProto(n, benchVersions-1)))
	}
	r.Write(files...)
	return r.Dir
}

// gitUpdate is `matrix update` in process: load the configuration, open git,
// evaluate with the file as cache, write the file.
func gitUpdate(b *testing.B, dir string, warm bool) *Matrix {
	ctx := b.Context()
	cfg, err := contract.Load(ctx, filepath.Join(dir, "contractlint.yaml"))
	if err != nil {
		b.Fatal(err)
	}
	d, err := DecodeConfig(cfg)
	if err != nil {
		b.Fatal(err)
	}
	g, err := source.OpenGit(ctx, dir)
	if err != nil {
		b.Fatal(err)
	}
	defer g.Close()
	prefix, err := g.Prefix(ctx)
	if err != nil {
		b.Fatal(err)
	}
	tags, err := NewGitTags(ctx, g, prefix, "contractlint.yaml")
	if err != nil {
		b.Fatal(err)
	}
	side, err := source.Dir(dir)
	if err != nil {
		b.Fatal(err)
	}
	work := &contract.Tree{FS: side.FS, Files: side.Files, Label: "working tree"}
	path := filepath.Join(dir, DefaultFile)
	var cache *Matrix
	if warm {
		if cache, err = ReadFile(path, safefile.Policy{Roots: []string{filepath.Dir(path)}}); err != nil {
			b.Fatal(err)
		}
	}
	var names []string
	for _, c := range cfg.Contracts {
		names = append(names, c.Name)
	}
	m, err := Evaluate(ctx, Input{Decls: d, Contracts: names, Source: NewRepo(cfg, work, tags, registry.Engines()), Cache: cache})
	if err != nil {
		b.Fatal(err)
	}
	if err := WriteFile(ctx, path, m, safefile.Policy{Roots: []string{filepath.Dir(path)}}); err != nil {
		b.Fatal(err)
	}
	return m
}

func benchGit(b *testing.B, warm bool) {
	dir := benchGitRepo(b)
	m := gitUpdate(b, dir, false)
	b.ReportMetric(float64(m.Stats.Cells), "cells")
	b.ResetTimer()
	cpu := cpuTime()
	for range b.N {
		m := gitUpdate(b, dir, warm)
		if warm && m.Stats.Compared != 0 {
			b.Fatalf("warm run compared %d pairs", m.Stats.Compared)
		}
	}
	b.ReportMetric((cpuTime()-cpu).Seconds()/float64(b.N), "cpu-s/op")
}

// BenchmarkUpdateGitCold is BenchmarkUpdateCold on a real git repository
// with 950 tags.
func BenchmarkUpdateGitCold(b *testing.B) { benchGit(b, false) }

// BenchmarkUpdateGitWarm is BenchmarkUpdateWarm on a real git repository.
func BenchmarkUpdateGitWarm(b *testing.B) { benchGit(b, true) }
