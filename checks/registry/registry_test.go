package registry

import (
	"testing"
)

// TestRegistry validates every rule's declaration and the uniqueness of IDs.
func TestRegistry(t *testing.T) {
	t.Parallel()
	seen := map[string]bool{}
	for _, r := range All() {
		if err := r.Validate(); err != nil {
			t.Error(err)
		}
		if seen[r.ID] {
			t.Errorf("rule ID %s is declared twice", r.ID)
		}
		seen[r.ID] = true
		if r.Deprecated != "" {
			if _, ok := Lookup(r.Deprecated); !ok {
				t.Errorf("rule %s names unknown successor %s", r.ID, r.Deprecated)
			}
		}
		for _, id := range r.ReplacedBy {
			if s, ok := Lookup(id); !ok || len(s.ReplacedBy) > 0 {
				t.Errorf("rule %s is replaced by %s, which is unknown or replaced itself", r.ID, id)
			}
		}
	}
	for _, e := range Engines() {
		for _, r := range e.Rules() {
			if r.Format != e.Format() {
				t.Errorf("rule %s has format %s but belongs to the %s engine", r.ID, r.Format, e.Format())
			}
		}
	}
}
