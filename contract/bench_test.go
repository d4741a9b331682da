package contract

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/contractlint/contractlint/checks"
	"github.com/contractlint/contractlint/checks/protobuf"
	"github.com/contractlint/contractlint/internal/gittest"
	"github.com/contractlint/contractlint/report"
	"github.com/contractlint/contractlint/source"
)

// bigRepo builds a repository of n protobuf contracts, each published in a
// commit of its own tagged NAME/v1.0.0 (so every tag has its own tree), and
// changes the first one in the working tree (a deleted field, declared as
// 2.0.0). git fast-import builds the history in one process.
func bigRepo(b testing.TB, n int) string {
	r := gittest.New(b)
	var cfg strings.Builder
	cfg.WriteString("contracts:\n")
	for i := range n {
		name := fmt.Sprintf("svc%03d", i)
		fmt.Fprintf(&cfg, "  - {name: %s, format: protobuf, path: proto/acme/%s/v1, version: 1.0.0}\n", name, name)
	}
	var stream strings.Builder
	data := func(s string) { fmt.Fprintf(&stream, "data %d\n%s\n", len(s), s) }
	for i := range n {
		name := fmt.Sprintf("svc%03d", i)
		fmt.Fprintf(&stream, "commit refs/heads/main\nmark :%d\ncommitter t <t@example.com> %d +0000\n", i+1, 1700000000+i)
		data("publish " + name)
		if i > 0 {
			fmt.Fprintf(&stream, "from :%d\n", i)
		} else {
			fmt.Fprintf(&stream, "M 100644 inline %s\n", FileName)
			data(cfg.String())
		}
		fmt.Fprintf(&stream, "M 100644 inline proto/acme/%s/v1/%s.proto\n", name, name)
		data(protoFile(name, true))
		fmt.Fprintf(&stream, "reset refs/tags/%s/v1.0.0\nfrom :%d\n\n", name, i+1)
	}
	r.GitInput(stream.String(), "fast-import", "--quiet")
	r.Git("reset", "-q", "--hard", "main")
	r.Write("proto/acme/svc000/v1/svc000.proto", protoFile("svc000", false),
		FileName, strings.Replace(cfg.String(), "svc000/v1, version: 1.0.0", "svc000/v1, version: 2.0.0", 1))
	return r.Dir
}

func protoFile(name string, withTotal bool) string {
	total := ""
	if withTotal {
		total = "  int64 total = 3;\n"
	}
	return fmt.Sprintf(`syntax = "proto3";

package acme.%s.v1;

import "google/protobuf/timestamp.proto";

// A %s event.
message Event {
  string id = 1;
  google.protobuf.Timestamp at = 2;
%s  repeated Item items = 4;
}

message Item {
  string sku = 1;
  int32 quantity = 2;
}

service %sService {
  rpc Get(Event) returns (Event);
}
`, name, name, total, strings.ToUpper(name[:1])+name[1:])
}

// BenchmarkCheck200 checks a repository of 200 contracts in which one
// changed, end to end from loading the configuration: git tags, trees,
// byte comparison of every contract and one engine run. Target: ≤ 1 s.
func BenchmarkCheck200(b *testing.B) {
	dir := bigRepo(b, 200)
	e := protobuf.New()
	for b.Loop() {
		rep := checkDir(b, dir, e)
		if c := rep.Contracts[0]; c.Status != StatusIncompatible || len(rep.Contracts) != 200 {
			b.Fatalf("%s: %s %q", c.Name, c.Status, c.Message)
		}
	}
}

func checkDir(b testing.TB, dir string, e checks.Engine) *report.Report {
	ctx := b.Context()
	cfg, err := Load(ctx, filepath.Join(dir, FileName))
	if err != nil {
		b.Fatal(err)
	}
	side, err := source.Dir(dir)
	if err != nil {
		b.Fatal(err)
	}
	g, err := source.OpenGit(ctx, dir)
	if err != nil {
		b.Fatal(err)
	}
	defer g.Close()
	tags, err := NewTags(ctx, g, "", FileName)
	if err != nil {
		b.Fatal(err)
	}
	rep, err := Check(ctx, cfg, &Tree{FS: side.FS, Files: side.Files, Label: "working tree"}, Options{Engines: []checks.Engine{e}, Baseline: tags})
	if err != nil {
		b.Fatal(err)
	}
	return rep
}
