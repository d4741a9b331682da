package avro

import (
	"fmt"
	"slices"
	"strings"
)

// Incompatibility kinds: the Avro Java checker's SchemaIncompatibilityType
// names, plus two of ours for logical types.
const (
	kindFieldMissingDefault = "READER_FIELD_MISSING_DEFAULT_VALUE"
	kindTypeMismatch        = "TYPE_MISMATCH"
	kindNameMismatch        = "NAME_MISMATCH"
	kindFixedSize           = "FIXED_SIZE_MISMATCH"
	kindEnumSymbols         = "MISSING_ENUM_SYMBOLS"
	kindUnionBranch         = "MISSING_UNION_BRANCH"
	kindDecimal             = "DECIMAL_SCALE_OR_PRECISION_MISMATCH"
	kindLogical             = "LOGICAL_TYPE_CHANGED"
)

// incompat is one reason why a reader cannot read a writer's data.
type incompat struct {
	kind string
	// reader and writer locate the element on each side; for an element
	// that exists on one side only, the other locates its parent.
	reader, writer loc
	// readerVal and writerVal describe the element on each side.
	readerVal, writerVal string
}

// checker applies the specification's schema-resolution rules to a reader
// and a writer schema, like the Avro Java SchemaCompatibility checker, but
// keeps every incompatibility with its location.
type checker struct {
	memo map[[2]*schema]*memoEntry
}

type memoEntry struct {
	done bool
	list []incompat
}

func newChecker() *checker { return &checker{memo: map[[2]*schema]*memoEntry{}} }

// compat reports why reader r (written at site rs) cannot read data written
// with w (at ws); nil means it can. Pairs are memoised, and a pair met again
// while it is being checked (a recursive type) is assumed compatible, so
// recursion terminates; any incompatibility is found on the first visit.
func (c *checker) compat(r, w *schema, rs, ws loc) []incompat {
	key := [2]*schema{r, w}
	if e, ok := c.memo[key]; ok {
		if !e.done {
			return nil
		}
		return e.list
	}
	e := &memoEntry{}
	c.memo[key] = e
	e.list = dedupe(c.calc(r, w, rs, ws))
	e.done = true
	return e.list
}

// dedupe drops repeated incompatibilities, keeping the first of each. A
// named type reached along several paths (a record used by two fields) gives
// the same located incompatibilities along each; without this, a schema of
// n records that each use the next twice would carry 2^n copies upward.
func dedupe(list []incompat) []incompat {
	if len(list) < 2 {
		return list
	}
	seen := make(map[incompat]bool, len(list))
	out := list[:0:0]
	for _, in := range list {
		if !seen[in] {
			seen[in] = true
			out = append(out, in)
		}
	}
	return out
}

func (c *checker) calc(r, w *schema, rs, ws loc) []incompat {
	if r.Kind == w.Kind {
		switch r.Kind {
		case kArray:
			return c.compat(r.Items, w.Items, r.ItemsSite, w.ItemsSite)
		case kMap:
			return c.compat(r.Values, w.Values, r.ValuesSite, w.ValuesSite)
		case kFixed:
			out := names(r, w)
			if r.Size != w.Size {
				out = append(out, incompat{kind: kindFixedSize, reader: r.SizeLoc, writer: w.SizeLoc,
					readerVal: fmt.Sprint(r.Size), writerVal: fmt.Sprint(w.Size)})
			}
			return append(out, logical(r, w, r.Loc, w.Loc)...)
		case kEnum:
			return append(names(r, w), enumSymbols(r, w)...)
		case kRecord:
			return append(names(r, w), c.fields(r, w)...)
		case kUnion:
			var out []incompat
			for i, wb := range w.Branches {
				out = append(out, c.compat(r, wb, rs, w.BranchSites[i])...)
			}
			return out
		}
		return logical(r, w, rs, ws)
	}
	if w.Kind == kUnion {
		// Every branch the writer may use must be readable.
		var out []incompat
		for i, wb := range w.Branches {
			for _, in := range c.compat(r, wb, rs, w.BranchSites[i]) {
				if in.kind == kindTypeMismatch && in.writer == w.BranchSites[i] {
					in.writerVal = fmt.Sprintf("%s (its %s branch)", w.typeName(), wb.typeName())
				}
				out = append(out, in)
			}
		}
		return out
	}
	if r.Kind == kUnion {
		// The branch of the writer's own type decides in the common case;
		// trying it first, and then only the branches whose name can match
		// (readerCandidates), keeps unions of many named types linear.
		same := r.branchOf(w)
		if same >= 0 && len(c.compat(r.Branches[same], w, r.BranchSites[same], ws)) == 0 {
			return nil
		}
		cands := r.readerCandidates(w)
		for _, i := range cands {
			if i != same && len(c.compat(r.Branches[i], w, r.BranchSites[i], ws)) == 0 {
				return nil
			}
		}
		// No branch reads the writer's type. When a branch is the same type
		// (the same kind and, for a named type, the same name or one linked
		// by an alias), the first such branch's own incompatibilities say
		// more than a missing branch would.
		first := -1
		for _, i := range cands {
			if r.Branches[i].Kind == w.Kind {
				first = i
				break
			}
		}
		for _, a := range w.Aliases {
			if i, ok := r.branchIndex[a]; ok && r.Branches[i].Kind == w.Kind && (first < 0 || i < first) {
				first = i
			}
		}
		if first >= 0 {
			return c.compat(r.Branches[first], w, r.BranchSites[first], ws)
		}
		return []incompat{{kind: kindUnionBranch, reader: rs, writer: ws, readerVal: r.typeName(), writerVal: w.typeName()}}
	}
	if promotes(w.Kind, r.Kind) {
		return logical(r, w, rs, ws)
	}
	return []incompat{{kind: kindTypeMismatch, reader: rs, writer: ws, readerVal: r.typeName(), writerVal: w.typeName()}}
}

