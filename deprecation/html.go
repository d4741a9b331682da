package deprecation

import (
	"html/template"
	"io"

	"github.com/contractlint/contractlint/checks/lifecycle"
)

// The HTML view: one static page with no external assets (inline CSS, no
// script): the totals, a timeline of sunsets drawn as inline SVG with a line
// for the report's date, and the table of every entry.

const (
	svgPlot   = 600 // the line of days, between the first and the last date
	svgLeft   = 40  // room before the first date
	svgChar   = 7   // width of a label character, roughly, at 12 px
	svgRow    = 18
	svgHeader = 34
)

type svgMark struct {
	X, Y   int
	Status string
	Label  string
	Title  string
}

type svgTick struct {
	X    int
	Text string
}

type timeline struct {
	Width, Height int
	TodayX        int
	Today         string
	TodayAnchor   string // text-anchor of the "as of" label: start near the left edge
	Marks         []svgMark
	Ticks         []svgTick
}

// buildTimeline places every entry with a valid sunset on a line of days.
func buildTimeline(r *Report) *timeline {
	first, last := r.AsOf, r.AsOf
	for _, e := range r.Entries {
		if e.Sunset == "" {
			continue
		}
		first, last = min(first, e.Sunset), max(last, e.Sunset)
	}
	span := max(lifecycle.Days(first, last), 1)
	x := func(date string) int {
		return svgLeft + lifecycle.Days(first, date)*svgPlot/span
	}
	// Wide enough for the longest label after the last date; the page
	// scales the drawing down to its width, so nothing is cut.
	label := 0
	for _, e := range r.Entries {
		if e.Sunset != "" {
			label = max(label, len([]rune(e.Sunset+" "+e.Contract+" "+e.Path)))
		}
	}
	t := &timeline{Width: svgLeft + svgPlot + 12 + label*svgChar, TodayX: x(r.AsOf), Today: r.AsOf, Ticks: []svgTick{{x(first), first}}}
	t.TodayAnchor = "middle"
	if t.TodayX < 80 {
		t.TodayAnchor = "start"
	}
	if last != first {
		t.Ticks = append(t.Ticks, svgTick{x(last), last})
	}
	for _, e := range r.Entries {
		if e.Sunset == "" {
			continue
		}
		t.Marks = append(t.Marks, svgMark{X: x(e.Sunset), Y: svgHeader + len(t.Marks)*svgRow, Status: e.Status,
			Label: e.Sunset + " " + e.Contract + " " + e.Path, Title: When(e)})
	}
	t.Height = svgHeader + len(t.Marks)*svgRow + 10
	return t
}

