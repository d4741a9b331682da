package matrix

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/contractlint/contractlint/checks"
	"github.com/contractlint/contractlint/checks/registry"
	"github.com/contractlint/contractlint/contract"
	"github.com/contractlint/contractlint/internal/gittest"
	"github.com/contractlint/contractlint/source"
)

// gitMatrix evaluates the matrix of a real repository as `matrix update`
// does.
func gitMatrix(t *testing.T, dir string) *Matrix {
	t.Helper()
	ctx := t.Context()
	cfg, err := contract.Load(ctx, filepath.Join(dir, "contractlint.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	d, err := DecodeConfig(cfg)
	if err != nil {
		t.Fatal(err)
	}
	g, err := source.OpenGit(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { g.Close() })
	prefix, _ := g.Prefix(ctx)
	tags, err := NewGitTags(ctx, g, prefix, "contractlint.yaml")
	if err != nil {
		t.Fatal(err)
	}
	side, err := source.Dir(dir)
	if err != nil {
		t.Fatal(err)
	}
	work := &contract.Tree{FS: side.FS, Files: side.Files, Label: "working tree"}
	return evaluate(t, NewRepo(cfg, work, tags, registry.Engines()), d, nil)
}

// TestGitTagsFollowAMovedContract: orders lived in old/ when 1.0.0 was
// tagged and in new/ since; the tag's own configuration says where, and the
// comparison finds the deleted field instead of a missing file.
func TestGitTagsFollowAMovedContract(t *testing.T) {
	t.Parallel()
	r := gittest.New(t)
	cfg := func(path, version string) string {
		return "contracts:\n  - {name: orders, format: protobuf, path: " + path + ", version: " + version + "}\n" +
			"producers:\n  svc: { orders: \"" + version + "\" }\nconsumers:\n  billing: { orders: \"^1.0\" }\n"
	}
	r.Commit("1.0.0", "contractlint.yaml", cfg("old/orders.proto", "1.0.0"),
		"old/orders.proto", proto("int64 total = 2;"))
	r.Git("tag", "orders/v1.0.0")
	r.Git("rm", "-q", "-r", "old")
	r.Commit("moved", "contractlint.yaml", cfg("new/orders.proto", "2.0.0"), "new/orders.proto", proto())
	m := gitMatrix(t, r.Dir)
	v := verdict(t, m, "orders", "billing", "2.0.0")
	cell, _ := m.Contract("orders").Cell("2.0.0", "1.0.0")
	total := slices.ContainsFunc(cell.Findings, func(f checks.Finding) bool { return strings.Contains(f.Path, "Order.total") })
	if v.Status != Incompatible || !total {
		t.Errorf("billing on 2.0.0 = %+v, cell %+v; want the deleted total", v, cell)
	}
}

// TestBufYAMLIsPartOfAVersionsContent: a buf.yaml decides how a protobuf
// version is read (its module roots, its breaking selection), so changing
// it changes the version's hash and no cached cell is reused for it.
func TestBufYAMLIsPartOfAVersionsContent(t *testing.T) {
	t.Parallel()
	r := gittest.New(t)
	cfg := "contracts:\n  - {name: orders, format: protobuf, path: orders.proto, version: 1.0.0}\n"
	r.Commit("1.0.0", "contractlint.yaml", cfg, "orders.proto", proto("int64 total = 2;"))
	hash := func() string {
		t.Helper()
		c, err := contract.Load(t.Context(), filepath.Join(r.Dir, "contractlint.yaml"))
		if err != nil {
			t.Fatal(err)
		}
		side, err := source.Dir(r.Dir)
		if err != nil {
			t.Fatal(err)
		}
		vs, err := NewRepo(c, &contract.Tree{FS: side.FS, Files: side.Files, Label: "working tree"}, nil, registry.Engines()).Versions(t.Context(), "orders")
		if err != nil || len(vs) != 1 {
			t.Fatalf("versions %v, %v", vs, err)
		}
		return vs[0].Hash
	}
	before := hash()
	r.Write("buf.yaml", "version: v2\nbreaking:\n  use: [WIRE]\n")
	if hash() == before {
		t.Error("a buf.yaml added, the version's hash unchanged")
	}
}
