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

func benchRepo(tb testing.TB) (*Repo, *Declarations) {
	tb.Helper()
	var cfgText, prodText, consText strings.Builder
	cfgText.WriteString("contracts:\n")
	prodText.WriteString("producers:\n")
	pub := memPublisher{}
	work := fstest.MapFS{}
	for n := range benchContracts {
		name := fmt.Sprintf("c%02d", n)
		file := fmt.Sprintf("acme/%s/v1/event.proto", name)
		fmt.Fprintf(&cfgText, "  - name: %s\n    format: protobuf\n    path: %s\n    version: %s\n", name, file, benchVersion(benchVersions-1))
		fmt.Fprintf(&prodText, "  svc-%s: { %s: %q }\n  legacy-%s: { %s: %q }\n", name, name, benchVersion(benchVersions-1), name, name, benchVersion(9))
		pub[name] = map[string]fstest.MapFS{}
		for i := range benchVersions - 1 {
			pub[name][benchVersion(i)] = fstest.MapFS{file: {Data: benchProto(n, i)}}
		}
		work[file] = &fstest.MapFile{Data: benchProto(n, benchVersions-1)}
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
	src := cfgText.String() + prodText.String() + consText.String()
	cfg, err := contract.Parse("contractlint.yaml", []byte(src))
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
	if err := WriteFile(b.Context(), path, m); err != nil {
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
			if cache, err = ReadFile(path); err != nil {
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
		if err := WriteFile(b.Context(), path, m); err != nil {
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
