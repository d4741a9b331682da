package main

import (
	"fmt"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/contractlint/contractlint/checks"
	"github.com/contractlint/contractlint/checks/lifecycle"
)

// asOfFlag is "today" for the deprecation lifecycle, so that results are
// reproducible.
func asOfFlag() cli.Flag {
	return &cli.StringFlag{Name: "as-of", Usage: "judge sunset dates as of `DATE` (YYYY-MM-DD; default today, UTC)"}
}

// asOfDate returns --as-of, checked, or today's date in UTC.
func asOfDate(c *cli.Context) (string, error) {
	s := c.String("as-of")
	if s == "" {
		return time.Now().UTC().Format(checks.DateLayout), nil
	}
	if _, err := lifecycle.Date(s); err != nil {
		return "", fmt.Errorf("--as-of: %w", err)
	}
	return s, nil
}
