package protobuf

import (
	"fmt"
	"math"
	"math/big"
	"strings"

	"google.golang.org/protobuf/reflect/protoreflect"
	"google.golang.org/protobuf/types/descriptorpb"
)

// Rules about a field (or an extension) present on both sides, paired by
// number within the message of the same full name (extensions: by extendee
// and number).

type cardinality int

const (
	cardOptionalExplicit cardinality = iota + 1
	cardOptionalImplicit
	cardRequired
	cardRepeated
	cardMap
)

func (c cardinality) String() string {
	switch c {
	case cardOptionalExplicit:
		return "optional with explicit presence"
	case cardOptionalImplicit:
		return "optional with implicit presence"
	case cardRequired:
		return "required"
	case cardRepeated:
		return "repeated"
	case cardMap:
		return "map"
	}
	return fmt.Sprintf("cardinality(%d)", int(c))
}

func cardinalityOf(fd protoreflect.FieldDescriptor) cardinality {
	switch {
	case fd.IsList():
		return cardRepeated
	case fd.IsMap():
		return cardMap
	case fd.Cardinality() == protoreflect.Required:
		return cardRequired
	case fd.HasPresence():
		return cardOptionalExplicit
	}
	return cardOptionalImplicit
}

// Wire-compatible cardinalities: optional (either presence) and repeated
// (with maps) share an encoding; WIRE_JSON also separates maps from repeated.
var (
	cardinalityWireGroup     = map[cardinality]int{cardOptionalExplicit: 1, cardOptionalImplicit: 1, cardRequired: 2, cardRepeated: 3, cardMap: 3}
	cardinalityWireJSONGroup = map[cardinality]int{cardOptionalExplicit: 1, cardOptionalImplicit: 1, cardRequired: 2, cardRepeated: 3, cardMap: 4}
)

func bothMapEntries(of, nf *Field) bool {
	return of.Desc.ContainingMessage().IsMapEntry() && nf.Desc.ContainingMessage().IsMapEntry()
}

func cardinalityRule(d *Diff, of, nf *Field, groups map[cardinality]int) {
	if bothMapEntries(of, nf) {
		return // map entry fields are synthesized; their presence means nothing
	}
	oc, nc := cardinalityOf(of.Desc), cardinalityOf(nf.Desc)
	if oc == nc || (groups != nil && groups[oc] == groups[nc]) {
		return
	}
	d.ReportChange(nf.At(), of.File, string(nf.Desc.FullName()), oc.String(), nc.String(),
		"%s changed cardinality from %s to %s", fieldDesc(nf), oc, nc)
}

var ruleFieldSameCardinality = &rule{
	Rule: bufRule("FIELD_SAME_CARDINALITY", "FILE PACKAGE", "Field changed cardinality",
		doc(`Reports a field whose cardinality changed: optional with explicit presence, optional with implicit presence, required, repeated or map. Located at the field.`,
			`Generated code differs for each cardinality (presence methods, lists, maps), and some changes also alter the encoding.`,
			`message User {
  optional string nickname = 1;
}`,
			`message User {
  string nickname = 1;
}`)),
	field: func(d *Diff, of, nf *Field) { cardinalityRule(d, of, nf, nil) },
}

var ruleFieldWireCompatibleCardinality = &rule{
	Rule: narrowed(bufRule("FIELD_WIRE_COMPATIBLE_CARDINALITY", "WIRE", "Field changed to a wire-incompatible cardinality",
		doc(`Reports a field whose cardinality changed between groups that do not share a binary encoding: optional (either presence), required, and repeated or map. Located at the field.`,
			`Generated code changes (lists, presence), and some of these changes make readers of binary data mis-decode the field (repeated numeric fields are packed) or reject the message (required).`,
			`message User {
  string email = 1;
}`,
			`message User {
  repeated string email = 1;
}`)),
		`a string, bytes or message field may change between singular and repeated (a singular reader keeps the last value or merges the messages). Numeric fields changed between singular and repeated are FIELD_NUMERIC_LABEL_CHANGED; required fields added or removed, MESSAGE_SAME_REQUIRED_FIELDS.`),
	field: func(d *Diff, of, nf *Field) { cardinalityRule(d, of, nf, cardinalityWireGroup) },
}

