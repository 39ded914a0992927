package views

import (
	"github.com/product-roles/handbook/generator/internal/content"
	"github.com/product-roles/handbook/generator/internal/history"
)

// ChangeEntry is a day on the changes page, with the pages edited that
// day. Readers see which pages changed and when; the commits' own words are
// written for the people who build the handbook, so they stay in git.
type ChangeEntry struct {
	Date  string `json:"date"`
	Pages []Ref  `json:"pages"`
}

// MaxChanges is how many commits the changes page reads.
const MaxChanges = 50

var changesPage = Generated{Path: "changes.md"}

// AddHistory dates every page by its last commit and lists recent commits
// on the changes page. Without history the page says so. A page from a
// company's overlay is dated by the overlay's own commits.
func AddHistory(d *Data, m *content.Model, commits []history.Commit, overlay ...history.Commit) {
	last, lastOverlay := history.LastChanged(commits), history.LastChanged(overlay)
	byRel := map[string]*content.Page{}
	for _, p := range m.Pages {
		byRel[p.Rel] = p
		dates := last
		if p.Overlay {
			dates = lastOverlay
		}
		if date, ok := dates[p.Rel]; ok && !p.Listed {
			v := d.Pages[p.Key]
			v.Updated = date
			d.Pages[p.Key] = v
		}
	}
	v := d.Pages[changesPage.key()]
	seen := map[string]bool{} // date and page key: a page edited twice in a day is listed once
	for i, c := range commits {
		if i == MaxChanges {
			break
		}
		for _, f := range c.Files {
			p := byRel[f]
			if p == nil || seen[c.Date+" "+p.Key] {
				continue
			}
			seen[c.Date+" "+p.Key] = true
			if n := len(v.History); n == 0 || v.History[n-1].Date != c.Date {
				v.History = append(v.History, ChangeEntry{Date: c.Date})
			}
			e := &v.History[len(v.History)-1]
			e.Pages = append(e.Pages, ref(p))
		}
	}
	d.Pages[changesPage.key()] = v
}
