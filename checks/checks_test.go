package checks

import (
	"slices"
	"strings"
	"testing"
)

func TestParseImpact(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		in   string
		want Impact
		err  bool
	}{
		{"none", None, false}, {"PATCH", Patch, false}, {"Minor", Minor, false}, {"major", Major, false},
		{"huge", None, true}, {"", None, true},
	} {
		got, err := ParseImpact(tc.in)
		if (err != nil) != tc.err || got != tc.want {
			t.Errorf("ParseImpact(%q) = %v, %v; want %v, error %v", tc.in, got, err, tc.want, tc.err)
		}
	}
}

func TestParseMode(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		in   string
		want Mode
		err  bool
	}{
		{"backward", ModeBackward, false},
		{"forward", ModeForward, false},
		{"full", ModeFull, false},
		{"none", ModeNone, false},
		{"FULL_TRANSITIVE", Mode{Directions: Both, Transitive: true}, false},
		{"backward_transitive", Mode{Directions: Backward, Transitive: true}, false},
		{"none_transitive", Mode{}, true},
		{"sideways", Mode{}, true},
	} {
		got, err := ParseMode(tc.in)
		if (err != nil) != tc.err || got != tc.want {
			t.Errorf("ParseMode(%q) = %v, %v; want %v, error %v", tc.in, got, err, tc.want, tc.err)
		}
		if err == nil {
			if back, _ := ParseMode(got.String()); back != got {
				t.Errorf("ParseMode(%q).String() = %q does not round-trip", tc.in, got)
			}
		}
	}
}

var testRules = []*Rule{
	{ID: "FIELD_NO_DELETE", Format: Protobuf, Categories: []string{"FILE", "PACKAGE"}, Default: true, Impact: Major, Levels: Source},
	{ID: "FIELD_SAME_TYPE", Format: Protobuf, Categories: []string{"FILE", "PACKAGE", "WIRE_JSON", "WIRE"}, Default: true, Impact: Major, Breaks: Both, Levels: AllLevels},
	{ID: "FIELD_WIRE_ONLY", Format: Protobuf, Categories: []string{"WIRE"}, Impact: Major, Breaks: Both, Levels: AllLevels},
	{ID: "FIELD_ADD", Format: Protobuf, Categories: []string{"CHANGES"}, Default: true, Impact: Minor},
	{ID: "FIELD_OLD_NAME", Format: Protobuf, Impact: Major, Breaks: Both, Deprecated: "FIELD_SAME_TYPE", ReplacedBy: []string{"FIELD_SAME_TYPE", "FIELD_WIRE_ONLY"}},
	{ID: "FIELD_NO_OP", Format: Protobuf, Impact: Major, Breaks: Both},
}

func TestParseSelection(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		tokens []string
		want   []string
		err    bool
	}{
		{nil, []string{"FIELD_ADD", "FIELD_NO_DELETE", "FIELD_SAME_TYPE"}, false},
		{[]string{"WIRE"}, []string{"FIELD_SAME_TYPE", "FIELD_WIRE_ONLY"}, false},
		{[]string{"wire_json"}, []string{"FIELD_SAME_TYPE"}, false},
		{[]string{"all", "-FIELD_ADD"}, []string{"FIELD_NO_DELETE", "FIELD_SAME_TYPE", "FIELD_WIRE_ONLY"}, false},
		{[]string{"FILE,FIELD_ADD", "-FIELD_SAME_TYPE"}, []string{"FIELD_ADD", "FIELD_NO_DELETE"}, false},
		{[]string{"-FIELD_ADD"}, []string{"FIELD_NO_DELETE", "FIELD_SAME_TYPE"}, false},
		{[]string{"field_old_name"}, []string{"FIELD_SAME_TYPE", "FIELD_WIRE_ONLY"}, false},
		{[]string{"all", "-FIELD_OLD_NAME"}, []string{"FIELD_ADD", "FIELD_NO_DELETE"}, false},
		{[]string{"FIELD_NO_OP"}, nil, false},
		{[]string{"NOPE"}, nil, true},
		{[]string{"-NOPE"}, nil, true},
	} {
		sel, err := ParseSelection(tc.tokens, testRules)
		if (err != nil) != tc.err {
			t.Errorf("ParseSelection(%q) error = %v, want error %v", tc.tokens, err, tc.err)
			continue
		}
		if err != nil {
			continue
		}
		var got []string
		for _, r := range []string{"FIELD_ADD", "FIELD_NO_DELETE", "FIELD_SAME_TYPE", "FIELD_WIRE_ONLY"} {
			if sel.Selected(r) {
				got = append(got, r)
			}
		}
		if !equal(got, tc.want) {
			t.Errorf("ParseSelection(%q) selects %q, want %q", tc.tokens, got, tc.want)
		}
	}
}

