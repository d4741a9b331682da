package protobuf

import (
	"fmt"
	"sort"
	"strings"

	"google.golang.org/protobuf/reflect/protoreflect"
	"google.golang.org/protobuf/types/descriptorpb"
)

// Rules about messages, enums, enum values, services and RPCs present on
// both sides.

var ruleEnumSameType = &rule{
	Rule: bufRule("ENUM_SAME_TYPE", "FILE PACKAGE", "Enum changed between open and closed",
		doc(`Reports an enum that changed between open (proto3, or editions with enum_type OPEN) and closed (proto2, or enum_type CLOSED). Located at the enum_type feature, else at the enum.`,
			`Closed enums treat unknown numbers as unknown fields, open enums keep them: readers handle new values differently and generated code changes.`,
			`edition = "2023";
enum Status {
  STATUS_UNSPECIFIED = 0;
}`,
			`edition = "2023";
enum Status {
  option features.enum_type = CLOSED;
  STATUS_UNSPECIFIED = 0;
}`)),
	enum: func(d *Diff, oe, ne *Enum) {
		oc, nc := oe.Desc.IsClosed(), ne.Desc.IsClosed()
		if oc == nc {
			return
		}
		os, ns := openness(oc), openness(nc)
		d.ReportChange(ne.At([]int32{enumOptions, 7, 2}), oe.File, string(ne.Desc.FullName()), os, ns,
			"enum %q changed from %s to %s", ne.Desc.Name(), os, ns)
	},
}

func openness(closed bool) string {
	if closed {
		return "closed"
	}
	return "open"
}

var ruleEnumSameJSONFormat = &rule{
	Rule: bufRule("ENUM_SAME_JSON_FORMAT", "CSR FILE PACKAGE WIRE_JSON", "Enum lost JSON support",
		doc(`Reports an enum whose json_format feature changed from ALLOW to anything else. Located at the feature, else at the enum.`,
			`JSON encoding of the enum is no longer guaranteed to work.`,
			`edition = "2023";
enum Status {
  STATUS_UNSPECIFIED = 0;
}`,
			`edition = "2023";
enum Status {
  option features.json_format = LEGACY_BEST_EFFORT;
  STATUS_UNSPECIFIED = 0;
}`)),
	enum: func(d *Diff, oe, ne *Enum) {
		jsonFormatRule(d, oe.Desc, ne.Desc, ne.At([]int32{enumOptions, 7, 6}), oe.File, "enum")
	},
}

var ruleMessageSameJSONFormat = &rule{
	Rule: bufRule("MESSAGE_SAME_JSON_FORMAT", "CSR FILE PACKAGE WIRE_JSON", "Message lost JSON support",
		doc(`Reports a message whose json_format feature changed from ALLOW to anything else. Located at the feature, else at the message.`,
			`JSON encoding of the message is no longer guaranteed to work.`,
			`edition = "2023";
message User {}`,
			`edition = "2023";
message User {
  option features.json_format = LEGACY_BEST_EFFORT;
}`)),
	message: func(d *Diff, om, nm *Message) {
		jsonFormatRule(d, om.Desc, nm.Desc, nm.At([]int32{msgOptions, 12, 6}), om.File, "message")
	},
}

func jsonFormatRule(d *Diff, od, nd protoreflect.Descriptor, at Location, old *File, kind string) {
	oj, nj := jsonFormat(od), jsonFormat(nd)
	if oj == descriptorpb.FeatureSet_ALLOW && nj != descriptorpb.FeatureSet_ALLOW {
		d.ReportChange(at, old, string(nd.FullName()), oj.String(), nj.String(),
			"%s %q changed JSON format support from %s to %s", kind, nd.Name(), oj, nj)
	}
}

var ruleEnumValueSameName = &rule{
	Rule: bufRule("ENUM_VALUE_SAME_NAME", "CSR FILE PACKAGE WIRE_JSON", "Enum value changed name",
		doc(`Reports an enum number that lost one of its names (several with allow_alias): renaming the value, or dropping an alias. Adding an alias is allowed. Located at the number of each value with that number.`,
			`Generated constants are renamed, and JSON carries enum values by name: old JSON no longer parses.`,
			`enum Status {
  STATUS_UNSPECIFIED = 0;
  STATUS_ACTIVE = 1;
}`,
			`enum Status {
  STATUS_UNSPECIFIED = 0;
  STATUS_ENABLED = 1;
}`)),
	values: func(d *Diff, ov, nv []*EnumValue) {
		on, nn := valueNames(ov), valueNames(nv)
		current := map[string]bool{}
		for _, n := range nn {
			current[n] = true
		}
		renamed := false
		for _, n := range on {
			if !current[n] {
				renamed = true
			}
		}
		if !renamed {
			return
		}
		for _, v := range nv {
			d.ReportChange(v.At([]int32{valueNumber}), ov[0].File, string(v.Desc.FullName()), strings.Join(on, ", "), strings.Join(nn, ", "),
				"enum value %d of enum %q changed name from %s to %s", v.Desc.Number(), v.Enum.Desc.Name(), quoteList(on), quoteList(nn))
		}
	},
}

