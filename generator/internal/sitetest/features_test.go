package sitetest

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// firstResult is the first link of the search results.
type firstResult struct {
	Path    string `json:"path"`
	Text    string `json:"text"`
	Grouped bool   `json:"grouped"` // inside section.search-group > ol > li
	Heading bool   `json:"heading"` // its group has an h2
}

const readFirstResult = `(() => {
  const a = document.querySelector('#search-results a');
  if (!a) return null;
  const sec = a.closest('#search-results section.search-group');
  return {
    path: new URL(a.href, location.href).pathname,
    text: a.textContent.replace(/\s+/g, ' ').trim(),
    grouped: !!a.closest('#search-results section.search-group > ol > li'),
    heading: !!(sec && sec.querySelector(':scope > h2')),
  };
})()`

// waitResults waits for the first search result and reads it.
func waitResults(t *testing.T, tb *tab) *firstResult {
	t.Helper()
	ctx, cancel := context.WithTimeout(tb.ctx, 15*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.WaitVisible(chromedp.CSS("#search-results a"))); err != nil {
		html, _ := eval[string](tb, `(document.querySelector('#search-results') || {outerHTML: 'no #search-results element'}).outerHTML.slice(0, 500)`)
		t.Fatalf("no visible search result (#search-results a) within 15 s: %v\n%s", err, html)
	}
	r, err := eval[*firstResult](tb, readFirstResult)
	if err != nil || r == nil {
		t.Fatalf("read the first result: %v", err)
	}
	return r
}

func checkBacklogResult(t *testing.T, r *firstResult) {
	t.Helper()
	if !strings.HasPrefix(r.Path, "/duties/") {
		t.Errorf("first result for \"backlog\" links to %s, want a page under /duties/", r.Path)
	}
	if !strings.Contains(r.Text, "Backlog") {
		t.Errorf("first result for \"backlog\" reads %q, want it to contain \"Backlog\"", r.Text)
	}
	if !r.Grouped || !r.Heading {
		t.Errorf("results are not grouped as agreed (section.search-group with an h2 and an ol of li > a): grouped %v, heading %v", r.Grouped, r.Heading)
	}
}

// The search page answers a query from its URL, and the header's search box
// gets there.
func TestSearch(t *testing.T) {
	s, tb := needBrowser(t)
	if err := tb.emulate(lightWide); err != nil {
		t.Fatal(err)
	}

	t.Run("query in the URL", func(t *testing.T) {
		if _, err := tb.open(s.URL+"search/?q=backlog", false); err != nil {
			t.Fatal(err)
		}
		checkBacklogResult(t, waitResults(t, tb))
		for _, p := range tb.takeProblems() {
			t.Errorf("/search/?q=backlog: %s", p)
		}
	})

	// The German site searches the German index: a German word finds the
	// German page first, and results stay in German.
	t.Run("German", func(t *testing.T) {
		if _, err := tb.open(s.URL+"de/search/?q=Zeithorizont", false); err != nil {
			t.Fatal(err)
		}
		r := waitResults(t, tb)
		if r.Path != "/de/compare/time-horizon/" || r.Text != "Zeithorizont" {
			t.Errorf("first result for \"Zeithorizont\" on /de/search/: %s %q, want /de/compare/time-horizon/ \"Zeithorizont\"", r.Path, r.Text)
		}
		status, _ := eval[string](tb, `document.getElementById('search-status').textContent`)
		if !strings.Contains(status, "Treffer") {
			t.Errorf("the German search status reads %q", status)
		}
		for _, p := range tb.takeProblems() {
			t.Errorf("/de/search/: %s", p)
		}
	})

	t.Run("header search box", func(t *testing.T) {
		if _, err := tb.open(s.URL, false); err != nil {
			t.Fatal(err)
		}
		ctx, cancel := context.WithTimeout(tb.ctx, 20*time.Second)
		defer cancel()
		if err := chromedp.Do(ctx,
			chromedp.WaitVisible(chromedp.CSS(`header form[role=search] input#q[name=q]`)),
			chromedp.Focus(chromedp.CSS("#q")),
			chromedp.SendKeys(chromedp.CSS("#q"), "backlog"),
			chromedp.SendKeys(chromedp.CSS("#q"), kb.Enter),
		); err != nil {
			t.Fatalf("type into the header search box: %v", err)
		}
		want := s.URL + "search/?q=backlog"
		var loc string
		for ctx.Err() == nil {
			loc, _ = chromedp.Run(ctx, chromedp.Location())
			if loc == want {
				break
			}
			time.Sleep(100 * time.Millisecond)
		}
		if loc != want {
			t.Fatalf("after Enter in the search box the page is %s, want %s", loc, want)
		}
		checkBacklogResult(t, waitResults(t, tb))
		for _, p := range tb.takeProblems() {
			t.Errorf("search from the header: %s", p)
		}
	})
}

