package protobuf

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/contractlint/contractlint/checks"
)

// TestElementsUseTheOptionsRoots: the elements of a side are read with the
// roots a comparison uses (roots: in contractlint.yaml), not only with the
// roots inferred from the imports: an import that only a configured root
// outside the contract's files resolves is found, and files are named
// below their root.
func TestElementsUseTheOptionsRoots(t *testing.T) {
	t.Parallel()
	side := checks.Side{FS: fstest.MapFS{
		"api/acme/v1/a.proto":     {Data: []byte("syntax = \"proto3\";\npackage acme.v1;\nimport \"dep/d.proto\";\nmessage A { dep.D d = 1 [deprecated = true]; }\n")},
		"third_party/dep/d.proto": {Data: []byte("syntax = \"proto3\";\npackage dep;\nmessage D { int64 n = 1; }\n")},
	}, Files: []string{"api/acme/v1/a.proto"}, Label: "work"}
	if _, err := New().Elements(t.Context(), side, nil, nil); err == nil || !strings.Contains(err.Error(), `import "dep/d.proto" not found`) {
		t.Fatalf("without roots: %v", err)
	}
	elems, err := New().Elements(t.Context(), side, Options{Roots: []string{"api", "third_party"}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	var found bool
	for _, e := range elems {
		if e.ID == "acme.v1.A.d" {
			found = e.Deprecated && e.File == "acme/v1/a.proto"
		}
	}
	if !found {
		t.Errorf("elements %+v: want the deprecated field acme.v1.A.d in acme/v1/a.proto", elems)
	}
}