func TestExpand(t *testing.T) {
	t.Parallel()
	if got := Expand("FIELD_OLD_NAME", testRules); !equal(got, []string{"FIELD_OLD_NAME", "FIELD_SAME_TYPE", "FIELD_WIRE_ONLY"}) {
		t.Errorf("Expand(FIELD_OLD_NAME) = %q", got)
	}
	if got := Expand("FIELD_ADD", testRules); !equal(got, []string{"FIELD_ADD"}) {
		t.Errorf("Expand(FIELD_ADD) = %q", got)
	}
}

func equal(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestClassify(t *testing.T) {
	t.Parallel()
	backOnly := &Rule{ID: "MAX_LENGTH_DECREASED", Impact: Major, Breaks: Backward, Levels: JSON}
	sourceOnly := &Rule{ID: "FILE_SAME_GO_PACKAGE", Impact: Major, Levels: Source}
	backAndSource := &Rule{ID: "TYPE_NARROWED", Impact: Major, Breaks: Backward, Levels: Wire | Source}
	add := &Rule{ID: "FIELD_ADD", Impact: Minor}
	for _, tc := range []struct {
		name       string
		rule       *Rule
		mode       Mode
		versioning Versioning
		overrides  map[string]Impact
		want       Impact
	}{
		{"breaks a required direction", backOnly, ModeBackward, "", nil, Major},
		{"breaks only an unrequired direction", backOnly, ModeForward, "", nil, Minor},
		{"full requires both", backOnly, ModeFull, "", nil, Major},
		{"none classifies like full", backOnly, ModeNone, "", nil, Major},
		{"non-breaking keeps its impact", add, ModeForward, "", nil, Minor},
		{"override wins", backOnly, ModeFull, "", map[string]Impact{"MAX_LENGTH_DECREASED": Patch}, Patch},
		{"source breaks are major by default", sourceOnly, ModeFull, "", nil, Major},
		{"source breaks are major under source versioning", sourceOnly, ModeBackward, VersionSource, nil, Major},
		{"source breaks are minor under data versioning", sourceOnly, ModeFull, VersionData, nil, Minor},
		{"source part keeps an unrequired data break major", backAndSource, ModeForward, "", nil, Major},
		{"data versioning ignores the source part", backAndSource, ModeForward, VersionData, nil, Minor},
		{"data versioning keeps a required data break major", backAndSource, ModeBackward, VersionData, nil, Major},
	} {
		f := Classify(tc.rule, Finding{Rule: tc.rule.ID, Impact: Patch}, tc.mode, tc.versioning, tc.overrides)
		if f.Impact != tc.want {
			t.Errorf("%s: impact %v, want %v", tc.name, f.Impact, tc.want)
		}
		if f.Breaks != tc.rule.Breaks || f.Levels != tc.rule.Levels {
			t.Errorf("%s: breaks %v %v, want %v %v", tc.name, f.Breaks, f.Levels, tc.rule.Breaks, tc.rule.Levels)
		}
	}
}

func TestVerdictOf(t *testing.T) {
	t.Parallel()
	v := VerdictOf(nil)
	if v.Impact != None || !v.Compatible.Backward || !v.Compatible.Forward || !v.Compatible.Source {
		t.Errorf("empty verdict = %+v", v)
	}
	v = VerdictOf([]Finding{
		{Impact: Minor},
		{Impact: Major, Breaks: Forward, Levels: JSON},
		{Impact: Major, Breaks: Backward, Levels: Wire | Source, Ignored: "legacy field, see ticket 12"},
	})
	if v.Impact != Major || !v.Compatible.Backward || v.Compatible.Forward || !v.Compatible.Source {
		t.Errorf("verdict = %+v, want major, backward and source compatible (ignored), not forward", v)
	}
	v = VerdictOf([]Finding{{Impact: Major, Levels: Source}})
	if !v.Compatible.Backward || !v.Compatible.Forward || v.Compatible.Source {
		t.Errorf("source-only verdict = %+v, want data compatible, source not", v)
	}
	if got, want := v.Compatible.Describe(), "breaks code generated from the contract; data compatible both ways"; got != want {
		t.Errorf("Describe = %q, want %q", got, want)
	}
	// A reader of binary data is not broken by a JSON-only break, and a
	// reader that does not compile against the contract not by source.
	fs := []Finding{{Impact: Major, Breaks: Both, Levels: JSON | Source}}
	if v := VerdictFor(fs, Wire); !v.Compatible.Backward || !v.Compatible.Forward || !v.Compatible.Source {
		t.Errorf("binary reader verdict = %+v, want compatible", v)
	}
	if v := VerdictFor(fs, JSON); v.Compatible.Backward || v.Compatible.Forward || !v.Compatible.Source {
		t.Errorf("JSON reader verdict = %+v, want data incompatible both ways, source not judged", v)
	}
}

func TestLevels(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		in   string
		want Level
		str  string
		err  bool
	}{
		{"wire", Wire, "wire", false},
		{"binary", Wire, "wire", false},
		{"both", Data, "wire+json", false},
		{"json,source", JSON | Source, "json+source", false},
		{"wire+json+source", AllLevels, "wire+json+source", false},
		{"", 0, "none", false},
		{"xml", 0, "", true},
	} {
		got, err := ParseLevels(tc.in)
		if (err != nil) != tc.err || got != tc.want {
			t.Errorf("ParseLevels(%q) = %v, %v; want %v, error %v", tc.in, got, err, tc.want, tc.err)
			continue
		}
		if err == nil && got.String() != tc.str {
			t.Errorf("%v.String() = %q, want %q", got, got.String(), tc.str)
		}
	}
	b, err := (Wire | Source).MarshalJSON()
	if err != nil || string(b) != `["wire","source"]` {
		t.Errorf("MarshalJSON = %s, %v", b, err)
	}
	var l Level
	if err := l.UnmarshalJSON(b); err != nil || l != Wire|Source {
		t.Errorf("UnmarshalJSON(%s) = %v, %v", b, l, err)
	}
	if b, _ := Level(0).MarshalJSON(); string(b) != "[]" {
		t.Errorf("no levels marshal as %s, want []", b)
	}
}

