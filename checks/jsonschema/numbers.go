package jsonschema

import (
	"math/big"
	"strings"
)

// maxRatExponent bounds the decimal exponent of a number literal that is
// turned into a big.Rat: 1e-1000000000 as a rational would need a
// billion-digit denominator. Larger literals are compared exactly by
// cmpNumber, shown as written, and validated through a stand-in
// (validationNumber).
const maxRatExponent = 1000

// decimal is a number literal split into sign, significant digits and the
// exponent of its first digit: 0.d1d2… × 10^exp. Zero has no digits.
type decimal struct {
	neg    bool
	digits string
	exp    *big.Int
}

// parseDecimal splits a JSON number literal (already validated by the
// parser) without evaluating its exponent.
func parseDecimal(s string) decimal {
	var d decimal
	if strings.HasPrefix(s, "-") {
		d.neg, s = true, s[1:]
	}
	mant, expPart, _ := strings.Cut(strings.ToLower(s), "e")
	exp, ok := new(big.Int).SetString(strings.TrimPrefix(expPart, "+"), 10)
	if !ok {
		exp = new(big.Int)
	}
	intPart, frac, _ := strings.Cut(mant, ".")
	digits := intPart + frac
	// The first digit of intPart sits at 10^(len(intPart)-1), i.e. the
	// value is 0.digits × 10^(exp + len(intPart)).
	exp.Add(exp, big.NewInt(int64(len(intPart))))
	trimmed := strings.TrimLeft(digits, "0")
	exp.Sub(exp, big.NewInt(int64(len(digits)-len(trimmed))))
	d.digits = strings.TrimRight(trimmed, "0")
	d.exp = exp
	if d.digits == "" {
		d.neg = false
	}
	return d
}

// cmpNumber compares two number literals exactly, whatever their
// exponents: -1, 0 or 1.
func cmpNumber(a, b string) int {
	x, y := parseDecimal(a), parseDecimal(b)
	sign := func(d decimal) int {
		switch {
		case d.digits == "":
			return 0
		case d.neg:
			return -1
		}
		return 1
	}
	sx, sy := sign(x), sign(y)
	if sx != sy || sx == 0 {
		return cmpInt(sx, sy)
	}
	c := x.exp.Cmp(y.exp)
	if c == 0 {
		c = strings.Compare(x.digits, y.digits)
	}
	return c * sx
}

func cmpInt(a, b int) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// hugeExponent reports whether a number literal's exponent is too large
// (either way) to be evaluated as a rational.
func hugeExponent(s string) bool {
	e := parseDecimal(s).exp
	return e.CmpAbs(big.NewInt(maxRatExponent)) > 0
}

// validationNumber is what the metaschema validator sees for a number
// literal: the literal itself, or for one with a huge exponent a stand-in
// of the same sign, integer-ness and side of 1 (jsonschema/v5 would
// evaluate 1e99999999 in full, or panic on it).
func validationNumber(s string) string {
	if !hugeExponent(s) {
		return s
	}
	d := parseDecimal(s)
	out := "1e400"
	if d.exp.Sign() < 0 {
		out = "1e-400"
	}
	if d.neg {
		out = "-" + out
	}
	return out
}

// numberText shows a number for messages: as written when it has an
// exponent (1e400 stays short, -1e-400 is not rounded to -0), else its
// exact value.
func numberText(v *value) string {
	if v == nil {
		return ""
	}
	if !strings.ContainsAny(v.Str, "eE") {
		if r, ok := exactRat(v); ok {
			return ratString(r)
		}
	}
	return v.Str
}
