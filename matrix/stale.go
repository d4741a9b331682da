package matrix

import (
	"fmt"
	"slices"
	"strings"

	"github.com/Masterminds/semver/v3"

	"github.com/contractlint/contractlint/checks"
)

// Difference is one way a recorded matrix (the committed file) differs from
// the matrix computed from the contracts.
type Difference struct {
	Contract string
	// Writer and Reader name the cell or verdict that differs; empty for a
	// difference of the contract as a whole or of a version (Writer only).
	Writer, Reader string
	// Consumers are the declared consumers that read Reader from Writer
	// (for a cell) or the consumer of a verdict.
	Consumers []string
	// Recorded and Computed are the two outcomes; empty when one side has
	// no such cell or verdict.
	Recorded, Computed Status
	// Message says the difference in words.
	Message string
}

// Forged reports whether the record claims a better outcome than the
// computation: compatible where a cell or verdict is in fact incompatible or
// unknown. Such a record may have been edited to pass a gate.
func (d Difference) Forged() bool {
	return d.Recorded != "" && d.Computed != "" && severity(d.Recorded) < severity(d.Computed)
}

// Stale compares a recorded matrix with the computed one and returns every
// difference, in matrix order, named in words: contract, writer version,
// reader version and the consumers concerned. None means the record is
// exactly what the contracts give.
func Stale(recorded, computed *Matrix) []Difference {
	var out []Difference
	for _, c := range computed.Contracts {
		old := recorded.Contract(c.Name)
		if old == nil {
			out = append(out, Difference{Contract: c.Name, Message: fmt.Sprintf("%s is not in the recorded matrix", c.Name)})
			continue
		}
		out = append(out, contractDiff(old, c)...)
	}
	for _, c := range recorded.Contracts {
		if computed.Contract(c.Name) == nil {
			out = append(out, Difference{Contract: c.Name, Message: fmt.Sprintf("%s is in the recorded matrix but no producer or consumer makes it live any more", c.Name)})
		}
	}
	return out
}

