package report

import (
	"strings"
	"testing"

	"github.com/contractlint/contractlint/checks"
)

func TestDiff(t *testing.T) {
	t.Parallel()
	old := "a\nb\nc\nd\ne\nf\ng\nh\ni\nj\nk\nl\n"
	new := "a\nb\nc\nD\ne\nf\ng\nh\ni\nj\nk\nl\nm\n"
	fd := Diff("x.proto", []byte(old), []byte(new), []checks.Finding{
		{File: "x.proto", Line: 4, Rule: "FIELD_SAME_TYPE", Impact: checks.Major},
		{File: "other.proto", Line: 4, Rule: "FIELD_NO_DELETE", Impact: checks.Major},
	})
	want := `--- a/x.proto
+++ b/x.proto
@@ -1,7 +1,7 @@
 a
 b
 c
-d
+D    ◀ major FIELD_SAME_TYPE
 e
 f
 g
@@ -10,3 +10,4 @@
 j
 k
 l
+m
`
	if got := fd.Unified(); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

func TestDiffAddedAndDeletedFiles(t *testing.T) {
	t.Parallel()
	added := Diff("n.avsc", nil, []byte("x\ny\n"), nil).Unified()
	if !strings.Contains(added, "@@ -0,0 +1,2 @@\n+x\n+y\n") {
		t.Errorf("added file diff:\n%s", added)
	}
	deleted := Diff("o.avsc", []byte("x\n"), nil, nil).Unified()
	if !strings.Contains(deleted, "@@ -1,1 +0,0 @@\n-x\n") {
		t.Errorf("deleted file diff:\n%s", deleted)
	}
	if same := Diff("s", []byte("x\n"), []byte("x\n"), nil); len(same.Hunks) != 0 {
		t.Errorf("identical files have hunks: %+v", same.Hunks)
	}
	huge := Diff("h", make([]byte, maxDiffInput+1), nil, nil)
	if !huge.Truncated || len(huge.Hunks) != 0 {
		t.Error("a huge file was diffed")
	}
}