var ruleFieldWireJSONCompatibleCardinality = &rule{
	Rule: bufRule("FIELD_WIRE_JSON_COMPATIBLE_CARDINALITY", "CSR WIRE_JSON", "Field changed to a wire- or JSON-incompatible cardinality",
		doc(`Reports a field whose cardinality changed between groups that do not share both the binary and the JSON encoding: optional (either presence), required, repeated, and map. Located at the field.`,
			`Besides the binary breaks of FIELD_WIRE_COMPATIBLE_CARDINALITY, maps and repeated fields look different in JSON.`,
			`message User {
  repeated Label labels = 1;
}`,
			`message User {
  map<string, string> labels = 1;
}`)),
	field: func(d *Diff, of, nf *Field) { cardinalityRule(d, of, nf, cardinalityWireJSONGroup) },
}

// Types.

var (
	kindWireGroup = map[protoreflect.Kind]int{
		protoreflect.Int32Kind: 1, protoreflect.Int64Kind: 1, protoreflect.Uint32Kind: 1, protoreflect.Uint64Kind: 1, protoreflect.BoolKind: 1,
		protoreflect.Sint32Kind: 2, protoreflect.Sint64Kind: 2,
		protoreflect.StringKind: 3, protoreflect.BytesKind: 4,
		protoreflect.Fixed32Kind: 5, protoreflect.Sfixed32Kind: 5,
		protoreflect.Fixed64Kind: 6, protoreflect.Sfixed64Kind: 6,
		protoreflect.DoubleKind: 7, protoreflect.FloatKind: 8,
		protoreflect.GroupKind: 9, protoreflect.MessageKind: 10, protoreflect.EnumKind: 11,
	}
	kindWireJSONGroup = map[protoreflect.Kind]int{
		protoreflect.Int32Kind: 1, protoreflect.Uint32Kind: 1,
		protoreflect.Int64Kind: 2, protoreflect.Uint64Kind: 2,
		protoreflect.Fixed32Kind: 3, protoreflect.Sfixed32Kind: 3,
		protoreflect.Fixed64Kind: 4, protoreflect.Sfixed64Kind: 4,
		protoreflect.BoolKind: 5, protoreflect.Sint32Kind: 6, protoreflect.Sint64Kind: 7,
		protoreflect.StringKind: 8, protoreflect.BytesKind: 9,
		protoreflect.DoubleKind: 10, protoreflect.FloatKind: 11,
		protoreflect.GroupKind: 12, protoreflect.MessageKind: 13, protoreflect.EnumKind: 14,
	}
)

func isNamedKind(k protoreflect.Kind) bool {
	return k == protoreflect.MessageKind || k == protoreflect.GroupKind || k == protoreflect.EnumKind
}

// typeName is the full name of a field's message or enum type, "" for
// scalars.
func typeName(fd protoreflect.FieldDescriptor) string {
	switch {
	case fd.Enum() != nil:
		return string(fd.Enum().FullName())
	case fd.Message() != nil:
		return string(fd.Message().FullName())
	}
	return ""
}

func kindString(fd protoreflect.FieldDescriptor) string {
	if fd.Kind() == protoreflect.GroupKind && fd.Syntax() != protoreflect.Proto2 {
		return "message (delimited encoding)"
	}
	return fd.Kind().String()
}

// typeAt is where buf locates a type change: the type name for message, enum
// and group fields, the scalar type keyword otherwise.
func typeAt(f *Field) Location {
	if isNamedKind(f.Desc.Kind()) {
		return f.At([]int32{fieldTypeName})
	}
	return f.At([]int32{fieldType})
}

func reportKindChanged(d *Diff, of, nf *Field, extra string) {
	d.ReportChange(typeAt(nf), of.File, string(nf.Desc.FullName()), kindString(of.Desc), kindString(nf.Desc),
		"%s changed type from %s to %s%s", fieldDesc(nf), kindString(of.Desc), kindString(nf.Desc), extra)
}

func reportTypeNameChanged(d *Diff, of, nf *Field) {
	d.ReportChange(nf.At([]int32{fieldTypeName}), of.File, string(nf.Desc.FullName()), typeName(of.Desc), typeName(nf.Desc),
		"%s changed type from %s to %s", fieldDesc(nf), typeName(of.Desc), typeName(nf.Desc))
}

