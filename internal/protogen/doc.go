// Package protogen writes synthetic, googleapis-shaped protobuf trees for
// benchmarks and scale tests: thousands of .proto files in packages such as
// google.cloud.<product>.<version>, with imports across files and packages
// (well-known types included), nested messages, enums, oneofs, maps, custom
// options, comments and services, plus a mutated copy of the tree in which a
// few files changed (some in their license header only), some were removed,
// some were added and every other file is byte-identical.
//
// Generation is deterministic: the same [Config] always yields the same bytes.
// [Corpus.Mutations] lists every change planted in the copy so that tests can
// check that a diff finds them.
package protogen
