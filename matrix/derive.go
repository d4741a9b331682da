package matrix

import (
	"fmt"
	"slices"

	"github.com/Masterminds/semver/v3"
)

// The functions here derive a contract's parties and verdicts from its
// versions, declarations and cells. Evaluate uses them to build a matrix and
// Parse to check that a matrix file is consistent with itself.

// known parses a contract's versions, in order.
func (c *Contract) known() []*semver.Version {
	out := make([]*semver.Version, 0, len(c.Versions))
	for _, v := range c.Versions {
		if p, err := ParseVersion(v.Version); err == nil {
			out = append(out, p)
		}
	}
	return out
}

// producerVersions resolves a producer's declaration: the known versions it
// admits and the exact versions it names that are not known.
func producerVersions(spec Spec, known []*semver.Version) []*semver.Version {
	admitted, missing := spec.Resolve(known)
	return sortedUnique(append(admitted, missing...))
}

// readersOf returns the reader versions of a consumer declaring spec (which
// admits the known versions admitted) for data written at w: the admitted
// versions in w's major line when spec admits w, every admitted version
// otherwise.
func readersOf(spec Spec, admitted []*semver.Version, w *semver.Version) []*semver.Version {
	if !spec.Admits(w) {
		return admitted
	}
	return slices.DeleteFunc(slices.Clone(admitted), func(r *semver.Version) bool { return !sameLine(r, w) })
}

// deriveParties sets the resolved versions of every party.
func (c *Contract) deriveParties() {
	known := c.known()
	for i := range c.Producers {
		c.Producers[i].Versions = versionStrings(producerVersions(c.Producers[i].Spec, known))
	}
	for i := range c.Consumers {
		admitted, _ := c.Consumers[i].Spec.Resolve(known)
		c.Consumers[i].Versions = versionStrings(admitted)
	}
}

// writers returns every version some declared producer emits, in order.
func (c *Contract) writers() []*semver.Version {
	known := c.known()
	var ws []*semver.Version
	for _, p := range c.Producers {
		ws = append(ws, producerVersions(p.Spec, known)...)
	}
	return sortedUnique(ws)
}

// deriveVerdicts computes each declared consumer's verdict for each version a
// declared producer emits, from the cells.
func (c *Contract) deriveVerdicts() {
	known := c.known()
	cells := make(map[pairKey]Cell, len(c.Cells))
	for _, cell := range c.Cells {
		cells[pairKey{cell.Writer, cell.Reader}] = cell
	}
	writers := c.writers()
	c.Verdicts = nil
	for _, cons := range c.Consumers {
		admitted, _ := cons.Spec.Resolve(known)
		for _, w := range writers {
			c.Verdicts = append(c.Verdicts, c.verdict(cons, w, known, admitted, cells))
		}
	}
}

func (c *Contract) verdict(cons Party, w *semver.Version, known, admitted []*semver.Version, cells map[pairKey]Cell) Verdict {
	v := Verdict{Consumer: cons.Service, Writer: w.String(), Status: Compatible}
	if !slices.ContainsFunc(known, w.Equal) {
		v.Status, v.Reason = Unknown, missingReason(c.Name, w.String())
		return v
	}
	readers := readersOf(cons.Spec, admitted, w)
	if len(readers) == 0 {
		v.Status, v.Reason = Unknown, noReaderReason(c.Name, cons.Service, cons.Spec, w)
		return v
	}
	for _, r := range readers {
		cell, ok := cells[pairKey{w.String(), r.String()}]
		if !ok {
			cell = Cell{Status: Unknown}
		}
		if st := cell.StatusFor(cons.Depends()); severity(st) > severity(v.Status) {
			v.Status, v.Reader = st, r.String()
		}
	}
	return v
}

func missingReason(contract, version string) string {
	return fmt.Sprintf("%s %s is not a known version (neither published nor proposed)", contract, version)
}

func noReaderReason(contract, consumer string, spec Spec, w *semver.Version) string {
	if spec.Admits(w) {
		return fmt.Sprintf("%s declares %s %s but no known version of line %s is there to read %s", consumer, contract, spec, line(w), w)
	}
	return fmt.Sprintf("no known version of %s matches %s's range %s", contract, consumer, spec)
}

func versionStrings(vs []*semver.Version) []string {
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = v.String()
	}
	return out
}

func sortedUnique(vs []*semver.Version) []*semver.Version {
	slices.SortFunc(vs, compareVersions)
	return slices.CompactFunc(vs, func(a, b *semver.Version) bool { return compareVersions(a, b) == 0 })
}
