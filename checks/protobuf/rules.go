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

// bufRule declares one of buf's breaking rules. cats is a space-separated
// list of buf's categories; rules of the FILE category run by default. Every
// breaking rule is major and breaks both directions: a wire or JSON break
// corrupts data whichever side upgrades first, and a FILE or PACKAGE break
// (generated code) breaks every consumer that regenerates, producers and
// consumers alike.
func bufRule(id, cats, title, doc string) *checks.Rule {
	cs := strings.Fields(cats)
	if !slices.Contains(cs, catWire) && !slices.Contains(cs, catWireJSON) {
		doc += "\nThis is a source-level break (buf's FILE or PACKAGE category): the wire format may survive it, but generated code changes, so every producer and consumer that regenerates breaks; contractlint therefore counts it as breaking both directions.\n"
	}
	return &checks.Rule{
		ID:         id,
		Format:     checks.Protobuf,
		Categories: cs,
		Default:    slices.Contains(cs, catFile),
		Impact:     checks.Major,
		Breaks:     checks.Both,
		Title:      title,
		Doc:        doc,
	}
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
