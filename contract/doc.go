// Package contract turns a repository of contracts into verdicts: it loads
// and validates contractlint.yaml (against schemas/config.schema.json, with
// the line of every problem), resolves each contract's files, finds its
// published versions (git tags, a ref, or a directory), diffs the proposal
// against them with the format's engine, applies ignores, and decides whether
// the declared semantic version is honest.
//
// # Version policy
//
// The required version is the latest published version bumped by the largest
// impact of the changes that are not ignored: a major change requires the
// next major version, a minor change the next minor, a patch change the next
// patch, and no change no bump. A declared version at or above the required
// one is honest; a higher bump than required is allowed.
//
// In the 0.x line (SemVer 2.0.0 §4: anything may change) every impact moves
// one place to the right, as Cargo does: a breaking change requires the next
// minor version (0.3.1 → 0.4.0) and an addition or a fix the next patch
// (0.3.1 → 0.3.2).
//
// A published pre-release (2.0.0-rc.1) promises nothing (SemVer §9): any
// change only requires a declared version above it, its release (2.0.0) at
// least.
//
// A declared version below the published one always fails, and so does an
// unchanged version when something changed.
package contract