// promotes reports whether data of kind from can be read as kind to.
func promotes(from, to kind) bool {
	switch to {
	case kLong:
		return from == kInt
	case kFloat:
		return from == kInt || from == kLong
	case kDouble:
		return from == kInt || from == kLong || from == kFloat
	case kBytes:
		return from == kString
	case kString:
		return from == kBytes
	}
	return false
}

// names checks that the reader's unqualified name matches the writer's, or
// that one of the reader's aliases is the writer's full name. Like the Java
// checker, a namespace-only change is compatible.
func names(r, w *schema) []incompat {
	if r.Name == w.Name || slices.Contains(r.Aliases, w.FullName) {
		return nil
	}
	return []incompat{{kind: kindNameMismatch, reader: r.NameLoc, writer: w.NameLoc, readerVal: r.FullName, writerVal: w.FullName}}
}

func enumSymbols(r, w *schema) []incompat {
	var missing []string
	var first loc
	for i, s := range w.Symbols {
		if !r.hasSymbol(s) {
			if missing == nil {
				first = w.SymbolLocs[i]
			}
			missing = append(missing, s)
		}
	}
	if len(missing) == 0 || r.EnumDefault != nil {
		return nil
	}
	return []incompat{{kind: kindEnumSymbols, reader: r.SymbolsLoc, writer: first,
		readerVal: strings.Join(r.Symbols, ", "), writerVal: strings.Join(missing, ", ")}}
}

// fields checks that every reader field is either in the writer (by name or
// by one of the reader field's aliases) and readable, or has a default.
func (c *checker) fields(r, w *schema) []incompat {
	var out []incompat
	for _, rf := range r.Fields {
		wf := writerField(w, rf)
		if wf == nil {
			if rf.Default == nil {
				out = append(out, incompat{kind: kindFieldMissingDefault, reader: rf.Loc, writer: or(w.FieldsLoc, w.Loc), readerVal: rf.Name})
			}
			continue
		}
		out = append(out, c.compat(rf.Type, wf.Type, rf.TypeSite, wf.TypeSite)...)
	}
	return out
}

// writerField finds the writer's field for a reader field: by name, then by
// the reader field's aliases.
func writerField(w *schema, rf *field) *field {
	if f := w.fieldByName(rf.Name); f != nil {
		return f
	}
	for _, a := range rf.Aliases {
		if f := w.fieldByName(a); f != nil {
			return f
		}
	}
	return nil
}

// knownLogical returns the schema's logical type when the specification
// defines it; unknown logical types are ignored, as the specification asks.
func knownLogical(s *schema) string {
	if _, ok := logicalBase[s.Logical]; ok {
		return s.Logical
	}
	return ""
}

// logical compares the logical types of two schemas whose underlying types
// are compatible. The Java checker ignores logical types; we do not, because
// a reader that interprets the same bits differently (millis as micros, a
// different decimal scale) silently reads wrong values.
func logical(r, w *schema, rs, ws loc) []incompat {
	rl, wl := knownLogical(r), knownLogical(w)
	at := func(s *schema, site loc) loc {
		if s.LogicalLoc.valid() {
			return s.LogicalLoc
		}
		return site
	}
	switch {
	case rl != wl:
		return []incompat{{kind: kindLogical, reader: at(r, rs), writer: at(w, ws), readerVal: logicalName(rl), writerVal: logicalName(wl)}}
	case rl == "decimal" && (r.Scale != w.Scale || r.Precision < w.Precision):
		// A reader with the writer's scale and at least its precision
		// holds every value.
		return []incompat{{kind: kindDecimal, reader: at(r, rs), writer: at(w, ws),
			readerVal: fmt.Sprintf("decimal(%d,%d)", r.Precision, r.Scale), writerVal: fmt.Sprintf("decimal(%d,%d)", w.Precision, w.Scale)}}
	}
	return nil
}

func logicalName(l string) string {
	if l == "" {
		return "none"
	}
	return l
}
