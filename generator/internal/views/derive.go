package views

import (
	"slices"
	"strings"

	"github.com/product-roles/handbook/generator/internal/content"
	"github.com/product-roles/handbook/generator/internal/ladder"
)

// APIVersion is the version of the site's API (package export publishes
// it); it is part of every path below APIBase.
const APIVersion = "v1"

// APIBase is where the API lives in the site, without the leading slash.
// The views link to files below it; export writes them.
const APIBase = "api/" + APIVersion + "/"

// CSVPath is where a matrix is published as CSV.
func CSVPath(name string) string { return "/" + APIBase + "csv/" + name + ".csv" }

// Derive computes every view from the model (a localized model for a
// language other than the source) with the language's words s. It assumes
// the model passed validation; missing references are skipped, not invented.
func Derive(m *content.Model, s Strings) *Data { return DeriveMemo(m, s, nil) }

// DeriveMemo is Derive with the comparisons of levels' expectations
// remembered in memo (serve keeps one between rebuilds).
func DeriveMemo(m *content.Model, s Strings, memo *ladder.Memo) *Data {
	roles := m.Of(content.KindRole)
	var cols []Ref
	d := &Data{Pages: map[string]Page{}, s: s, lang: m.Lang, steps: memo}
	CSVPath := d.csvPath
	for i, r := range roles {
		cols = append(cols, Ref{ID: r.ID, Title: r.Front.Title, URL: r.URL, Abbr: r.Front.Abbr, Class: RoleClass(i)})
		rr := ref(r)
		rr.Class = RoleClass(i)
		d.Roles = append(d.Roles, Role{Ref: rr, Abbr: r.Front.Abbr, Question: r.Front.Question, Summary: r.Front.Summary})
	}
	perRole := func(vals map[string]string) []Cell { return s.perRoleCells(roles, vals) }
	row := func(p *content.Page, cells []Cell) Row {
		return Row{Ref: ref(p), Summary: p.Front.Summary, Cells: cells}
	}

	d.Comparison = Matrix{Style: StyleShort, CSV: CSVPath("comparison"), Caption: s.T("caption_comparison"), Corner: s.T("corner_dimension"), Columns: cols}
	for _, p := range m.Of(content.KindDimension) {
		d.Comparison.Rows = append(d.Comparison.Rows, row(p, withShort(perRole(p.Front.Values), roles, p.Front.InShort)))
	}

	d.Duties = Matrix{Style: StyleOwn, CSV: CSVPath("duties"), Caption: s.T("caption_duties"), Corner: s.T("corner_duty"), Columns: cols}
	byArea := map[string][]Row{}
	for _, p := range m.Of(content.KindDuty) {
		byArea[p.Front.Area] = append(byArea[p.Front.Area], row(p, perRole(p.Front.Ownership)))
	}
	for _, a := range m.Of(content.KindArea) {
		g := Group{Ref: ref(a), Rows: byArea[a.ID]}
		if g.Rows == nil {
			g.Rows = []Row{} // an area without duties yet: none, not null, for the templates that count them
		}
		d.Duties.Groups = append(d.Duties.Groups, g)
		d.Pages[a.Key] = Page{Kind: "area", Matrix: &Matrix{Style: StyleOwn,
			Caption: s.T("caption_area", a.Front.Title, strings.ToLower(a.Front.Title)), Corner: s.T("corner_duty"), Columns: cols, Rows: g.Rows}}
	}

	d.Glimpse = glimpse(d.Duties, s.T("caption_glimpse"), 6)

	d.Skills = Matrix{Style: StyleOwn, CSV: CSVPath("skills"), Caption: s.T("caption_skills"), Corner: s.T("corner_skill"), Columns: cols}
	for _, p := range m.Of(content.KindSkill) {
		r := row(p, perRole(p.Front.Importance))
		r.Kind = p.Front.Kind
		d.Skills.Rows = append(d.Skills.Rows, r)
	}

	comps := m.Of(content.KindCompetency)
	for _, t := range m.Of(content.KindTrack) {
		tr := Track{Ref: ref(t), Summary: t.Front.Summary}
		if r := m.Get(content.KindRole, t.Front.Role); r != nil {
			tr.Role = ref(r)
		}
		levels := m.Levels(t.ID)
		for _, l := range levels {
			tr.Levels = append(tr.Levels, ref(l))
		}
		tr.Ladder = Matrix{Style: StyleLadder, CSV: CSVPath("ladder-" + t.ID), Caption: s.T("caption_ladder", t.Front.Title), Corner: s.T("corner_competency"), Columns: tr.Levels}
		for _, c := range comps {
			cells := make([]Cell, len(levels))
			for i, l := range levels {
				cells[i] = Cell{Value: l.Front.Expectations[c.ID]}
			}
			tr.Ladder.Rows = append(tr.Ladder.Rows, row(c, cells))
		}
		d.Tracks = append(d.Tracks, tr)
	}

	d.SourceByID = map[string]Citation{}
	for _, s := range m.Of(content.KindSource) {
		c := citation(m, s)
		d.Sources = append(d.Sources, c)
		d.SourceByID[s.ID] = c
	}
	for _, t := range m.Of(content.KindTerm) {
		d.Terms = append(d.Terms, Term{Ref: ref(t), Summary: t.Front.Summary, Page: t.Key})
	}
	d.Terms, d.TermLetters = alphabetical(d.Terms, m.Lang)

	derivePages(m, d, roles, cols, comps)
	deriveLadderPages(m, d, comps)
	deriveSteps(m, d, comps)
	deriveLadderViews(m, d)
	deriveRolePairs(m, d)
	deriveCards(m, d)
	deriveHiring(m, d, comps)
	d.add(Generated{Path: assessmentPage.Path, Title: s.T("assessment_title"), Summary: s.T("assessment_summary"), Body: s.T("assessment_body")},
		Page{Kind: "self-assessment"})
	deriveCharts(m, d)
	d.add(Generated{Path: changesPage.Path, Title: s.T("changes_title"), Summary: s.T("changes_summary")}, Page{Kind: "changes"})
	d.Pages["/search"] = Page{Kind: "search", Index: searchIndex(m, s), Generated: true}
	d.layoutMatrices()
	return d
}

