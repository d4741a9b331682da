package main

import (
	"fmt"
	"io"

	"github.com/urfave/cli/v2"

	"github.com/contractlint/contractlint/checks"
	"github.com/contractlint/contractlint/checks/protobuf"
	"github.com/contractlint/contractlint/source"
)

// protoPathFlag is diff's -I/--proto-path.
func protoPathFlag() cli.Flag {
	return &cli.StringSliceFlag{
		Name:    "proto-path",
		Aliases: []string{"I"},
		Usage: "protobuf import root `DIR` (repeatable), like protoc's -I: a directory inside OLD and NEW (relative to them) " +
			"whose files are compared by their names below it, or a directory elsewhere (a vendored dependency) that only resolves imports",
	}
}

// completeProto adds buf's module cache (see protobuf.LocalBufCache) to the
// protobuf options of a request and a receiver of notes, printed on w.
func completeProto(req *checks.Request, w io.Writer) {
	o, _ := checks.OptionsFor(req.Options, checks.Protobuf).(protobuf.Options)
	o.BufCache, o.BufCacheDir = protobuf.LocalBufCache(source.ImportDir)
	req.Options = checks.WithOptions(req.Options, o)
	req.Notes = func(s string) { fmt.Fprintf(w, "contractlint: note: %s\n", s) }
}
