package jsonschema

import (
	"fmt"
	"strings"

	"github.com/contractlint/contractlint/checks"
)

// Rule categories of the JSON Schema engine.
const (
	// CategoryConfluent holds the rules named after Confluent Schema
	// Registry's difference types.
	CategoryConfluent = "CONFLUENT"
	// CategoryExtra holds contractlint's own rules for keywords Confluent
	// does not diff.
	CategoryExtra = "JSON_SCHEMA_EXTRA"
	// CategoryDocs holds documentation-only changes.
	CategoryDocs = "JSON_SCHEMA_DOCS"
)

const (
	bwd  = checks.Backward
	fwd  = checks.Forward
	both = checks.Both
)

// example is a rule's documented old/new pair; it is also its golden case.
type example struct {
	old, new string
	policy   Policy // the policy under which the example fires
}

// ruleDef declares one rule compactly.
type ruleDef struct {
	id       string
	impact   checks.Impact
	breaks   checks.Direction
	category string
	title    string
	doc      string
	ex       example
	// deprecated names the successor of a rule that is no longer reported.
	deprecated string
}

func ex(old, new string) example { return example{old: old, new: new} }

func exStrict(old, new string) example {
	return example{old: old, new: new, policy: Strict}
}

// The rules, Confluent's difference types first, in the order of
// Confluent's Difference.Type. Each is a value that its emit sites in
// compare.go and engine.go name, so that grepping a rule ID finds both its
// declaration and where it fires.
var (
	// ID_CHANGED is the rule "Schema $id changed".
	ID_CHANGED = newRule(ruleDef{"ID_CHANGED", checks.Minor, 0, CategoryConfluent, "Schema $id changed",
		"The schema's `$id` (or draft-04 `id`) changed. Data is unaffected, but references to the old URI no longer find the schema. Known difference from Confluent: for 2020-12 schemas Confluent reports no difference when `$id` changes; contractlint still reports it (1 of Confluent's published 2020-12 examples).",
		ex(`{"$id": "https://example.com/a.json"}`, `{"$id": "https://example.com/b.json"}`), ""})
	// DESCRIPTION_CHANGED is the rule "Description changed".
	DESCRIPTION_CHANGED = newRule(ruleDef{"DESCRIPTION_CHANGED", checks.Patch, 0, CategoryDocs, "Description changed",
		"A `description` was added, removed or reworded: documentation only.",
		ex(`{"type": "string", "description": "Name"}`, `{"type": "string", "description": "Full name"}`), ""})
	// TITLE_CHANGED is the rule "Title changed".
	TITLE_CHANGED = newRule(ruleDef{"TITLE_CHANGED", checks.Patch, 0, CategoryDocs, "Title changed",
		"A `title` was added, removed or reworded: documentation only.",
		ex(`{"type": "string", "title": "Name"}`, `{"type": "string", "title": "Full name"}`), ""})
	// DEFAULT_CHANGED is the rule "Default value changed".
	DEFAULT_CHANGED = newRule(ruleDef{"DEFAULT_CHANGED", checks.Minor, 0, CategoryConfluent, "Default value changed",
		"A `default` was added, removed or changed. Validation is unaffected, but readers that fill in defaults now see another value.",
		ex(`{"type": "integer", "default": 1}`, `{"type": "integer", "default": 2}`), ""})
	// SCHEMA_ADDED is the rule "Item schema added".
	SCHEMA_ADDED = newRule(ruleDef{"SCHEMA_ADDED", checks.Major, bwd, CategoryConfluent, "Item schema added",
		"An `items` schema was added where there was none: the new schema constrains items the old one accepted, so new readers may reject old data.",
		ex(`{"type": "array"}`, `{"type": "array", "items": {"type": "string"}}`), ""})
	// SCHEMA_REMOVED is the rule "Item schema removed".
	SCHEMA_REMOVED = newRule(ruleDef{"SCHEMA_REMOVED", checks.Major, fwd, CategoryConfluent, "Item schema removed",
		"An `items` schema was removed: new data may hold items old readers reject.",
		ex(`{"type": "array", "items": {"type": "string"}}`, `{"type": "array"}`), ""})
	// TYPE_EXTENDED is the rule "Type extended".
	TYPE_EXTENDED = newRule(ruleDef{"TYPE_EXTENDED", checks.Major, fwd, CategoryConfluent, "Type extended",
		"The type was widened (`integer` to `number`): new readers accept old data, old readers may reject new data.",
		ex(`{"type": "integer"}`, `{"type": "number"}`), ""})
	// TYPE_NARROWED is the rule "Type narrowed".
	TYPE_NARROWED = newRule(ruleDef{"TYPE_NARROWED", checks.Major, bwd, CategoryConfluent, "Type narrowed",
		"The type was narrowed (`number` to `integer`): new readers reject old data with fractions.",
		ex(`{"type": "number"}`, `{"type": "integer"}`), ""})
	// TYPE_CHANGED is the rule "Type changed".
	TYPE_CHANGED = newRule(ruleDef{"TYPE_CHANGED", checks.Major, both, CategoryConfluent, "Type changed",
		"The schema now describes a different kind of value (string to object, enum to string, ...): neither side reads the other's data.",
		ex(`{"type": "string"}`, `{"type": "object"}`), ""})

	// MAX_LENGTH_ADDED is the rule "Maximum length added".
	MAX_LENGTH_ADDED = newRule(ruleDef{"MAX_LENGTH_ADDED", checks.Major, bwd, CategoryConfluent, "Maximum length added",
		"`maxLength` was added: new readers reject longer strings old writers produced.",
		ex(`{"type": "string"}`, `{"type": "string", "maxLength": 10}`), ""})
	// MAX_LENGTH_REMOVED is the rule "Maximum length removed".
	MAX_LENGTH_REMOVED = newRule(ruleDef{"MAX_LENGTH_REMOVED", checks.Major, fwd, CategoryConfluent, "Maximum length removed",
		"`maxLength` was removed: new writers may produce strings old readers reject.",
		ex(`{"type": "string", "maxLength": 10}`, `{"type": "string"}`), ""})
	// MAX_LENGTH_INCREASED is the rule "Maximum length increased".
	MAX_LENGTH_INCREASED = newRule(ruleDef{"MAX_LENGTH_INCREASED", checks.Major, fwd, CategoryConfluent, "Maximum length increased",
		"`maxLength` grew: new writers may produce strings old readers reject.",
		ex(`{"type": "string", "maxLength": 10}`, `{"type": "string", "maxLength": 12}`), ""})
	// MAX_LENGTH_DECREASED is the rule "Maximum length decreased".
	MAX_LENGTH_DECREASED = newRule(ruleDef{"MAX_LENGTH_DECREASED", checks.Major, bwd, CategoryConfluent, "Maximum length decreased",
		"`maxLength` shrank: new readers reject longer strings old writers produced.",
		ex(`{"type": "string", "maxLength": 12}`, `{"type": "string", "maxLength": 10}`), ""})
	// MIN_LENGTH_ADDED is the rule "Minimum length added".
	MIN_LENGTH_ADDED = newRule(ruleDef{"MIN_LENGTH_ADDED", checks.Major, bwd, CategoryConfluent, "Minimum length added",
		"`minLength` was added: new readers reject shorter strings old writers produced.",
		ex(`{"type": "string"}`, `{"type": "string", "minLength": 2}`), ""})
	// MIN_LENGTH_REMOVED is the rule "Minimum length removed".
	MIN_LENGTH_REMOVED = newRule(ruleDef{"MIN_LENGTH_REMOVED", checks.Major, fwd, CategoryConfluent, "Minimum length removed",
		"`minLength` was removed: new writers may produce strings old readers reject.",
		ex(`{"type": "string", "minLength": 2}`, `{"type": "string"}`), ""})
	// MIN_LENGTH_INCREASED is the rule "Minimum length increased".
	MIN_LENGTH_INCREASED = newRule(ruleDef{"MIN_LENGTH_INCREASED", checks.Major, bwd, CategoryConfluent, "Minimum length increased",
		"`minLength` grew: new readers reject shorter strings old writers produced.",
		ex(`{"type": "string", "minLength": 2}`, `{"type": "string", "minLength": 3}`), ""})
	// MIN_LENGTH_DECREASED is the rule "Minimum length decreased".
	MIN_LENGTH_DECREASED = newRule(ruleDef{"MIN_LENGTH_DECREASED", checks.Major, fwd, CategoryConfluent, "Minimum length decreased",
		"`minLength` shrank: new writers may produce strings old readers reject.",
		ex(`{"type": "string", "minLength": 3}`, `{"type": "string", "minLength": 2}`), ""})
	// PATTERN_ADDED is the rule "Pattern added".
	PATTERN_ADDED = newRule(ruleDef{"PATTERN_ADDED", checks.Major, bwd, CategoryConfluent, "Pattern added",
		"A `pattern` was added: new readers reject strings that do not match it.",
		ex(`{"type": "string"}`, `{"type": "string", "pattern": "^[a-z]+$"}`), ""})
	// PATTERN_REMOVED is the rule "Pattern removed".
	PATTERN_REMOVED = newRule(ruleDef{"PATTERN_REMOVED", checks.Major, fwd, CategoryConfluent, "Pattern removed",
		"A `pattern` was removed: new writers may produce strings old readers reject.",
		ex(`{"type": "string", "pattern": "^[a-z]+$"}`, `{"type": "string"}`), ""})
	// PATTERN_CHANGED is the rule "Pattern changed".
	PATTERN_CHANGED = newRule(ruleDef{"PATTERN_CHANGED", checks.Major, both, CategoryConfluent, "Pattern changed",
		"A `pattern` changed. Regular expressions cannot be compared in general, so the change is taken to break both ways.",
		ex(`{"type": "string", "pattern": "^[a-z]+$"}`, `{"type": "string", "pattern": "^[A-Z]+$"}`), ""})

	// MAXIMUM_ADDED is the rule "Maximum added".
	MAXIMUM_ADDED = newRule(ruleDef{"MAXIMUM_ADDED", checks.Major, bwd, CategoryConfluent, "Maximum added",
		"`maximum` was added: new readers reject larger numbers old writers produced.",
		ex(`{"type": "number"}`, `{"type": "number", "maximum": 10}`), ""})
	// MAXIMUM_REMOVED is the rule "Maximum removed".
	MAXIMUM_REMOVED = newRule(ruleDef{"MAXIMUM_REMOVED", checks.Major, fwd, CategoryConfluent, "Maximum removed",
		"`maximum` was removed: new writers may produce numbers old readers reject.",
		ex(`{"type": "number", "maximum": 10}`, `{"type": "number"}`), ""})
	// MAXIMUM_INCREASED is the rule "Maximum increased".
	MAXIMUM_INCREASED = newRule(ruleDef{"MAXIMUM_INCREASED", checks.Major, fwd, CategoryConfluent, "Maximum increased",
		"`maximum` grew: new writers may produce numbers old readers reject.",
		ex(`{"type": "number", "maximum": 10}`, `{"type": "number", "maximum": 11}`), ""})
	// MAXIMUM_DECREASED is the rule "Maximum decreased".
	MAXIMUM_DECREASED = newRule(ruleDef{"MAXIMUM_DECREASED", checks.Major, bwd, CategoryConfluent, "Maximum decreased",
		"`maximum` shrank: new readers reject larger numbers old writers produced.",
		ex(`{"type": "number", "maximum": 11}`, `{"type": "number", "maximum": 10}`), ""})
	// MINIMUM_ADDED is the rule "Minimum added".
	MINIMUM_ADDED = newRule(ruleDef{"MINIMUM_ADDED", checks.Major, bwd, CategoryConfluent, "Minimum added",
		"`minimum` was added: new readers reject smaller numbers old writers produced.",
		ex(`{"type": "number"}`, `{"type": "number", "minimum": 1}`), ""})
	// MINIMUM_REMOVED is the rule "Minimum removed".
	MINIMUM_REMOVED = newRule(ruleDef{"MINIMUM_REMOVED", checks.Major, fwd, CategoryConfluent, "Minimum removed",
		"`minimum` was removed: new writers may produce numbers old readers reject.",
		ex(`{"type": "number", "minimum": 1}`, `{"type": "number"}`), ""})
	// MINIMUM_INCREASED is the rule "Minimum increased".
	MINIMUM_INCREASED = newRule(ruleDef{"MINIMUM_INCREASED", checks.Major, bwd, CategoryConfluent, "Minimum increased",
		"`minimum` grew: new readers reject smaller numbers old writers produced.",
		ex(`{"type": "number", "minimum": 1}`, `{"type": "number", "minimum": 2}`), ""})
	// MINIMUM_DECREASED is the rule "Minimum decreased".
	MINIMUM_DECREASED = newRule(ruleDef{"MINIMUM_DECREASED", checks.Major, fwd, CategoryConfluent, "Minimum decreased",
		"`minimum` shrank: new writers may produce numbers old readers reject.",
		ex(`{"type": "number", "minimum": 2}`, `{"type": "number", "minimum": 1}`), ""})
	// EXCLUSIVE_MAXIMUM_ADDED is the rule "Exclusive maximum added".
	EXCLUSIVE_MAXIMUM_ADDED = newRule(ruleDef{"EXCLUSIVE_MAXIMUM_ADDED", checks.Major, bwd, CategoryConfluent, "Exclusive maximum added",
		"`exclusiveMaximum` was added (draft-04's boolean form is normalised to a limit): new readers reject numbers at or above it.",
		ex(`{"type": "number"}`, `{"type": "number", "exclusiveMaximum": 10}`), ""})
	// EXCLUSIVE_MAXIMUM_REMOVED is the rule "Exclusive maximum removed".
	EXCLUSIVE_MAXIMUM_REMOVED = newRule(ruleDef{"EXCLUSIVE_MAXIMUM_REMOVED", checks.Major, fwd, CategoryConfluent, "Exclusive maximum removed",
		"`exclusiveMaximum` was removed: new writers may produce numbers old readers reject.",
		ex(`{"type": "number", "exclusiveMaximum": 10}`, `{"type": "number"}`), ""})
	// EXCLUSIVE_MAXIMUM_INCREASED is the rule "Exclusive maximum increased".
	EXCLUSIVE_MAXIMUM_INCREASED = newRule(ruleDef{"EXCLUSIVE_MAXIMUM_INCREASED", checks.Major, fwd, CategoryConfluent, "Exclusive maximum increased",
		"`exclusiveMaximum` grew: new writers may produce numbers old readers reject.",
		ex(`{"type": "number", "exclusiveMaximum": 10}`, `{"type": "number", "exclusiveMaximum": 11}`), ""})
	// EXCLUSIVE_MAXIMUM_DECREASED is the rule "Exclusive maximum decreased".
	EXCLUSIVE_MAXIMUM_DECREASED = newRule(ruleDef{"EXCLUSIVE_MAXIMUM_DECREASED", checks.Major, bwd, CategoryConfluent, "Exclusive maximum decreased",
		"`exclusiveMaximum` shrank: new readers reject numbers old writers produced.",
		ex(`{"type": "number", "exclusiveMaximum": 11}`, `{"type": "number", "exclusiveMaximum": 10}`), ""})
	// EXCLUSIVE_MINIMUM_ADDED is the rule "Exclusive minimum added".
	EXCLUSIVE_MINIMUM_ADDED = newRule(ruleDef{"EXCLUSIVE_MINIMUM_ADDED", checks.Major, bwd, CategoryConfluent, "Exclusive minimum added",
		"`exclusiveMinimum` was added (draft-04's boolean form is normalised to a limit): new readers reject numbers at or below it.",
		ex(`{"type": "number"}`, `{"type": "number", "exclusiveMinimum": 0}`), ""})
	// EXCLUSIVE_MINIMUM_REMOVED is the rule "Exclusive minimum removed".
	EXCLUSIVE_MINIMUM_REMOVED = newRule(ruleDef{"EXCLUSIVE_MINIMUM_REMOVED", checks.Major, fwd, CategoryConfluent, "Exclusive minimum removed",
		"`exclusiveMinimum` was removed: new writers may produce numbers old readers reject.",
		ex(`{"type": "number", "exclusiveMinimum": 0}`, `{"type": "number"}`), ""})
	// EXCLUSIVE_MINIMUM_INCREASED is the rule "Exclusive minimum increased".
	EXCLUSIVE_MINIMUM_INCREASED = newRule(ruleDef{"EXCLUSIVE_MINIMUM_INCREASED", checks.Major, bwd, CategoryConfluent, "Exclusive minimum increased",
		"`exclusiveMinimum` grew: new readers reject numbers old writers produced.",
		ex(`{"type": "number", "exclusiveMinimum": 0}`, `{"type": "number", "exclusiveMinimum": 1}`), ""})
	// EXCLUSIVE_MINIMUM_DECREASED is the rule "Exclusive minimum decreased".
	EXCLUSIVE_MINIMUM_DECREASED = newRule(ruleDef{"EXCLUSIVE_MINIMUM_DECREASED", checks.Major, fwd, CategoryConfluent, "Exclusive minimum decreased",
		"`exclusiveMinimum` shrank: new writers may produce numbers old readers reject.",
		ex(`{"type": "number", "exclusiveMinimum": 1}`, `{"type": "number", "exclusiveMinimum": 0}`), ""})
	// MULTIPLE_OF_ADDED is the rule "Multiple-of added".
	MULTIPLE_OF_ADDED = newRule(ruleDef{"MULTIPLE_OF_ADDED", checks.Major, bwd, CategoryConfluent, "Multiple-of added",
		"`multipleOf` was added: new readers reject numbers that are not multiples.",
		ex(`{"type": "number"}`, `{"type": "number", "multipleOf": 5}`), ""})
	// MULTIPLE_OF_REMOVED is the rule "Multiple-of removed".
	MULTIPLE_OF_REMOVED = newRule(ruleDef{"MULTIPLE_OF_REMOVED", checks.Major, fwd, CategoryConfluent, "Multiple-of removed",
		"`multipleOf` was removed: new writers may produce numbers old readers reject.",
		ex(`{"type": "number", "multipleOf": 5}`, `{"type": "number"}`), ""})
	// MULTIPLE_OF_EXPANDED is the rule "Multiple-of expanded".
	MULTIPLE_OF_EXPANDED = newRule(ruleDef{"MULTIPLE_OF_EXPANDED", checks.Major, bwd, CategoryConfluent, "Multiple-of expanded",
		"`multipleOf` became a multiple of the old one (5 to 10): new readers reject some old values.",
		ex(`{"type": "number", "multipleOf": 5}`, `{"type": "number", "multipleOf": 10}`), ""})
	// MULTIPLE_OF_REDUCED is the rule "Multiple-of reduced".
	MULTIPLE_OF_REDUCED = newRule(ruleDef{"MULTIPLE_OF_REDUCED", checks.Major, fwd, CategoryConfluent, "Multiple-of reduced",
		"`multipleOf` became a divisor of the old one (10 to 5): new writers may produce values old readers reject.",
		ex(`{"type": "number", "multipleOf": 10}`, `{"type": "number", "multipleOf": 5}`), ""})
	// MULTIPLE_OF_CHANGED is the rule "Multiple-of changed".
	MULTIPLE_OF_CHANGED = newRule(ruleDef{"MULTIPLE_OF_CHANGED", checks.Major, both, CategoryConfluent, "Multiple-of changed",
		"`multipleOf` changed to a value that neither divides nor is divided by the old one.",
		ex(`{"type": "number", "multipleOf": 10}`, `{"type": "number", "multipleOf": 3}`), ""})

	// REQUIRED_ATTRIBUTE_ADDED is the rule "Existing property made required".
	REQUIRED_ATTRIBUTE_ADDED = newRule(ruleDef{"REQUIRED_ATTRIBUTE_ADDED", checks.Major, bwd, CategoryConfluent, "Existing property made required",
		"An existing property became `required` without a default: old data that omits it is rejected by new readers.",
		ex(`{"type": "object", "properties": {"a": {"type": "string"}}}`, `{"type": "object", "properties": {"a": {"type": "string"}}, "required": ["a"]}`), ""})
	// REQUIRED_ATTRIBUTE_WITH_DEFAULT_ADDED is the rule "Existing property with a default made required".
	REQUIRED_ATTRIBUTE_WITH_DEFAULT_ADDED = newRule(ruleDef{"REQUIRED_ATTRIBUTE_WITH_DEFAULT_ADDED", checks.Minor, 0, CategoryConfluent, "Existing property with a default made required",
		"An existing property with a `default` became `required`: readers fill in the default for old data.",
		ex(`{"type": "object", "properties": {"a": {"type": "string", "default": "x"}}}`, `{"type": "object", "properties": {"a": {"type": "string", "default": "x"}}, "required": ["a"]}`), ""})
	// REQUIRED_ATTRIBUTE_REMOVED is the rule "Property no longer required".
	REQUIRED_ATTRIBUTE_REMOVED = newRule(ruleDef{"REQUIRED_ATTRIBUTE_REMOVED", checks.Major, fwd, CategoryConfluent, "Property no longer required",
		"A property is no longer `required`: new data may omit it, which old readers reject.",
		ex(`{"type": "object", "properties": {"a": {"type": "string"}}, "required": ["a"]}`, `{"type": "object", "properties": {"a": {"type": "string"}}}`), ""})
	// MAX_PROPERTIES_ADDED is the rule "Maximum property count added".
	MAX_PROPERTIES_ADDED = newRule(ruleDef{"MAX_PROPERTIES_ADDED", checks.Major, bwd, CategoryConfluent, "Maximum property count added",
		"`maxProperties` was added: new readers reject larger objects.",
		ex(`{"type": "object"}`, `{"type": "object", "maxProperties": 5}`), ""})
	// MAX_PROPERTIES_REMOVED is the rule "Maximum property count removed".
	MAX_PROPERTIES_REMOVED = newRule(ruleDef{"MAX_PROPERTIES_REMOVED", checks.Major, fwd, CategoryConfluent, "Maximum property count removed",
		"`maxProperties` was removed: new writers may produce objects old readers reject. Known difference from Confluent: for 2020-12 schemas Confluent reports nothing when `maxProperties` is removed from a schema that also has an empty `properties` object; contractlint reports the removal (1 of Confluent's published 2020-12 examples).",
		ex(`{"type": "object", "maxProperties": 5}`, `{"type": "object"}`), ""})
	// MAX_PROPERTIES_INCREASED is the rule "Maximum property count increased".
	MAX_PROPERTIES_INCREASED = newRule(ruleDef{"MAX_PROPERTIES_INCREASED", checks.Major, fwd, CategoryConfluent, "Maximum property count increased",
		"`maxProperties` grew: new writers may produce objects old readers reject.",
		ex(`{"type": "object", "maxProperties": 5}`, `{"type": "object", "maxProperties": 6}`), ""})
	// MAX_PROPERTIES_DECREASED is the rule "Maximum property count decreased".
	MAX_PROPERTIES_DECREASED = newRule(ruleDef{"MAX_PROPERTIES_DECREASED", checks.Major, bwd, CategoryConfluent, "Maximum property count decreased",
		"`maxProperties` shrank: new readers reject larger objects.",
		ex(`{"type": "object", "maxProperties": 6}`, `{"type": "object", "maxProperties": 5}`), ""})
	// MIN_PROPERTIES_ADDED is the rule "Minimum property count added".
	MIN_PROPERTIES_ADDED = newRule(ruleDef{"MIN_PROPERTIES_ADDED", checks.Major, bwd, CategoryConfluent, "Minimum property count added",
		"`minProperties` was added: new readers reject smaller objects.",
		ex(`{"type": "object"}`, `{"type": "object", "minProperties": 1}`), ""})
	// MIN_PROPERTIES_REMOVED is the rule "Minimum property count removed".
	MIN_PROPERTIES_REMOVED = newRule(ruleDef{"MIN_PROPERTIES_REMOVED", checks.Major, fwd, CategoryConfluent, "Minimum property count removed",
		"`minProperties` was removed: new writers may produce objects old readers reject. Known difference from Confluent: for 2020-12 schemas Confluent reports nothing when `minProperties` is removed from a schema that also has an empty `properties` object; contractlint reports the removal (1 of Confluent's published 2020-12 examples).",
		ex(`{"type": "object", "minProperties": 1}`, `{"type": "object"}`), ""})
	// MIN_PROPERTIES_INCREASED is the rule "Minimum property count increased".
	MIN_PROPERTIES_INCREASED = newRule(ruleDef{"MIN_PROPERTIES_INCREASED", checks.Major, bwd, CategoryConfluent, "Minimum property count increased",
		"`minProperties` grew: new readers reject smaller objects.",
		ex(`{"type": "object", "minProperties": 1}`, `{"type": "object", "minProperties": 2}`), ""})
	// MIN_PROPERTIES_DECREASED is the rule "Minimum property count decreased".
	MIN_PROPERTIES_DECREASED = newRule(ruleDef{"MIN_PROPERTIES_DECREASED", checks.Major, fwd, CategoryConfluent, "Minimum property count decreased",
		"`minProperties` shrank: new writers may produce objects old readers reject.",
		ex(`{"type": "object", "minProperties": 2}`, `{"type": "object", "minProperties": 1}`), ""})
	// ADDITIONAL_PROPERTIES_ADDED is the rule "Additional properties allowed".
	ADDITIONAL_PROPERTIES_ADDED = newRule(ruleDef{"ADDITIONAL_PROPERTIES_ADDED", checks.Major, fwd, CategoryConfluent, "Additional properties allowed",
		"A closed object (`additionalProperties: false`) was opened: new writers may add properties old readers reject. Known difference from Confluent: for 2020-12 schemas Confluent reports nothing when `additionalProperties: false` is removed from a schema that also has an empty `properties` object; contractlint reports it (1 of Confluent's published 2020-12 examples). Under the lenient policy writers emit only what their schema declares, so opening a closed object breaks nobody (ADDITIONAL_PROPERTIES_OPENED), unless the new object has an `additionalProperties` schema whose entries new writers emit; that stays ADDITIONAL_PROPERTIES_ADDED.",
		exStrict(`{"type": "object", "additionalProperties": false}`, `{"type": "object"}`), ""})
	// ADDITIONAL_PROPERTIES_REMOVED is the rule "Additional properties forbidden".
	ADDITIONAL_PROPERTIES_REMOVED = newRule(ruleDef{"ADDITIONAL_PROPERTIES_REMOVED", checks.Major, bwd, CategoryConfluent, "Additional properties forbidden",
		"An object was closed with `additionalProperties: false`: new readers reject old data with extra properties. Under the lenient policy old writers emitted only what their schema declared, so closing an open object breaks nobody (ADDITIONAL_PROPERTIES_CLOSED), unless the old object had an `additionalProperties` schema whose entries old writers emitted; that stays ADDITIONAL_PROPERTIES_REMOVED.",
		exStrict(`{"type": "object"}`, `{"type": "object", "additionalProperties": false}`), ""})
	// ADDITIONAL_PROPERTIES_EXTENDED is the rule "Additional-properties schema removed".
	ADDITIONAL_PROPERTIES_EXTENDED = newRule(ruleDef{"ADDITIONAL_PROPERTIES_EXTENDED", checks.Major, fwd, CategoryConfluent, "Additional-properties schema removed",
		"An `additionalProperties` schema was removed: extra properties may now hold any value, which old readers reject. Under the lenient policy this is ADDITIONAL_PROPERTIES_SCHEMA_REMOVED: new writers emit no undeclared properties.",
		exStrict(`{"type": "object", "additionalProperties": {"type": "string"}}`, `{"type": "object"}`), ""})
	// ADDITIONAL_PROPERTIES_NARROWED is the rule "Additional-properties schema added".
	ADDITIONAL_PROPERTIES_NARROWED = newRule(ruleDef{"ADDITIONAL_PROPERTIES_NARROWED", checks.Major, bwd, CategoryConfluent, "Additional-properties schema added",
		"An `additionalProperties` schema was added: new readers reject extra properties that do not match it. Under the lenient policy this is ADDITIONAL_PROPERTIES_SCHEMA_ADDED: old writers emitted no undeclared properties (Confluent agrees under its LENIENT policy).",
		exStrict(`{"type": "object"}`, `{"type": "object", "additionalProperties": {"type": "string"}}`), ""})
	// DEPENDENCY_ARRAY_ADDED is the rule "Property dependency added".
	DEPENDENCY_ARRAY_ADDED = newRule(ruleDef{"DEPENDENCY_ARRAY_ADDED", checks.Major, bwd, CategoryConfluent, "Property dependency added",
		"A property dependency (`dependencies` / `dependentRequired`) was added: new readers reject objects missing the dependents.",
		ex(`{"type": "object"}`, `{"type": "object", "dependentRequired": {"a": ["b"]}}`), ""})
	// DEPENDENCY_ARRAY_REMOVED is the rule "Property dependency removed".
	DEPENDENCY_ARRAY_REMOVED = newRule(ruleDef{"DEPENDENCY_ARRAY_REMOVED", checks.Major, fwd, CategoryConfluent, "Property dependency removed",
		"A property dependency was removed: new writers may omit properties old readers require.",
		ex(`{"type": "object", "dependentRequired": {"a": ["b"]}}`, `{"type": "object"}`), ""})
	// DEPENDENCY_ARRAY_EXTENDED is the rule "Property dependency extended".
	DEPENDENCY_ARRAY_EXTENDED = newRule(ruleDef{"DEPENDENCY_ARRAY_EXTENDED", checks.Major, bwd, CategoryConfluent, "Property dependency extended",
		"A property dependency lists more properties: new readers reject objects missing them.",
		ex(`{"type": "object", "dependentRequired": {"a": ["b"]}}`, `{"type": "object", "dependentRequired": {"a": ["b", "c"]}}`), ""})
	// DEPENDENCY_ARRAY_NARROWED is the rule "Property dependency narrowed".
	DEPENDENCY_ARRAY_NARROWED = newRule(ruleDef{"DEPENDENCY_ARRAY_NARROWED", checks.Major, fwd, CategoryConfluent, "Property dependency narrowed",
		"A property dependency lists fewer properties: new writers may omit properties old readers require.",
		ex(`{"type": "object", "dependentRequired": {"a": ["b", "c"]}}`, `{"type": "object", "dependentRequired": {"a": ["b"]}}`), ""})
	// DEPENDENCY_ARRAY_CHANGED is the rule "Property dependency changed".
	DEPENDENCY_ARRAY_CHANGED = newRule(ruleDef{"DEPENDENCY_ARRAY_CHANGED", checks.Major, both, CategoryConfluent, "Property dependency changed",
		"A property dependency lists different properties.",
		ex(`{"type": "object", "dependentRequired": {"a": ["b"]}}`, `{"type": "object", "dependentRequired": {"a": ["c"]}}`), ""})
	// DEPENDENCY_SCHEMA_ADDED is the rule "Schema dependency added".
	DEPENDENCY_SCHEMA_ADDED = newRule(ruleDef{"DEPENDENCY_SCHEMA_ADDED", checks.Major, bwd, CategoryConfluent, "Schema dependency added",
		"A schema dependency (`dependencies` / `dependentSchemas`) was added: new readers apply it to old data.",
		ex(`{"type": "object"}`, `{"type": "object", "dependentSchemas": {"a": {"required": ["b"]}}}`), ""})
	// DEPENDENCY_SCHEMA_REMOVED is the rule "Schema dependency removed".
	DEPENDENCY_SCHEMA_REMOVED = newRule(ruleDef{"DEPENDENCY_SCHEMA_REMOVED", checks.Major, fwd, CategoryConfluent, "Schema dependency removed",
		"A schema dependency was removed: new writers may produce objects old readers reject.",
		ex(`{"type": "object", "dependentSchemas": {"a": {"required": ["b"]}}}`, `{"type": "object"}`), ""})
	// PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL is the rule "Property added to an open content model (deprecated)".
	PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL = newRule(ruleDef{"PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL", checks.Major, bwd, CategoryConfluent, "Property added to an open content model (deprecated)",
		"Confluent 7.x's name for a property added to an open content model; 8.x splits it by whether the property is required. Never reported: see the successor.",
		exStrict(`{"type": "object"}`, `{"type": "object", "properties": {"a": {"type": "string"}}}`), "OPTIONAL_PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL"})
	// REQUIRED_PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL is the rule "Required property added to an open content model".
	REQUIRED_PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL = newRule(ruleDef{"REQUIRED_PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL", checks.Major, bwd, CategoryConfluent, "Required property added to an open content model",
		"A new required property without a default: old data lacks it, so new readers reject it.",
		ex(`{"type": "object"}`, `{"type": "object", "properties": {"a": {"type": "string"}}, "required": ["a"]}`), ""})
	// REQUIRED_PROPERTY_WITH_DEFAULT_ADDED_TO_OPEN_CONTENT_MODEL is the rule "Required property with a default added to an open content model (strict)".
	REQUIRED_PROPERTY_WITH_DEFAULT_ADDED_TO_OPEN_CONTENT_MODEL = newRule(ruleDef{"REQUIRED_PROPERTY_WITH_DEFAULT_ADDED_TO_OPEN_CONTENT_MODEL", checks.Major, bwd, CategoryConfluent, "Required property with a default added to an open content model (strict)",
		"Under `--policy strict` (Confluent's verdicts): the old schema was open, so old data may hold the new property with any value, which new readers reject. Under the lenient policy this change is REQUIRED_PROPERTY_WITH_DEFAULT_ADDED.",
		exStrict(`{"type": "object"}`, `{"type": "object", "properties": {"a": {"type": "string", "default": "x"}}, "required": ["a"]}`), ""})
	// OPTIONAL_PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL is the rule "Optional property added to an open content model (strict)".
	OPTIONAL_PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL = newRule(ruleDef{"OPTIONAL_PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL", checks.Major, bwd, CategoryConfluent, "Optional property added to an open content model (strict)",
		"Under `--policy strict` (Confluent's verdicts): the old schema was open, so old data may hold the new property with any value, which new readers reject. Under the lenient policy this change is OPTIONAL_PROPERTY_ADDED. Confluent 7.x reported this change as PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL.",
		exStrict(`{"type": "object"}`, `{"type": "object", "properties": {"a": {"type": "string"}}}`), ""})
	// PROPERTY_WITH_EMPTY_SCHEMA_ADDED_TO_OPEN_CONTENT_MODEL is the rule "Unconstrained property added to an open content model".
	PROPERTY_WITH_EMPTY_SCHEMA_ADDED_TO_OPEN_CONTENT_MODEL = newRule(ruleDef{"PROPERTY_WITH_EMPTY_SCHEMA_ADDED_TO_OPEN_CONTENT_MODEL", checks.Minor, 0, CategoryConfluent, "Unconstrained property added to an open content model",
		"A property whose schema accepts anything was added to an open object: nothing changes for readers or writers.",
		ex(`{"type": "object"}`, `{"type": "object", "properties": {"a": {}}}`), ""})
	// REQUIRED_PROPERTY_ADDED_TO_UNOPEN_CONTENT_MODEL is the rule "Required property added to a closed content model".
	REQUIRED_PROPERTY_ADDED_TO_UNOPEN_CONTENT_MODEL = newRule(ruleDef{"REQUIRED_PROPERTY_ADDED_TO_UNOPEN_CONTENT_MODEL", checks.Major, bwd, CategoryConfluent, "Required property added to a closed content model",
		"A new required property without a default in a closed or partially open object: old data lacks it.",
		ex(`{"type": "object", "additionalProperties": false}`, `{"type": "object", "properties": {"a": {"type": "string"}}, "required": ["a"], "additionalProperties": false}`), ""})
	// REQUIRED_PROPERTY_WITH_DEFAULT_ADDED_TO_UNOPEN_CONTENT_MODEL is the rule "Required property with a default added to a closed content model".
	REQUIRED_PROPERTY_WITH_DEFAULT_ADDED_TO_UNOPEN_CONTENT_MODEL = newRule(ruleDef{"REQUIRED_PROPERTY_WITH_DEFAULT_ADDED_TO_UNOPEN_CONTENT_MODEL", checks.Minor, 0, CategoryConfluent, "Required property with a default added to a closed content model",
		"A new required property with a default in a closed or partially open object: readers fill in the default for old data.",
		ex(`{"type": "object", "additionalProperties": false}`, `{"type": "object", "properties": {"a": {"type": "string", "default": "x"}}, "required": ["a"], "additionalProperties": false}`), ""})
	// OPTIONAL_PROPERTY_ADDED_TO_UNOPEN_CONTENT_MODEL is the rule "Optional property added to a closed content model".
	OPTIONAL_PROPERTY_ADDED_TO_UNOPEN_CONTENT_MODEL = newRule(ruleDef{"OPTIONAL_PROPERTY_ADDED_TO_UNOPEN_CONTENT_MODEL", checks.Minor, 0, CategoryConfluent, "Optional property added to a closed content model",
		"A new optional property in a closed or partially open object. Backward compatible; whether old readers accept it is reported separately (PROPERTY_ADDED_TO_CLOSED_CONTENT_MODEL, PROPERTY_ADDED_*_COVERED_*).",
		ex(`{"type": "object", "additionalProperties": false}`, `{"type": "object", "properties": {"a": {"type": "string"}}, "additionalProperties": false}`), ""})
	// PROPERTY_REMOVED_FROM_OPEN_CONTENT_MODEL is the rule "Property removed from an open content model".
	PROPERTY_REMOVED_FROM_OPEN_CONTENT_MODEL = newRule(ruleDef{"PROPERTY_REMOVED_FROM_OPEN_CONTENT_MODEL", checks.Major, fwd, CategoryConfluent, "Property removed from an open content model",
		"A property was removed from an open object: new readers still accept it, but new writers may put anything under its name, or omit it, which old readers may reject. Under the lenient policy new writers do not emit a property their schema no longer declares: the removal is OPTIONAL_PROPERTY_REMOVED (no reader of data breaks) or, for a property old readers require, REQUIRED_PROPERTY_REMOVED.",
		exStrict(`{"type": "object", "properties": {"a": {"type": "string"}}}`, `{"type": "object"}`), ""})
	// PROPERTY_WITH_FALSE_REMOVED_FROM_CLOSED_CONTENT_MODEL is the rule "Forbidden property removed from a closed content model".
	PROPERTY_WITH_FALSE_REMOVED_FROM_CLOSED_CONTENT_MODEL = newRule(ruleDef{"PROPERTY_WITH_FALSE_REMOVED_FROM_CLOSED_CONTENT_MODEL", checks.Minor, 0, CategoryConfluent, "Forbidden property removed from a closed content model",
		"A property declared `false` (forbidden) was removed from a closed object: it stays forbidden.",
		ex(`{"type": "object", "properties": {"a": false}, "additionalProperties": false}`, `{"type": "object", "additionalProperties": false}`), ""})
	// PROPERTY_REMOVED_FROM_CLOSED_CONTENT_MODEL is the rule "Property removed from a closed content model".
	PROPERTY_REMOVED_FROM_CLOSED_CONTENT_MODEL = newRule(ruleDef{"PROPERTY_REMOVED_FROM_CLOSED_CONTENT_MODEL", checks.Major, both, CategoryConfluent, "Property removed from a closed content model",
		"A property was removed from a closed object: new readers reject old data that has it. Under the lenient policy it breaks forward only when old readers required the property; an optional one is OPTIONAL_PROPERTY_REMOVED_FROM_CLOSED_CONTENT_MODEL (backward only).",
		exStrict(`{"type": "object", "properties": {"a": {"type": "string"}}, "additionalProperties": false}`, `{"type": "object", "additionalProperties": false}`), ""})
	// PROPERTY_REMOVED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL is the rule "Property removed, still covered by the open part".
	PROPERTY_REMOVED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL = newRule(ruleDef{"PROPERTY_REMOVED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL", checks.Major, 0, CategoryConfluent, "Property removed, still covered by the open part",
		"A property was removed, and `patternProperties` or `additionalProperties` of the new schema still accept its old values. Removing a named property is a major change; where the covering schema accepts more than the old property, that comparison is reported too (TYPE_EXTENDED, ...), with its own direction.",
		ex(`{"type": "object", "properties": {"a": {"type": "string"}}, "additionalProperties": {"type": "string"}}`, `{"type": "object", "additionalProperties": {"type": "string"}}`), ""})
	// PROPERTY_REMOVED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL is the rule "Property removed, not covered by the open part".
	PROPERTY_REMOVED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL = newRule(ruleDef{"PROPERTY_REMOVED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL", checks.Major, both, CategoryConfluent, "Property removed, not covered by the open part",
		"A property was removed, and the new schema's `patternProperties` or `additionalProperties` reject some of its old values.",
		ex(`{"type": "object", "properties": {"a": {"type": "number"}}, "additionalProperties": {"type": "string"}}`, `{"type": "object", "additionalProperties": {"type": "string"}}`), ""})
	// PROPERTY_ADDED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL is the rule "Property added, covered by the old open part".
	PROPERTY_ADDED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL = newRule(ruleDef{"PROPERTY_ADDED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL", checks.Minor, 0, CategoryConfluent, "Property added, covered by the old open part",
		"A property was added whose schema accepts everything the old `patternProperties` or `additionalProperties` accepted under its name.",
		ex(`{"type": "object", "additionalProperties": {"type": "string"}}`, `{"type": "object", "properties": {"a": {"type": "string"}}, "additionalProperties": {"type": "string"}}`), ""})
	// PROPERTY_ADDED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL is the rule "Property added, not covered by the old open part".
	PROPERTY_ADDED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL = newRule(ruleDef{"PROPERTY_ADDED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL", checks.Major, bwd, CategoryConfluent, "Property added, not covered by the old open part",
		"A property was added whose schema rejects values the old `patternProperties` or `additionalProperties` accepted under its name.",
		ex(`{"type": "object", "additionalProperties": {"type": "string"}}`, `{"type": "object", "properties": {"a": {"type": "number"}}, "additionalProperties": {"type": "string"}}`), ""})
	// UNEVALUATED_PROPERTIES_ADDED is the rule "Unevaluated properties allowed".
	UNEVALUATED_PROPERTIES_ADDED = newRule(ruleDef{"UNEVALUATED_PROPERTIES_ADDED", checks.Major, fwd, CategoryConfluent, "Unevaluated properties allowed",
		"`unevaluatedProperties: false` was removed or relaxed: new writers may add properties old readers reject.",
		ex(`{"type": "object", "unevaluatedProperties": false}`, `{"type": "object"}`), ""})
	// UNEVALUATED_PROPERTIES_REMOVED is the rule "Unevaluated properties forbidden".
	UNEVALUATED_PROPERTIES_REMOVED = newRule(ruleDef{"UNEVALUATED_PROPERTIES_REMOVED", checks.Major, bwd, CategoryConfluent, "Unevaluated properties forbidden",
		"`unevaluatedProperties: false` was added: new readers reject old data with extra properties.",
		ex(`{"type": "object"}`, `{"type": "object", "unevaluatedProperties": false}`), ""})
	// UNEVALUATED_PROPERTIES_EXTENDED is the rule "Unevaluated-properties schema relaxed".
	UNEVALUATED_PROPERTIES_EXTENDED = newRule(ruleDef{"UNEVALUATED_PROPERTIES_EXTENDED", checks.Major, fwd, CategoryConfluent, "Unevaluated-properties schema relaxed",
		"An `unevaluatedProperties` schema was removed or opened: new writers may add properties old readers reject.",
		ex(`{"type": "object", "unevaluatedProperties": {"type": "string"}}`, `{"type": "object"}`), ""})
	// UNEVALUATED_PROPERTIES_NARROWED is the rule "Unevaluated-properties schema added".
	UNEVALUATED_PROPERTIES_NARROWED = newRule(ruleDef{"UNEVALUATED_PROPERTIES_NARROWED", checks.Major, bwd, CategoryConfluent, "Unevaluated-properties schema added",
		"An `unevaluatedProperties` schema was added: new readers reject extra properties that do not match it.",
		ex(`{"type": "object"}`, `{"type": "object", "unevaluatedProperties": {"type": "string"}}`), ""})

	// MAX_ITEMS_ADDED is the rule "Maximum item count added".
	MAX_ITEMS_ADDED = newRule(ruleDef{"MAX_ITEMS_ADDED", checks.Major, bwd, CategoryConfluent, "Maximum item count added",
		"`maxItems` was added: new readers reject longer arrays.",
		ex(`{"type": "array"}`, `{"type": "array", "maxItems": 5}`), ""})
	// MAX_ITEMS_REMOVED is the rule "Maximum item count removed".
	MAX_ITEMS_REMOVED = newRule(ruleDef{"MAX_ITEMS_REMOVED", checks.Major, fwd, CategoryConfluent, "Maximum item count removed",
		"`maxItems` was removed: new writers may produce arrays old readers reject.",
		ex(`{"type": "array", "maxItems": 5}`, `{"type": "array"}`), ""})
	// MAX_ITEMS_INCREASED is the rule "Maximum item count increased".
	MAX_ITEMS_INCREASED = newRule(ruleDef{"MAX_ITEMS_INCREASED", checks.Major, fwd, CategoryConfluent, "Maximum item count increased",
		"`maxItems` grew: new writers may produce arrays old readers reject.",
		ex(`{"type": "array", "maxItems": 5}`, `{"type": "array", "maxItems": 6}`), ""})
	// MAX_ITEMS_DECREASED is the rule "Maximum item count decreased".
	MAX_ITEMS_DECREASED = newRule(ruleDef{"MAX_ITEMS_DECREASED", checks.Major, bwd, CategoryConfluent, "Maximum item count decreased",
		"`maxItems` shrank: new readers reject longer arrays.",
		ex(`{"type": "array", "maxItems": 6}`, `{"type": "array", "maxItems": 5}`), ""})
	// MIN_ITEMS_ADDED is the rule "Minimum item count added".
	MIN_ITEMS_ADDED = newRule(ruleDef{"MIN_ITEMS_ADDED", checks.Major, bwd, CategoryConfluent, "Minimum item count added",
		"`minItems` was added: new readers reject shorter arrays.",
		ex(`{"type": "array"}`, `{"type": "array", "minItems": 1}`), ""})
	// MIN_ITEMS_REMOVED is the rule "Minimum item count removed".
	MIN_ITEMS_REMOVED = newRule(ruleDef{"MIN_ITEMS_REMOVED", checks.Major, fwd, CategoryConfluent, "Minimum item count removed",
		"`minItems` was removed: new writers may produce arrays old readers reject.",
		ex(`{"type": "array", "minItems": 1}`, `{"type": "array"}`), ""})
	// MIN_ITEMS_INCREASED is the rule "Minimum item count increased".
	MIN_ITEMS_INCREASED = newRule(ruleDef{"MIN_ITEMS_INCREASED", checks.Major, bwd, CategoryConfluent, "Minimum item count increased",
		"`minItems` grew: new readers reject shorter arrays.",
		ex(`{"type": "array", "minItems": 1}`, `{"type": "array", "minItems": 2}`), ""})
	// MIN_ITEMS_DECREASED is the rule "Minimum item count decreased".
	MIN_ITEMS_DECREASED = newRule(ruleDef{"MIN_ITEMS_DECREASED", checks.Major, fwd, CategoryConfluent, "Minimum item count decreased",
		"`minItems` shrank: new writers may produce arrays old readers reject.",
		ex(`{"type": "array", "minItems": 2}`, `{"type": "array", "minItems": 1}`), ""})
	// MAX_CONTAINS_ADDED is the rule "Maximum contains count added".
	MAX_CONTAINS_ADDED = newRule(ruleDef{"MAX_CONTAINS_ADDED", checks.Major, bwd, CategoryConfluent, "Maximum contains count added",
		"`maxContains` was added: new readers reject arrays with more matching items.",
		ex(`{"type": "array", "contains": {"type": "string"}}`, `{"type": "array", "contains": {"type": "string"}, "maxContains": 2}`), ""})
	// MAX_CONTAINS_REMOVED is the rule "Maximum contains count removed".
	MAX_CONTAINS_REMOVED = newRule(ruleDef{"MAX_CONTAINS_REMOVED", checks.Major, fwd, CategoryConfluent, "Maximum contains count removed",
		"`maxContains` was removed: new writers may produce arrays old readers reject.",
		ex(`{"type": "array", "contains": {"type": "string"}, "maxContains": 2}`, `{"type": "array", "contains": {"type": "string"}}`), ""})
	// MAX_CONTAINS_INCREASED is the rule "Maximum contains count increased".
	MAX_CONTAINS_INCREASED = newRule(ruleDef{"MAX_CONTAINS_INCREASED", checks.Major, fwd, CategoryConfluent, "Maximum contains count increased",
		"`maxContains` grew: new writers may produce arrays old readers reject.",
		ex(`{"type": "array", "contains": {"type": "string"}, "maxContains": 2}`, `{"type": "array", "contains": {"type": "string"}, "maxContains": 3}`), ""})
	// MAX_CONTAINS_DECREASED is the rule "Maximum contains count decreased".
	MAX_CONTAINS_DECREASED = newRule(ruleDef{"MAX_CONTAINS_DECREASED", checks.Major, bwd, CategoryConfluent, "Maximum contains count decreased",
		"`maxContains` shrank: new readers reject arrays with more matching items.",
		ex(`{"type": "array", "contains": {"type": "string"}, "maxContains": 3}`, `{"type": "array", "contains": {"type": "string"}, "maxContains": 2}`), ""})
	// MIN_CONTAINS_ADDED is the rule "Minimum contains count added".
	MIN_CONTAINS_ADDED = newRule(ruleDef{"MIN_CONTAINS_ADDED", checks.Major, bwd, CategoryConfluent, "Minimum contains count added",
		"`minContains` was added: new readers reject arrays with fewer matching items.",
		ex(`{"type": "array", "contains": {"type": "string"}}`, `{"type": "array", "contains": {"type": "string"}, "minContains": 2}`), ""})
	// MIN_CONTAINS_REMOVED is the rule "Minimum contains count removed".
	MIN_CONTAINS_REMOVED = newRule(ruleDef{"MIN_CONTAINS_REMOVED", checks.Major, fwd, CategoryConfluent, "Minimum contains count removed",
		"`minContains` was removed: new writers may produce arrays old readers reject.",
		ex(`{"type": "array", "contains": {"type": "string"}, "minContains": 2}`, `{"type": "array", "contains": {"type": "string"}}`), ""})
	// MIN_CONTAINS_INCREASED is the rule "Minimum contains count increased".
	MIN_CONTAINS_INCREASED = newRule(ruleDef{"MIN_CONTAINS_INCREASED", checks.Major, bwd, CategoryConfluent, "Minimum contains count increased",
		"`minContains` grew: new readers reject arrays with fewer matching items.",
		ex(`{"type": "array", "contains": {"type": "string"}, "minContains": 2}`, `{"type": "array", "contains": {"type": "string"}, "minContains": 3}`), ""})
	// MIN_CONTAINS_DECREASED is the rule "Minimum contains count decreased".
	MIN_CONTAINS_DECREASED = newRule(ruleDef{"MIN_CONTAINS_DECREASED", checks.Major, fwd, CategoryConfluent, "Minimum contains count decreased",
		"`minContains` shrank: new writers may produce arrays old readers reject.",
		ex(`{"type": "array", "contains": {"type": "string"}, "minContains": 3}`, `{"type": "array", "contains": {"type": "string"}, "minContains": 2}`), ""})
	// UNIQUE_ITEMS_ADDED is the rule "Unique items required".
	UNIQUE_ITEMS_ADDED = newRule(ruleDef{"UNIQUE_ITEMS_ADDED", checks.Major, bwd, CategoryConfluent, "Unique items required",
		"`uniqueItems: true` was added: new readers reject arrays with duplicates.",
		ex(`{"type": "array"}`, `{"type": "array", "uniqueItems": true}`), ""})
	// UNIQUE_ITEMS_REMOVED is the rule "Unique items no longer required".
	UNIQUE_ITEMS_REMOVED = newRule(ruleDef{"UNIQUE_ITEMS_REMOVED", checks.Major, fwd, CategoryConfluent, "Unique items no longer required",
		"`uniqueItems: true` was removed: new writers may produce duplicates old readers reject.",
		ex(`{"type": "array", "uniqueItems": true}`, `{"type": "array"}`), ""})
	// ADDITIONAL_ITEMS_ADDED is the rule "Additional items allowed".
	ADDITIONAL_ITEMS_ADDED = newRule(ruleDef{"ADDITIONAL_ITEMS_ADDED", checks.Major, fwd, CategoryConfluent, "Additional items allowed",
		"A closed tuple (`additionalItems: false`, or `items: false` after `prefixItems`) was opened: new writers may produce longer arrays.",
		ex(`{"type": "array", "prefixItems": [{"type": "string"}], "items": false}`, `{"type": "array", "prefixItems": [{"type": "string"}]}`), ""})
	// ADDITIONAL_ITEMS_REMOVED is the rule "Additional items forbidden".
	ADDITIONAL_ITEMS_REMOVED = newRule(ruleDef{"ADDITIONAL_ITEMS_REMOVED", checks.Major, bwd, CategoryConfluent, "Additional items forbidden",
		"A tuple was closed: new readers reject old arrays longer than the tuple.",
		ex(`{"type": "array", "prefixItems": [{"type": "string"}]}`, `{"type": "array", "prefixItems": [{"type": "string"}], "items": false}`), ""})
	// ADDITIONAL_ITEMS_EXTENDED is the rule "Additional-items schema removed".
	ADDITIONAL_ITEMS_EXTENDED = newRule(ruleDef{"ADDITIONAL_ITEMS_EXTENDED", checks.Major, fwd, CategoryConfluent, "Additional-items schema removed",
		"The schema for items after the tuple was removed: new writers may put anything there.",
		ex(`{"type": "array", "prefixItems": [{"type": "string"}], "items": {"type": "string"}}`, `{"type": "array", "prefixItems": [{"type": "string"}]}`), ""})
	// ADDITIONAL_ITEMS_NARROWED is the rule "Additional-items schema added".
	ADDITIONAL_ITEMS_NARROWED = newRule(ruleDef{"ADDITIONAL_ITEMS_NARROWED", checks.Major, bwd, CategoryConfluent, "Additional-items schema added",
		"A schema for items after the tuple was added: new readers reject old items that do not match it.",
		ex(`{"type": "array", "prefixItems": [{"type": "string"}]}`, `{"type": "array", "prefixItems": [{"type": "string"}], "items": {"type": "string"}}`), ""})
	// UNEVALUATED_ITEMS_ADDED is the rule "Unevaluated items allowed".
	UNEVALUATED_ITEMS_ADDED = newRule(ruleDef{"UNEVALUATED_ITEMS_ADDED", checks.Major, fwd, CategoryConfluent, "Unevaluated items allowed",
		"`unevaluatedItems: false` was removed or relaxed: new writers may produce longer arrays.",
		ex(`{"type": "array", "prefixItems": [{"type": "string"}], "unevaluatedItems": false}`, `{"type": "array", "prefixItems": [{"type": "string"}]}`), ""})
	// UNEVALUATED_ITEMS_REMOVED is the rule "Unevaluated items forbidden".
	UNEVALUATED_ITEMS_REMOVED = newRule(ruleDef{"UNEVALUATED_ITEMS_REMOVED", checks.Major, bwd, CategoryConfluent, "Unevaluated items forbidden",
		"`unevaluatedItems: false` was added: new readers reject old arrays with extra items.",
		ex(`{"type": "array", "prefixItems": [{"type": "string"}]}`, `{"type": "array", "prefixItems": [{"type": "string"}], "unevaluatedItems": false}`), ""})
	// UNEVALUATED_ITEMS_EXTENDED is the rule "Unevaluated-items schema relaxed".
	UNEVALUATED_ITEMS_EXTENDED = newRule(ruleDef{"UNEVALUATED_ITEMS_EXTENDED", checks.Major, fwd, CategoryConfluent, "Unevaluated-items schema relaxed",
		"An `unevaluatedItems` schema was removed or opened: new writers may put anything after the tuple.",
		ex(`{"type": "array", "prefixItems": [{"type": "string"}], "unevaluatedItems": {"type": "string"}}`, `{"type": "array", "prefixItems": [{"type": "string"}]}`), ""})
	// UNEVALUATED_ITEMS_NARROWED is the rule "Unevaluated-items schema added".
	UNEVALUATED_ITEMS_NARROWED = newRule(ruleDef{"UNEVALUATED_ITEMS_NARROWED", checks.Major, bwd, CategoryConfluent, "Unevaluated-items schema added",
		"An `unevaluatedItems` schema was added: new readers reject extra items that do not match it.",
		ex(`{"type": "array", "prefixItems": [{"type": "string"}]}`, `{"type": "array", "prefixItems": [{"type": "string"}], "unevaluatedItems": {"type": "string"}}`), ""})
	// ITEM_ADDED_TO_OPEN_CONTENT_MODEL is the rule "Tuple item added to an open content model".
	ITEM_ADDED_TO_OPEN_CONTENT_MODEL = newRule(ruleDef{"ITEM_ADDED_TO_OPEN_CONTENT_MODEL", checks.Major, bwd, CategoryConfluent, "Tuple item added to an open content model",
		"A positional item was added to an open tuple: old arrays may hold any value at that position.",
		ex(`{"type": "array", "prefixItems": [{"type": "string"}]}`, `{"type": "array", "prefixItems": [{"type": "string"}, {"type": "number"}]}`), ""})
	// ITEM_WITH_EMPTY_SCHEMA_ADDED_TO_OPEN_CONTENT_MODEL is the rule "Unconstrained tuple item added to an open content model".
	ITEM_WITH_EMPTY_SCHEMA_ADDED_TO_OPEN_CONTENT_MODEL = newRule(ruleDef{"ITEM_WITH_EMPTY_SCHEMA_ADDED_TO_OPEN_CONTENT_MODEL", checks.Minor, 0, CategoryConfluent, "Unconstrained tuple item added to an open content model",
		"A positional item that accepts anything was added to an open tuple: nothing changes.",
		ex(`{"type": "array", "prefixItems": [{"type": "string"}]}`, `{"type": "array", "prefixItems": [{"type": "string"}, {}]}`), ""})
	// ITEM_ADDED_TO_CLOSED_CONTENT_MODEL is the rule "Tuple item added to a closed content model".
	ITEM_ADDED_TO_CLOSED_CONTENT_MODEL = newRule(ruleDef{"ITEM_ADDED_TO_CLOSED_CONTENT_MODEL", checks.Major, fwd, CategoryConfluent, "Tuple item added to a closed content model",
		"A positional item was added to a closed tuple: new readers accept old arrays, old readers reject the longer new ones.",
		ex(`{"type": "array", "prefixItems": [{"type": "string"}], "items": false}`, `{"type": "array", "prefixItems": [{"type": "string"}, {"type": "number"}], "items": false}`), ""})
	// ITEM_REMOVED_FROM_OPEN_CONTENT_MODEL is the rule "Tuple item removed from an open content model".
	ITEM_REMOVED_FROM_OPEN_CONTENT_MODEL = newRule(ruleDef{"ITEM_REMOVED_FROM_OPEN_CONTENT_MODEL", checks.Major, fwd, CategoryConfluent, "Tuple item removed from an open content model",
		"A positional item was removed from an open tuple: new writers may put anything at that position.",
		ex(`{"type": "array", "prefixItems": [{"type": "string"}, {"type": "number"}]}`, `{"type": "array", "prefixItems": [{"type": "string"}]}`), ""})
	// ITEM_WITH_FALSE_REMOVED_FROM_CLOSED_CONTENT_MODEL is the rule "Forbidden tuple item removed from a closed content model".
	ITEM_WITH_FALSE_REMOVED_FROM_CLOSED_CONTENT_MODEL = newRule(ruleDef{"ITEM_WITH_FALSE_REMOVED_FROM_CLOSED_CONTENT_MODEL", checks.Minor, 0, CategoryConfluent, "Forbidden tuple item removed from a closed content model",
		"A positional item declared `false` was removed from a closed tuple: the position stays forbidden.",
		ex(`{"type": "array", "prefixItems": [{"type": "string"}, false], "items": false}`, `{"type": "array", "prefixItems": [{"type": "string"}], "items": false}`), ""})
	// ITEM_REMOVED_FROM_CLOSED_CONTENT_MODEL is the rule "Tuple item removed from a closed content model".
	ITEM_REMOVED_FROM_CLOSED_CONTENT_MODEL = newRule(ruleDef{"ITEM_REMOVED_FROM_CLOSED_CONTENT_MODEL", checks.Major, bwd, CategoryConfluent, "Tuple item removed from a closed content model",
		"A positional item was removed from a closed tuple: new readers reject old arrays that have it.",
		ex(`{"type": "array", "prefixItems": [{"type": "string"}, {"type": "number"}], "items": false}`, `{"type": "array", "prefixItems": [{"type": "string"}], "items": false}`), ""})
	// ITEM_REMOVED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL is the rule "Tuple item removed, covered by the open part".
	ITEM_REMOVED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL = newRule(ruleDef{"ITEM_REMOVED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL", checks.Minor, 0, CategoryConfluent, "Tuple item removed, covered by the open part",
		"A positional item was removed, and the new schema for further items still accepts its old values. Where that schema accepts more than the old item, the comparison of the two is reported too (TYPE_EXTENDED, ...), with its own direction.",
		ex(`{"type": "array", "prefixItems": [{"type": "string"}, {"type": "string"}], "items": {"type": "string"}}`, `{"type": "array", "prefixItems": [{"type": "string"}], "items": {"type": "string"}}`), ""})
	// ITEM_REMOVED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL is the rule "Tuple item removed, not covered by the open part".
	ITEM_REMOVED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL = newRule(ruleDef{"ITEM_REMOVED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL", checks.Major, both, CategoryConfluent, "Tuple item removed, not covered by the open part",
		"A positional item was removed, and the new schema for further items rejects some of its old values.",
		ex(`{"type": "array", "prefixItems": [{"type": "string"}, {"type": "number"}], "items": {"type": "string"}}`, `{"type": "array", "prefixItems": [{"type": "string"}], "items": {"type": "string"}}`), ""})
	// ITEM_ADDED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL is the rule "Tuple item added, covered by the old open part".
	ITEM_ADDED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL = newRule(ruleDef{"ITEM_ADDED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL", checks.Minor, 0, CategoryConfluent, "Tuple item added, covered by the old open part",
		"A positional item was added whose schema accepts everything the old schema for further items accepted.",
		ex(`{"type": "array", "prefixItems": [{"type": "string"}], "items": {"type": "string"}}`, `{"type": "array", "prefixItems": [{"type": "string"}, {"type": "string"}], "items": {"type": "string"}}`), ""})
	// ITEM_ADDED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL is the rule "Tuple item added, not covered by the old open part".
	ITEM_ADDED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL = newRule(ruleDef{"ITEM_ADDED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL", checks.Major, bwd, CategoryConfluent, "Tuple item added, not covered by the old open part",
		"A positional item was added whose schema rejects values the old schema for further items accepted.",
		ex(`{"type": "array", "prefixItems": [{"type": "string"}], "items": {"type": "string"}}`, `{"type": "array", "prefixItems": [{"type": "string"}, {"type": "number"}], "items": {"type": "string"}}`), ""})

	// ENUM_ARRAY_EXTENDED is the rule "Enum values added".
	ENUM_ARRAY_EXTENDED = newRule(ruleDef{"ENUM_ARRAY_EXTENDED", checks.Major, fwd, CategoryConfluent, "Enum values added",
		"`enum` gained values: new readers accept old data, old readers reject the new values. `const` is read as a one-value `enum`, so `const` to a wider `enum` is this change too. Known difference from Apicurio Registry: `enum: []` is rejected as an invalid schema (the draft-07 metaschema of santhosh-tekuri/jsonschema requires at least one value) instead of being compared.",
		ex(`{"enum": ["red", "green"]}`, `{"enum": ["red", "green", "blue"]}`), ""})
	// ENUM_ARRAY_NARROWED is the rule "Enum values removed".
	ENUM_ARRAY_NARROWED = newRule(ruleDef{"ENUM_ARRAY_NARROWED", checks.Major, bwd, CategoryConfluent, "Enum values removed",
		"`enum` lost values: new readers reject old data holding them.",
		ex(`{"enum": ["red", "green", "blue"]}`, `{"enum": ["red", "green"]}`), ""})
	// ENUM_ARRAY_CHANGED is the rule "Enum or const values changed".
	ENUM_ARRAY_CHANGED = newRule(ruleDef{"ENUM_ARRAY_CHANGED", checks.Major, both, CategoryConfluent, "Enum or const values changed",
		"`enum` values were both added and removed, or `const` changed.",
		ex(`{"enum": ["red", "green"]}`, `{"enum": ["red", "blue"]}`), ""})
	// COMBINED_TYPE_EXTENDED is the rule "Combination relaxed".
	COMBINED_TYPE_EXTENDED = newRule(ruleDef{"COMBINED_TYPE_EXTENDED", checks.Major, fwd, CategoryConfluent, "Combination relaxed",
		"The combining keyword became more permissive (`oneOf` or `allOf` to `anyOf`, or a single-branch one to `oneOf`).",
		ex(`{"oneOf": [{"type": "string"}, {"type": "number"}]}`, `{"anyOf": [{"type": "string"}, {"type": "number"}]}`), ""})
	// COMBINED_TYPE_CHANGED is the rule "Combination changed".
	COMBINED_TYPE_CHANGED = newRule(ruleDef{"COMBINED_TYPE_CHANGED", checks.Major, both, CategoryConfluent, "Combination changed",
		"The combining keyword changed in a way that is not a relaxation (`anyOf` to `oneOf` or `allOf`, ...). Under the lenient policy a change to a combination that accepts less (`anyOf` to `allOf`) is COMBINED_TYPE_NARROWED instead.",
		exStrict(`{"anyOf": [{"type": "string"}, {"type": "number"}]}`, `{"oneOf": [{"type": "string"}, {"type": "number"}]}`), ""})
	// PRODUCT_TYPE_EXTENDED is the rule "allOf branch added".
	PRODUCT_TYPE_EXTENDED = newRule(ruleDef{"PRODUCT_TYPE_EXTENDED", checks.Major, bwd, CategoryConfluent, "allOf branch added",
		"An `allOf` gained a branch (or a schema gained a typed part such as `enum` next to `type`): new readers apply more constraints.",
		ex(`{"allOf": [{"type": "string"}]}`, `{"allOf": [{"type": "string"}, {"maxLength": 5}]}`), ""})
	// PRODUCT_TYPE_NARROWED is the rule "allOf branch removed".
	PRODUCT_TYPE_NARROWED = newRule(ruleDef{"PRODUCT_TYPE_NARROWED", checks.Major, fwd, CategoryConfluent, "allOf branch removed",
		"An `allOf` lost a branch (or a schema lost a part, such as its `enum`): new writers may produce data old readers reject.",
		ex(`{"type": "string", "enum": ["red"]}`, `{"type": "string"}`), ""})
	// SUM_TYPE_EXTENDED is the rule "Union branch added".
	SUM_TYPE_EXTENDED = newRule(ruleDef{"SUM_TYPE_EXTENDED", checks.Major, fwd, CategoryConfluent, "Union branch added",
		"An `anyOf`/`oneOf` or a type array gained a branch: new readers accept old data, old readers reject the new branch.",
		ex(`{"type": ["string"]}`, `{"type": ["string", "null"]}`), ""})
	// SUM_TYPE_NARROWED is the rule "Union branch removed".
	SUM_TYPE_NARROWED = newRule(ruleDef{"SUM_TYPE_NARROWED", checks.Major, bwd, CategoryConfluent, "Union branch removed",
		"An `anyOf`/`oneOf` or a type array lost a branch: new readers reject old data of that branch.",
		ex(`{"type": ["string", "null"]}`, `{"type": ["string"]}`), ""})
	// COMBINED_TYPE_SUBSCHEMAS_CHANGED is the rule "Combination branches changed".
	COMBINED_TYPE_SUBSCHEMAS_CHANGED = newRule(ruleDef{"COMBINED_TYPE_SUBSCHEMAS_CHANGED", checks.Major, both, CategoryConfluent, "Combination branches changed",
		"Under `--policy strict` (Confluent's verdicts): the branches of `allOf`/`anyOf`/`oneOf` could not all be paired with compatible branches of the other side (pairing is a maximum bipartite matching, so reordering is not a change). The changed branch's own differences are reported too, at the branch; under the lenient policy only they are, each with its own direction (a branch added or removed is PRODUCT_TYPE_* or SUM_TYPE_*).",
		exStrict(`{"oneOf": [{"type": "string"}]}`, `{"oneOf": [{"type": "number"}]}`), ""})
	// NOT_TYPE_EXTENDED is the rule "Negated schema widened".
	NOT_TYPE_EXTENDED = newRule(ruleDef{"NOT_TYPE_EXTENDED", checks.Major, bwd, CategoryConfluent, "Negated schema widened",
		"The schema under `not` accepts more, so the schema rejects more: new readers may reject old data.",
		ex(`{"not": {"type": "integer"}}`, `{"not": {"type": "number"}}`), ""})
	// NOT_TYPE_NARROWED is the rule "Negated schema narrowed".
	NOT_TYPE_NARROWED = newRule(ruleDef{"NOT_TYPE_NARROWED", checks.Major, fwd, CategoryConfluent, "Negated schema narrowed",
		"The schema under `not` accepts less, so the schema accepts more: old readers may reject new data.",
		ex(`{"not": {"type": "number"}}`, `{"not": {"type": "integer"}}`), ""})

	// contractlint's own rules.
	// FORMAT_ADDED is the rule "Format added".
	FORMAT_ADDED = newRule(ruleDef{"FORMAT_ADDED", checks.Major, bwd, CategoryExtra, "Format added",
		"A `format` was added. Confluent does not diff `format`; validators may assert it, so contractlint takes it as a new constraint.",
		ex(`{"type": "string"}`, `{"type": "string", "format": "email"}`), ""})
	// FORMAT_REMOVED is the rule "Format removed".
	FORMAT_REMOVED = newRule(ruleDef{"FORMAT_REMOVED", checks.Major, fwd, CategoryExtra, "Format removed",
		"A `format` was removed: new writers may produce strings old readers that assert the format reject.",
		ex(`{"type": "string", "format": "email"}`, `{"type": "string"}`), ""})
	// FORMAT_CHANGED is the rule "Format changed".
	FORMAT_CHANGED = newRule(ruleDef{"FORMAT_CHANGED", checks.Major, both, CategoryExtra, "Format changed",
		"A `format` changed; formats are not comparable in general, so the change is taken to break both ways.",
		ex(`{"type": "string", "format": "email"}`, `{"type": "string", "format": "uri"}`), ""})
	// CONDITIONAL_ADDED is the rule "Conditional added".
	CONDITIONAL_ADDED = newRule(ruleDef{"CONDITIONAL_ADDED", checks.Major, bwd, CategoryExtra, "Conditional added",
		"`if`/`then`/`else` was added: new readers apply new conditional constraints to old data.",
		ex(`{"type": "object"}`, `{"type": "object", "if": {"required": ["a"]}, "then": {"required": ["b"]}}`), ""})
	// CONDITIONAL_REMOVED is the rule "Conditional removed".
	CONDITIONAL_REMOVED = newRule(ruleDef{"CONDITIONAL_REMOVED", checks.Major, fwd, CategoryExtra, "Conditional removed",
		"`if`/`then`/`else` was removed: new writers may produce data old readers reject.",
		ex(`{"type": "object", "if": {"required": ["a"]}, "then": {"required": ["b"]}}`, `{"type": "object"}`), ""})
	// CONDITIONAL_CHANGED is the rule "Condition changed".
	CONDITIONAL_CHANGED = newRule(ruleDef{"CONDITIONAL_CHANGED", checks.Major, both, CategoryExtra, "Condition changed",
		"The `if` of a conditional changed, so other data takes the `then` and `else` branches: taken to break both ways. (When only `then` or `else` change, they are compared like any subschema, and a branch added or removed is CONDITIONAL_ADDED / CONDITIONAL_REMOVED.)",
		ex(`{"if": {"required": ["a"]}, "then": {"required": ["b"]}}`, `{"if": {"required": ["c"]}, "then": {"required": ["b"]}}`), ""})
	// PROPERTY_NAMES_ADDED is the rule "Property-name constraint added".
	PROPERTY_NAMES_ADDED = newRule(ruleDef{"PROPERTY_NAMES_ADDED", checks.Major, bwd, CategoryExtra, "Property-name constraint added",
		"`propertyNames` was added: new readers reject objects with names that do not match.",
		ex(`{"type": "object"}`, `{"type": "object", "propertyNames": {"maxLength": 8}}`), ""})
	// PROPERTY_NAMES_REMOVED is the rule "Property-name constraint removed".
	PROPERTY_NAMES_REMOVED = newRule(ruleDef{"PROPERTY_NAMES_REMOVED", checks.Major, fwd, CategoryExtra, "Property-name constraint removed",
		"`propertyNames` was removed: new writers may use names old readers reject.",
		ex(`{"type": "object", "propertyNames": {"maxLength": 8}}`, `{"type": "object"}`), ""})
	// PATTERN_PROPERTY_ADDED is the rule "Pattern property added".
	PATTERN_PROPERTY_ADDED = newRule(ruleDef{"PATTERN_PROPERTY_ADDED", checks.Major, both, CategoryExtra, "Pattern property added",
		"A `patternProperties` entry was added to an object whose other properties are constrained by an `additionalProperties` schema: matching names switch schemas, so it is judged conservatively as breaking both ways.",
		ex(`{"type": "object", "additionalProperties": {"type": "string"}}`, `{"type": "object", "patternProperties": {"^x-": {"type": "number"}}, "additionalProperties": {"type": "string"}}`), ""})
	// PATTERN_PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL is the rule "Pattern property added to an open object".
	PATTERN_PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL = newRule(ruleDef{"PATTERN_PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL", checks.Major, bwd, CategoryExtra, "Pattern property added to an open object",
		"A `patternProperties` entry was added to an object whose other properties may hold anything: new readers constrain matching names that old data may use freely.",
		ex(`{"type": "object", "properties": {"a": {"type": "string"}}}`, `{"type": "object", "properties": {"a": {"type": "string"}}, "patternProperties": {"^x-": {"type": "string"}}}`), ""})
	// PATTERN_PROPERTY_ADDED_TO_CLOSED_CONTENT_MODEL is the rule "Pattern property added to a closed object".
	PATTERN_PROPERTY_ADDED_TO_CLOSED_CONTENT_MODEL = newRule(ruleDef{"PATTERN_PROPERTY_ADDED_TO_CLOSED_CONTENT_MODEL", checks.Major, fwd, CategoryExtra, "Pattern property added to a closed object",
		"A `patternProperties` entry was added to an object with `additionalProperties: false`: it admits names old readers reject.",
		ex(`{"type": "object", "additionalProperties": false}`, `{"type": "object", "patternProperties": {"^x-": {"type": "string"}}, "additionalProperties": false}`), ""})
	// PATTERN_PROPERTY_REMOVED_FROM_OPEN_CONTENT_MODEL is the rule "Pattern property removed from an open object".
	PATTERN_PROPERTY_REMOVED_FROM_OPEN_CONTENT_MODEL = newRule(ruleDef{"PATTERN_PROPERTY_REMOVED_FROM_OPEN_CONTENT_MODEL", checks.Major, fwd, CategoryExtra, "Pattern property removed from an open object",
		"A `patternProperties` entry was removed and its names may now hold anything: new writers may produce values old readers reject.",
		ex(`{"type": "object", "patternProperties": {"^x-": {"type": "string"}}}`, `{"type": "object", "properties": {"a": {"type": "string"}}}`), ""})
	// PATTERN_PROPERTY_REMOVED_FROM_CLOSED_CONTENT_MODEL is the rule "Pattern property removed from a closed object".
	PATTERN_PROPERTY_REMOVED_FROM_CLOSED_CONTENT_MODEL = newRule(ruleDef{"PATTERN_PROPERTY_REMOVED_FROM_CLOSED_CONTENT_MODEL", checks.Major, bwd, CategoryExtra, "Pattern property removed from a closed object",
		"A `patternProperties` entry was removed from an object with `additionalProperties: false`: new readers reject old data using its names.",
		ex(`{"type": "object", "patternProperties": {"^x-": {"type": "string"}}, "additionalProperties": false}`, `{"type": "object", "additionalProperties": false}`), ""})
	// PATTERN_PROPERTY_REMOVED is the rule "Pattern property removed".
	PATTERN_PROPERTY_REMOVED = newRule(ruleDef{"PATTERN_PROPERTY_REMOVED", checks.Major, both, CategoryExtra, "Pattern property removed",
		"A `patternProperties` entry was removed from an object whose other properties are constrained by an `additionalProperties` schema; judged conservatively as breaking both ways.",
		ex(`{"type": "object", "patternProperties": {"^x-": {"type": "number"}}, "additionalProperties": {"type": "string"}}`, `{"type": "object", "additionalProperties": {"type": "string"}}`), ""})
	// CONTAINS_ADDED is the rule "Contains added".
	CONTAINS_ADDED = newRule(ruleDef{"CONTAINS_ADDED", checks.Major, bwd, CategoryExtra, "Contains added",
		"`contains` was added: new readers reject arrays without a matching item.",
		ex(`{"type": "array"}`, `{"type": "array", "contains": {"type": "string"}}`), ""})
	// CONTAINS_REMOVED is the rule "Contains removed".
	CONTAINS_REMOVED = newRule(ruleDef{"CONTAINS_REMOVED", checks.Major, fwd, CategoryExtra, "Contains removed",
		"`contains` was removed: new writers may produce arrays old readers reject.",
		ex(`{"type": "array", "contains": {"type": "string"}}`, `{"type": "array"}`), ""})
	// OPTIONAL_PROPERTY_ADDED is the rule "Optional property added".
	OPTIONAL_PROPERTY_ADDED = newRule(ruleDef{"OPTIONAL_PROPERTY_ADDED", checks.Minor, 0, CategoryExtra, "Optional property added",
		"Under the default lenient policy, readers ignore properties they do not know, so an optional property added to an open object breaks nobody. Under `--policy strict` the same change is OPTIONAL_PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL.",
		ex(`{"type": "object"}`, `{"type": "object", "properties": {"a": {"type": "string"}}}`), ""})
	// REQUIRED_ATTRIBUTE_WITH_DEFAULT_REMOVED is the rule "Property with a default no longer required".
	REQUIRED_ATTRIBUTE_WITH_DEFAULT_REMOVED = newRule(ruleDef{"REQUIRED_ATTRIBUTE_WITH_DEFAULT_REMOVED", checks.Minor, 0, CategoryExtra, "Property with a default no longer required",
		"Under the default lenient policy: a property with a `default` is no longer `required`. Old readers fill in the default for new data that omits it, as new readers do for old data when it becomes required (REQUIRED_ATTRIBUTE_WITH_DEFAULT_ADDED). Under `--policy strict` it is REQUIRED_ATTRIBUTE_REMOVED.",
		ex(`{"type": "object", "properties": {"a": {"type": "string", "default": "x"}}, "required": ["a"]}`, `{"type": "object", "properties": {"a": {"type": "string", "default": "x"}}}`), ""})
	// COMBINED_TYPE_NARROWED is the rule "Combination narrowed".
	COMBINED_TYPE_NARROWED = newRule(ruleDef{"COMBINED_TYPE_NARROWED", checks.Major, bwd, CategoryExtra, "Combination narrowed",
		"Under the default lenient policy: the combination keyword changed to one that accepts less (`anyOf` to `allOf` or `oneOf`, `oneOf` to `allOf`), the mirror of COMBINED_TYPE_EXTENDED: new readers reject some old data. Under `--policy strict` it is COMBINED_TYPE_CHANGED.",
		ex(`{"anyOf": [{"type": "string"}, {"maxLength": 3}]}`, `{"allOf": [{"type": "string"}, {"maxLength": 3}]}`), ""})
	// CONSTRAINTS_ADDED is the rule "Schema that accepted anything constrained".
	CONSTRAINTS_ADDED = newRule(ruleDef{"CONSTRAINTS_ADDED", checks.Major, bwd, CategoryExtra, "Schema that accepted anything constrained",
		"A schema that accepted anything (`{}` or `true`) now has constraints: new readers reject some old data; old readers accept all new data. The mirror of CONSTRAINTS_REMOVED.",
		ex(`{"type": "object", "properties": {"a": {}}}`, `{"type": "object", "properties": {"a": {"type": "string"}}}`), ""})
	// FALSE_SCHEMA_ADDED is the rule "Schema now forbids every value".
	FALSE_SCHEMA_ADDED = newRule(ruleDef{"FALSE_SCHEMA_ADDED", checks.Major, bwd, CategoryExtra, "Schema now forbids every value",
		"A schema became `false`: new readers reject every old value there; new writers write none, which old readers accept. The mirror of FALSE_SCHEMA_RELAXED.",
		ex(`{"type": "object", "properties": {"a": {"type": "string"}}}`, `{"type": "object", "properties": {"a": false}}`), ""})
	// ITEM_WITH_EMPTY_SCHEMA_REMOVED_FROM_OPEN_CONTENT_MODEL is the rule "Unconstrained tuple item removed from an open tuple".
	ITEM_WITH_EMPTY_SCHEMA_REMOVED_FROM_OPEN_CONTENT_MODEL = newRule(ruleDef{"ITEM_WITH_EMPTY_SCHEMA_REMOVED_FROM_OPEN_CONTENT_MODEL", checks.Minor, 0, CategoryExtra, "Unconstrained tuple item removed from an open tuple",
		"A tuple item whose schema accepts anything was removed from a tuple that accepts any further item: the arrays accepted are the same. The mirror of ITEM_WITH_EMPTY_SCHEMA_ADDED_TO_OPEN_CONTENT_MODEL.",
		ex(`{"type": "array", "prefixItems": [{"type": "string"}, {}]}`, `{"type": "array", "prefixItems": [{"type": "string"}]}`), ""})
	// ITEM_WITH_FALSE_ADDED_TO_CLOSED_CONTENT_MODEL is the rule "Forbidden tuple item added to a closed tuple".
	ITEM_WITH_FALSE_ADDED_TO_CLOSED_CONTENT_MODEL = newRule(ruleDef{"ITEM_WITH_FALSE_ADDED_TO_CLOSED_CONTENT_MODEL", checks.Minor, 0, CategoryExtra, "Forbidden tuple item added to a closed tuple",
		"A tuple item declared `false` was added to a tuple that accepts no further item: the arrays accepted are the same. The mirror of ITEM_WITH_FALSE_REMOVED_FROM_CLOSED_CONTENT_MODEL.",
		ex(`{"type": "array", "prefixItems": [{"type": "string"}], "items": false}`, `{"type": "array", "prefixItems": [{"type": "string"}, false], "items": false}`), ""})
	// OPTIONAL_PROPERTY_REMOVED is the rule "Optional property removed".
	OPTIONAL_PROPERTY_REMOVED = newRule(ruleDef{"OPTIONAL_PROPERTY_REMOVED", checks.Major, 0, CategoryExtra, "Optional property removed",
		"Under the default lenient policy: an optional property was removed from an object that does not constrain undeclared properties. New readers ignore it in old data, and new writers no longer emit it, which old readers accept: no reader of data breaks. Removing a named element is still a major change, for code generated from the schema. Under `--policy strict` it is PROPERTY_REMOVED_FROM_OPEN_CONTENT_MODEL.",
		ex(`{"type": "object", "properties": {"a": {"type": "string"}}}`, `{"type": "object"}`), ""})
	// REQUIRED_PROPERTY_REMOVED is the rule "Required property removed".
	REQUIRED_PROPERTY_REMOVED = newRule(ruleDef{"REQUIRED_PROPERTY_REMOVED", checks.Major, fwd, CategoryExtra, "Required property removed",
		"Under the default lenient policy: a property old readers require was removed, so new writers no longer emit it and old readers reject new data. New readers ignore it (or, when the object covers it with `patternProperties` or an `additionalProperties` schema, validate it there: see PROPERTY_REMOVED_*_COVERED_*).",
		ex(`{"type": "object", "properties": {"a": {"type": "string"}}, "required": ["a"]}`, `{"type": "object"}`), ""})
	// OPTIONAL_PROPERTY_REMOVED_FROM_CLOSED_CONTENT_MODEL is the rule "Optional property removed from a closed object".
	OPTIONAL_PROPERTY_REMOVED_FROM_CLOSED_CONTENT_MODEL = newRule(ruleDef{"OPTIONAL_PROPERTY_REMOVED_FROM_CLOSED_CONTENT_MODEL", checks.Major, bwd, CategoryExtra, "Optional property removed from a closed object",
		"Under the default lenient policy: an optional property was removed from a closed object (`additionalProperties: false`). Old writers may still emit it and the new reader rejects what it does not declare (backward); new data lacks it, which old readers accept. A required one is PROPERTY_REMOVED_FROM_CLOSED_CONTENT_MODEL, breaking both ways.",
		ex(`{"type": "object", "properties": {"a": {"type": "string"}}, "additionalProperties": false}`, `{"type": "object", "additionalProperties": false}`), ""})
	// ADDITIONAL_PROPERTIES_OPENED is the rule "Closed object opened".
	ADDITIONAL_PROPERTIES_OPENED = newRule(ruleDef{"ADDITIONAL_PROPERTIES_OPENED", checks.Minor, 0, CategoryExtra, "Closed object opened",
		"Under the default lenient policy: `additionalProperties: false` was removed (or made `true`). New writers still emit only the properties their schema declares, which old readers accept: nothing breaks. Under `--policy strict` it is ADDITIONAL_PROPERTIES_ADDED.",
		ex(`{"type": "object", "additionalProperties": false}`, `{"type": "object"}`), ""})
	// ADDITIONAL_PROPERTIES_CLOSED is the rule "Open object closed".
	ADDITIONAL_PROPERTIES_CLOSED = newRule(ruleDef{"ADDITIONAL_PROPERTIES_CLOSED", checks.Minor, 0, CategoryExtra, "Open object closed",
		"Under the default lenient policy: an object without an `additionalProperties` schema was closed with `additionalProperties: false`. Old writers emitted only the properties their schema declared, which the new reader still declares (a property removed at the same time is reported on its own): nothing breaks. Confluent agrees under its LENIENT policy; under `--policy strict` it is ADDITIONAL_PROPERTIES_REMOVED.",
		ex(`{"type": "object", "properties": {"a": {"type": "string"}}}`, `{"type": "object", "properties": {"a": {"type": "string"}}, "additionalProperties": false}`), ""})
	// ADDITIONAL_PROPERTIES_SCHEMA_ADDED is the rule "Additional-properties schema added to an open object".
	ADDITIONAL_PROPERTIES_SCHEMA_ADDED = newRule(ruleDef{"ADDITIONAL_PROPERTIES_SCHEMA_ADDED", checks.Minor, 0, CategoryExtra, "Additional-properties schema added to an open object",
		"Under the default lenient policy: an open object got an `additionalProperties` schema. Old writers emitted no undeclared properties, and old readers ignore the entries new writers may now emit: nothing breaks. Confluent agrees under its LENIENT policy; under `--policy strict` it is ADDITIONAL_PROPERTIES_NARROWED.",
		ex(`{"type": "object"}`, `{"type": "object", "additionalProperties": {"type": "string"}}`), ""})
	// ADDITIONAL_PROPERTIES_SCHEMA_REMOVED is the rule "Additional-properties schema removed, object left open".
	ADDITIONAL_PROPERTIES_SCHEMA_REMOVED = newRule(ruleDef{"ADDITIONAL_PROPERTIES_SCHEMA_REMOVED", checks.Minor, 0, CategoryExtra, "Additional-properties schema removed, object left open",
		"Under the default lenient policy: an `additionalProperties` schema was removed, leaving the object open. New readers ignore the entries old writers emitted, and new writers emit none: nothing breaks. Under `--policy strict` it is ADDITIONAL_PROPERTIES_EXTENDED.",
		ex(`{"type": "object", "additionalProperties": {"type": "string"}}`, `{"type": "object"}`), ""})
	// REQUIRED_PROPERTY_WITH_DEFAULT_ADDED is the rule "Required property with a default added".
	REQUIRED_PROPERTY_WITH_DEFAULT_ADDED = newRule(ruleDef{"REQUIRED_PROPERTY_WITH_DEFAULT_ADDED", checks.Minor, 0, CategoryExtra, "Required property with a default added",
		"Under the default lenient policy, a required property with a default added to an open object breaks nobody: readers fill in the default. Under `--policy strict` it is REQUIRED_PROPERTY_WITH_DEFAULT_ADDED_TO_OPEN_CONTENT_MODEL.",
		ex(`{"type": "object"}`, `{"type": "object", "properties": {"a": {"type": "string", "default": "x"}}, "required": ["a"]}`), ""})
	// PROPERTY_ADDED_TO_CLOSED_CONTENT_MODEL is the rule "Property added to a closed object".
	PROPERTY_ADDED_TO_CLOSED_CONTENT_MODEL = newRule(ruleDef{"PROPERTY_ADDED_TO_CLOSED_CONTENT_MODEL", checks.Major, fwd, CategoryExtra, "Property added to a closed object",
		"A property was added to an object the old schema closed (`additionalProperties: false` and no pattern covering it): old readers reject new data that has it. Reported next to Confluent's *_ADDED_TO_UNOPEN_CONTENT_MODEL, which judges only the backward direction.",
		ex(`{"type": "object", "additionalProperties": false}`, `{"type": "object", "properties": {"a": {"type": "string"}}, "additionalProperties": false}`), ""})
	// CONSTRAINTS_REMOVED is the rule "Schema now accepts anything".
	CONSTRAINTS_REMOVED = newRule(ruleDef{"CONSTRAINTS_REMOVED", checks.Major, fwd, CategoryExtra, "Schema now accepts anything",
		"A constrained schema became `{}` or `true`. Confluent reports nothing (anything can change to the empty schema, backward); old readers reject the new data their schema did not allow.",
		ex(`{"type": "object", "properties": {"a": {"type": "string"}}}`, `{"type": "object", "properties": {"a": {}}}`), ""})
	// FALSE_SCHEMA_RELAXED is the rule "Forbidden value now allowed".
	FALSE_SCHEMA_RELAXED = newRule(ruleDef{"FALSE_SCHEMA_RELAXED", checks.Major, fwd, CategoryExtra, "Forbidden value now allowed",
		"A `false` schema (nothing allowed) now accepts values. Confluent reports nothing (backward compatible); old readers reject the new values.",
		ex(`{"type": "object", "properties": {"a": false}}`, `{"type": "object", "properties": {"a": {"type": "string"}}}`), ""})
	// CONTENT_ENCODING_ADDED is the rule "Content encoding added".
	CONTENT_ENCODING_ADDED = newRule(ruleDef{"CONTENT_ENCODING_ADDED", checks.Major, bwd, CategoryExtra, "Content encoding added",
		"`contentEncoding` was added: readers that decode the content reject old strings that are not so encoded.",
		ex(`{"type": "string"}`, `{"type": "string", "contentEncoding": "base64"}`), ""})
	// CONTENT_ENCODING_REMOVED is the rule "Content encoding removed".
	CONTENT_ENCODING_REMOVED = newRule(ruleDef{"CONTENT_ENCODING_REMOVED", checks.Major, fwd, CategoryExtra, "Content encoding removed",
		"`contentEncoding` was removed: old readers that decode the content may reject new strings.",
		ex(`{"type": "string", "contentEncoding": "base64"}`, `{"type": "string"}`), ""})
	// CONTENT_ENCODING_CHANGED is the rule "Content encoding changed".
	CONTENT_ENCODING_CHANGED = newRule(ruleDef{"CONTENT_ENCODING_CHANGED", checks.Major, both, CategoryExtra, "Content encoding changed",
		"`contentEncoding` changed: neither side decodes the other's content.",
		ex(`{"type": "string", "contentEncoding": "base64"}`, `{"type": "string", "contentEncoding": "base32"}`), ""})
	// CONTENT_MEDIA_TYPE_ADDED is the rule "Content media type added".
	CONTENT_MEDIA_TYPE_ADDED = newRule(ruleDef{"CONTENT_MEDIA_TYPE_ADDED", checks.Major, bwd, CategoryExtra, "Content media type added",
		"`contentMediaType` was added: readers that parse the content reject old strings of another type.",
		ex(`{"type": "string"}`, `{"type": "string", "contentMediaType": "image/png"}`), ""})
	// CONTENT_MEDIA_TYPE_REMOVED is the rule "Content media type removed".
	CONTENT_MEDIA_TYPE_REMOVED = newRule(ruleDef{"CONTENT_MEDIA_TYPE_REMOVED", checks.Major, fwd, CategoryExtra, "Content media type removed",
		"`contentMediaType` was removed: old readers that parse the content may reject new strings.",
		ex(`{"type": "string", "contentMediaType": "image/png"}`, `{"type": "string"}`), ""})
	// CONTENT_MEDIA_TYPE_CHANGED is the rule "Content media type changed".
	CONTENT_MEDIA_TYPE_CHANGED = newRule(ruleDef{"CONTENT_MEDIA_TYPE_CHANGED", checks.Major, both, CategoryExtra, "Content media type changed",
		"`contentMediaType` changed: neither side parses the other's content.",
		ex(`{"type": "string", "contentMediaType": "image/png"}`, `{"type": "string", "contentMediaType": "image/jpeg"}`), ""})
	// REQUIRED_NAME_ADDED is the rule "Required name added".
	REQUIRED_NAME_ADDED = newRule(ruleDef{"REQUIRED_NAME_ADDED", checks.Major, bwd, CategoryExtra, "Required name added",
		"Under the lenient policy: a name without a property schema became `required`; old data that lacks it is rejected. Confluent compares `required` only for declared properties, so `--policy strict` does not report it.",
		ex(`{"type": "object", "required": ["a"]}`, `{"type": "object", "required": ["a", "b"]}`), ""})
	// REQUIRED_NAME_REMOVED is the rule "Required name removed".
	REQUIRED_NAME_REMOVED = newRule(ruleDef{"REQUIRED_NAME_REMOVED", checks.Major, fwd, CategoryExtra, "Required name removed",
		"Under the lenient policy: a name without a property schema is no longer `required`; new data may lack it, which old readers reject. Not reported under `--policy strict`, as Confluent ignores it.",
		ex(`{"type": "object", "required": ["a", "b"]}`, `{"type": "object", "required": ["a"]}`), ""})
	// EXAMPLES_CHANGED is the rule "Examples changed".
	EXAMPLES_CHANGED = newRule(ruleDef{"EXAMPLES_CHANGED", checks.Patch, 0, CategoryDocs, "Examples changed",
		"`examples` changed: documentation only.",
		ex(`{"type": "string", "examples": ["a"]}`, `{"type": "string", "examples": ["b"]}`), ""})
	// COMMENT_CHANGED is the rule "Comment changed".
	COMMENT_CHANGED = newRule(ruleDef{"COMMENT_CHANGED", checks.Patch, 0, CategoryDocs, "Comment changed",
		"`$comment` changed: documentation only.",
		ex(`{"type": "string", "$comment": "a"}`, `{"type": "string", "$comment": "b"}`), ""})
	// DEPRECATED_ADDED is the rule "Marked deprecated".
	DEPRECATED_ADDED = newRule(ruleDef{"DEPRECATED_ADDED", checks.Minor, 0, CategoryExtra, "Marked deprecated",
		"`deprecated: true` was added. Marking something deprecated is a minor change (SemVer 2.0.0 §7).",
		ex(`{"type": "string"}`, `{"type": "string", "deprecated": true}`), ""})
	// DEPRECATED_REMOVED is the rule "No longer deprecated".
	DEPRECATED_REMOVED = newRule(ruleDef{"DEPRECATED_REMOVED", checks.Minor, 0, CategoryExtra, "No longer deprecated",
		"`deprecated: true` was removed.",
		ex(`{"type": "string", "deprecated": true}`, `{"type": "string"}`), ""})
	// READ_ONLY_ADDED is the rule "Marked read-only".
	READ_ONLY_ADDED = newRule(ruleDef{"READ_ONLY_ADDED", checks.Minor, 0, CategoryExtra, "Marked read-only",
		"`readOnly: true` was added: writers should no longer send the value.",
		ex(`{"type": "string"}`, `{"type": "string", "readOnly": true}`), ""})
	// READ_ONLY_REMOVED is the rule "No longer read-only".
	READ_ONLY_REMOVED = newRule(ruleDef{"READ_ONLY_REMOVED", checks.Minor, 0, CategoryExtra, "No longer read-only",
		"`readOnly: true` was removed.",
		ex(`{"type": "string", "readOnly": true}`, `{"type": "string"}`), ""})
	// WRITE_ONLY_ADDED is the rule "Marked write-only".
	WRITE_ONLY_ADDED = newRule(ruleDef{"WRITE_ONLY_ADDED", checks.Minor, 0, CategoryExtra, "Marked write-only",
		"`writeOnly: true` was added: readers should no longer expect the value.",
		ex(`{"type": "string"}`, `{"type": "string", "writeOnly": true}`), ""})
	// WRITE_ONLY_REMOVED is the rule "No longer write-only".
	WRITE_ONLY_REMOVED = newRule(ruleDef{"WRITE_ONLY_REMOVED", checks.Minor, 0, CategoryExtra, "No longer write-only",
		"`writeOnly: true` was removed.",
		ex(`{"type": "string", "writeOnly": true}`, `{"type": "string"}`), ""})
	// DEFINITION_ADDED is the rule "Definition added".
	DEFINITION_ADDED = newRule(ruleDef{"DEFINITION_ADDED", checks.Minor, 0, CategoryExtra, "Definition added",
		"A `$defs`/`definitions` entry was added.",
		ex(`{"$defs": {}}`, `{"$defs": {"a": {"type": "string"}}}`), ""})
	// DEFINITION_REMOVED is the rule "Definition removed".
	DEFINITION_REMOVED = newRule(ruleDef{"DEFINITION_REMOVED", checks.Major, 0, CategoryExtra, "Definition removed",
		"A `$defs`/`definitions` entry was removed: data is unaffected, but other schemas that `$ref` it no longer resolve, so it is a major change.",
		ex(`{"$defs": {"a": {"type": "string"}}}`, `{"$defs": {}}`), ""})
	// JSON_SCHEMA_FILE_ADDED is the rule "Schema file added".
	JSON_SCHEMA_FILE_ADDED = newRule(ruleDef{"JSON_SCHEMA_FILE_ADDED", checks.Minor, 0, CategoryExtra, "Schema file added",
		"A schema file exists only on the new side.",
		ex(``, `{"type": "string"}`), ""})
	// JSON_SCHEMA_FILE_REMOVED is the rule "Schema file removed".
	JSON_SCHEMA_FILE_REMOVED = newRule(ruleDef{"JSON_SCHEMA_FILE_REMOVED", checks.Major, both, CategoryExtra, "Schema file removed",
		"A schema file exists only on the old side: its readers and writers lose their contract.",
		ex(`{"type": "string"}`, ``), ""})
)

