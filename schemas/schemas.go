// Package schemas embeds the JSON Schemas of contractlint's own files (the
// JSON report, the configuration, and later the matrix) and compiles them
// with santhosh-tekuri/jsonschema/v5 for enforcement.
package schemas

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"io"
	"sync"

	"github.com/santhosh-tekuri/jsonschema/v5"
)

// Report is the JSON Schema of the JSON report.
//
//go:embed report.schema.json
var Report []byte

// Config is the JSON Schema of contractlint.yaml.
//
//go:embed config.schema.json
var Config []byte

// Matrix is the JSON Schema of the compatibility matrix file
// (contract-matrix.yaml) and of `matrix show --format json`.
//
//go:embed matrix.schema.json
var Matrix []byte

// Deprecations is the JSON Schema of `contractlint deprecations --format
// json`.
//
//go:embed deprecations.schema.json
var Deprecations []byte

// Ignores is the JSON Schema of `contractlint ignores --format json`.
//
//go:embed ignores.schema.json
var Ignores []byte

var compiled sync.Map // name -> *jsonschema.Schema

// Compile compiles one of the embedded schemas with a compiler that can load
// nothing else: no file system and no network.
func Compile(name string, src []byte) (*jsonschema.Schema, error) {
	if s, ok := compiled.Load(name); ok {
		return s.(*jsonschema.Schema), nil
	}
	c := jsonschema.NewCompiler()
	c.Draft = jsonschema.Draft2020
	c.LoadURL = func(u string) (io.ReadCloser, error) {
		return nil, fmt.Errorf("schemas: refusing to load %s", u)
	}
	url := "mem:///" + name
	if err := c.AddResource(url, bytes.NewReader(src)); err != nil {
		return nil, err
	}
	s, err := c.Compile(url)
	if err != nil {
		return nil, err
	}
	compiled.Store(name, s)
	return s, nil
}

// Validate validates a JSON document against an embedded schema.
func Validate(name string, schema, doc []byte) error {
	s, err := Compile(name, schema)
	if err != nil {
		return err
	}
	var v any
	dec := json.NewDecoder(bytes.NewReader(doc))
	dec.UseNumber()
	if err := dec.Decode(&v); err != nil {
		return err
	}
	return s.Validate(v)
}
