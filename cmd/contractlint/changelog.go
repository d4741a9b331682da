package main

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"io/fs"
	"path/filepath"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/contractlint/contractlint/checks"
	"github.com/contractlint/contractlint/checks/registry"
	"github.com/contractlint/contractlint/contract"
	"github.com/contractlint/contractlint/internal/safefile"
	"github.com/contractlint/contractlint/report"
)

func changelogCommand() *cli.Command {
	return &cli.Command{
		Name:  "changelog",
		Usage: "list every change since a tag or revision, grouped by contract and impact (release notes)",
		Description: "--since names a contract's tag (orders/v1.4.0: only that contract) or any revision\n" +
			"(every contract); without it each contract is compared with its latest tag. The proposal is\n" +
			"the working tree, or --until REV.",
		Flags: append(workspaceFlags(),
			&cli.StringFlag{Name: "since", DefaultText: "each contract's latest tag", Usage: "the tag or revision `REV` to list changes since"},
			&cli.StringFlag{Name: "until", Usage: "list changes up to `REV` instead of the working tree"},
			&cli.StringFlag{Name: "format", Aliases: []string{"f"}, Value: "text", Usage: "text, markdown or json"},
			outputFlag("changelog"),
		),
		Action: runChangelog,
	}
}

// changelogRenderer renders a changelog in one format.
type changelogRenderer func(w io.Writer, since string, r *report.Report) error

func changelogFormat(name string) (changelogRenderer, error) {
	switch strings.ToLower(name) {
	case "text":
		return renderChangelogText, nil
	case "markdown", "md":
		return renderChangelogMarkdown, nil
	case "json":
		return func(w io.Writer, _ string, r *report.Report) error { return report.JSON{}.Render(w, r) }, nil
	}
	return nil, fmt.Errorf("unknown format %q (want text, markdown or json)", name)
}

func runChangelog(c *cli.Context) error {
	if c.NArg() > 0 {
		return fmt.Errorf("changelog takes no arguments (got %q)", c.Args().First())
	}
	stdout, err := changelogFormat(c.String("format"))
	if err != nil {
		return fmt.Errorf("--format: %w", err)
	}
	type fileOut struct {
		path   string
		render changelogRenderer
	}
	var files []fileOut
	specs, toStdout, err := parseOutputSpecs(c.StringSlice("output"), c.String("format"), func(f string) error {
		_, err := changelogFormat(f)
		return err
	})
	if err != nil {
		return err
	}
	for _, s := range specs {
		r, _ := changelogFormat(s.format)
		files = append(files, fileOut{s.path, r})
	}
	ws, err := openWorkspace(c)
	if err != nil {
		return err
	}
	defer ws.close()
	since := c.String("since")
	var only []string
	for _, ct := range ws.cfg.Contracts {
		if _, ok := ct.TagVersion(since); ok {
			only = append(only, ct.Name)
		}
	}
	g, prefix, err := ws.openGit(c)
	if err != nil {
		return err
	}
	name := filepath.Base(ws.cfg.File)
	var baseline contract.Baseline
	if since == "" {
		since = "the latest tags"
		if baseline, err = contract.NewTags(c.Context, g, prefix, name); err != nil {
			return err
		}
	} else if baseline, err = contract.NewRef(c.Context, g, since, false, prefix, name); err != nil {
		return fmt.Errorf("--since: %w", err)
	}
	work, cfg := ws.work, ws.cfg
	if until := c.String("until"); until != "" {
		commit, err := g.Resolve(c.Context, until)
		if err != nil {
			return fmt.Errorf("--until: %w", err)
		}
		t, err := g.Tree(c.Context, commit, prefix)
		if err != nil {
			return err
		}
		work = &contract.Tree{FS: t, Files: t.Files(), Label: until}
		// The contracts and versions are those of that revision.
		if data, err := fs.ReadFile(t, name); err == nil {
			if cfg, err = contract.Parse(until+":"+name, data); err != nil {
				return err
			}
		}
	}
	rep, checkErr := contract.Check(c.Context, cfg, work, contract.Options{Engines: registry.Engines(), Baseline: baseline, Only: only})
	if rep == nil {
		return checkErr
	}
	rep.Command, rep.Version = "changelog", versionString()
	var errs []error
	if toStdout {
		if err := stdout(c.App.Writer, since, rep); err != nil {
			errs = append(errs, fmt.Errorf("write changelog: %w", err))
		}
	}
	for _, f := range files {
		var buf bytes.Buffer
		if err := f.render(&buf, since, rep); err != nil {
			errs = append(errs, err)
		} else if safefile.IsStdout(f.path) {
			if _, err := c.App.Writer.Write(buf.Bytes()); err != nil {
				errs = append(errs, fmt.Errorf("write changelog: %w", err))
			}
		} else if err := writeFileAtomic(c, f.path, buf.Bytes()); err != nil {
			errs = append(errs, err)
		}
	}
	if checkErr != nil {
		errs = append([]error{checkErr}, errs...)
	}
	if len(errs) > 0 {
		return joinErrors(errs)
	}
	return nil
}