var htmlPage = template.Must(template.New("deprecations").Funcs(template.FuncMap{
	"headline": Headline,
	"when":     When,
	"since":    sinceText,
	"dash":     orDash,
	"kind":     kindText,
	"sub":      func(a, b int) int { return a - b },
	"igHead":   IgnoresHeadline,
	"igWhen":   IgnoreWhen,
	"igRule":   IgnoreRule,
	"igScope":  IgnoreScope,
	"igWhere":  IgnoreLocation,
}).Parse(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Deprecations as of {{.R.AsOf}}</title>
<style>
body{font:14px/1.4 system-ui,sans-serif;margin:1.5em;color:#222}
table{border-collapse:collapse;margin:1em 0}
table.list{width:100%}
th,td{border:1px solid #ccc;padding:4px 6px;text-align:left;vertical-align:top}
td{overflow-wrap:anywhere}
th{background:#f4f4f4}
code{font-size:12px;overflow-wrap:anywhere}
ul.consumers{margin:0;padding-left:1.1em}
.overdue{color:#b00020}.due{color:#b35900}.scheduled{color:#2e7d32}.invalid-sunset,.no-sunset{color:#555}
svg{max-width:100%;height:auto}
svg text{font:12px system-ui,sans-serif}
.error{color:#b00020;font-weight:bold}.ignore-expired{color:#b00020}.ignore-expires-soon{color:#b35900}
circle.overdue{fill:#b00020}circle.due{fill:#e07b00}circle.scheduled{fill:#2e7d32}
@page{size:A4 landscape;margin:12mm}
@media print{
body{margin:0;font-size:10px}
code{font-size:9px}
th{background:#eee;-webkit-print-color-adjust:exact;print-color-adjust:exact}
tr,g{break-inside:avoid}
h2{break-after:avoid}
}
</style>
</head>
<body>
<h1>Deprecations</h1>
<p>{{headline .R}}</p>
{{- range .R.Errors}}
<p class="error">{{.Contract}} could not be read: {{.Message}}</p>
{{- end}}
{{- if .R.Entries}}
<table>
<tr><th>Overdue</th><th>Due within 30 days</th><th>Scheduled</th><th>No sunset</th><th>Malformed sunset</th><th>Consumers</th></tr>
<tr><td>{{.R.Totals.Overdue}}</td><td>{{.R.Totals.Due}}</td><td>{{.R.Totals.Scheduled}}</td><td>{{.R.Totals.NoSunset}}</td><td>{{.R.Totals.InvalidSunset}}</td><td>{{.R.Totals.Consumers}}</td></tr>
</table>
{{- with .T}}{{if .Marks}}
<h2>Sunset timeline</h2>
<svg xmlns="http://www.w3.org/2000/svg" width="{{.Width}}" height="{{.Height}}" viewBox="0 0 {{.Width}} {{.Height}}" role="img" aria-label="Sunset timeline">
{{- range .Ticks}}
<text x="{{.X}}" y="12" text-anchor="middle">{{.Text}}</text>
{{- end}}
<line x1="{{.TodayX}}" y1="16" x2="{{.TodayX}}" y2="{{.Height}}" stroke="#1565c0" stroke-dasharray="4 3"/>
<text x="{{.TodayX}}" y="28" text-anchor="{{.TodayAnchor}}" fill="#1565c0">as of {{.Today}}</text>
{{- range .Marks}}
<g><title>{{.Title}}</title><circle class="{{.Status}}" cx="{{.X}}" cy="{{sub .Y 4}}" r="5"/><text x="{{.X}}" dx="9" y="{{.Y}}">{{.Label}}</text></g>
{{- end}}
</svg>
{{- end}}{{end}}
<h2>Elements</h2>
<table class="list">
<tr><th>Status</th><th>Sunset</th><th>When</th><th>Contract</th><th>Kind</th><th>Element</th><th>Since</th><th>Replacement</th><th>Owner</th><th>Consumers</th></tr>
{{- range .R.Entries}}
<tr><td class="{{.Status}}">{{.Status}}</td><td>{{dash .Sunset}}</td><td>{{when .}}</td><td>{{.Contract}}</td><td>{{kind .}}</td><td><code>{{.Path}}</code><br><small>{{.File}}{{if .Line}}:{{.Line}}{{end}}</small></td><td>{{since .}}</td><td>{{dash .Replacement}}</td><td>{{dash .Owner}}</td><td>{{if .Consumers}}<ul class="consumers">{{range .Consumers}}<li>{{.Name}} <code>{{.Range}}</code></li>{{end}}</ul>{{else}}-{{end}}</td></tr>
{{- end}}
</table>
{{- end}}
{{- if .R.Ignores}}
<h2>Ignores</h2>
<p>{{igHead .R.Ignores}}</p>
<table class="list">
<tr><th>State</th><th>Expires</th><th>When</th><th>Contract</th><th>Rule</th><th>Scope</th><th>Owner</th><th>Ticket</th><th>Reason</th></tr>
{{- range .R.Ignores}}
<tr><td class="ignore-{{.State}}">{{.State}}</td><td>{{dash .Expires}}</td><td>{{igWhen .}}</td><td>{{.Contract}}</td><td><code>{{igRule .}}</code></td><td><code>{{igScope .}}</code><br><small>{{igWhere .}}</small></td><td>{{dash .Owner}}</td><td>{{dash .Ticket}}</td><td>{{.Reason}}</td></tr>
{{- end}}
</table>
{{- end}}
</body>
</html>
`))

func renderHTML(w io.Writer, r *Report) error {
	return htmlPage.Execute(w, struct {
		R *Report
		T *timeline
	}{r, buildTimeline(r)})
}
