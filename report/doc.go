// Package report holds the report model shared by every command and its
// renderers, one small file per format. A renderer is a [Renderer]:
// Render(w, r) writes r to w and does nothing else.
package report
