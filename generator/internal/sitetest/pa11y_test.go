package sitetest

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// pa11yConfig is pa11y-ci's configuration: both of its runners (HTML_CodeSniffer
// for WCAG 2 AA, and axe-core), Debian's Chromium with the flags that work
// headless here (puppeteer downloads no browser of its own), and the pages.
type pa11yConfig struct {
	Defaults pa11yDefaults `json:"defaults"`
	URLs     []string      `json:"urls"`
}

type pa11yDefaults struct {
	Runners            []string          `json:"runners"`
	Standard           string            `json:"standard"`
	Timeout            int               `json:"timeout"`
	Concurrency        int               `json:"concurrency"`
	Incognito          bool              `json:"useIncognitoBrowserContext"`
	Viewport           map[string]int    `json:"viewport"`
	ChromeLaunchConfig pa11yChromeLaunch `json:"chromeLaunchConfig"`
}

type pa11yChromeLaunch struct {
	ExecutablePath string   `json:"executablePath"`
	Args           []string `json:"args"`
}

// pa11yIssue is one issue pa11y-ci reports (--json).
type pa11yIssue struct {
	Code     string `json:"code"`
	Message  string `json:"message"`
	Selector string `json:"selector"`
	Runner   string `json:"runner"`
	Type     string `json:"type"`
}

// pa11y-ci (npm, pinned in package.json) reports no issue, of either of its
// runners, on any page of the sweep (every page of the source language and
// the translated pages; SITETEST_PAGES narrows it as for the browser sweep).
// Its error is an issue as much as a finding is: it fails the test.
func TestPa11yCI(t *testing.T) {
	requireChromium(t)
	s := site(t)
	bin := requireNodeFile(t, s.Root, "pa11y-ci/bin/pa11y-ci.js")
	node, err := exec.LookPath("node")
	if err != nil {
		missing(t, "node is not on the PATH")
	}
	paths, _ := s.pages(t)
	if only := os.Getenv("SITETEST_PAGES"); only != "" {
		paths = onlyPages(paths, only)
	}
	paths = sweepPaths(t, s, paths)
	if len(paths) == 0 {
		t.Fatal("no page to check")
	}
	cfg := pa11yConfig{Defaults: pa11yDefaults{
		Runners: []string{"htmlcs", "axe"}, Standard: "WCAG2AA", Timeout: 60000, Concurrency: 2, Incognito: false,
		Viewport: map[string]int{"width": 1280, "height": 800},
		ChromeLaunchConfig: pa11yChromeLaunch{ExecutablePath: chromiumPath, Args: []string{
			"--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
			"--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
		}},
	}}
	for _, p := range paths {
		cfg.URLs = append(cfg.URLs, s.URL+strings.TrimPrefix(p, "/"))
	}
	raw, err := json.Marshal(cfg)
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "pa11y-ci.json")
	if err := os.WriteFile(file, raw, 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), sweepTime())
	defer cancel()
	cmd := exec.CommandContext(ctx, node, bin, "--config", file, "--json")
	cmd.Dir = s.Root
	cmd.Env = append(os.Environ(), "PUPPETEER_SKIP_DOWNLOAD=1")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	start := time.Now()
	runErr := cmd.Run() // exit status 2 when there are issues: read the report first
	var rep struct {
		Total   int                        `json:"total"`
		Passes  int                        `json:"passes"`
		Errors  int                        `json:"errors"`
		Results map[string]json.RawMessage `json:"results"`
	}
	if err := json.Unmarshal(stdout.Bytes(), &rep); err != nil {
		t.Fatalf("pa11y-ci: %v (%v)\nstdout: %.2000s\nstderr: %.2000s", err, runErr, stdout.String(), stderr.String())
	}
	t.Logf("pa11y-ci: %d pages, %d passed, %d issues, in %s", rep.Total, rep.Passes, rep.Errors, time.Since(start).Round(time.Second))
	if rep.Total != len(paths) {
		t.Errorf("pa11y-ci checked %d pages of %d", rep.Total, len(paths))
	}
	// Group by issue so that a fault of the theme is one message, not one per page.
	type group struct {
		issue pa11yIssue
		where []string
	}
	groups := map[string]*group{}
	for u, res := range rep.Results {
		var issues []pa11yIssue
		if err := json.Unmarshal(res, &issues); err != nil {
			// Not a list of issues: pa11y could not test the page.
			issues = []pa11yIssue{{Code: "pa11y-error", Message: string(res)}}
		}
		for _, is := range issues {
			k := is.Runner + " " + is.Code + " " + is.Selector
			g := groups[k]
			if g == nil {
				g = &group{issue: is}
				groups[k] = g
			}
			g.where = append(g.where, "/"+strings.TrimPrefix(u, s.URL))
		}
	}
	keys := make([]string, 0, len(groups))
	for k := range groups {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for i, k := range keys {
		if i == 60 {
			t.Errorf("pa11y: and %d more failing elements", len(keys)-i)
			break
		}
		g := groups[k]
		slices.Sort(g.where)
		where := g.where
		if len(where) > 6 {
			where = append(where[:6:6], fmt.Sprintf("and %d more", len(g.where)-6))
		}
		t.Errorf("pa11y %s %s (%s): %s\n    node: %s\n    on %d pages: %s", g.issue.Runner, g.issue.Code, g.issue.Type,
			g.issue.Message, g.issue.Selector, len(g.where), strings.Join(where, ", "))
	}
	if runErr != nil && len(keys) == 0 {
		t.Errorf("pa11y-ci failed without reporting an issue: %v\n%.2000s", runErr, stderr.String())
	}
}
