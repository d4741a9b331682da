package deprecation_test

import (
	"strconv"
	"testing"
	"time"

	"github.com/contractlint/contractlint/checks"
	"github.com/contractlint/contractlint/checks/avro"
	"github.com/contractlint/contractlint/contract"
	"github.com/contractlint/contractlint/deprecation"
	"github.com/contractlint/contractlint/internal/gittest"
	"github.com/contractlint/contractlint/source"
)

// TestSinceFromGit reads "deprecated since" from a real repository's tags:
// the first published version whose tree carries the marker, dated by its
// tagged commit.
func TestSinceFromGit(t *testing.T) {
	t.Parallel()
	r := gittest.New(t)
	cfg := "contracts:\n  - {name: pay, format: avro, path: pay.avsc, version: 1.0.0}\n"
	schema := func(fields string) string {
		return `{"type": "record", "name": "Pay", "fields": [` + fields + `]}`
	}
	r.Commit("1.0.0", "contractlint.yaml", cfg, "pay.avsc", schema(`{"name": "a", "type": "int"}, {"name": "b", "type": "int"}`))
	r.Git("tag", "pay/v1.0.0")
	r.Commit("1.1.0", "pay.avsc", schema(`{"name": "a", "type": "int", "deprecated": true, "sunset": "2027-03-31"}, {"name": "b", "type": "int"}`))
	r.Git("tag", "pay/v1.1.0")
	r.Commit("1.2.0", "pay.avsc", schema(`{"name": "a", "type": "int", "deprecated": true, "sunset": "2027-03-31"}, {"name": "b", "type": "int", "deprecated": true}`))
	r.Git("tag", "-a", "-m", "annotated", "pay/v1.2.0")

	ctx := t.Context()
	g, err := source.OpenGit(ctx, r.Dir)
	if err != nil {
		t.Fatal(err)
	}
	defer g.Close()
	tags, err := contract.NewTags(ctx, g, "", contract.FileName)
	if err != nil {
		t.Fatal(err)
	}
	c, err := contract.Parse(contract.FileName, []byte(cfg))
	if err != nil {
		t.Fatal(err)
	}
	eng := avro.New()
	releases, err := tags.Releases(ctx, c.Contracts[0], eng.Owns)
	if err != nil {
		t.Fatal(err)
	}
	if len(releases) != 3 {
		t.Fatalf("got %d releases, want 3", len(releases))
	}
	in := deprecation.Contract{Name: "pay", Format: checks.Avro, Version: "1.2.0", Lister: eng}
	for _, rel := range releases {
		// The date is the tagged commit's (peeled for the annotated tag).
		ct, err := strconv.ParseInt(r.Git("log", "-1", "--format=%ct", rel.Tag+"^{commit}"), 10, 64)
		if err != nil {
			t.Fatal(err)
		}
		if want := time.Unix(ct, 0).UTC().Format(checks.DateLayout); rel.Date != want {
			t.Errorf("%s: date %s, want %s", rel.Tag, rel.Date, want)
		}
		in.Releases = append(in.Releases, deprecation.Release{Version: rel.Version.String(), Date: rel.Date,
			Side: checks.Side{FS: rel.Tree.FS, Files: rel.Files, Label: rel.Label}})
		if len(rel.Files) != 1 || rel.Files[0] != "pay.avsc" {
			t.Errorf("%s: files %v", rel.Tag, rel.Files)
		}
	}
	in.Current = in.Releases[2].Side
	rep, err := deprecation.Build(ctx, "2027-01-15", []deprecation.Contract{in})
	if err != nil {
		t.Fatal(err)
	}
	since := map[string]string{}
	for _, e := range rep.Entries {
		if e.Since == nil {
			t.Fatalf("%s: no since", e.Path)
		}
		since[e.Path] = e.Since.Version + " " + e.Since.Date
	}
	if want := "1.1.0 " + releases[1].Date; since["Pay.a"] != want {
		t.Errorf("Pay.a deprecated since %q, want %q", since["Pay.a"], want)
	}
	if want := "1.2.0 " + releases[2].Date; since["Pay.b"] != want {
		t.Errorf("Pay.b deprecated since %q, want %q", since["Pay.b"], want)
	}
	if _, err := g.CommitDate(ctx, "-bad"); err == nil {
		t.Error("CommitDate accepts an option as a revision")
	}
	if _, err := g.CommitDate(ctx, "no-such-rev"); err == nil {
		t.Error("CommitDate accepts a missing revision")
	}
}
