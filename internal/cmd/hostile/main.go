// Command hostile writes the hostile inputs of package internal/hostile,
// one directory per case with old/ and new/ inside, for scripts/hostile.sh:
//
//	go run ./internal/cmd/hostile -out /tmp/hostile
//
// The same flags always write the same bytes.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/contractlint/contractlint/internal/hostile"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintf(os.Stderr, "hostile: %v\n", err)
		os.Exit(2)
	}
}

func run() error {
	out := flag.String("out", "", "`DIR` to write one directory per case into (required)")
	depth := flag.Int("depth", 30, "levels of the DAG-shaped schemas")
	union := flag.Int("union", 3000, "record branches of the Avro union and of the JSON Schema oneOf")
	large := flag.Int("large", 50<<20, "bytes of the large .avsc and of the large .proto")
	deep := flag.Int("deep", 1240, "nesting levels of the deep schemas")
	many := flag.Int("many", 200000, "fields of the large protobuf message, and messages of the large protobuf file")
	flag.Parse()
	if *out == "" {
		return fmt.Errorf("-out is required")
	}
	for _, c := range []hostile.Case{hostile.JSONSchemaDAG(*depth), hostile.AvroDAG(*depth), hostile.AvroUnion(*union), hostile.JSONSchemaOneOf(*union), hostile.AvroLarge(*large), hostile.ProtoLarge(*large),
		hostile.AvroDeep(*deep), hostile.JSONSchemaDeep(*deep), hostile.ProtoDeepOption(100000),
		hostile.ProtoManyFields(*many), hostile.ProtoManyMessages(*many)} {
		for side, data := range map[string][]byte{"old": c.Old, "new": c.New} {
			dir := filepath.Join(*out, c.Name, side)
			if err := os.MkdirAll(dir, 0o755); err != nil {
				return err
			}
			if err := os.WriteFile(filepath.Join(dir, c.File), data, 0o644); err != nil {
				return err
			}
		}
		fmt.Printf("%s\t%s\n", c.Name, c.Want)
	}
	return nil
}
