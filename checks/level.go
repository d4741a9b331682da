package checks

import (
	"encoding/json"
	"fmt"
	"strings"
)

// Level is what a change can break, as a bit set: readers of binary data
// (Wire), readers of the JSON or text encoding (JSON), and code generated
// from or compiled against the contract (Source).
//
// Wire and JSON are data levels: a rule that breaks one of them says in
// which directions (Rule.Breaks), because a reader of data is either older
// or newer than its writer. Source has no direction: code generated from
// the proposal no longer compiles against what used the published version,
// whichever side regenerates first.
type Level uint8

// Levels.
const (
	// Wire breaks readers of the binary encoding (protobuf wire format, Avro
	// binary encoding).
	Wire Level = 1 << iota
	// JSON breaks readers of the JSON or text encoding (protobuf JSON, JSON
	// documents validated by a JSON Schema, Avro's JSON encoding).
	JSON
	// Source breaks code generated from or compiled against the contract:
	// names, packages, file layout, language options.
	Source

	// Data is the data levels, Wire and JSON.
	Data = Wire | JSON
	// AllLevels is every level.
	AllLevels = Wire | JSON | Source
)

var levelNames = []struct {
	l    Level
	name string
}{{Wire, "wire"}, {JSON, "json"}, {Source, "source"}}

// Names returns the names of the levels in l, in the order wire, json,
// source; empty for none.
func (l Level) Names() []string {
	out := []string{}
	for _, n := range levelNames {
		if l&n.l != 0 {
			out = append(out, n.name)
		}
	}
	return out
}

// String returns the levels joined with "+" ("wire+json+source"), or "none".
func (l Level) String() string {
	if l == 0 {
		return "none"
	}
	if l&^AllLevels != 0 {
		return fmt.Sprintf("Level(%d)", uint8(l))
	}
	return strings.Join(l.Names(), "+")
}

// ParseLevels parses level names ("wire", "json", "source"; also "binary"
// for wire and "both" for wire and json, as consumers declare what they
// read), separated by commas or "+".
func ParseLevels(s string) (Level, error) {
	var l Level
	for _, p := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return r == ',' || r == '+' || r == ' ' }) {
		switch p {
		case "wire", "binary":
			l |= Wire
		case "json", "text":
			l |= JSON
		case "source":
			l |= Source
		case "both":
			l |= Data
		case "none":
		default:
			return 0, fmt.Errorf("unknown level %q (want wire, json or source)", p)
		}
	}
	return l, nil
}

// MarshalJSON writes the levels as an array of names, e.g.
// ["wire","json","source"]; [] for none.
func (l Level) MarshalJSON() ([]byte, error) {
	if l&^AllLevels != 0 {
		return nil, fmt.Errorf("invalid level %d", uint8(l))
	}
	return json.Marshal(l.Names())
}

// UnmarshalJSON reads an array of level names.
func (l *Level) UnmarshalJSON(b []byte) error {
	var names []string
	if err := json.Unmarshal(b, &names); err != nil {
		return fmt.Errorf("levels: %w", err)
	}
	v, err := ParseLevels(strings.Join(names, ","))
	if err != nil {
		return err
	}
	*l = v
	return nil
}

// Versioning says which breaks a contract's version must answer for with a
// major release.
type Versioning string

// Versionings.
const (
	// VersionSource (the default) counts every break as major: data breaks in
	// a direction the mode requires, and source breaks (code consumers rely
	// on semver).
	VersionSource Versioning = "source"
	// VersionData versions by data compatibility only: a break of generated
	// code alone is a minor change.
	VersionData Versioning = "data"
)

// ParseVersioning parses "source" or "data"; empty means source.
func ParseVersioning(s string) (Versioning, error) {
	switch Versioning(strings.ToLower(s)) {
	case "", VersionSource:
		return VersionSource, nil
	case VersionData:
		return VersionData, nil
	}
	return "", fmt.Errorf("unknown versioning %q (want source or data)", s)
}

// Describe says in words what a verdict breaks, for headlines: "compatible
// both ways", "breaks backward compatibility", "breaks code generated from
// the contract; data compatible both ways", "breaks backward and forward
// compatibility and code generated from the contract". Backward and forward
// speak of data.
func (c Compatibility) Describe() string {
	var data string
	switch {
	case !c.Backward && !c.Forward:
		data = "breaks backward and forward compatibility"
	case !c.Backward:
		data = "breaks backward compatibility"
	case !c.Forward:
		data = "breaks forward compatibility"
	}
	switch {
	case c.Source && data == "":
		return "compatible both ways"
	case c.Source:
		return data
	case data == "":
		return "breaks code generated from the contract; data compatible both ways"
	}
	return data + " and code generated from the contract"
}