var ruleFieldSameType = &rule{
	Rule: bufRule("FIELD_SAME_TYPE", "CSR FILE PACKAGE", "Field changed type",
		doc(`Reports a field whose type changed: another scalar type, another message or enum, or a message switched between length-prefixed and delimited encoding. Located at the field's type.`,
			`Generated code changes type, and most type changes also change the encoding.`,
			`message User {
  int32 age = 1;
}`,
			`message User {
  int64 age = 1;
}`,
			`FIELD_WIRE_COMPATIBLE_TYPE and FIELD_WIRE_JSON_COMPATIBLE_TYPE accept the changes that keep the encoding. A map's value type change is reported on the synthesized map entry's value field, located (as buf does) at the map field's map<K, V> type.`)),
	field: func(d *Diff, of, nf *Field) {
		if of.Desc.Kind() != nf.Desc.Kind() {
			reportKindChanged(d, of, nf, "")
			return
		}
		if isNamedKind(nf.Desc.Kind()) && typeName(of.Desc) != typeName(nf.Desc) {
			reportTypeNameChanged(d, of, nf)
		}
	},
}

const (
	wireRulesRef     = " (see the protobuf language guide on updating messages for wire-compatible types)"
	wireJSONRulesRef = " (see the protobuf language guide on updating messages and on JSON mapping for compatible types)"
)

var ruleFieldWireCompatibleType = &rule{
	Rule: narrowed(bufRule("FIELD_WIRE_COMPATIBLE_TYPE", "WIRE", "Field changed to a wire-incompatible type",
		doc(`Reports a field whose type changed to one with another binary encoding. int32, int64, uint32, uint64 and bool are interchangeable, so are sint32 and sint64, fixed32 and sfixed32, fixed64 and sfixed64; string may become bytes. An enum may be replaced by an enum of the same simple name that keeps every old value. Located at the field's type.`,
			`Generated code changes type, and changes between the groups above make readers of binary data mis-decode the field.`,
			`message User {
  int32 age = 1;
}`,
			`message User {
  sint32 age = 1;
}`,
			`bytes to string is reported because nothing guarantees the bytes are valid UTF-8.`)),
		`an int32 field may become an enum and an enum may be replaced by another (enums are varints on the wire), and a message type may move to another package or file. Encoding changes are FIELD_KIND_CHANGED; a message field given another message type, FIELD_NAMED_TYPE_CHANGED.`),
	field: func(d *Diff, of, nf *Field) {
		og, ng := kindWireGroup[of.Desc.Kind()], kindWireGroup[nf.Desc.Kind()]
		if og != ng {
			ok, nk := of.Desc.Kind(), nf.Desc.Kind()
			switch {
			case ok == protoreflect.StringKind && nk == protoreflect.BytesKind:
				return
			case ok == protoreflect.BytesKind && nk == protoreflect.StringKind:
				reportKindChanged(d, of, nf, wireRulesRef+"; string and bytes agree only when the bytes are valid UTF-8, which nothing enforces")
			default:
				reportKindChanged(d, of, nf, wireRulesRef)
			}
			return
		}
		namedTypeCompatible(d, of, nf)
	},
}

var ruleFieldWireJSONCompatibleType = &rule{
	Rule: bufRule("FIELD_WIRE_JSON_COMPATIBLE_TYPE", "CSR WIRE_JSON", "Field changed to a wire- or JSON-incompatible type",
		doc(`Reports a field whose type changed to one with another binary or JSON encoding. Only int32 and uint32, int64 and uint64, fixed32 and sfixed32, fixed64 and sfixed64 are interchangeable. An enum may be replaced by an enum of the same simple name that keeps every old value. Located at the field's type.`,
			`Readers of the old definition mis-decode binary or JSON data written with the new one.`,
			`message User {
  int32 age = 1;
}`,
			`message User {
  int64 age = 1;
}`)),
	field: func(d *Diff, of, nf *Field) {
		if kindWireJSONGroup[of.Desc.Kind()] != kindWireJSONGroup[nf.Desc.Kind()] {
			reportKindChanged(d, of, nf, wireJSONRulesRef)
			return
		}
		namedTypeCompatible(d, of, nf)
	},
}

// namedTypeCompatible checks a message, group or enum field whose kind did
// not change: another message is a break; another enum is one unless it has
// the same simple name and keeps every old value.
func namedTypeCompatible(d *Diff, of, nf *Field) {
	if !isNamedKind(nf.Desc.Kind()) || typeName(of.Desc) == typeName(nf.Desc) {
		return
	}
	if nf.Desc.Kind() != protoreflect.EnumKind {
		reportTypeNameChanged(d, of, nf)
		return
	}
	oe, ne := of.Desc.Enum(), nf.Desc.Enum()
	if oe.Name() != ne.Name() || !enumIsSubset(ne, oe) {
		reportTypeNameChanged(d, of, nf)
	}
}

