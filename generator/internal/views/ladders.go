package views

import (
	"fmt"
	"slices"

	"github.com/product-roles/handbook/generator/internal/content"
)

// StepperItem is one level of a track in a level page's stepper: every
// level of the track, lowest first, the page's own level marked current.
type StepperItem struct {
	Ref
	Rank    int    `json:"rank"`
	Current bool   `json:"current,omitempty"`
	Class   string `json:"class"` // st-below, st-current or st-above
}

// RankRow is one rank of the table that maps the tracks' levels onto each
// other: levels of equal rank are equivalent. Levels holds one entry per
// track, in the order of Data.Tracks; nil where a track has no level of
// that rank.
type RankRow struct {
	Rank   int    `json:"rank"`
	URL    string `json:"url,omitempty" href:""` // the page comparing the rank's levels, where it has two or more
	Levels []*Ref `json:"levels"`
}

// deriveLadderViews adds what the ladder pages show beyond the step views:
// on each level page, the track's levels as a stepper and the address of
// the self-assessment; on /ladders/, the map of equal ranks. It runs after
// deriveLadderPages (the rank pages) and deriveSteps.
func deriveLadderViews(m *content.Model, d *Data) {
	assess := d.url(assessmentPage.Path)
	tracks := m.Of(content.KindTrack)
	for _, t := range tracks {
		levels := m.Levels(t.ID)
		for _, l := range levels {
			v := d.Pages[l.Key]
			v.Stepper = stepper(levels, l)
			v.Assess = assess
			d.Pages[l.Key] = v
		}
	}
	d.RankMap = rankMap(m, tracks, d.Ranks)
	for i := range d.Tracks {
		d.Tracks[i].Compare = pairGroups(d.Tracks[i].Pairs)
	}
}

// PairGroup is a level and the pages comparing it with each level above:
// one line of the track page's picker of two levels.
type PairGroup struct {
	From Ref    `json:"from"`
	To   []Pair `json:"to"`
}

// pairGroups groups a track's pairs by their lower level, in order.
func pairGroups(pairs []Pair) []PairGroup {
	var gs []PairGroup
	for _, p := range pairs {
		if n := len(gs); n == 0 || gs[n-1].From.ID != p.From.ID {
			gs = append(gs, PairGroup{From: p.From})
		}
		gs[len(gs)-1].To = append(gs[len(gs)-1].To, p)
	}
	return gs
}

// stepper lists a track's levels with cur marked.
func stepper(levels []*content.Page, cur *content.Page) []StepperItem {
	items := make([]StepperItem, 0, len(levels))
	for _, l := range levels {
		it := StepperItem{Ref: ref(l), Rank: l.Front.Rank, Class: "st-above"}
		switch {
		case l == cur:
			it.Current, it.Class = true, "st-current"
		case l.Front.Rank < cur.Front.Rank:
			it.Class = "st-below"
		}
		items = append(items, it)
	}
	return items
}

// rankMap maps the tracks' levels onto each other by rank, lowest rank
// first: the front matter's rank is the only source of the equivalence.
func rankMap(m *content.Model, tracks []*content.Page, rankPages []Row) []RankRow {
	var ranks []int
	byRank := map[int][]*Ref{}
	for ti, t := range tracks {
		for _, l := range m.Levels(t.ID) {
			r := l.Front.Rank
			if byRank[r] == nil {
				byRank[r] = make([]*Ref, len(tracks))
				ranks = append(ranks, r)
			}
			byRank[r][ti] = refp(l)
		}
	}
	slices.Sort(ranks)
	pages := map[string]string{}
	for _, p := range rankPages {
		pages[p.ID] = p.URL
	}
	rows := make([]RankRow, 0, len(ranks))
	for _, r := range ranks {
		rows = append(rows, RankRow{Rank: r, URL: pages[fmt.Sprintf("rank-%d", r)], Levels: byRank[r]})
	}
	return rows
}