func contractDiff(old, cur *Contract) []Difference {
	var out []Difference
	name := cur.Name
	if old.Fingerprint != cur.Fingerprint {
		out = append(out, Difference{Contract: name, Message: fmt.Sprintf("%s: its rules or configuration (mode, policy, rule selection, impacts, ignores) changed since the matrix was recorded", name)})
	}
	for _, v := range cur.Versions {
		h, ok := old.hash(v.Version)
		switch {
		case !ok:
			out = append(out, Difference{Contract: name, Writer: v.Version, Message: fmt.Sprintf("%s %s is a new version, not in the recorded matrix", name, v.Version)})
		case h != v.Hash:
			out = append(out, Difference{Contract: name, Writer: v.Version, Message: fmt.Sprintf("%s %s: its content differs from the recorded content hash", name, v.Version)})
		}
	}
	for _, v := range old.Versions {
		if _, ok := cur.hash(v.Version); !ok {
			out = append(out, Difference{Contract: name, Writer: v.Version, Message: fmt.Sprintf("%s %s is recorded but no longer known (no tag, not declared)", name, v.Version)})
		}
	}
	for _, sec := range []struct {
		role     string
		old, cur []Party
	}{{"producer", old.Producers, cur.Producers}, {"consumer", old.Consumers, cur.Consumers}} {
		for _, p := range sec.cur {
			q, ok := partyOf(sec.old, p.Service)
			switch {
			case !ok:
				out = append(out, Difference{Contract: name, Consumers: consumerIf(sec.role, p.Service), Message: fmt.Sprintf("%s: %s %s (%s) is not in the recorded matrix", name, sec.role, p.Service, p.Spec)})
			case q.Spec.Text != p.Spec.Text || !slices.Equal(q.Versions, p.Versions):
				out = append(out, Difference{Contract: name, Consumers: consumerIf(sec.role, p.Service), Message: fmt.Sprintf("%s: %s %s is recorded as %s %v, declared now as %s %v", name, sec.role, p.Service, q.Spec, q.Versions, p.Spec, p.Versions)})
			}
		}
		for _, q := range sec.old {
			if _, ok := partyOf(sec.cur, q.Service); !ok {
				out = append(out, Difference{Contract: name, Consumers: consumerIf(sec.role, q.Service), Message: fmt.Sprintf("%s: %s %s is recorded but no longer declared", name, sec.role, q.Service)})
			}
		}
	}
	for _, cell := range cur.Cells {
		rec, ok := old.Cell(cell.Writer, cell.Reader)
		d := Difference{Contract: name, Writer: cell.Writer, Reader: cell.Reader, Consumers: cur.consumersOf(cell.Writer, cell.Reader), Computed: cell.Status}
		where := cellWords(name, cell.Writer, cell.Reader, d.Consumers)
		switch {
		case !ok:
			d.Message = fmt.Sprintf("%s: not in the recorded matrix (computed %s)", where, outcome(cell))
		case rec.Status != cell.Status:
			d.Recorded = rec.Status
			d.Message = fmt.Sprintf("%s: recorded %s, computed %s", where, rec.Status, outcome(cell))
		case !sameFindings(rec.Findings, cell.Findings) || rec.Reason != cell.Reason:
			d.Recorded = rec.Status
			d.Message = fmt.Sprintf("%s: recorded %s, computed %s", where, outcome(rec), outcome(cell))
		default:
			continue
		}
		out = append(out, d)
	}
	for _, rec := range old.Cells {
		if _, ok := cur.Cell(rec.Writer, rec.Reader); !ok {
			out = append(out, Difference{Contract: name, Writer: rec.Writer, Reader: rec.Reader, Recorded: rec.Status,
				Message: fmt.Sprintf("%s: recorded %s, but no producer and consumer make this pair live any more", cellWords(name, rec.Writer, rec.Reader, nil), rec.Status)})
		}
	}
	for _, v := range cur.Verdicts {
		i := slices.IndexFunc(old.Verdicts, func(o Verdict) bool { return o.Consumer == v.Consumer && o.Writer == v.Writer })
		if i >= 0 && old.Verdicts[i].Status == v.Status {
			continue
		}
		d := Difference{Contract: name, Writer: v.Writer, Reader: v.Reader, Consumers: []string{v.Consumer}, Computed: v.Status}
		if i < 0 {
			d.Message = fmt.Sprintf("%s: consumer %s reading what writer %s emits: not in the recorded matrix (computed %s)", name, v.Consumer, v.Writer, v.Status)
		} else {
			d.Recorded = old.Verdicts[i].Status
			d.Message = fmt.Sprintf("%s: consumer %s reading what writer %s emits: recorded %s, computed %s", name, v.Consumer, v.Writer, d.Recorded, v.Status)
		}
		out = append(out, d)
	}
	return out
}

func consumerIf(role, service string) []string {
	if role == "consumer" {
		return []string{service}
	}
	return nil
}

// cellWords names a cell: "orders writer 2.0.0, reader 1.2.0 (read by
// billing)".
func cellWords(contract, writer, reader string, consumers []string) string {
	s := fmt.Sprintf("%s writer %s, reader %s", contract, writer, reader)
	if len(consumers) > 0 {
		s += " (consumer " + strings.Join(consumers, ", ") + ")"
	}
	return s
}

// outcome says a cell's status with what decides it.
func outcome(c Cell) string {
	switch {
	case c.Status == Incompatible:
		var fs []string
		for _, f := range c.FindingsFor(checks.Data) {
			fs = append(fs, strings.TrimSpace(f.Rule+" "+f.Path))
		}
		return fmt.Sprintf("%s (%s)", c.Status, strings.Join(fs, ", "))
	case c.Reason != "":
		return fmt.Sprintf("%s (%s)", c.Status, c.Reason)
	}
	return string(c.Status)
}

func sameFindings(a, b []checks.Finding) bool {
	return slices.EqualFunc(a, b, func(x, y checks.Finding) bool {
		return x.Rule == y.Rule && x.File == y.File && x.Line == y.Line && x.Column == y.Column && x.Path == y.Path && x.Message == y.Message
	})
}

// consumersOf returns the declared consumers that read version reader of
// data written at writer.
func (c *Contract) consumersOf(writer, reader string) []string {
	w, err := ParseVersion(writer)
	if err != nil {
		return nil
	}
	known := c.known()
	var out []string
	for _, cons := range c.Consumers {
		admitted, _ := cons.Spec.Resolve(known)
		if slices.ContainsFunc(readersOf(cons.Spec, admitted, w), func(r *semver.Version) bool { return r.String() == reader }) {
			out = append(out, cons.Service)
		}
	}
	return out
}
