// Package schemaregistry reads and writes schemas in a schema registry that
// speaks the Confluent Schema Registry REST API (Confluent Platform and
// Cloud, Karapace, Redpanda, Apicurio's ccompat/v7 endpoint).
//
// It is the schema registry, not the rule registry: contractlint's list of
// engines and rules lives in package checks/registry.
//
// The Client is a narrow, bounded HTTP client for the endpoints contractlint
// uses (docs/registry.md lists them): every request has a timeout, 5xx and
// 429 answers are retried with backoff honouring Retry-After, response
// bodies are size-capped, and credentials never appear in an error. Baseline
// turns a subject's versions into published versions for `check`, with
// their references resolved into a file tree laid out like the working
// tree; Status and Push compare the registry with the git tags.
package schemaregistry
