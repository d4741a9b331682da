package protobuf

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/contractlint/contractlint/checks"
	"github.com/contractlint/contractlint/internal/goldentest"
	"github.com/contractlint/contractlint/source"
)

// bufAnnotation is one finding buf expects: the module-relative file ("" for
// deleted files and packages), the start line (0 when buf gives no
// location) and the rule.
type bufAnnotation struct {
	file string
	line int
	rule string
}

func (a bufAnnotation) String() string {
	return fmt.Sprintf("%s:%d %s", a.file, a.line, a.rule)
}

// bufCase is one runnable case of buf's breaking test corpus.
type bufCase struct {
	name string
	want []bufAnnotation
}

var (
	bufCaseStart = regexp.MustCompile(`testBreaking\(\s*t,\s*"([^"]+)",`)
	bufAnnot     = regexp.MustCompile(`NewFileAnnotation\(\s*t,\s*"([^"]*)",\s*(\d+),\s*\d+,\s*\d+,\s*\d+,\s*"([A-Z0-9_]+)"`)
	bufAnnotNL   = regexp.MustCompile(`NewFileAnnotationNoLocation\(\s*t,\s*"([^"]*)",\s*"([A-Z0-9_]+)"`)
	bufAnnotNLP  = regexp.MustCompile(`NewFileAnnotationNoLocationOrPath\(\s*t,\s*"([A-Z0-9_]+)"`)
)

// parseBufCases reads the expected annotations of every case from buf's
// breaking_test.go, skipping the cases that run buf plugins or policies.
func parseBufCases(t *testing.T, src string) []bufCase {
	t.Helper()
	var cases []bufCase
	starts := bufCaseStart.FindAllStringSubmatchIndex(src, -1)
	for i, m := range starts {
		end := len(src)
		if i+1 < len(starts) {
			end = starts[i+1][0]
		}
		body := src[m[1]:end]
		if j := strings.Index(body, "\n}\n"); j >= 0 {
			body = body[:j]
		}
		if strings.Contains(body, "WithPluginName") || strings.Contains(body, "WithPolicyName") {
			continue
		}
		c := bufCase{name: src[m[2]:m[3]]}
		for _, a := range bufAnnot.FindAllStringSubmatch(body, -1) {
			n, _ := strconv.Atoi(a[2])
			c.want = append(c.want, bufAnnotation{file: a[1], line: n, rule: a[3]})
		}
		for _, a := range bufAnnotNL.FindAllStringSubmatch(body, -1) {
			c.want = append(c.want, bufAnnotation{file: a[1], rule: a[2]})
		}
		for _, a := range bufAnnotNLP.FindAllStringSubmatch(body, -1) {
			c.want = append(c.want, bufAnnotation{rule: a[1]})
		}
		cases = append(cases, c)
	}
	return cases
}

// bufCaseRules is the selection buf runs a case with: the use and except
// lists of its current buf.yaml, as written (deprecated IDs included), FILE
// when use is empty.
func bufCaseRules(t *testing.T, dir string) []string {
	t.Helper()
	var cfg struct {
		Breaking struct {
			Use    []string `yaml:"use"`
			Except []string `yaml:"except"`
		} `yaml:"breaking"`
	}
	data, err := os.ReadFile(filepath.Join(dir, "buf.yaml"))
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		t.Fatal(err)
	}
	if err := yaml.Unmarshal(data, &cfg); err != nil {
		t.Fatal(err)
	}
	tokens := slices.Clone(cfg.Breaking.Use)
	if len(tokens) == 0 {
		tokens = []string{"FILE"}
	}
	for _, e := range cfg.Breaking.Except {
		tokens = append(tokens, "-"+e)
	}
	return tokens
}

// TestBufCorpus runs every runnable case of buf's own breaking-change test
// corpus (../shared/corpora/buf-breaking, buf v1.70.0) the way `contractlint
// diff --rules <use list> previous/<case> current/<case>` does, and compares
// the findings that are not ignored with buf's expected annotations as
// multisets of (file, rule) and of (file, start line, rule). Any
// disagreement fails: every case agrees today, so a difference is a
// regression.
func TestBufCorpus(t *testing.T) {
	t.Parallel()
	root := goldentest.FindCorpus(t, "buf-breaking")
	src, err := os.ReadFile(filepath.Join(root, "breaking_test.go.txt"))
	if err != nil {
		t.Fatal(err)
	}
	cases := parseBufCases(t, string(src))
	if len(cases) != 54 {
		t.Fatalf("found %d runnable cases in breaking_test.go.txt, want 54", len(cases))
	}
	e := New()
	var byFile, byLine int
	for _, c := range cases {
		oldDir := filepath.Join(root, "testdata", "breaking", "previous", c.name)
		newDir := filepath.Join(root, "testdata", "breaking", "current", c.name)
		got, err := runBufCase(t, e, oldDir, newDir)
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		fileOK, lineOK := compareBuf(c.want, got, false), compareBuf(c.want, got, true)
		if fileOK == "" {
			byFile++
		}
		if lineOK == "" {
			byLine++
		}
		switch {
		case fileOK != "":
			t.Errorf("%s: disagrees with buf at (file, rule):\n%s", c.name, fileOK)
		case lineOK != "":
			t.Errorf("%s: disagrees with buf at (file, line, rule):\n%s", c.name, lineOK)
		}
	}
	t.Logf("buf corpus: %d/%d cases agree at (file, rule), %d/%d at (file, start line, rule)", byFile, len(cases), byLine, len(cases))
}

func runBufCase(t *testing.T, e *Engine, oldDir, newDir string) ([]bufAnnotation, error) {
	t.Helper()
	var req checks.Request
	var err error
	if req.Old, err = source.Dir(oldDir); err != nil {
		return nil, err
	}
	if req.New, err = source.Dir(newDir); err != nil {
		return nil, err
	}
	sel, err := checks.ParseSelection(bufCaseRules(t, newDir), e.Rules())
	if err != nil {
		return nil, err
	}
	findings, err := checks.Run(t.Context(), []checks.Engine{e}, req, checks.Options{Selection: sel})
	if err != nil {
		return nil, err
	}
	// buf reports the selected rules only; the data rules outside the
	// selection that the runner evaluates for the verdict are not compared.
	findings, _ = checks.Split(findings)
	var got []bufAnnotation
	for _, f := range findings {
		if f.Ignored == "" {
			got = append(got, bufAnnotation{file: f.File, line: f.Line, rule: f.Rule})
		}
	}
	return got, nil
}

// compareBuf compares want and got as multisets, with or without lines, and
// describes the difference ("" when they agree).
func compareBuf(want, got []bufAnnotation, lines bool) string {
	key := func(a bufAnnotation) bufAnnotation {
		if !lines {
			a.line = 0
		}
		return a
	}
	count := map[bufAnnotation]int{}
	for _, a := range want {
		count[key(a)]++
	}
	for _, a := range got {
		count[key(a)]--
	}
	var diffs []string
	for a, n := range count {
		switch {
		case n > 0:
			diffs = append(diffs, fmt.Sprintf("  missing %dx %s", n, a))
		case n < 0:
			diffs = append(diffs, fmt.Sprintf("  extra   %dx %s", -n, a))
		}
	}
	slices.Sort(diffs)
	return strings.Join(diffs, "\n")
}
