package sitetest

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// lighthouseMin is the least score each category must reach.
const lighthouseMin = 0.98

// Lighthouse (npm, its default mobile preset, against Debian's Chromium)
// scores at least 98 in performance, accessibility, best practices and SEO
// on the home page, the comparison, a ladder and a level page. The scores
// are printed (go test -v, or on failure). A page under the minimum is run
// up to three times and its best run counts (testdata/lighthouse.mjs).
func TestLighthouse(t *testing.T) {
	requireChromium(t)
	s := site(t)
	requireNodeFile(t, s.Root, "lighthouse/package.json")
	node, err := exec.LookPath("node")
	if err != nil {
		missing(t, "node is not on the PATH")
	}
	pages := []string{"", "compare/", "ladders/product-management/", "ladders/product-management/senior-product-manager/"}
	var urls []string
	for _, p := range pages {
		urls = append(urls, s.URL+p)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	script := filepath.Join(s.Root, "generator", "internal", "sitetest", "testdata", "lighthouse.mjs")
	cmd := exec.CommandContext(ctx, node, append([]string{script}, urls...)...)
	cmd.Dir = s.Root
	cmd.Env = append(os.Environ(), "CHROME_PATH="+chromiumPath, fmt.Sprintf("LIGHTHOUSE_MIN=%v", lighthouseMin))
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("lighthouse: %v\n%s", err, stderr.String())
	}
	var res map[string]struct {
		Scores  map[string]*float64 `json:"scores"`
		Failing []string            `json:"failing"`
		Runs    int                 `json:"runs"`
	}
	if err := json.Unmarshal(stdout.Bytes(), &res); err != nil {
		t.Fatalf("lighthouse output: %v\n%s", err, stdout.String())
	}
	for i, u := range urls {
		r, ok := res[u]
		if !ok {
			t.Errorf("/%s: no Lighthouse result", pages[i])
			continue
		}
		var line []string
		low := false
		for _, c := range []string{"performance", "accessibility", "best-practices", "seo"} {
			sc := r.Scores[c]
			if sc == nil {
				line = append(line, c+" none")
				low = true
				continue
			}
			line = append(line, fmt.Sprintf("%s %.0f", c, *sc*100))
			if *sc < lighthouseMin {
				low = true
			}
		}
		t.Logf("Lighthouse /%s: %s (best of %d runs)", pages[i], strings.Join(line, ", "), r.Runs)
		if low {
			t.Errorf("/%s: a Lighthouse score is under %v: %s\n    %s", pages[i], lighthouseMin*100, strings.Join(line, ", "), strings.Join(r.Failing, "\n    "))
		}
	}
}
