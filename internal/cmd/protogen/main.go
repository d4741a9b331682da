// Command protogen writes a synthetic googleapis-sized protobuf tree and a
// mutated copy of it, for benchmarks:
//
//	go run ./internal/cmd/protogen -out /tmp/bench            # old/ and new/
//	go run ./internal/cmd/protogen -out /tmp/one -single      # one changed file
//	go run ./internal/cmd/protogen -out /tmp/small -files 300 -list
//
// The same flags always write the same bytes.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/contractlint/contractlint/internal/protogen"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintf(os.Stderr, "protogen: %v\n", err)
		os.Exit(2)
	}
}

func run() error {
	out := flag.String("out", "", "`DIR` to write old/ and new/ into (required; must not exist)")
	files := flag.Int("files", protogen.Googleapis.Files, "approximate number of files on the old side")
	seed := flag.Uint64("seed", protogen.Googleapis.Seed, "random seed")
	single := flag.Bool("single", false, "change exactly one file instead of the default mix")
	list := flag.Bool("list", false, "print the planted changes")
	flag.Parse()
	if *out == "" || flag.NArg() != 0 {
		flag.Usage()
		return fmt.Errorf("-out is required and no arguments are allowed")
	}
	if _, err := os.Stat(*out); err == nil {
		return fmt.Errorf("%s already exists", *out)
	}
	c := protogen.Generate(protogen.Config{Seed: *seed, Files: *files, Single: *single})
	o, n, err := c.Write(context.Background(), filepath.Join(*out, "old"), filepath.Join(*out, "new"))
	if err != nil {
		return err
	}
	fmt.Printf("old: %d files, %.1f MB\nnew: %d files, %.1f MB\nchanges: %d\n",
		o.Files, float64(o.Bytes)/1e6, n.Files, float64(n.Bytes)/1e6, len(c.Mutations()))
	if *list {
		for _, m := range c.Mutations() {
			fmt.Println(" ", m)
		}
	}
	return nil
}
