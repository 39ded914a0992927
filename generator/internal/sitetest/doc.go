// Package sitetest checks the real handbook as a reader gets it: the site is
// built once per test binary and served on 127.0.0.1, then Chromium (through
// chromedp), axe-core and the Nu HTML Checker look at every page, and plain Go
// checks scan the files for third-party fetches and weigh them against the
// page budgets.
//
// The browser and checker tests need /usr/bin/chromium, Java and the npm
// packages in package.json. Without them they skip, or fail when the
// environment variable CI is "true". `bash .ci/run` installs all of it.
package sitetest
