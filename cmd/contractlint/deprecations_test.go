package main

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/contractlint/contractlint/internal/gittest"
	"github.com/contractlint/contractlint/schemas"
)

// TestLifecycleReports runs check and deprecations on a repository where a
// deprecated field is removed before its sunset, and validates the JSON
// outputs against their schemas and the SARIF output's rule metadata.
func TestLifecycleReports(t *testing.T) {
	t.Parallel()
	r := gittest.New(t)
	r.Commit("1.0.0",
		"contractlint.yaml", "contracts:\n  - {name: pay, format: avro, path: pay.avsc, version: 1.0.0}\nconsumers:\n  billing: {pay: ^1.0}\n",
		"pay.avsc", `{"type": "record", "name": "Pay", "fields": [{"name": "a", "type": "int", "default": 0, "deprecated": true, "sunset": "2027-03-31"}]}`)
	r.Git("tag", "pay/v1.0.0")

	var stdout, stderr bytes.Buffer
	if code := run(t.Context(), []string{"contractlint", "deprecations", "-C", r.Dir, "--as-of", "2027-01-15", "--format", "json"}, &stdout, &stderr); code != exitOK {
		t.Fatalf("deprecations: exit %d: %s", code, stderr.String())
	}
	if err := schemas.Validate("deprecations", schemas.Deprecations, stdout.Bytes()); err != nil {
		t.Errorf("deprecations JSON does not match its schema: %v\n%s", err, stdout.String())
	}
	if !strings.Contains(stdout.String(), `"days_left": 75`) || !strings.Contains(stdout.String(), `"name": "billing"`) {
		t.Errorf("deprecations JSON misses the days left or the consumer:\n%s", stdout.String())
	}

	r.Write("contractlint.yaml", "contracts:\n  - {name: pay, format: avro, path: pay.avsc, version: 2.0.0}\n",
		"pay.avsc", `{"type": "record", "name": "Pay", "fields": []}`)
	stdout.Reset()
	stderr.Reset()
	if code := run(t.Context(), []string{"contractlint", "check", "-C", r.Dir, "--as-of", "2027-01-15", "--format", "json"}, &stdout, &stderr); code != exitFindings {
		t.Fatalf("check: exit %d, want %d: %s", code, exitFindings, stderr.String())
	}
	if err := schemas.Validate("report", schemas.Report, stdout.Bytes()); err != nil {
		t.Errorf("check JSON does not match its schema: %v\n%s", err, stdout.String())
	}
	if !strings.Contains(stdout.String(), `"status": "lifecycle-violation"`) {
		t.Errorf("check JSON has no lifecycle violation:\n%s", stdout.String())
	}

	stdout.Reset()
	if code := run(t.Context(), []string{"contractlint", "check", "-C", r.Dir, "--as-of", "2027-01-15", "--format", "sarif"}, &stdout, &stderr); code != exitFindings {
		t.Fatalf("check sarif: exit %d: %s", code, stderr.String())
	}
	var sarif struct {
		Runs []struct {
			Tool struct {
				Driver struct {
					Rules []struct {
						ID string `json:"id"`
					} `json:"rules"`
				} `json:"driver"`
			} `json:"tool"`
		} `json:"runs"`
	}
	if err := json.Unmarshal(stdout.Bytes(), &sarif); err != nil {
		t.Fatal(err)
	}
	found := false
	for _, run := range sarif.Runs {
		for _, rule := range run.Tool.Driver.Rules {
			found = found || rule.ID == "REMOVED_BEFORE_SUNSET"
		}
	}
	if !found {
		t.Errorf("SARIF has no REMOVED_BEFORE_SUNSET rule metadata:\n%s", stdout.String())
	}
}
