package main

import (
	"encoding/json"
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/urfave/cli/v2"

	"github.com/contractlint/contractlint/checks/registry"
	"github.com/contractlint/contractlint/report"
)

func rulesCommand() *cli.Command {
	return &cli.Command{
		Name:  "rules",
		Usage: "list every rule: ID, format, categories, impact, what it breaks (wire, json, source) and in which data direction, title",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "format", Aliases: []string{"f"}, Value: "text", Usage: "text, json or markdown (the docs/rules.md page)"},
			&cli.StringFlag{Name: "type", Usage: "only rules of this contract format"},
		},
		Action: func(c *cli.Context) error {
			if c.NArg() > 0 {
				return fmt.Errorf("rules takes no arguments")
			}
			rules := registry.All()
			if t := c.String("type"); t != "" {
				e, err := pickFormat(t)
				if err != nil {
					return err
				}
				rules = e
			}
			w := c.App.Writer
			switch c.String("format") {
			case "json":
				type ruleJSON struct {
					ID         string   `json:"id"`
					Format     string   `json:"format"`
					Categories []string `json:"categories"`
					Default    bool     `json:"default"`
					Impact     string   `json:"impact"`
					Breaks     []string `json:"breaks"`
					Direction  string   `json:"direction"`
					Title      string   `json:"title"`
					Deprecated string   `json:"deprecated,omitempty"`
				}
				out := []ruleJSON{}
				for _, r := range rules {
					cats := r.Categories
					if cats == nil {
						cats = []string{}
					}
					out = append(out, ruleJSON{r.ID, string(r.Format), cats, r.Default, r.Impact.String(), r.Levels.Names(), r.Breaks.String(), r.Title, r.Deprecated})
				}
				enc := json.NewEncoder(w)
				enc.SetIndent("", "  ")
				return enc.Encode(out)
			case "markdown", "md":
				return report.RulesMarkdown(w, rules)
			case "text":
				tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
				fmt.Fprintln(tw, "ID\tFORMAT\tCATEGORIES\tIMPACT\tBREAKS\tDIRECTION\tTITLE")
				for _, r := range rules {
					cats := strings.Join(r.Categories, ",")
					if cats == "" {
						cats = "-"
					}
					if !r.Default {
						cats += " (opt-in)"
					}
					fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", r.ID, r.Format, cats, r.Impact, r.Levels, r.Breaks, r.Title)
				}
				return tw.Flush()
			}
			return fmt.Errorf("--format: unknown format %q (want text, json or markdown)", c.String("format"))
		},
	}
}

func explainCommand() *cli.Command {
	return &cli.Command{
		Name:      "explain",
		Usage:     "print a rule's documentation, with an old/new example",
		ArgsUsage: "RULE_ID",
		Action: func(c *cli.Context) error {
			if c.NArg() != 1 {
				return fmt.Errorf("explain needs one rule ID (see `contractlint rules`)")
			}
			r, ok := registry.Lookup(c.Args().First())
			if !ok {
				return fmt.Errorf("unknown rule %q (see `contractlint rules`)", c.Args().First())
			}
			return report.ExplainRule(c.App.Writer, r)
		},
	}
}