// rules lists every rule in documentation order.
var rules = []*checks.Rule{
	ID_CHANGED,
	DESCRIPTION_CHANGED,
	TITLE_CHANGED,
	DEFAULT_CHANGED,
	SCHEMA_ADDED,
	SCHEMA_REMOVED,
	TYPE_EXTENDED,
	TYPE_NARROWED,
	TYPE_CHANGED,
	MAX_LENGTH_ADDED,
	MAX_LENGTH_REMOVED,
	MAX_LENGTH_INCREASED,
	MAX_LENGTH_DECREASED,
	MIN_LENGTH_ADDED,
	MIN_LENGTH_REMOVED,
	MIN_LENGTH_INCREASED,
	MIN_LENGTH_DECREASED,
	PATTERN_ADDED,
	PATTERN_REMOVED,
	PATTERN_CHANGED,
	MAXIMUM_ADDED,
	MAXIMUM_REMOVED,
	MAXIMUM_INCREASED,
	MAXIMUM_DECREASED,
	MINIMUM_ADDED,
	MINIMUM_REMOVED,
	MINIMUM_INCREASED,
	MINIMUM_DECREASED,
	EXCLUSIVE_MAXIMUM_ADDED,
	EXCLUSIVE_MAXIMUM_REMOVED,
	EXCLUSIVE_MAXIMUM_INCREASED,
	EXCLUSIVE_MAXIMUM_DECREASED,
	EXCLUSIVE_MINIMUM_ADDED,
	EXCLUSIVE_MINIMUM_REMOVED,
	EXCLUSIVE_MINIMUM_INCREASED,
	EXCLUSIVE_MINIMUM_DECREASED,
	MULTIPLE_OF_ADDED,
	MULTIPLE_OF_REMOVED,
	MULTIPLE_OF_EXPANDED,
	MULTIPLE_OF_REDUCED,
	MULTIPLE_OF_CHANGED,
	REQUIRED_ATTRIBUTE_ADDED,
	REQUIRED_ATTRIBUTE_WITH_DEFAULT_ADDED,
	REQUIRED_ATTRIBUTE_REMOVED,
	MAX_PROPERTIES_ADDED,
	MAX_PROPERTIES_REMOVED,
	MAX_PROPERTIES_INCREASED,
	MAX_PROPERTIES_DECREASED,
	MIN_PROPERTIES_ADDED,
	MIN_PROPERTIES_REMOVED,
	MIN_PROPERTIES_INCREASED,
	MIN_PROPERTIES_DECREASED,
	ADDITIONAL_PROPERTIES_ADDED,
	ADDITIONAL_PROPERTIES_REMOVED,
	ADDITIONAL_PROPERTIES_EXTENDED,
	ADDITIONAL_PROPERTIES_NARROWED,
	DEPENDENCY_ARRAY_ADDED,
	DEPENDENCY_ARRAY_REMOVED,
	DEPENDENCY_ARRAY_EXTENDED,
	DEPENDENCY_ARRAY_NARROWED,
	DEPENDENCY_ARRAY_CHANGED,
	DEPENDENCY_SCHEMA_ADDED,
	DEPENDENCY_SCHEMA_REMOVED,
	PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL,
	REQUIRED_PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL,
	REQUIRED_PROPERTY_WITH_DEFAULT_ADDED_TO_OPEN_CONTENT_MODEL,
	OPTIONAL_PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL,
	PROPERTY_WITH_EMPTY_SCHEMA_ADDED_TO_OPEN_CONTENT_MODEL,
	REQUIRED_PROPERTY_ADDED_TO_UNOPEN_CONTENT_MODEL,
	REQUIRED_PROPERTY_WITH_DEFAULT_ADDED_TO_UNOPEN_CONTENT_MODEL,
	OPTIONAL_PROPERTY_ADDED_TO_UNOPEN_CONTENT_MODEL,
	PROPERTY_REMOVED_FROM_OPEN_CONTENT_MODEL,
	PROPERTY_WITH_FALSE_REMOVED_FROM_CLOSED_CONTENT_MODEL,
	PROPERTY_REMOVED_FROM_CLOSED_CONTENT_MODEL,
	PROPERTY_REMOVED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL,
	PROPERTY_REMOVED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL,
	PROPERTY_ADDED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL,
	PROPERTY_ADDED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL,
	UNEVALUATED_PROPERTIES_ADDED,
	UNEVALUATED_PROPERTIES_REMOVED,
	UNEVALUATED_PROPERTIES_EXTENDED,
	UNEVALUATED_PROPERTIES_NARROWED,
	MAX_ITEMS_ADDED,
	MAX_ITEMS_REMOVED,
	MAX_ITEMS_INCREASED,
	MAX_ITEMS_DECREASED,
	MIN_ITEMS_ADDED,
	MIN_ITEMS_REMOVED,
	MIN_ITEMS_INCREASED,
	MIN_ITEMS_DECREASED,
	MAX_CONTAINS_ADDED,
	MAX_CONTAINS_REMOVED,
	MAX_CONTAINS_INCREASED,
	MAX_CONTAINS_DECREASED,
	MIN_CONTAINS_ADDED,
	MIN_CONTAINS_REMOVED,
	MIN_CONTAINS_INCREASED,
	MIN_CONTAINS_DECREASED,
	UNIQUE_ITEMS_ADDED,
	UNIQUE_ITEMS_REMOVED,
	ADDITIONAL_ITEMS_ADDED,
	ADDITIONAL_ITEMS_REMOVED,
	ADDITIONAL_ITEMS_EXTENDED,
	ADDITIONAL_ITEMS_NARROWED,
	UNEVALUATED_ITEMS_ADDED,
	UNEVALUATED_ITEMS_REMOVED,
	UNEVALUATED_ITEMS_EXTENDED,
	UNEVALUATED_ITEMS_NARROWED,
	ITEM_ADDED_TO_OPEN_CONTENT_MODEL,
	ITEM_WITH_EMPTY_SCHEMA_ADDED_TO_OPEN_CONTENT_MODEL,
	ITEM_ADDED_TO_CLOSED_CONTENT_MODEL,
	ITEM_REMOVED_FROM_OPEN_CONTENT_MODEL,
	ITEM_WITH_FALSE_REMOVED_FROM_CLOSED_CONTENT_MODEL,
	ITEM_REMOVED_FROM_CLOSED_CONTENT_MODEL,
	ITEM_REMOVED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL,
	ITEM_REMOVED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL,
	ITEM_ADDED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL,
	ITEM_ADDED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL,
	ENUM_ARRAY_EXTENDED,
	ENUM_ARRAY_NARROWED,
	ENUM_ARRAY_CHANGED,
	COMBINED_TYPE_EXTENDED,
	COMBINED_TYPE_CHANGED,
	PRODUCT_TYPE_EXTENDED,
	PRODUCT_TYPE_NARROWED,
	SUM_TYPE_EXTENDED,
	SUM_TYPE_NARROWED,
	COMBINED_TYPE_SUBSCHEMAS_CHANGED,
	NOT_TYPE_EXTENDED,
	NOT_TYPE_NARROWED,
	FORMAT_ADDED,
	FORMAT_REMOVED,
	FORMAT_CHANGED,
	CONDITIONAL_ADDED,
	CONDITIONAL_REMOVED,
	CONDITIONAL_CHANGED,
	PROPERTY_NAMES_ADDED,
	PROPERTY_NAMES_REMOVED,
	PATTERN_PROPERTY_ADDED,
	PATTERN_PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL,
	PATTERN_PROPERTY_ADDED_TO_CLOSED_CONTENT_MODEL,
	PATTERN_PROPERTY_REMOVED_FROM_OPEN_CONTENT_MODEL,
	PATTERN_PROPERTY_REMOVED_FROM_CLOSED_CONTENT_MODEL,
	PATTERN_PROPERTY_REMOVED,
	CONTAINS_ADDED,
	CONTAINS_REMOVED,
	OPTIONAL_PROPERTY_ADDED,
	REQUIRED_PROPERTY_WITH_DEFAULT_ADDED,
	ITEM_WITH_EMPTY_SCHEMA_REMOVED_FROM_OPEN_CONTENT_MODEL,
	ITEM_WITH_FALSE_ADDED_TO_CLOSED_CONTENT_MODEL,
	REQUIRED_ATTRIBUTE_WITH_DEFAULT_REMOVED,
	COMBINED_TYPE_NARROWED,
	CONSTRAINTS_ADDED,
	FALSE_SCHEMA_ADDED,
	OPTIONAL_PROPERTY_REMOVED,
	REQUIRED_PROPERTY_REMOVED,
	OPTIONAL_PROPERTY_REMOVED_FROM_CLOSED_CONTENT_MODEL,
	ADDITIONAL_PROPERTIES_OPENED,
	ADDITIONAL_PROPERTIES_CLOSED,
	ADDITIONAL_PROPERTIES_SCHEMA_ADDED,
	ADDITIONAL_PROPERTIES_SCHEMA_REMOVED,
	PROPERTY_ADDED_TO_CLOSED_CONTENT_MODEL,
	CONSTRAINTS_REMOVED,
	FALSE_SCHEMA_RELAXED,
	CONTENT_ENCODING_ADDED,
	CONTENT_ENCODING_REMOVED,
	CONTENT_ENCODING_CHANGED,
	CONTENT_MEDIA_TYPE_ADDED,
	CONTENT_MEDIA_TYPE_REMOVED,
	CONTENT_MEDIA_TYPE_CHANGED,
	REQUIRED_NAME_ADDED,
	REQUIRED_NAME_REMOVED,
	EXAMPLES_CHANGED,
	COMMENT_CHANGED,
	DEPRECATED_ADDED,
	DEPRECATED_REMOVED,
	READ_ONLY_ADDED,
	READ_ONLY_REMOVED,
	WRITE_ONLY_ADDED,
	WRITE_ONLY_REMOVED,
	DEFINITION_ADDED,
	DEFINITION_REMOVED,
	JSON_SCHEMA_FILE_ADDED,
	JSON_SCHEMA_FILE_REMOVED,
}

