package sitetest

import (
	"cmp"
	_ "embed"
	"fmt"
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/product-roles/handbook/generator/internal/config"
)

// axeRun runs every rule axe-core has, the experimental and best-practice
// ones included (axe.run alone leaves the experimental rules out), or with
// only set, the rules whose result depends on the view: colours, sizes and
// what scrolls. The page sweep runs all of them once per page and the
// view-dependent ones in the other views, because axe-core is most of the
// sweep's time. Text whose colour contrast axe could not determine counts
// as a finding, as it does for pa11y.
func axeRun(only bool) string {
	return fmt.Sprintf("%s(%v)", axeJS, only)
}

//go:embed testdata/axe.js
var axeJS string

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
	layout   []layoutFinding
	took     [3]time.Duration // loading, axe-core, layout checks
}

// finding is one failing node of one axe rule in one view.
type finding struct {
	rule, impact, help, target, summary, view string
}

// Every page loads cleanly, passes every rule of axe-core and the layout
// checks (layout_test.go) on a phone, a tablet and a laptop, in light and
// dark. Two tabs share the pages.
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
	// SITETEST_PAGES=/compare/,/ladders/ checks only the pages under those
	// paths (and not the 404 page): a quick look while editing the theme.
	// A path ending in $ is that page alone (/compare/$).
	if only := os.Getenv("SITETEST_PAGES"); only != "" {
		paths = onlyPages(paths, only)
		has404 = false
		t.Logf("SITETEST_PAGES=%s: checking %d pages", only, len(paths))
		if len(paths) == 0 {
			t.Fatalf("SITETEST_PAGES=%s matches no page (a path, a prefix, or a path ending in $)", only)
		}
	}
	paths = sweepPaths(t, s, paths)
	views := sweepViews
	// SITETEST_VIEWS=390,1280 keeps the views of those widths.
	if only := os.Getenv("SITETEST_VIEWS"); only != "" {
		views = onlyViews(views, only)
		t.Logf("SITETEST_VIEWS=%s: %d views", only, len(views))
	}
	type job struct {
		path  string
		is404 bool
	}
	jobs := make(chan job)
	results := make(chan pageResult)
	start := time.Now()
	deadline := start.Add(sweepTime())

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
	var took [3]time.Duration
	for _, r := range all {
		for i := range took {
			took[i] += r.took[i]
		}
	}
	t.Logf("%d pages in %d views in %s (two tabs; loading %s, axe-core %s, layout checks %s)", len(all), len(views),
		time.Since(start).Round(time.Second), took[0].Round(time.Second), took[1].Round(time.Second), took[2].Round(time.Second))

	for _, r := range all {
		for _, p := range r.problems {
			t.Errorf("%s: %s", r.path, p)
		}
	}
	reportAxe(t, all)
	reportLayout(t, all)
}

// onlyPages keeps the paths under one of the comma-separated prefixes; a
// prefix ending in $ keeps that path alone.
func onlyPages(paths []string, only string) []string {
	prefixes := strings.Split(only, ",")
	return slices.DeleteFunc(slices.Clone(paths), func(p string) bool {
		return !slices.ContainsFunc(prefixes, func(pre string) bool {
			if exact, ok := strings.CutSuffix(pre, "$"); ok {
				return p == exact
			}
			return strings.HasPrefix(p, pre)
		})
	})
}

// onlyViews keeps the views whose width is one of the comma-separated
// widths.
func onlyViews(views []view, only string) []view {
	widths := strings.Split(only, ",")
	return slices.DeleteFunc(slices.Clone(views), func(v view) bool {
		return !slices.Contains(widths, strconv.FormatInt(v.Width, 10))
	})
}

