package sitetest

import (
	_ "embed"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// levelStep is what a level page shows first after its stepper and facts.
type levelStep struct {
	Found   bool   `json:"found"`   // the page is a level page
	ID      string `json:"id"`      // the first section after the summary
	Heading string `json:"heading"` // its heading
	First   bool   `json:"first"`   // the page has no level below: nothing to compare
	Steps   []struct {
		Comp  string `json:"comp"`
		Mode  string `json:"mode"`  // the line's class: ex-new, ex-same, ex-phrase or ex-rewrite
		Shown bool   `json:"shown"` // the step is shown: words marked, or the level below's text in a disclosure
	} `json:"steps"`
}

//go:embed testdata/read-level-step.js
var readLevelStep string

// pairStep is the comparison on a page that compares two levels.
type pairStep struct {
	Sections int `json:"sections"`
	Rows     int `json:"rows"`     // one per competency
	Whole    int `json:"whole"`    // rows that show both texts, or one text said to be the same at both
	Heading  int `json:"heading"`  // headings repeating the h1
	Marked   int `json:"marked"`   // cells with words marked
	Fragment int `json:"fragment"` // cells of fewer than three words
}

const readPairStep = `(() => {
  const secs = Array.from(document.querySelectorAll('article section.pair-step'));
  const text = n => n.textContent.replace(/\s+/g, ' ').trim();
  const h1 = text(document.querySelector('h1'));
  const rows = secs.flatMap(s => Array.from(s.querySelectorAll('tbody tr'))).filter(n => n.checkVisibility());
  const cells = rows.flatMap(r => Array.from(r.querySelectorAll('td')));
  return {
    sections: secs.length,
    rows: rows.length,
    whole: rows.filter(r => r.querySelectorAll('td').length === 2 || r.querySelector('td[colspan="2"]')).length,
    heading: Array.from(document.querySelectorAll('article h2')).filter(h => text(h) === h1).length,
    marked: cells.filter(c => c.querySelector('ins, del')).length,
    fragment: cells.filter(c => text(c).split(' ').length < 3).length,
  };
})()`

var (
	levelPath = regexp.MustCompile(`^(/de)?/ladders/[a-z0-9-]+/[a-z0-9-]+/$`)
	pairPath  = regexp.MustCompile(`^(/de)?/ladders/[a-z0-9-]+/compare/[a-z0-9-]+/$`)
)

// Every level page, in both languages, lists what is expected once, one
// entry per competency, and on the same list the step from the level below:
// each line marks its changed words, or shows the level below's text in a
// disclosure, or says it is unchanged. Every page that compares two levels
// (in a track, across tracks) shows, per competency, both
// levels' text, whole: no fragments, no heading that repeats the h1.
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
		if st.ID != "expectations" || st.Heading == "" {
			t.Errorf("%s: the first section after the summary is #%s %q, want the expectations (#expectations)", p, st.ID, st.Heading)
			continue
		}
		if len(st.Steps) < 2 {
			t.Errorf("%s: the expectations list %d competencies", p, len(st.Steps))
			continue
		}
		for _, step := range st.Steps {
			switch {
			case st.First && step.Mode != "ex-new":
				t.Errorf("%s: the first level's %q is shown as %q, want ex-new", p, step.Comp, step.Mode)
			case !st.First && !step.Shown:
				t.Errorf("%s: the step for %q (%s) shows nothing of the level below", p, step.Comp, step.Mode)
			}
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
	case st.Sections == 0 || st.Rows < 2:
		t.Errorf("%s: no comparison (section.pair-step with a row per competency)", p)
	case st.Whole != st.Rows:
		t.Errorf("%s: %d of %d rows show both levels' text", p, st.Whole, st.Rows)
	case st.Heading > 0:
		t.Errorf("%s: a heading repeats the h1", p)
	case st.Fragment > 0:
		t.Errorf("%s: %d cells hold fewer than three words (fragments)", p, st.Fragment)
	}
	for _, pr := range tb.takeProblems() {
		t.Errorf("%s: %s", p, pr)
	}
}
