package report

import (
	"encoding/json"
	"io"
)

// JSON renders the report as indented JSON, as described by
// schemas/report.schema.json.
type JSON struct{}

// Render implements Renderer.
func (JSON) Render(w io.Writer, r *Report) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(r)
}
