package protobuf

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/contractlint/contractlint/checks"
	"github.com/contractlint/contractlint/internal/goldentest"
)

// confluentDeliberate are the rules whose wire-level backward breaks
// contractlint keeps where Confluent Schema Registry calls the change
// backward compatible, each with the principle behind it; the rules' docs
// and docs/rules.md say the same. A corpus case counts as a deliberate
// difference when every finding that breaks binary readers backward
// belongs to one of these rules.
var confluentDeliberate = map[string]string{}

// confluentMissed are Confluent's difference types that contractlint
// deliberately does not treat as a backward break of binary readers, with
// why. A case Confluent calls incompatible counts as a deliberate
// difference when each of its incompatible differences is listed here.
var confluentMissed = map[string]string{
	"MESSAGE_REMOVED": "a deleted message breaks generated code, not readers of the protobuf encodings (buf: FILE and PACKAGE only); Confluent's framing names a record's message by its index in the schema (see MESSAGE_NO_DELETE)",
}

// confluentCompatible are the difference types Confluent's SchemaDiff
// counts as compatible (SchemaDiff.COMPATIBLE_CHANGES); every other type
// makes a case backward incompatible.
var confluentCompatible = []string{
	"MESSAGE_ADDED", "MESSAGE_MOVED", "ENUM_ADDED", "ENUM_REMOVED",
	"ENUM_CONST_ADDED", "ENUM_CONST_CHANGED", "ENUM_CONST_REMOVED",
	"FIELD_ADDED", "FIELD_REMOVED", "FIELD_NAME_CHANGED",
	"FIELD_STRING_OR_BYTES_LABEL_CHANGED", "ONEOF_ADDED", "ONEOF_REMOVED",
	"ONEOF_FIELD_ADDED", "ONEOF_FIELD_MOVED_TO_TOP_LEVEL",
}

// confluentMinAgreement is the share of Confluent's cases whose backward
// verdict for readers of binary data must agree with Confluent's (issue 11).
const confluentMinAgreement = 0.95

// confluentCase is one labelled pair of Confluent's protobuf diff examples.
type confluentCase struct {
	Description    string          `json:"description"`
	Original       string          `json:"original_schema"`
	Update         string          `json:"update_schema"`
	OriginalDeps   []confluentDep  `json:"original_dependencies"`
	UpdateDeps     []confluentDep  `json:"update_dependencies"`
	Changes        []string        `json:"changes"`
	Compatible     bool            `json:"compatible"`
	OriginalMeta   json.RawMessage `json:"original_metadata"`
	UpdateMetadata json.RawMessage `json:"update_metadata"`
}

// confluentDep is a dependency of a side: its import path and its text,
// or, when the text is absent, a file of the corpus's resources/.
type confluentDep struct {
	Name       string  `json:"name"`
	Dependency *string `json:"dependency"`
}

// TestConfluentCorpus scores contractlint's backward verdict for readers of
// binary data (the report's compatible.backward at the wire level) against
// Confluent Schema Registry's protobuf diff examples, which label each
// original/update pair with its BACKWARD compatibility. The corpus is
// extracted from a confluentinc/schema-registry checkout by
// scripts/confluent-protobuf-corpus.sh into
// $CONTRACTLINT_CORPORA/confluent-protobuf (or
// ../shared/corpora/confluent-protobuf):
//
//	diff-schema-examples.json, diff-schema-examples-with-meta.json
//	resources/<path>.proto   the files the examples name by path
//
// Each case's schema is the contract file schema.proto and its
// dependencies sit beside it under their import paths, compared too
// (Confluent compares the types a schema references in them). The test
// fails on a disagreement that is not a documented deliberate difference
// (confluentDeliberate, confluentMissed), and when agreement falls below
// confluentMinAgreement.
func TestConfluentCorpus(t *testing.T) {
	t.Parallel()
	root := goldentest.FindCorpus(t, "confluent-protobuf")
	resources := os.DirFS(filepath.Join(root, "resources"))
	e := New()
	var total, agree int
	var deliberate, wrong []string
	used := map[string]bool{}
	for _, name := range []string{"diff-schema-examples.json", "diff-schema-examples-with-meta.json"} {
		data, err := os.ReadFile(filepath.Join(root, name))
		if err != nil {
			t.Fatal(err)
		}
		var cases []confluentCase
		if err := json.Unmarshal(data, &cases); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if len(cases) == 0 {
			t.Fatalf("%s: no cases", name)
		}
		for i, c := range cases {
			total++
			id := fmt.Sprintf("%s#%d %q", strings.TrimSuffix(name, ".json"), i, c.Description)
			got, breaking, err := confluentBackward(t, e, resources, c)
			if err != nil {
				wrong = append(wrong, fmt.Sprintf("%s: error: %v", id, err))
				continue
			}
			if got == c.Compatible {
				agree++
				continue
			}
			want := "compatible"
			if !c.Compatible {
				want = "incompatible"
			}
			line := fmt.Sprintf("%s: Confluent says %s (%s); contractlint breaks at wire backward: [%s]",
				id, want, strings.Join(c.Changes, ", "), strings.Join(breaking, ", "))
			if why, ok := confluentExplained(c, breaking, used); ok {
				deliberate = append(deliberate, line+"\n      deliberate: "+why)
			} else {
				wrong = append(wrong, line)
			}
		}
	}
	score := float64(agree) / float64(total)
	t.Logf("Confluent protobuf diff examples: backward data verdict (binary readers) agrees in %d of %d cases (%.1f%%); %d deliberate differences, %d unexplained",
		agree, total, 100*score, len(deliberate), len(wrong))
	for _, d := range deliberate {
		t.Logf("  %s", d)
	}
	for _, w := range wrong {
		t.Errorf("  %s", w)
	}
	for _, m := range []map[string]string{confluentDeliberate, confluentMissed} {
		for k := range m {
			if !used[k] {
				t.Errorf("%s explains no disagreement any more: drop it", k)
			}
		}
	}
	if score < confluentMinAgreement {
		t.Errorf("agreement %.1f%% is below %.0f%%", 100*score, 100*confluentMinAgreement)
	}
}

