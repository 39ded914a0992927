package charts

import (
	"fmt"
	"strconv"
	"strings"
)

// OverlapRow is one ownership value (Leads, Shares, Supports, Not involved)
// with the number of duties each role has at that value, in the order of
// the roles. Missing and negative counts are drawn as 0.
type OverlapRow struct {
	Label  string
	Counts []int
}

// Overlap geometry, in viewBox units.
const (
	ovPad      = 16.0
	ovBarH     = 18.0
	ovBarGap   = 4.0
	ovGroupGap = 18.0
	ovPlotW    = 480.0 // the longest bar
	ovValueW   = 40.0  // room for the count after it
	ovLegendH  = 22.0  // one line of legend
	ovFont     = 13.0
)

// Overlap draws how the roles share the duties: one group of horizontal
// bars per ownership value, one bar per role (classes bar role-0, bar
// role-1, …), the count after each bar and a legend naming the roles.
func Overlap(t Words, id string, roles []string, rows []OverlapRow) string {
	id = cleanID(id)
	counts := make([][]int, len(rows))
	most := 1
	for i, r := range rows {
		counts[i] = make([]int, len(roles))
		for j := range roles {
			if j < len(r.Counts) && r.Counts[j] > 0 {
				counts[i][j] = r.Counts[j]
			}
			most = max(most, counts[i][j])
		}
	}

	labelW := 0.0
	for _, r := range rows {
		labelW = max(labelW, textWidth(r.Label, ovFont))
	}
	labelW += 12
	x0 := ovPad + labelW // where the bars start
	width := x0 + ovPlotW + ovValueW + ovPad

	// The legend, on as many lines as it needs.
	type entry struct {
		x, y float64
		name string
	}
	var legend []entry
	x, y := ovPad, ovPad
	for _, r := range roles {
		w := 18 + textWidth(r, ovFont) + 20
		if x > ovPad && x+w > width-ovPad {
			x, y = ovPad, y+ovLegendH
		}
		legend = append(legend, entry{x, y, r})
		x += w
	}
	top := ovPad
	if len(roles) > 0 {
		top = y + ovLegendH + 8
	}
	groupH := float64(len(roles))*(ovBarH+ovBarGap) - ovBarGap
	height := top + float64(len(rows))*(groupH+ovGroupGap) - ovGroupGap + ovPad
	height = max(height, top+ovPad)

	var w writer
	title := t("chart_overlap")
	if len(roles) > 0 {
		title = t("chart_overlap_of", list(t, roles))
	}
	w.open(id, "overlap", "img", width, height, title, overlapDesc(t, roles, rows, counts))

	for i, e := range legend {
		w.start("g", "class", "legend")
		w.empty("rect", "class", "legend-swatch role-"+strconv.Itoa(i), "x", num(e.x), "y", num(e.y+2), "width", "12", "height", "12", "rx", "2")
		w.text("text", e.name, "class", "legend-label", "x", num(e.x+18), "y", num(e.y+12.5))
		w.end("g")
	}

	scale := ovPlotW / float64(most)
	for i, r := range rows {
		gy := top + float64(i)*(groupH+ovGroupGap)
		w.start("g", "class", "bar-group")
		w.text("text", r.Label, "class", "group-label", "x", num(x0-8), "y", num(gy+groupH/2+ovFont*0.35), "text-anchor", "end")
		for j, role := range roles {
			by := gy + float64(j)*(ovBarH+ovBarGap)
			bw := float64(counts[i][j]) * scale
			w.start("rect", "class", "bar role-"+strconv.Itoa(j), "x", num(x0), "y", num(by), "width", num(bw), "height", num(ovBarH))
			w.text("title", fmt.Sprintf("%s, %s: %d", r.Label, role, counts[i][j]))
			w.end("rect")
			w.text("text", strconv.Itoa(counts[i][j]), "class", "bar-value", "x", num(x0+bw+6), "y", num(by+ovBarH/2+ovFont*0.35))
		}
		w.end("g")
	}
	if len(rows) > 0 && len(roles) > 0 {
		w.empty("line", "class", "axis", "x1", num(x0), "y1", num(top-4), "x2", num(x0), "y2", num(height-ovPad+4))
	}
	w.end("svg")
	return w.String()
}

// overlapDesc states the counts in words.
func overlapDesc(t Words, roles []string, rows []OverlapRow, counts [][]int) string {
	if len(roles) == 0 || len(rows) == 0 {
		return t("chart_overlap_empty")
	}
	var labels []string
	for _, r := range rows {
		labels = append(labels, r.Label)
	}
	var b strings.Builder
	b.WriteString(t("chart_overlap_desc", list(t, roles), list(t, labels)))
	for i, r := range rows {
		var parts []string
		for j, role := range roles {
			parts = append(parts, fmt.Sprintf("%s %d", role, counts[i][j]))
		}
		fmt.Fprintf(&b, " %s: %s.", r.Label, strings.Join(parts, ", "))
	}
	return b.String()
}
