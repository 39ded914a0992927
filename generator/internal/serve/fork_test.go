package serve

import (
	"context"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/product-roles/handbook/generator/internal/layout"
	"github.com/product-roles/handbook/generator/internal/pipeline"
	"github.com/product-roles/handbook/generator/internal/testkit"
)

// A fork's overlay, for the fixture handbook: its settings, a role and a
// level of its own.
var overlayFiles = map[string]string{
	"company/company.toml": "title = \"Fixture at Acme\"\n",
	"company/content/roles/gamma.md": `---
title: Gamma role
summary: The overlay's own role.
abbr: G
question: Who else?
reports_to: Alpha.
works_with: [Developers]
owns: [Tests]
success: [Working software]
weight: 3
sources: [book]
---

This fixture page holds enough words to look like real prose for the tests that read it.
`,
	"company/content/ladders/pm-track/lead.md": `---
title: Lead
summary: The overlay's level on top of the track.
rank: 3
scope: Several products.
experience: Much.
expectations:
  craft: Sets how the team works and reviews the work of several teams.
  impact: Leads the teams. Hires and coaches new colleagues every month.
from:
  - level: pm-track/senior
    note: The step up in the overlay.
    ready_for_next:
      - Leads a second team.
sources: [book]
---

This fixture page holds enough words to look like real prose for the tests that read it.
`,
}

// serve on a fork follows every edit of the overlay: a role and a level the
// overlay adds and company.toml each show in the served page within a
// second of the save. Files the build does not read (node_modules/, a lock
// file in the project folder) start no rebuild.
func TestServeFollowsTheOverlay(t *testing.T) {
	dir := testkit.Project(t, filepath.Join(testkit.Root(t), "generator", "internal", "testdata", "mini"))
	for name, data := range overlayFiles {
		testkit.Write(t, filepath.Join(dir, filepath.FromSlash(name)), data)
	}
	var builds atomic.Int64
	var firstBuild atomic.Int64 // how long this machine took for the first build, in ns
	started := time.Now()
	ctx, cancel := context.WithCancel(context.Background())
	addr := make(chan string, 1)
	done := make(chan error, 1)
	cfg := Config{Options: pipeline.Options{Layout: layout.Resolve(layout.Flags{Project: dir})}, Bind: "127.0.0.1", Log: io.Discard,
		built: func(map[string][]byte, *pipeline.Report, error) {
			if builds.Add(1) == 1 {
				firstBuild.Store(int64(time.Since(started)))
			}
		}}
	go func() { done <- Run(ctx, cfg, func(a string) { addr <- a }) }()
	defer func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("Run: %v", err)
		}
	}()
	var base string
	select {
	case a := <-addr:
		base = "http://" + a
	case err := <-done:
		t.Fatalf("Run ended early: %v", err)
	case <-time.After(60 * time.Second):
		t.Fatal("server did not start")
	}
	page := func(p string) string {
		resp, err := http.Get(base + p)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		return string(body)
	}
	for p, want := range map[string]string{"/roles/gamma/": "Gamma role", "/ladders/pm-track/lead/": "on top of the track", "/": "Fixture at Acme"} {
		if body := page(p); !strings.Contains(body, want) {
			t.Fatalf("before any edit, %s does not read %q:\n%.2000s", p, want, body)
		}
	}

	// Files the build does not read: no rebuild.
	before := builds.Load()
	testkit.Write(t, filepath.Join(dir, "node_modules", "some-package", "index.js"), "module.exports = 1\n")
	testkit.Write(t, filepath.Join(dir, "node_modules", ".package-lock.json"), "{}\n")
	testkit.Write(t, filepath.Join(dir, "package-lock.json"), "{}\n")
	testkit.Write(t, filepath.Join(dir, "node_modules", "some-package", "index.js"), "module.exports = 2\n")
	time.Sleep(500 * time.Millisecond) // far more than the 10 ms a save is given to settle
	if n := builds.Load() - before; n != 0 {
		t.Errorf("writing node_modules/ and package-lock.json rebuilt the site %d times", n)
	}

	// A second on a quiet machine. The first build (Hugo's start included)
	// takes about half of that there; on a machine loaded by other tests (CI
	// runs packages side by side) the limit grows with it, so that the test
	// measures whether serve follows the edit, not the machine's load.
	limit := max(time.Second, 2*time.Duration(firstBuild.Load()))
	t.Logf("first build took %s: an edit must show within %s", time.Duration(firstBuild.Load()).Round(time.Millisecond), limit)
	for _, tc := range []struct{ file, old, new, page string }{
		{"company/content/roles/gamma.md", "title: Gamma role", "title: Gamma analyst", "/roles/gamma/"},
		{"company/content/ladders/pm-track/lead.md", "on top of the track", "above the senior level", "/ladders/pm-track/lead/"},
		{"company/company.toml", "Fixture at Acme", "Handbook of Acme", "/"},
	} {
		path := filepath.Join(dir, filepath.FromSlash(tc.file))
		data := testkit.Read(t, path)
		if !strings.Contains(data, tc.old) {
			t.Fatalf("%s does not hold %q", tc.file, tc.old)
		}
		start := time.Now()
		if err := os.WriteFile(path, []byte(strings.Replace(data, tc.old, tc.new, 1)), 0o644); err != nil {
			t.Fatal(err)
		}
		want := strings.TrimPrefix(tc.new, "title: ")
		for !strings.Contains(page(tc.page), want) {
			if time.Since(start) > limit {
				t.Errorf("editing %s: %s does not read %q %s after the save", tc.file, tc.page, want, limit)
				break
			}
			time.Sleep(20 * time.Millisecond)
		}
		t.Logf("editing %s: %s shows it after %s", tc.file, tc.page, time.Since(start).Round(time.Millisecond))
	}
}
