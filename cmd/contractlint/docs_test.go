package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/contractlint/contractlint/checks/registry"
	"github.com/contractlint/contractlint/report"
)

// TestRulesDoc keeps docs/rules.md in step with the registry: the page is
// generated from the rules' own docs and never edited by hand.
func TestRulesDoc(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	if err := report.RulesMarkdown(&buf, registry.All()); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join("..", "..", "docs", "rules.md")
	if *update {
		if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, buf.Bytes()) {
		t.Errorf("docs/rules.md is stale: run go test ./cmd/contractlint -run TestRulesDoc -update")
	}
}
