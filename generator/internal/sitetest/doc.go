// Package sitetest checks the real handbook as a reader gets it: the site is
// built once per test binary and served on 127.0.0.1, then Chromium (through
// chromedp) measures the layout of every page on a phone, a tablet and a
// laptop (layout_test.go), axe-core (every rule), the Nu HTML Checker and
// Lighthouse look at it, and plain Go checks follow every internal link and
// anchor, scan the files for third-party fetches and weigh them against the
// page budgets.
//
// The browser and checker tests need /usr/bin/chromium, Java and the npm
// packages in package.json. Without them they skip, or fail when the
// environment variable CI is "true". `bash .ci/run` installs all of it.
package sitetest
