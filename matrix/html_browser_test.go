package matrix

import (
	"bytes"
	"regexp"
	"strings"
	"testing"

	"github.com/contractlint/contractlint/internal/browsertest"
)

// TestHTMLInBrowser loads the matrix page of the shop in headless Chromium:
// it fits a 1280 px window, every incompatible cell holds its deciding
// findings one click away (a <details> element), and it prints. Skipped
// when Chromium is not installed.
func TestHTMLInBrowser(t *testing.T) {
	t.Parallel()
	chromium := browsertest.Require(t)
	var page bytes.Buffer
	if err := Render(&page, "html", shopMatrix(t)); err != nil {
		t.Fatal(err)
	}
	cells := regexp.MustCompile(`<td class="incompatible[^"]*"[^>]*>(.*?)</td>`).FindAllStringSubmatch(page.String(), -1)
	if len(cells) == 0 {
		t.Fatal("the shop has no incompatible cell")
	}
	for _, c := range cells {
		if !strings.HasPrefix(c[1], "<details><summary>") || !strings.Contains(c[1], "<li>") {
			t.Errorf("incompatible cell without its findings behind a click: %s", c[1])
		}
	}
	for _, width := range []int{1280} {
		if l := browsertest.Measure(t, chromium, page.Bytes(), width, "matrix"); !l.Fits() {
			t.Errorf("at %d px the page is %d px wide; cut off: %s", width, l.Scroll, strings.Join(l.Cut, "; "))
		}
	}
	if n := browsertest.PrintPDF(t, chromium, page.Bytes(), "matrix"); n < 1000 {
		t.Errorf("printed PDF is %d bytes", n)
	}
}
