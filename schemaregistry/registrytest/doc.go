// Package registrytest is an in-process fake of the Confluent Schema
// Registry REST API for tests: subjects, versions, schema IDs, references,
// compatibility levels, compatibility answers chosen by the test, every
// error code contractlint handles, injected faults and a slow mode.
package registrytest
