package sitetest

import (
	"cmp"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/product-roles/handbook/generator/internal/config"
)

// The rules of WCAG 2.2 AA, by axe-core's tags.
const axeRun = `(async () => {
  const r = await axe.run(document, {
    runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']},
    resultTypes: ['violations'],
  });
  return r.violations.map(v => ({
    id: v.id, impact: v.impact || '', help: v.help,
    nodes: v.nodes.map(n => ({target: n.target.map(x => String(x)).join(' '), summary: n.failureSummary || ''})),
  }));
})()`

type axeViolation struct {
	ID     string `json:"id"`
	Impact string `json:"impact"`
	Help   string `json:"help"`
	Nodes  []struct {
		Target  string `json:"target"`
		Summary string `json:"summary"`
	} `json:"nodes"`
}

// pageResult is what the sweep found on one page.
type pageResult struct {
	path     string
	problems []string // console, exceptions, requests
	findings []finding
}

// finding is one failing node of one axe rule in one view.
type finding struct {
	rule, impact, help, target, summary, view string
}

// Every page loads cleanly and passes axe-core's WCAG 2.2 AA rules in light
// and dark, narrow and wide. Two tabs share the pages.
func TestEveryPageInTheBrowser(t *testing.T) {
	requireChromium(t)
	s := site(t)
	axePath := requireNodeFile(t, s.Root, "axe-core/axe.min.js")
	axeSrc, err := os.ReadFile(axePath)
	if err != nil {
		t.Fatal(err)
	}
	inject := string(axeSrc) + "\n;0"
	paths, has404 := s.pages(t)
	if !has404 {
		t.Error("the built site has no 404.html")
	}
	paths = sweepPaths(t, s, paths)
	type job struct {
		path  string
		is404 bool
	}
	jobs := make(chan job)
	results := make(chan pageResult)
	views := []view{lightWide, darkWide, darkNarrow, lightNarrow}
	start := time.Now()
	deadline := start.Add(7 * time.Minute)

	var wg sync.WaitGroup
	for range 2 { // the machine has two cores
		tb := newTab(t)
		wg.Go(func() {
			for j := range jobs {
				results <- checkPage(tb, s, j.path, j.is404, inject, views, deadline)
			}
		})
	}
	go func() {
		for _, p := range paths {
			jobs <- job{p, false}
		}
		if has404 {
			jobs <- job{"/sitetest-no-such-page/", true}
		}
		close(jobs)
		wg.Wait()
		close(results)
	}()

	var all []pageResult
	for r := range results {
		all = append(all, r)
	}
	slices.SortFunc(all, func(a, b pageResult) int { return cmp.Compare(a.path, b.path) })
	t.Logf("%d pages in %d views in %s", len(all), len(views), time.Since(start).Round(time.Second))

	for _, r := range all {
		for _, p := range r.problems {
			t.Errorf("%s: %s", r.path, p)
		}
	}
	reportAxe(t, all)
}

// checkPage loads one page once, then runs axe in every view.
func checkPage(tb *tab, s *builtSite, p string, is404 bool, inject string, views []view, deadline time.Time) pageResult {
	r := pageResult{path: p}
	if is404 {
		r.path = "404.html (served at " + p + ")"
	}
	if time.Now().After(deadline) {
		r.problems = append(r.problems, "not checked: the sweep ran out of time")
		return r
	}
	if err := tb.emulate(views[0]); err != nil {
		r.problems = append(r.problems, err.Error())
		return r
	}
	status, err := tb.open(s.URL+strings.TrimPrefix(p, "/"), is404)
	if err != nil {
		r.problems = append(r.problems, err.Error())
		return r
	}
	if want := map[bool]int64{false: 200, true: 404}[is404]; status != want {
		r.problems = append(r.problems, fmt.Sprintf("HTTP status %d, want %d", status, want))
	}
	if _, err := eval[int](tb, inject); err != nil {
		r.problems = append(r.problems, "inject axe-core: "+err.Error())
		return r
	}
	for _, v := range views {
		if err := tb.emulate(v); err != nil {
			r.problems = append(r.problems, err.Error())
			continue
		}
		vs, err := eval[[]axeViolation](tb, axeRun)
		if err != nil {
			r.problems = append(r.problems, fmt.Sprintf("axe in %s: %v", v.Name, err))
			continue
		}
		for _, x := range vs {
			for _, n := range x.Nodes {
				r.findings = append(r.findings, finding{x.ID, x.Impact, x.Help, n.Target, n.Summary, v.Name})
			}
		}
	}
	r.problems = append(r.problems, tb.takeProblems()...)
	return r
}