// changeGroups are the changelog's sections, most important first.
var changeGroups = []struct {
	impact checks.Impact
	title  string
}{
	{checks.Major, "Breaking changes (major)"},
	{checks.Minor, "Additions and deprecations (minor)"},
	{checks.Patch, "Documentation and other changes (patch)"},
}

// changelogSections groups a contract's findings by impact; ignored findings
// form their own group.
func changelogSections(r *report.Report, name string) (groups map[checks.Impact][]checks.Finding, ignored []checks.Finding) {
	groups = map[checks.Impact][]checks.Finding{}
	for _, f := range r.Findings {
		switch {
		case f.Contract != name:
		case f.Ignored != "":
			ignored = append(ignored, f)
		case f.Impact > checks.None:
			groups[f.Impact] = append(groups[f.Impact], f)
		}
	}
	return groups, ignored
}

func versionLine(c report.Contract) string {
	switch {
	case c.Status == contract.StatusNew:
		return fmt.Sprintf("%s %s (new)", c.Name, c.Declared)
	case c.Published == "":
		return c.Name + " " + c.Declared
	case c.Published == c.Declared:
		return fmt.Sprintf("%s %s", c.Name, c.Declared)
	}
	return fmt.Sprintf("%s %s → %s", c.Name, c.Published, c.Declared)
}

func renderChangelogText(w io.Writer, since string, r *report.Report) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "Changes since %s (to %s)\n", since, r.New)
	for _, c := range r.Contracts {
		fmt.Fprintf(bw, "\n%s: %s\n", versionLine(c), c.Impact)
		groups, ignored := changelogSections(r, c.Name)
		if len(groups) == 0 && len(ignored) == 0 {
			fmt.Fprintf(bw, "  no changes\n")
		}
		for _, g := range changeGroups {
			if len(groups[g.impact]) == 0 {
				continue
			}
			fmt.Fprintf(bw, "  %s\n", g.title)
			for _, f := range groups[g.impact] {
				fmt.Fprintf(bw, "    - %s [%s]\n", report.OneLine(f.Message), f.Rule)
			}
		}
		if len(ignored) > 0 {
			fmt.Fprintf(bw, "  Ignored\n")
			for _, f := range ignored {
				fmt.Fprintf(bw, "    - %s [%s] (ignored: %s)\n", report.OneLine(f.Message), f.Rule, report.OneLine(f.Ignored))
			}
		}
		if contract.Dishonest(c.Status) {
			fmt.Fprintf(bw, "  ! %s\n", report.OneLine(c.Message))
		}
	}
	return bw.Flush()
}

func renderChangelogMarkdown(w io.Writer, since string, r *report.Report) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "## Changes since %s\n", report.EscapeMarkdown(since))
	for _, c := range r.Contracts {
		fmt.Fprintf(bw, "\n### %s\n\n", report.EscapeMarkdown(versionLine(c)))
		groups, ignored := changelogSections(r, c.Name)
		if len(groups) == 0 && len(ignored) == 0 {
			bw.WriteString("No changes.\n")
		}
		for _, g := range changeGroups {
			if len(groups[g.impact]) == 0 {
				continue
			}
			fmt.Fprintf(bw, "**%s**\n\n", g.title)
			for _, f := range groups[g.impact] {
				fmt.Fprintf(bw, "- %s (`%s`)\n", report.EscapeMarkdown(f.Message), f.Rule)
			}
			bw.WriteString("\n")
		}
		if len(ignored) > 0 {
			bw.WriteString("**Ignored**\n\n")
			for _, f := range ignored {
				fmt.Fprintf(bw, "- %s (`%s`): %s\n", report.EscapeMarkdown(f.Message), f.Rule, report.EscapeMarkdown(f.Ignored))
			}
			bw.WriteString("\n")
		}
		if contract.Dishonest(c.Status) {
			fmt.Fprintf(bw, "> ⚠️ %s\n", report.EscapeMarkdown(c.Message))
		}
	}
	return bw.Flush()
}
