package views

import (
	"reflect"
	"testing"

	"github.com/product-roles/handbook/generator/internal/history"
	"github.com/product-roles/handbook/generator/internal/testkit/fixture"
)

// The changes page lists days, newest first, each with the pages edited
// that day, once each; a file that is no page (a translation, an image)
// adds nothing, and no commit message reaches the page.
func TestChangesByDay(t *testing.T) {
	m, d := load(t, fixture.Mini(t))
	AddHistory(d, m, []history.Commit{
		{Date: "2026-12-07", Subject: "wip: fix sweep", Files: []string{"duties/pricing.md", "duties/pricing.de.md"}},
		{Date: "2026-12-07", Subject: "gofmt", Files: []string{"duties/pricing.md", "roles/alpha.md"}},
		{Date: "2026-12-05", Subject: "docs", Files: []string{"images/x.png"}},
		{Date: "2026-12-04", Subject: "first", Files: []string{"duties/pricing.md"}},
	})
	var got [][]string
	for _, e := range d.Pages[changesPage.key()].History {
		day := []string{e.Date}
		for _, p := range e.Pages {
			day = append(day, p.ID)
		}
		got = append(got, day)
	}
	want := [][]string{{"2026-12-07", "pricing", "alpha"}, {"2026-12-04", "pricing"}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("changes page: %v, want %v", got, want)
	}
}
