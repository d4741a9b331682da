package contract

import (
	"errors"
	"strings"
	"testing"

	"github.com/contractlint/contractlint/checks"
)

func TestVersionLifecycle(t *testing.T) {
	t.Parallel()
	good := `contracts:
  - name: orders
    format: protobuf
    path: orders.proto
    version: 2.1.0
    lifecycle:
      - {versions: 1.x, deprecated: 2026-06-01, sunset: 2027-03-31, retired: 2027-06-30, replacement: 2.x}
      - {versions: "^0", retired: 2025-01-01}
`
	cfg, err := Parse("contractlint.yaml", []byte(good))
	if err != nil {
		t.Fatal(err)
	}
	l := cfg.Contracts[0].Lifecycle
	if len(l) != 2 || l[0].Versions != "1.x" || l[0].Sunset != "2027-03-31" || l[0].Replacement != "2.x" || l[0].Where != "contractlint.yaml:7:9" {
		t.Fatalf("lifecycle: %+v", l)
	}
	for asOf, want := range map[string]string{"2026-05-31": StageSupported, "2026-06-01": StageDeprecated,
		"2027-03-30": StageDeprecated, "2027-03-31": StageSunset, "2027-06-30": StageRetired} {
		if got := l[0].Stage(asOf); got != want {
			t.Errorf("Stage(%s) = %s, want %s", asOf, got, want)
		}
	}
	if got := l[1].Stage("2024-12-31"); got != StageSupported {
		t.Errorf("^0 before retirement: %s", got)
	}

	bad := `contracts:
  - name: orders
    format: protobuf
    path: orders.proto
    version: 2.1.0
    lifecycle:
      - {versions: 1.x, deprecated: 2026-06-01, sunset: 2026-03-31}
      - {versions: "not a range", sunset: 2027-02-30}
      - {versions: 1.x, sunset: 31/03/2027}
      - {versions: 1.x}
`
	_, err = Parse("contractlint.yaml", []byte(bad))
	var ie *checks.InputError
	if !errors.As(err, &ie) {
		t.Fatalf("got %v, want an input error", err)
	}
	got := err.Error()
	for _, want := range []string{
		`contractlint.yaml:9:33: contract orders: lifecycle[2]: sunset: "31/03/2027" is not a date (want YYYY-MM-DD, e.g. 2027-03-31)`,
		`contractlint.yaml:10:9: contract orders: lifecycle[3]: missing key "deprecated", or missing key "sunset", or missing key "retired"`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %q in:\n%s", want, got)
		}
	}
	_, err = Parse("contractlint.yaml", []byte(strings.Join(strings.Split(bad, "\n")[:8], "\n")+"\n"))
	got = err.Error()
	for _, want := range []string{
		`contractlint.yaml:7:57: contract orders: lifecycle: sunset 2026-03-31 comes before deprecated 2026-06-01`,
		`contractlint.yaml:8:20: contract orders: lifecycle: versions "not a range" is not a version or range`,
		`contractlint.yaml:8:43: contract orders: lifecycle: sunset: "2027-02-30" is not a date`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %q in:\n%s", want, got)
		}
	}
}
