// Package examples declares the rules of example payloads as contract tests:
// a contract lists example payloads in contractlint.yaml, and every example
// of the published version must still be accepted by the proposed schema.
// The checking itself is done by package contract; the rules live here, apart
// from it, so that the registry can list them without an import cycle.
package examples
