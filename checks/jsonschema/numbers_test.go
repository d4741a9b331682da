package jsonschema

import (
	"testing"

	"github.com/contractlint/contractlint/checks"
)

// TestCmpNumber compares literals exactly, whatever their exponents.
func TestCmpNumber(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		a, b string
		want int
	}{
		{"100", "1e-1000000000", 1},
		{"1e99999999", "1", 1},
		{"1e2", "100.0", 0},
		{"0", "-0.0", 0},
		{"-1e-400", "0", -1},
		{"-2", "-10", 1},
		{"1.5", "1.50000", 0},
		{"0.001", "1e-3", 0},
		{"123456789012345678901234567890", "123456789012345678901234567891", -1},
		{"1e999999999999999999999", "2e999999999999999999999", -1},
		{"-1e999999999999999999999", "-2e999999999999999999999", 1},
		{"0.1", "0.09", 1},
	} {
		if got := cmpNumber(tc.a, tc.b); got != tc.want {
			t.Errorf("cmpNumber(%s, %s) = %d, want %d", tc.a, tc.b, got, tc.want)
		}
		if got := cmpNumber(tc.b, tc.a); got != -tc.want {
			t.Errorf("cmpNumber(%s, %s) = %d, want %d", tc.b, tc.a, got, -tc.want)
		}
	}
}

// TestHostileNumbers: huge exponents anywhere in a schema never panic nor
// hang; they are compared, or rejected with a position.
func TestHostileNumbers(t *testing.T) {
	t.Parallel()
	for _, s := range []string{
		`{"minLength": 1e99999999}`, `{"maxItems": 1e999999999999}`, `{"multipleOf": 1e-99999999}`,
		`{"enum": [1e99999999, 2]}`, `{"const": -1e-99999999}`, `{"type": "integer", "enum": [1e99999999]}`,
		`{"minimum": 1E+99999999, "exclusiveMaximum": 1e-99999999}`, `{"default": 1e99999999}`,
	} {
		side := mapSide("new", map[string]string{"s.json": s})
		old := mapSide("old", map[string]string{"s.json": `{"maximum": 1, "minLength": 2, "multipleOf": 3}`})
		if _, err := run(t, checksRequest(old, side)); err != nil {
			wantInputError(t, err, "invalid schema")
		}
		if _, err := run(t, checksRequest(side, side)); err != nil {
			wantInputError(t, err, "invalid schema")
		}
	}
}

func checksRequest(old, new checks.Side) checks.Request {
	return checks.Request{Old: old, New: new}
}
