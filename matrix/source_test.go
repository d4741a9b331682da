package matrix

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"strings"
	"sync/atomic"

	"github.com/contractlint/contractlint/checks"
)

// fieldSource is a Source over tiny contracts described as field lists
// ("id total? note"; a trailing ? marks an optional field). Its comparison is
// computed, not scripted: a removed field breaks both ways, an added
// required field breaks backward. It exercises the matrix's logic
// (directions, readers, caching) independently of the engines, which
// engine_test.go covers with real contracts.
type fieldSource struct {
	versions map[string]map[string]string // contract → version → fields
	fail     map[string]string            // "contract@version" → load error
	compared atomic.Int64
}

func (s *fieldSource) Versions(_ context.Context, contract string) ([]VersionInfo, error) {
	var out []VersionInfo
	for v, fields := range s.versions[contract] {
		h := sha256.Sum256([]byte(fields))
		out = append(out, VersionInfo{Version: v, Hash: hex.EncodeToString(h[:])})
	}
	slices.SortFunc(out, func(a, b VersionInfo) int { return strings.Compare(b.Version, a.Version) })
	return out, nil
}

func (s *fieldSource) Fingerprint(contract string) string { return "fields/" + contract }

func (s *fieldSource) Compare(_ context.Context, contract string, old, new VersionInfo) ([]checks.Finding, error) {
	s.compared.Add(1)
	for _, v := range []string{old.Version, new.Version} {
		if msg, ok := s.fail[contract+"@"+v]; ok {
			return nil, fmt.Errorf("%s@%s: %s", contract, v, msg)
		}
	}
	parse := func(v string) map[string]bool {
		m := map[string]bool{}
		for _, f := range strings.Fields(s.versions[contract][v]) {
			name, optional := strings.CutSuffix(f, "?")
			m[name] = !optional
		}
		return m
	}
	o, n := parse(old.Version), parse(new.Version)
	var fs []checks.Finding
	for name := range o {
		if _, ok := n[name]; !ok {
			fs = append(fs, checks.Finding{Rule: "FIELD_NO_DELETE", Impact: checks.Major, Breaks: checks.Both, Levels: checks.AllLevels,
				File: contract + ".fields", Line: 1, Path: contract + "." + name, Message: fmt.Sprintf("field %q was deleted", name)})
		}
	}
	for name, required := range n {
		if _, ok := o[name]; !ok {
			f := checks.Finding{Rule: "FIELD_ADD", Impact: checks.Minor, File: contract + ".fields", Line: 1,
				Path: contract + "." + name, Message: fmt.Sprintf("field %q was added", name)}
			if required {
				f.Rule, f.Impact, f.Breaks, f.Levels = "REQUIRED_FIELD_ADD", checks.Major, checks.Backward, checks.Data
				f.Message = fmt.Sprintf("required field %q was added", name)
			}
			fs = append(fs, f)
		}
	}
	return checks.Sort(fs), nil
}