// sweepTime is how long the sweep may take before it gives up on the pages
// left: within go test's default timeout of ten minutes. On a busy machine
// SITETEST_SWEEP_MINUTES=20 (with go test -timeout 30m) gives it longer.
func sweepTime() time.Duration {
	if m, err := strconv.Atoi(os.Getenv("SITETEST_SWEEP_MINUTES")); err == nil && m > 0 {
		return time.Duration(m) * time.Minute
	}
	return 7 * time.Minute
}

// checkPage loads one page once, then runs axe and the layout checks in
// every view.
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
	t0 := time.Now()
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
	r.took[0] = time.Since(t0)
	first := true // all of axe-core's rules in the first view that runs it
	for _, v := range views {
		if err := tb.emulate(v); err != nil {
			r.problems = append(r.problems, err.Error())
			continue
		}
		t1 := time.Now()
		lf, err := eval[[]layoutFinding](tb, layoutRun(v))
		r.took[2] += time.Since(t1)
		if err != nil {
			r.problems = append(r.problems, fmt.Sprintf("layout checks in %s: %v", v.Name, err))
		}
		for i := range lf {
			lf[i].View = v.Name
		}
		r.layout = append(r.layout, lf...)
		if !v.Axe {
			continue
		}
		t2 := time.Now()
		vs, err := eval[[]axeViolation](tb, axeRun(!first))
		first = false
		r.took[1] += time.Since(t2)
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
	// At most a few nodes per rule, so that one rule's many nodes do not
	// hide the other rules.
	const maxPerRule, maxWhere = 8, 6
	perRule := map[string]int{}
	for _, k := range keys {
		g := groups[k]
		if perRule[g.rule]++; perRule[g.rule] > maxPerRule {
			continue
		}
		where := g.where
		more := ""
		if len(where) > maxWhere {
			more = fmt.Sprintf(", and %d more", len(where)-maxWhere)
			where = where[:maxWhere]
		}
		t.Errorf("axe %s (%s): %s\n    node: %s\n    %s\n    on %d pages: %s%s",
			g.rule, g.impact, g.help, g.target, indent(g.summary), len(g.pages), strings.Join(where, ", "), more)
	}
	for _, rule := range slices.Sorted(maps.Keys(perRule)) {
		if n := perRule[rule]; n > maxPerRule {
			t.Errorf("axe %s: and %d more failing nodes", rule, n-maxPerRule)
		}
	}
}

func indent(s string) string {
	return strings.ReplaceAll(strings.TrimSpace(s), "\n", "\n    ")
}

// sweepPaths keeps every page of the source language and, of every other
// language, the pages with a translation of their own plus three without
// (with the "not yet translated" notice): the others are the same
// templates with the same (source-language) text, so they add time, not
// findings.
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
	perFolder, untranslated := map[string]int{}, 0
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
		if own == nil || (perFolder[folder] < 1 && untranslated < 3) {
			if own != nil {
				untranslated++
			}
			perFolder[folder]++
			out = append(out, p)
		}
	}
	return out
}

// SITETEST_PAGES keeps the pages under a prefix, or one page with $;
// SITETEST_VIEWS keeps the views of the widths named.
func TestSweepFilters(t *testing.T) {
	paths := []string{"/", "/compare/", "/compare/scope/", "/de/compare/", "/duties/"}
	for _, tc := range []struct {
		only string
		want []string
	}{
		{"/compare/", []string{"/compare/", "/compare/scope/"}},
		{"/compare/$", []string{"/compare/"}},
		{"/$,/duties/", []string{"/", "/duties/"}},
		{"/nothing/", nil},
	} {
		if got := onlyPages(paths, tc.only); !slices.Equal(got, tc.want) {
			t.Errorf("onlyPages(%q) = %v, want %v", tc.only, got, tc.want)
		}
	}
	if got := onlyViews(sweepViews, "390,1280"); len(got) != 4 || slices.ContainsFunc(got, func(v view) bool { return v.Width == 768 }) {
		t.Errorf("onlyViews(390,1280) = %v", got)
	}
	if len(paths) != 5 {
		t.Error("onlyPages changed its argument")
	}
}
