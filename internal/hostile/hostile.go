// Package hostile generates the small inputs that once cost exponential time
// or memory (issue 14), so that a benchmark script and fast tests can prove
// they no longer do. Every generator is deterministic.
package hostile

import (
	"fmt"
	"strings"
)

// Case is one hostile comparison: a file name and its old and new content.
type Case struct {
	// Name identifies the case ("jsonschema-dag", ...).
	Name string
	// File is the file name on both sides.
	File string
	// Old and New are the two versions of the file.
	Old, New []byte
	// Want describes the expected outcome, for the script's report.
	Want string
}

// JSONSchemaDAG is a JSON Schema whose $defs D0…D(depth) each reference the
// next twice (properties a and b both $ref D(i+1)); the leaf's maxLength
// changes from 10 to 5. Walking it path by path visits 2^depth leaves.
func JSONSchemaDAG(depth int) Case {
	gen := func(maxLength int) []byte {
		var b strings.Builder
		b.WriteString("{\n  \"$schema\": \"https://json-schema.org/draft/2020-12/schema\",\n  \"$ref\": \"#/$defs/D0\",\n  \"$defs\": {\n")
		for i := range depth {
			fmt.Fprintf(&b, "    \"D%d\": {\"type\": \"object\", \"properties\": {\"a\": {\"$ref\": \"#/$defs/D%d\"}, \"b\": {\"$ref\": \"#/$defs/D%d\"}}},\n", i, i+1, i+1)
		}
		fmt.Fprintf(&b, "    \"D%d\": {\"type\": \"string\", \"maxLength\": %d}\n  }\n}\n", depth, maxLength)
		return []byte(b.String())
	}
	return Case{Name: "jsonschema-dag", File: "dag.json", Old: gen(10), New: gen(5),
		Want: fmt.Sprintf("MAX_LENGTH_DECREASED at #/$defs/D%d", depth)}
}

// AvroDAG is the same shape in Avro: record Di has a field a whose type is
// record D(i+1) defined inline, and a field b that names D(i+1); the leaf
// record's field x changes from int to string.
func AvroDAG(depth int) Case {
	gen := func(leaf string) []byte {
		var b strings.Builder
		for i := range depth {
			fmt.Fprintf(&b, "{\"type\": \"record\", \"name\": \"D%d\", \"fields\": [\n{\"name\": \"a\", \"type\": ", i)
		}
		fmt.Fprintf(&b, "{\"type\": \"record\", \"name\": \"D%d\", \"fields\": [{\"name\": \"x\", \"type\": %q}]}", depth, leaf)
		for i := depth - 1; i >= 0; i-- {
			fmt.Fprintf(&b, "},\n{\"name\": \"b\", \"type\": \"D%d\"}]}", i+1)
		}
		b.WriteString("\n")
		return []byte(b.String())
	}
	return Case{Name: "avro-dag", File: "dag.avsc", Old: gen("int"), New: gen("string"),
		Want: fmt.Sprintf("TYPE_MISMATCH at D%d.x", depth)}
}

// AvroUnion is a record with one field whose type is a union of n record
// branches R0…R(n-1); on the new side every branch gains a field without a
// default, so each branch is an incompatibility of its own.
func AvroUnion(n int) Case {
	gen := func(changed bool) []byte {
		var b strings.Builder
		b.WriteString("{\"type\": \"record\", \"name\": \"Top\", \"fields\": [{\"name\": \"u\", \"type\": [\n")
		for i := range n {
			if i > 0 {
				b.WriteString(",\n")
			}
			fmt.Fprintf(&b, "  {\"type\": \"record\", \"name\": \"R%d\", \"fields\": [{\"name\": \"id\", \"type\": \"long\"}", i)
			if changed {
				b.WriteString(", {\"name\": \"extra\", \"type\": \"string\"}")
			}
			b.WriteString("]}")
		}
		b.WriteString("\n]}]}\n")
		return []byte(b.String())
	}
	return Case{Name: "avro-union", File: "union.avsc", Old: gen(false), New: gen(true),
		Want: fmt.Sprintf("%d READER_FIELD_MISSING_DEFAULT_VALUE_BACKWARD findings", n)}
}

