// Package matrix is contractlint's producer/consumer compatibility matrix:
// which services emit which versions of a contract, which read which, and —
// computed by the diff engines, never by hand — which (writer, reader) pairs
// are compatible.
//
// The pieces, in data-flow order:
//
//   - [Declarations] are the producers:, consumers: and environments:
//     sections of contractlint.yaml, decoded from YAML nodes so that every
//     error carries its line ([Decode]).
//   - [Evaluate] resolves the declarations against the known versions of each
//     contract (a [Source]) and compares every live (writer, reader) pair,
//     giving tri-state [Cell]s and per-consumer [Verdict]s. A previous
//     [Matrix] serves as a content-hash cache, so an update only diffs what
//     changed.
//   - The matrix file (contract-matrix.yaml, described by
//     schemas/matrix.schema.json) is written deterministically and atomically
//     ([WriteFile]) and read back strictly ([Parse]): a corrupt or hand-edited
//     file is reported with its line, never silently overwritten.
//   - [CanIDeploy] answers yes, no or unknown for a service about to be
//     deployed, with the rows that decide it; [Record] notes what is deployed
//     where.
//   - Renderers show a matrix or a can-i-deploy answer as text, Markdown,
//     JSON or a static HTML page.
//
// # Semantics
//
// A producer emits the versions its declaration admits (an exact version, a
// list, or a range over the known versions). A consumer reads with any known
// version its range admits. For a writer version W, a consumer's readers are
// the versions of its range in W's major line when the range admits W (the
// consumer declared that it handles that line), and every version of its
// range otherwise. A pair (W, R) is compared with the engines on the pair
// (older, newer): when the reader is the newer side it must be backward
// compatible, when it is the older side forward compatible. A pair is
// unknown when a version cannot be loaded or is not known at all; unknown is
// never reported as compatible.
package matrix
