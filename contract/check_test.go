package contract

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/contractlint/contractlint/checks"
	"github.com/contractlint/contractlint/internal/gittest"
	"github.com/contractlint/contractlint/report"
	"github.com/contractlint/contractlint/source"
)

func config(version string, extra ...string) string {
	return fmt.Sprintf("contracts:\n  - name: orders\n    format: protobuf\n    path: proto\n    version: %s\n%s", version, strings.Join(extra, ""))
}

const published = "// Orders.\nfield id\nfield total\n"

// publishedRepo has orders 1.4.0 tagged, and an older 1.3.0.
func publishedRepo(t *testing.T) *gittest.Repo {
	t.Helper()
	r := gittest.New(t)
	r.Commit("1.3.0", "contractlint.yaml", config("1.3.0"), "proto/orders.proto", "// Orders.\nfield id\nfield total\nfield legacy\n")
	r.Git("tag", "orders/v1.3.0")
	r.Commit("1.4.0", "contractlint.yaml", config("1.4.0"), "proto/orders.proto", published)
	r.Git("tag", "orders/v1.4.0")
	r.Git("tag", "unrelated/v9.0.0")
	return r
}

// run checks the repository's working tree against its tags.
func run(t *testing.T, dir string) (*report.Report, *fakeEngine, error) {
	t.Helper()
	cfg, err := Load(t.Context(), filepath.Join(dir, FileName))
	if err != nil {
		t.Fatal(err)
	}
	side, err := source.Dir(dir)
	if err != nil {
		t.Fatal(err)
	}
	g, err := source.OpenGit(t.Context(), dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { g.Close() })
	prefix, _ := g.Prefix(t.Context())
	b, err := NewTags(t.Context(), g, prefix, FileName)
	if err != nil {
		return nil, nil, err
	}
	e := &fakeEngine{}
	rep, err := Check(t.Context(), cfg, &Tree{FS: side.FS, Files: side.Files, Label: "working tree"}, Options{Engines: []checks.Engine{e}, Baseline: b})
	return rep, e, err
}

func TestVersionVerdicts(t *testing.T) {
	t.Parallel()
	const (
		major = "// Orders.\nfield id\n"
		minor = "// Orders.\nfield id\nfield total\nfield note\n"
		patch = "// Orders, the aggregate.\nfield id\nfield total\n"
	)
	for _, tc := range []struct {
		name, proto, version, status, message, required string
	}{
		{"major change with a minor bump", major, "1.5.0", StatusVersionTooLow,
			"orders declares 1.5.0, but FIELD_NO_DELETE on acme.Msg.total is major: declare 2.0.0", "2.0.0"},
		{"major change declared", major, "2.0.0", StatusIncompatible,
			"declares 2.0.0 for a major change from 1.4.0; FIELD_NO_DELETE on acme.Msg.total breaks backward and forward compatibility", "2.0.0"},
		{"minor change not bumped", minor, "1.4.0", StatusVersionNotBumped,
			"orders still declares 1.4.0, but FIELD_ADDED on acme.Msg.note is minor: declare 1.5.0", "1.5.0"},
		{"minor change with a patch bump", minor, "1.4.1", StatusVersionTooLow,
			"orders declares 1.4.1, but FIELD_ADDED on acme.Msg.note is minor: declare 1.5.0", "1.5.0"},
		{"minor change declared", minor, "1.5.0", StatusOK, "declares 1.5.0 for a minor change from 1.4.0", "1.5.0"},
		{"minor change over-declared", minor, "2.0.0", StatusOK, "declares 2.0.0 for a minor change from 1.4.0 (1.5.0 would do)", "1.5.0"},
		{"patch change declared", patch, "1.4.1", StatusOK, "declares 1.4.1 for a patch change from 1.4.0", "1.4.1"},
		{"patch change not bumped", patch, "1.4.0", StatusVersionNotBumped,
			"orders still declares 1.4.0, but COMMENT_CHANGED on acme.Msg is patch: declare 1.4.1", "1.4.1"},
		{"no change", published, "1.4.0", StatusUnchanged, "no changes since 1.4.0", "1.4.0"},
		{"version decreased", published, "1.3.0", StatusVersionTooLow,
			"orders declares 1.3.0, lower than the published 1.4.0: declare 1.4.0", "1.4.0"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			r := publishedRepo(t)
			r.Write("contractlint.yaml", config(tc.version), "proto/orders.proto", tc.proto) // uncommitted
			rep, e, err := run(t, r.Dir)
			if err != nil {
				t.Fatal(err)
			}
			c := rep.Contracts[0]
			if c.Status != tc.status || c.Message != tc.message || c.Required != tc.required || c.Published != "1.4.0" {
				t.Errorf("got %s %q (required %s, published %s)\nwant %s %q (required %s)", c.Status, c.Message, c.Required, c.Published, tc.status, tc.message, tc.required)
			}
			if tc.proto == published && e.diffs.Load() != 0 {
				t.Errorf("an unchanged contract was parsed %d times", e.diffs.Load())
			}
			if Dishonest(c.Status) == (tc.status == StatusOK || tc.status == StatusIncompatible || tc.status == StatusUnchanged) {
				t.Errorf("Dishonest(%s) = %v", c.Status, Dishonest(c.Status))
			}
			for _, f := range rep.Findings {
				if f.Contract != "orders" {
					t.Errorf("finding without its contract: %+v", f)
				}
			}
		})
	}
}

