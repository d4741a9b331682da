package matrix

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/contractlint/contractlint/internal/safefile"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// golden compares got with testdata/name, rewriting it with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./matrix -update)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file (run go test ./matrix -update to accept):\n%s", name, got)
	}
}

// decls decodes a producers/consumers/environments YAML snippet.
func decls(t *testing.T, src string) *Declarations {
	t.Helper()
	var doc yaml.Node
	if err := yaml.Unmarshal([]byte(src), &doc); err != nil {
		t.Fatal(err)
	}
	root := doc.Content[0]
	d, err := Decode("contractlint.yaml", field(root, "producers"), field(root, "consumers"), field(root, "environments"))
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// shop is the example: orders 2.0.0 deletes total, which billing
// (^1.2) reads and analytics (>=1.0.0 <3.0.0, so also the 2.x line) does not
// need.
func shop() *fieldSource {
	return &fieldSource{versions: map[string]map[string]string{
		"orders": {
			"1.0.0": "id total",
			"1.2.0": "id total note?",
			"1.4.0": "id total note? channel?",
			"2.0.0": "id note? channel?",
		},
		"customer": {
			"1.0.0": "id name",
			"1.1.0": "id name email?",
		},
	}}
}

const shopDecls = `
producers:
  orders-service: { orders: "2.0.0" }
  legacy-orders: { orders: "1.4.0" }
  crm: { customer: "1.1.0" }
consumers:
  billing:   { orders: "^1.2", customer: "~1.0" }
  analytics: { orders: ">=1.0.0 <3.0.0" }
environments: [staging, prod]
`

func evaluate(t *testing.T, src Source, d *Declarations, cache *Matrix) *Matrix {
	t.Helper()
	m, err := Evaluate(t.Context(), Input{Decls: d, Source: src, Cache: cache})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func verdict(t *testing.T, m *Matrix, contract, consumer, writer string) Verdict {
	t.Helper()
	c := m.Contract(contract)
	if c == nil {
		t.Fatalf("no contract %s", contract)
	}
	for _, v := range c.Verdicts {
		if v.Consumer == consumer && v.Writer == writer {
			return v
		}
	}
	t.Fatalf("no verdict for %s reading %s@%s", consumer, contract, writer)
	return Verdict{}
}

func TestEvaluateNamesExactlyTheBrokenConsumer(t *testing.T) {
	t.Parallel()
	m := evaluate(t, shop(), decls(t, shopDecls), nil)
	for _, tc := range []struct {
		consumer, writer string
		want             Status
		reader           string
	}{
		{"billing", "2.0.0", Incompatible, "1.2.0"},
		{"billing", "1.4.0", Compatible, ""},
		{"analytics", "2.0.0", Compatible, ""},
		{"analytics", "1.4.0", Compatible, ""},
	} {
		v := verdict(t, m, "orders", tc.consumer, tc.writer)
		if v.Status != tc.want || v.Reader != tc.reader {
			t.Errorf("%s reading orders@%s = %s (reader %q), want %s (reader %q)", tc.consumer, tc.writer, v.Status, v.Reader, tc.want, tc.reader)
		}
	}
	cell, _ := m.Contract("orders").Cell("2.0.0", "1.2.0")
	if len(cell.Findings) != 1 || cell.Findings[0].Rule != "FIELD_NO_DELETE" || cell.Findings[0].Path != "orders.total" {
		t.Errorf("deciding findings = %+v, want FIELD_NO_DELETE orders.total", cell.Findings)
	}
	// A newer reader reading older data needs backward compatibility: 2.0.0
	// has no new required field, so reading 1.x data with 2.0.0 is fine,
	// but deleting total breaks the 1.x readers reading 2.0.0 (forward).
	if c, _ := m.Contract("orders").Cell("1.4.0", "1.0.0"); c.Status != Compatible {
		t.Errorf("1.0.0 reading 1.4.0 (optional additions) = %s, want compatible", c.Status)
	}
	golden(t, "shop.matrix.yaml", Marshal(m))
}

func TestEvaluateDirections(t *testing.T) {
	t.Parallel()
	src := &fieldSource{versions: map[string]map[string]string{"e": {
		"1.0.0": "id",
		"1.1.0": "id extra", // a required field added: new readers cannot read old data
	}}}
	d := decls(t, `
producers:
  old-writer: { e: "1.0.0" }
  new-writer: { e: "1.1.0" }
consumers:
  old-reader: { e: "1.0.0" }
  new-reader: { e: "1.1.0" }
`)
	m := evaluate(t, src, d, nil)
	for _, tc := range []struct {
		writer, reader string
		want           Status
	}{
		{"1.0.0", "1.1.0", Incompatible}, // backward: 1.1.0 needs extra
		{"1.1.0", "1.0.0", Compatible},   // forward: 1.0.0 ignores extra
		{"1.0.0", "1.0.0", Compatible},
		{"1.1.0", "1.1.0", Compatible},
	} {
		c, ok := m.Contract("e").Cell(tc.writer, tc.reader)
		if !ok || c.Status != tc.want {
			t.Errorf("cell %s → %s = %v (present %v), want %s", tc.writer, tc.reader, c.Status, ok, tc.want)
		}
	}
	if got := src.compared.Load(); got != 1 {
		t.Errorf("compared %d pairs, want 1: both cells share one diff", got)
	}
}

func TestEvaluateUnknown(t *testing.T) {
	t.Parallel()
	src := shop()
	src.fail = map[string]string{"orders@1.0.0": "syntax error at line 3"}
	d := decls(t, `
producers:
  orders-service: { orders: ["2.0.0", "3.0.0"] }
  old: { orders: "1.0.0" }
consumers:
  analytics: { orders: ">=1.0.0 <3.0.0" }
  future: { orders: "^5" }
`)
	m := evaluate(t, src, d, nil)
	for _, tc := range []struct {
		consumer, writer, reason string
	}{
		{"analytics", "3.0.0", "orders 3.0.0 is not a known version"},
		{"future", "2.0.0", "no known version of orders matches future's range ^5"},
		{"analytics", "1.0.0", ""}, // reader 1.2.0 cannot be compared with 1.0.0
	} {
		v := verdict(t, m, "orders", tc.consumer, tc.writer)
		if v.Status != Unknown || !strings.Contains(v.Reason, tc.reason) {
			t.Errorf("%s reading %s = %s (%s), want unknown (%s)", tc.consumer, tc.writer, v.Status, v.Reason, tc.reason)
		}
	}
	c, _ := m.Contract("orders").Cell("1.0.0", "1.2.0")
	if c.Status != Unknown || !strings.Contains(c.Reason, "syntax error at line 3") {
		t.Errorf("cell 1.0.0 → 1.2.0 = %+v, want unknown with the load error", c)
	}
	// Unknown is never cached: a second run retries the failed comparison.
	before := src.compared.Load()
	evaluate(t, src, d, m)
	if src.compared.Load() == before {
		t.Error("a cached unknown cell was reused")
	}
}

func TestEvaluateIsIncremental(t *testing.T) {
	t.Parallel()
	src := shop()
	d := decls(t, shopDecls)
	cold := evaluate(t, src, d, nil)
	if cold.Stats.Compared == 0 || cold.Stats.Cached != 0 {
		t.Fatalf("cold stats = %+v", cold.Stats)
	}
	// Through the file, as `matrix update` does.
	cache, err := Parse("m.yaml", Marshal(cold))
	if err != nil {
		t.Fatal(err)
	}
	warm := evaluate(t, src, d, cache)
	if warm.Stats.Compared != 0 {
		t.Errorf("nothing changed but %d pairs were compared", warm.Stats.Compared)
	}
	if !bytes.Equal(Marshal(warm), Marshal(cold)) {
		t.Error("a warm run wrote a different matrix")
	}
	// Changing 1.2.0's content invalidates exactly the pairs with 1.2.0.
	src.versions["orders"]["1.2.0"] = "id total note? memo?"
	changed := evaluate(t, src, d, cache)
	if changed.Stats.Comparisons != 2 { // (2.0.0, 1.2.0) and (1.4.0, 1.2.0)
		t.Errorf("compared %d pairs after changing one version, want 2", changed.Stats.Comparisons)
	}
	for _, m := range []*Matrix{cold, warm, changed} {
		if s := m.Stats; s.Cells != s.Compared+s.Cached+s.Trivial || s.Cells != len(m.Contracts[0].Cells)+len(m.Contracts[1].Cells) {
			t.Errorf("stats do not add up: %+v", s)
		}
	}
	// A different fingerprint (other rules) invalidates everything.
	fp := &fingerprinted{fieldSource: src, fp: "other"}
	if m := evaluate(t, fp, d, cache); m.Stats.Cached != 0 {
		t.Errorf("reused %d cells under another fingerprint", m.Stats.Cached)
	}
}

type fingerprinted struct {
	*fieldSource
	fp string
}

func (f *fingerprinted) Fingerprint(string) string { return f.fp }

func TestEvaluateCanceled(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	_, err := Evaluate(ctx, Input{Decls: decls(t, shopDecls), Source: shop()})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
}

func TestFileRoundTrip(t *testing.T) {
	t.Parallel()
	m := evaluate(t, shop(), decls(t, shopDecls), nil)
	dep := Deployment{Environment: "prod", Service: "billing", Version: "1.4.0",
		Reads: decls(t, shopDecls).Consumers[1].Uses}
	m.Deployments = Record(nil, dep)
	data := Marshal(m)
	back, err := Parse("contract-matrix.yaml", data)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(Marshal(back), data) {
		t.Error("Marshal(Parse(x)) != x")
	}
	if len(back.Deployments) != 1 || back.Deployments[0].Reads[0].Spec.Text != "~1.0" {
		t.Errorf("deployments = %+v", back.Deployments)
	}
}

func TestFileRejectsCorruptAndHandEdited(t *testing.T) {
	t.Parallel()
	good := string(Marshal(evaluate(t, shop(), decls(t, shopDecls), nil)))
	lineOf := func(sub string) int {
		i := strings.Index(good, sub)
		if i < 0 {
			t.Fatalf("%q not in the matrix", sub)
		}
		return strings.Count(good[:i], "\n") + 1
	}
	incompatible := `status: incompatible`
	for _, tc := range []struct {
		name, data string
		line       int
		want       string
	}{
		{"empty", "", 1, "empty"},
		{"syntax", strings.Replace(good, "contracts:", "contracts: [", 1), 0, "corrupt matrix file"},
		{"conflict markers", strings.Replace(good, "format: 2\n", "format: 2\n<<<<<<< HEAD\n", 1), 7, "corrupt matrix file"},
		{"unknown key", strings.Replace(good, "format: 2\n", "format: 2\nextra: true\n", 1), 0, "additionalProperties 'extra' not allowed"},
		{"bad status", strings.Replace(good, incompatible, "status: fine", 1), lineOf(incompatible), "corrupt matrix file"},
		{"flipped status", strings.Replace(good, `status: incompatible, findings: [{rule: FIELD_NO_DELETE, breaks: [wire, json, source], file: "orders.fields", line: 1, path: "orders.total", message: "field \"total\" was deleted"}]`, "status: compatible", 1),
			lineOf(incompatible), "does not match its checksum"},
		{"edited hash", strings.Replace(good, lineHash(good, "1.2.0"), strings.Repeat("0", 64), 1), lineOf(`{writer: "1.4.0", reader: "1.2.0"`), "does not match its checksum"},
		{"edited verdict", strings.Replace(good, `{consumer: billing, writer: "2.0.0", status: incompatible`, `{consumer: billing, writer: "2.0.0", status: compatible`, 1),
			lineOf(`{consumer: billing, writer: "2.0.0"`), "does not follow from the cells"},
		{"alias", strings.Replace(good, "format: 2\n", "format: &f 2\nx: *f\n", 1), 6, "anchors and aliases are not allowed"},
		{"duplicate key", strings.Replace(good, "format: 2\n", "format: 2\nformat: 2\n", 1), 7, `key "format" repeats the one on line 6`},
		{"second document", good + "---\nformat: 2\n", strings.Count(good, "\n") + 1, "a second YAML document starts here: a matrix file holds one document"},
		{"comment added", good + "# looks fine to me\n", strings.Count(good, "\n") + 1, "hand-edited or merged"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			_, err := Parse("contract-matrix.yaml", []byte(tc.data))
			var fe *FileError
			if !errors.As(err, &fe) {
				t.Fatalf("err = %v, want a *FileError", err)
			}
			if !strings.Contains(fe.Message, tc.want) {
				t.Errorf("message %q does not contain %q", fe.Message, tc.want)
			}
			if tc.line > 0 && fe.Line != tc.line {
				t.Errorf("line = %d, want %d (%v)", fe.Line, tc.line, err)
			}
			if fe.Line == 0 && tc.name != "unknown key" {
				t.Errorf("no line in %v", err)
			}
		})
	}
}

// lineHash returns the hash recorded for version v in a matrix file.
func lineHash(file, v string) string {
	_, rest, _ := strings.Cut(file, `"`+v+`": "`)
	h, _, _ := strings.Cut(rest, `"`)
	return h
}

func TestConcurrentWritesLeaveAValidFile(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), DefaultFile)
	src := shop()
	d := decls(t, shopDecls)
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Go(func() {
			m, err := Evaluate(t.Context(), Input{Decls: d, Source: src})
			if err != nil {
				t.Error(err)
				return
			}
			if i%2 == 1 {
				m.Deployments = Record(nil, Deployment{Environment: "prod", Service: "billing", Version: "1"})
			}
			for range 5 {
				if err := WriteFile(t.Context(), path, m, safefile.Policy{Roots: []string{filepath.Dir(path)}}); err != nil {
					t.Error(err)
				}
				if _, err := ReadFile(path, safefile.Policy{Roots: []string{filepath.Dir(path)}}); err != nil {
					t.Error(err)
				}
			}
		})
	}
	wg.Wait()
	if _, err := ReadFile(path, safefile.Policy{Roots: []string{filepath.Dir(path)}}); err != nil {
		t.Fatal(err)
	}
	left, _ := filepath.Glob(filepath.Join(filepath.Dir(path), ".*.tmp"))
	if len(left) > 0 {
		t.Errorf("temporary files left behind: %v", left)
	}
}