func TestSort(t *testing.T) {
	t.Parallel()
	fs := Sort([]Finding{
		{File: "b.proto", Line: 1, Rule: "A"},
		{File: "a.proto", Line: 9, Rule: "B"},
		{File: "a.proto", Line: 2, Column: 5, Rule: "C"},
		{File: "a.proto", Line: 2, Column: 5, Rule: "C"},
		{File: "a.proto", Line: 2, Column: 1, Rule: "Z"},
	})
	var got []string
	for _, f := range fs {
		got = append(got, f.Rule)
	}
	if want := []string{"Z", "C", "B", "A"}; !equal(got, want) {
		t.Errorf("order %q, want %q (duplicates dropped)", got, want)
	}
}

func TestRuleValidate(t *testing.T) {
	t.Parallel()
	ok := Rule{ID: "FIELD_NO_DELETE", Format: Protobuf, Impact: Major, Breaks: Both, Levels: Wire | Source, Title: "Fields are not deleted",
		Doc: "Deleting a field breaks generated code that refers to it; reserve the number instead."}
	if err := ok.Validate(); err != nil {
		t.Fatal(err)
	}
	for name, mut := range map[string]func(*Rule){
		"lower-case ID":                  func(r *Rule) { r.ID = "field_no_delete" },
		"unknown format":                 func(r *Rule) { r.Format = "xml" },
		"breaking but minor":             func(r *Rule) { r.Impact = Minor },
		"title with period":              func(r *Rule) { r.Title = "Fields are not deleted." },
		"no doc":                         func(r *Rule) { r.Doc = "" },
		"lower-case category":            func(r *Rule) { r.Categories = []string{"file"} },
		"data level without a direction": func(r *Rule) { r.Breaks = 0 },
		"direction without a data level": func(r *Rule) { r.Levels = Source },
		"source break but minor":         func(r *Rule) { r.Breaks, r.Levels, r.Impact = 0, Source, Minor },
		"unknown level":                  func(r *Rule) { r.Levels = 1 << 6 },
	} {
		r := ok
		mut(&r)
		if r.Validate() == nil {
			t.Errorf("%s: Validate accepted %+v", name, r)
		}
	}
}

