package matrix

import (
	"bytes"
	"strings"
	"testing"

	"github.com/contractlint/contractlint/checks"
)

func use(t *testing.T, contract, spec string) Use {
	t.Helper()
	s, err := ParseSpec(spec)
	if err != nil {
		t.Fatal(err)
	}
	return Use{Contract: contract, Spec: s}
}

// TestCanIDeployTruthTable covers yes, no and unknown for producers and
// consumers, --ignore, environments and the asymmetric requiredness.
func TestCanIDeployTruthTable(t *testing.T) {
	t.Parallel()
	src := shop()
	src.versions["invoice"] = map[string]string{"1.0.0": "id amount"}
	d := decls(t, shopDecls+`
`)
	d2 := decls(t, strings.Replace(shopDecls, "consumers:\n", "consumers:\n  future: { orders: \"^5\" }\n  accounting: { invoice: \"^1\" }\n", 1))
	prod := []Deployment{
		{Environment: "prod", Service: "billing", Version: "1.4.0", Reads: []Use{use(t, "orders", "^1.2")}},
		{Environment: "prod", Service: "legacy-orders", Version: "7", Emits: []Use{use(t, "orders", "1.4.0")}},
	}
	for _, tc := range []struct {
		name   string
		decls  *Declarations
		q      Query
		want   Answer
		decide string // a substring of the first deciding row
	}{
		{"producer breaks billing", d, Query{Service: "orders-service", Role: Producer}, No, "billing reads orders@2.0.0 with 1.2.0: incompatible FIELD_NO_DELETE orders.total"},
		{"producer, billing ignored", d, Query{Service: "orders-service", Role: Producer, Ignore: []string{"billing"}}, Yes, "analytics reads orders@2.0.0"},
		{"producer at the old version", d, Query{Service: "orders-service", Role: Producer, Uses: []Use{use(t, "orders", "1.4.0")}}, Yes, "billing reads orders@1.4.0"},
		{"producer at an unknown version", d, Query{Service: "orders-service", Role: Producer, Uses: []Use{use(t, "orders", "3.0.0")}}, NotSure, "not a known version"},
		{"producer needs no support from a consumer declaring nothing known", d2, Query{Service: "legacy-orders", Role: Producer}, Yes, ""},
		{"consumer reading the new version still fed 1.4.0", d, Query{Service: "billing", Role: Consumer, Uses: []Use{use(t, "orders", "2.0.0")}}, No, "billing reads orders@1.4.0 with 2.0.0: incompatible FIELD_NO_DELETE"},
		{"consumer broken by a producer", d, Query{Service: "billing", Role: Consumer}, No, "billing reads orders@2.0.0"},
		{"consumer, breaking producer ignored", d, Query{Service: "billing", Role: Consumer, Ignore: []string{"orders-service"}}, Yes, "crm"},
		{"consumer reading both lines", d, Query{Service: "analytics", Role: Consumer}, Yes, ""},
		{"consumer needs a producer", d2, Query{Service: "accounting", Role: Consumer}, NotSure, "no producer of invoice is declared"},
		{"producer to an empty environment", d, Query{Service: "orders-service", Role: Producer, Environment: "staging"}, Yes, ""},
		{"producer to prod breaks deployed billing", d, Query{Service: "orders-service", Role: Producer, Environment: "prod"}, No, "billing reads orders@2.0.0"},
		{"consumer to an environment without producers", d, Query{Service: "analytics", Role: Consumer, Environment: "staging"}, NotSure, "no producer of orders is deployed in staging"},
		{"consumer to prod fed by legacy-orders", d, Query{Service: "analytics", Role: Consumer, Environment: "prod"}, Yes, "legacy-orders"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got, err := CanIDeploy(t.Context(), tc.q, CanIDeployInput{Decls: tc.decls, Deployments: prod, Source: src})
			if err != nil {
				t.Fatal(err)
			}
			if got.Answer != tc.want {
				t.Errorf("answer = %s (%s), want %s; rows:\n%s", got.Answer, got.Reason, tc.want, describeRows(got.Rows))
			}
			if tc.decide != "" {
				rows := got.Deciding()
				if len(rows) == 0 || !strings.Contains(describeRows(rows), tc.decide) {
					t.Errorf("deciding rows:\n%s\nwant one with %q", describeRows(rows), tc.decide)
				}
			}
		})
	}
}