// AvroLarge is an .avsc of at least size bytes: one record with as many
// documented fields as it takes. The new side adds a field.
func AvroLarge(size int) Case {
	gen := func(extra bool) []byte {
		var b strings.Builder
		b.Grow(size + 1024)
		b.WriteString("{\"type\": \"record\", \"name\": \"Big\", \"fields\": [\n")
		for i := 0; b.Len() < size; i++ {
			fmt.Fprintf(&b, "  {\"name\": \"f%d\", \"type\": \"long\", \"doc\": \"field number %d of a schema that is far too large\"},\n", i, i)
		}
		if extra {
			b.WriteString("  {\"name\": \"extra\", \"type\": \"string\", \"default\": \"\"},\n")
		}
		b.WriteString("  {\"name\": \"last\", \"type\": \"long\"}\n]}\n")
		return []byte(b.String())
	}
	return Case{Name: "avro-large", File: "large.avsc", Old: gen(false), New: gen(true),
		Want: "exit 2: the file size limit"}
}

// ProtoLarge is a .proto file of size bytes in a tree without a buf.yaml,
// where the loader infers import roots from every file's imports before it
// compiles anything: the file must be refused before it is read.
func ProtoLarge(size int) Case {
	gen := func(extra bool) []byte {
		var b strings.Builder
		b.Grow(size + 1024)
		b.WriteString("syntax = \"proto3\";\npackage large.v1;\n\nmessage Big {\n")
		for i := 1; b.Len() < size; i++ {
			fmt.Fprintf(&b, "  // Field number %d of a message that is far too large.\n  int64 f%d = %d;\n", i, i, i)
		}
		if extra {
			b.WriteString("  string extra = 536870000;\n")
		}
		b.WriteString("}\n")
		return []byte(b.String())
	}
	return Case{Name: "proto-large", File: "large.proto", Old: gen(false), New: gen(true),
		Want: "exit 2: the file size limit"}
}

// AvroDeep is a record whose field is an array of arrays nested levels
// deep; the innermost items change from int to string. With levels 1,240
// the file nests 2,484 JSON levels, just under the default depth limit.
func AvroDeep(levels int) Case {
	gen := func(leaf string) []byte {
		var b strings.Builder
		b.WriteString(`{"type": "record", "name": "R", "fields": [{"name": "a", "type": `)
		b.WriteString(strings.Repeat(`{"type": "array", "items": `, levels))
		fmt.Fprintf(&b, "%q", leaf)
		b.WriteString(strings.Repeat("}", levels))
		b.WriteString("}]}\n")
		return []byte(b.String())
	}
	return Case{Name: "avro-deep", File: "deep.avsc", Old: gen("int"), New: gen("string"),
		Want: "1 TYPE_MISMATCH at the innermost items"}
}

// JSONSchemaDeep is an object schema nested levels deep through property
// a; the innermost maxLength changes from 10 to 5. With levels 1,240 the
// file nests 2,482 JSON levels, just under the default depth limit.
func JSONSchemaDeep(levels int) Case {
	gen := func(maxLength int) []byte {
		var b strings.Builder
		b.WriteString(strings.Repeat(`{"type": "object", "properties": {"a": `, levels))
		fmt.Fprintf(&b, `{"type": "string", "maxLength": %d}`, maxLength)
		b.WriteString(strings.Repeat("}}", levels))
		b.WriteString("\n")
		return []byte(b.String())
	}
	return Case{Name: "jsonschema-deep", File: "deep.json", Old: gen(10), New: gen(5),
		Want: "1 MAX_LENGTH_DECREASED at the innermost maxLength"}
}