func TestReadFileMissing(t *testing.T) {
	t.Parallel()
	m, err := ReadFile(filepath.Join(t.TempDir(), "none.yaml"), safefile.Policy{Outside: true})
	if m != nil || err != nil {
		t.Errorf("ReadFile(missing) = %v, %v; want nil, nil", m, err)
	}
}

// TestStaleNamesForgedCells forges a matrix as a hostile pull request would
// (a broken cell and its verdict set to compatible, findings dropped,
// checksums recomputed): the file parses, and Stale names the cell with its
// contract, writer, reader and consumer.
func TestStaleNamesForgedCells(t *testing.T) {
	t.Parallel()
	d := decls(t, shopDecls)
	honest := evaluate(t, shop(), d, nil)
	forged, err := Parse("m.yaml", Marshal(honest))
	if err != nil {
		t.Fatal(err)
	}
	c := forged.Contract("orders")
	for i := range c.Cells {
		c.Cells[i].Status, c.Cells[i].Findings = Compatible, nil
	}
	c.deriveVerdicts()
	if _, err := Parse("m.yaml", Marshal(forged)); err != nil {
		t.Fatalf("the forgery should pass the checksums: %v", err)
	}
	if got := Stale(honest, honest); len(got) != 0 {
		t.Errorf("an honest record is stale: %v", got)
	}
	var msgs []string
	forgedN := 0
	for _, diff := range Stale(forged, honest) {
		msgs = append(msgs, diff.Message)
		if diff.Forged() {
			forgedN++
		}
	}
	all := strings.Join(msgs, "\n")
	for _, want := range []string{
		"orders writer 2.0.0, reader 1.2.0 (consumer billing): recorded compatible, computed incompatible (FIELD_NO_DELETE orders.total)",
		"orders: consumer billing reading what writer 2.0.0 emits: recorded compatible, computed incompatible",
	} {
		if !strings.Contains(all, want) {
			t.Errorf("Stale does not say %q:\n%s", want, all)
		}
	}
	if forgedN == 0 || strings.Contains(all, "customer") {
		t.Errorf("forged = %d, differences:\n%s", forgedN, all)
	}
}
