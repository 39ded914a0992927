package sitetest

import (
	_ "embed"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// The ladder pages answer a reader's questions in order: where
// am I (a stepper of the track's levels, the level's actions in the first
// screen), what is expected (one list, each text once), what changes (at
// most MaxMarked of a comparison marked), and they read at every width
// (no table in a box that scrolls vertically inside the page, the career
// map's text at a fixed size) and on paper (two A4 sheets, no URL of an
// internal link).

// ladderLevel is what a level page shows, read in the browser.
type ladderLevel struct {
	Found    bool     `json:"found"`    // an article.kind-level
	Steps    []string `json:"steps"`    // the stepper's links, as paths
	Current  []string `json:"current"`  // those with aria-current="page"
	Job      float64  `json:"job"`      // the bottom of the job description link, px from the page's top (-1: none)
	Guide    float64  `json:"guide"`    // the same for the interview guide
	Twice    []string `json:"twice"`    // blocks of text shown twice
	Marked   float64  `json:"marked"`   // the largest share of a comparison's text that is marked
	MarkedAt string   `json:"markedAt"` // where
	Scrolls  []string `json:"scrolls"`  // boxes around a table that scroll vertically
	// Review round two: the next step under the stepper, the facts before the actions.
	NextBottom float64   `json:"nextBottom"` // the bottom of the "Next step" line, px from the page's top (-1: none)
	NextLinks  []string  `json:"nextLinks"`  // its links, as paths
	FactsTop   float64   `json:"factsTop"`   // the top of the facts list
	ActionsTop []float64 `json:"actionsTop"` // the top of each action button
}

// The checks every ladder page runs; the level checks only find something
// on a level page.
//
//go:embed testdata/read-ladder.js
var readLadder string

// The career map as drawn: whether it fits the screen with no box that
// scrolls sideways, and the vertical drop of each move across tracks.
//
//go:embed testdata/read-map-fit.js
var readMapFit string

// The career map's text, in CSS pixels as drawn.
const readMapText = `(() => {
  const out = [];
  for (const t of document.querySelectorAll('svg.chart-career text')) {
    const m = t.getScreenCTM();
    if (!m || !t.checkVisibility()) continue;
    out.push(Math.round(parseFloat(getComputedStyle(t).fontSize) * Math.hypot(m.a, m.b) * 10) / 10);
  }
  return out;
})()`

// Printed: links whose URL is printed after them.
const readPrintedURLs = `(() => Array.from(document.querySelectorAll('article a[href]')).filter(a => {
  const c = getComputedStyle(a, '::after').content;
  return a.checkVisibility() && c && c !== 'none' && c !== 'normal' && c !== '""' && new URL(a.href).origin === location.origin;
}).map(a => new URL(a.href).pathname))()`

var (
	trackPagePath = regexp.MustCompile(`^(/de)?/ladders/([a-z0-9-]+)/$`)
	ladderViews   = []view{lightNarrow, lightWide}
)

// checkLadderPage runs the checks on the open page and says whether it is
// a level page. levels is how many levels its track has (0: not known).
func checkLadderPage(t *testing.T, tb *tab, p string, v view, levels int) bool {
	t.Helper()
	r, err := eval[ladderLevel](tb, readLadder)
	if err != nil {
		t.Fatal(err)
	}
	where := fmt.Sprintf("%s at %dpx", p, v.Width)
	for _, s := range r.Scrolls {
		t.Errorf("%s: %s scrolls vertically inside the page", where, s)
	}
	for _, s := range r.Twice {
		t.Errorf("%s: a block of text is shown twice: %q", where, s)
	}
	if r.Marked > 0.4 {
		t.Errorf("%s: %.0f%% of a comparison's text is marked (at most 40%%): %q", where, 100*r.Marked, r.MarkedAt)
	}
	if !r.Found {
		return false
	}
	switch {
	case len(r.Steps) < 2 || (levels > 0 && len(r.Steps) != levels):
		t.Errorf("%s: the stepper links to %d levels, want every level of the track (%d)", where, len(r.Steps), levels)
	case len(r.Current) != 1 || !strings.HasSuffix(p, r.Current[0]) && !strings.HasSuffix(r.Current[0], p):
		t.Errorf("%s: the stepper marks %v as current, want this page", where, r.Current)
	}
	// What changes at the next step is said in the first screen: the level
	// above and the page comparing the two, or that this is the top.
	top := len(r.Current) == 1 && len(r.Steps) > 0 && r.Current[0] == r.Steps[len(r.Steps)-1]
	switch {
	case r.NextBottom < 0 || r.NextBottom > float64(v.Height):
		t.Errorf("%s: the next-step line ends at %.0f px, want within the first %d px", where, r.NextBottom, v.Height)
	case !top && (len(r.NextLinks) != 2 || !slices.Contains(r.Steps, r.NextLinks[0]) || !strings.Contains(r.NextLinks[1], "/compare/")):
		t.Errorf("%s: the next-step line links %v, want the level above and the page comparing the two", where, r.NextLinks)
	case top && len(r.NextLinks) != 0:
		t.Errorf("%s: the top level's next-step line links %v", where, r.NextLinks)
	}
	// On a phone the facts come first, the actions after them two to a row.
	if v.Width < 600 {
		if len(r.ActionsTop) < 2 || r.FactsTop < 0 || r.ActionsTop[0] < r.FactsTop || r.ActionsTop[0] != r.ActionsTop[1] {
			t.Errorf("%s: facts at %.0f px, actions at %v; want the facts first and two actions a row", where, r.FactsTop, r.ActionsTop)
		}
	}
	if v.Width >= 1280 {
		for name, y := range map[string]float64{"job description": r.Job, "interview guide": r.Guide} {
			if y < 0 || y > 900 {
				t.Errorf("%s: the %s link ends at %.0f px, want within the first 900 px", where, name, y)
			}
		}
	}
	return true
}

func TestLadderPages(t *testing.T) {
	s, tb := needBrowser(t)
	var levelPages, trackPages []string
	tracks := map[string]bool{}
	for _, p := range s.pagesOrFail(t) {
		if m := trackPagePath.FindStringSubmatch(p); m != nil && !strings.HasPrefix(m[2], "rank-") {
			trackPages = append(trackPages, p)
			tracks[m[2]] = true
		} else if levelPath.MatchString(p) {
			levelPages = append(levelPages, p)
		}
	}
	// How many levels each track has: its level pages in English.
	count := map[string]int{}
	for _, p := range levelPages {
		if parts := strings.Split(strings.Trim(p, "/"), "/"); parts[0] == "ladders" && !strings.Contains(p, "/print/") {
			count[parts[1]]++
		}
	}
	levels := 0
	for _, v := range ladderViews {
		if err := tb.emulate(v); err != nil {
			t.Fatal(err)
		}
		for _, p := range append(trackPages, levelPages...) {
			if _, err := tb.open(s.URL+strings.TrimPrefix(p, "/"), false); err != nil {
				t.Fatal(err)
			}
			track := strings.Split(strings.TrimPrefix(strings.TrimPrefix(p, "/de"), "/ladders/"), "/")[0]
			if checkLadderPage(t, tb, p, v, count[track]) {
				levels++
			}
		}
	}
	if len(tracks) < 2 || levels < 2*2*2*len(tracks) {
		t.Errorf("checked %d track pages and %d level page views", len(trackPages), levels)
	}
}

// The career map's text is 12 to 16 px at every width, in both languages.
func TestCareerMapText(t *testing.T) {
	s, tb := needBrowser(t)
	for _, v := range ladderViews {
		if err := tb.emulate(v); err != nil {
			t.Fatal(err)
		}
		for _, p := range []string{"ladders/", "de/ladders/"} {
			if _, err := tb.open(s.URL+p, false); err != nil {
				t.Fatal(err)
			}
			sizes, err := eval[[]float64](tb, readMapText)
			if err != nil {
				t.Fatal(err)
			}
			if len(sizes) < 4 {
				t.Fatalf("/%s at %dpx: %d texts in the career map", p, v.Width, len(sizes))
			}
			// Both tracks on the screen, no box that scrolls sideways, every
			// move across tracks level (it goes to the level of the same rank).
			fit, err := eval[struct {
				Maps     int      `json:"maps"`
				Overflow []string `json:"overflow"`
				Slanted  []string `json:"slanted"`
			}](tb, readMapFit)
			if err != nil {
				t.Fatal(err)
			}
			if fit.Maps != 1 || len(fit.Overflow) > 0 || len(fit.Slanted) > 0 {
				t.Errorf("/%s at %dpx: %d maps shown, overflow %v, moves across tracks that climb or drop %v", p, v.Width, fit.Maps, fit.Overflow, fit.Slanted)
			}
			for _, px := range sizes {
				if px < 12 || px > 16 {
					t.Errorf("/%s at %dpx: career map text drawn at %.1f px, want 12 to 16", p, v.Width, px)
					break
				}
			}
		}
	}
}

// A level page prints on at most two A4 (and Letter) sheets, printing no
// URL of a link to the site itself.
func TestLevelPagePrints(t *testing.T) {
	s, tb := needBrowser(t)
	pages := []string{
		"ladders/product-management/senior-product-manager/", "ladders/product-ownership/principal-product-owner/",
		"de/ladders/product-management/director-of-product-management/",
	}
	for _, p := range pages {
		if _, err := tb.open(s.URL+p, false); err != nil {
			t.Fatal(err)
		}
		for paper, n := range printedSheets(t, tb) {
			if n > 2 {
				t.Errorf("/%s prints on %d %s sheets, want at most 2", p, n, paper)
			}
		}
		if err := tb.emulate(view{"print", 1280, 800, "light", "print", false}); err != nil {
			t.Fatal(err)
		}
		urls, err := eval[[]string](tb, readPrintedURLs)
		if err != nil {
			t.Fatal(err)
		}
		if len(urls) > 0 {
			t.Errorf("/%s prints the URLs of %d internal links, such as %s", p, len(urls), urls[0])
		}
		if err := tb.emulate(lightWide); err != nil {
			t.Fatal(err)
		}
	}
}

// A fork's renamed levels and a level of a track of its own get the same
// level page: the stepper, the actions, each text once.
func TestForkLevelPages(t *testing.T) {
	requireChromium(t)
	base := acmeSite(t)
	tb := newTab(t)
	for _, v := range ladderViews {
		if err := tb.emulate(v); err != nil {
			t.Fatal(err)
		}
		for p, levels := range map[string]int{
			"/ladders/project-delivery/senior-project-manager/":   2,
			"/ladders/product-management/senior-product-manager/": 0,
		} {
			if _, err := tb.open(base+strings.TrimPrefix(p, "/"), false); err != nil {
				t.Fatal(err)
			}
			if !checkLadderPage(t, tb, p, v, levels) {
				t.Errorf("%s: not a level page", p)
			}
		}
	}
}

// In a right-to-left language a level page mirrors: the stepper runs from
// the right, the rail of facts sits left of the expectations, and nothing
// scrolls sideways.
func TestLevelPageRightToLeft(t *testing.T) {
	requireChromium(t)
	host := rtlSite(t)
	tb := newTab(t)
	type layout struct {
		Dir        string  `json:"dir"`
		FirstStep  float64 `json:"firstStep"` // the left edge of the stepper's first level
		LastStep   float64 `json:"lastStep"`  // and of its last
		RailRight  float64 `json:"railRight"`
		MainLeft   float64 `json:"mainLeft"`
		ScrollW    float64 `json:"scrollW"`
		ViewW      float64 `json:"viewW"`
		StepperLen int     `json:"stepperLen"`
	}
	const measure = `(() => {
  const steps = document.querySelectorAll('nav.lv-steps li');
  const box = s => document.querySelector(s).getBoundingClientRect();
  return {dir: document.documentElement.dir, stepperLen: steps.length,
    firstStep: steps.length ? steps[0].getBoundingClientRect().left : 0, lastStep: steps.length ? steps[steps.length - 1].getBoundingClientRect().left : 0,
    railRight: box('.lv-rail').right, mainLeft: box('.lv-main').left,
    scrollW: document.documentElement.scrollWidth, viewW: document.documentElement.clientWidth};
})()`
	for _, v := range ladderViews {
		if err := tb.emulate(v); err != nil {
			t.Fatal(err)
		}
		if _, err := tb.open(host+"ar/ladders/pm-track/senior/", false); err != nil {
			t.Fatal(err)
		}
		l, err := eval[layout](tb, measure)
		if err != nil {
			t.Fatal(err)
		}
		switch {
		case l.Dir != "rtl" || l.StepperLen < 2:
			t.Fatalf("%s: dir %q, %d levels in the stepper", v.Name, l.Dir, l.StepperLen)
		case l.FirstStep <= l.LastStep:
			t.Errorf("%s: the stepper's first level (left %.0f) is not right of its last (left %.0f)", v.Name, l.FirstStep, l.LastStep)
		case v.Width >= 1280 && l.RailRight > l.MainLeft:
			t.Errorf("%s: the rail (right edge %.0f) is not left of the expectations (left edge %.0f)", v.Name, l.RailRight, l.MainLeft)
		case l.ScrollW > l.ViewW:
			t.Errorf("%s: the page scrolls sideways (%.0f px wide in a %.0f px view)", v.Name, l.ScrollW, l.ViewW)
		}
	}
}

// A page comparing two levels says what changed: the scope first, a marked
// phrase where the change is a phrase, a tag (not colour alone) where most
// of the text is new.
func TestPairPageCues(t *testing.T) {
	s, tb := needBrowser(t)
	type cues struct {
		First   string `json:"first"`
		Rewrite int    `json:"rewrite"`
		Tagged  int    `json:"tagged"`
	}
	const read = `(() => {
  const rows = document.querySelectorAll('.pair-table tbody tr');
  const rw = document.querySelectorAll('.pair-table tbody tr.ex-rewrite, .pair-table tbody tr.ex-new');
  return {first: rows.length ? rows[0].querySelector('th').textContent.trim() : '', rewrite: rw.length,
    tagged: Array.from(rw).filter(r => r.querySelector('td:last-child .ex-tag')?.checkVisibility()).length};
})()`
	for p, scope := range map[string]string{
		"ladders/product-management/compare/product-manager-to-senior-product-manager/": "Scope",
		"de/ladders/product-ownership/compare/product-owner-to-senior-product-owner/":   "Verantwortungsbereich",
	} {
		if _, err := tb.open(s.URL+p, false); err != nil {
			t.Fatal(err)
		}
		c, err := eval[cues](tb, read)
		if err != nil {
			t.Fatal(err)
		}
		if c.First != scope || c.Rewrite == 0 || c.Tagged != c.Rewrite {
			t.Errorf("/%s: first row %q (want %q), %d of %d largely new rows tagged", p, c.First, scope, c.Tagged, c.Rewrite)
		}
	}
}

// A track matrix's competency names never break inside a word (a break
// after a written hyphen is fine: Stakeholder-Kommunikation).(after a
// written hyphen is fine: Stakeholder-Kommunikation).
func TestTrackMatrixWords(t *testing.T) {
	s, tb := needBrowser(t)
	const read = `(() => {
  const out = [];
  for (const th of document.querySelectorAll('table.m-ladder tbody th')) {
    const walk = document.createTreeWalker(th, NodeFilter.SHOW_TEXT);
    for (let n = walk.nextNode(); n; n = walk.nextNode()) {
      for (const m of n.data.matchAll(/[^\s-]+-?/g)) { // a break after a written hyphen is fine
        const rg = document.createRange();
        rg.setStart(n, m.index); rg.setEnd(n, m.index + m[0].length);
        const tops = new Set(Array.from(rg.getClientRects()).map(r => Math.round(r.top)));
        if (tops.size > 1) out.push(m[0]);
      }
    }
  }
  return out;
})()`
	for _, v := range ladderViews {
		if err := tb.emulate(v); err != nil {
			t.Fatal(err)
		}
		for _, p := range []string{"ladders/product-management/", "ladders/product-ownership/", "de/ladders/product-ownership/"} {
			if _, err := tb.open(s.URL+p, false); err != nil {
				t.Fatal(err)
			}
			broken, err := eval[[]string](tb, read)
			if err != nil {
				t.Fatal(err)
			}
			if len(broken) > 0 {
				t.Errorf("/%s at %dpx: competency names broken inside a word: %v", p, v.Width, broken)
			}
		}
	}
}
