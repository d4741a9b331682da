package main

import (
	"context"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/contractlint/contractlint/internal/safefile"
	"github.com/contractlint/contractlint/matrix"
)

var update = flag.Bool("update", false, "rewrite golden files (docs/rules.md, testscript outputs)")

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"contractlint": func() { os.Exit(run(context.Background(), os.Args, os.Stdout, os.Stderr)) },
	})
}

// TestScript runs the end-to-end stories in testdata/script: one .txtar per
// user story, asserting exit codes, stdout and stderr.
func TestScript(t *testing.T) {
	t.Parallel()
	testscript.Run(t, testscript.Params{
		Dir:           "testdata/script",
		UpdateScripts: *update,
		Setup: func(env *testscript.Env) error {
			env.Setenv("NO_COLOR", "")
			setupRegistry(env)
			// The pre-commit hook's definition, for the stories that run
			// what it runs.
			hook, err := os.ReadFile(filepath.Join("..", "..", ".pre-commit-hooks.yaml"))
			if err != nil {
				return err
			}
			return os.WriteFile(filepath.Join(env.WorkDir, "hook.yaml"), hook, 0o644)
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"sr":           cmdSR,
			"forge-matrix": forgeMatrix,
		},
	})
}

// forgeMatrix FILE edits a matrix file as a hostile contributor would: every
// cell compatible, findings dropped, verdicts compatible, and each checksum
// recomputed with the public formula (Marshal computes them).
func forgeMatrix(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: forge-matrix FILE")
	}
	file := ts.MkAbs(args[0])
	p := safefile.Policy{Outside: true}
	m, err := matrix.ReadFile(file, p)
	ts.Check(err)
	for _, c := range m.Contracts {
		for i := range c.Cells {
			c.Cells[i] = matrix.Cell{Writer: c.Cells[i].Writer, Reader: c.Cells[i].Reader, Status: matrix.Compatible}
		}
		for i := range c.Verdicts {
			c.Verdicts[i] = matrix.Verdict{Consumer: c.Verdicts[i].Consumer, Writer: c.Verdicts[i].Writer, Status: matrix.Compatible}
		}
	}
	ts.Check(os.WriteFile(file, matrix.Marshal(m), 0o644))
	_, err = matrix.ReadFile(file, p)
	ts.Check(err) // the forgery passes every checksum
}
