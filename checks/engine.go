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
}

// Request is what an engine diffs.
type Request struct {
	Old, New Side
	// Mode is the compatibility mode; it decides which directions are
	// required. The zero Mode is treated as full for classification.
	Mode Mode
	// Options are the engines' own options (a JSON Schema content-model
	// policy, protobuf import roots), at most one value per format; see
	// [EngineOptions]. An engine with none here uses its defaults.
	Options []EngineOptions
	// Evaluate, when set, reports whether the caller keeps the findings of
	// the rule with the given ID (see Run); nil means every rule's. An
	// engine may leave out work that only the other rules need, and never
	// reports differently for the rules it evaluates.
	Evaluate func(ruleID string) bool
	// Notes, when set, receives what users should know about how the
	// inputs were read (the import roots inferred for a side).
	Notes func(string)
}

// EngineOptions are the options of one engine, of a type that the engine's
// package declares with its defaults and its validation (jsonschema.Options,
// protobuf.Options). The core passes them to the engine of their format
// without looking inside, as go/analysis leaves each analyzer its own flags.
type EngineOptions interface {
	// Format is the format of the engine the options are for.
	Format() Format
}

// WithOptions returns a copy of opts holding o in place of the options of
// o's format.
func WithOptions(opts []EngineOptions, o EngineOptions) []EngineOptions {
	out := make([]EngineOptions, 0, len(opts)+1)
	for _, x := range opts {
		if x != nil && x.Format() != o.Format() {
			out = append(out, x)
		}
	}
	return append(out, o)
}

// OptionsFor returns the first of opts for format f, nil when there is none.
func OptionsFor(opts []EngineOptions, f Format) EngineOptions {
	for _, o := range opts {
		if o != nil && o.Format() == f {
			return o
		}
	}
	return nil
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

// RuleDefaulter is implemented by engines whose inputs may choose the
// engine's rules when the user does not (protobuf: the breaking section of
// a buf.yaml). [Run] asks it when its options hold no selection, and package
// contract when a contract has no rules:, so that every command selects
// alike.
type RuleDefaulter interface {
	// DefaultSelection returns the selection among rules (the rules being
	// chosen from: the engine's, and maybe others) that side, the proposal,
	// asks for; nil when it asks for nothing and the default rules apply.
	DefaultSelection(side Side, rules []*Rule) (*Selection, error)
}

// ConfigReader is implemented by engines that read, besides the contract
// files they own, configuration files of a side that change how it is read
// (protobuf: buf.yaml, buf.work.yaml, buf.lock), so that whatever caches a
// comparison by the content of a side's files covers them too.
type ConfigReader interface {
	// ReadsConfig reports whether the file at a slash-separated path of a
	// side is such a configuration file.
	ReadsConfig(path string) bool
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
