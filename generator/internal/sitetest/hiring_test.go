package sitetest

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/product-roles/handbook/generator/internal/testkit"
)

// hiringPages are the job descriptions and interview guides of the built
// site: one of each per level and per rank of the combined role.
func hiringPages(t *testing.T, s *builtSite) (jobs, guides []string) {
	t.Helper()
	for _, p := range s.pagesOrFail(t) {
		if !strings.HasPrefix(p, "/ladders/") && !strings.HasPrefix(p, "/hiring/") {
			continue
		}
		switch {
		case strings.HasSuffix(p, "/job/"):
			jobs = append(jobs, p)
		case strings.HasSuffix(p, "/interview/"):
			guides = append(guides, p)
		}
	}
	// One of each per level, and per rank that both tracks have (one person in both roles).
	levels, ranks := 0, map[string]map[string]bool{}
	for _, track := range []string{"product-management", "product-ownership"} {
		entries, err := os.ReadDir(filepath.Join(s.Root, "content", "ladders", track))
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			if n := e.Name(); strings.HasSuffix(n, ".md") && !strings.HasSuffix(n, ".de.md") && n != "_index.md" {
				levels++
				rank := regexp.MustCompile(`(?m)^rank: (\d+)`).FindStringSubmatch(testkit.Read(t, filepath.Join(s.Root, "content", "ladders", track, n)))
				if rank == nil {
					t.Fatalf("%s/%s has no rank", track, n)
				}
				if ranks[rank[1]] == nil {
					ranks[rank[1]] = map[string]bool{}
				}
				ranks[rank[1]][track] = true
			}
		}
	}
	both := 0
	for _, tracks := range ranks {
		if len(tracks) == 2 {
			both++
		}
	}
	if want := levels + both; len(jobs) != want || len(guides) != want {
		t.Fatalf("%d job descriptions and %d interview guides, want %d of each (%d levels, %d combined ranks)", len(jobs), len(guides), want, levels, both)
	}
	return jobs, guides
}

// Every job description and interview guide prints on at most two A4 and
// at most two Letter sheets.
func TestHiringPagesPrintOnTwoSheets(t *testing.T) {
	s, tb := needBrowser(t)
	jobs, guides := hiringPages(t, s)
	for _, p := range append(jobs, guides...) {
		if _, err := tb.open(s.URL+strings.TrimPrefix(p, "/"), false); err != nil {
			t.Fatal(err)
		}
		for paper, n := range printedSheets(t, tb) {
			if n < 1 || n > 2 {
				t.Errorf("%s prints on %d %s pages, want 1 or 2", p, n, paper)
			}
		}
	}
}

type scoreComp struct {
	ID    string `json:"id"`
	Title string `json:"title"`
}

// scores reads what the fill-in scorecard shows: every checked rating and every note.
func scores(t *testing.T, tb *tab) string {
	t.Helper()
	got, err := eval[string](tb, `JSON.parse(document.getElementById("scorecard").dataset.competencies).map(c =>
		[0, 1, 2].filter(i => document.getElementById("sc-" + c.id + "-" + i).checked).join("") + ":" + document.getElementById("sc-note-" + c.id).value).join("|")`)
	if err != nil {
		t.Fatal(err)
	}
	return got
}

