package examples

import "github.com/contractlint/contractlint/checks"

// Rejected is the finding when an example payload of the published
// version is no longer accepted by the proposed schema.
var Rejected = &checks.Rule{
	ID:         "EXAMPLE_REJECTED",
	Format:     checks.JSONSchema,
	Categories: []string{"EXAMPLES"},
	Default:    true,
	Impact:     checks.Major,
	Breaks:     checks.Backward,
	Levels:     checks.JSON,
	Title:      "An example payload of the published version is rejected by the proposed schema",
	Doc: "A contract may list example payloads (`examples:` in contractlint.yaml). Every example of the\n" +
		"published version must still validate against the proposed schema: a payload that producers\n" +
		"sent yesterday and that today's schema rejects breaks readers of old data. The finding names the\n" +
		"example and the validation error.\n\n" +
		"Old schema: `{\"properties\": {\"age\": {\"type\": \"integer\"}}}` with the example `{\"age\": 42}`.\n\n" +
		"New schema: `{\"properties\": {\"age\": {\"type\": \"string\"}}}`: the example is rejected at `/age`.\n",
}

// ProtoRejected is EXAMPLE_REJECTED for protobuf contracts, whose
// examples are protobuf JSON (protojson) instances of a named message.
var ProtoRejected = &checks.Rule{
	ID:         "PROTO_EXAMPLE_REJECTED",
	Format:     checks.Protobuf,
	Categories: []string{"EXAMPLES"},
	Default:    true,
	Impact:     checks.Major,
	Breaks:     checks.Backward,
	Levels:     checks.JSON,
	Title:      "An example payload of the published version is rejected by the proposed message",
	Doc: "A protobuf contract may list example payloads in protobuf JSON with the message they are\n" +
		"instances of (`examples: [{path: examples/*.json, message: acme.orders.v1.Order}]`). Every\n" +
		"example of the published version must still parse as that message of the proposal (protojson,\n" +
		"unknown fields rejected): JSON that clients send today must keep working.\n\n" +
		"Old: `message Order { int64 total = 3; }` with the example `{\"total\": \"12\"}`.\n\n" +
		"New: `message Order { reserved 3; }`: the example is rejected, `unknown field \"total\"`.\n",
}

// Rules returns the example rules.
func Rules() []*checks.Rule { return []*checks.Rule{Rejected, ProtoRejected} }
