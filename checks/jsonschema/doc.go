// Package jsonschema is contractlint's JSON Schema engine: it loads schemas
// of drafts 04, 06, 07, 2019-09 and 2020-12 (JSON or YAML) into a
// draft-neutral model that remembers source positions, and diffs two sides
// the way Confluent Schema Registry does, reporting each difference under
// Confluent's difference type name where one exists.
//
// # Loading
//
// Each file is parsed with positions by package internal/doc (JSON, or
// YAML by its file name; numbers kept exactly as written), its $refs are
// resolved by a sandboxed loader (within the document, by $id and anchors,
// to relative files inside the side's root, and to http(s) URLs only under
// an allowed prefix) and it is
// checked against its draft's metaschema compiled by
// github.com/santhosh-tekuri/jsonschema/v5 (see validator: piece by piece,
// cached by content), so that an invalid schema is rejected with its
// location. No package-level state of that library is touched. A schema
// without $schema is read as the configured draft or, without one, as the
// draft its own forms show: draft-04 for a boolean exclusiveMinimum or
// exclusiveMaximum, draft-07 for definitions, dependencies,
// additionalItems or an items array, 2020-12 otherwise; validation errors
// say which draft was assumed. Files beyond the limits of package
// internal/limits (file size, total input size, nesting depth) are
// refused. Every problem of a side is reported at once; an unresolved $ref
// or a $ref cycle that never reaches a schema is an input error, never a
// silent "compatible".
//
// # Options and examples (options.go, examples.go)
//
// The engine's own options are Options (checks.EngineOptions): the
// content-model Policy, the draft of schemas without $schema, the $ref
// prefixes mapped to local directories (refs), the schema roots searched by
// $id and the URL prefixes that may be fetched. Options.Decode reads the
// engine's keys of contractlint.yaml (ConfigKeys) and SetFlag its flags
// (Flags). ExampleSchema (a checks.ExampleValidator) validates example
// payloads with santhosh-tekuri/jsonschema, honouring refs, documents found
// by $id in the search roots and the draft; nothing is fetched for examples.
//
// # Which files are schemas
//
// The engine owns .json, .yaml and .yml files (so .schema.json too), except
// dotfiles and well-known files that are not schemas (package.json,
// buf.yaml, contractlint.yaml, tsconfig*.json, docker-compose.yml, ...).
// While walking directories, a file is also skipped when it is clearly not
// a schema on both sides: a top-level array, string, number or null; an Avro
// schema; or an object none of whose members is a JSON Schema keyword. Such
// an object, read as a schema, accepts every instance, so skipping it cannot
// hide a change. Two files named on the command line are always compared.
//
// # Comparison
//
// The model splits a schema object the way Confluent's library (everit)
// does: one part per type, combined as a synthetic allOf when several types'
// keywords are present, a type array as a synthetic anyOf. Pairs of schemas
// are compared once (memoised); a pair met again while it is being compared
// is a recursive cycle and counts as compatible. allOf/anyOf/oneOf branches
// are paired by maximum bipartite matching of compatible branches.
//
// Each rule's Breaks is the direction its change breaks: a Confluent
// difference type breaks backward when Confluent rejects it under BACKWARD,
// and forward when its mirror (the same change read from new to old) does.
// Under --policy lenient (the default) the lenient model of
// docs/jsonschema.md applies in both directions: readers ignore properties
// they do not declare unless their object constrains them, and writers emit
// only the properties their schema declares. So an optional property added
// to an open object is OPTIONAL_PROPERTY_ADDED (minor) rather than
// Confluent's OPTIONAL_PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL, and removed it
// is OPTIONAL_PROPERTY_REMOVED (no reader of data breaks).
//
// # Agreement with Confluent and Apicurio
//
// Under --policy strict, the findings of Confluent Schema Registry's
// published diff examples (draft-07, 2020-12 and combined schemas, 251
// cases) agree on the backward verdict in 251 cases and on the set of
// difference types in 247; the four differences are 2020-12 examples where
// Confluent reports nothing for a real change (ID_CHANGED,
// MAX_PROPERTIES_REMOVED, MIN_PROPERTIES_REMOVED,
// ADDITIONAL_PROPERTIES_ADDED document them). Confluent 7.x's
// PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL is its 8.x
// OPTIONAL/REQUIRED_PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL here (the old name
// is kept as a deprecated rule). RESERVED_PROPERTY_REMOVED and
// RESERVED_PROPERTY_CONFLICTS_WITH_PROPERTY are not rules: they compare
// registry metadata ("confluent:reserved"), which a schema file does not
// carry. Confluent's examples that carry a LENIENT verdict agree under
// the default lenient policy too (TestConfluentExamples, when the corpus is
// present). Apicurio Registry's labelled corpus (TestApicurioCorpus)
// agrees in 139 of 145 cases under the default lenient policy: five
// differences are the lenient model's (docs/jsonschema.md: new writers do
// not emit a property their schema dropped, nor undeclared ones once an
// object is opened, where Apicurio fails FORWARD) and one is an empty enum,
// invalid for the metaschema (documented at ENUM_ARRAY_EXTENDED).
//
// # Locations
//
// A finding's path is a JSON pointer from the compared file's root
// ("#/properties/foo/maxLength"). Its file, line and column are those of the
// keyword in the new file; when only the old schema has the keyword (a
// removal), the closest surviving parent of the keyword in the new file (as
// every engine locates deletions; the message names the old line); when
// neither has it, those of the schema itself (its property key, or its first
// character).
package jsonschema