// The fill-in scorecard keeps its marks in the URL and localStorage, exports
// the expected Markdown and CSV, and makes no network request; without
// JavaScript the guide's questions are there to read.
func TestInterviewScorecard(t *testing.T) {
	s, tb := needBrowser(t)
	if err := tb.emulate(lightWide); err != nil {
		t.Fatal(err)
	}
	guide := s.URL + "ladders/product-ownership/product-owner/interview/"
	if _, err := tb.open(guide, false); err != nil {
		t.Fatal(err)
	}
	if _, err := eval[bool](tb, `(localStorage.clear(), true)`); err != nil {
		t.Fatal(err)
	}
	if _, err := tb.open(guide, false); err != nil {
		t.Fatal(err)
	}
	comps, err := eval[[]scoreComp](tb, `JSON.parse(document.getElementById("scorecard").dataset.competencies)`)
	if err != nil || len(comps) != 8 {
		t.Fatalf("competencies: %v %v", comps, err)
	}
	title, _ := eval[string](tb, `document.getElementById("scorecard").dataset.title`)
	if title != "Product Owner" {
		t.Fatalf("scorecard title %q", title)
	}
	loaded := tb.requestCount()

	c0, c1 := comps[0].ID, comps[1].ID
	note := `Said "we cut scope", then showed the usage numbers`
	run(t, tb,
		chromedp.Click(chromedp.CSS("#sc-"+c0+"-1")),
		chromedp.Click(chromedp.CSS("#sc-"+c1+"-2")),
		chromedp.SendKeys(chromedp.CSS("#sc-note-"+c0), note),
	)
	var want []string
	for i := range comps {
		switch i {
		case 0:
			want = append(want, "1:"+note)
		case 1:
			want = append(want, "2:")
		default:
			want = append(want, ":")
		}
	}
	wantState := strings.Join(want, "|")
	if got := scores(t, tb); got != wantState {
		t.Fatalf("after input: %s, want %s", got, wantState)
	}

	t.Run("export as Markdown and CSV", func(t *testing.T) {
		run(t, tb, chromedp.Click(chromedp.CSS("#sc-export-md")))
		md, err := eval[string](tb, `document.getElementById("sc-export").value`)
		if err != nil {
			t.Fatal(err)
		}
		lines := []string{"# Interview scorecard: Product Owner", "", "Scored against the written signals for this level: Not yet, Meets, Exceeds.", ""}
		// Every cell quoted, a leading formula character defused (lib/text.js's csvCell, as the self-assessment's).
		csv := `"Competency","Rating","Evidence"` + "\n"
		for i, c := range comps {
			rating, evidence, cell := "Not rated", "(none)", ""
			switch i {
			case 0:
				rating, evidence, cell = "Meets", note, note
			case 1:
				rating = "Exceeds"
			}
			lines = append(lines, "## "+c.Title, "", "Rating: "+rating, "Evidence: "+evidence, "")
			csv += csvCell(c.Title) + "," + csvCell(rating) + "," + csvCell(cell) + "\n"
		}
		if wantMD := strings.Join(lines, "\n"); md != wantMD {
			t.Errorf("exported Markdown:\n%s\nwant:\n%s", md, wantMD)
		}
		got, _ := eval[string](tb, `(document.getElementById("sc-export-csv").click(), document.getElementById("sc-export").value)`)
		if got != csv {
			t.Errorf("exported CSV:\n%s\nwant:\n%s", got, csv)
		}
	})

	// Rating, typing and exporting made no request at all.
	if n := tb.requestCount() - loaded; n != 0 {
		t.Errorf("the scorecard made %d network requests", n)
	}

	t.Run("reload restores the marks", func(t *testing.T) {
		run(t, tb, chromedp.Reload())
		tb.settle(tb.ctx)
		if got := scores(t, tb); got != wantState {
			t.Errorf("after reload: %s, want %s", got, wantState)
		}
	})

	t.Run("localStorage restores them without the link", func(t *testing.T) {
		if _, err := tb.open(guide, false); err != nil {
			t.Fatal(err)
		}
		if got := scores(t, tb); got != wantState {
			t.Errorf("from localStorage: %s, want %s", got, wantState)
		}
	})

	t.Run("the link restores them in a new browser context", func(t *testing.T) {
		link, err := eval[string](tb, `location.href`)
		if err != nil || !strings.Contains(link, "#s=") {
			t.Fatalf("link %q: %v", link, err)
		}
		ctx, cancel := chromedp.NewContext(browser(t), chromedp.WithNewBrowserContext())
		defer cancel()
		other := &tab{ctx: ctx, cancel: cancel}
		if err := chromedp.Do(ctx, chromedp.Navigate(link), chromedp.WaitVisible(chromedp.CSS("#sc-export-md"))); err != nil {
			t.Fatal(err)
		}
		stored, _ := eval[string](other, `localStorage.getItem("scorecard:product-ownership/product-owner") || "empty"`)
		if got := scores(t, other); got != wantState {
			t.Errorf("in a new context: %s, want %s (its localStorage before: %s)", got, wantState, stored)
		}
	})

	t.Run("another level's scorecard starts empty", func(t *testing.T) {
		if _, err := tb.open(s.URL+"ladders/product-ownership/senior-product-owner/interview/", false); err != nil {
			t.Fatal(err)
		}
		if n, _ := eval[int](tb, `document.querySelectorAll("#scorecard ~ * input:checked, .score-slot input:checked").length`); n != 0 {
			t.Errorf("%d ratings carried over to another level", n)
		}
	})

	for _, p := range tb.takeProblems() {
		t.Errorf("scorecard: %s", p)
	}

	t.Run("without JavaScript the questions are there to read", func(t *testing.T) {
		if _, err := chromedp.Call(tb.ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
			t.Fatal(err)
		}
		defer chromedp.Call(tb.ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: false})
		if _, err := tb.open(guide, false); err != nil {
			t.Fatal(err)
		}
		// Every competency has a question, its signals and red flags, shown
		// on screen; the printable scorecard is there; no form was built.
		n, err := eval[int](tb, `[...document.querySelectorAll(".guide-q")].filter(q => q.offsetHeight > 0 &&
			q.querySelector(".question").innerText.length > 20 && q.querySelectorAll(".signals dd").length === 3 && q.querySelector(".red-flags")).length`)
		if err != nil || n != 8 {
			t.Errorf("%d readable questions without JavaScript, want 8 (%v)", n, err)
		}
		if rows, _ := eval[int](tb, `document.querySelector("#scorecard-table").offsetHeight > 0 ? document.querySelectorAll("#scorecard-table tbody tr").length : 0`); rows != 8 {
			t.Errorf("the scorecard table shows %d rows without JavaScript, want 8", rows)
		}
		if c, _ := eval[int](tb, `document.querySelectorAll("#scorecard *, .score-slot *").length`); c != 0 {
			t.Errorf("the form was built without JavaScript?")
		}
	})
}
