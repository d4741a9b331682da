package contract

import (
	"strconv"

	"github.com/Masterminds/semver/v3"

	"github.com/contractlint/contractlint/checks"
)

// Stages of a contract version line, in order.
const (
	StageSupported  = "supported"
	StageDeprecated = "deprecated"
	StageSunset     = "sunset"
	StageRetired    = "retired"
)

// VersionLifecycle is one entry of a contract's lifecycle: a line of
// versions and the dates it moves from supported to deprecated, to sunset
// (no longer promised; consumers must have moved) and to retired (no longer
// served).
type VersionLifecycle struct {
	// Versions is a version or range ("1.x", "^1", ">=1.0.0 <2.0.0"), in
	// the syntax of the matrix declarations.
	Versions string
	// Deprecated, Sunset and Retired are dates (YYYY-MM-DD), each optional,
	// in that order.
	Deprecated, Sunset, Retired string
	// Replacement names what to move to; Note says why.
	Replacement, Note string
	// Where locates the entry in the configuration.
	Where string
}

// Stage returns the line's stage on date asOf (YYYY-MM-DD).
func (l VersionLifecycle) Stage(asOf string) string {
	switch {
	case l.Retired != "" && asOf >= l.Retired:
		return StageRetired
	case l.Sunset != "" && asOf >= l.Sunset:
		return StageSunset
	case l.Deprecated != "" && asOf >= l.Deprecated:
		return StageDeprecated
	}
	return StageSupported
}

// versionLifecycle decodes a contract's lifecycle: list, already validated
// against the schema; dates must be real and in order, ranges must parse.
func (d *decoder) versionLifecycle(c *Contract, m map[string]any, ptr string) {
	list, _ := m["lifecycle"].([]any)
	for i, x := range list {
		e, _ := x.(map[string]any)
		lptr := ptr + "/lifecycle/" + strconv.Itoa(i)
		l := VersionLifecycle{Versions: str(e["versions"]), Deprecated: str(e["deprecated"]), Sunset: str(e["sunset"]),
			Retired: str(e["retired"]), Replacement: str(e["replacement"]), Note: str(e["note"]), Where: c.Where("/lifecycle/" + strconv.Itoa(i))}
		if _, err := semver.NewConstraint(l.Versions); err != nil {
			d.errorf(d.vpos[lptr+"/versions"], "contract %s: lifecycle: versions %q is not a version or range: %v", c.Name, l.Versions, err)
		}
		prev, prevKey := "", ""
		for _, k := range []string{"deprecated", "sunset", "retired"} {
			v := str(e[k])
			if v == "" {
				continue
			}
			if _, err := checks.ParseSunset(v); err != nil {
				d.errorf(d.vpos[lptr+"/"+k], "contract %s: lifecycle: %s: %q is not a date (want YYYY-MM-DD, e.g. 2027-03-31)", c.Name, k, v)
				continue
			}
			if prev != "" && v < prev {
				d.errorf(d.vpos[lptr+"/"+k], "contract %s: lifecycle: %s %s comes before %s %s", c.Name, k, v, prevKey, prev)
			}
			prev, prevKey = v, k
		}
		c.Lifecycle = append(c.Lifecycle, l)
	}
}