// reportAxe fails the test with the violations, grouped by rule and node so
// that a fault in the header is one message, not one per page.
func reportAxe(t *testing.T, all []pageResult) {
	t.Helper()
	type group struct {
		rule, impact, help, target, summary string
		where                               []string // "page [view]"
		pages                               map[string]bool
	}
	groups := map[string]*group{}
	var keys []string
	for _, r := range all {
		for _, f := range r.findings {
			k := f.rule + "\x00" + f.target
			g := groups[k]
			if g == nil {
				g = &group{rule: f.rule, impact: f.impact, help: f.help, target: f.target, summary: f.summary, pages: map[string]bool{}}
				groups[k] = g
				keys = append(keys, k)
			}
			g.where = append(g.where, r.path+" ["+f.view+"]")
			g.pages[r.path] = true
		}
	}
	slices.SortFunc(keys, func(a, b string) int {
		ga, gb := groups[a], groups[b]
		return cmp.Or(cmp.Compare(ga.rule, gb.rule), cmp.Compare(len(gb.where), len(ga.where)), cmp.Compare(a, b))
	})
	const maxGroups, maxWhere = 80, 6
	for i, k := range keys {
		if i == maxGroups {
			t.Errorf("axe: and %d more failing nodes", len(keys)-maxGroups)
			break
		}
		g := groups[k]
		where := g.where
		more := ""
		if len(where) > maxWhere {
			more = fmt.Sprintf(", and %d more", len(where)-maxWhere)
			where = where[:maxWhere]
		}
		t.Errorf("axe %s (%s): %s\n    node: %s\n    %s\n    on %d pages: %s%s",
			g.rule, g.impact, g.help, g.target, indent(g.summary), len(g.pages), strings.Join(where, ", "), more)
	}
}

func indent(s string) string {
	return strings.ReplaceAll(strings.TrimSpace(s), "\n", "\n    ")
}

// sweepPaths keeps every page of the source language and, of every other
// language, the pages with a translation of their own plus one page of
// each folder: the others are the same templates with the same
// (source-language) text, so they add time, not findings.
func sweepPaths(t *testing.T, s *builtSite, paths []string) []string {
	t.Helper()
	cfg, diags := config.Load(config.Default(), filepath.Join(s.Root, config.FileName), config.FileName)
	if diags.Errors() > 0 {
		t.Fatal(diags)
	}
	other := map[string]bool{}
	for _, l := range cfg.Langs()[1:] {
		other[strings.ToLower(l.Tag)] = true
	}
	perFolder := map[string]int{}
	var out []string
	for _, p := range paths {
		seg := strings.SplitN(strings.TrimPrefix(p, "/"), "/", 2)[0]
		if !other[seg] {
			out = append(out, p)
			continue
		}
		rel := strings.TrimPrefix(p, "/"+seg)
		base := filepath.Join(s.Root, "content", filepath.FromSlash(strings.Trim(rel, "/")))
		_, own := os.Stat(base + "." + seg + ".md")
		if _, err := os.Stat(filepath.Join(base, "_index."+seg+".md")); err == nil {
			own = nil
		}
		folder := path.Dir(strings.TrimSuffix(p, "/"))
		if own == nil || perFolder[folder] < 1 {
			perFolder[folder]++
			out = append(out, p)
		}
	}
	return out
}
