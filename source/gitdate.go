package source

import (
	"context"
	"fmt"
	"strings"
	"time"
)

// CommitDate returns the committer date of a revision as a calendar date
// (YYYY-MM-DD) in UTC: when a tag's version was published.
func (g *Git) CommitDate(ctx context.Context, rev string) (string, error) {
	if rev == "" || strings.HasPrefix(rev, "-") {
		return "", fmt.Errorf("invalid revision %q", rev)
	}
	out, err := g.run(ctx, "log", "-1", "--format=%ct", rev, "--")
	if err != nil {
		return "", err
	}
	var sec int64
	if _, err := fmt.Sscan(strings.TrimSpace(out), &sec); err != nil {
		return "", fmt.Errorf("git log %s: unexpected output %q", rev, firstLine(out))
	}
	return time.Unix(sec, 0).UTC().Format("2006-01-02"), nil
}
