package views

import (
	"fmt"
	"strconv"
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

// AddTranslationsPage adds the translation status page with its body.
func AddTranslationsPage(d *Data, body string) {
	d.add(Generated{Path: "translations.md", Title: d.s.T("translations_title"), Summary: d.s.T("translations_summary"), Body: body},
		Page{Kind: "translations"})
}

// url is the URL of a generated page in the data's language.
func (d *Data) url(path string) string {
	u := "/" + strings.TrimSuffix(path, ".md") + "/"
	if d.lang != "" {
		u = "/" + d.lang + u
	}
	return u
}

// path is a URL of the data's language as a content path, without the
// language: "/de/ladders/x/job/" -> "ladders/x/job/".
func (d *Data) path(url string) string {
	if d.lang != "" {
		url = strings.TrimPrefix(url, "/"+d.lang)
	}
	return strings.TrimPrefix(url, "/")
}

// csvPath is where a matrix is published as CSV in the data's language.
func (d *Data) csvPath(name string) string {
	if d.lang != "" {
		return "/" + APIBase + d.lang + "/csv/" + name + ".csv"
	}
	return CSVPath(name)
}

// Lang is the data's language: "" for the source language.
func (d *Data) Lang() string { return d.lang }

// T returns the words of id in the views' language, with {1}, {2}, ...
// replaced by args (the exports' headings).
func (d *Data) T(id string, args ...string) string { return d.s.T(id, args...) }

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
				g := Generated{Path: path, Title: d.s.T("compare_title", lo.Front.Title, hi.Front.Title),
					Summary: d.s.T("compare_summary", lo.Front.Title, hi.Front.Title, t.Front.Title, strings.ToLower(t.Front.Title))}
				mx := &Matrix{Style: StyleText, Caption: g.Title, Corner: d.s.T("corner_competency"), Columns: []Ref{ref(lo), ref(hi)}}
				for _, c := range comps {
					mx.Rows = append(mx.Rows, Row{Ref: ref(c), Cells: []Cell{{Value: lo.Front.Expectations[c.ID]}, {Value: hi.Front.Expectations[c.ID]}}})
				}
				url := d.url(path)
				tr.Pairs = append(tr.Pairs, Pair{From: ref(lo), To: ref(hi), URL: url})
				d.add(g, Page{Kind: "level-compare", Parent: refp(t), Matrix: mx})
			}
		}
		print := Generated{Path: fmt.Sprintf("ladders/%s/print.md", t.ID), Title: d.s.T("print_title", t.Front.Title),
			Summary: d.s.T("print_summary", t.Front.Title, strings.ToLower(t.Front.Title))}
		tr.Print = d.url(print.Path)
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
		g := Generated{Path: fmt.Sprintf("ladders/rank-%d.md", r), Title: d.s.T("rank_title", strconv.Itoa(r), strings.Join(names, " "+d.s.T("and")+" ")),
			Summary: d.s.T("rank_summary", strconv.Itoa(r), strings.Join(names, ", "))}
		mx := &Matrix{Style: StyleText, Caption: g.Title, Corner: d.s.T("corner_aspect")}
		for _, l := range ls {
			mx.Columns = append(mx.Columns, ref(l))
		}
		rows := []Row{{Ref: Ref{ID: "scope", Title: d.s.T("scope")}}, {Ref: Ref{ID: "experience", Title: d.s.T("experience")}}}
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
		url := d.url(g.Path)
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
		for j, b := range roles[i+1:] {
			g := Generated{Path: fmt.Sprintf("compare/%s-vs-%s.md", a.ID, b.ID),
				Title:   d.s.T("pair_title", a.Front.Title, b.Front.Title),
				Summary: d.s.T("pair_summary", a.Front.Title, b.Front.Title)}
			cols := []Ref{ref(a), ref(b)}
			cols[0].Class, cols[1].Class = RoleClass(i), RoleClass(i+1+j)
			pick := func(vals map[string]string) []Cell { return []Cell{d.s.cell(vals[a.ID]), d.s.cell(vals[b.ID])} }
			dims := Matrix{ID: "dim", Style: StyleText, Caption: d.s.T("caption_pair_dims"), Corner: d.s.T("corner_dimension"), Columns: cols}
			for _, p := range m.Of(content.KindDimension) {
				cells := pick(p.Front.Values)
				for i := range cells { // free text, not a label
					cells[i].Label = ""
					if cells[i].Value == "unset" {
						cells[i].Value = d.s.T("unset")
					}
				}
				dims.Rows = append(dims.Rows, Row{Ref: ref(p), Cells: cells})
			}
			duties := Matrix{ID: "duty", Style: StyleOwn, Caption: d.s.T("caption_pair_duties"), Corner: d.s.T("corner_duty"), Columns: cols}
			byArea := map[string][]Row{}
			for _, p := range m.Of(content.KindDuty) {
				byArea[p.Front.Area] = append(byArea[p.Front.Area], Row{Ref: ref(p), Cells: pick(p.Front.Ownership)})
			}
			for _, ar := range m.Of(content.KindArea) {
				if len(byArea[ar.ID]) > 0 {
					duties.Groups = append(duties.Groups, Group{Ref: Ref{ID: "pair-" + ar.ID, Title: ar.Front.Title, URL: ar.URL}, Rows: byArea[ar.ID]})
				}
			}
			skills := Matrix{ID: "skill", Style: StyleOwn, Caption: d.s.T("caption_pair_skills"), Corner: d.s.T("corner_skill"), Columns: cols}
			for _, p := range m.Of(content.KindSkill) {
				skills.Rows = append(skills.Rows, Row{Ref: ref(p), Cells: pick(p.Front.Importance)})
			}
			url := d.url(g.Path)
			d.Pairs = append(d.Pairs, Row{Ref: Ref{ID: a.ID + "-vs-" + b.ID, Title: g.Title, URL: url}})
			// With two roles the comparison page is their dimensions' table:
			// the pair page does not repeat it.
			mxs := []Matrix{dims, duties, skills}
			if len(roles) == 2 {
				mxs = mxs[1:]
			}
			d.add(g, Page{Kind: "role-pair", Parent: refp(m.Get(content.KindSection, "compare")), Columns: cols, Matrices: mxs})
		}
	}
}

// deriveCards adds a printable card per level: scope, experience,
// expectations and what changed from the level below, on one sheet.
func deriveCards(m *content.Model, d *Data) {
	for _, t := range m.Of(content.KindTrack) {
		for _, l := range m.Levels(t.ID) {
			lv := d.Pages[l.Key]
			g := Generated{Path: fmt.Sprintf("ladders/%s/cards/%s.md", t.ID, l.ID), Title: d.s.T("card_title", l.Front.Title),
				Summary: d.s.T("card_summary", l.Front.Title)}
			card := LevelCard{Ref: ref(l), Summary: l.Front.Summary, Scope: l.Front.Scope, Experience: l.Front.Experience,
				AlsoKnownAs: l.Front.AlsoKnownAs, Changes: lv.Changes, ReadyForNext: l.Front.ReadyForNext}
			url := d.url(g.Path)
			lv.Card = url
			d.Pages[l.Key] = lv
			d.add(g, Page{Kind: "level-card", Parent: refp(t), Levels: []LevelCard{card}, Rank: l.Front.Rank})
		}
	}
}

// assessmentPage is the self-assessment: its data is the tracks' ladders.
var assessmentPage = Generated{Path: "self-assessment.md"}