func TestZeroMajorVersions(t *testing.T) {
	t.Parallel()
	r := gittest.New(t)
	r.Commit("0.3.0", "contractlint.yaml", config("0.3.0"), "proto/orders.proto", published)
	r.Git("tag", "orders/v0.3.0")
	r.Write("contractlint.yaml", config("0.3.1"), "proto/orders.proto", "field id\n")
	rep, _, err := run(t, r.Dir)
	if err != nil {
		t.Fatal(err)
	}
	if c := rep.Contracts[0]; c.Status != StatusVersionTooLow || c.Required != "0.4.0" {
		t.Errorf("0.x breaking change: %s, required %s; want a minor bump to 0.4.0", c.Status, c.Required)
	}
}

func TestNewContract(t *testing.T) {
	t.Parallel()
	r := gittest.New(t)
	r.Commit("first", "contractlint.yaml", config("1.0.0"), "proto/orders.proto", published)
	rep, e, err := run(t, r.Dir)
	if err != nil {
		t.Fatal(err)
	}
	c := rep.Contracts[0]
	if c.Status != StatusNew || !strings.Contains(c.Message, "no tag matching orders/v*") || len(rep.Findings) != 0 {
		t.Errorf("new contract: %+v, %d findings", c, len(rep.Findings))
	}
	if e.diffs.Load() != 1 {
		t.Errorf("a new contract must still be parsed once, got %d", e.diffs.Load())
	}
	// A new contract that does not parse is an error, not a silent "new".
	r.Write("proto/orders.proto", "!oops\n")
	rep, _, err = run(t, r.Dir)
	if err == nil || !strings.Contains(err.Error(), "proto/orders.proto:1:1: syntax error") || rep.Contracts[0].Status != StatusError {
		t.Errorf("broken new contract: %v", err)
	}
}

func TestTransitiveChecksTheWholeMajorLine(t *testing.T) {
	t.Parallel()
	r := publishedRepo(t)
	// 1.4.0 dropped legacy (a dishonest minor release); full_transitive sees it.
	r.Write("contractlint.yaml", config("1.5.0", "    compatibility: full_transitive\n"), "proto/orders.proto", published+"field note\n")
	rep, _, err := run(t, r.Dir)
	if err != nil {
		t.Fatal(err)
	}
	c := rep.Contracts[0]
	if c.Status != StatusVersionTooLow || c.Required != "2.0.0" {
		t.Errorf("transitive: %s %q", c.Status, c.Message)
	}
	var found bool
	for _, f := range rep.Findings {
		if f.Rule == "FIELD_NO_DELETE" && strings.Contains(f.Message, "(against orders@1.3.0)") {
			found = true
		}
	}
	if !found {
		t.Errorf("no finding against 1.3.0: %+v", rep.Findings)
	}
	// Without _transitive only the latest counts.
	r.Write("contractlint.yaml", config("1.5.0"))
	rep, _, err = run(t, r.Dir)
	if err != nil || rep.Contracts[0].Status != StatusOK {
		t.Errorf("non-transitive: %v %+v", err, rep.Contracts[0])
	}
}