func TestInputError(t *testing.T) {
	t.Parallel()
	e := &InputError{Side: "new/", Diagnostics: []Diagnostic{
		{File: "a.proto", Line: 3, Column: 7, Message: "syntax error: unexpected '}'"},
		{File: "b.proto", Message: "file not found"},
	}}
	want := "new/: 2 errors:\n  a.proto:3:7: syntax error: unexpected '}'\n  b.proto: file not found"
	if e.Error() != want {
		t.Errorf("got %q\nwant %q", e.Error(), want)
	}
}

func TestInputErrorCapsWhatItPrints(t *testing.T) {
	t.Parallel()
	e := &InputError{}
	for i := range MaxShownDiagnostics + 25 {
		e.Diagnostics = append(e.Diagnostics, Diagnostic{File: "r.proto", Line: i + 1, Message: "invalid character"})
	}
	got := e.Error()
	if n := strings.Count(got, "invalid character"); n != MaxShownDiagnostics {
		t.Errorf("printed %d diagnostics, want %d", n, MaxShownDiagnostics)
	}
	if !strings.HasPrefix(got, "75 errors:") || !strings.Contains(got, "... and 25 more") {
		t.Errorf("missing total or remainder:\n%s", got)
	}
}

// A selection applies per format: naming protobuf rules leaves the other
// formats with their defaults.
func TestParseSelectionPerFormat(t *testing.T) {
	t.Parallel()
	rules := append(slices.Clone(testRules),
		&Rule{ID: "TYPE_MISMATCH", Format: Avro, Categories: []string{"RESOLUTION"}, Default: true},
		&Rule{ID: "DOC_CHANGED", Format: Avro, Categories: []string{"EVOLUTION"}, Default: true},
		&Rule{ID: "AVRO_OPT_IN", Format: Avro, Categories: []string{"EXTRA"}},
	)
	for _, tc := range []struct {
		tokens []string
		want   []string
	}{
		{[]string{"WIRE"}, []string{"DOC_CHANGED", "FIELD_SAME_TYPE", "FIELD_WIRE_ONLY", "TYPE_MISMATCH"}},
		{[]string{"RESOLUTION"}, []string{"FIELD_ADD", "FIELD_NO_DELETE", "FIELD_SAME_TYPE", "TYPE_MISMATCH"}},
		{[]string{"WIRE", "RESOLUTION"}, []string{"FIELD_SAME_TYPE", "FIELD_WIRE_ONLY", "TYPE_MISMATCH"}},
		{[]string{"-DOC_CHANGED"}, []string{"FIELD_ADD", "FIELD_NO_DELETE", "FIELD_SAME_TYPE", "TYPE_MISMATCH"}},
		{[]string{"all"}, []string{"AVRO_OPT_IN", "DOC_CHANGED", "FIELD_ADD", "FIELD_NO_DELETE", "FIELD_NO_OP", "FIELD_OLD_NAME", "FIELD_SAME_TYPE", "FIELD_WIRE_ONLY", "TYPE_MISMATCH"}},
	} {
		sel, err := ParseSelection(tc.tokens, rules)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, r := range rules {
			if sel.Selected(r.ID) {
				got = append(got, r.ID)
			}
		}
		slices.Sort(got)
		if !equal(got, tc.want) {
			t.Errorf("ParseSelection(%q) selects %q, want %q", tc.tokens, got, tc.want)
		}
	}
}
