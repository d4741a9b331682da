package checks

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
)

// Format names a contract format.
type Format string

// Formats.
const (
	Protobuf   Format = "protobuf"
	JSONSchema Format = "jsonschema"
	Avro       Format = "avro"
	// Lifecycle is the format of the deprecation-lifecycle rules, which
	// apply to contracts of every format; it names no contract format.
	Lifecycle Format = "lifecycle"
)

// ParseFormat parses a format name. "proto" and "json" are accepted as
// aliases.
func ParseFormat(s string) (Format, error) {
	switch strings.ToLower(s) {
	case "protobuf", "proto":
		return Protobuf, nil
	case "jsonschema", "json-schema", "json":
		return JSONSchema, nil
	case "avro", "avsc":
		return Avro, nil
	}
	return "", fmt.Errorf("unknown format %q (want protobuf, jsonschema or avro)", s)
}

// Rule is one documented check. Every rule is a package-level value owned by
// an engine; its ID never changes once shipped.
type Rule struct {
	// ID is the stable identifier, SCREAMING_SNAKE_CASE. Protobuf rules use
	// buf's IDs, JSON Schema rules Confluent Schema Registry's difference
	// types, Avro rules the Avro Java checker's incompatibility types, where
	// one exists.
	ID string
	// Format is the contract format the rule applies to.
	Format Format
	// Categories the rule belongs to, for selection (buf's FILE, PACKAGE,
	// WIRE_JSON, WIRE for protobuf; engines may define their own).
	Categories []string
	// Default reports whether the rule runs when no selection is given.
	Default bool
	// Impact is the rule's one default semantic-versioning impact.
	Impact Impact
	// Breaks is the direction in which a finding of this rule breaks data
	// compatibility (its Wire and JSON levels); zero for changes that break
	// no reader of data (additions, documentation, source-only changes).
	Breaks Direction
	// Levels is what a finding of this rule breaks: readers of binary data
	// (Wire), readers of the JSON encoding (JSON), code generated from the
	// contract (Source). A rule with a data level names its directions in
	// Breaks; Source has none. Zero for changes that break nothing. Protobuf
	// rules take theirs from buf's categories (WIRE: wire, json and source;
	// WIRE_JSON: json and source; FILE or PACKAGE only: source).
	Levels Level
	// Title is a one-line summary, sentence case, no trailing period.
	Title string
	// Doc is the Markdown documentation: what the rule detects, why it
	// matters, and an old/new example. It drives `contractlint explain`,
	// docs/rules.md and SARIF help.
	Doc string
	// Deprecated names the successor rule when this one is replaced.
	Deprecated string
	// ReplacedBy lists, for a deprecated rule kept only so that
	// configurations naming it keep working (buf's FIELD_SAME_LABEL,
	// FIELD_SAME_CTYPE, ...), the rules that run in its place: selecting,
	// overriding or ignoring it applies to them. Such a rule reports
	// nothing itself; with an empty ReplacedBy it checks nothing at all.
	ReplacedBy []string
}

// HasCategory reports whether the rule belongs to category c.
func (r *Rule) HasCategory(c string) bool { return slices.Contains(r.Categories, c) }

var ruleIDPattern = regexp.MustCompile(`^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$`)

// Validate reports what is wrong with the rule's declaration, if anything.
func (r *Rule) Validate() error {
	switch {
	case !ruleIDPattern.MatchString(r.ID):
		return fmt.Errorf("rule %q: ID must be SCREAMING_SNAKE_CASE", r.ID)
	case r.Format != Protobuf && r.Format != JSONSchema && r.Format != Avro && r.Format != Lifecycle:
		return fmt.Errorf("rule %s: unknown format %q", r.ID, r.Format)
	case r.Impact < None || r.Impact > Major:
		return fmt.Errorf("rule %s: invalid impact %d", r.ID, r.Impact)
	case r.Levels&^AllLevels != 0:
		return fmt.Errorf("rule %s: unknown levels %d", r.ID, r.Levels)
	case r.Breaks&^Both != 0:
		return fmt.Errorf("rule %s: unknown direction %d", r.ID, r.Breaks)
	case r.Levels&Data != 0 && r.Breaks == 0:
		return fmt.Errorf("rule %s: breaks %s data but names no direction (Breaks)", r.ID, r.Levels&Data)
	case r.Levels&Data == 0 && r.Breaks != 0:
		return fmt.Errorf("rule %s: breaks %s but has no data level (wire or json) to break it at", r.ID, r.Breaks)
	case r.Levels != 0 && r.Impact != Major:
		return fmt.Errorf("rule %s: a rule that breaks compatibility must default to major", r.ID)
	case strings.TrimSpace(r.Title) == "" || strings.HasSuffix(r.Title, "."):
		return fmt.Errorf("rule %s: title must be present and not end with a period", r.ID)
	case len(strings.TrimSpace(r.Doc)) < 40:
		return fmt.Errorf("rule %s: doc is missing or too short", r.ID)
	}
	for _, c := range r.Categories {
		if !ruleIDPattern.MatchString(c) {
			return fmt.Errorf("rule %s: category %q must be SCREAMING_SNAKE_CASE", r.ID, c)
		}
	}
	return nil
}