func TestIgnores(t *testing.T) {
	t.Parallel()
	r := publishedRepo(t)
	r.Write("contractlint.yaml", config("1.5.0",
		"    ignores:\n",
		"      - {rule: FIELD_NO_DELETE, element: acme.Msg.total, reason: nobody reads it}\n",
		"      - {rule: FIELD_NO_DELETE, element: acme.Msg.nothing, reason: stale}\n"),
		"proto/orders.proto", "// Orders.\nfield id\n// contractlint:ignore FIELD_ADDED internal field\nfield note\n")
	rep, _, err := run(t, r.Dir)
	if err != nil {
		t.Fatal(err)
	}
	c := rep.Contracts[0]
	// Everything is ignored: no change, so 1.5.0 is more than needed but honest.
	if c.Status != StatusUnchanged && c.Status != StatusOK {
		t.Errorf("status %s %q", c.Status, c.Message)
	}
	reasons := map[string]string{}
	for _, f := range rep.Findings {
		reasons[f.Rule] = f.Ignored
	}
	if reasons["FIELD_NO_DELETE"] != "nobody reads it" || reasons["FIELD_ADDED"] != "internal field" {
		t.Errorf("ignored reasons = %v", reasons)
	}
	if len(c.Warnings) != 1 || !strings.Contains(c.Warnings[0], "contractlint.yaml:8:9 (FIELD_NO_DELETE) matched no finding") {
		t.Errorf("warnings = %q", c.Warnings)
	}
	// An inline ignore without a reason is an error with its position.
	r.Write("proto/orders.proto", "field id\n  // contractlint:ignore FIELD_NO_DELETE\n")
	if _, _, err := run(t, r.Dir); err == nil || !strings.Contains(err.Error(), "proto/orders.proto:2:3: contractlint:ignore FIELD_NO_DELETE needs a reason") {
		t.Errorf("inline ignore without reason: %v", err)
	}
}

func TestShallowCloneWithoutTags(t *testing.T) {
	t.Parallel()
	r := publishedRepo(t)
	clone := r.ShallowClone()
	_, _, err := run(t, clone.Dir)
	if err == nil || !strings.Contains(err.Error(), "fetch-depth: 0") {
		t.Errorf("shallow clone: %v", err)
	}
}

func TestPrepareReportsConfigProblemsWithPositions(t *testing.T) {
	t.Parallel()
	r := gittest.New(t)
	r.Write("contractlint.yaml", config("1.0.0",
		"    rules: {use: [NO_SUCH_RULE]}\n",
		"    impacts: {ALSO_NOT_A_RULE: minor}\n",
		"  - {name: gone, format: protobuf, path: [proto, missing/*.proto], version: 1.0.0}\n",
		"  - {name: pay, format: avro, path: pay.avsc, version: 1.0.0}\n"), "proto/a.proto", "field a\n")
	_, _, err := run(t, r.Dir)
	for _, want := range []string{
		`contractlint.yaml:6:5: contract orders: rules: unknown rule or category "NO_SUCH_RULE"`,
		`contractlint.yaml:7:15: contract orders: impacts: unknown protobuf rule ALSO_NOT_A_RULE`,
		`contractlint.yaml:8:50: contract gone: path "missing/*.proto" matches no protobuf file in working tree`,
		`contractlint.yaml:9:17: contract pay: format avro is not supported by this build`,
	} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("error\n%v\nlacks\n%s", err, want)
		}
	}
}

