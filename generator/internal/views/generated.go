package views

import (
	"fmt"
	"strings"

	"github.com/product-roles/handbook/generator/internal/content"
)

// Generated is a page the generator adds to the site: it has no content
// file of its own; everything on it is derived.
type Generated struct {
	Path    string // content path, e.g. ladders/product-management/compare/a-to-b.md
	Title   string
	Summary string
	Body    string // Markdown, if the page has prose
}

// Markdown is the generated page's content file.
func (g Generated) Markdown() []byte {
	return fmt.Appendf(nil, "---\ntitle: %q\nsummary: %q\n---\n%s", g.Title, g.Summary, g.Body)
}

// Key is Hugo's page path of a generated page, its key in Data.Pages.
func (g Generated) Key() string { return g.key() }

// key is Hugo's page path of a generated page.
func (g Generated) key() string {
	k := "/" + strings.TrimSuffix(strings.TrimSuffix(g.Path, ".md"), "/_index")
	return strings.TrimSuffix(k, "/index")
}

func (d *Data) add(g Generated, p Page) {
	d.Generated = append(d.Generated, g)
	p.Generated = true
	d.Pages[g.key()] = p
}

// deriveLadderPages adds, for every track, a page comparing each pair of its
// levels and a printable page with the whole ladder; and, for every rank
// that several tracks share, a page setting those levels side by side.
func deriveLadderPages(m *content.Model, d *Data, comps []*content.Page) {
	tracks := m.Of(content.KindTrack)
	for ti, t := range tracks {
		levels := m.Levels(t.ID)
		tr := &d.Tracks[ti]
		for i, lo := range levels {
			for _, hi := range levels[i+1:] {
				path := fmt.Sprintf("ladders/%s/compare/%s-to-%s.md", t.ID, lo.ID, hi.ID)
				g := Generated{Path: path, Title: fmt.Sprintf("%s and %s compared", lo.Front.Title, hi.Front.Title),
					Summary: fmt.Sprintf("What changes, competency by competency, from %s to %s on the %s.", lo.Front.Title, hi.Front.Title, strings.ToLower(t.Front.Title))}
				mx := &Matrix{Caption: g.Title, Corner: "Competency", Columns: []Ref{ref(lo), ref(hi)}}
				for _, c := range comps {
					mx.Rows = append(mx.Rows, Row{Ref: ref(c), Cells: []Cell{{Value: lo.Front.Expectations[c.ID]}, {Value: hi.Front.Expectations[c.ID]}}})
				}
				url := "/" + strings.TrimSuffix(path, ".md") + "/"
				tr.Pairs = append(tr.Pairs, Pair{From: ref(lo), To: ref(hi), URL: url})
				d.add(g, Page{Kind: "level-compare", Parent: refp(t), Matrix: mx})
			}
		}
		print := Generated{Path: fmt.Sprintf("ladders/%s/print.md", t.ID), Title: t.Front.Title + ": the whole ladder",
			Summary: fmt.Sprintf("Every level of the %s on one printable page: scope, experience and expectations.", strings.ToLower(t.Front.Title))}
		tr.Print = "/" + strings.TrimSuffix(print.Path, ".md") + "/"
		pp := Page{Kind: "ladder-print", Parent: refp(t)}
		for _, l := range levels {
			lv := d.Pages[l.Key]
			pp.Levels = append(pp.Levels, LevelCard{Ref: ref(l), Summary: l.Front.Summary, Scope: l.Front.Scope,
				Experience: l.Front.Experience, AlsoKnownAs: l.Front.AlsoKnownAs, Changes: lv.Changes, ReadyForNext: l.Front.ReadyForNext})
		}
		d.add(print, pp)
	}

	// Levels of equal rank across tracks.
	byRank := map[int][]*content.Page{}
	top := 0
	for _, t := range tracks {
		for _, l := range m.Levels(t.ID) {
			byRank[l.Front.Rank] = append(byRank[l.Front.Rank], l)
			top = max(top, l.Front.Rank)
		}
	}
	for r := 1; r <= top; r++ {
		ls := byRank[r]
		if len(ls) < 2 {
			continue
		}
		var names []string
		for _, l := range ls {
			names = append(names, l.Front.Title)
		}
		g := Generated{Path: fmt.Sprintf("ladders/rank-%d.md", r), Title: fmt.Sprintf("Level %d across tracks: %s", r, strings.Join(names, " and ")),
			Summary: fmt.Sprintf("The rank-%d levels of every track side by side: %s.", r, strings.Join(names, ", "))}
		mx := &Matrix{Caption: g.Title, Corner: "Aspect"}
		for _, l := range ls {
			mx.Columns = append(mx.Columns, ref(l))
		}
		rows := []Row{{Ref: Ref{ID: "scope", Title: "Scope"}}, {Ref: Ref{ID: "experience", Title: "Typical experience"}}}
		for _, l := range ls {
			rows[0].Cells = append(rows[0].Cells, Cell{Value: l.Front.Scope})
			rows[1].Cells = append(rows[1].Cells, Cell{Value: l.Front.Experience})
		}
		for _, c := range comps {
			row := Row{Ref: ref(c)}
			for _, l := range ls {
				row.Cells = append(row.Cells, Cell{Value: l.Front.Expectations[c.ID]})
			}
			rows = append(rows, row)
		}
		mx.Rows = rows
		url := "/" + strings.TrimSuffix(g.Path, ".md") + "/"
		d.Ranks = append(d.Ranks, Row{Ref: Ref{ID: fmt.Sprintf("rank-%d", r), Title: g.Title, URL: url}})
		for _, l := range ls {
			v := d.Pages[l.Key]
			v.Across = &Ref{ID: fmt.Sprintf("rank-%d", r), Title: g.Title, URL: url}
			d.Pages[l.Key] = v
		}
		d.add(g, Page{Kind: "level-peers", Matrix: mx})
	}
}