// enumIsSubset reports whether every value of sub (name and number) is in
// super.
func enumIsSubset(super, sub protoreflect.EnumDescriptor) bool {
	for i := 0; i < sub.Values().Len(); i++ {
		v := sub.Values().Get(i)
		sv := super.Values().ByName(v.Name())
		if sv == nil || sv.Number() != v.Number() {
			return false
		}
	}
	return true
}

// Options and features of fields.

var ruleFieldSameJSType = &rule{
	Rule: bufRule("FIELD_SAME_JSTYPE", "FILE PACKAGE", "Field changed its jstype option",
		doc(`Reports a 64-bit integer field whose jstype option changed (unset means JS_NORMAL). Located at the option, else at the field.`,
			`Generated JavaScript represents the field as a number or a string depending on jstype; callers break.`,
			`message User {
  int64 id = 1;
}`,
			`message User {
  int64 id = 1 [jstype = JS_STRING];
}`)),
	field: func(d *Diff, of, nf *Field) {
		if !is64Bit(of.Desc.Kind()) || !is64Bit(nf.Desc.Kind()) {
			return
		}
		oj, nj := jsType(of.Desc), jsType(nf.Desc)
		if oj != nj {
			d.ReportChange(nf.At([]int32{fieldOptions, 6}), of.File, string(nf.Desc.FullName()), oj.String(), nj.String(),
				"%s changed option jstype from %s to %s", fieldDesc(nf), oj, nj)
		}
	},
}

func is64Bit(k protoreflect.Kind) bool {
	switch k {
	case protoreflect.Int64Kind, protoreflect.Sint64Kind, protoreflect.Uint64Kind, protoreflect.Fixed64Kind, protoreflect.Sfixed64Kind:
		return true
	}
	return false
}

func jsType(fd protoreflect.FieldDescriptor) descriptorpb.FieldOptions_JSType {
	if o, ok := fd.Options().(*descriptorpb.FieldOptions); ok {
		return o.GetJstype()
	}
	return descriptorpb.FieldOptions_JS_NORMAL
}

var ruleFieldSameCppStringType = &rule{
	Rule: bufRule("FIELD_SAME_CPP_STRING_TYPE", "FILE PACKAGE", "Field changed its C++ string type",
		doc(`Reports a string or bytes field whose C++ representation changed, from the ctype option or the (pb.cpp).string_type feature: STRING, CORD, VIEW or STRING_PIECE. Changing STRING_PIECE to STRING is allowed. Located at the option or feature, else at the field.`,
			`Generated C++ accessors change signature.`,
			`message Blob {
  bytes data = 1;
}`,
			`message Blob {
  bytes data = 1 [ctype = CORD];
}`)),
	field: func(d *Diff, of, nf *Field) {
		if bothMapEntries(of, nf) || !isStringOrBytes(of.Desc.Kind()) || !isStringOrBytes(nf.Desc.Kind()) {
			return
		}
		ot, op := cppStringType(of.Desc)
		nt, np := cppStringType(nf.Desc)
		if (ot == nt && op == np) || (op && nt == cppString) {
			return
		}
		os, ns := cppStringName(ot, op), cppStringName(nt, np)
		at := nf.At([]int32{fieldOptions, 1}, []int32{fieldOptions, 21, 1000, 2})
		d.ReportChange(at, of.File, string(nf.Desc.FullName()), os, ns,
			"%s changed C++ string type from %s to %s", fieldDesc(nf), os, ns)
	},
}

func isStringOrBytes(k protoreflect.Kind) bool {
	return k == protoreflect.StringKind || k == protoreflect.BytesKind
}

// Values of pb.CppFeatures.StringType.
const (
	cppView   = 1
	cppCord   = 2
	cppString = 3
)

func cppStringName(t int, piece bool) string {
	if piece {
		return "STRING_PIECE"
	}
	switch t {
	case cppView:
		return "VIEW"
	case cppCord:
		return "CORD"
	case cppString:
		return "STRING"
	}
	return fmt.Sprintf("STRING_TYPE(%d)", t)
}

