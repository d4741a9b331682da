package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"strconv"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/testscript"
	"github.com/santhosh-tekuri/jsonschema/v5"

	"github.com/contractlint/contractlint/github/githubtest"
)

// fakeToken is the token the stories' fake GitHub accepts; a story asserts
// it never shows in any output.
const fakeToken = "ghs_fakeTokenThatMustNeverShow1234"

type fakeHolder struct{ srv *githubtest.Server }

// TestGitHubScript runs the stories in testdata/github: `check` inside a
// simulated GitHub Actions run against a fake GitHub (package githubtest),
// driven by the fakegithub command, with SARIF checked by validsarif.
func TestGitHubScript(t *testing.T) {
	t.Parallel()
	testscript.Run(t, testscript.Params{
		Dir:           "testdata/github",
		UpdateScripts: *update,
		Setup: func(env *testscript.Env) error {
			env.Setenv("NO_COLOR", "")
			env.Setenv("GIT_CONFIG_GLOBAL", "/dev/null")
			env.Setenv("GIT_CONFIG_NOSYSTEM", "1")
			env.Values["github"] = &fakeHolder{}
			return nil
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"fakegithub": fakeGitHubCmd,
			"validsarif": validSARIFCmd,
		},
	})
}

// fakeGitHubCmd drives the fake GitHub:
//
//	fakegithub start             start it; sets GITHUB_API_URL, GITHUB_GRAPHQL_URL, GITHUB_TOKEN
//	fakegithub comment AUTHOR TEXT
//	fakegithub readonly          answer every write with 403
//	fakegithub fault METHOD PATH STATUS [RETRY_AFTER]
//	fakegithub stall METHOD PATH  never answer that request
//	fakegithub endless METHOD PATH  answer it with a JSON array without end
//	fakegithub echotoken METHOD PATH STATUS  error bodies that echo the token
//	fakegithub dump              print the comments and check runs
func fakeGitHubCmd(ts *testscript.TestScript, neg bool, args []string) {
	if neg {
		ts.Fatalf("unsupported: ! fakegithub")
	}
	h := ts.Value("github").(*fakeHolder)
	if len(args) == 0 {
		ts.Fatalf("usage: fakegithub start|comment|readonly|fault|dump")
	}
	if args[0] != "start" && h.srv == nil {
		ts.Fatalf("fakegithub start first")
	}
	switch args[0] {
	case "start":
		h.srv = githubtest.New(fakeToken)
		ts.Defer(h.srv.Close)
		ts.Setenv("GITHUB_API_URL", h.srv.APIURL)
		ts.Setenv("GITHUB_GRAPHQL_URL", h.srv.GraphQLURL)
		ts.Setenv("GITHUB_TOKEN", fakeToken)
	case "comment":
		if len(args) != 3 {
			ts.Fatalf("usage: fakegithub comment AUTHOR TEXT")
		}
		h.srv.AddComment(args[1], args[2])
	case "readonly":
		h.srv.SetReadOnly(true)
	case "fault":
		if len(args) < 4 {
			ts.Fatalf("usage: fakegithub fault METHOD PATH STATUS [RETRY_AFTER]")
		}
		status, err := strconv.Atoi(args[3])
		ts.Check(err)
		f := githubtest.Fault{Status: status, Body: `{"message":"injected"}`}
		if len(args) > 4 {
			f.Header = map[string]string{"Retry-After": args[4]}
		}
		h.srv.Inject(args[1]+" "+args[2], f)
	case "stall", "endless":
		if len(args) != 3 {
			ts.Fatalf("usage: fakegithub %s METHOD PATH", args[0])
		}
		f := githubtest.Fault{Stall: time.Hour, Status: 200, Body: "[]"}
		if args[0] == "endless" {
			f = githubtest.Fault{Endless: true}
		}
		h.srv.Inject(args[1]+" "+args[2], f)
	case "echotoken":
		// Answer the next requests of METHOD PATH with an error body that
		// echoes the credentials, as some proxies and servers do.
		if len(args) != 4 {
			ts.Fatalf("usage: fakegithub echotoken METHOD PATH STATUS")
		}
		status, err := strconv.Atoi(args[3])
		ts.Check(err)
		body := fmt.Sprintf(`{"message":"Bad credentials: Bearer %s","errors":[{"message":"Authorization: token %s"}]}`, fakeToken, fakeToken)
		for range 5 {
			h.srv.Inject(args[1]+" "+args[2], githubtest.Fault{Status: status, Body: body})
		}
	case "dump":
		fmt.Fprint(ts.Stdout(), h.srv.Dump())
	default:
		ts.Fatalf("unknown fakegithub command %q", args[0])
	}
}

// validSARIFCmd checks that a file is valid SARIF 2.1.0.
func validSARIFCmd(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 1 {
		ts.Fatalf("usage: validsarif FILE")
	}
	schema, err := os.ReadFile("../../report/testdata/sarif-schema-2.1.0.json")
	ts.Check(err)
	c := jsonschema.NewCompiler()
	c.AssertFormat = true
	ts.Check(c.AddResource("sarif.json", bytes.NewReader(schema)))
	s, err := c.Compile("sarif.json")
	ts.Check(err)
	var v any
	ts.Check(json.Unmarshal([]byte(ts.ReadFile(args[0])), &v))
	err = s.Validate(v)
	switch {
	case err != nil && !neg:
		ts.Fatalf("%s is not valid SARIF 2.1.0: %v", args[0], err)
	case err == nil && neg:
		ts.Fatalf("%s is valid SARIF 2.1.0", args[0])
	}
}
