package sitetest

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

type assessTrack struct {
	ID     string `json:"id"`
	Title  string `json:"title"`
	Levels []struct {
		ID    string `json:"id"`
		Title string `json:"title"`
	} `json:"levels"`
	Competencies []struct {
		ID    string   `json:"id"`
		Title string   `json:"title"`
		E     []string `json:"e"`
	} `json:"competencies"`
}

func (tb *tab) requestCount() int {
	tb.mu.Lock()
	defer tb.mu.Unlock()
	return tb.requests
}

func run(t *testing.T, tb *tab, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	ctx, cancel := context.WithTimeout(tb.ctx, 30*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, steps...); err != nil {
		t.Fatal(err)
	}
}

func choose(t *testing.T, tb *tab, id string, index int) {
	t.Helper()
	if _, err := eval[bool](tb, fmt.Sprintf(`(() => { const s = document.getElementById(%q); s.value = "%d"; s.dispatchEvent(new Event("change")); return true })()`, id, index)); err != nil {
		t.Fatal(err)
	}
}

// state reads what the page shows: track, levels, every checked rating and the first note.
func state(t *testing.T, tb *tab, first, second string) string {
	t.Helper()
	got, err := eval[string](tb, fmt.Sprintf(`[document.getElementById("sa-track").value, document.getElementById("sa-current").value,
		document.getElementById("sa-target").value, document.getElementById("sa-%s-1").checked, document.getElementById("sa-%s-2").checked,
		document.getElementById("sa-note-%s").value].join("|")`, first, second, first))
	if err != nil {
		t.Fatal(err)
	}
	return got
}

// The self-assessment keeps its state in the URL and localStorage, exports
// the expected Markdown, and makes no network request.
func TestSelfAssessment(t *testing.T) {
	s, tb := needBrowser(t)
	if err := tb.emulate(lightWide); err != nil {
		t.Fatal(err)
	}
	if _, err := tb.open(s.URL+"self-assessment/", false); err != nil {
		t.Fatal(err)
	}
	if _, err := eval[bool](tb, `(localStorage.clear(), true)`); err != nil {
		t.Fatal(err)
	}
	if _, err := tb.open(s.URL+"self-assessment/", false); err != nil {
		t.Fatal(err)
	}
	tracks, err := eval[[]assessTrack](tb, `JSON.parse(document.getElementById("assessment").dataset.tracks)`)
	if err != nil || len(tracks) < 2 {
		t.Fatalf("tracks: %v %v", tracks, err)
	}
	loaded := tb.requestCount()

	tr := tracks[1]
	choose(t, tb, "sa-track", 1)
	choose(t, tb, "sa-current", 1)
	choose(t, tb, "sa-target", 2)
	c0, c1 := tr.Competencies[0].ID, tr.Competencies[1].ID
	note := "Ran discovery interviews for the loans app"
	run(t, tb,
		chromedp.Click(chromedp.CSS("#sa-"+c0+"-1")),
		chromedp.Click(chromedp.CSS("#sa-"+c1+"-2")),
		chromedp.SendKeys(chromedp.CSS("#sa-note-"+c0), note),
	)
	want := "1|1|2|true|true|" + note
	if got := state(t, tb, c0, c1); got != want {
		t.Fatalf("after input: %s, want %s", got, want)
	}

	t.Run("export as Markdown", func(t *testing.T) {
		run(t, tb, chromedp.Click(chromedp.CSS("#sa-export-md")))
		got, err := eval[string](tb, `document.getElementById("sa-export").value`)
		if err != nil {
			t.Fatal(err)
		}
		target := tr.Levels[2].Title
		lines := []string{"# Self-assessment: " + tr.Title, "", "Current level: " + tr.Levels[1].Title, "Target level: " + target, ""}
		if label, _ := eval[string](tb, `JSON.parse(document.getElementById("assessment").dataset.release).label || ""`); label != "" {
			lines = append(lines[:4], append([]string{"Handbook release: " + label}, lines[4:]...)...)
		}
		for i, c := range tr.Competencies {
			rating, evidence := "Not rated", "(none)"
			switch i {
			case 0:
				rating, evidence = "Partly", note
			case 1:
				rating = "Consistently"
			}
			lines = append(lines, "## "+c.Title, "", "Expected at "+target+": "+c.E[2], "", "Rating: "+rating, "Evidence: "+evidence, "")
		}
		lines = append(lines, "This is a conversation aid, not a promotion checklist.", "")
		if wantMD := strings.Join(lines, "\n"); got != wantMD {
			t.Errorf("exported Markdown:\n%s\nwant:\n%s", got, wantMD)
		}
		csv, _ := eval[string](tb, `(document.getElementById("sa-export-csv").click(), document.getElementById("sa-export").value)`)
		if !strings.HasPrefix(csv, `"Competency","Expected at `+target+`","Self","Manager","Gap","Self's evidence","Manager's evidence"`+"\n") ||
			!strings.Contains(csv, `,"Partly","","1","`+note+`",""`+"\n") {
			t.Errorf("exported CSV:\n%s", csv)
		}
	})

	// Choosing, rating, typing and exporting made no request at all.
	if n := tb.requestCount() - loaded; n != 0 {
		t.Errorf("the self-assessment made %d network requests", n)
	}

	t.Run("reload restores the state", func(t *testing.T) {
		run(t, tb, chromedp.Reload())
		tb.settle(tb.ctx)
		if got := state(t, tb, c0, c1); got != want {
			t.Errorf("after reload: %s, want %s", got, want)
		}
	})

	t.Run("localStorage restores it without the link", func(t *testing.T) {
		if _, err := tb.open(s.URL+"self-assessment/", false); err != nil {
			t.Fatal(err)
		}
		if got := state(t, tb, c0, c1); got != want {
			t.Errorf("from localStorage: %s, want %s", got, want)
		}
	})

	t.Run("the link restores it in a new browser context", func(t *testing.T) {
		link, err := eval[string](tb, `location.href`)
		if err != nil || !strings.Contains(link, "#a=") {
			t.Fatalf("link %q: %v", link, err)
		}
		ctx, cancel := chromedp.NewContext(browser(t), chromedp.WithNewBrowserContext())
		defer cancel()
		other := &tab{ctx: ctx, cancel: cancel, inflight: nil}
		if err := chromedp.Do(ctx, chromedp.Navigate(link), chromedp.WaitVisible(chromedp.CSS("#sa-track"))); err != nil {
			t.Fatal(err)
		}
		stored, _ := eval[string](other, `localStorage.getItem("self-assessment") || "empty"`)
		if got := state(t, other, c0, c1); got != want {
			t.Errorf("in a new context: %s, want %s (its localStorage before: %s)", got, want, stored)
		}
	})

	for _, p := range tb.takeProblems() {
		t.Errorf("self-assessment: %s", p)
	}

	t.Run("without JavaScript the expectations are there to read", func(t *testing.T) {
		if _, err := chromedp.Call(tb.ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
			t.Fatal(err)
		}
		defer chromedp.Call(tb.ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: false})
		if _, err := tb.open(s.URL+"self-assessment/", false); err != nil {
			t.Fatal(err)
		}
		n, err := eval[int](tb, `document.querySelectorAll("#ladder-product-ownership td").length + document.querySelectorAll("#ladder-product-management td").length`)
		if err != nil || n < 80 {
			t.Errorf("%d expectation cells without JavaScript (%v)", n, err)
		}
		if c, _ := eval[int](tb, `document.querySelectorAll("#assessment *").length`); c != 0 {
			t.Errorf("the form was built without JavaScript?")
		}
	})
}

