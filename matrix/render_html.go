package matrix

import (
	"html/template"
	"io"
	"slices"
	"strings"

	"github.com/contractlint/contractlint/checks"
	"github.com/contractlint/contractlint/report"
)

// The HTML view: one static page, no external assets (inline CSS, no
// script), a consumer × version grid per contract coloured by verdict, and
// the deciding findings of each cell in a <details> element (and its title,
// on hover).

type htmlCell struct {
	Status   string // compatible, incompatible, unknown, or "" (not emitted)
	InRange  bool
	Title    string
	Reader   string
	Reason   string
	Findings []checks.Finding
}

type htmlRow struct {
	Consumer, Spec string
	Cells          []htmlCell
}

type htmlContract struct {
	Name      string
	Versions  []string
	Producers []Party
	Rows      []htmlRow
}

var htmlPage = template.Must(template.New("matrix").Funcs(template.FuncMap{
	"ruleURL": func(id string) string { return report.RulesDocURL + "#" + strings.ToLower(id) },
	"loc":     report.Location,
}).Parse(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>contractlint compatibility matrix</title>
<style>
body { font: 14px/1.45 system-ui, sans-serif; margin: 2em; color: #1f2328; }
h1 { font-size: 1.4em; } h2 { font-size: 1.15em; margin-top: 2em; }
table { border-collapse: collapse; }
th, td { border: 1px solid #d0d7de; padding: 4px 8px; text-align: left; vertical-align: top; }
th { background: #f6f8fa; }
td.compatible { background: #dafbe1; }
td.incompatible { background: #ffebe9; }
td.unknown { background: #fff8c5; }
td.none { background: #f6f8fa; color: #8c959f; }
td.inrange { font-weight: 600; }
summary { cursor: pointer; }
.legend span { display: inline-block; padding: 2px 8px; margin-right: 6px; border: 1px solid #d0d7de; }
code { font-size: 12px; overflow-wrap: anywhere; }
ul { margin: 4px 0; padding-left: 18px; }
td details { max-width: 32em; }
td details[open] { min-width: 18em; }
.print { display: none; }
@page { size: A4 landscape; margin: 12mm; }
@media print {
  body { margin: 0; font-size: 10px; }
  code { font-size: 9px; }
  th, td.compatible, td.incompatible, td.unknown, td.none, .legend span { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  details { display: none; }
  .print { display: block; max-width: 32em; }
  tr { break-inside: avoid; }
  h2 { break-after: avoid; }
  a { color: inherit; text-decoration: none; }
}
</style>
</head>
<body>
<h1>contractlint compatibility matrix</h1>
<p>{{.Headline}}</p>
<p class="legend"><span class="compatible" style="background:#dafbe1">compatible</span><span style="background:#ffebe9">incompatible</span><span style="background:#fff8c5">unknown</span><span style="background:#f6f8fa">not emitted</span> Columns are versions; bold cells are in the consumer's declared range.</p>
{{range .Contracts}}
<h2 id="contract-{{.Name}}">{{.Name}}</h2>
{{if .Producers}}<p>Producers: {{range $i, $p := .Producers}}{{if $i}}; {{end}}<strong>{{$p.Service}}</strong> emits {{$p.Spec.Text}}{{end}}</p>{{end}}
{{if .Rows}}
<table>
<tr><th>consumer</th><th>reads</th>{{range .Versions}}<th>{{.}}</th>{{end}}</tr>
{{range .Rows}}<tr><th>{{.Consumer}}</th><td><code>{{.Spec}}</code></td>{{range .Cells}}{{if .Status}}<td class="{{.Status}}{{if .InRange}} inrange{{end}}" title="{{.Title}}">{{if or .Findings .Reason}}<details><summary>{{.Status}}</summary>{{template "why" .}}</details><div class="print">{{.Status}}{{template "why" .}}</div>{{else}}{{.Status}}{{end}}</td>{{else}}<td class="none{{if .InRange}} inrange{{end}}">–</td>{{end}}{{end}}</tr>
{{end}}</table>
{{else}}<p>No consumer reads a version a producer emits.</p>{{end}}
{{end}}
</body>
</html>
{{define "why"}}{{if .Reader}}<div>reader {{.Reader}}</div>{{end}}{{if .Reason}}<div>{{.Reason}}</div>{{end}}{{if .Findings}}<ul>{{range .Findings}}<li><a href="{{ruleURL .Rule}}"><code>{{.Rule}}</code></a> <code>{{.Path}}</code>: {{.Message}} <small>({{loc .}})</small></li>{{end}}</ul>{{end}}{{end}}`))

func renderHTML(w io.Writer, m *Matrix) error {
	data := struct {
		Headline  string
		Contracts []htmlContract
	}{Headline: m.Headline()}
	for _, c := range m.Contracts {
		hc := htmlContract{Name: c.Name, Producers: c.Producers}
		for _, v := range c.Versions {
			hc.Versions = append(hc.Versions, v.Version)
		}
		writers := c.Writers()
		for _, w := range writers {
			if !slices.Contains(hc.Versions, w) {
				hc.Versions = append(hc.Versions, w) // emitted but not known
			}
		}
		for _, p := range c.Consumers {
			row := htmlRow{Consumer: p.Service, Spec: p.Spec.Text}
			for _, v := range hc.Versions {
				cell := htmlCell{}
				if pv, err := ParseVersion(v); err == nil {
					cell.InRange = p.Spec.Admits(pv)
				}
				if slices.Contains(writers, v) {
					vd := verdictOf(c, p.Service, v)
					cell.Status, cell.Reader = string(vd.Status), vd.Reader
					cell.Reason = vd.Reason
					cell.Findings = deciding(c, vd)
					if cell.Reason == "" && vd.Reader != "" {
						if cl, ok := c.Cell(vd.Writer, vd.Reader); ok {
							cell.Reason = cl.Reason
						}
					}
					cell.Title = verdictSentence(c, vd)
				}
				row.Cells = append(row.Cells, cell)
			}
			hc.Rows = append(hc.Rows, row)
		}
		data.Contracts = append(data.Contracts, hc)
	}
	return htmlPage.Execute(w, data)
}