// Reserved and extension ranges.

type tagRange struct{ start, end int64 } // inclusive

func fieldRanges(r protoreflect.FieldRanges) []tagRange {
	out := make([]tagRange, r.Len())
	for i := range out {
		se := r.Get(i)
		out[i] = tagRange{int64(se[0]), int64(se[1]) - 1}
	}
	return out
}

func enumRanges(r protoreflect.EnumRanges) []tagRange {
	out := make([]tagRange, r.Len())
	for i := range out {
		se := r.Get(i)
		out[i] = tagRange{int64(se[0]), int64(se[1])}
	}
	return out
}

// missingRanges returns the parts of r that ranges do not cover.
func missingRanges(r tagRange, ranges []tagRange) []tagRange {
	rs := append([]tagRange(nil), ranges...)
	sort.Slice(rs, func(i, j int) bool { return rs[i].start < rs[j].start })
	var missing []tagRange
	next := r.start
	for _, c := range rs {
		if c.end < next || c.start > r.end {
			continue
		}
		if c.start > next {
			missing = append(missing, tagRange{next, c.start - 1})
		}
		if c.end+1 > next {
			next = c.end + 1
		}
		if next > r.end {
			break
		}
	}
	if next <= r.end {
		missing = append(missing, tagRange{next, r.end})
	}
	return missing
}

const (
	maxFieldNumber      = 536870911
	maxMessageSetNumber = 2147483646
	maxEnumNumber       = 2147483647
)

func rangeString(r tagRange, max int64) string {
	switch {
	case r.start == r.end:
		return fmt.Sprint(r.start)
	case r.end == max:
		return fmt.Sprintf("%d to max", r.start)
	}
	return fmt.Sprintf("%d to %d", r.start, r.end)
}

func checkRanges(d *Diff, kind, elemKind string, elem *Element, old *File, name string, oldRanges, newRanges []tagRange, max int64) {
	for _, r := range oldRanges {
		missing := missingRanges(r, newRanges)
		if len(missing) == 0 {
			continue
		}
		parts := make([]string, len(missing))
		for i, m := range missing {
			parts[i] = rangeString(m, max)
		}
		d.Report(elem.At(), old, elem.FullName(),
			"%s range %s of %s %q lost %s", kind, rangeString(r, max), elemKind, name, strings.Join(parts, ", "))
	}
}

func messageMax(m protoreflect.MessageDescriptor) int64 {
	if o, ok := m.Options().(*descriptorpb.MessageOptions); ok && o.GetMessageSetWireFormat() {
		return maxMessageSetNumber
	}
	return maxFieldNumber
}

var ruleExtensionMessageNoDelete = &rule{
	Rule: bufRule("EXTENSION_MESSAGE_NO_DELETE", "CSR FILE PACKAGE", "Extension range removed",
		doc(`Reports numbers of an old extension range that no extension range of the message covers any more, one finding per old range. Located at the message.`,
			`Extensions declared elsewhere for those numbers stop compiling.`,
			`syntax = "proto2";
message Base {
  extensions 100 to 199;
}`,
			`syntax = "proto2";
message Base {
  extensions 100 to 149;
}`)),
	message: func(d *Diff, om, nm *Message) {
		checkRanges(d, "extension", "message", &nm.Element, om.File, string(nm.Desc.Name()),
			fieldRanges(om.Desc.ExtensionRanges()), fieldRanges(nm.Desc.ExtensionRanges()), messageMax(nm.Desc))
	},
}

var ruleReservedMessageNoDelete = &rule{
	Rule: bufRule("RESERVED_MESSAGE_NO_DELETE", "CSR FILE PACKAGE WIRE_JSON WIRE", "Reserved range or name removed from a message",
		doc(`Reports reserved numbers or names of a message that are no longer reserved: one finding per old range with numbers missing, one per name. Located at the message.`,
			`Reservations protect deleted fields from reuse; dropping one lets a new field reinterpret old data.`,
			`message User {
  reserved 2, 5 to 9;
  reserved "email";
}`,
			`message User {
  reserved 2;
}`)),
	message: func(d *Diff, om, nm *Message) {
		checkRanges(d, "reserved", "message", &nm.Element, om.File, string(nm.Desc.Name()),
			fieldRanges(om.Desc.ReservedRanges()), fieldRanges(nm.Desc.ReservedRanges()), messageMax(nm.Desc))
		reservedNames(d, om.Desc.ReservedNames(), nm.Desc.ReservedNames(), &nm.Element, om.File, "message", string(nm.Desc.Name()))
	},
}

