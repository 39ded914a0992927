package views

import (
	"strconv"

	"github.com/product-roles/handbook/generator/internal/charts"
	"github.com/product-roles/handbook/generator/internal/content"
)

// roleClass is the class of a role's colour: role-N for the role's index,
// "" for a role the site does not list.
func roleClass(roles []Role, id string) string {
	for i, r := range roles {
		if r.ID == id {
			return "role-" + strconv.Itoa(i)
		}
	}
	return ""
}

// deriveCharts draws the charts from the same data as the tables beside them.
func deriveCharts(m *content.Model, d *Data) {
	// Career map: every track and every move between levels.
	var tracks []charts.Track
	for _, t := range d.Tracks {
		ct := charts.Track{ID: t.ID, Title: t.Title, Class: roleClass(d.Roles, t.Role.ID)}
		for _, l := range m.Levels(t.ID) {
			ct.Levels = append(ct.Levels, charts.Level{ID: l.ID, Title: l.Front.Title, URL: l.URL, Rank: l.Front.Rank})
		}
		tracks = append(tracks, ct)
	}
	var moves []charts.Move
	for _, l := range m.Of(content.KindLevel) {
		for _, mv := range d.Pages[l.Key].Moves {
			moves = append(moves, charts.Move{From: content.LevelID(l), To: mv.Track.ID + "/" + mv.Level.ID, Cross: mv.Cross})
			d.Moves = append(d.Moves, Row{Ref: ref(l), Summary: mv.Note, Cells: []Cell{{Value: mv.Level.Title}, {Value: mv.Track.Title}}})
		}
	}
	d.CareerMap = charts.CareerMap(d.s.T, "career-map", tracks, moves)
	d.CareerMapNarrow = charts.CareerMapNarrow(d.s.T, "career-map-n", tracks, moves)

	// Duty overlap: how many duties each role leads, shares, supports.
	var roles []string
	for _, r := range d.Roles {
		roles = append(roles, r.Title)
	}
	values := []string{"leads", "shares", "supports", "none"}
	rows := make([]charts.OverlapRow, len(values))
	for i, v := range values {
		rows[i] = charts.OverlapRow{Label: d.s.T(v), Counts: make([]int, len(roles))}
	}
	for _, g := range d.Duties.Groups {
		for _, r := range g.Rows {
			for ri, c := range r.Cells {
				for vi, v := range values {
					if c.Value == v {
						rows[vi].Counts[ri]++
					}
				}
			}
		}
	}
	d.Overlap = charts.Overlap(d.s.T, "duty-overlap", roles, rows)
	d.OverlapTable = Matrix{Style: StyleNums, Caption: d.s.T("caption_overlap"), Corner: d.s.T("corner_ownership"), Columns: d.Duties.Columns}
	for _, r := range rows {
		row := Row{Ref: Ref{ID: "overlap-" + values[len(d.OverlapTable.Rows)], Title: r.Label}}
		for _, n := range r.Counts {
			row.Cells = append(row.Cells, Cell{Value: strconv.Itoa(n)})
		}
		d.OverlapTable.Rows = append(d.OverlapTable.Rows, row)
	}

}