// JSONSchemaOneOf is a oneOf of n branches that each $ref a definition
// B0…B(n-1), objects told apart by a const "kind"; on the new side the
// branches are listed in reverse order and every definition's "id" gains a
// maximum. Definition Bi is on line i+3 of both files.
func JSONSchemaOneOf(n int) Case {
	gen := func(changed bool) []byte {
		var b strings.Builder
		b.WriteString("{\"$schema\": \"https://json-schema.org/draft/2020-12/schema\",\n\"oneOf\": [")
		for k := range n {
			i := k
			if changed {
				i = n - 1 - k
			}
			if k > 0 {
				b.WriteString(", ")
			}
			fmt.Fprintf(&b, `{"$ref": "#/$defs/B%d"}`, i)
		}
		b.WriteString("],\n\"$defs\": {\n")
		for i := range n {
			id := `{"type": "integer"}`
			if changed {
				id = `{"type": "integer", "maximum": 100}`
			}
			sep := ","
			if i == n-1 {
				sep = ""
			}
			fmt.Fprintf(&b, `"B%d": {"type": "object", "required": ["kind"], "properties": {"kind": {"const": "k%d"}, "id": %s}}%s`+"\n", i, i, id, sep)
		}
		b.WriteString("}}\n")
		return []byte(b.String())
	}
	return Case{Name: "jsonschema-oneof", File: "oneof.json", Old: gen(false), New: gen(true),
		Want: fmt.Sprintf("%d MAXIMUM_ADDED findings, each at its own definition", n)}
}

// ProtoDeepOption is a protobuf message option whose value nests
// {r: {r: ...}} levels deep; the new side adds a field, so both sides are
// compiled.
func ProtoDeepOption(levels int) Case {
	gen := func(extra string) []byte {
		var b strings.Builder
		b.WriteString("syntax = \"proto3\";\npackage p;\nimport \"google/protobuf/descriptor.proto\";\n")
		b.WriteString("message R { R r = 1; }\nextend google.protobuf.MessageOptions { R o = 50000; }\n")
		b.WriteString("message M {\n" + extra + "  option (o) = ")
		b.WriteString(strings.Repeat("{r: ", levels))
		b.WriteString(strings.Repeat("}", levels))
		b.WriteString(";\n}\n")
		return []byte(b.String())
	}
	return Case{Name: "proto-deep-option", File: "deep.proto", Old: gen(""), New: gen("  int64 x = 1;\n"),
		Want: "exit 2: the nesting-depth limit"}
}

// ProtoManyFields is one protobuf message with n fields (200,000 make a
// 14 MB file, under the file-size limit); the new side adds one more.
func ProtoManyFields(n int) Case {
	gen := func(extra bool) []byte {
		var b strings.Builder
		b.WriteString("syntax = \"proto3\";\npackage big.v1;\n\nmessage Big {\n")
		number := func(i int) int {
			if i >= 19000 {
				i += 1000 // 19000-19999 are reserved for the implementation
			}
			return i
		}
		for i := 1; i <= n; i++ {
			fmt.Fprintf(&b, "  string field_number_%06d_with_a_longer_name_of_many_letters = %d;\n", i, number(i))
		}
		if extra {
			fmt.Fprintf(&b, "  int64 extra = %d;\n", number(n+1))
		}
		b.WriteString("}\n")
		return []byte(b.String())
	}
	return Case{Name: "proto-many-fields", File: "big.proto", Old: gen(false), New: gen(true),
		Want: "exit 2: the declarations limit"}
}

// ProtoManyMessages is a protobuf file of n small messages (200,000 make a
// 9 MB file); the new side adds one more.
func ProtoManyMessages(n int) Case {
	gen := func(extra bool) []byte {
		var b strings.Builder
		b.WriteString("syntax = \"proto3\";\npackage big.v1;\n\n")
		for i := range n {
			fmt.Fprintf(&b, "message Message%06d { string a = 1; }\n", i)
		}
		if extra {
			b.WriteString("message Extra { string a = 1; }\n")
		}
		return []byte(b.String())
	}
	return Case{Name: "proto-many-messages", File: "big.proto", Old: gen(false), New: gen(true),
		Want: "exit 2: the declarations limit"}
}