// cppStringType resolves a field's C++ string type: the ctype option wins,
// then the (pb.cpp).string_type feature, whose default is STRING before
// edition 2024 and VIEW from it on.
func cppStringType(fd protoreflect.FieldDescriptor) (t int, piece bool) {
	if o, ok := fd.Options().(*descriptorpb.FieldOptions); ok && o != nil && o.Ctype != nil {
		switch o.GetCtype() {
		case descriptorpb.FieldOptions_CORD:
			return cppCord, false
		case descriptorpb.FieldOptions_STRING_PIECE:
			return cppString, true
		default:
			return cppString, false
		}
	}
	if v, ok := customFeature(fd, 1000, 2); ok {
		return int(v), false
	}
	if editionOf(fd) >= descriptorpb.Edition_EDITION_2024 {
		return cppView, false
	}
	return cppString, false
}

var ruleFieldSameJavaUTF8Validation = &rule{
	Rule: bufRule("FIELD_SAME_JAVA_UTF8_VALIDATION", "FILE PACKAGE", "Field changed its Java UTF-8 validation",
		doc(`Reports a string field whose UTF-8 validation in Java changed, from the java_string_check_utf8 file option or the (pb.java).utf8_validation feature. Located at the option or feature, else at the field.`,
			`Java code that accepted invalid UTF-8 starts rejecting it, or the reverse.`,
			`syntax = "proto2";
message User {
  optional string name = 1;
}`,
			`syntax = "proto2";
option java_string_check_utf8 = true;
message User {
  optional string name = 1;
}`)),
	field: func(d *Diff, of, nf *Field) {
		if of.Desc.Kind() != protoreflect.StringKind || nf.Desc.Kind() != protoreflect.StringKind {
			return
		}
		ov, nv := javaUTF8(of.Desc), javaUTF8(nf.Desc)
		if ov != nv {
			at := nf.AtFirst(protoreflect.SourcePath{fileOptionsPath, 27}, nf.sub(fieldOptions, 21, 1001, 2))
			d.ReportChange(at, of.File, string(nf.Desc.FullName()), ov.String(), nv.String(),
				"%s changed Java UTF-8 validation from %s to %s", fieldDesc(nf), ov, nv)
		}
	},
}

// javaUTF8 resolves whether Java validates a string field's UTF-8.
func javaUTF8(fd protoreflect.FieldDescriptor) descriptorpb.FeatureSet_Utf8Validation {
	def := utf8Validation(fd)
	fo, _ := fd.ParentFile().Options().(*descriptorpb.FileOptions)
	if fd.ParentFile().Syntax() != protoreflect.Editions || (fo != nil && fo.JavaStringCheckUtf8 != nil) {
		if fo.GetJavaStringCheckUtf8() {
			return descriptorpb.FeatureSet_VERIFY
		}
		return def
	}
	if v, ok := customFeature(fd, 1001, 2); ok && v == 2 { // pb.JavaFeatures.VERIFY
		return descriptorpb.FeatureSet_VERIFY
	}
	return def
}

var ruleFieldSameUTF8Validation = &rule{
	Rule: bufRule("FIELD_SAME_UTF8_VALIDATION", "FILE PACKAGE", "Field changed its UTF-8 validation",
		doc(`Reports a string field whose utf8_validation feature resolves to another value (VERIFY or NONE), for instance when a file moves between proto2 and proto3 or an editions file sets the feature. Located at the feature, else at the field.`,
			`Parsers that accepted invalid UTF-8 start rejecting it, or the reverse.`,
			`edition = "2023";
message User {
  string name = 1;
}`,
			`edition = "2023";
message User {
  string name = 1 [features.utf8_validation = NONE];
}`)),
	field: func(d *Diff, of, nf *Field) {
		if of.Desc.Kind() != protoreflect.StringKind || nf.Desc.Kind() != protoreflect.StringKind {
			return
		}
		ov, nv := utf8Validation(of.Desc), utf8Validation(nf.Desc)
		if ov != nv {
			d.ReportChange(nf.At([]int32{fieldOptions, 21, 4}), of.File, string(nf.Desc.FullName()), ov.String(), nv.String(),
				"%s changed UTF-8 validation from %s to %s", fieldDesc(nf), ov, nv)
		}
	},
}

