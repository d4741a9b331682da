// Package deprecation builds the deprecation report of `contractlint
// deprecations`: every element the working tree marks deprecated (see
// checks.ElementLister), per contract — its kind and path, the first
// published version (and date) that carried the marker, its sunset and the
// days left or overdue as of a given date, its replacement, the contract's
// owner, and the consumers (from the matrix declarations) whose declared
// range still admits a version that carries the element.
//
// Entries are sorted by urgency: overdue first, then by days left, then
// malformed and missing sunsets; the totals come first in every format.
// The formats are text, Markdown, JSON (described by
// schemas/deprecations.schema.json), CSV, and a static HTML page with an
// inline-SVG timeline of the sunsets. Build reads no clock: the date is an
// input.
package deprecation
