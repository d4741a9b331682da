package protobuf

import (
	"fmt"
	"slices"
	"strings"

	"github.com/contractlint/contractlint/checks"
)

// buf's breaking-change categories. FILE is the default selection.
const (
	catFile     = "FILE"
	catPackage  = "PACKAGE"
	catWireJSON = "WIRE_JSON"
	catWire     = "WIRE"
	// catCSR is buf's Confluent Schema Registry category.
	catCSR = "CSR"
)

// breakingRules are buf's breaking rules (buf v2 configuration), with buf's
// IDs and categories, in buf's documentation order.
var breakingRules = []*rule{
	// FILE only
	ruleEnumNoDelete,
	ruleExtensionNoDelete,
	ruleFileNoDelete,
	ruleMessageNoDelete,
	ruleServiceNoDelete,
	// FILE and PACKAGE
	ruleEnumSameType,
	ruleEnumValueNoDelete,
	ruleExtensionMessageNoDelete,
	ruleFieldNoDelete,
	ruleFieldSameCardinality,
	ruleFieldSameCppStringType,
	ruleFieldSameJavaUTF8Validation,
	ruleFieldSameJSType,
	ruleFieldSameType,
	ruleFieldSameUTF8Validation,
	ruleFileSameCcEnableArenas,
	ruleFileSameCcGenericServices,
	ruleFileSameCsharpNamespace,
	ruleFileSameGoPackage,
	ruleFileSameJavaGenericServices,
	ruleFileSameJavaMultipleFiles,
	ruleFileSameJavaOuterClassname,
	ruleFileSameJavaPackage,
	ruleFileSameObjcClassPrefix,
	ruleFileSameOptimizeFor,
	ruleFileSamePhpClassPrefix,
	ruleFileSamePhpMetadataNamespace,
	ruleFileSamePhpNamespace,
	ruleFileSamePyGenericServices,
	ruleFileSameRubyPackage,
	ruleFileSameSwiftPrefix,
	ruleFileSameSyntax,
	ruleMessageNoRemoveStandardDescriptorAccessor,
	ruleOneofNoDelete,
	ruleRPCNoDelete,
	// FILE, PACKAGE and WIRE_JSON
	ruleEnumSameJSONFormat,
	ruleEnumValueSameName,
	ruleFieldSameJSONName,
	ruleFieldSameName,
	ruleMessageSameJSONFormat,
	// FILE, PACKAGE, WIRE_JSON and WIRE
	ruleFieldSameDefault,
	ruleFieldSameOneof,
	ruleFileSamePackage,
	ruleMessageSameRequiredFields,
	ruleReservedEnumNoDelete,
	ruleReservedMessageNoDelete,
	ruleRPCSameClientStreaming,
	ruleRPCSameIdempotencyLevel,
	ruleRPCSameRequestType,
	ruleRPCSameResponseType,
	ruleRPCSameServerStreaming,
	// PACKAGE only
	rulePackageEnumNoDelete,
	rulePackageExtensionNoDelete,
	rulePackageMessageNoDelete,
	rulePackageNoDelete,
	rulePackageServiceNoDelete,
	// WIRE_JSON only
	ruleEnumValueNoDeleteUnlessNameReserved,
	ruleFieldNoDeleteUnlessNameReserved,
	ruleFieldWireJSONCompatibleCardinality,
	ruleFieldWireJSONCompatibleType,
	// WIRE_JSON and WIRE
	ruleEnumValueNoDeleteUnlessNumberReserved,
	ruleFieldNoDeleteUnlessNumberReserved,
	// WIRE only
	ruleFieldWireCompatibleCardinality,
	ruleFieldWireCompatibleType,
}

// deprecatedRules are buf's deprecated breaking rule IDs. buf still accepts
// them in buf.yaml and runs their replacements instead; contractlint does
// the same wherever a rule ID is accepted (--rules, rules:, impacts:,
// ignores, buf.yaml). They report nothing themselves.
var deprecatedRules = []*rule{
	{Rule: bufDeprecated("FIELD_SAME_CTYPE", "Field ctype option changed (deprecated)", "the ctype field option", "FIELD_SAME_CPP_STRING_TYPE")},
	{Rule: bufDeprecated("FIELD_SAME_LABEL", "Field label changed (deprecated)", "field labels (optional, required, repeated)",
		"FIELD_SAME_CARDINALITY", "FIELD_WIRE_COMPATIBLE_CARDINALITY", "FIELD_WIRE_JSON_COMPATIBLE_CARDINALITY")},
	{Rule: bufDeprecated("FILE_SAME_JAVA_STRING_CHECK_UTF8", "File java_string_check_utf8 option changed (deprecated)", "the java_string_check_utf8 file option", "FIELD_SAME_JAVA_UTF8_VALIDATION")},
	{Rule: bufDeprecated("FILE_SAME_PHP_GENERIC_SERVICES", "File php_generic_services option changed (deprecated)", "the php_generic_services file option, which protoc no longer accepts")},
	{Rule: bufDeprecated("MESSAGE_SAME_MESSAGE_SET_WIRE_FORMAT", "Message message_set_wire_format option changed (deprecated)", "the message_set_wire_format message option, which protobuf-go no longer lets tools inspect")},
}

