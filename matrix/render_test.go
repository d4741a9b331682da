package matrix

import (
	"bytes"
	"strings"
	"testing"

	"github.com/contractlint/contractlint/schemas"
)

// shopMatrix is the shop with an unknown cell too (a producer that declares
// an unpublished version) and a deployment.
func shopMatrix(t *testing.T) *Matrix {
	t.Helper()
	d := decls(t, strings.Replace(shopDecls, "crm: { customer: \"1.1.0\" }", "crm: { customer: [\"1.1.0\", \"1.2.0\"] }", 1))
	m := evaluate(t, shop(), d, nil)
	m.Deployments = Record(nil, Deployment{Environment: "prod", Service: "billing", Version: "1.4.0", Reads: d.Consumers[1].Uses})
	return m
}

func TestRenderGolden(t *testing.T) {
	t.Parallel()
	m := shopMatrix(t)
	for _, format := range Formats {
		var b bytes.Buffer
		if err := Render(&b, format, m); err != nil {
			t.Fatal(err)
		}
		golden(t, "shop."+format, b.Bytes())
	}
	d, err := CanIDeploy(t.Context(), Query{Service: "orders-service", Role: Producer, Ignore: []string{"nobody"}},
		CanIDeployInput{Decls: decls(t, shopDecls), Source: shop()})
	if err != nil {
		t.Fatal(err)
	}
	for _, format := range []string{"text", "markdown", "json"} {
		var b bytes.Buffer
		if err := RenderDecision(&b, format, d); err != nil {
			t.Fatal(err)
		}
		golden(t, "can-i-deploy."+format, b.Bytes())
	}
}

func TestRenderJSONMatchesSchema(t *testing.T) {
	t.Parallel()
	var b bytes.Buffer
	if err := Render(&b, "json", shopMatrix(t)); err != nil {
		t.Fatal(err)
	}
	if err := schemas.Validate("matrix.schema.json", schemas.Matrix, b.Bytes()); err != nil {
		t.Fatal(err)
	}
}

func TestRenderEscapesUntrustedText(t *testing.T) {
	t.Parallel()
	src := shop()
	src.versions["orders"]["2.0.0"] = "id"
	src.versions["orders"]["1.4.0"] = "id <script>alert(1)</script>|x"
	m := evaluate(t, src, decls(t, shopDecls), nil)
	var h, md bytes.Buffer
	if err := Render(&h, "html", m); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(h.String(), "<script>") || strings.Contains(h.String(), "http://") && strings.Contains(h.String(), "<link") {
		t.Error("the HTML page contains a script or an external asset")
	}
	if err := Render(&md, "markdown", m); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(md.String(), "<script>") {
		t.Error("markdown is not escaped")
	}
	if err := Render(&h, "yaml", m); err == nil {
		t.Error("an unknown format rendered")
	}
}
