package sitetest

import (
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// levelStep is what a level page shows first after its summary.
type levelStep struct {
	Found   bool   `json:"found"`   // the page is a level page
	ID      string `json:"id"`      // the first section after the summary
	Heading string `json:"heading"` // its heading
	Steps   []struct {
		Comp    string `json:"comp"`
		Marker  string `json:"marker"` // the words marked as new
		Visible bool   `json:"visible"`
	} `json:"steps"`
	Comps []string `json:"comps"` // the competencies of the full expectations
}

const readLevelStep = `(() => {
  const art = document.querySelector('article.kind-level');
  if (!art) return {found: false};
  const head = art.querySelector(':scope > header.page-head');
  const sec = Array.from(art.querySelectorAll('section')).find(s => head && (head.compareDocumentPosition(s) & Node.DOCUMENT_POSITION_FOLLOWING));
  const text = n => n.textContent.replace(/\s+/g, ' ').trim();
  return {
    found: true,
    id: sec ? sec.id : '',
    heading: sec && sec.querySelector('h2') ? text(sec.querySelector('h2')) : '',
    steps: sec ? Array.from(sec.querySelectorAll('dl > dt'), dt => {
      const dd = dt.nextElementSibling;
      return {comp: text(dt), marker: dd ? Array.from(dd.querySelectorAll('ins'), text).join(' | ') : '', visible: !!(dd && dd.checkVisibility())};
    }) : [],
    comps: Array.from(art.querySelectorAll('section[aria-labelledby="expect-h"] dl > dt'), text),
  };
})()`

// pairStep is the step view of a page that compares two levels.
type pairStep struct {
	Sections int `json:"sections"`
	Comps    int `json:"comps"`
	Gained   int `json:"gained"` // lines "Gained: …"
	Lost     int `json:"lost"`   // lines "No longer expected: …"
	Marked   int `json:"marked"` // gained lines with words marked as inserted
	Struck   int `json:"struck"` // no-longer lines with words marked as deleted
}

const readPairStep = `(() => {
  const secs = Array.from(document.querySelectorAll('article section.stepv-pair'));
  const all = sel => secs.flatMap(s => Array.from(s.querySelectorAll(sel))).filter(n => n.checkVisibility());
  return {
    sections: secs.length,
    comps: all('dl > dt').length,
    gained: all('dd > p.stepv-gained').length,
    lost: all('dd > p.stepv-lost').length,
    marked: all('dd > p.stepv-gained').filter(p => p.querySelector('ins')).length,
    struck: all('dd > p.stepv-lost').filter(p => p.querySelector('del')).length,
  };
})()`

var (
	levelPath = regexp.MustCompile(`^(/de)?/ladders/[a-z0-9-]+/[a-z0-9-]+/$`)
	pairPath  = regexp.MustCompile(`^(/de)?/ladders/([a-z0-9-]+/compare/[a-z0-9-]+|rank-\d+)/$`)
)

// Every level page, in both languages, leads with the step from the level
// below: one line per competency, each with its own new words marked (no
// two alike, unlike a pill that says "changed" everywhere). Every page that
// compares two levels (in a track, across tracks, of equal rank) says per
// competency what is gained and what is no longer expected.
func TestStepViews(t *testing.T) {
	s, tb := needBrowser(t)
	if err := tb.emulate(lightWide); err != nil {
		t.Fatal(err)
	}
	levels, pairs := 0, 0
	for _, p := range s.pagesOrFail(t) {
		if !levelPath.MatchString(p) || strings.Contains(p, "/compare/") {
			if pairPath.MatchString(p) {
				pairs++
				checkPairStep(t, tb, s, p)
			}
			continue
		}
		if _, err := tb.open(s.URL+strings.TrimPrefix(p, "/"), false); err != nil {
			t.Fatal(err)
		}
		st, err := eval[levelStep](tb, readLevelStep)
		if err != nil {
			t.Fatal(err)
		}
		if !st.Found {
			continue // a job description or an interview guide
		}
		levels++
		if st.ID != "step" || st.Heading == "" {
			t.Errorf("%s: the first section after the summary is #%s %q, want the step view (#step)", p, st.ID, st.Heading)
			continue
		}
		if len(st.Comps) == 0 || len(st.Steps) != len(st.Comps) {
			t.Errorf("%s: the step view lists %d competencies, the expectations %d", p, len(st.Steps), len(st.Comps))
			continue
		}
		markers := map[string]string{}
		for i, step := range st.Steps {
			switch {
			case step.Comp != st.Comps[i]:
				t.Errorf("%s: step %d is for %q, the expectation for %q", p, i+1, step.Comp, st.Comps[i])
			case !step.Visible || step.Marker == "":
				t.Errorf("%s: the step for %q marks no new words (visible %v)", p, step.Comp, step.Visible)
			case markers[step.Marker] != "":
				t.Errorf("%s: %q and %q show the same marker %q", p, markers[step.Marker], step.Comp, step.Marker)
			}
			markers[step.Marker] = step.Comp
		}
		for _, pr := range tb.takeProblems() {
			t.Errorf("%s: %s", p, pr)
		}
	}
	files, _ := filepath.Glob(filepath.Join(s.Root, "content", "ladders", "*", "*.md"))
	want := 0
	for _, f := range files {
		if b := filepath.Base(f); !strings.HasPrefix(b, "_index") && strings.Count(b, ".") == 1 {
			want += 2 // English and German
		}
	}
	if levels != want || pairs == 0 {
		t.Errorf("checked %d level pages (the content has %d, in two languages) and %d pages comparing levels", levels, want, pairs)
	}
}

func checkPairStep(t *testing.T, tb *tab, s *builtSite, p string) {
	t.Helper()
	if _, err := tb.open(s.URL+strings.TrimPrefix(p, "/"), false); err != nil {
		t.Fatal(err)
	}
	st, err := eval[pairStep](tb, readPairStep)
	if err != nil {
		t.Fatal(err)
	}
	switch {
	case st.Sections == 0 || st.Comps == 0:
		t.Errorf("%s: no step view (section.stepv-pair with a line per competency)", p)
	case st.Gained != st.Comps || st.Lost != st.Comps:
		t.Errorf("%s: %d competencies, %d gained and %d no-longer-expected lines: want one of each per competency", p, st.Comps, st.Gained, st.Lost)
	case st.Marked == 0 || st.Struck == 0:
		t.Errorf("%s: %d gained lines mark words as new and %d no-longer-expected lines mark words as gone: want some of each", p, st.Marked, st.Struck)
	}
	for _, pr := range tb.takeProblems() {
		t.Errorf("%s: %s", p, pr)
	}
}
