package protobuf

import (
	"slices"
	"testing"

	"github.com/contractlint/contractlint/checks"
)

// TestChangeRules checks that the rules buf is silent about stay out of buf's
// categories (so that --rules FILE means exactly buf), run by default, break
// nothing and weigh at most minor.
func TestChangeRules(t *testing.T) {
	t.Parallel()
	for _, r := range changeRules {
		if !slices.Equal(r.Categories, []string{catChanges}) || !r.Default || r.Breaks != 0 || r.Impact > checks.Minor {
			t.Errorf("rule %s: categories %v, default %v, breaks %v, impact %v; want [%s], true, none, at most minor",
				r.ID, r.Categories, r.Default, r.Breaks, r.Impact, catChanges)
		}
		if slices.ContainsFunc(breakingRules, func(b *rule) bool { return b.ID == r.ID }) {
			t.Errorf("rule %s is also one of buf's", r.ID)
		}
	}
}
