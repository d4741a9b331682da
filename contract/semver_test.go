package contract

import (
	"testing"

	"github.com/contractlint/contractlint/checks"
)

func TestParseVersion(t *testing.T) {
	t.Parallel()
	for _, s := range []string{"0.0.0", "1.4.0", "10.20.30", "1.0.0-rc.1", "1.0.0-alpha+build.5", "2.0.0+meta"} {
		v, err := ParseVersion(s)
		if err != nil || v.String() != s {
			t.Errorf("ParseVersion(%q) = %v, %v", s, v, err)
		}
	}
	for _, s := range []string{"", "1", "1.4", "v1.4.0", "01.4.0", "1.4.0-", "1.4.0-01", "1.4.0 ", "a.b.c"} {
		if _, err := ParseVersion(s); err == nil {
			t.Errorf("ParseVersion(%q) succeeded", s)
		}
	}
}

func TestVersionPrecedence(t *testing.T) {
	t.Parallel()
	// SemVer §11's own example, in increasing order.
	order := []string{"1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta", "1.0.0-beta.2",
		"1.0.0-beta.11", "1.0.0-rc.1", "1.0.0", "1.0.1", "1.1.0", "2.0.0", "10.0.0"}
	for i := range order {
		for j := range order {
			a, b := must(t, order[i]), must(t, order[j])
			want := 0
			if i < j {
				want = -1
			} else if i > j {
				want = 1
			}
			if got := a.Compare(b); got != want {
				t.Errorf("%s vs %s = %d, want %d", a, b, got, want)
			}
		}
	}
	if must(t, "1.0.0+a").Compare(must(t, "1.0.0+b")) != 0 {
		t.Error("build metadata must not count")
	}
}

func TestRequired(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		published string
		impact    checks.Impact
		want      string
	}{
		{"1.4.0", checks.None, "1.4.0"},
		{"1.4.0", checks.Patch, "1.4.1"},
		{"1.4.2", checks.Minor, "1.5.0"},
		{"1.4.2", checks.Major, "2.0.0"},
		// 0.x: everything moves one place to the right.
		{"0.3.1", checks.Major, "0.4.0"},
		{"0.3.1", checks.Minor, "0.3.2"},
		{"0.3.1", checks.Patch, "0.3.2"},
		// A pre-release promises nothing: its release is enough.
		{"2.0.0-rc.1", checks.Major, "2.0.0"},
	} {
		if got := must(t, tc.published).Required(tc.impact).String(); got != tc.want {
			t.Errorf("%s after a %s change: got %s, want %s", tc.published, tc.impact, got, tc.want)
		}
	}
}

func must(t *testing.T, s string) Version {
	t.Helper()
	v, err := ParseVersion(s)
	if err != nil {
		t.Fatal(err)
	}
	return v
}