var pdfPage = regexp.MustCompile(`/Type\s*/Page[^s]`)

// Every level card prints on one A4 sheet and on one Letter sheet.
func TestLevelCardsPrintOnOnePage(t *testing.T) {
	s, tb := needBrowser(t)
	cards := []string{}
	for _, p := range s.pagesOrFail(t) {
		if strings.Contains(p, "/cards/") {
			cards = append(cards, p)
		}
	}
	if len(cards) < 10 {
		t.Fatalf("%d level cards", len(cards))
	}
	for _, c := range cards {
		if _, err := tb.open(s.URL+strings.TrimPrefix(c, "/"), false); err != nil {
			t.Fatal(err)
		}
		for paper, n := range printedSheets(t, tb) {
			if n != 1 {
				t.Errorf("%s prints on %d %s pages, want 1", c, n, paper)
			}
		}
	}
}

// printedSheets prints the open page to PDF on A4 and on Letter and counts
// the sheets of each.
func printedSheets(t *testing.T, tb *tab) map[string]int {
	t.Helper()
	sheets := map[string]int{}
	for _, paper := range []struct {
		name string
		size chromedp.PaperSize
	}{{"A4", chromedp.PaperA4}, {"Letter", chromedp.PaperLetter}} {
		ctx, cancel := context.WithTimeout(tb.ctx, 30*time.Second)
		pdf, err := chromedp.Run(ctx, chromedp.PrintToPDF(func(p *page.PrintToPDFParams) {
			p.PaperWidth, p.PaperHeight = paper.size.Width, paper.size.Height
			yes := true
			p.PrintBackground = &yes
		}))
		cancel()
		if err != nil {
			t.Fatal(err)
		}
		sheets[paper.name] = len(pdfPage.FindAll(pdf, -1))
	}
	return sheets
}

func (s *builtSite) pagesOrFail(t *testing.T) []string {
	paths, _ := s.pages(t)
	return paths
}
