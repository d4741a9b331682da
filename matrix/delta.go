package matrix

import (
	"fmt"
	"strings"

	"github.com/contractlint/contractlint/report"
)

// Delta returns the verdicts of cur that `check` reports: every verdict that
// is not compatible, and every verdict whose status differs from prev (the
// committed matrix; nil when there is none), in matrix order.
func Delta(prev, cur *Matrix) []report.MatrixVerdict {
	out := []report.MatrixVerdict{}
	for _, c := range cur.Contracts {
		var old *Contract
		if prev != nil {
			old = prev.Contract(c.Name)
		}
		for _, v := range c.Verdicts {
			was := ""
			if old != nil {
				for _, ov := range old.Verdicts {
					if ov.Consumer == v.Consumer && ov.Writer == v.Writer {
						was = string(ov.Status)
					}
				}
			}
			if v.Status == Compatible && (was == "" || was == string(Compatible)) {
				continue
			}
			cons, _ := partyOf(c.Consumers, v.Consumer)
			out = append(out, report.MatrixVerdict{
				Contract: c.Name, Consumer: v.Consumer, Reads: cons.Spec.Text,
				Writer: v.Writer, Reader: v.Reader, Status: string(v.Status), Was: was,
				Message:  Sentence(c, v),
				Findings: deciding(c, v),
			})
		}
	}
	return out
}

// Sentence says a verdict in one sentence, naming the deciding findings:
// "billing reads orders ^1.2 and breaks on 2.0.0: FIELD_NO_DELETE
// acme.orders.v1.Order.total".
func Sentence(c *Contract, v Verdict) string {
	s := verdictSentence(c, v)
	if v.Status != Incompatible {
		return s
	}
	var fs []string
	for _, f := range deciding(c, v) {
		fs = append(fs, f.Rule+" "+f.Path)
	}
	return fmt.Sprintf("%s: %s", s, strings.Join(fs, ", "))
}