var ruleFieldSameJSONName = &rule{
	Rule: bufRule("FIELD_SAME_JSON_NAME", "CSR FILE PACKAGE WIRE_JSON", "Field changed its JSON name",
		doc(`Reports a field whose JSON name changed, explicit (json_name) or derived from the field name. Extensions are not checked. Located at the json_name option, else at the field.`,
			`JSON written with the old name is no longer understood.`,
			`message User {
  string user_id = 1;
}`,
			`message User {
  string user_id = 1 [json_name = "uid"];
}`)),
	field: func(d *Diff, of, nf *Field) {
		if of.IsExtension() {
			return
		}
		if oj, nj := of.Desc.JSONName(), nf.Desc.JSONName(); oj != nj {
			d.ReportChange(nf.At([]int32{fieldJSONName}), of.File, string(nf.Desc.FullName()), oj, nj,
				"%s changed JSON name from %q to %q", fieldDesc(nf), oj, nj)
		}
	},
}

var ruleFieldSameName = &rule{
	Rule: bufRule("FIELD_SAME_NAME", "CSR FILE PACKAGE WIRE_JSON", "Field changed name",
		doc(`Reports a field (by number) whose name changed; for extensions, the full name. Located at the field's name.`,
			`Generated accessors are renamed, and the text and JSON formats (without json_name) use the new name.`,
			`message User {
  string email = 1;
}`,
			`message User {
  string email_address = 1;
}`)),
	field: func(d *Diff, of, nf *Field) {
		on, nn := string(of.Desc.Name()), string(nf.Desc.Name())
		if of.IsExtension() {
			on, nn = string(of.Desc.FullName()), string(nf.Desc.FullName())
		}
		if on == nn {
			return
		}
		what := fmt.Sprintf("field %d of message %q", nf.Desc.Number(), nf.Desc.ContainingMessage().Name())
		if nf.IsExtension() {
			what = fmt.Sprintf("extension %d of %q", nf.Desc.Number(), nf.Desc.ContainingMessage().FullName())
		}
		d.ReportChange(nf.At([]int32{fieldName}), of.File, string(nf.Desc.FullName()), on, nn,
			"%s changed name from %q to %q", what, on, nn)
	},
}

var ruleFieldSameOneof = &rule{
	Rule: narrowed(bufRule("FIELD_SAME_ONEOF", "CSR FILE PACKAGE WIRE_JSON WIRE", "Field moved into, out of or between oneofs",
		doc(`Reports a field that moved into a oneof, out of one, or to another oneof. Synthetic oneofs of proto3 optional fields do not count. Extensions are not checked. Located at the field.`,
			`Generated code for oneofs differs from that of plain fields (and names the oneof). Setting one member of a oneof clears the others, so some moves lose data written under the old grouping.`,
			`message Shape {
  Circle circle = 1;
}`,
			`message Shape {
  oneof kind {
    Circle circle = 1;
  }
}`)),
		`oneof names appear in neither encoding, and a single field may move into a new oneof (the protobuf language guide calls it safe). Fields that could be set together and now share a oneof are ONEOF_MEMBERS_JOINED (breaks backward); members of one oneof that can now be set together, ONEOF_MEMBERS_SEPARATED (breaks forward).`),
	field: func(d *Diff, of, nf *Field) {
		if of.IsExtension() {
			return
		}
		oo, no := realOneof(of.Desc), realOneof(nf.Desc)
		switch {
		case oo == nil && no == nil:
			return
		case oo != nil && no != nil:
			if oo.Name() != no.Name() {
				d.ReportChange(nf.At(), of.File, string(nf.Desc.FullName()), string(oo.Name()), string(no.Name()),
					"%s moved from oneof %q to oneof %q", fieldDesc(nf), oo.Name(), no.Name())
			}
		case no != nil:
			d.ReportChange(nf.At(), of.File, string(nf.Desc.FullName()), "", string(no.Name()),
				"%s moved into oneof %q", fieldDesc(nf), no.Name())
		default:
			d.ReportChange(nf.At(), of.File, string(nf.Desc.FullName()), string(oo.Name()), "",
				"%s moved out of oneof %q", fieldDesc(nf), oo.Name())
		}
	},
}

func realOneof(fd protoreflect.FieldDescriptor) protoreflect.OneofDescriptor {
	if o := fd.ContainingOneof(); o != nil && !o.IsSynthetic() {
		return o
	}
	return nil
}

