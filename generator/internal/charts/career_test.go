package charts

import (
	"fmt"
	"strconv"
	"strings"
	"testing"
)

// sixRanks is the handbook's shape since the ladders were re-scoped: two
// tracks of six ranks, moves up each track (one skipping a rank), and moves
// across at equal rank both ways.
func sixRanks() ([]Track, []Move) {
	var tracks []Track
	var moves []Move
	for ti, id := range []string{"pm", "po"} {
		t := Track{ID: id, Title: id + " track", Class: "role-" + strconv.Itoa(ti)}
		for r := 1; r <= 6; r++ {
			t.Levels = append(t.Levels, Level{ID: fmt.Sprint("l", r), Title: fmt.Sprintf("%s level %d", id, r), URL: fmt.Sprintf("/ladders/%s/l%d/", id, r), Rank: r})
			if r < 6 {
				moves = append(moves, Move{From: fmt.Sprintf("%s/l%d", id, r), To: fmt.Sprintf("%s/l%d", id, r+1)})
			}
		}
		moves = append(moves, Move{From: id + "/l3", To: id + "/l5"})
		tracks = append(tracks, t)
	}
	for r := 1; r <= 6; r++ {
		moves = append(moves, Move{From: fmt.Sprintf("pm/l%d", r), To: fmt.Sprintf("po/l%d", r), Cross: true},
			Move{From: fmt.Sprintf("po/l%d", r), To: fmt.Sprintf("pm/l%d", r), Cross: true})
	}
	return tracks, moves
}

// No move's line crosses another's: a curve that skips a rank runs on the
// column's outer side, away from the moves between the tracks.
func TestCareerMapLinesDoNotCross(t *testing.T) {
	tracks, moves := sixRanks()
	all := parse(t, CareerMap(en(t), "career", tracks, moves))
	var lines [][]pt
	for _, e := range find(all, "path", "move") {
		lines = append(lines, polyline(t, e.attrs["d"]))
	}
	if len(lines) != len(moves) {
		t.Fatalf("%d move paths, want %d", len(lines), len(moves))
	}
	for i := range lines {
		for j := i + 1; j < len(lines); j++ {
			if p, ok := crossing(lines[i], lines[j]); ok {
				t.Errorf("move %d (%s to %s) crosses move %d (%s to %s) at %v", i, moves[i].From, moves[i].To, j, moves[j].From, moves[j].To, p)
			}
		}
	}
	// Each track's levels carry its class (the theme draws them in the role's colour).
	for _, e := range find(all, "a", "level") {
		track := strings.Split(strings.Trim(e.attrs["href"], "/"), "/")[1]
		want := map[string]string{"pm": "role-0", "po": "role-1"}[track]
		if !strings.Contains(" "+e.attrs["class"]+" ", " "+want+" ") {
			t.Errorf("level %s has class %q, want %s", e.attrs["href"], e.attrs["class"], want)
		}
	}
}

// The old layout drew a skipping curve on the right of the first column,
// through the moves across: the check above sees such a crossing.
func TestCrossingFindsACrossing(t *testing.T) {
	a := polyline(t, "M0,0L10,10")
	b := polyline(t, "M0,10Q5,5 10,0")
	if _, ok := crossing(a, b); !ok {
		t.Error("two lines that cross are not reported")
	}
	c := polyline(t, "M20,0L30,10")
	if _, ok := crossing(a, c); ok {
		t.Error("two lines apart are reported")
	}
}

type pt struct{ x, y float64 }

// polyline reads a path of M, L and Q commands as points (a quadratic curve
// sampled in 24 steps).
func polyline(t *testing.T, d string) []pt {
	t.Helper()
	f := strings.FieldsFunc(d, func(r rune) bool { return r == ',' || r == ' ' })
	var toks []string
	for _, s := range f {
		// split a command letter from its number: "M10" -> "M", "10"
		for len(s) > 0 && strings.ContainsRune("MLQ", rune(s[0])) {
			toks, s = append(toks, s[:1]), s[1:]
		}
		if i := strings.IndexAny(s, "MLQ"); i > 0 {
			toks = append(toks, s[:i], s[i:i+1])
			s = s[i+1:]
		}
		if s != "" {
			toks = append(toks, s)
		}
	}
	num := func(i int) float64 {
		v, err := strconv.ParseFloat(toks[i], 64)
		if err != nil {
			t.Fatalf("path %q: %v", d, err)
		}
		return v
	}
	var out []pt
	for i := 0; i < len(toks); {
		switch toks[i] {
		case "M", "L":
			out = append(out, pt{num(i + 1), num(i + 2)})
			i += 3
		case "Q":
			p0, c, p1 := out[len(out)-1], pt{num(i + 1), num(i + 2)}, pt{num(i + 3), num(i + 4)}
			for k := 1; k <= 24; k++ {
				s := float64(k) / 24
				out = append(out, pt{(1-s)*(1-s)*p0.x + 2*(1-s)*s*c.x + s*s*p1.x, (1-s)*(1-s)*p0.y + 2*(1-s)*s*c.y + s*s*p1.y})
			}
			i += 5
		default:
			t.Fatalf("path %q: unknown command %q", d, toks[i])
		}
	}
	return out
}

// crossing finds a point where two polylines cross, away from their ends
// (two moves may leave the same box).
func crossing(a, b []pt) (pt, bool) {
	for i := 0; i+1 < len(a); i++ {
		for j := 0; j+1 < len(b); j++ {
			if p, ok := segments(a[i], a[i+1], b[j], b[j+1]); ok && !near(p, a[0], a[len(a)-1], b[0], b[len(b)-1]) {
				return p, true
			}
		}
	}
	return pt{}, false
}

func segments(p1, p2, p3, p4 pt) (pt, bool) {
	d := (p2.x-p1.x)*(p4.y-p3.y) - (p2.y-p1.y)*(p4.x-p3.x)
	if d == 0 {
		return pt{}, false
	}
	u := ((p3.x-p1.x)*(p4.y-p3.y) - (p3.y-p1.y)*(p4.x-p3.x)) / d
	v := ((p3.x-p1.x)*(p2.y-p1.y) - (p3.y-p1.y)*(p2.x-p1.x)) / d
	if u < 0 || u > 1 || v < 0 || v > 1 {
		return pt{}, false
	}
	return pt{p1.x + u*(p2.x-p1.x), p1.y + u*(p2.y-p1.y)}, true
}

func near(p pt, ends ...pt) bool {
	for _, e := range ends {
		if (p.x-e.x)*(p.x-e.x)+(p.y-e.y)*(p.y-e.y) < 4 {
			return true
		}
	}
	return false
}
