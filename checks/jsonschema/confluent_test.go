package jsonschema

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/contractlint/contractlint/checks"
)

// confluentFiles are Confluent Schema Registry's published JSON Schema diff
// examples (json-schema-provider/src/test/resources of
// confluentinc/schema-registry), read from a "confluent" corpus directory
// when one is present (see findCorpus); the repository does not ship them.
var confluentFiles = []string{
	"diff-schema-examples.json",
	"diff-schema-examples-2020-12.json",
	"diff-combined-schema-examples.json",
	"diff-combined-schema-examples-2020-12.json",
}

type confluentExample struct {
	Description       string          `json:"description"`
	Original          json.RawMessage `json:"original_schema"`
	Update            json.RawMessage `json:"update_schema"`
	Changes           []string        `json:"changes"`
	Compatible        bool            `json:"compatible"`
	CompatibleLenient *bool           `json:"compatible_lenient"`
}

// trailingComma matches the trailing commas Confluent's files have.
var trailingComma = regexp.MustCompile(`,(\s*[}\]])`)

// TestConfluentExamples asserts that, under --policy strict, the backward
// verdict agrees with every one of Confluent's published examples, and,
// under the default lenient policy, with each example's compatible_lenient
// verdict where it has one. It skips when the corpus is absent.
func TestConfluentExamples(t *testing.T) {
	t.Parallel()
	dir := findCorpus(t, "confluent")
	e := New()
	strictAgree, strictTotal, lenientAgree, lenientTotal := 0, 0, 0, 0
	for _, name := range confluentFiles {
		data, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Skipf("confluent corpus: %v", err)
		}
		var examples []confluentExample
		if err := json.Unmarshal(trailingComma.ReplaceAll(data, []byte("$1")), &examples); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for i, ex := range examples {
			backward := func(policy Policy) (bool, []checks.Finding, error) {
				side := func(label string, raw json.RawMessage) checks.Side {
					return checks.Side{FS: fstest.MapFS{"s.json": {Data: raw}}, Files: []string{"s.json"}, Label: label + "/s.json"}
				}
				req := checks.Request{Old: side("old", ex.Original), New: side("new", ex.Update), Mode: checks.ModeFull, Options: opts(Options{Policy: policy})}
				fs, err := e.Diff(t.Context(), req)
				if err != nil {
					return false, nil, err
				}
				return checks.VerdictOf(fs).Compatible.Backward, fs, nil
			}
			where := name + " #" + itoa(i) + " " + ex.Description
			strictTotal++
			got, fs, err := backward(Strict)
			switch {
			case err != nil:
				t.Errorf("%s: %v", where, err)
			case got != ex.Compatible:
				t.Errorf("%s (strict): backward compatible %t, want %t; Confluent: %s; got %s", where, got, ex.Compatible, strings.Join(ex.Changes, ", "), ruleList(fs))
			default:
				strictAgree++
			}
			if ex.CompatibleLenient == nil {
				continue
			}
			lenientTotal++
			got, fs, err = backward(Lenient)
			switch {
			case err != nil:
				t.Errorf("%s: %v", where, err)
			case got != *ex.CompatibleLenient:
				t.Errorf("%s (lenient): backward compatible %t, want %t; got %s", where, got, *ex.CompatibleLenient, ruleList(fs))
			default:
				lenientAgree++
			}
		}
	}
	t.Logf("agreement with Confluent: strict %d/%d, lenient %d/%d", strictAgree, strictTotal, lenientAgree, lenientTotal)
}

func ruleList(fs []checks.Finding) string {
	var out []string
	for _, f := range fs {
		out = append(out, f.Rule+" "+f.Path)
	}
	return strings.Join(out, ", ")
}