// A configuration below the top of the repository sees the published trees
// from its own directory, and a contract that moved is found at its old path
// through the published configuration.
func TestConfigurationInASubdirectoryAndMovedContracts(t *testing.T) {
	t.Parallel()
	r := gittest.New(t)
	r.Commit("1.0.0", "api/contractlint.yaml", config("1.0.0"), "api/proto/orders.proto", published, "proto/orders.proto", "field decoy\n")
	r.Git("tag", "orders/v1.0.0")
	r.Git("rm", "-q", "-r", "api/proto")
	r.Write("api/contractlint.yaml", strings.Replace(config("1.1.0"), "path: proto", "path: schemas", 1),
		"api/schemas/orders.proto", published+"field note\n")
	rep, _, err := run(t, filepath.Join(r.Dir, "api"))
	if err != nil {
		t.Fatal(err)
	}
	c := rep.Contracts[0]
	// Moving the file is a delete plus an add: honest only as 2.0.0.
	if c.Status != StatusVersionTooLow || c.Required != "2.0.0" {
		t.Errorf("moved contract: %s %q", c.Status, c.Message)
	}
	var deleted bool
	for _, f := range rep.Findings {
		deleted = deleted || (f.Rule == "FILE_NO_DELETE" && f.File == "proto/orders.proto")
	}
	if !deleted {
		t.Errorf("findings = %+v", rep.Findings)
	}
}

// A maintenance branch declaring 1.4.1 while 2.0.0 is published is judged
// against the latest release of its own line, 1.4.0; a version below that
// is still too low.
func TestMaintenanceBranch(t *testing.T) {
	t.Parallel()
	r := publishedRepo(t)
	r.Commit("2.0.0", "contractlint.yaml", config("2.0.0"), "proto/orders.proto", "field id\n")
	r.Git("tag", "orders/v2.0.0")
	r.Write("contractlint.yaml", config("1.4.1"), "proto/orders.proto", "// Orders, patched.\nfield id\nfield total\n")
	rep, _, err := run(t, r.Dir)
	if err != nil {
		t.Fatal(err)
	}
	if c := rep.Contracts[0]; c.Status != StatusOK || c.Published != "1.4.0" {
		t.Errorf("maintenance release: %s %q (published %s)", c.Status, c.Message, c.Published)
	}
	r.Write("contractlint.yaml", config("1.2.0"))
	rep, _, err = run(t, r.Dir)
	if err != nil {
		t.Fatal(err)
	}
	if c := rep.Contracts[0]; c.Status != StatusVersionTooLow || c.Published != "1.4.0" {
		t.Errorf("below every release of its line: %s %q (published %s)", c.Status, c.Message, c.Published)
	}
}

// A baseline directory without a contractlint.yaml gives the changes but no
// published version: the bump cannot be judged, and the report says so.
func TestDirectoryBaselineWithoutConfiguration(t *testing.T) {
	t.Parallel()
	base, work := t.TempDir(), t.TempDir()
	for dir, proto := range map[string]string{base: published, work: published + "field note\n"} {
		if err := os.MkdirAll(filepath.Join(dir, "proto"), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "proto", "orders.proto"), []byte(proto), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	cfg, err := Parse("contractlint.yaml", []byte(config("1.5.0")))
	if err != nil {
		t.Fatal(err)
	}
	side, err := source.Dir(work)
	if err != nil {
		t.Fatal(err)
	}
	b, err := NewDir(base, FileName)
	if err != nil {
		t.Fatal(err)
	}
	rep, err := Check(t.Context(), cfg, &Tree{FS: side.FS, Files: side.Files, Label: "working tree"}, Options{Engines: []checks.Engine{&fakeEngine{}}, Baseline: b})
	if err != nil {
		t.Fatal(err)
	}
	c := rep.Contracts[0]
	if c.Status != StatusOK || c.Published != "" || !strings.Contains(c.Message, "the published version is unknown") || c.Impact != checks.Minor {
		t.Errorf("contract = %+v", c)
	}
}
