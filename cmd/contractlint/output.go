package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/contractlint/contractlint/checks"
	"github.com/contractlint/contractlint/internal/redact"
	"github.com/contractlint/contractlint/internal/safefile"
	"github.com/contractlint/contractlint/report"
)

// reportFlags are the flags of every command that writes a report.
func reportFlags() []cli.Flag {
	return []cli.Flag{
		&cli.StringFlag{Name: "format", Aliases: []string{"f"}, Value: "text", Usage: "stdout format: text, json, markdown, sarif or github (workflow-command annotations)"},
		outputFlag("report"),
		&cli.StringFlag{Name: "color", Value: "auto", Usage: "color the text report: auto, always or never (auto honours NO_COLOR)"},
		&cli.StringFlag{Name: "fail-on", Value: "major", Usage: "exit 1 when a change reaches this impact: major, minor, patch or none"},
	}
}

// outputFlag is -o/--output, which means the same on every command: PATH
// alone writes the --format report there instead of stdout (like go build
// -o), FORMAT=PATH also writes the report in FORMAT; repeatable.
func outputFlag(what string) cli.Flag {
	return &cli.StringSliceFlag{Name: "output", Aliases: []string{"o"},
		Usage: "write the " + what + " to `[FORMAT=]PATH`, atomically: PATH alone takes the --format output off stdout, FORMAT=PATH adds a file in FORMAT (repeatable)"}
}

// outSpec is one parsed --output: a file and the format it gets.
type outSpec struct {
	format, path string
}

// parseOutputSpecs parses the --output values of a command whose stdout
// format is stdoutFormat; known reports whether a format name is valid. It
// returns the files and whether stdout still gets the report.
func parseOutputSpecs(specs []string, stdoutFormat string, known func(string) error) (files []outSpec, toStdout bool, err error) {
	toStdout = true
	for _, spec := range specs {
		format, path, ok := strings.Cut(spec, "=")
		if !ok || strings.ContainsAny(format, `/\.`) {
			// PATH alone: the --format output goes there instead of stdout.
			if known(spec) == nil {
				return nil, false, fmt.Errorf("--output %q: want [FORMAT=]PATH; did you mean %s=PATH?", spec, spec)
			}
			if spec == "" {
				return nil, false, fmt.Errorf("--output: want [FORMAT=]PATH, e.g. json=report.json")
			}
			if safefile.IsStdout(spec) {
				continue // "-": stdout, where the report goes anyway
			}
			files = append(files, outSpec{format: stdoutFormat, path: spec})
			toStdout = false
			continue
		}
		if path == "" {
			return nil, false, fmt.Errorf("--output %q: want [FORMAT=]PATH, e.g. json=report.json", spec)
		}
		if err := known(format); err != nil {
			return nil, false, fmt.Errorf("--output %q: %w", spec, err)
		}
		files = append(files, outSpec{format: format, path: path})
	}
	return files, toStdout, nil
}

// outputs is a parsed set of report destinations.
type outputs struct {
	stdout   report.Renderer
	quiet    bool // an --output PATH took the report off stdout
	files    []fileOutput
	failOn   checks.Impact
	colorize bool
}

// wantsDiffs reports whether a destination shows textual diffs (Markdown),
// so that they are computed only when someone reads them.
func (o *outputs) wantsDiffs() bool {
	if _, ok := o.stdout.(report.Markdown); ok {
		return true
	}
	for _, f := range o.files {
		if _, ok := f.renderer.(report.Markdown); ok {
			return true
		}
	}
	return false
}

type fileOutput struct {
	path     string
	renderer report.Renderer
}

// parseOutputs validates the report flags before any work is done, so that a
// typo fails fast with exit 2.
func parseOutputs(c *cli.Context) (*outputs, error) {
	o := &outputs{}
	var err error
	if o.failOn, err = checks.ParseImpact(c.String("fail-on")); err != nil {
		return nil, fmt.Errorf("--fail-on: %w", err)
	}
	switch c.String("color") {
	case "always":
		o.colorize = true
	case "never":
	case "auto":
		o.colorize = isTerminal(c.App.Writer) && os.Getenv("NO_COLOR") == "" && os.Getenv("TERM") != "dumb"
	default:
		return nil, fmt.Errorf("--color: unknown value %q (want auto, always or never)", c.String("color"))
	}
	if o.stdout, err = report.ForFormat(c.String("format"), o.colorize); err != nil {
		return nil, fmt.Errorf("--format: %w", err)
	}
	specs, toStdout, err := parseOutputSpecs(c.StringSlice("output"), c.String("format"), func(f string) error {
		_, err := report.ForFormat(f, false)
		return err
	})
	if err != nil {
		return nil, err
	}
	o.quiet = !toStdout
	for _, s := range specs {
		r, _ := report.ForFormat(s.format, false)
		o.files = append(o.files, fileOutput{path: s.path, renderer: r})
	}
	return o, nil
}