// On a phone the ladder table stacks into cards; on a desktop it is a table.
func TestLadderTableStacksOnPhones(t *testing.T) {
	s, tb := needBrowser(t)
	for _, tc := range []struct {
		v    view
		want string
	}{{lightNarrow, "block"}, {lightWide, "table-cell"}} {
		if err := tb.emulate(tc.v); err != nil {
			t.Fatal(err)
		}
		if _, err := tb.open(s.URL+"ladders/product-management/", false); err != nil {
			t.Fatal(err)
		}
		displays, err := eval[[]string](tb, `Array.from(document.querySelectorAll('table.m-ladder td'), td => getComputedStyle(td).display)`)
		if err != nil {
			t.Fatal(err)
		}
		if len(displays) == 0 {
			t.Fatalf("%s: /ladders/product-management/ has no table.m-ladder td", tc.v.Name)
		}
		bad := 0
		for _, d := range displays {
			if d != tc.want {
				bad++
			}
		}
		if bad > 0 {
			t.Errorf("%s: %d of %d ladder cells have another display than %q (first: %q)", tc.v.Name, bad, len(displays), tc.want, displays[0])
		}
	}
}

// printState says what a page shows.
type printState struct {
	HeadDisplay string   `json:"head"`
	NavsShown   []string `json:"navs"` // the navs that are rendered
	Navs        int      `json:"count"`
	H1Shown     bool     `json:"h1"`
}

const readPrintState = `(() => {
  const head = document.querySelector('.site-head');
  const navs = Array.from(document.querySelectorAll('nav'));
  const h1 = document.querySelector('main h1');
  return {
    head: head ? getComputedStyle(head).display : 'no .site-head',
    navs: navs.filter(n => n.checkVisibility()).map(n => n.getAttribute('aria-label') || n.className || 'nav'),
    count: navs.length,
    h1: !!(h1 && h1.checkVisibility()),
  };
})()`

// Printed, a level page drops the header and every navigation.
func TestPrintHidesNavigation(t *testing.T) {
	s, tb := needBrowser(t)
	const level = "ladders/product-management/senior-product-manager/"
	if _, err := tb.open(s.URL+level, false); err != nil {
		t.Fatal(err)
	}

	// On screen the header and the navigation are there, so the check
	// below means something.
	if err := tb.emulate(lightWide); err != nil {
		t.Fatal(err)
	}
	screen, err := eval[printState](tb, readPrintState)
	if err != nil {
		t.Fatal(err)
	}
	if screen.HeadDisplay == "none" || screen.HeadDisplay == "no .site-head" || len(screen.NavsShown) == 0 {
		t.Fatalf("on screen: .site-head display %q, navs shown %v: expected a visible header and navigation", screen.HeadDisplay, screen.NavsShown)
	}

	pr := lightWide
	pr.Name, pr.Media = "print", "print"
	if err := tb.emulate(pr); err != nil {
		t.Fatal(err)
	}
	printed, err := eval[printState](tb, readPrintState)
	if err != nil {
		t.Fatal(err)
	}
	if printed.HeadDisplay != "none" {
		t.Errorf("print: .site-head has display %q, want none", printed.HeadDisplay)
	}
	if len(printed.NavsShown) > 0 {
		t.Errorf("print: %d of %d nav elements are still rendered: %v", len(printed.NavsShown), printed.Navs, printed.NavsShown)
	}
	if !printed.H1Shown {
		t.Error("print: the page's h1 is not rendered either; print should hide the chrome, not the content")
	}
}