var ruleReservedEnumNoDelete = &rule{
	Rule: bufRule("RESERVED_ENUM_NO_DELETE", "CSR FILE PACKAGE WIRE_JSON WIRE", "Reserved range or name removed from an enum",
		doc(`Reports reserved numbers or names of an enum that are no longer reserved: one finding per old range with numbers missing, one per name. Located at the enum.`,
			`Reservations protect deleted values from reuse; dropping one lets a new value reinterpret old data.`,
			`enum Status {
  STATUS_UNSPECIFIED = 0;
  reserved 1 to 3;
}`,
			`enum Status {
  STATUS_UNSPECIFIED = 0;
  reserved 1;
}`)),
	enum: func(d *Diff, oe, ne *Enum) {
		checkRanges(d, "reserved", "enum", &ne.Element, oe.File, string(ne.Desc.Name()),
			enumRanges(oe.Desc.ReservedRanges()), enumRanges(ne.Desc.ReservedRanges()), maxEnumNumber)
		reservedNames(d, oe.Desc.ReservedNames(), ne.Desc.ReservedNames(), &ne.Element, oe.File, "enum", string(ne.Desc.Name()))
	},
}

func reservedNames(d *Diff, on, nn protoreflect.Names, elem *Element, old *File, kind, name string) {
	for i := 0; i < on.Len(); i++ {
		n := on.Get(i)
		if !nn.Has(n) {
			d.Report(elem.At(), old, elem.FullName(),
				"reserved name %q of %s %q was deleted", n, kind, name)
		}
	}
}

var ruleMessageNoRemoveStandardDescriptorAccessor = &rule{
	Rule: bufRule("MESSAGE_NO_REMOVE_STANDARD_DESCRIPTOR_ACCESSOR", "CSR FILE PACKAGE", "Message removed its standard descriptor accessor",
		doc(`Reports a message whose no_standard_descriptor_accessor option changed from false (or unset) to true. Located at the option, else at the file.`,
			`Generated code loses the descriptor() accessor that callers may use.`,
			`message User {}`,
			`message User {
  option no_standard_descriptor_accessor = true;
}`)),
	message: func(d *Diff, om, nm *Message) {
		if !noStdAccessor(om.Desc) && noStdAccessor(nm.Desc) {
			d.ReportChange(nm.Exactly(msgOptions, 2), om.File, string(nm.Desc.FullName()), "false", "true",
				"message option no_standard_descriptor_accessor changed from false to true")
		}
	},
}

func noStdAccessor(m protoreflect.MessageDescriptor) bool {
	o, _ := m.Options().(*descriptorpb.MessageOptions)
	return o.GetNoStandardDescriptorAccessor()
}

var ruleMessageSameRequiredFields = &rule{
	Rule: bufRule("MESSAGE_SAME_REQUIRED_FIELDS", "CSR FILE PACKAGE WIRE_JSON WIRE", "Required field added or deleted",
		doc(`Reports a required field added to a message (located at the field) or deleted from it, or made optional (located at the message). In editions files a field with features.field_presence = LEGACY_REQUIRED is required.`,
			`Parsers reject messages without their required fields: a side that does not know the field fails to exchange data with one that requires it.`,
			`syntax = "proto2";
message User {
  required string id = 1;
}`,
			`syntax = "proto2";
message User {
  required string id = 1;
  required string email = 2;
}`)),
	message: func(d *Diff, om, nm *Message) {
		for _, of := range om.Fields {
			if of.Desc.Cardinality() != protoreflect.Required {
				continue
			}
			if nf := nm.Field(of.Desc.Number()); nf == nil || nf.Desc.Cardinality() != protoreflect.Required {
				d.Report(nm.At(), om.File, string(of.Desc.FullName()),
					"required field %d of message %q was deleted; both sides must know every required field", of.Desc.Number(), om.Desc.Name())
			}
		}
		for _, nf := range nm.Fields {
			if nf.Desc.Cardinality() != protoreflect.Required {
				continue
			}
			if of := om.Field(nf.Desc.Number()); of == nil || of.Desc.Cardinality() != protoreflect.Required {
				d.Report(nf.At(), om.File, string(nf.Desc.FullName()),
					"required field %d was added to message %q; both sides must know every required field", nf.Desc.Number(), nm.Desc.Name())
			}
		}
	},
}

