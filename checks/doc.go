// Package checks holds contractlint's core model: rules, findings, impacts,
// compatibility directions, the engine interface every contract format
// implements, rule selection, and the runner that turns an engine's findings
// into a verdict.
//
// A rule is a documented value (see [Rule]); an engine (protobuf, JSON Schema,
// Avro) owns a slice of rules and reports findings for them when it diffs two
// sides of a contract. Engines are pure with respect to the outside world: they
// read only the [fs.FS] they are given and never the clock or the network.
//
// The core knows nothing of one format's options: each engine package
// declares its own options type (jsonschema.Options, protobuf.Options) with
// its defaults, its configuration keys and flags and their validation, and a
// [Request] carries them opaquely as [EngineOptions], one per format, as
// go/analysis leaves each analyzer its own flags. Optional interfaces let an
// engine do more than diff: [ElementLister] (deprecation markers, for the
// lifecycle rules and the deprecation report), [ExampleValidator] (example
// payloads) and [RuleDefaulter] (a selection its inputs ask for, such as a
// buf.yaml's breaking section).
package checks