func describeRows(rows []Row) string {
	var b strings.Builder
	for _, r := range rows {
		b.WriteString(r.Consumer + " reads " + r.Contract + "@" + r.Writer + " with " + r.Reader + ": " + r.Status)
		for _, f := range r.Findings {
			b.WriteString(" " + f.Rule + " " + f.Path)
		}
		b.WriteString(" (" + r.Producer + ") " + r.Reason + "\n")
	}
	return b.String()
}

func TestCanIDeployErrors(t *testing.T) {
	t.Parallel()
	d := decls(t, shopDecls)
	for _, tc := range []struct {
		q    Query
		want string
	}{
		{Query{Service: "nobody", Role: Producer}, "nobody is not a declared producer"},
		{Query{Service: "billing", Role: Producer}, "billing is not a declared producer"},
		{Query{Service: "billing", Role: Consumer, Environment: "moon"}, `unknown environment "moon" (declared: staging, prod)`},
	} {
		_, err := CanIDeploy(t.Context(), tc.q, CanIDeployInput{Decls: d, Source: shop()})
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%+v: err = %v, want %q", tc.q, err, tc.want)
		}
	}
}

func TestRecord(t *testing.T) {
	t.Parallel()
	var deps []Deployment
	deps = Record(deps, Deployment{Environment: "prod", Service: "b", Version: "1"})
	deps = Record(deps, Deployment{Environment: "prod", Service: "a", Version: "1"})
	deps = Record(deps, Deployment{Environment: "dev", Service: "b", Version: "1"})
	deps = Record(deps, Deployment{Environment: "prod", Service: "b", Version: "2"})
	var got []string
	for _, d := range deps {
		got = append(got, d.Environment+"/"+d.Service+"@"+d.Version)
	}
	if s := strings.Join(got, " "); s != "dev/b@1 prod/a@1 prod/b@2" {
		t.Errorf("deployments = %s", s)
	}
}

// TestDeploymentKeepsLevels checks that a deployment record keeps what a
// consumer depends on (the encodings it reads, whether it compiles against
// the contract) through Marshal and Parse, that a record without them reads
// every encoding and no source, and that the schema rejects a bad one with
// its line.
func TestDeploymentKeepsLevels(t *testing.T) {
	t.Parallel()
	orders, payments := use(t, "orders", "^1.0"), use(t, "payments", "^1.0")
	orders.Reads, orders.Compiles = checks.Wire, true
	m := &Matrix{Deployments: []Deployment{{Environment: "prod", Service: "billing", Version: "3", Reads: []Use{orders, payments}}}}
	data := Marshal(m)
	if !bytes.Contains(data, []byte(`reads: {orders: {reads: "^1.0", encodings: binary, compiles: true}, payments: "^1.0"}`)) {
		t.Fatalf("record = %s", data)
	}
	back, err := Parse("contract-matrix.yaml", data)
	if err != nil {
		t.Fatal(err)
	}
	r := back.Deployments[0].Reads
	if len(r) != 2 || r[0].Reads != checks.Wire || !r[0].Compiles || r[1].Reads != 0 || r[1].Compiles || r[1].Spec.Text != "^1.0" {
		t.Errorf("reads = %+v", r)
	}
	// The schema says what a record may hold.
	bad := bytes.Replace(data, []byte("encodings: binary"), []byte("encodings: morse"), 1)
	if _, err := Parse("contract-matrix.yaml", bad); err == nil || !strings.Contains(err.Error(), "contract-matrix.yaml:") {
		t.Errorf("bad encodings: err = %v, want a located error", err)
	}
}
