package checks

import (
	"fmt"
	"strings"
)

// Selection chooses which rules run: buf-style "use" and "except" lists of
// rule IDs and categories.
type Selection struct {
	use    map[string]bool // rule IDs
	except map[string]bool // rule IDs
}

// ParseSelection resolves selection tokens against rules. A token is a rule
// ID, a category, or "all"; a token prefixed with "-" excludes. Tokens may
// also be comma-separated. A token that names no rule is an error.
//
// A selection applies per format: the tokens that name rules of a format
// (and "all") select among that format's rules, and a format that no
// positive token names keeps its default rules (those marked Default). So
// `--rules WIRE` narrows protobuf to buf's WIRE category and leaves Avro and
// JSON Schema (and the lifecycle rules) as they are; `--rules
// WIRE,JSON_SCHEMA_BREAKING` narrows both.
func ParseSelection(tokens []string, rules []*Rule) (*Selection, error) {
	s := &Selection{use: map[string]bool{}, except: map[string]bool{}}
	positive := map[Format]bool{}
	for _, tok := range splitTokens(tokens) {
		target := s.use
		neg := false
		if name, ok := strings.CutPrefix(tok, "-"); ok {
			tok, target, neg = name, s.except, true
		}
		matched := false
		for _, r := range rules {
			if tok == "all" || strings.EqualFold(tok, r.ID) || r.HasCategory(strings.ToUpper(tok)) {
				target[r.ID] = true
				matched = true
				if !neg {
					positive[r.Format] = true
				}
			}
			if strings.EqualFold(tok, r.ID) {
				for _, id := range r.ReplacedBy {
					target[id] = true
				}
			}
		}
		if !matched {
			return nil, fmt.Errorf("unknown rule or category %q (see `contractlint rules`)", tok)
		}
	}
	for _, r := range rules {
		if !positive[r.Format] && r.Default {
			s.use[r.ID] = true
		}
	}
	return s, nil
}

// splitTokens flattens comma-separated tokens.
func splitTokens(tokens []string) []string {
	var out []string
	for _, t := range tokens {
		for _, p := range strings.Split(t, ",") {
			if p = strings.TrimSpace(p); p != "" {
				out = append(out, p)
			}
		}
	}
	return out
}

// Selected reports whether the rule with the given ID runs.
func (s *Selection) Selected(id string) bool {
	return s.use[id] && !s.except[id]
}

// Expand returns the rule IDs that a rule ID given by a user stands for: the
// ID itself and, for a deprecated rule, the rules that replace it (see
// Rule.ReplacedBy). Configuration that names rules (impacts, ignores) uses
// it so that an old ID keeps applying to its successors.
func Expand(id string, rules []*Rule) []string {
	out := []string{id}
	for _, r := range rules {
		if r.ID == id {
			out = append(out, r.ReplacedBy...)
		}
	}
	return out
}

// Excluded reports whether the selection excludes the rule explicitly (a
// "-ID" token or an except: entry). An excluded data rule no longer decides
// data compatibility; one merely not selected still does.
func (s *Selection) Excluded(id string) bool { return s.except[id] }
