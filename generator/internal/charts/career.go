package charts

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Track is a career track: one column of the career map. Class is put on
// each of its levels (the theme colours a track's levels by its role:
// "role-0", "role-1").
type Track struct {
	ID, Title, Class string
	Levels           []Level
}

// Level is a level of a track. Ranks are unique within a track; levels of
// the same rank in different tracks are drawn side by side.
type Level struct {
	ID, Title, URL string
	Rank           int
}

// Move is a step from one level to another, both named "track/level" by
// their ids. Cross says the move leads to another track.
type Move struct {
	From, To string
	Cross    bool
}

// geom is the career map's geometry, in viewBox units (1:1 with CSS px).
type geom struct {
	pad, side, headH, boxW, boxH, colGap, rowGap float64
	boxLines, headLines                          int // most lines of a level's title and a track's
}

// wideGeom is the map on a laptop: wide boxes, room between the columns for
// moves across tracks and beside them for moves that skip a level.
var wideGeom = geom{pad: 12, side: 36, headH: 44, boxW: 212, boxH: 48, colGap: 88, rowGap: 32, boxLines: 2, headLines: 2}

// narrowGeom is the same map on a phone: two columns within 352 px, so that
// both tracks show at their own size (13 px text) with no sideways scroll.
var narrowGeom = geom{pad: 10, side: 12, headH: 60, boxW: 140, boxH: 60, colGap: 48, rowGap: 26, boxLines: 3, headLines: 3}

const (
	cmLineH = 16.0
	cmFont  = 13.0
)

// box is where a level is drawn.
type box struct {
	lv       Level
	col, row int
	x, y     float64 // top left
	g        *geom
}

func (b box) cx() float64 { return b.x + b.g.boxW/2 }
func (b box) cy() float64 { return b.y + b.g.boxH/2 }

// CareerMap draws the tracks side by side, one column per track, each
// level a box linking to its page, stacked by rank with rank 1 at the
// bottom, and the moves between levels as arrows. id prefixes the ids of
// the chart's elements, so several charts can share a page.
func CareerMap(t Words, id string, tracks []Track, moves []Move) string {
	return careerMap(t, id, tracks, moves, &wideGeom)
}

// CareerMapNarrow draws the same map for a phone's width: narrower boxes,
// titles on up to three lines, the same 13 px text.
func CareerMapNarrow(t Words, id string, tracks []Track, moves []Move) string {
	return careerMap(t, id, tracks, moves, &narrowGeom)
}

func careerMap(t Words, id string, tracks []Track, moves []Move, g *geom) string {
	id = cleanID(id)

	// One row per rank found in any track, lowest rank at the bottom.
	var ranks []int
	for _, tr := range tracks {
		for _, l := range tr.Levels {
			if !slices.Contains(ranks, l.Rank) {
				ranks = append(ranks, l.Rank)
			}
		}
	}
	slices.Sort(ranks)

	boxes := map[string]box{}
	var order []box // drawing order: by track, then by rank
	for c, tr := range tracks {
		levels := slices.Clone(tr.Levels)
		slices.SortStableFunc(levels, func(a, b Level) int { return a.Rank - b.Rank })
		for _, l := range levels {
			row := slices.Index(ranks, l.Rank)
			b := box{lv: l, col: c, row: row, g: g,
				x: g.side + float64(c)*(g.boxW+g.colGap),
				y: g.pad + g.headH + float64(len(ranks)-1-row)*(g.boxH+g.rowGap)}
			boxes[tr.ID+"/"+l.ID] = b
			order = append(order, b)
		}
	}

	// The moves that can be drawn, in the order given.
	type arrow struct {
		from, to box
		cross    bool
	}
	var arrows []arrow
	var up, cross []string
	for _, m := range moves {
		a, ok1 := boxes[m.From]
		b, ok2 := boxes[m.To]
		if !ok1 || !ok2 || m.From == m.To {
			continue
		}
		arrows = append(arrows, arrow{a, b, m.Cross})
		step := t("chart_move", a.lv.Title, b.lv.Title)
		if m.Cross {
			cross = append(cross, step)
		} else {
			up = append(up, step)
		}
	}

	width := 2*g.side + float64(len(tracks))*g.boxW + float64(max(len(tracks)-1, 0))*g.colGap
	height := 2*g.pad + g.headH + float64(len(ranks))*g.boxH + float64(max(len(ranks)-1, 0))*g.rowGap

	var titles []string
	for _, tr := range tracks {
		titles = append(titles, tr.Title)
	}
	title := t("chart_career")
	if len(titles) > 0 {
		title = t("chart_career_of", list(t, titles))
	}

	role := "img"
	for _, tr := range tracks {
		for _, l := range tr.Levels {
			if safeURL(l.URL) != "" {
				role = "group"
			}
		}
	}
	var w writer
	// Drawn at its own size, 1:1, so that its text is 13 px at every width:
	// a narrow screen scrolls it sideways rather than shrinking the text.
	w.open(id, "career", role, width, height, title, careerDesc(t, tracks, up, cross), "width", num(width), "height", num(height))
	w.start("defs")
	for _, k := range []string{"up", "cross"} {
		w.start("marker", "id", id+"-arrow-"+k, "viewBox", "0 0 10 10", "refX", "10", "refY", "5",
			"markerUnits", "userSpaceOnUse", "markerWidth", "9", "markerHeight", "9", "orient", "auto")
		w.empty("path", "class", "arrowhead arrowhead-"+k, "d", "M0,0L10,5L0,10z")
		w.end("marker")
	}
	w.end("defs")

	for c, tr := range tracks {
		lines := wrap(tr.Title, chars(g.boxW-8, 14), g.headLines)
		x := g.side + float64(c)*(g.boxW+g.colGap) + g.boxW/2
		y := g.pad + g.headH - 14 - float64(len(lines)-1)*cmLineH
		w.lines(lines, x, y, cmLineH, "class", "track-title", "text-anchor", "middle", "font-size", "14")
	}

	// Moves first, so that a line passing a box goes behind it.
	for _, a := range arrows {
		class, marker := "move move-up", "url(#"+id+"-arrow-up)"
		if a.cross {
			class, marker = "move move-cross", "url(#"+id+"-arrow-cross)"
		}
		w.empty("path", "class", class, "d", movePath(a.from, a.to), "fill", "none", "marker-end", marker)
	}

	for _, b := range order {
		class := strings.TrimSpace("level " + tracks[b.col].Class)
		tag, attrs := "g", []string{"class", class}
		if u := safeURL(b.lv.URL); u != "" {
			tag, attrs = "a", []string{"href", u, "class", class}
		}
		w.start(tag, attrs...)
		w.text("title", b.lv.Title)
		w.empty("rect", "class", "level-box", "x", num(b.x), "y", num(b.y),
			"width", num(g.boxW), "height", num(g.boxH), "rx", "8")
		lines := wrap(b.lv.Title, chars(g.boxW-16, cmFont), g.boxLines)
		y := b.cy() + cmFont*0.35 - float64(len(lines)-1)*cmLineH/2
		w.lines(lines, b.cx(), y, cmLineH, "class", "level-title", "text-anchor", "middle")
		w.end(tag)
	}
	w.end("svg")
	return w.String()
}

