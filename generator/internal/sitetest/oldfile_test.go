package sitetest

import (
	"encoding/base64"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/product-roles/handbook/generator/internal/testkit"
)

// The self-assessment's file format stays what it was: testdata/assessment-v1
// holds a file and a link saved by the page's earlier script (with its own
// SHA-256), notes in German, Japanese and an emoji among them. The page
// takes both, and an assessment with the same answers exports the very same
// bytes, check included.
func TestAssessmentReadsOldFiles(t *testing.T) {
	s, _ := needBrowser(t)
	dir := filepath.Join(s.Root, "generator", "internal", "sitetest", "testdata", "assessment-v1")
	old := testkit.Read(t, filepath.Join(dir, "old-file.json"))
	link := strings.TrimSpace(testkit.Read(t, filepath.Join(dir, "old-link.txt")))
	var f assessFile
	if err := json.Unmarshal([]byte(old), &f); err != nil {
		t.Fatal(err)
	}
	// The check is SHA-256 of the canonical fields, as Go computes it too.
	if got := f.sealed(); got.Check != f.Check {
		t.Fatalf("the old file's check %s, Go's %s", f.Check, got.Check)
	}
	page := s.URL + "self-assessment/"

	t.Run("the old file imports", func(t *testing.T) {
		mgr, tracks, ui := openAssessment(t, page)
		choose(t, mgr.tb, "sa-role", 1)
		mgr.importFile(t, old)
		got := evalOK[string](t, mgr.tb, `(e => e.className + "|" + e.textContent)(document.getElementById("sa-import-msg"))`)
		level := ""
		for _, tr := range tracks {
			for _, l := range tr.Levels {
				if tr.ID == f.Track && l.ID == f.Level {
					level = l.Title
				}
			}
		}
		if want := "sa-msg|" + say(ui, "sa_imported", "who", ui["sa_who_self"], "level", level, "release", f.Release); got != want {
			t.Errorf("the page says %q, want %q", got, want)
		}
		mgr.quiet(t, "the manager")
	})

	t.Run("the old link imports", func(t *testing.T) {
		p := openPage(t, page+link)
		run(t, p.tb, chromedp.WaitVisible(chromedp.CSS("#sa-other")))
		if got := evalOK[string](t, p.tb, `document.getElementById("sa-role").value + "|" + !!document.querySelector(".sa-error")`); got != "1|false" {
			t.Errorf("opened from the old link: role|error %s, want 1|false", got)
		}
		p.quiet(t, "the link")
	})

	t.Run("the same answers export the same bytes", func(t *testing.T) {
		p, tracks, _ := openAssessment(t, page)
		var state = map[string]any{"p": "s", "v": f.Release, "r": map[string]int{}, "n": f.Notes}
		for _, tr := range tracks {
			if tr.ID != f.Track {
				continue
			}
			for li, l := range tr.Levels {
				switch l.ID {
				case f.Current:
					state["c"] = li
				case f.Level:
					state["g"] = li
				}
			}
			state["t"] = tr.ID
		}
		for c, r := range f.Ratings {
			state["r"].(map[string]int)[c] = map[string]int{"not-yet": 0, "partly": 1, "consistently": 2}[r]
		}
		b, err := json.Marshal(state)
		if err != nil {
			t.Fatal(err)
		}
		run(t, p.tb, chromedp.Navigate("about:blank"), chromedp.Navigate(page+"#a="+base64.RawURLEncoding.EncodeToString(b)), chromedp.WaitVisible(chromedp.CSS("#sa-track")))
		if got := p.exported(t, "sa-export-file"); got != old {
			t.Errorf("exported:\n%s\nthe old script saved:\n%s", got, old)
		}
		p.quiet(t, "the person")
	})
}