// deriveRolePairs adds a side-by-side page for every two roles: their
// comparison values, duty ownership and skill importance.
func deriveRolePairs(m *content.Model, d *Data) {
	roles := m.Of(content.KindRole)
	for i, a := range roles {
		for _, b := range roles[i+1:] {
			g := Generated{Path: fmt.Sprintf("compare/%s-vs-%s.md", a.ID, b.ID),
				Title:   fmt.Sprintf("%s and %s side by side", a.Front.Title, b.Front.Title),
				Summary: fmt.Sprintf("Every comparison, duty and skill of the %s and the %s in one place.", a.Front.Title, b.Front.Title)}
			cols := []Ref{ref(a), ref(b)}
			pick := func(vals map[string]string) []Cell { return []Cell{cell(vals[a.ID]), cell(vals[b.ID])} }
			dims := Matrix{Caption: "How they compare", Corner: "Dimension", Columns: cols}
			for _, p := range m.Of(content.KindDimension) {
				cells := pick(p.Front.Values)
				for i := range cells { // free text, not a label
					cells[i].Label = ""
					if cells[i].Value == "unset" {
						cells[i].Value = "Not described"
					}
				}
				dims.Rows = append(dims.Rows, Row{Ref: ref(p), Cells: cells})
			}
			duties := Matrix{Caption: "Who owns each duty", Corner: "Duty", Columns: cols}
			byArea := map[string][]Row{}
			for _, p := range m.Of(content.KindDuty) {
				byArea[p.Front.Area] = append(byArea[p.Front.Area], Row{Ref: ref(p), Cells: pick(p.Front.Ownership)})
			}
			for _, ar := range m.Of(content.KindArea) {
				if len(byArea[ar.ID]) > 0 {
					duties.Groups = append(duties.Groups, Group{Ref: Ref{ID: "pair-" + ar.ID, Title: ar.Front.Title, URL: ar.URL}, Rows: byArea[ar.ID]})
				}
			}
			skills := Matrix{Caption: "How much each relies on each skill", Corner: "Skill", Columns: cols}
			for _, p := range m.Of(content.KindSkill) {
				skills.Rows = append(skills.Rows, Row{Ref: ref(p), Cells: pick(p.Front.Importance)})
			}
			url := "/" + strings.TrimSuffix(g.Path, ".md") + "/"
			d.Pairs = append(d.Pairs, Row{Ref: Ref{ID: a.ID + "-vs-" + b.ID, Title: g.Title, URL: url}})
			d.add(g, Page{Kind: "role-pair", Parent: refp(m.Get(content.KindSection, "compare")), Columns: cols,
				Matrices: []Matrix{dims, duties, skills}})
		}
	}
}

// deriveCards adds a printable card per level: scope, experience,
// expectations and what changed from the level below, on one sheet.
func deriveCards(m *content.Model, d *Data) {
	for _, t := range m.Of(content.KindTrack) {
		for _, l := range m.Levels(t.ID) {
			lv := d.Pages[l.Key]
			g := Generated{Path: fmt.Sprintf("ladders/%s/cards/%s.md", t.ID, l.ID), Title: l.Front.Title + ": level card",
				Summary: fmt.Sprintf("The %s level on one printable page: scope, expectations and what changes from the level below.", l.Front.Title)}
			card := LevelCard{Ref: ref(l), Summary: l.Front.Summary, Scope: l.Front.Scope, Experience: l.Front.Experience,
				AlsoKnownAs: l.Front.AlsoKnownAs, Changes: lv.Changes, ReadyForNext: l.Front.ReadyForNext}
			url := "/" + strings.TrimSuffix(g.Path, ".md") + "/"
			lv.Card = url
			d.Pages[l.Key] = lv
			d.add(g, Page{Kind: "level-card", Parent: refp(t), Levels: []LevelCard{card}, Rank: l.Front.Rank})
		}
	}
}

// assessmentPage is the self-assessment: its data is the tracks' ladders.
var assessmentPage = Generated{Path: "self-assessment.md", Title: "Self-assessment",
	Summary: "Check yourself against your current and next level, competency by competency, privately in your browser.",
	Body: `
**This is a conversation aid, not a promotion checklist.** Use it to prepare for a talk with your manager or mentor:
pick your track, the level you are at and the one you are aiming for, then mark for each competency whether you do
what the target level expects *not yet*, *partly* or *consistently*, with a few notes of evidence. Levels describe
patterns of behaviour over time, and organisations weigh them differently; a row of "consistently" is a reason to
talk, not a verdict.

Everything you enter stays in this browser. It is kept in the page's address (after the #, which browsers never
send to a server), so you can bookmark or share the link, and in this browser's local storage. Nothing is sent
anywhere. Export it as Markdown or CSV to keep a copy.
`}
