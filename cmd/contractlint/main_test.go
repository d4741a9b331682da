package main

import (
	"context"
	"flag"
	"os"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
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
			return nil
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){"sr": cmdSR},
	})
}
