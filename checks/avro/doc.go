// Package avro is contractlint's engine for Avro schemas (.avsc).
//
// It reads each file's JSON with package internal/doc and parses the Avro
// schema language itself, keeping the file, line, column and JSON pointer
// of every element, and validates what the Avro
// specification requires (names, duplicate fields and symbols, union rules,
// defaults that match their type, logical types) before comparing anything:
// every violation is reported at once as a [checks.InputError].
//
// A side may hold several .avsc files that name each other's types; names
// resolve by full name across files, in any order.
//
// Comparison applies the specification's schema-resolution rules both ways:
// backward (the new schema reads data written with the old one) and forward
// (the old reads the new). Incompatibilities use the Avro Java checker's
// SchemaIncompatibilityType names, with a _BACKWARD or _FORWARD suffix when
// they break one way only, and every one is reported, not just the first.
// Changes that resolve both ways but still change the contract (a field added
// with a default, a doc change, a new alias, ...) have rules of their own.
package avro
