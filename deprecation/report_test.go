package deprecation_test

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/rogpeppe/go-internal/txtar"

	"github.com/contractlint/contractlint/checks"
	"github.com/contractlint/contractlint/checks/avro"
	"github.com/contractlint/contractlint/checks/jsonschema"
	"github.com/contractlint/contractlint/checks/protobuf"
	"github.com/contractlint/contractlint/contract"
	"github.com/contractlint/contractlint/deprecation"
	"github.com/contractlint/contractlint/matrix"
	"github.com/contractlint/contractlint/schemas"
)

var update = flag.Bool("update", false, "rewrite testdata/golden")

// fixture reads testdata/contracts.txtar: CONTRACT/VERSION/FILE entries,
// where VERSION "work" is the working tree.
func fixture(t *testing.T) []deprecation.Contract {
	t.Helper()
	a, err := txtar.ParseFile(filepath.Join("testdata", "contracts.txtar"))
	if err != nil {
		t.Fatal(err)
	}
	trees := map[string]fstest.MapFS{}
	for _, f := range a.Files {
		parts := strings.SplitN(f.Name, "/", 3)
		key := parts[0] + "/" + parts[1]
		if trees[key] == nil {
			trees[key] = fstest.MapFS{}
		}
		trees[key][parts[2]] = &fstest.MapFile{Data: f.Data}
	}
	side := func(key string) checks.Side {
		fsys := trees[key]
		var files []string
		for name := range fsys {
			files = append(files, name)
		}
		slices.Sort(files)
		return checks.Side{FS: fsys, Files: files, Label: key}
	}
	spec := func(s string) matrix.Spec {
		sp, err := matrix.ParseSpec(s)
		if err != nil {
			t.Fatal(err)
		}
		return sp
	}
	dates := map[string]string{"1.0.0": "2026-03-01", "1.1.0": "2026-09-15"}
	mk := func(name, owner string, f checks.Format, l checks.ElementLister, consumers ...deprecation.Consumer) deprecation.Contract {
		c := deprecation.Contract{Name: name, Owner: owner, Format: f, Version: "1.2.0", Lister: l, Current: side(name + "/work"), Consumers: consumers}
		for _, v := range []string{"1.0.0", "1.1.0"} {
			c.Releases = append(c.Releases, deprecation.Release{Version: v, Date: dates[v], Side: side(name + "/" + v)})
		}
		return c
	}
	orders := mk("orders", "team-orders", checks.Protobuf, protobuf.New(),
		deprecation.Consumer{Name: "billing", Spec: spec("^1.0")}, deprecation.Consumer{Name: "ledger", Spec: spec("^2.0")})
	orders.Lines = []contract.VersionLifecycle{
		{Versions: "1.0.x", Deprecated: "2026-10-01", Sunset: "2027-02-01", Retired: "2027-03-01", Replacement: "^1.1", Where: "contractlint.yaml:9:9"},
		{Versions: "<1.0.0", Retired: "2026-01-01", Where: "contractlint.yaml:10:9"},
	}
	return []deprecation.Contract{
		orders,
		mk("invoice", "team-orders", checks.Protobuf, protobuf.New(),
			deprecation.Consumer{Name: "billing", Spec: spec("^1.0")}, deprecation.Consumer{Name: "ledger", Spec: spec("^2.0")}),
		mk("invoice", "", checks.JSONSchema, jsonschema.New(), deprecation.Consumer{Name: "billing", Spec: spec("1.0.0")}),
		mk("payment", "payments", checks.Avro, avro.New(),
			deprecation.Consumer{Name: "archive", Spec: spec("1.0.0")}, deprecation.Consumer{Name: "billing", Spec: spec("^1.1")}),
	}
}