// write renders the report to every destination and returns errFindings when
// the report reaches the threshold. Files are written even when stdout fails,
// and stdout even when a file fails: nothing is lost.
func (o *outputs) write(c *cli.Context, r *report.Report) error {
	r.FailOn = o.failOn
	var errs []error
	if !o.quiet {
		if err := o.stdout.Render(c.App.Writer, r); err != nil {
			errs = append(errs, fmt.Errorf("write report: %w", err))
		}
	}
	for _, f := range o.files {
		var buf bytes.Buffer
		if err := f.renderer.Render(&buf, r); err != nil {
			errs = append(errs, fmt.Errorf("render %s: %w", f.path, err))
			continue
		}
		if safefile.IsStdout(f.path) {
			_, err := c.App.Writer.Write(buf.Bytes())
			if err != nil {
				errs = append(errs, fmt.Errorf("write report: %w", err))
			}
			continue
		}
		if err := writeFileAtomic(c, f.path, buf.Bytes()); err != nil {
			errs = append(errs, err)
		}
	}
	if len(errs) > 0 {
		return joinErrors(errs)
	}
	if r.Failed(o.failOn) {
		return errFindings
	}
	return nil
}

// writeOutputs renders a report to stdout (in stdoutFormat, when toStdout)
// and to every --output file. Files are written even when stdout fails, and
// stdout even when a file fails: nothing is lost.
func writeOutputs(c *cli.Context, files []outSpec, toStdout bool, stdoutFormat string, render func(w io.Writer, format string) error) error {
	var errs []error
	if toStdout {
		if err := render(c.App.Writer, stdoutFormat); err != nil {
			errs = append(errs, fmt.Errorf("write report: %w", err))
		}
	}
	for _, f := range files {
		path := f.path
		var buf bytes.Buffer
		if err := render(&buf, f.format); err != nil {
			errs = append(errs, fmt.Errorf("render %s: %w", path, err))
			continue
		}
		if safefile.IsStdout(path) {
			if _, err := c.App.Writer.Write(buf.Bytes()); err != nil {
				errs = append(errs, fmt.Errorf("write report: %w", err))
			}
			continue
		}
		if err := writeFileAtomic(c, path, buf.Bytes()); err != nil {
			errs = append(errs, err)
		}
	}
	if len(errs) > 0 {
		return joinErrors(errs)
	}
	return nil
}

func joinErrors(errs []error) error {
	if len(errs) == 1 {
		return errs[0]
	}
	var b strings.Builder
	for i, e := range errs {
		if i > 0 {
			b.WriteString("\n")
		}
		b.WriteString(e.Error())
	}
	return fmt.Errorf("%s", b.String())
}

// writeFileAtomic writes a file the user named on the command line through
// safefile: atomically, only a regular file, never through a symbolic link,
// never inside .git, and inside the repository or the working directory
// unless the path itself lies outside them.
func writeFileAtomic(c *cli.Context, path string, data []byte) error {
	data = []byte(redact.Process().String(string(data)))
	return safefile.Write(path, data, writePolicy(c, true))
}

// writePolicy is where contractlint may write or read: the working
// directory, -C and the repository around it; explicit allows a path
// outside them (one the user typed, not one from the tree under review).
func writePolicy(c *cli.Context, explicit bool) safefile.Policy {
	roots := []string{"."}
	dir := c.String("C")
	if dir == "" {
		dir = "."
	}
	roots = append(roots, dir)
	if abs, err := filepath.Abs(dir); err == nil {
		for d := abs; ; d = filepath.Dir(d) {
			if _, err := os.Lstat(filepath.Join(d, ".git")); err == nil {
				roots = append(roots, d)
				break
			}
			if filepath.Dir(d) == d {
				break
			}
		}
	}
	return safefile.Policy{Roots: roots, Outside: explicit}
}

func isTerminal(w any) bool {
	if u, ok := w.(interface{ Unwrap() io.Writer }); ok {
		w = u.Unwrap()
	}
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}
