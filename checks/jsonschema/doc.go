// Package jsonschema is contractlint's JSON Schema engine: it loads schemas
// of drafts 04, 06, 07, 2019-09 and 2020-12 (JSON or YAML) into a
// draft-neutral model that remembers source positions, and diffs two sides
// the way Confluent Schema Registry does, reporting each difference under
// Confluent's difference type name where one exists.
//
// # Loading
//
// Each file is parsed with positions, its $refs are resolved by a sandboxed
// loader (within the document, by $id, to relative files inside the side's
// root, and to http(s) URLs only under an allowed prefix) and it is compiled
// with github.com/santhosh-tekuri/jsonschema/v5, so that an invalid schema is
// rejected with its location. A schema without $schema is read as 2020-12.
// Files larger than [MaxFileSize] are refused. An unresolved $ref is an
// input error, never a silent "compatible".
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
// Under --policy lenient (the default) readers ignore unknown properties, so
// an optional property added to an open object is OPTIONAL_PROPERTY_ADDED
// (minor) rather than Confluent's OPTIONAL_PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL.
//
// # Locations
//
// A finding's path is a JSON pointer from the compared file's root
// ("#/properties/foo/maxLength"). Its file, line and column are those of the
// keyword in the new file; when only the old schema has the keyword (a
// removal), those of the keyword in the old file; when neither has it, those
// of the schema itself (its property key, or its first character).
package jsonschema
