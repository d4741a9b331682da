// Command contractlint lints data contracts (protobuf, JSON Schema, Avro):
// it diffs a proposal against the published version, classifies every
// change by semantic-versioning impact and reports which way it breaks.
//
// This package is CLI wiring only; the work happens in the checks, source
// and report packages.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"sync"
	"syscall"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/contractlint/contractlint/internal/limits"
	"github.com/contractlint/contractlint/internal/redact"
	"github.com/contractlint/contractlint/report"
)

// Set by the release build (-ldflags "-X main.version=...").
var (
	version = ""
	commit  = ""
	date    = ""
)

// Exit codes, part of the interface: see README.md.
const (
	exitOK       = 0
	exitFindings = 1
	exitError    = 2
)

// appMu serializes runs of the CLI within one process: urfave/cli v2 writes
// its package-level HelpFlag while parsing flags, so tests that call run in
// parallel would race (go test -race in .ci/run reports it).
var appMu sync.Mutex

// errFindings is returned by actions whose report reached --fail-on.
var errFindings = errors.New("findings at or above the --fail-on threshold")

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	// The memory guard stops the process with exit code 2, naming the
	// limit, before the kernel's out-of-memory killer would.
	if l, err := limits.FromEnv(os.Getenv); err == nil {
		limits.Guard(ctx, l.MemoryLimit, 50*time.Millisecond, func(e *limits.Error) {
			fmt.Fprintf(os.Stderr, "contractlint: %v\n", e)
			os.Exit(exitError)
		})
	}
	code := run(ctx, os.Args, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// run executes the CLI and maps the outcome to an exit code. Actions return
// plain errors; nothing below here calls os.Exit. The limits of package
// internal/limits are read from the environment here.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	// Secrets (the GitHub token, registry credentials, anything that looks
	// like an Authorization value) never reach an output, whatever message
	// carries them: an API error body, a file name, a flag value.
	red := redact.Process()
	rout, rerr := red.Writer(stdout), red.Writer(stderr)
	if os.Getenv("GITHUB_ACTIONS") == "true" {
		// Only contractlint's own annotations may command the runner.
		rout.Filter, rerr.Filter = report.NeutralizeCommand, report.NeutralizeCommand
	}
	defer rerr.Flush()
	defer rout.Flush()
	return runRedacted(ctx, args, rout, rerr)
}

func runRedacted(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	l, err := limits.FromEnv(os.Getenv)
	if err != nil {
		fmt.Fprintf(stderr, "contractlint: %v\n", err)
		return exitError
	}
	ctx = limits.With(ctx, l)
	app := newApp(stdout, stderr)
	appMu.Lock()
	err = app.RunContext(ctx, args)
	appMu.Unlock()
	switch {
	case err == nil:
		return exitOK
	case errors.Is(err, errFindings):
		return exitFindings
	default:
		fmt.Fprintf(stderr, "contractlint: %v\n", err)
		return exitError
	}
}

func newApp(stdout, stderr io.Writer) *cli.App {
	app := &cli.App{
		Name:  "contractlint",
		Usage: "lint data contracts: diff protobuf, JSON Schema and Avro, classify every change by semver impact",
		Description: "Exit codes: 0 nothing at or above --fail-on; 1 findings at or above --fail-on;\n" +
			"2 usage, configuration, input or I/O error.",
		Version:              versionString(),
		Writer:               stdout,
		ErrWriter:            stderr,
		HideHelpCommand:      true,
		EnableBashCompletion: false,
		// Never let urfave/cli call os.Exit: run() owns exit codes.
		ExitErrHandler: func(*cli.Context, error) {},
		Commands: []*cli.Command{
			diffCommand(),
			checkCommand(),
			initCommand(),
			changelogCommand(),
			matrixCommand(),
			canIDeployCommand(),
			recordDeploymentAlias(),
			deprecationsCommand(),
			registryCommand(),
			ignoresCommand(),
			rulesCommand(),
			explainCommand(),
			versionCommand(),
		},
	}
	guide(app)
	return app
}

func versionString() string {
	v, c, d := version, commit, date
	if v == "" {
		v = "devel"
		if bi, ok := debug.ReadBuildInfo(); ok {
			if bi.Main.Version != "" && bi.Main.Version != "(devel)" {
				v = bi.Main.Version
			}
			for _, s := range bi.Settings {
				switch s.Key {
				case "vcs.revision":
					if c == "" {
						c = s.Value
					}
				case "vcs.time":
					if d == "" {
						d = s.Value
					}
				}
			}
		}
	}
	s := v
	if c != "" {
		if len(c) > 12 {
			c = c[:12]
		}
		s += " (commit " + c
		if d != "" {
			s += ", built " + d
		}
		s += ")"
	}
	return s
}

func versionCommand() *cli.Command {
	return &cli.Command{
		Name:  "version",
		Usage: "print the version, commit and build date",
		Action: func(c *cli.Context) error {
			if c.NArg() > 0 {
				return fmt.Errorf("version takes no arguments")
			}
			_, err := fmt.Fprintf(c.App.Writer, "contractlint %s\n", versionString())
			return err
		},
	}
}
