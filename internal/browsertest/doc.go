// Package browsertest loads the HTML pages contractlint writes in headless
// Chromium, for tests: does a page fit a window of a given width, and what
// does it look like. Tests skip cleanly when no Chromium is installed (the
// Debian package chromium, or chromium-browser, google-chrome on PATH;
// CONTRACTLINT_CHROMIUM names another binary).
package browsertest