// layoutMatrices sets the classes the theme prints on every matrix.
func (d *Data) layoutMatrices() {
	for _, m := range []*Matrix{&d.Comparison, &d.Duties, &d.Glimpse, &d.Skills, &d.OverlapTable} {
		m.layout()
	}
	for i := range d.Tracks {
		d.Tracks[i].Ladder.layout()
	}
	for _, p := range d.Pages {
		if p.Matrix != nil {
			p.Matrix.layout()
		}
		for i := range p.Matrices {
			p.Matrices[i].layout()
		}
	}
}

// searchIndex lists every page by search group: the search page without
// JavaScript. The groups and the kinds in each are the registry's, as in
// the index the search page loads.
func searchIndex(m *content.Model, s Strings) []Group {
	kinds := m.Registry()
	groups := make([]Group, len(kinds.Groups()))
	for i, g := range kinds.Groups() {
		groups[i].Title = s.T(g.Label)
		groups[i].ID = "index-" + g.ID
	}
	for _, spec := range kinds.All() {
		for _, p := range m.Of(spec.Kind) {
			g := &groups[kinds.GroupOf(spec.Kind)]
			g.Rows = append(g.Rows, Row{Ref: ref(p), Summary: p.Front.Summary})
		}
	}
	return slices.DeleteFunc(groups, func(g Group) bool { return len(g.Rows) == 0 })
}

func citation(m *content.Model, s *content.Page) Citation {
	c := Citation{Ref: ref(s), Author: s.Front.Author, Publisher: s.Front.Publisher, Date: s.Front.Issued, Link: s.Front.Link, Kind: s.Front.Kind, AddressUnknown: s.Front.AddressUnknown}
	if v := m.Get(content.KindSource, s.Front.Via); v != nil {
		c.Via = refp(v)
	}
	return c
}