// movePath is the path of an arrow from box a to box b:
//   - to the next rank of the same track, straight up between the boxes;
//   - to another rank of the same track, a curve beside the column on its
//     outer side (the first column's left, every other column's right), so
//     that it crosses no move between tracks; going up it leaves from the
//     box's upper half, going down from its lower half, so that two such
//     curves between the same ranks stay apart;
//   - to another track, a line between the facing sides, leaving from the
//     upper part of a box and arriving at the lower part when it climbs
//     (the reverse when it descends), and a little above the middle going
//     right and below it going left at the same rank, so that moves both
//     ways stay apart. Moves past a column arc above the boxes between.
func movePath(a, b box) string {
	g := a.g
	switch {
	case a.col == b.col && b.row == a.row+1:
		return fmt.Sprintf("M%s,%sL%s,%s", num(a.cx()), num(a.y), num(b.cx()), num(b.y+g.boxH))
	case a.col == b.col:
		side := 1.0
		if a.col == 0 {
			side = -1
		}
		x := a.cx() + side*g.boxW/2
		ctrl := x + side*2*(g.side-10)
		off := -8.0
		if b.row < a.row {
			off = 8
		}
		return fmt.Sprintf("M%s,%sQ%s,%s %s,%s", num(x), num(a.cy()+off), num(ctrl), num((a.cy()+b.cy())/2), num(x), num(b.cy()-off))
	}
	dir := 1.0
	if b.col < a.col {
		dir = -1
	}
	ax, bx := a.cx()+dir*g.boxW/2, b.cx()-dir*g.boxW/2
	ay, by := a.cy()-5*dir, b.cy()-5*dir
	switch {
	case b.row > a.row:
		ay, by = a.cy()-14, b.cy()+14
	case b.row < a.row:
		ay, by = a.cy()+14, b.cy()-14
	}
	if d := b.col - a.col; d == 1 || d == -1 {
		return fmt.Sprintf("M%s,%sL%s,%s", num(ax), num(ay), num(bx), num(by))
	}
	top := min(ay, by) - g.boxH - g.rowGap
	return fmt.Sprintf("M%s,%sQ%s,%s %s,%s", num(ax), num(ay), num((ax+bx)/2), num(top), num(bx), num(by))
}

// careerDesc states the map in words.
func careerDesc(t Words, tracks []Track, up, cross []string) string {
	if len(tracks) == 0 {
		return t("chart_career_empty")
	}
	var b strings.Builder
	b.WriteString(t("chart_career_desc", count(t, len(tracks), "chart_tracks")))
	for _, tr := range tracks {
		levels := slices.Clone(tr.Levels)
		slices.SortStableFunc(levels, func(a, b Level) int { return a.Rank - b.Rank })
		var names []string
		for _, l := range levels {
			names = append(names, t("chart_level_rank", l.Title, strconv.Itoa(l.Rank)))
		}
		fmt.Fprintf(&b, " %s: %s", tr.Title, count(t, len(levels), "chart_levels"))
		if len(names) > 0 {
			b.WriteString(", " + strings.Join(names, ", "))
		}
		b.WriteString(".")
	}
	b.WriteString(" " + t("chart_career_moves", count(t, len(up), "chart_moves"), count(t, len(cross), "chart_moves")))
	if len(up) > 0 {
		b.WriteString(" " + t("chart_within", strings.Join(up, "; ")))
	}
	if len(cross) > 0 {
		b.WriteString(" " + t("chart_between", strings.Join(cross, "; ")))
	}
	return b.String()
}