var ruleFieldSameDefault = &rule{
	Rule: bufRule("FIELD_SAME_DEFAULT", "CSR FILE PACKAGE WIRE_JSON WIRE", "Field changed its default value",
		doc(`Reports a scalar or enum field whose default value changed (explicit default, or the zero value / first enum value when unset). Numeric defaults are compared by value across types. Located at the default option, else at the field.`,
			`Readers substitute the default for absent fields: old and new readers see different values for the same data.`,
			`syntax = "proto2";
message Page {
  optional int32 size = 1 [default = 10];
}`,
			`syntax = "proto2";
message Page {
  optional int32 size = 1 [default = 20];
}`)),
	field: func(d *Diff, of, nf *Field) {
		if !canHaveDefault(of.Desc) || !canHaveDefault(nf.Desc) {
			return
		}
		od, nd := defaultOf(of.Desc), defaultOf(nf.Desc)
		if od.isZero() && nd.isZero() {
			return
		}
		if !defaultsEqual(od, nd) {
			d.ReportChange(nf.At([]int32{fieldDefaultPath}), of.File, string(nf.Desc.FullName()), od.printable, nd.printable,
				"%s changed default value from %s to %s", fieldDesc(nf), od.printable, nd.printable)
		}
	},
}

func canHaveDefault(fd protoreflect.FieldDescriptor) bool {
	return !fd.IsList() && !fd.IsMap() && fd.Message() == nil
}

type fieldDefault struct {
	value     any // string for string and bytes, int32 for enums, the Go value otherwise
	printable string
}

func (f fieldDefault) isZero() bool {
	switch v := f.value.(type) {
	case string:
		return v == ""
	case bool:
		return !v
	case int32:
		return v == 0
	case int64:
		return v == 0
	case uint32:
		return v == 0
	case uint64:
		return v == 0
	case float32:
		return v == 0 && !math.Signbit(float64(v))
	case float64:
		return v == 0 && !math.Signbit(v)
	}
	return f.value == nil
}

func defaultOf(fd protoreflect.FieldDescriptor) fieldDefault {
	v := fd.Default()
	switch fd.Kind() {
	case protoreflect.BytesKind:
		var parts []string
		for _, b := range v.Bytes() {
			parts = append(parts, fmt.Sprintf("0x%X", b))
		}
		return fieldDefault{string(v.Bytes()), "[" + strings.Join(parts, ",") + "]"}
	case protoreflect.StringKind:
		return fieldDefault{v.String(), fmt.Sprintf("%q", v.String())}
	case protoreflect.EnumKind:
		n := v.Enum()
		p := fmt.Sprintf("%s.%d", fd.Enum().Name(), n)
		if ev := fd.Enum().Values().ByNumber(n); ev != nil {
			p = fmt.Sprintf("%s.%s", fd.Enum().Name(), ev.Name())
		}
		return fieldDefault{int32(n), p}
	}
	return fieldDefault{v.Interface(), fmt.Sprint(v.Interface())}
}

// defaultsEqual compares defaults leniently across types (FIELD_SAME_TYPE
// reports type changes): strings with strings, numbers, bools and enums by
// numeric value, float and double at float precision.
func defaultsEqual(a, b fieldDefault) bool {
	_, as := a.value.(string)
	_, bs := b.value.(string)
	if as || bs {
		return a.value == b.value
	}
	switch av := a.value.(type) {
	case float32:
		if bv, ok := b.value.(float64); ok {
			return (math.IsNaN(float64(av)) && math.IsNaN(bv)) || av == float32(bv)
		}
	case float64:
		if bv, ok := b.value.(float32); ok {
			return (math.IsNaN(av) && math.IsNaN(float64(bv))) || float32(av) == bv
		}
	}
	af, aNaN := bigFloat(a.value)
	bf, bNaN := bigFloat(b.value)
	if aNaN || bNaN {
		return aNaN && bNaN
	}
	if af == nil || bf == nil {
		return a.value == b.value
	}
	return af.Cmp(bf) == 0
}

func bigFloat(v any) (*big.Float, bool) {
	switch v := v.(type) {
	case bool:
		if v {
			return big.NewFloat(1), false
		}
		return big.NewFloat(0), false
	case int32:
		return new(big.Float).SetInt64(int64(v)), false
	case int64:
		return new(big.Float).SetInt64(v), false
	case uint32:
		return new(big.Float).SetUint64(uint64(v)), false
	case uint64:
		return new(big.Float).SetUint64(v), false
	case float32:
		if math.IsNaN(float64(v)) {
			return nil, true
		}
		return big.NewFloat(float64(v)), false
	case float64:
		if math.IsNaN(v) {
			return nil, true
		}
		return big.NewFloat(v), false
	}
	return nil, false
}