func derivePages(m *content.Model, d *Data, roles []*content.Page, cols []Ref, comps []*content.Page) {
	sections := map[string]*content.Page{}
	for _, p := range m.Of(content.KindSection) {
		sections[p.ID] = p
	}
	home := m.Get(content.KindHome, "")

	// Pages in reading order within their group, for previous/next links.
	groups := map[string][]*content.Page{}
	for _, p := range m.Pages {
		if p.Listed || p.Kind == content.KindHome || p.Kind == content.KindSection {
			continue
		}
		g := string(p.Kind) + "/" + p.Track
		groups[g] = append(groups[g], p)
	}
	position := map[*content.Page]int{} // a page's place in its group
	for g, ps := range groups {
		if strings.HasPrefix(g, string(content.KindLevel)+"/") {
			groups[g] = m.Levels(ps[0].Track)
		} else {
			groups[g] = m.Of(ps[0].Kind)
		}
		for i, q := range groups[g] {
			position[q] = i
		}
	}

	for _, p := range m.Pages {
		if p.Listed {
			continue
		}
		v := d.Pages[p.Key]
		v.Kind = string(p.Kind)
		v.Edit = p.File
		v.Toc = toc(p)
		for _, id := range p.Front.Sources {
			if m.Get(content.KindSource, id) != nil {
				v.Citations = append(v.Citations, id)
			}
		}
		switch p.Kind {
		case content.KindHome:
		case content.KindSection, content.KindTrack:
			v.Parent = refp(home)
			if p.Kind == content.KindTrack { // in the section its Spec's menu entry opens (the ladders)
				spec, _ := m.Registry().Spec(content.KindTrack)
				v.Parent = refp(sections[spec.Nav.Section])
			}
			v.List = sectionList(m, p)
			v.DataFirst = dataFirst(m.Registry(), p)
		default:
			sec := strings.SplitN(strings.TrimPrefix(p.Key, "/"), "/", 2)[0]
			v.Parent = refp(sections[sec])
			if p.Kind == content.KindLevel {
				v.Parent = refp(m.Get(content.KindTrack, p.Track))
			}
			if v.Parent == nil {
				v.Parent = refp(home)
			}
			ps, i := groups[string(p.Kind)+"/"+p.Track], position[p]
			if i > 0 {
				v.Prev = refp(ps[i-1])
			}
			if i+1 < len(ps) {
				v.Next = refp(ps[i+1])
			}
		}
		switch p.Kind {
		case content.KindRole:
			rolePage(m, p, &v, d.s, cols)
		case content.KindDimension:
			v.Columns, v.Cells = cols, withShort(d.s.perRoleCells(roles, p.Front.Values), roles, p.Front.InShort)
		case content.KindDuty:
			v.Columns, v.Cells = cols, d.s.perRoleCells(roles, p.Front.Ownership)
			v.Area = refp(m.Get(content.KindArea, p.Front.Area))
			v.HeldBy = p.Front.HeldBy
		case content.KindSkill:
			v.Columns, v.Cells = cols, d.s.perRoleCells(roles, p.Front.Importance)
		case content.KindCompetency:
			v.Matrix = competencyMatrix(m, p, d.s)
		case content.KindLevel:
			levelPage(m, p, &v, comps)
		}
		if v.Cells != nil {
			v.Badges = allBadges(v.Cells)
		}
		d.Pages[p.Key] = v
	}
}

// allBadges says whether every cell is a badge (has a label).
func allBadges(cells []Cell) bool {
	for _, c := range cells {
		if c.Label == "" {
			return false
		}
	}
	return true
}

func (s Strings) perRoleCells(roles []*content.Page, vals map[string]string) []Cell {
	cells := make([]Cell, len(roles))
	for i, r := range roles {
		cells[i] = s.cell(vals[r.ID])
	}
	return cells
}

// sectionList lists a section's pages (for sections whose view is not a matrix).
func sectionList(m *content.Model, s *content.Page) []Row {
	var out []Row
	if s.Kind == content.KindTrack {
		for _, l := range m.Levels(s.ID) {
			out = append(out, Row{Ref: ref(l), Summary: l.Front.Summary})
		}
		return out
	}
	if s.ID == "ladders" {
		for _, t := range m.Of(content.KindTrack) {
			out = append(out, Row{Ref: ref(t), Summary: t.Front.Summary})
		}
		return out
	}
	prefix := s.Key + "/"
	var kind content.Kind
	for _, p := range m.Pages {
		if strings.HasPrefix(p.Key, prefix) && p.Kind != content.KindSection {
			kind = p.Kind
			break
		}
	}
	if kind == "" {
		return nil
	}
	for _, p := range m.Of(kind) {
		if strings.HasPrefix(p.Key, prefix) {
			out = append(out, Row{Ref: ref(p), Summary: p.Front.Summary})
		}
	}
	return out
}

