// Package checks holds contractlint's core model: rules, findings, impacts,
// compatibility directions, the engine interface every contract format
// implements, rule selection, and the runner that turns an engine's findings
// into a verdict.
//
// A rule is a documented value (see [Rule]); an engine (protobuf, JSON Schema,
// Avro) owns a slice of rules and reports findings for them when it diffs two
// sides of a contract. Engines are pure with respect to the outside world: they
// read only the [fs.FS] they are given and never the clock or the network.
package checks
