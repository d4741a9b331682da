package checks

import (
	"cmp"
	"slices"
)

// Finding is one change between the old and new side of a contract.
type Finding struct {
	// Rule is the ID of the rule that reported the change.
	Rule string `json:"rule"`
	// Impact is the change's semantic-versioning impact after the mode and
	// any configured overrides were applied.
	Impact Impact `json:"impact"`
	// Breaks is the direction in which the change breaks data compatibility
	// (at its Wire and JSON levels); its JSON name is "direction".
	Breaks Direction `json:"direction"`
	// Levels is what the change breaks (wire, json, source); its JSON name
	// is "breaks", an array of level names.
	Levels Level `json:"breaks"`
	// Contract names the contract, when the finding comes from `check`.
	Contract string `json:"contract,omitempty"`
	// File is the slash-separated path of the file the finding is located in,
	// relative to its side's root. By buf's convention a deletion is located at
	// the parent element in the new file, and a deleted file has no line.
	File string `json:"file"`
	// Line and Column are 1-based; zero when unknown.
	Line   int `json:"line"`
	Column int `json:"column"`
	// Path is the element's fully-qualified name (protobuf, Avro) or JSON
	// pointer (JSON Schema).
	Path string `json:"path"`
	// Message explains the change in one sentence.
	Message string `json:"message"`
	// Old and New are the values before and after the change, when the change
	// has them.
	Old string `json:"old,omitempty"`
	New string `json:"new,omitempty"`
	// Ignored holds the reason when an ignore matched the finding; ignored
	// findings do not count toward the verdict.
	Ignored string `json:"ignored,omitempty"`
	// Unselected marks the finding of a data rule outside the rule selection
	// (buf's default FILE selection holds FIELD_SAME_TYPE, not its JSON-level
	// twin FIELD_WIRE_JSON_COMPATIBLE_TYPE): the runner evaluates data rules
	// whatever the selection, because data compatibility must not depend on
	// it. An unselected finding counts toward the verdict, its impact
	// included, and decides matrix cells, but reports list it apart from the
	// selected findings (see [Split]).
	Unselected bool `json:"-"`
}

// Split separates the selected findings from the unselected ones (see
// Finding.Unselected), keeping their order.
func Split(fs []Finding) (selected, unselected []Finding) {
	for _, f := range fs {
		if f.Unselected {
			unselected = append(unselected, f)
		} else {
			selected = append(selected, f)
		}
	}
	return selected, unselected
}

// Compare orders findings by contract, file, line, column, rule, path and
// message: the deterministic order of every report.
func Compare(a, b Finding) int {
	return cmp.Or(
		cmp.Compare(a.Contract, b.Contract),
		cmp.Compare(a.File, b.File),
		cmp.Compare(a.Line, b.Line),
		cmp.Compare(a.Column, b.Column),
		cmp.Compare(a.Rule, b.Rule),
		cmp.Compare(a.Path, b.Path),
		cmp.Compare(a.Message, b.Message),
	)
}

// Sort sorts findings in report order and drops exact duplicates.
func Sort(fs []Finding) []Finding {
	slices.SortFunc(fs, Compare)
	return slices.Compact(fs)
}
