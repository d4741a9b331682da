package checks

import (
	"fmt"
	"strings"
)

// Impact is the semantic-versioning weight of a change.
type Impact int

// Impacts, in increasing order of weight.
const (
	None Impact = iota
	Patch
	Minor
	Major
)

var impactNames = [...]string{"none", "patch", "minor", "major"}

// String returns the lower-case name of the impact ("major", ...).
func (i Impact) String() string {
	if i < None || i > Major {
		return fmt.Sprintf("Impact(%d)", int(i))
	}
	return impactNames[i]
}

// ParseImpact parses "none", "patch", "minor" or "major" (any case).
func ParseImpact(s string) (Impact, error) {
	for i, n := range impactNames {
		if strings.EqualFold(s, n) {
			return Impact(i), nil
		}
	}
	return None, fmt.Errorf("unknown impact %q (want none, patch, minor or major)", s)
}

// MarshalText implements encoding.TextMarshaler.
func (i Impact) MarshalText() ([]byte, error) {
	if i < None || i > Major {
		return nil, fmt.Errorf("invalid impact %d", int(i))
	}
	return []byte(i.String()), nil
}

// UnmarshalText implements encoding.TextUnmarshaler.
func (i *Impact) UnmarshalText(b []byte) error {
	v, err := ParseImpact(string(b))
	if err != nil {
		return err
	}
	*i = v
	return nil
}

// Direction says which way a change breaks compatibility. It is a bit set.
type Direction uint8

// Directions.
const (
	// Backward breaks when the new schema reads data written with the old one
	// (new consumers, old producers).
	Backward Direction = 1 << iota
	// Forward breaks when the old schema reads data written with the new one
	// (old consumers, new producers).
	Forward
	// Both breaks in both directions.
	Both = Backward | Forward
)

// String returns "none", "backward", "forward" or "both".
func (d Direction) String() string {
	switch d {
	case 0:
		return "none"
	case Backward:
		return "backward"
	case Forward:
		return "forward"
	case Both:
		return "both"
	}
	return fmt.Sprintf("Direction(%d)", uint8(d))
}

// MarshalText implements encoding.TextMarshaler.
func (d Direction) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText implements encoding.TextUnmarshaler.
func (d *Direction) UnmarshalText(b []byte) error {
	switch string(b) {
	case "none":
		*d = 0
	case "backward":
		*d = Backward
	case "forward":
		*d = Forward
	case "both":
		*d = Both
	default:
		return fmt.Errorf("unknown direction %q", b)
	}
	return nil
}

// Mode is a contract's compatibility mode: which directions must hold, and
// whether against the latest published version only or every one
// (transitive).
type Mode struct {
	Directions Direction
	Transitive bool
}

// Standard modes.
var (
	ModeBackward = Mode{Directions: Backward}
	ModeForward  = Mode{Directions: Forward}
	ModeFull     = Mode{Directions: Both}
	ModeNone     = Mode{}
)

// ParseMode parses backward, forward, full, none and their _transitive forms.
func ParseMode(s string) (Mode, error) {
	base, transitive := strings.CutSuffix(strings.ToLower(s), "_transitive")
	var m Mode
	switch base {
	case "backward":
		m = ModeBackward
	case "forward":
		m = ModeForward
	case "full":
		m = ModeFull
	case "none":
		if transitive {
			return Mode{}, fmt.Errorf("unknown compatibility mode %q", s)
		}
		m = ModeNone
	default:
		return Mode{}, fmt.Errorf("unknown compatibility mode %q (want backward, forward, full, none, or a *_transitive form)", s)
	}
	m.Transitive = transitive
	return m, nil
}

// String returns the mode's configuration spelling, e.g. "full_transitive".
func (m Mode) String() string {
	var s string
	switch m.Directions {
	case Backward:
		s = "backward"
	case Forward:
		s = "forward"
	case Both:
		s = "full"
	default:
		return "none"
	}
	if m.Transitive {
		s += "_transitive"
	}
	return s
}

// MarshalText implements encoding.TextMarshaler.
func (m Mode) MarshalText() ([]byte, error) { return []byte(m.String()), nil }

// UnmarshalText implements encoding.TextUnmarshaler.
func (m *Mode) UnmarshalText(b []byte) error {
	v, err := ParseMode(string(b))
	if err != nil {
		return err
	}
	*m = v
	return nil
}