// TestGolden renders the fixture's report in every format on fixed dates
// and compares it with testdata/golden (go test -update rewrites them).
func TestGolden(t *testing.T) {
	t.Parallel()
	contracts := fixture(t)
	cases := []struct{ asOf, format, file string }{
		{"2027-01-15", "text", "2027-01-15.txt"},
		{"2027-01-15", "markdown", "2027-01-15.md"},
		{"2027-01-15", "json", "2027-01-15.json"},
		{"2027-01-15", "csv", "2027-01-15.csv"},
		{"2027-01-15", "html", "2027-01-15.html"},
		{"2027-04-10", "text", "2027-04-10.txt"},
	}
	for _, tc := range cases {
		rep, err := deprecation.Build(t.Context(), tc.asOf, contracts)
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		if err := deprecation.Render(&buf, rep, tc.format); err != nil {
			t.Fatal(err)
		}
		if tc.format == "json" {
			if err := schemas.Validate("deprecations", schemas.Deprecations, buf.Bytes()); err != nil {
				t.Errorf("JSON report does not match schemas/deprecations.schema.json: %v", err)
			}
		}
		if tc.format == "html" && (strings.Contains(buf.String(), "<script") || strings.Contains(buf.String(), "<link")) {
			t.Error("HTML report loads external assets or scripts")
		}
		path := filepath.Join("testdata", "golden", tc.file)
		if *update {
			if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(want, buf.Bytes()) {
			t.Errorf("%s differs (go test ./deprecation -update); got:\n%s", path, buf.String())
		}
	}
}

// TestStatuses checks the fixture's statuses, days and consumers directly.
func TestStatuses(t *testing.T) {
	t.Parallel()
	rep, err := deprecation.Build(t.Context(), "2027-01-15", fixture(t))
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]deprecation.Entry{}
	var order []string
	for _, e := range rep.Entries {
		got[e.Path] = e
		order = append(order, e.Status)
	}
	if !slices.IsSortedFunc(order, func(a, b string) int {
		rank := map[string]int{deprecation.Overdue: 0, deprecation.Due: 1, deprecation.Scheduled: 2, deprecation.InvalidSunset: 3, deprecation.NoSunset: 4}
		return rank[a] - rank[b]
	}) {
		t.Errorf("entries not sorted by urgency: %v", order)
	}
	old := got["acme.orders.v1.Status.STATUS_OLD"]
	if old.Status != deprecation.Overdue || *old.DaysLeft != -14 || old.Since == nil || old.Since.Version != "1.1.0" || old.Since.Date != "2026-09-15" {
		t.Errorf("STATUS_OLD: %+v", old)
	}
	get := got["acme.orders.v1.Orders.Get"]
	if get.Status != deprecation.Due || *get.DaysLeft != 17 || get.Since != nil {
		t.Errorf("Get: %+v", get)
	}
	if len(get.Consumers) != 1 || get.Consumers[0].Name != "billing" {
		t.Errorf("Get consumers: %+v (ledger reads ^2.0 and must not be listed)", get.Consumers)
	}
	ref := got["com.acme.Ref"]
	if len(ref.Consumers) != 1 || ref.Consumers[0].Name != "billing" {
		t.Errorf("Ref consumers: %+v (archive reads 1.0.0, which has no Ref)", ref.Consumers)
	}
	cheque := got["com.acme.Kind.CHEQUE"]
	if len(cheque.Consumers) != 2 {
		t.Errorf("CHEQUE consumers: %+v", cheque.Consumers)
	}
	code := got["#/properties/code"]
	if code.Status != deprecation.InvalidSunset || code.SunsetRaw != "31/03/2027" || code.Note != "use id" {
		t.Errorf("code: %+v", code)
	}
	line := got["1.0.x"]
	if line.Kind != "versions" || line.Stage != "deprecated" || line.Status != deprecation.Due || *line.DaysLeft != 17 ||
		!slices.Equal(line.Versions, []string{"1.0.0"}) || len(line.Consumers) != 1 || line.File != "contractlint.yaml" || line.Line != 9 {
		t.Errorf("version line 1.0.x: %+v", line)
	}
	if old := got["<1.0.0"]; old.Stage != "retired" || old.Status != deprecation.Overdue || *old.DaysLeft != -379 || len(old.Consumers) != 0 {
		t.Errorf("version line <1.0.0: %+v", old)
	}
	if rep.Totals.Deprecated != len(rep.Entries) || rep.Totals.Contracts != 3 || rep.Totals.Consumers != 2 {
		t.Errorf("totals: %+v", rep.Totals)
	}
	if _, err := deprecation.Build(t.Context(), "2027-02-30", nil); err == nil {
		t.Error("Build accepts an impossible date")
	}
}
