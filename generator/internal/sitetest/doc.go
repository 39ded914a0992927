// Package sitetest checks the real handbook as a reader gets it: the site is
// built once per test binary and served on 127.0.0.1, then Chromium (through
// chromedp) measures the layout of every page on a phone, a tablet and a
// laptop (layout_test.go), axe-core (every rule), the Nu HTML Checker and
// Lighthouse look at it, and plain Go checks follow every internal link and
// anchor, scan the files for third-party fetches and weigh them against the
// page budgets.
//
// The plain Go checks (links, budgets, third-party fetches, robots.txt) build
// the site in Go and read its files; they always run. The browser and checker
// tests (Chromium, netlify dev, pa11y, Lighthouse, the Nu HTML Checker, the
// CMS editor) run only when the environment variable HANDBOOK_BROWSER is "1";
// otherwise they skip, naming it. They need /usr/bin/chromium, Java and the
// npm packages in package.json: without them they skip, or fail when the
// environment variable CI is "true". `bash .ci/run` installs all of it and
// turns the switch on.
package sitetest
