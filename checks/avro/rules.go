package avro

import "github.com/contractlint/contractlint/checks"

// Rule categories of the Avro engine.
const (
	// CategoryResolution holds the incompatibilities found by applying the
	// specification's schema-resolution rules in each direction.
	CategoryResolution = "RESOLUTION"
	// CategoryEvolution holds the changes that resolve but still matter for
	// the version: additions, removals with defaults, docs, aliases.
	CategoryEvolution = "EVOLUTION"
)

// Resolution rules. The Java checker reports one incompatibility type per
// reader/writer check; contractlint checks both directions (backward: the new
// schema reads data written with the old; forward: the old reads the new) and
// gives each rule a fixed direction, so an incompatibility type has up to
// three rules: the plain Java name when it breaks both ways, and _BACKWARD and
// _FORWARD variants when it breaks one way only. Each rule is also in a
// category named after its Java type, so --rules TYPE_MISMATCH selects all
// three and READER_FIELD_MISSING_DEFAULT_VALUE both of its variants.
var (
	// ReaderFieldMissingDefaultValueBackward is the READER_FIELD_MISSING_DEFAULT_VALUE_BACKWARD rule.
	ReaderFieldMissingDefaultValueBackward = &checks.Rule{
		ID: "READER_FIELD_MISSING_DEFAULT_VALUE_BACKWARD", Format: checks.Avro, Categories: []string{CategoryResolution, "READER_FIELD_MISSING_DEFAULT_VALUE"},
		Default: true, Impact: checks.Major, Breaks: checks.Backward, Levels: checks.Wire | checks.JSON,
		Title: "Field added without a default",
		Doc: "A field exists in the new record but not in the old one, and has no default. A reader using " +
			"the new schema cannot fill it in when it reads data written with the old schema (the Java " +
			"checker's READER_FIELD_MISSING_DEFAULT_VALUE, new schema as reader). Give the field a default.\n\n" +
			"Old:\n\n```json\n{\"type\": \"record\", \"name\": \"Order\", \"fields\": [{\"name\": \"id\", \"type\": \"long\"}]}\n```\n\n" +
			"New:\n\n```json\n{\"type\": \"record\", \"name\": \"Order\", \"fields\": [{\"name\": \"id\", \"type\": \"long\"},\n  {\"name\": \"note\", \"type\": \"string\"}]}\n```",
	}
	// ReaderFieldMissingDefaultValueForward is the READER_FIELD_MISSING_DEFAULT_VALUE_FORWARD rule.
	ReaderFieldMissingDefaultValueForward = &checks.Rule{
		ID: "READER_FIELD_MISSING_DEFAULT_VALUE_FORWARD", Format: checks.Avro, Categories: []string{CategoryResolution, "READER_FIELD_MISSING_DEFAULT_VALUE"},
		Default: true, Impact: checks.Major, Breaks: checks.Forward, Levels: checks.Wire | checks.JSON,
		Title: "Field without a default removed",
		Doc: "A field of the old record is gone from the new one (and no new field lists it in its " +
			"aliases), and the old field has no default. A reader still using the old schema cannot fill it " +
			"in when it reads data written with the new schema (READER_FIELD_MISSING_DEFAULT_VALUE, old " +
			"schema as reader). The field no longer exists in the new file, so the finding is located at " +
			"the new record's \"fields\" and its message gives the field's line in the old file.\n\n" +
			"Old:\n\n```json\n{\"type\": \"record\", \"name\": \"Order\", \"fields\": [{\"name\": \"id\", \"type\": \"long\"},\n  {\"name\": \"note\", \"type\": \"string\"}]}\n```\n\n" +
			"New:\n\n```json\n{\"type\": \"record\", \"name\": \"Order\", \"fields\": [{\"name\": \"id\", \"type\": \"long\"}]}\n```",
	}
	// TypeMismatch is the TYPE_MISMATCH rule.
	TypeMismatch = &checks.Rule{
		ID: "TYPE_MISMATCH", Format: checks.Avro, Categories: []string{CategoryResolution, "TYPE_MISMATCH"},
		Default: true, Impact: checks.Major, Breaks: checks.Both, Levels: checks.Wire | checks.JSON,
		Title: "Type changed incompatibly in both directions",
		Doc: "The type of an element changed so that neither schema can read data written with the other " +
			"(int to string, record to array, ...). Promotions (int to long, float or double; long to float " +
			"or double; float to double; string to and from bytes) are one-way and reported as " +
			"TYPE_MISMATCH_FORWARD or TYPE_MISMATCH_BACKWARD instead.\n\n" +
			"Old:\n\n```json\n{\"name\": \"qty\", \"type\": \"int\"}\n```\n\nNew:\n\n```json\n{\"name\": \"qty\", \"type\": \"string\"}\n```",
	}
	// TypeMismatchBackward is the TYPE_MISMATCH_BACKWARD rule.
	TypeMismatchBackward = &checks.Rule{
		ID: "TYPE_MISMATCH_BACKWARD", Format: checks.Avro, Categories: []string{CategoryResolution, "TYPE_MISMATCH"},
		Default: true, Impact: checks.Major, Breaks: checks.Backward, Levels: checks.Wire | checks.JSON,
		Title: "Type narrowed: the new schema cannot read old data",
		Doc: "The type of an element changed so that the old schema can read new data (a promotion) but " +
			"the new schema cannot read old data, e.g. long narrowed to int.\n\n" +
			"Old:\n\n```json\n{\"name\": \"qty\", \"type\": \"long\"}\n```\n\nNew:\n\n```json\n{\"name\": \"qty\", \"type\": \"int\"}\n```",
	}
	// TypeMismatchForward is the TYPE_MISMATCH_FORWARD rule.
	TypeMismatchForward = &checks.Rule{
		ID: "TYPE_MISMATCH_FORWARD", Format: checks.Avro, Categories: []string{CategoryResolution, "TYPE_MISMATCH"},
		Default: true, Impact: checks.Major, Breaks: checks.Forward, Levels: checks.Wire | checks.JSON,
		Title: "Type widened: the old schema cannot read new data",
		Doc: "The type of an element was promoted (int to long, float or double; long to float or double; " +
			"float to double), or a union branch the old schema cannot read was added. The new schema reads " +
			"old data, but readers of the old schema cannot read new data.\n\n" +
			"Old:\n\n```json\n{\"name\": \"qty\", \"type\": \"int\"}\n```\n\nNew:\n\n```json\n{\"name\": \"qty\", \"type\": \"long\"}\n```",
	}
	// NameMismatch is the NAME_MISMATCH rule.
	NameMismatch = &checks.Rule{
		ID: "NAME_MISMATCH", Format: checks.Avro, Categories: []string{CategoryResolution, "NAME_MISMATCH"},
		Default: true, Impact: checks.Major, Breaks: checks.Both, Levels: checks.Wire | checks.JSON | checks.Source,
		Title: "Named type renamed without aliases",
		Doc: "A record, enum or fixed changed its name and neither side lists the other's full name in its " +
			"aliases. Resolution matches named types by unqualified name or by the reader's aliases, so " +
			"neither schema reads the other's data. (A namespace-only change resolves, as in the Java " +
			"checker, and is reported as NAMESPACE_CHANGED.)\n\n" +
			"Old:\n\n```json\n{\"type\": \"fixed\", \"name\": \"Hash\", \"size\": 16}\n```\n\n" +
			"New:\n\n```json\n{\"type\": \"fixed\", \"name\": \"Digest\", \"size\": 16}\n```",
	}
	// NameMismatchBackward is the NAME_MISMATCH_BACKWARD rule.
	NameMismatchBackward = &checks.Rule{
		ID: "NAME_MISMATCH_BACKWARD", Format: checks.Avro, Categories: []string{CategoryResolution, "NAME_MISMATCH"},
		Default: true, Impact: checks.Major, Breaks: checks.Backward, Levels: checks.Wire | checks.JSON | checks.Source,
		Title: "Named type renamed without an alias for the old name",
		Doc: "A named type was renamed; the old schema lists the new name in its aliases but the new schema " +
			"does not list the old name, so the new schema cannot read old data. Add the old full name to " +
			"the new type's aliases.\n\n" +
			"Old:\n\n```json\n{\"type\": \"enum\", \"name\": \"Colour\", \"aliases\": [\"Color\"], \"symbols\": [\"RED\"]}\n```\n\n" +
			"New:\n\n```json\n{\"type\": \"enum\", \"name\": \"Color\", \"symbols\": [\"RED\"]}\n```",
	}
	// NameMismatchForward is the NAME_MISMATCH_FORWARD rule.
	NameMismatchForward = &checks.Rule{
		ID: "NAME_MISMATCH_FORWARD", Format: checks.Avro, Categories: []string{CategoryResolution, "NAME_MISMATCH"},
		Default: true, Impact: checks.Major, Breaks: checks.Forward, Levels: checks.Wire | checks.JSON | checks.Source,
		Title: "Named type renamed: old readers do not know the new name",
		Doc: "A named type was renamed and the new schema lists the old name in its aliases, so the new " +
			"schema reads old data; but aliases are applied by the reader only, so readers of the old schema " +
			"cannot read data written under the new name.\n\n" +
			"Old:\n\n```json\n{\"type\": \"record\", \"name\": \"Customer\", \"fields\": []}\n```\n\n" +
			"New:\n\n```json\n{\"type\": \"record\", \"name\": \"Client\", \"aliases\": [\"Customer\"], \"fields\": []}\n```",
	}
	// FixedSizeMismatch is the FIXED_SIZE_MISMATCH rule.
	FixedSizeMismatch = &checks.Rule{
		ID: "FIXED_SIZE_MISMATCH", Format: checks.Avro, Categories: []string{CategoryResolution, "FIXED_SIZE_MISMATCH"},
		Default: true, Impact: checks.Major, Breaks: checks.Both, Levels: checks.Wire | checks.JSON,
		Title: "Fixed size changed",
		Doc: "The size of a fixed type changed. Fixed values are read as exactly size bytes, so neither " +
			"schema can read the other's data.\n\n" +
			"Old:\n\n```json\n{\"type\": \"fixed\", \"name\": \"Hash\", \"size\": 16}\n```\n\n" +
			"New:\n\n```json\n{\"type\": \"fixed\", \"name\": \"Hash\", \"size\": 32}\n```",
	}
	// MissingEnumSymbolsBackward is the MISSING_ENUM_SYMBOLS_BACKWARD rule.
	MissingEnumSymbolsBackward = &checks.Rule{
		ID: "MISSING_ENUM_SYMBOLS_BACKWARD", Format: checks.Avro, Categories: []string{CategoryResolution, "MISSING_ENUM_SYMBOLS"},
		Default: true, Impact: checks.Major, Breaks: checks.Backward, Levels: checks.Wire | checks.JSON,
		Title: "Enum symbols removed without an enum default",
		Doc: "Symbols of the old enum are missing from the new one, and the new enum has no \"default\" " +
			"symbol, so the new schema cannot read old data holding those symbols. Give the new enum a " +
			"default, or keep the symbols.\n\n" +
			"Old:\n\n```json\n{\"type\": \"enum\", \"name\": \"Status\", \"symbols\": [\"OPEN\", \"CLOSED\", \"LOST\"]}\n```\n\n" +
			"New:\n\n```json\n{\"type\": \"enum\", \"name\": \"Status\", \"symbols\": [\"OPEN\", \"CLOSED\"]}\n```",
	}
	// MissingEnumSymbolsForward is the MISSING_ENUM_SYMBOLS_FORWARD rule.
	MissingEnumSymbolsForward = &checks.Rule{
		ID: "MISSING_ENUM_SYMBOLS_FORWARD", Format: checks.Avro, Categories: []string{CategoryResolution, "MISSING_ENUM_SYMBOLS"},
		Default: true, Impact: checks.Major, Breaks: checks.Forward, Levels: checks.Wire | checks.JSON,
		Title: "Enum symbols added while the old enum has no default",
		Doc: "The new enum has symbols the old one lacks, and the old enum has no \"default\" symbol, so " +
			"readers of the old schema fail on new data holding those symbols. Adding a symbol is only " +
			"forward compatible when the enum already had a default.\n\n" +
			"Old:\n\n```json\n{\"type\": \"enum\", \"name\": \"Status\", \"symbols\": [\"OPEN\", \"CLOSED\"]}\n```\n\n" +
			"New:\n\n```json\n{\"type\": \"enum\", \"name\": \"Status\", \"symbols\": [\"OPEN\", \"CLOSED\", \"LOST\"]}\n```",
	}
	// MissingUnionBranchBackward is the MISSING_UNION_BRANCH_BACKWARD rule.
	MissingUnionBranchBackward = &checks.Rule{
		ID: "MISSING_UNION_BRANCH_BACKWARD", Format: checks.Avro, Categories: []string{CategoryResolution, "MISSING_UNION_BRANCH"},
		Default: true, Impact: checks.Major, Breaks: checks.Backward, Levels: checks.Wire | checks.JSON,
		Title: "Union cannot read a type the old schema writes",
		Doc: "The new schema is a union with no branch that reads a type the old schema may write (a " +
			"removed branch, or a type turned into a union without it).\n\n" +
			"Old:\n\n```json\n{\"name\": \"id\", \"type\": [\"null\", \"string\", \"long\"]}\n```\n\n" +
			"New:\n\n```json\n{\"name\": \"id\", \"type\": [\"null\", \"string\"]}\n```",
	}
	// MissingUnionBranchForward is the MISSING_UNION_BRANCH_FORWARD rule.
	MissingUnionBranchForward = &checks.Rule{
		ID: "MISSING_UNION_BRANCH_FORWARD", Format: checks.Avro, Categories: []string{CategoryResolution, "MISSING_UNION_BRANCH"},
		Default: true, Impact: checks.Major, Breaks: checks.Forward, Levels: checks.Wire | checks.JSON,
		Title: "Union branch added that old readers cannot read",
		Doc: "The old schema is a union with no branch that reads a branch of the new union, so readers of " +
			"the old schema fail on new data of that branch.\n\n" +
			"Old:\n\n```json\n{\"name\": \"id\", \"type\": [\"null\", \"string\"]}\n```\n\n" +
			"New:\n\n```json\n{\"name\": \"id\", \"type\": [\"null\", \"string\", \"boolean\"]}\n```",
	}
	// DecimalScaleOrPrecisionMismatch is the DECIMAL_SCALE_OR_PRECISION_MISMATCH rule.
	DecimalScaleOrPrecisionMismatch = &checks.Rule{
		ID: "DECIMAL_SCALE_OR_PRECISION_MISMATCH", Format: checks.Avro, Categories: []string{CategoryResolution, "DECIMAL_SCALE_OR_PRECISION_MISMATCH"},
		Default: true, Impact: checks.Major, Breaks: checks.Both, Levels: checks.Wire | checks.JSON,
		Title: "Decimal scale changed",
		Doc: "The scale of a decimal logical type changed. A decimal is stored as an unscaled integer, so a " +
			"reader with another scale reads every value multiplied or divided by a power of ten, whichever " +
			"side upgrades first. The reference Java checker ignores logical types and calls this change " +
			"compatible; contractlint flags it. (A precision change alone breaks one way: " +
			"DECIMAL_SCALE_OR_PRECISION_MISMATCH_BACKWARD or _FORWARD.)\n\n" +
			"Old:\n\n```json\n{\"type\": \"bytes\", \"logicalType\": \"decimal\", \"precision\": 9, \"scale\": 2}\n```\n\n" +
			"New:\n\n```json\n{\"type\": \"bytes\", \"logicalType\": \"decimal\", \"precision\": 9, \"scale\": 3}\n```",
	}
	// DecimalPrecisionNarrowed is the DECIMAL_SCALE_OR_PRECISION_MISMATCH_BACKWARD rule.
	DecimalPrecisionNarrowed = &checks.Rule{
		ID: "DECIMAL_SCALE_OR_PRECISION_MISMATCH_BACKWARD", Format: checks.Avro, Categories: []string{CategoryResolution, "DECIMAL_SCALE_OR_PRECISION_MISMATCH"},
		Default: true, Impact: checks.Major, Breaks: checks.Backward, Levels: checks.Wire | checks.JSON,
		Title: "Decimal precision decreased",
		Doc: "The precision of a decimal decreased with the same scale: old data may hold values with more " +
			"digits than the new schema allows. The Java checker ignores this; contractlint flags it.\n\n" +
			"Old:\n\n```json\n{\"type\": \"bytes\", \"logicalType\": \"decimal\", \"precision\": 12, \"scale\": 2}\n```\n\n" +
			"New:\n\n```json\n{\"type\": \"bytes\", \"logicalType\": \"decimal\", \"precision\": 9, \"scale\": 2}\n```",
	}
	// DecimalPrecisionWidened is the DECIMAL_SCALE_OR_PRECISION_MISMATCH_FORWARD rule.
	DecimalPrecisionWidened = &checks.Rule{
		ID: "DECIMAL_SCALE_OR_PRECISION_MISMATCH_FORWARD", Format: checks.Avro, Categories: []string{CategoryResolution, "DECIMAL_SCALE_OR_PRECISION_MISMATCH"},
		Default: true, Impact: checks.Major, Breaks: checks.Forward, Levels: checks.Wire | checks.JSON,
		Title: "Decimal precision increased",
		Doc: "The precision of a decimal increased with the same scale: the new schema reads old data, but " +
			"new values may have more digits than old readers allow. The Java checker ignores this; " +
			"contractlint flags it.\n\n" +
			"Old:\n\n```json\n{\"type\": \"bytes\", \"logicalType\": \"decimal\", \"precision\": 9, \"scale\": 2}\n```\n\n" +
			"New:\n\n```json\n{\"type\": \"bytes\", \"logicalType\": \"decimal\", \"precision\": 12, \"scale\": 2}\n```",
	}
	// LogicalTypeChanged is the LOGICAL_TYPE_CHANGED rule.
	LogicalTypeChanged = &checks.Rule{
		ID: "LOGICAL_TYPE_CHANGED", Format: checks.Avro, Categories: []string{CategoryResolution},
		Default: true, Impact: checks.Major, Breaks: checks.Both, Levels: checks.Wire | checks.JSON,
		Title: "Logical type added, removed or changed",
		Doc: "The logical type of an element changed (timestamp-millis to timestamp-micros, a plain long " +
			"to a timestamp, ...). The encoded bits still resolve, which is why the Java checker ignores " +
			"this, but readers interpret them differently: a millisecond timestamp read as microseconds " +
			"is off by a factor of 1000. Logical types the specification does not define are ignored.\n\n" +
			"Old:\n\n```json\n{\"name\": \"at\", \"type\": {\"type\": \"long\", \"logicalType\": \"timestamp-millis\"}}\n```\n\n" +
			"New:\n\n```json\n{\"name\": \"at\", \"type\": {\"type\": \"long\", \"logicalType\": \"timestamp-micros\"}}\n```",
	}
)

