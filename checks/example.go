package checks

import (
	"context"
	"io/fs"
)

// ExampleValidator is implemented by engines that check example payloads
// (`examples:` in contractlint.yaml) against a side's schema. Package
// contract turns a published example that the proposal rejects into a
// finding of the format's example rule (see package checks/examples), which
// goes through [Keep] like every finding.
type ExampleValidator interface {
	// ExampleSchema compiles what examples are instances of in side, whose
	// Files are the contract's files, reading imports and $refs with the
	// engine's options opts as a comparison does. target names it in the
	// format's terms: a JSON Schema file of side.Files ("" when there is
	// only one), a protobuf message's full name. It returns the check of a
	// payload and the file of side that declares what payloads are checked
	// against. Input problems are errors.
	ExampleSchema(ctx context.Context, side Side, opts EngineOptions, target string) (ExampleCheck, string, error)
}

// ExampleCheck says why the payload in the file name of fsys is rejected,
// "" when it is accepted.
type ExampleCheck func(fsys fs.FS, name string) string