// confluentBackward runs the engine on one case and returns whether a
// reader of binary data of the update reads the original's data (the
// report's compatible.backward at the wire level), and the findings that
// break it, as "RULE path".
func confluentBackward(t *testing.T, e *Engine, resources fs.FS, c confluentCase) (bool, []string, error) {
	t.Helper()
	side := func(label, schema string, deps []confluentDep) (checks.Side, error) {
		files := fstest.MapFS{}
		text, err := confluentText(resources, schema)
		if err != nil {
			return checks.Side{}, err
		}
		files["schema.proto"] = &fstest.MapFile{Data: []byte(text)}
		names := []string{"schema.proto"}
		for _, d := range deps {
			var text string
			if d.Dependency != nil {
				text = *d.Dependency
			} else if b, err := fs.ReadFile(resources, d.Name); err == nil {
				text = string(b)
			} else if errors.Is(err, fs.ErrNotExist) {
				continue // a standard import (google/protobuf/...) the loader provides
			} else {
				return checks.Side{}, err
			}
			files[d.Name] = &fstest.MapFile{Data: []byte(text)}
			names = append(names, d.Name)
		}
		slices.Sort(names)
		return checks.Side{FS: files, Files: names, Label: label}, nil
	}
	var req checks.Request
	var err error
	if req.Old, err = side("original", c.Original, c.OriginalDeps); err != nil {
		return false, nil, err
	}
	if req.New, err = side("update", c.Update, c.UpdateDeps); err != nil {
		return false, nil, err
	}
	req.Mode = checks.ModeBackward
	findings, err := checks.Run(t.Context(), []checks.Engine{e}, req, checks.Options{})
	if err != nil {
		return false, nil, err
	}
	var breaking []string
	for _, f := range findings {
		if f.Breaking(checks.Wire, checks.Backward) {
			breaking = append(breaking, f.Rule+" "+f.Path)
		}
	}
	return checks.VerdictFor(findings, checks.Wire).Compatible.Backward, breaking, nil
}

// confluentText returns a case's schema: its text, or the resource file
// it names (the with-meta examples name .proto files).
func confluentText(resources fs.FS, schema string) (string, error) {
	if !strings.HasSuffix(schema, ".proto") {
		return schema, nil
	}
	b, err := fs.ReadFile(resources, schema)
	return string(b), err
}

// confluentExplained reports whether a disagreement on c is a documented
// deliberate difference, and why; it marks the entries it uses in used.
func confluentExplained(c confluentCase, breaking []string, used map[string]bool) (string, bool) {
	var whys []string
	if c.Compatible {
		// contractlint breaks where Confluent does not: every breaking
		// finding must be of a deliberate rule.
		for _, b := range breaking {
			rule, _, _ := strings.Cut(b, " ")
			why, ok := confluentDeliberate[rule]
			if !ok {
				return "", false
			}
			whys = append(whys, rule+": "+why)
			used[rule] = true
		}
	} else {
		// Confluent breaks where contractlint does not: every incompatible
		// difference must be one contractlint deliberately lets pass.
		for _, ch := range c.Changes {
			typ, _, _ := strings.Cut(ch, " ")
			if slices.Contains(confluentCompatible, typ) {
				continue
			}
			why, ok := confluentMissed[typ]
			if !ok {
				return "", false
			}
			whys = append(whys, typ+": "+why)
			used[typ] = true
		}
	}
	slices.Sort(whys)
	whys = slices.Compact(whys)
	return strings.Join(whys, "; "), len(whys) > 0
}