// bufDeprecated declares one of buf's deprecated rule IDs, replaced by
// successors (none when buf made the rule a no-op).
func bufDeprecated(id, title, what string, successors ...string) *checks.Rule {
	r := &checks.Rule{
		ID:         id,
		Format:     checks.Protobuf,
		Impact:     checks.Major,
		Levels:     checks.Source, // buf's FILE rules, they never fire
		Title:      title,
		ReplacedBy: successors,
	}
	if len(successors) == 0 {
		r.Title = strings.Replace(title, "(deprecated)", "(deprecated, checks nothing)", 1)
		r.Doc = fmt.Sprintf("buf's deprecated rule about %s. buf turned it into a no-op, and so does contractlint: naming it in --rules, a configuration or a buf.yaml is accepted and checks nothing.\n", what)
		return r
	}
	r.Deprecated = successors[0]
	r.Doc = fmt.Sprintf("buf's deprecated rule about %s. Naming it in --rules, `rules:`, `impacts:`, an ignore or a buf.yaml selects, overrides or ignores its replacements instead, as buf does: %s.\n", what, "`"+strings.Join(successors, "`, `")+"`")
	return r
}

// bufRule declares one of buf's breaking rules. cats is a space-separated
// list of buf's categories; rules of the FILE category run by default. Every
// breaking rule is major. What it breaks follows buf's categories exactly
// (see [LevelsOf]): a WIRE rule breaks readers of binary and JSON data in
// both directions (whichever side upgrades first) and generated code; a
// WIRE_JSON rule readers of JSON data and generated code; a FILE or PACKAGE
// rule only generated code.
func bufRule(id, cats, title, doc string) *checks.Rule {
	cs := strings.Fields(cats)
	levels := LevelsOf(cs)
	var breaks checks.Direction
	if levels&checks.Data != 0 {
		breaks = checks.Both
	}
	if levels&checks.Data == 0 {
		doc += "\nThis is a source-level break (buf's FILE or PACKAGE category only): readers of binary and JSON data are unaffected, but code generated from the contract changes, so every producer and consumer that regenerates breaks. It is major by default; a contract with `versioning: data` counts it as minor.\n"
	}
	return &checks.Rule{
		ID:         id,
		Format:     checks.Protobuf,
		Categories: cs,
		Default:    slices.Contains(cs, catFile),
		Impact:     checks.Major,
		Breaks:     breaks,
		Levels:     levels,
		Title:      title,
		Doc:        doc,
	}
}

// LevelsOf returns what a breaking rule of buf's categories cats breaks:
// WIRE means wire, json and source; WIRE_JSON json and source; FILE or
// PACKAGE alone source. buf's categories nest (every WIRE rule is also in
// WIRE_JSON, every WIRE_JSON rule in FILE and PACKAGE, or has a FILE twin),
// so a rule breaks generated code whenever it breaks data.
func LevelsOf(cats []string) checks.Level {
	switch {
	case slices.Contains(cats, catWire):
		return checks.Wire | checks.JSON | checks.Source
	case slices.Contains(cats, catWireJSON):
		return checks.JSON | checks.Source
	case slices.Contains(cats, catFile), slices.Contains(cats, catPackage):
		return checks.Source
	}
	return 0
}

// doc assembles a rule's Markdown documentation: what it detects, why it
// matters, an old/new example and optional notes.
func doc(what, why, oldProto, newProto string, notes ...string) string {
	var b strings.Builder
	b.WriteString(strings.TrimSpace(what))
	b.WriteString("\n\n**Why it matters:** ")
	b.WriteString(strings.TrimSpace(why))
	b.WriteString("\n\nOld:\n\n```proto\n")
	b.WriteString(strings.TrimSpace(oldProto))
	b.WriteString("\n```\n\nNew:\n\n```proto\n")
	b.WriteString(strings.TrimSpace(newProto))
	b.WriteString("\n```\n")
	for _, n := range notes {
		b.WriteString("\n")
		b.WriteString(strings.TrimSpace(n))
		b.WriteString("\n")
	}
	return b.String()
}

// fieldDesc describes a field or an extension for messages.
func fieldDesc(f *Field) string {
	if f.IsExtension() {
		return fmt.Sprintf("extension %d %q of %q", f.Desc.Number(), f.Desc.FullName(), f.Desc.ContainingMessage().FullName())
	}
	return fmt.Sprintf("field %d %q of message %q", f.Desc.Number(), f.Desc.Name(), f.Message.Desc.Name())
}
