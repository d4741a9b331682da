package contract

import (
	"cmp"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/contractlint/contractlint/checks"
)

// Version is a SemVer 2.0.0 version.
type Version struct {
	Major, Minor, Patch uint64
	// Pre holds the dot-separated pre-release identifiers ("rc", "1").
	Pre []string
	// Build is the build metadata after "+", ignored in comparisons.
	Build string
}

// semverPattern is the SemVer 2.0.0 grammar (the regular expression the
// specification suggests); schemas/config.schema.json uses the same one.
var semverPattern = regexp.MustCompile(`^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)` +
	`(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?` +
	`(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$`)

// ParseVersion parses a SemVer 2.0.0 version without a "v" prefix.
func ParseVersion(s string) (Version, error) {
	m := semverPattern.FindStringSubmatch(s)
	if m == nil {
		return Version{}, fmt.Errorf("%q is not a semantic version (MAJOR.MINOR.PATCH, e.g. 1.4.0)", s)
	}
	var v Version
	var err error
	for i, p := range []*uint64{&v.Major, &v.Minor, &v.Patch} {
		if *p, err = strconv.ParseUint(m[i+1], 10, 64); err != nil {
			return Version{}, fmt.Errorf("%q: %w", s, err)
		}
	}
	if m[4] != "" {
		v.Pre = strings.Split(m[4], ".")
	}
	v.Build = m[5]
	return v, nil
}

// String returns the version's canonical form.
func (v Version) String() string {
	s := fmt.Sprintf("%d.%d.%d", v.Major, v.Minor, v.Patch)
	if len(v.Pre) > 0 {
		s += "-" + strings.Join(v.Pre, ".")
	}
	if v.Build != "" {
		s += "+" + v.Build
	}
	return s
}

// Compare orders versions by SemVer precedence (§11): -1, 0 or +1. Build
// metadata is ignored.
func (v Version) Compare(w Version) int {
	if c := cmp.Or(cmp.Compare(v.Major, w.Major), cmp.Compare(v.Minor, w.Minor), cmp.Compare(v.Patch, w.Patch)); c != 0 {
		return c
	}
	switch {
	case len(v.Pre) == 0 && len(w.Pre) == 0:
		return 0
	case len(v.Pre) == 0:
		return 1
	case len(w.Pre) == 0:
		return -1
	}
	for i := 0; i < len(v.Pre) && i < len(w.Pre); i++ {
		if c := comparePre(v.Pre[i], w.Pre[i]); c != 0 {
			return c
		}
	}
	return cmp.Compare(len(v.Pre), len(w.Pre))
}

func comparePre(a, b string) int {
	an, aerr := strconv.ParseUint(a, 10, 64)
	bn, berr := strconv.ParseUint(b, 10, 64)
	switch {
	case aerr == nil && berr == nil:
		return cmp.Compare(an, bn)
	case aerr == nil:
		return -1 // numeric identifiers have lower precedence
	case berr == nil:
		return 1
	}
	return strings.Compare(a, b)
}

// Release returns v without pre-release and build metadata.
func (v Version) Release() Version { return Version{Major: v.Major, Minor: v.Minor, Patch: v.Patch} }

// Required returns the lowest version that honestly follows the published
// version v after a change of impact i, under the policy in the package
// documentation.
func (v Version) Required(i checks.Impact) Version {
	if i == checks.None {
		return v
	}
	if len(v.Pre) > 0 {
		return v.Release()
	}
	if v.Major == 0 {
		i-- // 0.x: breaking → minor, addition or fix → patch
	}
	switch i {
	case checks.Major:
		return Version{Major: v.Major + 1}
	case checks.Minor:
		return Version{Major: v.Major, Minor: v.Minor + 1}
	}
	return Version{Major: v.Major, Minor: v.Minor, Patch: v.Patch + 1}
}

// SortVersions sorts versions by precedence, lowest first.
func SortVersions(vs []Version) { slices.SortFunc(vs, Version.Compare) }
