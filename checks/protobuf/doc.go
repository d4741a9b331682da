// Package protobuf is contractlint's protobuf engine: it compiles both sides
// of a comparison with protocompile and runs buf's breaking-change rules over
// them, with buf's rule IDs, categories, semantics and locations, so that a
// finding can be matched to `buf breaking`'s line for line.
//
// # Loading (load.go, bufyaml.go)
//
// Each side is compiled from its checks.Side.FS only, old and new in
// parallel, with the well-known types built in and source info kept. A
// buf.work.yaml (directories) or buf.yaml (v1, v1beta1 build.roots, v2
// modules) at the side's root declares module roots; file names are then
// relative to their module root, as buf reports them. Every parse and link
// error of a side is returned at once as a *checks.InputError.
//
// Files that are byte-identical on both sides and import, transitively, only
// such files are stable (stable.go): no rule can find a change in them, so
// they are not compiled at all unless a changed file imports them, and then
// they are compiled once for both sides, without source info. Proving a file
// stable costs reading both copies and scanning its package and import
// statements (scan.go). Stable files still count for their package
// (Snapshot.HasPackage). A syntax error in a stable file that no changed file
// imports is therefore not reported: both sides have the same one. Compiled
// files that are identical on both sides (imports of changed files) are
// marked Identical and skipped by the walk. docs/performance.md has the
// numbers.
//
// # The paired model (model.go)
//
// A Snapshot indexes one side: Files by path, and per file its Messages,
// Enums, Services and Extensions (nested ones included) with their Fields,
// Oneofs, EnumValues and Methods. Every element embeds Element (its File,
// source Path and package-relative NestedName), so At and Exactly give
// buf-style locations and File.Comments the element's comments.
//
// # Rules (engine.go, rules*.go)
//
// A rule is a documented *checks.Rule plus hooks: snapshot (both whole
// sides, for deletions of files and packages and for additions), and pair
// hooks for files, messages, fields (and extensions), enums, enum values (by
// number), services and methods present on both sides, paired the way buf
// pairs them (by path, full name, number, extendee and number, name). The
// walk in diffSnapshots visits every pair once and calls each rule's hooks;
// hooks report through Diff.Report, which applies the new side's buf.yaml
// breaking ignores (ignore, ignore_only, ignore_unstable_packages).
//
// The engine's rules are the concatenation of the slices in ruleSets: buf's
// breaking rules live in breakingRules; another file adds its own slice
// there (for instance rules for additions and documentation changes, which
// buf does not report).
//
// # Options and the other jobs of the engine (options.go, selection.go, examples.go)
//
// The engine's own options are Options (checks.EngineOptions): import roots
// (roots: in contractlint.yaml, --proto-path), dependency directories and
// buf's module cache. Options.Decode reads the engine's keys of
// contractlint.yaml and SetProtoPaths diff's --proto-path flags;
// LocalBufCache finds buf's cache as buf does. These helpers read the
// environment for their callers; the engine itself reads only what it is
// given. The same roots serve every way a side is read: a comparison, the
// elements the lifecycle rules and the deprecation report list
// (deprecations.go) and the messages example payloads are checked against
// (ExampleSchema, a checks.ExampleValidator), the last two through
// loadAlone. Without a selection, DefaultSelection (a checks.RuleDefaulter)
// lets a buf.yaml's breaking section choose buf's rules for every command.
package protobuf