// newRule builds a rule from its compact declaration: the doc gets the
// rule's Confluent provenance, its direction and its example.
func newRule(d ruleDef) *checks.Rule {
	var doc strings.Builder
	doc.WriteString(d.doc)
	doc.WriteString("\n\n")
	switch d.category {
	case CategoryConfluent:
		doc.WriteString("Confluent Schema Registry difference type `" + d.id + "`")
		if d.breaks&checks.Backward != 0 {
			doc.WriteString(" (incompatible under BACKWARD)")
		} else {
			doc.WriteString(" (compatible under BACKWARD)")
		}
		doc.WriteString(".")
	default:
		doc.WriteString("contractlint's own rule; Confluent Schema Registry has no difference type for it.")
	}
	fmt.Fprintf(&doc, " Breaks: %s (%s).\n\nExample", d.breaks, levelsOf(d))
	if d.ex.policy != "" {
		fmt.Fprintf(&doc, " (`--policy %s`)", d.ex.policy)
	}
	doc.WriteString(":\n\n```json\n")
	if d.ex.old != "" {
		doc.WriteString("// old\n" + d.ex.old + "\n")
	} else {
		doc.WriteString("// old: no file\n")
	}
	if d.ex.new != "" {
		doc.WriteString("// new\n" + d.ex.new + "\n")
	} else {
		doc.WriteString("// new: no file\n")
	}
	doc.WriteString("```\n")
	cats := []string{d.category}
	if d.breaks != 0 {
		cats = append(cats, "JSON_SCHEMA_BREAKING")
	}
	return &checks.Rule{
		ID:         d.id,
		Format:     checks.JSONSchema,
		Categories: cats,
		Default:    d.deprecated == "",
		Impact:     d.impact,
		Breaks:     d.breaks,
		Levels:     levelsOf(d),
		Title:      d.title,
		Doc:        doc.String(),
		Deprecated: d.deprecated,
	}
}

// levelsOf says what a rule breaks. A rule that breaks validation in some
// direction breaks readers of JSON data; a major rule that breaks no reader
// of data breaks code generated from or referring to the schema ($defs
// names, files), so it is a source-level break only. A removed file breaks
// both.
func levelsOf(d ruleDef) checks.Level {
	var l checks.Level
	if d.breaks != 0 {
		l |= checks.JSON
	}
	if d.impact == checks.Major && (d.breaks == 0 || d.id == "JSON_SCHEMA_FILE_REMOVED") {
		l |= checks.Source
	}
	return l
}