// RPCs.

func streamingRule(id, side string, get func(protoreflect.MethodDescriptor) bool) *rule {
	return &rule{
		Rule: bufRule(id, "CSR FILE PACKAGE WIRE_JSON WIRE", "RPC changed "+side+" streaming",
			doc("Reports an RPC whose "+side+" side changed between unary and streaming. Located at the RPC.",
				"Streaming and unary calls are different protocols: existing clients and servers cannot talk to each other.",
				"rpc Watch(WatchRequest) returns (WatchResponse);",
				map[string]string{
					"client": "rpc Watch(stream WatchRequest) returns (WatchResponse);",
					"server": "rpc Watch(WatchRequest) returns (stream WatchResponse);",
				}[side])),
		method: func(d *Diff, om, nm *Method) {
			if o, n := get(om.Desc), get(nm.Desc); o != n {
				os, ns := streamName(o), streamName(n)
				d.ReportChange(nm.At(), om.File, string(nm.Desc.FullName()), os, ns,
					"RPC %q of service %q changed from %s %s to %s %s", nm.Desc.Name(), nm.Service.Desc.Name(), side, os, side, ns)
			}
		},
	}
}

func streamName(streaming bool) string {
	if streaming {
		return "streaming"
	}
	return "unary"
}

var (
	ruleRPCSameClientStreaming = streamingRule("RPC_SAME_CLIENT_STREAMING", "client", protoreflect.MethodDescriptor.IsStreamingClient)
	ruleRPCSameServerStreaming = streamingRule("RPC_SAME_SERVER_STREAMING", "server", protoreflect.MethodDescriptor.IsStreamingServer)
)

func rpcTypeRule(id, which string, number int32, get func(protoreflect.MethodDescriptor) protoreflect.MessageDescriptor) *rule {
	return &rule{
		Rule: bufRule(id, "CSR FILE PACKAGE WIRE_JSON WIRE", "RPC changed "+which+" type",
			doc("Reports an RPC whose "+which+" message type changed. Located at the "+which+" type.",
				"Clients and servers would exchange messages of different types.",
				"rpc GetUser(GetUserRequest) returns (GetUserResponse);",
				map[string]string{
					"request":  "rpc GetUser(UserRequest) returns (GetUserResponse);",
					"response": "rpc GetUser(GetUserRequest) returns (User);",
				}[which])),
		method: func(d *Diff, om, nm *Method) {
			o, n := string(get(om.Desc).FullName()), string(get(nm.Desc).FullName())
			if o != n {
				d.ReportChange(nm.At([]int32{number}), om.File, string(nm.Desc.FullName()), o, n,
					"RPC %q of service %q changed %s type from %q to %q", nm.Desc.Name(), nm.Service.Desc.Name(), which, o, n)
			}
		},
	}
}

var (
	ruleRPCSameRequestType  = rpcTypeRule("RPC_SAME_REQUEST_TYPE", "request", methodInput, protoreflect.MethodDescriptor.Input)
	ruleRPCSameResponseType = rpcTypeRule("RPC_SAME_RESPONSE_TYPE", "response", methodOutput, protoreflect.MethodDescriptor.Output)
)

var ruleRPCSameIdempotencyLevel = &rule{
	Rule: bufRule("RPC_SAME_IDEMPOTENCY_LEVEL", "CSR FILE PACKAGE WIRE_JSON WIRE", "RPC changed idempotency level",
		doc(`Reports an RPC whose idempotency_level option changed (unset is IDEMPOTENCY_UNKNOWN). Located at the option, else at the file.`,
			`Connect and gRPC clients pick HTTP methods and retry policies from it; a change alters how existing clients call the RPC.`,
			`rpc GetUser(GetUserRequest) returns (GetUserResponse) {
  option idempotency_level = NO_SIDE_EFFECTS;
}`,
			`rpc GetUser(GetUserRequest) returns (GetUserResponse);`)),
	method: func(d *Diff, om, nm *Method) {
		o, n := idempotency(om.Desc), idempotency(nm.Desc)
		if o != n {
			d.ReportChange(nm.Exactly(methodOpts, 34), om.File, string(nm.Desc.FullName()), o.String(), n.String(),
				"RPC %q of service %q changed idempotency_level from %s to %s", nm.Desc.Name(), nm.Service.Desc.Name(), o, n)
		}
	},
}

func idempotency(m protoreflect.MethodDescriptor) descriptorpb.MethodOptions_IdempotencyLevel {
	o, _ := m.Options().(*descriptorpb.MethodOptions)
	return o.GetIdempotencyLevel()
}
