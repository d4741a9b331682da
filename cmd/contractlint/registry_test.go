package main

import (
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/contractlint/contractlint/schemaregistry"
	"github.com/contractlint/contractlint/schemaregistry/registrytest"
)

// fakeRegistry holds a script's in-process schema registry, started by
// `sr start`.
type fakeRegistry struct{ s *registrytest.Server }

const fakeRegistryKey = "schema-registry"

// setupRegistry gives every script a slot for its fake registry.
func setupRegistry(env *testscript.Env) {
	env.Values[fakeRegistryKey] = &fakeRegistry{}
}

// cmdSR drives a script's fake schema registry:
//
//	sr start                                  start it; CONTRACTLINT_REGISTRY_URL points at it
//	sr put SUBJECT TYPE FILE [NAME=SUBJECT:VERSION ...] [meta:KEY=VALUE ...]
//	sr level [SUBJECT] LEVEL                  the global level, or a subject's
//	sr verdict SUBJECT compatible|incompatible [MESSAGE ...]
//	sr versions SUBJECT                       print "version id" lines
//	sr show SUBJECT VERSION                   print the schema
//	sr fail METHOD PATH STATUS CODE [TIMES [RETRY-AFTER]]
//	sr auth basic USER PASS | sr auth bearer TOKEN
//	sr delay DURATION
//	sr requests                               print every request served
func cmdSR(ts *testscript.TestScript, neg bool, args []string) {
	if neg {
		ts.Fatalf("unsupported: ! sr")
	}
	if len(args) == 0 {
		ts.Fatalf("usage: sr start|put|level|verdict|versions|show|fail|auth|delay|requests")
	}
	h := ts.Value(fakeRegistryKey).(*fakeRegistry)
	if args[0] == "start" {
		h.s = registrytest.New()
		ts.Defer(h.s.Close)
		ts.Setenv(schemaregistry.EnvURL, h.s.URL)
		return
	}
	if h.s == nil {
		ts.Fatalf("sr start first")
	}
	s := h.s
	atoi := func(v string) int {
		n, err := strconv.Atoi(v)
		ts.Check(err)
		return n
	}
	switch args[0] {
	case "put":
		if len(args) < 4 {
			ts.Fatalf("usage: sr put SUBJECT TYPE FILE [NAME=SUBJECT:VERSION ...] [meta:KEY=VALUE ...]")
		}
		data, err := os.ReadFile(ts.MkAbs(args[3]))
		ts.Check(err)
		sc := schemaregistry.Schema{Type: args[2], Schema: string(data)}
		for _, a := range args[4:] {
			if kv, ok := strings.CutPrefix(a, "meta:"); ok {
				k, v, _ := strings.Cut(kv, "=")
				if sc.Metadata == nil {
					sc.Metadata = &schemaregistry.Metadata{Properties: map[string]string{}}
				}
				sc.Metadata.Properties[k] = v
				continue
			}
			name, rest, _ := strings.Cut(a, "=")
			sub, ver, _ := strings.Cut(rest, ":")
			sc.References = append(sc.References, schemaregistry.Reference{Name: name, Subject: sub, Version: atoi(ver)})
		}
		_, _, err = s.Put(args[1], sc)
		ts.Check(err)
	case "level":
		switch len(args) {
		case 2:
			s.SetGlobalLevel(args[1])
		case 3:
			s.SetLevel(args[1], args[2])
		default:
			ts.Fatalf("usage: sr level [SUBJECT] LEVEL")
		}
	case "verdict":
		if len(args) < 3 {
			ts.Fatalf("usage: sr verdict SUBJECT compatible|incompatible [MESSAGE ...]")
		}
		s.SetVerdict(args[1], schemaregistry.Verdict{Compatible: args[2] == "compatible", Messages: args[3:]})
	case "versions":
		for _, v := range s.Subject(args[1]) {
			ts.Stdout().Write([]byte(strconv.Itoa(v.Version) + " " + strconv.Itoa(v.ID) + "\n"))
		}
	case "show":
		for _, v := range s.Subject(args[1]) {
			if strconv.Itoa(v.Version) == args[2] {
				ts.Stdout().Write([]byte(v.Schema + "\n"))
			}
		}
	case "fail":
		if len(args) < 5 {
			ts.Fatalf("usage: sr fail METHOD PATH STATUS CODE [TIMES [RETRY-AFTER]]")
		}
		f := registrytest.Fault{Method: args[1], Path: args[2], Status: atoi(args[3]), Code: atoi(args[4]), Message: "injected by the test"}
		if len(args) > 5 {
			f.Times = atoi(args[5])
		}
		if len(args) > 6 {
			f.RetryAfter = args[6]
		}
		s.Fail(f)
	case "auth":
		switch {
		case len(args) == 4 && args[1] == "basic":
			s.RequireBasic(args[2], args[3])
		case len(args) == 3 && args[1] == "bearer":
			s.RequireBearer(args[2])
		default:
			ts.Fatalf("usage: sr auth basic USER PASS | sr auth bearer TOKEN")
		}
	case "delay":
		d, err := time.ParseDuration(args[1])
		ts.Check(err)
		s.SetDelay(d)
	case "requests":
		for _, r := range s.Requests() {
			ts.Stdout().Write([]byte(r + "\n"))
		}
	default:
		ts.Fatalf("unknown sr command %q", args[0])
	}
}
