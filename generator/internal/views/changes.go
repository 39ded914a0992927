package views

import (
	"github.com/product-roles/handbook/generator/internal/content"
	"github.com/product-roles/handbook/generator/internal/history"
)

// ChangeEntry is a commit on the changes page, with the pages it touched.
type ChangeEntry struct {
	Date    string `json:"date"`
	Subject string `json:"subject"`
	Hash    string `json:"hash"`
	Pages   []Ref  `json:"pages"`
}

// MaxChanges is how many commits the changes page lists.
const MaxChanges = 50

var changesPage = Generated{Path: "changes.md", Title: "Recent changes",
	Summary: "The latest edits to the handbook's content, newest first, from the repository's history."}

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
		if date, ok := dates[p.Rel]; ok && !p.Kind.Listed() {
			v := d.Pages[p.Key]
			v.Updated = date
			d.Pages[p.Key] = v
		}
	}
	v := d.Pages[changesPage.key()]
	for _, c := range commits {
		if len(v.History) == MaxChanges {
			break
		}
		e := ChangeEntry{Date: c.Date, Subject: c.Subject, Hash: c.Hash}
		for _, f := range c.Files {
			if p := byRel[f]; p != nil {
				e.Pages = append(e.Pages, ref(p))
			}
		}
		if len(e.Pages) > 0 {
			v.History = append(v.History, e)
		}
	}
	d.Pages[changesPage.key()] = v
}