// Evolution rules: changes that resolve in both directions but still change
// the contract.
var (
	// FieldAddedWithDefault is the FIELD_ADDED_WITH_DEFAULT rule.
	FieldAddedWithDefault = &checks.Rule{
		ID: "FIELD_ADDED_WITH_DEFAULT", Format: checks.Avro, Categories: []string{CategoryEvolution},
		Default: true, Impact: checks.Minor,
		Title: "Field added with a default",
		Doc: "A field with a default was added to a record: new readers use the default for old data and " +
			"old readers skip the field. A compatible addition, so minor.\n\n" +
			"Old:\n\n```json\n{\"type\": \"record\", \"name\": \"Order\", \"fields\": [{\"name\": \"id\", \"type\": \"long\"}]}\n```\n\n" +
			"New:\n\n```json\n{\"type\": \"record\", \"name\": \"Order\", \"fields\": [{\"name\": \"id\", \"type\": \"long\"},\n  {\"name\": \"note\", \"type\": [\"null\", \"string\"], \"default\": null}]}\n```",
	}
	// FieldRemovedWithDefault is the FIELD_REMOVED_WITH_DEFAULT rule.
	FieldRemovedWithDefault = &checks.Rule{
		ID: "FIELD_REMOVED_WITH_DEFAULT", Format: checks.Avro, Categories: []string{CategoryEvolution},
		Default: true, Impact: checks.Major, Levels: checks.Source,
		Title: "Field with a default removed",
		Doc: "A field that had a default was removed. Data still resolves both ways (old readers fill in " +
			"the default), but consumers lose the field's values: removing a named element is a major " +
			"change. The finding is located at the new record's \"fields\"; the message gives the " +
			"field's line in the old file.\n\n" +
			"Old:\n\n```json\n{\"type\": \"record\", \"name\": \"Order\", \"fields\": [{\"name\": \"id\", \"type\": \"long\"},\n  {\"name\": \"note\", \"type\": \"string\", \"default\": \"\"}]}\n```\n\n" +
			"New:\n\n```json\n{\"type\": \"record\", \"name\": \"Order\", \"fields\": [{\"name\": \"id\", \"type\": \"long\"}]}\n```",
	}
	// FieldRenamed is the FIELD_RENAMED rule.
	FieldRenamed = &checks.Rule{
		ID: "FIELD_RENAMED", Format: checks.Avro, Categories: []string{CategoryEvolution},
		Default: true, Impact: checks.Major, Levels: checks.Source,
		Title: "Field renamed with an alias",
		Doc: "A field was renamed and the new field lists the old name in its aliases, so the new schema " +
			"reads old data. Renaming a named element is a major change; old readers additionally need a " +
			"default for the old name (see READER_FIELD_MISSING_DEFAULT_VALUE_FORWARD).\n\n" +
			"Old:\n\n```json\n{\"name\": \"qty\", \"type\": \"int\"}\n```\n\n" +
			"New:\n\n```json\n{\"name\": \"quantity\", \"aliases\": [\"qty\"], \"type\": \"int\"}\n```",
	}
	// FieldMoved is the FIELD_MOVED rule.
	FieldMoved = &checks.Rule{
		ID: "FIELD_MOVED", Format: checks.Avro, Categories: []string{CategoryEvolution},
		Default: true, Impact: checks.Patch,
		Title: "Field moved within its record",
		Doc: "A field changed its position relative to the other fields. Resolution matches fields by " +
			"name, so data still resolves, but the binary encoding and generated code follow the new " +
			"order: a patch-level reordering.\n\n" +
			"Old:\n\n```json\n\"fields\": [{\"name\": \"a\", \"type\": \"int\"}, {\"name\": \"b\", \"type\": \"int\"}]\n```\n\n" +
			"New:\n\n```json\n\"fields\": [{\"name\": \"b\", \"type\": \"int\"}, {\"name\": \"a\", \"type\": \"int\"}]\n```",
	}
	// FieldDefaultChanged is the FIELD_DEFAULT_CHANGED rule.
	FieldDefaultChanged = &checks.Rule{
		ID: "FIELD_DEFAULT_CHANGED", Format: checks.Avro, Categories: []string{CategoryEvolution},
		Default: true, Impact: checks.Minor,
		Title: "Field default added, removed or changed",
		Doc: "The default value of a field changed, appeared or disappeared. Readers fill in the default " +
			"when the writer lacks the field, so their behaviour changes; a removed default also means the " +
			"field can no longer be removed or added compatibly.\n\n" +
			"Old:\n\n```json\n{\"name\": \"currency\", \"type\": \"string\", \"default\": \"EUR\"}\n```\n\n" +
			"New:\n\n```json\n{\"name\": \"currency\", \"type\": \"string\", \"default\": \"USD\"}\n```",
	}
	// FieldOrderChanged is the FIELD_ORDER_CHANGED rule.
	FieldOrderChanged = &checks.Rule{
		ID: "FIELD_ORDER_CHANGED", Format: checks.Avro, Categories: []string{CategoryEvolution},
		Default: true, Impact: checks.Minor,
		Title: "Field sort order changed",
		Doc: "The \"order\" attribute of a field (ascending, descending, ignore) changed. Data resolves, " +
			"but records now sort differently wherever Avro's binary sort order is used.\n\n" +
			"Old:\n\n```json\n{\"name\": \"at\", \"type\": \"long\"}\n```\n\n" +
			"New:\n\n```json\n{\"name\": \"at\", \"type\": \"long\", \"order\": \"descending\"}\n```",
	}
	// EnumSymbolAdded is the ENUM_SYMBOL_ADDED rule.
	EnumSymbolAdded = &checks.Rule{
		ID: "ENUM_SYMBOL_ADDED", Format: checks.Avro, Categories: []string{CategoryEvolution},
		Default: true, Impact: checks.Minor,
		Title: "Enum symbol added to an enum with a default",
		Doc: "A symbol was added to an enum that already had a \"default\", so old readers read the new " +
			"symbol as the default: a compatible addition. (Without an old default the addition breaks " +
			"old readers: MISSING_ENUM_SYMBOLS_FORWARD.)\n\n" +
			"Old:\n\n```json\n{\"type\": \"enum\", \"name\": \"Status\", \"symbols\": [\"UNKNOWN\", \"OPEN\"], \"default\": \"UNKNOWN\"}\n```\n\n" +
			"New:\n\n```json\n{\"type\": \"enum\", \"name\": \"Status\", \"symbols\": [\"UNKNOWN\", \"OPEN\", \"CLOSED\"], \"default\": \"UNKNOWN\"}\n```",
	}
	// EnumSymbolRemoved is the ENUM_SYMBOL_REMOVED rule.
	EnumSymbolRemoved = &checks.Rule{
		ID: "ENUM_SYMBOL_REMOVED", Format: checks.Avro, Categories: []string{CategoryEvolution},
		Default: true, Impact: checks.Major, Levels: checks.Source,
		Title: "Enum symbol removed from an enum with a default",
		Doc: "A symbol was removed from an enum whose new version has a \"default\", so old data holding it " +
			"reads as the default. Data resolves, but a named element is gone: a major change. (Without a " +
			"new default the removal breaks new readers: MISSING_ENUM_SYMBOLS_BACKWARD.) The finding is " +
			"located at the new enum's \"symbols\".\n\n" +
			"Old:\n\n```json\n{\"type\": \"enum\", \"name\": \"Status\", \"symbols\": [\"UNKNOWN\", \"OPEN\", \"LOST\"], \"default\": \"UNKNOWN\"}\n```\n\n" +
			"New:\n\n```json\n{\"type\": \"enum\", \"name\": \"Status\", \"symbols\": [\"UNKNOWN\", \"OPEN\"], \"default\": \"UNKNOWN\"}\n```",
	}
	// EnumDefaultChanged is the ENUM_DEFAULT_CHANGED rule.
	EnumDefaultChanged = &checks.Rule{
		ID: "ENUM_DEFAULT_CHANGED", Format: checks.Avro, Categories: []string{CategoryEvolution},
		Default: true, Impact: checks.Minor,
		Title: "Enum default added, removed or changed",
		Doc: "The \"default\" symbol of an enum, used by readers for symbols they do not know, changed, " +
			"appeared or disappeared.\n\n" +
			"Old:\n\n```json\n{\"type\": \"enum\", \"name\": \"Status\", \"symbols\": [\"UNKNOWN\", \"OPEN\"]}\n```\n\n" +
			"New:\n\n```json\n{\"type\": \"enum\", \"name\": \"Status\", \"symbols\": [\"UNKNOWN\", \"OPEN\"], \"default\": \"UNKNOWN\"}\n```",
	}
	// DocChanged is the DOC_CHANGED rule.
	DocChanged = &checks.Rule{
		ID: "DOC_CHANGED", Format: checks.Avro, Categories: []string{CategoryEvolution},
		Default: true, Impact: checks.Patch,
		Title: "Documentation changed",
		Doc: "The \"doc\" of a record, enum, fixed or field was added, removed or changed. Documentation " +
			"only: patch.\n\n" +
			"Old:\n\n```json\n{\"name\": \"id\", \"type\": \"long\"}\n```\n\n" +
			"New:\n\n```json\n{\"name\": \"id\", \"type\": \"long\", \"doc\": \"Order number.\"}\n```",
	}
	// AliasAdded is the ALIAS_ADDED rule.
	AliasAdded = &checks.Rule{
		ID: "ALIAS_ADDED", Format: checks.Avro, Categories: []string{CategoryEvolution},
		Default: true, Impact: checks.Minor,
		Title: "Alias added",
		Doc: "A named type or a field gained an alias: the new schema can now read data written under " +
			"that name too.\n\n" +
			"Old:\n\n```json\n{\"type\": \"record\", \"name\": \"Client\", \"fields\": []}\n```\n\n" +
			"New:\n\n```json\n{\"type\": \"record\", \"name\": \"Client\", \"aliases\": [\"Customer\"], \"fields\": []}\n```",
	}
	// AliasRemoved is the ALIAS_REMOVED rule.
	AliasRemoved = &checks.Rule{
		ID: "ALIAS_REMOVED", Format: checks.Avro, Categories: []string{CategoryEvolution},
		Default: true, Impact: checks.Minor,
		Title: "Alias removed",
		Doc: "A named type or a field lost an alias: the new schema no longer reads data written under " +
			"that name. The finding is located at the new element's aliases, or at the element when it has none.\n\n" +
			"Old:\n\n```json\n{\"name\": \"quantity\", \"aliases\": [\"qty\"], \"type\": \"int\"}\n```\n\n" +
			"New:\n\n```json\n{\"name\": \"quantity\", \"type\": \"int\"}\n```",
	}
	// NamespaceChanged is the NAMESPACE_CHANGED rule.
	NamespaceChanged = &checks.Rule{
		ID: "NAMESPACE_CHANGED", Format: checks.Avro, Categories: []string{CategoryEvolution},
		Default: true, Impact: checks.Major, Levels: checks.Source,
		Title: "Namespace of a named type changed",
		Doc: "A record, enum or fixed kept its name but moved to another namespace. Resolution compares " +
			"unqualified names (as the Java checker does), so data resolves; but the full name is the " +
			"type's identity for generated code and for registries that key subjects by record name, so " +
			"this is a rename: major.\n\n" +
			"Old:\n\n```json\n{\"type\": \"record\", \"name\": \"Order\", \"namespace\": \"shop\", \"fields\": []}\n```\n\n" +
			"New:\n\n```json\n{\"type\": \"record\", \"name\": \"Order\", \"namespace\": \"shop.v2\", \"fields\": []}\n```",
	}
	// FileAdded is the FILE_ADDED rule.
	FileAdded = &checks.Rule{
		ID: "FILE_ADDED", Format: checks.Avro, Categories: []string{CategoryEvolution},
		Default: true, Impact: checks.Minor,
		Title: "Schema file added",
		Doc: "A new .avsc file appeared: a new contract or new named types, a minor addition.\n\n" +
			"Old: no `payment.avsc`.\n\n" +
			"New:\n\n```json\n{\"type\": \"record\", \"name\": \"Payment\", \"fields\": []}\n```",
	}
	// FileRemoved is the FILE_REMOVED rule.
	FileRemoved = &checks.Rule{
		ID: "FILE_REMOVED", Format: checks.Avro, Categories: []string{CategoryEvolution},
		Default: true, Impact: checks.Major, Levels: checks.Source,
		Title: "Schema file removed",
		Doc: "An .avsc file is gone. Its consumers lose their contract: major. Named types it defined " +
			"that other files still use must now be defined elsewhere, or the new side fails to load.\n\n" +
			"Old:\n\n```json\n{\"type\": \"record\", \"name\": \"Payment\", \"fields\": []}\n```\n\n" +
			"New: no `payment.avsc`.",
	}
	// FileRenamed is the FILE_RENAMED rule.
	FileRenamed = &checks.Rule{
		ID: "FILE_RENAMED", Format: checks.Avro, Categories: []string{CategoryEvolution},
		Default: true, Impact: checks.Major, Levels: checks.Source,
		Title: "Schema file renamed",
		Doc: "An .avsc file is gone and a new file defines the same top-level named type: the file was " +
			"renamed or moved. Its schemas are compared as usual; the rename itself is major, because " +
			"builds and tools that import the schema by path must follow it.\n\n" +
			"Old: `order.avsc`:\n\n```json\n{\"type\": \"record\", \"name\": \"Order\", \"fields\": []}\n```\n\n" +
			"New: `shop/order.avsc` with the same record.",
	}
	// TypeChanged is the TYPE_CHANGED_RESOLVABLE rule.
	TypeChanged = &checks.Rule{
		ID: "TYPE_CHANGED_RESOLVABLE", Format: checks.Avro, Categories: []string{CategoryEvolution},
		Default: true, Impact: checks.Minor,
		Title: "Type changed, still resolvable both ways",
		Doc: "The type of an element changed in a way both schemas still read each other's data: string " +
			"to bytes or back, or a type wrapped into (or unwrapped from) a union of itself alone. No data " +
			"breaks, but generated code and the binary encoding change, so it is reported: minor.\n\n" +
			"Old:\n\n```json\n{\"name\": \"payload\", \"type\": \"string\"}\n```\n\n" +
			"New:\n\n```json\n{\"name\": \"payload\", \"type\": \"bytes\"}\n```",
	}
	// UnionReordered is the UNION_REORDERED rule.
	UnionReordered = &checks.Rule{
		ID: "UNION_REORDERED", Format: checks.Avro, Categories: []string{CategoryEvolution},
		Default: true, Impact: checks.Patch,
		Title: "Union branches reordered",
		Doc: "The branches of a union kept their types but changed order. Resolution matches branches by " +
			"type, so data still resolves both ways; the encoding writes the branch index and a field " +
			"default must match the first branch, so the order is still part of the contract: patch.\n\n" +
			"Old:\n\n```json\n{\"name\": \"id\", \"type\": [\"string\", \"long\"]}\n```\n\n" +
			"New:\n\n```json\n{\"name\": \"id\", \"type\": [\"long\", \"string\"]}\n```",
	}
	// ElementDeprecated is the ELEMENT_DEPRECATED rule.
	ElementDeprecated = &checks.Rule{
		ID: "ELEMENT_DEPRECATED", Format: checks.Avro, Categories: []string{CategoryEvolution},
		Default: true, Impact: checks.Minor,
		Title: "Element marked deprecated",
		Doc: "A record, enum, fixed or field gained a `\"deprecated\"` attribute (true or a reason), or an " +
			"enum listed a symbol in `\"deprecatedSymbols\"`. Marking something deprecated is minor " +
			"(SemVer 2.0.0 §7); the lifecycle rules of `contractlint check` follow its sunset.\n\n" +
			"Old:\n\n```json\n{\"name\": \"fax\", \"type\": \"string\"}\n```\n\n" +
			"New:\n\n```json\n{\"name\": \"fax\", \"type\": \"string\", \"deprecated\": true, \"sunset\": \"2027-03-31\"}\n```",
	}
	// ElementUndeprecated is the ELEMENT_UNDEPRECATED rule.
	ElementUndeprecated = &checks.Rule{
		ID: "ELEMENT_UNDEPRECATED", Format: checks.Avro, Categories: []string{CategoryEvolution},
		Default: true, Impact: checks.Minor,
		Title: "Element no longer deprecated",
		Doc: "A deprecation marker was lifted: the `\"deprecated\"` attribute is gone or false, or a symbol " +
			"left `\"deprecatedSymbols\"`. Consumers may keep relying on the element: minor.\n\n" +
			"Old:\n\n```json\n{\"name\": \"fax\", \"type\": \"string\", \"deprecated\": true}\n```\n\n" +
			"New:\n\n```json\n{\"name\": \"fax\", \"type\": \"string\"}\n```",
	}
	// AttributeChanged is the ATTRIBUTE_CHANGED rule.
	AttributeChanged = &checks.Rule{
		ID: "ATTRIBUTE_CHANGED", Format: checks.Avro, Categories: []string{CategoryEvolution},
		Default: true, Impact: checks.Patch,
		Title: "Custom attribute added, removed or changed",
		Doc: "An attribute the specification does not define (`connect.name`, `avro.java.string`, `sunset`, " +
			"...) was added, removed or changed on a type or field. Avro keeps such attributes as metadata " +
			"for tools and code generators; data resolves as before: patch. Deprecation markers have their " +
			"own rules and `x-contractlint-ignore` annotations are not changes.\n\n" +
			"Old:\n\n```json\n{\"type\": \"string\"}\n```\n\n" +
			"New:\n\n```json\n{\"type\": \"string\", \"avro.java.string\": \"String\"}\n```",
	}
)
