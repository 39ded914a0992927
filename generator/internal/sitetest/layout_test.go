package sitetest

import (
	"cmp"
	"context"
	_ "embed"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// layoutFinding is one thing a reader would see laid out wrong.
type layoutFinding struct {
	Check  string `json:"check"`  // which rule: sideways, cell-cut, cell-one-line, word-broken, card-heading, fit, hint, sticky-column, header-overlap, anchor-under-header, print-column, edges, badge-column, header, duplicate
	Target string `json:"target"` // a selector-like name of the element
	Group  string `json:"group"`  // what findings of the same fault share (the table and kind of cell, or the target)
	Detail string `json:"detail"`
	View   string `json:"view"`
}

// layoutJS measures the page as the browser laid it out and returns what is
// wrong, as layoutFinding objects. It is a function of one options object:
//
//	laptop: the view is wide enough that a matrix of up to four columns must
//	        fit its box with every column visible;
//	print:  the page is shown with print media: every matrix must be a whole
//	        table within the page's width, every column shown;
//
// The checks, in the order of the issue that asked for them:
//   - sideways: the page never scrolls sideways (and html/body do not hide it);
//   - cell-cut: no table cell's text runs past the cell's box;
//   - cell-one-line: no text of more than a few words in a table cell is kept
//     on one line (white-space: nowrap or pre);
//   - word-broken: no short word or number (2 to 6 letters or digits: "PM",
//     "21") in a narrow table cell is broken over two lines (found in the
//     phone screenshot of /duties/, where overflow-wrap: anywhere let the
//     table squeeze its columns to one character);
//   - card-heading: a table shown as cards (on a phone) has row headings as
//     wide as their card (found in the screenshots of the first design pass);
//   - fit: on a laptop, a matrix of up to four columns fits its box, with
//     every column header inside it;
//   - hint, sticky-column: a wider matrix that scrolls sideways shows a
//     visible .scroll-hint, and its first column stays in view (and on top)
//     when it is scrolled to the end;
//   - header-overlap: whatever the page is scrolled to, nothing is drawn over
//     the sticky header;
//   - anchor-under-header: an in-page link's target, scrolled to, is not
//     hidden under the sticky header;
//   - print-column: printed, every column of every matrix is on the page;
//
// and, on screen, the design system's rules:
//   - edges: the blocks of the main column share at most two inline-end
//     edges, the reading width and the wide width;
//   - badge-column: in a matrix whose value cells are badges, the label
//     column is at least as wide as each badge column;
//   - header: the header is one row, with nothing wrapped, from 1200 px;
//     at most 64 px high on a phone (400 px and less);
//   - duplicate: no two adjacent blocks of different kinds show the same
//     data twice (the same four or more numbers, or the same clause of four
//     or more words, labels left out); form controls' choices are not data shown.
//
//go:embed testdata/layout.js
var layoutJS string

// layoutRun is the expression that runs the layout checks in a view.
func layoutRun(v view) string {
	return fmt.Sprintf("%s({laptop: %v, print: %v})", layoutJS, v.Width >= 1024, v.Media == "print")
}

// reportLayout fails the test with the layout findings, grouped by check and
// element so that a fault of the theme is one message, not one per page.
func reportLayout(t *testing.T, all []pageResult) {
	t.Helper()
	type group struct {
		check, target, detail string
		where                 []string
		targets               map[string]bool
	}
	groups := map[string]*group{}
	var keys []string
	for _, r := range all {
		for _, f := range r.layout {
			k := f.Check + "\x00" + f.Group
			g := groups[k]
			if g == nil {
				g = &group{check: f.Check, target: f.Target, detail: f.Detail, targets: map[string]bool{}}
				groups[k] = g
				keys = append(keys, k)
			}
			g.targets[f.Target] = true
			if w := r.path + " [" + f.View + "]"; len(g.where) == 0 || g.where[len(g.where)-1] != w {
				g.where = append(g.where, w)
			}
		}
	}
	slices.SortFunc(keys, func(a, b string) int {
		ga, gb := groups[a], groups[b]
		return cmp.Or(cmp.Compare(ga.check, gb.check), cmp.Compare(len(gb.where), len(ga.where)), cmp.Compare(a, b))
	})
	const maxGroups, maxWhere = 80, 6
	for i, k := range keys {
		if i == maxGroups {
			t.Errorf("layout: and %d more failing elements", len(keys)-maxGroups)
			break
		}
		g := groups[k]
		where, more := g.where, ""
		if len(where) > maxWhere {
			more = fmt.Sprintf(", and %d more", len(where)-maxWhere)
			where = where[:maxWhere]
		}
		also := ""
		if n := len(g.targets); n > 1 {
			also = fmt.Sprintf(" (and %d more like it)", n-1)
		}
		t.Errorf("layout %s: %s%s\n    %s\n    in %d page views: %s%s", g.check, g.target, also, g.detail, len(g.where), strings.Join(where, ", "), more)
	}
}

// Printed, the comparison and a ladder keep every column on an A4 page in
// portrait (210 mm less 1.5 cm margins: 680 CSS px), and nothing else of the
// layout checks fails there.
func TestPrintKeepsEveryColumn(t *testing.T) {
	s, tb := needBrowser(t)
	pr := view{"print A4", 680, 1000, "light", "print", false}
	var printed []pageResult
	for _, p := range []string{"compare/", "ladders/product-management/", "ladders/product-ownership/"} {
		if err := tb.emulate(lightWide); err != nil {
			t.Fatal(err)
		}
		if _, err := tb.open(s.URL+p, false); err != nil {
			t.Fatal(err)
		}
		if err := tb.emulate(pr); err != nil {
			t.Fatal(err)
		}
		n, err := eval[int](tb, `document.querySelectorAll('table.matrix').length`)
		if err != nil || n == 0 {
			t.Fatalf("/%s: no table.matrix to check (%v)", p, err)
		}
		fs, err := eval[[]layoutFinding](tb, layoutRun(pr))
		if err != nil {
			t.Fatal(err)
		}
		for i := range fs {
			fs[i].View = pr.Name
		}
		printed = append(printed, pageResult{path: "/" + p, layout: fs})
	}
	reportLayout(t, printed)
}

// focusState is how the focused element is drawn.
type focusState struct {
	Name    string `json:"name"`
	Outline string `json:"outline"`
	Visible bool   `json:"visible"`
}

const readFocus = `(() => {
  const el = document.activeElement;
  if (!el || el === document.body) return {name: 'body', outline: '', visible: false};
  const s = getComputedStyle(el);
  const w = parseFloat(s.outlineWidth) || 0;
  const ring = s.outlineStyle !== 'none' && w >= 2;
  const shadow = s.boxShadow && s.boxShadow !== 'none';
  return {name: el.tagName.toLowerCase() + (el.className ? '.' + String(el.className).split(' ')[0] : '') + ' "' + (el.textContent || el.value || '').trim().slice(0, 30) + '"',
    outline: s.outlineStyle + ' ' + s.outlineWidth + ' ' + s.outlineColor, visible: ring || shadow};
})()`

// Moving through a page with the Tab key, every element that takes focus
// shows it (an outline of at least 2 px), and the header marks the section
// the reader is in differently from the others.
func TestFocusAndCurrentStatesAreVisible(t *testing.T) {
	s, tb := needBrowser(t)
	for _, v := range []view{lightWide, darkNarrow} {
		if err := tb.emulate(v); err != nil {
			t.Fatal(err)
		}
		if _, err := tb.open(s.URL+"compare/", false); err != nil {
			t.Fatal(err)
		}
		ctx, cancel := context.WithTimeout(tb.ctx, 60*time.Second)
		seen := 0
		for i := 0; i < 25; i++ {
			if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.Tab)); err != nil {
				t.Fatal(err)
			}
			f, err := eval[focusState](tb, readFocus)
			if err != nil {
				t.Fatal(err)
			}
			if f.Name == "body" {
				continue
			}
			seen++
			if !f.Visible {
				t.Errorf("%s: tab stop %d, %s, shows no focus (outline %s)", v.Name, i+1, f.Name, f.Outline)
			}
		}
		cancel()
		if seen < 10 {
			t.Errorf("%s: only %d of 25 Tab presses focused something", v.Name, seen)
		}
	}

	// The current section's link in the header looks different from the others.
	if err := tb.emulate(lightWide); err != nil {
		t.Fatal(err)
	}
	diff, err := eval[string](tb, `(() => {
  const cur = document.querySelector('.site-head a[aria-current]');
  const other = document.querySelector('.site-head nav a:not([aria-current])');
  if (!cur || !other) return 'no current and other section link in the header';
  const a = getComputedStyle(cur), b = getComputedStyle(other);
  const keys = ['color', 'fontWeight', 'boxShadow', 'borderBottomWidth', 'textDecorationLine', 'backgroundColor'];
  return keys.some(k => a[k] !== b[k]) ? '' : 'the current section link is drawn like the others';
})()`)
	if err != nil {
		t.Fatal(err)
	}
	if diff != "" {
		t.Error(diff)
	}
}
