// Package doc parses JSON and YAML documents into one tree of values that
// remember where they were written: every value, and every object key, has a
// 1-based line and column. It is the one place where contractlint reads
// JSON-like input: Avro schemas, JSON Schema documents (JSON or YAML),
// contractlint.yaml and the compatibility matrix file.
//
// One layer, so that every reader of these documents gets the same answers
// to the questions hostile or careless input asks:
//
//   - Positions: [Value.Pos] is where a value starts and [Member.KeyPos]
//     where its key starts, so a message can point at either.
//   - Numbers are kept as text ([Value.Str], JSON number syntax), never as
//     float64: 1e99999999 neither panics nor turns into +Inf, and
//     12345678901234567890.5 keeps its digits. YAML's other spellings of a
//     number (0x1F, .5, +1, 1_000) are rewritten into JSON syntax exactly;
//     .inf and .nan are refused, JSON has no such numbers.
//   - Objects keep their keys in document order; a key may occur once
//     (which one a reader honours is otherwise implementation-defined).
//   - Nesting is bounded (the CONTRACTLINT_MAX_DEPTH limit of package
//     limits, passed in [Options.MaxDepth]): the error says where, and
//     unwraps to a *[limits.Error].
//   - JSON: exactly one value, nothing but white space after it, valid
//     UTF-8 (a leading byte-order mark is skipped).
//   - YAML: exactly one document. Anchors and aliases are expanded, but a
//     "billion laughs" document cannot expand past [Options.MaxNodes]
//     values; expansions share memory, so what is held stays proportional
//     to the file. Merge keys (<<) and tags with no JSON meaning are
//     refused; timestamps and binary data read as strings.
//
// Sizes of files are bounded where they are read (package limits); this
// package bounds what a document of a given size may become.
package doc
