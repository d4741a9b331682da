package browsertest

import (
	"context"
	"encoding/json"
	"fmt"
	"html"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// Find returns the Chromium binary, or "" when none is installed.
func Find() string {
	if p := os.Getenv("CONTRACTLINT_CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// Require returns the Chromium binary or skips the test.
func Require(t testing.TB) string {
	t.Helper()
	if testing.Short() {
		t.Skip("starts a browser")
	}
	p := Find()
	if p == "" {
		t.Skip("no Chromium installed (apt-get install chromium); set CONTRACTLINT_CHROMIUM to use another binary")
	}
	return p
}

// Layout is what the page measured of itself once loaded.
type Layout struct {
	// Inner is the window's width; Scroll the document's, which exceeds it
	// when the page overflows horizontally.
	Inner  int `json:"inner"`
	Scroll int `json:"scroll"`
	// Cut lists the elements (tables, cells, images, paragraphs) whose right
	// edge lies beyond the window: "TD Consumers 1420".
	Cut []string `json:"cut"`
}

// Fits reports whether nothing extends beyond the window.
func (l Layout) Fits() bool { return l.Scroll <= l.Inner && len(l.Cut) == 0 }

// measure is appended to the page: it records the layout on the body.
const measure = `<script>
window.addEventListener('load', () => {
  const w = window.innerWidth, cut = [];
  document.querySelectorAll('table, th, td, svg, p, h1, h2, pre, details').forEach(e => {
    const r = e.getBoundingClientRect();
    if (r.width > 0 && r.right > w + 0.5) cut.push(e.tagName + ' ' + (e.textContent || '').trim().slice(0, 40) + ' ' + Math.round(r.right));
  });
  document.body.setAttribute('data-layout', JSON.stringify({inner: w, scroll: document.documentElement.scrollWidth, cut: cut.slice(0, 20)}));
});
</script>`

var layoutAttr = regexp.MustCompile(`data-layout="([^"]*)"`)

// Measure loads page in a window width pixels wide and returns its layout.
// When the environment variable CONTRACTLINT_SCREENSHOTS names a directory,
// a screenshot of the window is written there as name.png, for people to
// look at.
func Measure(t testing.TB, chromium string, page []byte, width int, name string) Layout {
	t.Helper()
	dir := t.TempDir()
	file := filepath.Join(dir, "page.html")
	src := string(page)
	if i := strings.LastIndex(src, "</body>"); i >= 0 {
		src = src[:i] + measure + src[i:]
	} else {
		src += measure
	}
	if err := os.WriteFile(file, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	out := run(t, chromium, dir, fmt.Sprintf("--window-size=%d,900", width), "--dump-dom", "file://"+file)
	m := layoutAttr.FindSubmatch(out)
	if m == nil {
		t.Fatalf("%s: the page did not record its layout; Chromium printed:\n%.2000s", name, out)
	}
	var l Layout
	if err := json.Unmarshal([]byte(html.UnescapeString(string(m[1]))), &l); err != nil {
		t.Fatalf("%s: layout %q: %v", name, m[1], err)
	}
	if shots := os.Getenv("CONTRACTLINT_SCREENSHOTS"); shots != "" {
		png, err := filepath.Abs(filepath.Join(shots, fmt.Sprintf("%s-%d.png", name, width)))
		if err != nil {
			t.Fatal(err)
		}
		run(t, chromium, dir, fmt.Sprintf("--window-size=%d,1200", width), "--screenshot="+png, "file://"+file)
	}
	return l
}

// PrintPDF prints page to PDF as Chromium does for the print media type and
// returns the PDF's size in bytes; a copy goes to CONTRACTLINT_SCREENSHOTS
// as name.pdf when set.
func PrintPDF(t testing.TB, chromium string, page []byte, name string) int {
	t.Helper()
	dir := t.TempDir()
	file := filepath.Join(dir, "page.html")
	if err := os.WriteFile(file, page, 0o644); err != nil {
		t.Fatal(err)
	}
	pdf := filepath.Join(dir, "page.pdf")
	run(t, chromium, dir, "--no-pdf-header-footer", "--print-to-pdf="+pdf, "file://"+file)
	data, err := os.ReadFile(pdf)
	if err != nil {
		t.Fatalf("%s: no PDF: %v", name, err)
	}
	if shots := os.Getenv("CONTRACTLINT_SCREENSHOTS"); shots != "" {
		_ = os.WriteFile(filepath.Join(shots, name+".pdf"), data, 0o644)
	}
	return len(data)
}

func run(t testing.TB, chromium, dir string, args ...string) []byte {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 120*time.Second)
	defer cancel()
	// A local page, nothing else: no network, no background work.
	base := []string{"--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--hide-scrollbars",
		"--no-first-run", "--disable-extensions", "--disable-background-networking", "--disable-component-update",
		"--disable-sync", "--disable-default-apps", "--no-default-browser-check",
		"--user-data-dir=" + filepath.Join(dir, "profile"), "--virtual-time-budget=3000"}
	cmd := exec.CommandContext(ctx, chromium, append(base, args...)...)
	cmd.Dir = dir
	out, err := cmd.Output()
	if err != nil {
		var stderr string
		if ee, ok := err.(*exec.ExitError); ok {
			stderr = string(ee.Stderr)
		}
		t.Fatalf("%s %s: %v\n%.2000s", chromium, strings.Join(args, " "), err, stderr)
	}
	return out
}
