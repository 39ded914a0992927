package sitetest

import (
	"context"
	_ "embed"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// The pages a reader touches besides the matrices, at a phone's
// and a laptop's width: search results that show the query and group their
// results, one set of form controls, one colour per role, the glossary in
// alphabetical order, a 404 page with a search box, and reader copy on the
// releases page.
func TestReaderPages(t *testing.T) {
	s, tb := needBrowser(t)
	for _, v := range []view{lightNarrow, lightWide} {
		t.Run(v.Name, func(t *testing.T) {
			if err := tb.emulate(v); err != nil {
				t.Fatal(err)
			}
			for _, c := range readerChecks {
				t.Run(c.name, func(t *testing.T) {
					if _, err := tb.open(s.URL+strings.TrimPrefix(c.path, "/"), c.is404); err != nil {
						t.Fatal(err)
					}
					if c.wait != "" {
						ctx, cancel := context.WithTimeout(tb.ctx, 15*time.Second)
						err := chromedp.Do(ctx, chromedp.WaitVisible(chromedp.CSS(c.wait)))
						cancel()
						if err != nil {
							t.Fatalf("%s: nothing matches %s within 15 s: %v", c.path, c.wait, err)
						}
					}
					problems, err := eval[[]string](tb, c.js)
					if err != nil {
						t.Fatalf("%s: %v", c.path, err)
					}
					for _, p := range problems {
						t.Errorf("%s: %s", c.path, p)
					}
				})
			}
			// The scorecard and the self-assessment draw their choices alike.
			t.Run("choices alike", func(t *testing.T) {
				var got []string
				for _, c := range []struct{ path, wait string }{
					{"ladders/product-ownership/product-owner/interview/", ".score-slot .choice label"},
					{"self-assessment/", "#assessment .choice label"},
				} {
					if _, err := tb.open(s.URL+c.path, false); err != nil {
						t.Fatal(err)
					}
					ctx, cancel := context.WithTimeout(tb.ctx, 15*time.Second)
					err := chromedp.Do(ctx, chromedp.WaitVisible(chromedp.CSS(c.wait)))
					cancel()
					if err != nil {
						t.Fatalf("%s: no %s: %v", c.path, c.wait, err)
					}
					style, err := eval[string](tb, choiceStyle)
					if err != nil {
						t.Fatal(err)
					}
					got = append(got, style)
				}
				if got[0] != got[1] {
					t.Errorf("the scorecard's choices are drawn as %q, the self-assessment's as %q: want one component", got[0], got[1])
				}
			})
		})
	}
}

// A reader check opens a page and runs a script that returns what is wrong.
type readerCheck struct {
	name, path string
	is404      bool
	wait       string // a selector to wait for, for what scripts draw
	js         string // returns a list of problems
}

// shown is a helper for the scripts: an element that a reader can see.
const shown = `const shown = e => { if (!e) return false; const r = e.getBoundingClientRect(), s = getComputedStyle(e);
  return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && s.display !== 'none' && r.right > 0 && r.left < innerWidth; };`

var readerChecks = []readerCheck{
	{name: "search", path: "/search/?q=backlog", wait: "#search-results a", js: `(() => {
  ` + shown + `
  const out = [];
  const q = document.querySelector('main form[role=search] input[name=q]');
  if (!shown(q)) out.push('the query is not in a visible box on the results page');
  else {
    if (q.value !== 'backlog') out.push('the box reads ' + JSON.stringify(q.value) + ', want "backlog"');
    if (q.readOnly || q.disabled) out.push('the query box cannot be edited');
  }
  const groups = [...document.querySelectorAll('#search-results section.search-group')];
  if (groups.length < 2) out.push(groups.length + ' result groups, want several');
  let capped = 0;
  for (const g of groups) {
    const h = g.querySelector(':scope > h2'), count = h && h.querySelector('.count');
    const items = g.querySelectorAll(':scope > ol > li'), visible = [...items].filter(shown);
    const name = h ? h.firstChild.textContent.trim() : '(no heading)';
    if (!count) { out.push('group ' + name + ' shows no count'); continue; }
    if (parseInt(count.textContent.replace(/\D/g, ''), 10) !== items.length) out.push('group ' + name + ' says ' + count.textContent + ' but holds ' + items.length);
    if (visible.length > 5) out.push('group ' + name + ' shows ' + visible.length + ' results before "show all", want at most 5');
    const more = g.querySelector('button.show-all');
    if (items.length > visible.length) {
      capped++;
      if (!shown(more)) out.push('group ' + name + ' hides ' + (items.length - visible.length) + ' results with no visible "show all" button');
    }
    if (!document.querySelector('#search-jump a[href="#' + g.id + '"]')) out.push('no jump link to group ' + name);
  }
  if (capped === 0) out.push('no group is capped: "backlog" should find more than five pages in some group');
  const marks = [...document.querySelectorAll('#search-results li mark')];
  if (!marks.some(m => /^backlog/i.test(m.textContent))) out.push('no <mark> around "backlog" in the results');
  if (!marks.some(m => m.closest('li > span'))) out.push('no <mark> in a snippet');
  const more = document.querySelector('#search-results button.show-all');
  if (more) {
    const g = more.closest('section');
    more.click();
    const hidden = [...g.querySelectorAll(':scope > ol > li')].filter(li => !shown(li)).length;
    if (hidden) out.push('"show all" left ' + hidden + ' results hidden');
  }
  if (!document.querySelector('#index .index-list a')) out.push('the index of every page is gone');
  return out;
})()`},

	{name: "scorecard choices", path: "/ladders/product-ownership/product-owner/interview/", wait: ".score-slot .choice label", js: readChoices},
	{name: "self-assessment choices", path: "/self-assessment/", wait: "#assessment .choice label", js: readChoices},

	{name: "self-assessment summary", path: "/self-assessment/", wait: "#assessment .choice label", js: `(() => {
  const out = [], first = document.querySelector('#assessment .choice input');
  first.click();
  const sum = document.getElementById('sa-summary');
  if (!/\d/.test(sum.textContent)) out.push('after one rating the summary reads ' + JSON.stringify(sum.textContent));
  if (innerWidth >= 1200) {
    const sets = document.querySelectorAll('#assessment fieldset.competency');
    sets[sets.length - 1].scrollIntoView();
    const r = sum.getBoundingClientRect();
    if (r.bottom <= 0 || r.top >= innerHeight) out.push('on a wide screen the summary scrolls out of view (top ' + Math.round(r.top) + ')');
    if (r.left < sets[0].getBoundingClientRect().right) out.push('the summary is not beside the form');
  }
  first.checked = false;
  localStorage.clear();
  return out;
})()`},
	{name: "compare role colours", path: "/compare/", js: `(() => {
  ` + shown + `
  const out = [], col = e => e ? getComputedStyle(e).color : 'none';
  const pm = document.querySelector('#comparison thead th.r-0'), po = document.querySelector('#comparison thead th.r-1');
  if (!pm || !po) return ['the comparison has no role-coloured column headers (th.r-0, th.r-1)'];
  if (innerWidth > 640) {
    if (col(pm.querySelector('a') || pm) === col(po.querySelector('a') || po)) out.push('PM and PO column headers are the same colour: ' + col(pm));
  } else {
    const a = document.querySelector('#comparison tbody td.r-0'), b = document.querySelector('#comparison tbody td.r-1');
    const edge = e => e ? getComputedStyle(e).borderInlineStartColor + ' ' + getComputedStyle(e).borderInlineStartWidth : 'none';
    if (!a || !b) out.push('the phone cards have no role-coloured cells');
    else if (edge(a) === edge(b) || getComputedStyle(a, '::before').color === getComputedStyle(b, '::before').color) out.push('PM and PO cells on a phone are not in different colours: ' + edge(a) + ' / ' + edge(b));
  }
  // Each cell carries its in-short line only: no bold line above a full value, a
  // few words per cell, so that most rows fit a laptop's first screens.
  if (document.querySelector('#comparison .in-short')) out.push('a comparison cell still repeats its in-short line above the full value');
  for (const td of document.querySelectorAll('#comparison tbody td')) {
    const t = td.textContent.trim();
    if (t.length > 80) { out.push('a comparison cell holds ' + t.length + ' characters, want the in-short line only: ' + JSON.stringify(t.slice(0, 60) + '…')); break; }
  }
  const rows = document.querySelectorAll('#comparison tbody tr');
  if (innerWidth > 640 && rows.length >= 8 && rows[7].getBoundingClientRect().bottom - rows[0].getBoundingClientRect().top > 600) out.push('eight rows of the comparison take more than 600 px');
  const cap = document.querySelector('#comparison caption');
  if (cap && cap.getBoundingClientRect().height > 2) out.push('the caption repeats the title on screen (keep it for screen readers only)');
  const bold = [...document.querySelectorAll('main > article > p.actions')];
  if (bold.length) out.push('the comparison still leads with a bold link to another page of the same table');
  return out;
})()`},
	{name: "home role colours", path: "/", js: rolesColoured(".role-q.r-0", ".role-q.r-1")},
	{name: "roles as blocks", path: "/roles/", js: rolesColoured(".role-q.r-0", ".role-q.r-1")},
	{name: "roles blocks first", path: "/roles/", js: `(() => {
  const head = document.querySelector('main .page-head'), next = head && head.nextElementSibling;
  if (!next || !next.matches('.roles-list')) return ['the role blocks do not come right under the title: ' + (next ? next.outerHTML.slice(0, 80) : 'nothing')];
  return [];
})()`},
	{name: "link colour not a role colour", path: "/roles/product-owner/", js: linkNotRole},
	{name: "compare link colour not a role colour", path: "/compare/", js: linkNotRole},
	{name: "role page duties first", path: "/roles/product-owner/", js: `(() => {
  const out = [], m = document.getElementById('role-duties'), h = document.querySelector('main .prose h2');
  if (!m || !h) return ['no duty matrix (#role-duties) or no prose section'];
  if (m.getBoundingClientRect().top > h.getBoundingClientRect().top) out.push('the duty matrix comes after the prose section ' + JSON.stringify(h.textContent.trim()));
  const first = document.querySelector('nav.toc a');
  if (!first || first.getAttribute('href') !== '#duties-h') out.push('"On this page" does not lead with the duties: ' + (first ? first.getAttribute('href') : 'no contents'));
  if (/seed article/i.test(document.querySelector('main').innerText)) out.push('the page says "seed article" to readers');
  return out;
})()`},
	{name: "job opens with the job", path: "/ladders/product-management/senior-product-manager/job/", js: `(() => {
  const out = [], main = document.querySelector('main');
  const lead = main.querySelector('.page-head .lead'), h2 = main.querySelector('h2:not(.toc-title)');
  if (!lead || /handbook|generated|job description/i.test(lead.textContent)) out.push('the lead is not the job: ' + JSON.stringify(lead && lead.textContent));
  if (!h2 || h2.id !== 'job-resp') out.push('the first section is ' + JSON.stringify(h2 && h2.textContent) + ', want the responsibilities');
  const m = main.innerText.match(/.{0,40}(generated|in the handbook).{0,40}/i);
  if (m) out.push('the page talks about the handbook or generation: ' + JSON.stringify(m[0]));
  const json = main.querySelector('.job-actions a[href$=".json"]');
  if (!json || json.classList.contains('button')) out.push('the JSON export is not a secondary link');
  return out;
})()`},
	{name: "role page colour", path: "/roles/product-owner/", js: `(() => {
  const out = [], card = document.querySelector('.role-card.r-1');
  if (!card) return ['the Product Owner page has no block in its role colour (.role-card.r-1)'];
  const top = getComputedStyle(card.querySelector('.question')).color, pm = document.querySelector('#role-duties thead th.r-0'), po = document.querySelector('#role-duties thead th.r-1');
  if (!pm || !po) out.push('the duties are not the badge matrix with role columns');
  else if (getComputedStyle(pm).color === getComputedStyle(po).color) out.push('PM and PO columns of the duty matrix are the same colour');
  if (po && innerWidth > 640 && getComputedStyle(po).color !== top) out.push('the role block (' + top + ') and the PO column (' + getComputedStyle(po).color + ') are not one colour');
  if (!document.querySelector('#role-duties .tag')) out.push('the duty matrix shows no badges');
  return out;
})()`},

	{name: "glossary order", path: "/glossary/", js: glossaryOrder},
	{name: "German glossary order", path: "/de/glossary/", js: glossaryOrder},

	{name: "404 search", path: "/no-such-page/", is404: true, js: `(() => {
  ` + shown + `
  const out = [], q = document.querySelector('main form[role=search] input[name=q]');
  if (!shown(q)) out.push('no visible search box on the 404 page');
  const links = document.querySelectorAll('main a[href$="/compare/"], main a[href$="/ladders/"]');
  if (links.length < 2) out.push('the 404 page does not offer the main sections');
  const foot = document.querySelector('.site-foot').getBoundingClientRect();
  if (document.documentElement.scrollHeight <= innerHeight && foot.bottom < innerHeight - 2) out.push('the footer floats ' + Math.round(innerHeight - foot.bottom) + ' px above the bottom of the window');
  return out;
})()`},
	{name: "releases copy", path: "/releases/", js: `(() => {
  const out = [], text = document.querySelector('main').innerText;
  for (const [re, what] of [[/unreleased/i, '"unreleased"'], [/git tag|\bgit\b/i, 'git'], [/\bv?MAJOR\.MINOR/i, 'version syntax']]) {
    const m = text.match(re);
    if (m) out.push('the page talks about ' + what + ': …' + text.slice(Math.max(0, m.index - 40), m.index + 40).replace(/\s+/g, ' ') + '…');
  }
  return out;
})()`},
}

// readChoices checks the rating choices of the page: the shared choice
// component (.choice-group > .choice > input + label), drawn as a pill of
// at least 32 px with the radio button itself hidden, and the note's label
// above its field.
const readChoices = `(() => {
  const out = [], c = document.querySelector('.choice-group > .choice');
  if (!c) return ['no .choice-group > .choice: the ratings are not the shared choice component'];
  const input = c.querySelector('input[type=radio]'), label = c.querySelector('label');
  const ls = getComputedStyle(label), r = label.getBoundingClientRect();
  if (r.height < 32) out.push('a choice is ' + r.height + ' px high, want at least 32');
  if (getComputedStyle(input).opacity !== '0') out.push('the bare browser radio button shows');
  if (parseFloat(ls.borderTopLeftRadius) < 10 || ls.borderTopStyle === 'none') out.push('the choice is not drawn as a pill: radius ' + ls.borderTopLeftRadius + ', border ' + ls.borderTopStyle);
  const ta = document.querySelector('.choice-group ~ .field textarea'), tl = ta && document.querySelector('label[for="' + ta.id + '"]');
  if (!ta || !tl) out.push('no note field with a label after the choices');
  else if (tl.getBoundingClientRect().bottom > ta.getBoundingClientRect().top + 1) out.push('the note label is not above its field');
  return out;
})()`

// choiceStyle is how a page draws its first rating choice.
const choiceStyle = `(() => {
  const l = document.querySelector('.choice-group > .choice > label');
  if (!l) return 'none';
  const s = getComputedStyle(l);
  return [l.parentElement.className, s.borderTopLeftRadius, s.borderTopWidth, s.paddingLeft, s.minHeight, s.fontSize, Math.round(l.getBoundingClientRect().height)].join(' ');
})()`

// linkNotRole checks, light and dark, that links and linked headings are
// drawn in a colour of their own, neither role's: the
// role colours mark roles only.
//
//go:embed testdata/link-not-role.js
var linkNotRole string

// rolesColoured checks that the blocks of the two roles are drawn, and
// headed, in different colours.
func rolesColoured(a, b string) string {
	return `(() => {
  const x = document.querySelector('` + a + `'), y = document.querySelector('` + b + `');
  if (!x || !y) return ['no role blocks ` + a + ` and ` + b + `'];
  const top = e => getComputedStyle(e).borderTopColor, head = e => getComputedStyle(e.querySelector('h2 a') || e).color;
  const out = [];
  if (top(x) === top(y)) out.push('both role blocks are topped in ' + top(x));
  if (head(x) === head(y)) out.push('both role headings are ' + head(x));
  return out;
})()`
}

// glossaryOrder checks the glossary's terms are in the page language's
// alphabetical order, with an A-Z jump and a highlighted target.
//
//go:embed testdata/glossary-order.js
var glossaryOrder string
