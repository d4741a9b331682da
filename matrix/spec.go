package matrix

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/Masterminds/semver/v3"
)

// Spec is a version declaration as written in contractlint.yaml: an exact
// version ("1.4.0"), a range ("^1.2", "~1.4", ">=1.0.0 <3.0.0", "1.x",
// "^1 || ^2"), or a list of those. Ranges use the syntax of
// github.com/Masterminds/semver/v3.
type Spec struct {
	// Text is the declaration as written; a list is joined with " || ".
	Text string
	// Items are the versions or ranges of a list; one item otherwise.
	Items []string
	parts []specPart
	memo  *admitMemo
}

// admitMemo remembers Admits answers: a range check is slow next to a map
// lookup, and a matrix asks the same question many times.
type admitMemo struct {
	mu sync.Mutex
	m  map[string]bool
}

type specPart struct {
	exact *semver.Version
	rng   *semver.Constraints
}

// ParseSpec parses one version or range. A bare version is exact.
func ParseSpec(s string) (Spec, error) {
	p, err := parsePart(s)
	if err != nil {
		return Spec{}, err
	}
	s = strings.TrimSpace(s)
	return Spec{Text: s, Items: []string{s}, parts: []specPart{p}, memo: &admitMemo{m: map[string]bool{}}}, nil
}

// ParseSpecList parses a list of versions or ranges: their union.
func ParseSpecList(list []string) (Spec, error) {
	if len(list) == 0 {
		return Spec{}, fmt.Errorf("empty list of versions")
	}
	s := Spec{memo: &admitMemo{m: map[string]bool{}}}
	for _, item := range list {
		p, err := parsePart(item)
		if err != nil {
			return Spec{}, err
		}
		s.parts = append(s.parts, p)
		s.Items = append(s.Items, strings.TrimSpace(item))
	}
	s.Text = strings.Join(s.Items, " || ")
	return s, nil
}

func parsePart(s string) (specPart, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return specPart{}, fmt.Errorf("empty version")
	}
	if v, err := semver.StrictNewVersion(s); err == nil {
		return specPart{exact: v}, nil
	}
	if strings.HasPrefix(s, "v") {
		if _, err := semver.StrictNewVersion(s[1:]); err == nil {
			return specPart{}, fmt.Errorf("version %q: write it without the leading v (%s)", s, s[1:])
		}
	}
	c, err := semver.NewConstraint(s)
	if err != nil {
		return specPart{}, fmt.Errorf("version or range %q: %v", s, err)
	}
	return specPart{rng: c}, nil
}

// IsZero reports whether s is the zero Spec (nothing declared).
func (s Spec) IsZero() bool { return len(s.parts) == 0 }

// Exact returns the exact versions s names, if s names only exact versions.
func (s Spec) Exact() ([]string, bool) {
	var out []string
	for _, p := range s.parts {
		if p.exact == nil {
			return nil, false
		}
		out = append(out, p.exact.String())
	}
	return out, true
}

// Admits reports whether version v satisfies the declaration.
func (s Spec) Admits(v *semver.Version) bool {
	if s.memo == nil {
		return s.admits(v)
	}
	key := v.Original()
	s.memo.mu.Lock()
	ok, found := s.memo.m[key]
	s.memo.mu.Unlock()
	if !found {
		ok = s.admits(v)
		s.memo.mu.Lock()
		s.memo.m[key] = ok
		s.memo.mu.Unlock()
	}
	return ok
}

func (s Spec) admits(v *semver.Version) bool {
	for _, p := range s.parts {
		if p.exact != nil && p.exact.Equal(v) {
			return true
		}
		if p.rng != nil && p.rng.Check(v) {
			return true
		}
	}
	return false
}

// Resolve returns the versions of known that s admits, in known's order,
// and the exact versions s names that are not known (a producer may declare
// a version nobody published).
func (s Spec) Resolve(known []*semver.Version) (admitted []*semver.Version, missing []*semver.Version) {
	for _, v := range known {
		if s.Admits(v) {
			admitted = append(admitted, v)
		}
	}
	for _, p := range s.parts {
		if p.exact != nil && !slices.ContainsFunc(known, p.exact.Equal) {
			missing = append(missing, p.exact)
		}
	}
	return admitted, missing
}

// String returns the declaration as written.
func (s Spec) String() string { return s.Text }

// ParseVersion parses a strict semantic version ("1.4.0", no leading v).
func ParseVersion(s string) (*semver.Version, error) {
	v, err := semver.StrictNewVersion(s)
	if err != nil {
		return nil, fmt.Errorf("version %q: %v", s, err)
	}
	return v, nil
}

// compareVersions orders versions by semver precedence, then by their text
// so that 1.0.0+a and 1.0.0+b keep a fixed order.
func compareVersions(a, b *semver.Version) int {
	return cmp.Or(a.Compare(b), cmp.Compare(a.Original(), b.Original()))
}

// line is the major line of v, the compatibility group semantic versioning
// promises: "1" for 1.x; "0.3" for 0.3.x, because before 1.0.0 a minor bump
// may break.
func line(v *semver.Version) string {
	if v.Major() == 0 {
		return fmt.Sprintf("0.%d", v.Minor())
	}
	return fmt.Sprint(v.Major())
}

// sameLine reports whether a and b are in one major line (see line).
func sameLine(a, b *semver.Version) bool {
	return a.Major() == b.Major() && (a.Major() != 0 || a.Minor() == b.Minor())
}
