package charts

import (
	"fmt"
	"strconv"
	"strings"
)

// Profile geometry, in viewBox units.
const (
	pfPad      = 16.0
	pfColW     = 120.0 // a level's column
	pfRowH     = 36.0  // a competency's row
	pfRadius   = 9.0
	pfHeadFont = 12.0
	pfHeadH    = 3*14.0 + 10 // three lines of level name
	pfLineH    = 14.0
	pfFont     = 13.0
	pfLabelMax = 30 // characters of a competency name per line
	pfLegendH  = 22.0
)

// statuses are the cell statuses in legend order; the words of status s
// are chart_status_<s> (in a sentence's middle: chart_status_<s>_lower).
var statuses = []string{"new", "changed", "same", "unset"}

// status maps a cell's value to one of the statuses.
func status(s string) string {
	switch s {
	case "new", "changed", "same":
		return s
	}
	return "unset"
}

// Profile draws the competency profile of one level of a track: one row
// per competency, one column per level of the track in rank order, lowest
// first (cells[row][column]),
// each cell a circle saying how the level's expectation differs from the
// level below ("new", "changed" or "same"; any other value is drawn as
// cell-unset). The column of levels[current] is highlighted; a current
// outside the levels highlights nothing.
func Profile(t Words, id string, competencies []string, levels []string, current int, cells [][]string) string {
	id = cleanID(id)
	grid := make([][]string, len(competencies))
	used := map[string]bool{}
	for i := range competencies {
		grid[i] = make([]string, len(levels))
		for j := range levels {
			v := ""
			if i < len(cells) && j < len(cells[i]) {
				v = cells[i][j]
			}
			grid[i][j] = status(v)
			used[grid[i][j]] = true
		}
	}
	hasCurrent := current >= 0 && current < len(levels)

	labelW := 0.0
	labels := make([][]string, len(competencies))
	for i, c := range competencies {
		labels[i] = wrap(c, pfLabelMax, 2)
		for _, l := range labels[i] {
			labelW = max(labelW, textWidth(l, pfFont))
		}
	}
	labelW += 16
	x0 := pfPad + labelW // left of the first column
	width := max(x0+float64(len(levels))*pfColW+pfPad, 420)

	// The legend: the three statuses, and "Not described" if it is used.
	type entry struct {
		x, y          float64
		status, label string
	}
	var legend []entry
	x, y := pfPad, pfPad
	for _, s := range statuses {
		if s == "unset" && !used["unset"] {
			continue
		}
		label := t("chart_status_" + s)
		w := 20 + textWidth(label, pfFont) + 20
		if x > pfPad && x+w > width-pfPad {
			x, y = pfPad, y+pfLegendH
		}
		legend = append(legend, entry{x, y, s, label})
		x += w
	}
	headTop := y + pfLegendH + 8
	gridTop := headTop + pfHeadH
	height := gridTop + float64(len(competencies))*pfRowH + pfPad

	title := t("chart_profile")
	if hasCurrent {
		title = t("chart_profile_of", levels[current])
	}
	var w writer
	w.open(id, "profile", "img", width, height, title, profileDesc(t, competencies, levels, current, grid))

	for _, e := range legend {
		w.start("g", "class", "legend")
		w.empty("circle", "class", "legend-swatch cell-"+e.status, "cx", num(e.x+7), "cy", num(e.y+8), "r", "6")
		w.text("text", e.label, "class", "legend-label", "x", num(e.x+20), "y", num(e.y+12.5))
		w.end("g")
	}

	if hasCurrent {
		w.empty("rect", "class", "current", "x", num(x0+float64(current)*pfColW+4), "y", num(headTop-4),
			"width", num(pfColW-8), "height", num(gridTop-headTop+float64(len(competencies))*pfRowH+4), "rx", "6")
	}
	for j, l := range levels {
		class := "level-label"
		if j == current {
			class += " current"
		}
		lines := wrap(l, chars(pfColW-12, pfHeadFont), 3)
		ly := gridTop - 8 - float64(len(lines)-1)*pfLineH
		w.lines(lines, x0+(float64(j)+0.5)*pfColW, ly, pfLineH, "class", class, "text-anchor", "middle", "font-size", num(pfHeadFont))
	}

	for i, c := range competencies {
		ry := gridTop + float64(i)*pfRowH
		w.start("g", "class", "competency")
		ty := ry + pfRowH/2 + pfFont*0.35 - float64(len(labels[i])-1)*pfLineH/2
		w.lines(labels[i], pfPad, ty, pfLineH, "class", "competency-label")
		for j, l := range levels {
			s := grid[i][j]
			w.start("circle", "class", "cell cell-"+s, "cx", num(x0+(float64(j)+0.5)*pfColW), "cy", num(ry+pfRowH/2), "r", num(pfRadius))
			w.text("title", fmt.Sprintf("%s, %s: %s", c, l, statusLabel(t, s)))
			w.end("circle")
		}
		w.empty("line", "class", "grid-line", "x1", num(pfPad), "y1", num(ry+pfRowH), "x2", num(width-pfPad), "y2", num(ry+pfRowH))
		w.end("g")
	}
	w.end("svg")
	return w.String()
}

func statusLabel(t Words, s string) string {
	return t("chart_status_" + s + "_lower")
}

// profileDesc states the profile in words: the current level's
// competencies by status, then the counts for every level.
func profileDesc(t Words, competencies, levels []string, current int, grid [][]string) string {
	if len(competencies) == 0 || len(levels) == 0 {
		return t("chart_profile_empty")
	}
	var b strings.Builder
	b.WriteString(t("chart_profile_desc", count(t, len(competencies), "chart_competencies"), count(t, len(levels), "chart_levels"), list(t, levels)))
	if current >= 0 && current < len(levels) {
		b.WriteString(" " + t("chart_profile_highlighted", levels[current], strconv.Itoa(current+1), strconv.Itoa(len(levels))))
		for _, st := range statuses {
			var names []string
			for i, c := range competencies {
				if grid[i][current] == st {
					names = append(names, c)
				}
			}
			if len(names) > 0 {
				fmt.Fprintf(&b, " %s: %s.", t("chart_status_"+st), list(t, names))
			}
		}
	}
	b.WriteString(" " + t("chart_by_level"))
	for j, l := range levels {
		var parts []string
		for _, st := range statuses {
			n := 0
			for i := range competencies {
				if grid[i][j] == st {
					n++
				}
			}
			if n > 0 {
				parts = append(parts, fmt.Sprintf("%d %s", n, statusLabel(t, st)))
			}
		}
		sep := ";"
		if j == len(levels)-1 {
			sep = "."
		}
		fmt.Fprintf(&b, " %s: %s%s", l, strings.Join(parts, ", "), sep)
	}
	return b.String()
}
