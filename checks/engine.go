package checks

import (
	"context"
	"fmt"
	"io/fs"
	"strings"
)

// Side is one side of a comparison: a sandboxed file tree and the contract
// files in it.
type Side struct {
	// FS is the side's root. Imports and $refs resolve within it and never
	// outside it. It may be a directory (see package source) or a git tree.
	FS fs.FS
	// Files are the contract files to compare, slash-separated paths relative
	// to FS, sorted. Other files in FS may still be read as imports.
	Files []string
	// Label tells users which side this is ("old/", "orders@1.4.0").
	Label string
	// Refs maps URI prefixes to directories of FS: a JSON Schema $ref to
	// https://acme.example/schemas/a.json with the prefix
	// "https://acme.example/schemas/" mapped to "schemas" reads
	// schemas/a.json. Nothing is fetched for such a URI.
	Refs map[string]string
	// SchemaRoots are further directories of FS whose JSON Schema files are
	// found by their $id when a $ref names it (the directories of Files
	// always are).
	SchemaRoots []string
}

// Request is what an engine diffs.
type Request struct {
	Old, New Side
	// Mode is the compatibility mode; it decides which directions are
	// required. The zero Mode is treated as full for classification.
	Mode Mode
	// Policy is the JSON Schema content-model policy (default lenient).
	Policy Policy
	// AllowRemoteRefs lists URL prefixes that JSON Schema $refs may fetch;
	// empty means nothing is fetched.
	AllowRemoteRefs []string
	// DefaultDraft is the JSON Schema draft of schemas without $schema:
	// "04", "06", "07", "2019-09" or "2020-12"; empty means detected from
	// each document's forms.
	DefaultDraft string
	// ProtoRoots are protobuf import roots (--proto-path, roots: in
	// contractlint.yaml): slash-separated directories relative to each
	// side's root. When set they replace a buf.yaml's module roots and the
	// roots inferred from imports.
	ProtoRoots []string
	// ProtoImports are directories outside both sides that resolve
	// protobuf imports the sides' own files do not (a vendored dependency
	// given with --proto-path). Their files are never compared.
	ProtoImports []Side
	// BufCache is buf's local module cache ($BUF_CACHE_DIR, else buf's
	// default directory), which provides the dependencies a side's buf.lock
	// pins; nil when there is none. BufCacheDir names it in messages.
	BufCache    fs.FS
	BufCacheDir string
	// Notes, when set, receives what users should know about how the
	// inputs were read (the import roots inferred for a side).
	Notes func(string)
}

// Engine diffs contracts of one format. Implementations must be safe for
// concurrent use and must report every input problem (not just the first) as
// an error, never as a silent "compatible".
type Engine interface {
	// Format is the format the engine handles.
	Format() Format
	// Rules are the engine's rules, in documentation order.
	Rules() []*Rule
	// Owns reports whether a file, by its slash-separated path, is a contract
	// file of this format when found while walking a directory.
	Owns(path string) bool
	// Diff compares req.Old with req.New and returns one finding per change,
	// for every rule of the engine (selection happens in the runner). Files
	// missing on the old side are additions; on the new side, deletions.
	// Findings carry the rule's default impact; the runner adjusts it.
	Diff(ctx context.Context, req Request) ([]Finding, error)
}

// Diagnostic is one problem with an input file.
type Diagnostic struct {
	File    string
	Line    int
	Column  int
	Message string
}

func (d Diagnostic) String() string {
	switch {
	case d.File == "":
		return d.Message
	case d.Line == 0:
		return fmt.Sprintf("%s: %s", d.File, d.Message)
	case d.Column == 0:
		return fmt.Sprintf("%s:%d: %s", d.File, d.Line, d.Message)
	}
	return fmt.Sprintf("%s:%d:%d: %s", d.File, d.Line, d.Column, d.Message)
}

// InputError reports every problem found in one side's input files. Engines
// return it for syntax, link and validation errors so that users see all of
// them at once.
type InputError struct {
	// Side is the label of the side the problems are in.
	Side        string
	Diagnostics []Diagnostic
}

func (e *InputError) Error() string {
	var b strings.Builder
	if e.Side != "" {
		fmt.Fprintf(&b, "%s: ", e.Side)
	}
	switch len(e.Diagnostics) {
	case 0:
		b.WriteString("invalid input")
	case 1:
		b.WriteString(e.Diagnostics[0].String())
	default:
		fmt.Fprintf(&b, "%d errors:", len(e.Diagnostics))
		shown := e.Diagnostics
		if len(shown) > MaxShownDiagnostics {
			shown = shown[:MaxShownDiagnostics]
		}
		for _, d := range shown {
			b.WriteString("\n  ")
			b.WriteString(d.String())
		}
		if rest := len(e.Diagnostics) - len(shown); rest > 0 {
			fmt.Fprintf(&b, "\n  ... and %d more (fix the errors above first; a file that is not a schema at all reports one per token)", rest)
		}
	}
	return b.String()
}

// MaxShownDiagnostics caps the diagnostics an InputError prints: a binary
// file named .proto would otherwise print hundreds of lines and bury the
// first, most useful one. Diagnostics holds all of them.
const MaxShownDiagnostics = 50