func rolePage(m *content.Model, p *content.Page, v *Page, s Strings, cols []Ref) {
	for i, c := range cols {
		if c.ID == p.ID {
			v.RoleClass = RoleClass(i)
		}
	}
	v.Matrix = roleDuties(m, p, s, cols)
	if v.Matrix != nil && v.Toc != nil {
		// The duties come before the prose (views/role.html), so they lead the contents.
		v.Toc = append([]TocItem{{Anchor: "duties-h", Text: s.T("group_duties"), Level: 2}}, v.Toc...)
	}
	for _, dim := range m.Of(content.KindDimension) {
		v.Dimensions = append(v.Dimensions, Row{Ref: ref(dim), Cells: []Cell{{Value: dim.Front.Values[p.ID], Short: dim.Front.InShort[p.ID]}}})
	}
	v.Track = refp(m.Get(content.KindTrack, p.Front.Track))
}

func competencyMatrix(m *content.Model, c *content.Page, s Strings) *Matrix {
	mx := &Matrix{Caption: s.T("caption_competency", c.Front.Title, strings.ToLower(c.Front.Title)), Corner: s.T("corner_level"),
		Columns: []Ref{{ID: "expectation", Title: s.T("expectation")}}}
	for _, t := range m.Of(content.KindTrack) {
		g := Group{Ref: ref(t)}
		for _, l := range m.Levels(t.ID) {
			g.Rows = append(g.Rows, Row{Ref: ref(l), Cells: []Cell{{Value: l.Front.Expectations[c.ID]}}})
		}
		mx.Groups = append(mx.Groups, g)
	}
	return mx
}

func levelPage(m *content.Model, p *content.Page, v *Page, comps []*content.Page) {
	v.Rank = p.Front.Rank
	levels := m.Levels(p.Track)
	var below *content.Page
	for _, l := range levels {
		if l.Front.Rank == p.Front.Rank-1 {
			below = l
		}
	}
	for _, c := range comps {
		ch := Change{Competency: ref(c), Text: p.Front.Expectations[c.ID], Status: "new"}
		if below != nil {
			ch.Previous = below.Front.Expectations[c.ID]
			switch {
			case ch.Previous == "":
			case content.Fold(ch.Previous) == content.Fold(ch.Text):
				ch.Status = "same"
			default:
				ch.Status = "changed"
			}
		}
		v.Changes = append(v.Changes, ch)
	}
	for _, mv := range p.Front.Moves {
		to := m.Get(content.KindLevel, mv.To)
		if to == nil {
			continue
		}
		mo := Move{Level: ref(to), Note: mv.Note, Cross: to.Track != p.Track}
		if t := m.Get(content.KindTrack, to.Track); t != nil {
			mo.Track = ref(t)
		}
		v.Moves = append(v.Moves, mo)
	}
	for _, t := range m.Of(content.KindTrack) {
		if t.ID == p.Track {
			continue
		}
		for _, l := range m.Levels(t.ID) {
			if l.Front.Rank == p.Front.Rank {
				v.Peers = append(v.Peers, ref(l))
			}
		}
	}
}

// SetSite adds what depends on the site's settings: the menu and the pages
// a company hid.
func SetSite(d *Data, m *content.Model, nav []*content.Page, hidden []string) {
	d.Nav = nil
	for _, s := range nav {
		r := ref(s)
		if s.Front.LinkTitle != "" {
			r.Title = s.Front.LinkTitle
		}
		d.Nav = append(d.Nav, r)
	}
	d.Hidden = map[string]bool{}
	for _, u := range hidden {
		d.Hidden[u] = true
	}
}

// MinToc is how many section headings a page needs for a table of contents.
const MinToc = 3

func toc(p *content.Page) []TocItem {
	var items []TocItem
	for _, h := range p.Heads {
		if h.Level == 2 || h.Level == 3 {
			items = append(items, TocItem{Anchor: h.Anchor, Text: h.Text, Level: h.Level})
		}
	}
	if len(items) < MinToc {
		return nil
	}
	return items
}

// dataFirst reports whether a section's page (or a track's) leads with the
// data of the kind it lists: that kind's Spec.DataFirst.
func dataFirst(kinds *content.Registry, p *content.Page) bool {
	k := p.Kind
	if p.Kind == content.KindSection {
		var ok bool
		if k, ok = kinds.InFolder(p.ID); !ok {
			return false
		}
	}
	s, _ := kinds.Spec(k)
	return s.DataFirst
}
