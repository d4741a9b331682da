package contract

import (
	"cmp"
	"slices"

	"github.com/contractlint/contractlint/checks"
	"github.com/contractlint/contractlint/checks/ignores"
)

// IgnoreEntry is one ignore of a contract, configured or inline, with where
// it stands on a date: what `contractlint ignores` and the deprecation
// report list for release engineers.
type IgnoreEntry struct {
	Contract string `json:"contract"`
	// Rule is the ignored rule ID, "" for any rule.
	Rule string `json:"rule"`
	// Path and Element narrow a configured ignore.
	Path    string `json:"path,omitempty"`
	Element string `json:"element,omitempty"`
	Reason  string `json:"reason"`
	Owner   string `json:"owner,omitempty"`
	Ticket  string `json:"ticket,omitempty"`
	// Expires is the expiry date (YYYY-MM-DD), "" for none.
	Expires string `json:"expires,omitempty"`
	// State is permanent, active, expires-soon or expired.
	State ignores.State `json:"state"`
	// DaysLeft counts the days to the expiry (negative once expired); nil
	// without an expiry date.
	DaysLeft *int `json:"days_left"`
	// Inline is true for an ignore written in a contract file.
	Inline bool `json:"inline"`
	// File, Line and Column locate the ignore itself.
	File   string `json:"file"`
	Line   int    `json:"line"`
	Column int    `json:"column"`
}

// ListIgnores returns every ignore of the selected contracts of cfg, as
// found in work, judged on asOf: expired first, then by expiry date, then
// permanent ones, each group in contract and file order.
func ListIgnores(cfg *Config, work *Tree, engines []checks.Engine, only []string, asOf string) ([]IgnoreEntry, error) {
	plans, err := Prepare(cfg, work, engines, only)
	if err != nil {
		return nil, err
	}
	var out []IgnoreEntry
	for _, p := range plans {
		inline, err := inlineIgnores(work.FS, p.files)
		if err != nil {
			return nil, err
		}
		for _, ig := range append(cloneIgnores(p.c.Ignores), inline...) {
			info := ig.Info()
			e := IgnoreEntry{Contract: p.c.Name, Rule: ig.Rule, Path: ig.Path, Element: ig.Element, Reason: ig.Reason,
				Owner: ig.Owner, Ticket: ig.Ticket, Expires: ig.Expires, Inline: ig.file != "",
				File: info.File, Line: info.Line, Column: info.Column}
			state, days := ignores.StateOf(ig.Expires, asOf)
			e.State = state
			if ig.Expires != "" {
				e.DaysLeft = &days
			}
			out = append(out, e)
		}
	}
	rank := map[ignores.State]int{ignores.Lapsed: 0, ignores.Soon: 1, ignores.Active: 2, ignores.Permanent: 3}
	slices.SortStableFunc(out, func(a, b IgnoreEntry) int {
		return cmp.Or(cmp.Compare(rank[a.State], rank[b.State]), cmp.Compare(a.Expires, b.Expires),
			cmp.Compare(a.Contract, b.Contract), cmp.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line))
	})
	return out, nil
}
