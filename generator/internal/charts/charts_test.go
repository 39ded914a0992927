package charts

import (
	"encoding/xml"
	"errors"
	"io"
	"slices"
	"strings"
	"testing"
)

// elem is an element of a parsed chart.
type elem struct {
	name  string
	attrs map[string]string
	text  string // character data directly inside it
	path  []string
}

func (e elem) class() []string { return strings.Fields(e.attrs["class"]) }

func (e elem) is(class string) bool { return slices.Contains(e.class(), class) }

// parse decodes the whole chart as XML and fails the test if it is not one
// well-formed <svg> element in the SVG namespace.
func parse(t *testing.T, s string) []*elem {
	t.Helper()
	d := xml.NewDecoder(strings.NewReader(s))
	var all, stack []*elem
	roots := 0
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatalf("not XML: %v\n%s", err, s)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			e := &elem{name: tok.Name.Local, attrs: map[string]string{}}
			for _, a := range tok.Attr {
				e.attrs[a.Name.Local] = a.Value
			}
			for _, p := range stack {
				e.path = append(e.path, p.name)
			}
			if len(stack) == 0 {
				roots++
				if tok.Name.Space != svgNS || e.name != "svg" {
					t.Fatalf("root is %s in %q, want svg in the SVG namespace", e.name, tok.Name.Space)
				}
			}
			all = append(all, e)
			stack = append(stack, e)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		case xml.CharData:
			if len(stack) > 0 {
				stack[len(stack)-1].text += string(tok)
			} else if strings.TrimSpace(string(tok)) != "" {
				t.Fatalf("text outside the svg: %q", tok)
			}
		}
	}
	if roots != 1 {
		t.Fatalf("%d root elements, want 1", roots)
	}
	return all
}

// checkSVG runs the checks every chart must pass and returns its elements.
func checkSVG(t *testing.T, out, id string) []*elem {
	t.Helper()
	all := parse(t, out)
	root := all[0]
	hasLinks := false
	for _, e := range all {
		if e.name == "a" {
			hasLinks = true
		}
	}
	// An image cannot hold interactive content (axe: nested-interactive);
	// a chart with links is a group.
	if want := map[bool]string{false: "img", true: "group"}[hasLinks]; root.attrs["role"] != want {
		t.Errorf("role = %q, want %s", root.attrs["role"], want)
	}
	if root.attrs["viewBox"] == "" {
		t.Error("no viewBox")
	}
	// The career map is drawn 1:1 (its own width and height, equal to its
	// viewBox's), so that its text keeps one size; the others scale.
	sized := []string{"width", "height"}
	if id == "career" {
		if want := "0 0 " + root.attrs["width"] + " " + root.attrs["height"]; root.attrs["viewBox"] != want {
			t.Errorf("viewBox %q, want %q: the career map is drawn at its own size", root.attrs["viewBox"], want)
		}
		sized = nil
	}
	for _, a := range append(sized, "style") {
		if _, ok := root.attrs[a]; ok {
			t.Errorf("the svg has a %s attribute", a)
		}
	}
	ids := map[string]*elem{}
	for _, e := range all {
		if v, ok := e.attrs["id"]; ok {
			if ids[v] != nil {
				t.Errorf("id %q used twice", v)
			}
			if !strings.HasPrefix(v, id+"-") {
				t.Errorf("id %q does not start with the prefix %q", v, id+"-")
			}
			ids[v] = e
		}
		if _, ok := e.attrs["style"]; ok {
			t.Errorf("<%s> has a style attribute", e.name)
		}
		if e.name == "text" && len(e.class()) == 0 {
			t.Errorf("<text> %q has no class", e.text)
		}
		if e.name == "script" || e.name == "foreignObject" || e.name == "image" || e.name == "style" {
			t.Errorf("chart has a <%s>", e.name)
		}
	}
	labels := strings.Fields(root.attrs["aria-labelledby"])
	if len(labels) != 2 {
		t.Fatalf("aria-labelledby = %q, want a title and a desc", root.attrs["aria-labelledby"])
	}
	for i, want := range []string{"title", "desc"} {
		e := ids[labels[i]]
		if e == nil || e.name != want || len(e.path) != 1 {
			t.Errorf("aria-labelledby names %q, which is not a <%s> of the svg", labels[i], want)
		} else if strings.TrimSpace(e.text) == "" {
			t.Errorf("the <%s> is empty", want)
		}
	}
	if strings.Contains(strings.ToLower(out), "style=") {
		t.Error("output contains style=")
	}
	if rest := strings.ReplaceAll(out, `xmlns="`+svgNS+`"`, ""); strings.Contains(strings.ToLower(rest), "http") {
		t.Error("output contains an http URL besides the SVG namespace")
	}
	if strings.Contains(out, "<script") {
		t.Error("output contains <script")
	}
	return all
}

// find returns the elements with this name and class.
func find(all []*elem, name, class string) []*elem {
	var out []*elem
	for _, e := range all {
		if e.name == name && e.is(class) {
			out = append(out, e)
		}
	}
	return out
}

func desc(all []*elem) string {
	for _, e := range all {
		if e.name == "desc" {
			return e.text
		}
	}
	return ""
}

// The real handbook's two tracks and their moves.
func handbookTracks() ([]Track, []Move) {
	lv := func(track, id, title string, rank int) Level {
		return Level{ID: id, Title: title, URL: "/ladders/" + track + "/" + id + "/", Rank: rank}
	}
	pm, po := "product-management", "product-ownership"
	tracks := []Track{
		{ID: pm, Title: "Product management track", Levels: []Level{
			lv(pm, "associate-product-manager", "Associate Product Manager", 1),
			lv(pm, "product-manager", "Product Manager", 2),
			lv(pm, "senior-product-manager", "Senior Product Manager", 3),
			lv(pm, "group-product-manager", "Group Product Manager / Head of Product", 4),
			lv(pm, "director-of-product-management", "Director of Product Management", 5),
		}},
		{ID: po, Title: "Product ownership track", Levels: []Level{
			lv(po, "junior-product-owner", "Junior Product Owner", 1),
			lv(po, "product-owner", "Product Owner", 2),
			lv(po, "senior-product-owner", "Senior Product Owner", 3),
			lv(po, "lead-product-owner", "Lead Product Owner", 4),
			lv(po, "director-of-agile-practices", "Program Manager / Director of Agile Practices", 5),
		}},
	}
	var moves []Move
	for _, m := range [][2]string{
		{pm + "/associate-product-manager", pm + "/product-manager"},
		{pm + "/associate-product-manager", po + "/product-owner"},
		{pm + "/product-manager", pm + "/senior-product-manager"},
		{pm + "/product-manager", po + "/senior-product-owner"},
		{pm + "/senior-product-manager", pm + "/group-product-manager"},
		{pm + "/senior-product-manager", po + "/lead-product-owner"},
		{pm + "/group-product-manager", pm + "/director-of-product-management"},
		{pm + "/group-product-manager", po + "/director-of-agile-practices"},
		{pm + "/director-of-product-management", po + "/director-of-agile-practices"},
		{po + "/junior-product-owner", po + "/product-owner"},
		{po + "/junior-product-owner", pm + "/associate-product-manager"},
		{po + "/product-owner", po + "/senior-product-owner"},
		{po + "/product-owner", pm + "/product-manager"},
		{po + "/senior-product-owner", po + "/lead-product-owner"},
		{po + "/senior-product-owner", pm + "/senior-product-manager"},
		{po + "/lead-product-owner", po + "/director-of-agile-practices"},
		{po + "/lead-product-owner", pm + "/group-product-manager"},
		{po + "/director-of-agile-practices", pm + "/director-of-product-management"},
	} {
		from, _, _ := strings.Cut(m[0], "/")
		to, _, _ := strings.Cut(m[1], "/")
		moves = append(moves, Move{From: m[0], To: m[1], Cross: from != to})
	}
	return tracks, moves
}

func TestCareerMap(t *testing.T) {
	tracks, moves := handbookTracks()
	three := append(slices.Clone(tracks), Track{ID: "x", Title: "Third <script>alert(1)</script> track", Levels: []Level{
		{ID: "a", Title: "A <script>", URL: "javascript:alert(1)", Rank: 1},
		{ID: "b", Title: "B & \"C\"", Rank: 3},
	}})
	threeMoves := append(slices.Clone(moves),
		Move{From: "x/a", To: "x/b"}, // skips rank 2
		Move{From: "x/b", To: "x/a"}, // goes down
		Move{From: "x/a", To: "product-management/product-manager", Cross: true}, // past a column
		Move{From: "x/a", To: "nowhere/else", Cross: true},                       // unknown: not drawn
	)
	tests := []struct {
		name         string
		tracks       []Track
		moves        []Move
		boxes, links int
		up, cross    int
		inDesc       []string
	}{
		{"handbook", tracks, moves, 10, 10, 8, 10, []string{
			"2 tracks", "rank 1 at the bottom", "8 moves within a track and 10 moves between tracks",
			"Product management track: 5 levels, Associate Product Manager (rank 1)",
			"Program Manager / Director of Agile Practices to Director of Product Management"}},
		{"three tracks, escaping and odd moves", three, threeMoves, 12, 10, 10, 11, []string{
			"3 tracks", "Third <script>alert(1)</script> track: 2 levels", "10 moves within a track and 11 moves between tracks"}},
		{"one level, no moves", []Track{{ID: "t", Title: "T", Levels: []Level{{ID: "l", Title: "L", URL: "/l/", Rank: 1}}}}, nil,
			1, 1, 0, 0, []string{"1 track", "T: 1 level, L (rank 1)", "0 moves within a track and 0 moves between tracks"}},
		{"empty", nil, nil, 0, 0, 0, 0, []string{"no tracks"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out := CareerMap(en(t), "career", tc.tracks, tc.moves)
			if again := CareerMap(en(t), "career", tc.tracks, tc.moves); again != out {
				t.Error("two calls give different output")
			}
			all := checkSVG(t, out, "career")
			if n := len(find(all, "rect", "level-box")); n != tc.boxes {
				t.Errorf("%d level boxes, want %d", n, tc.boxes)
			}
			var links int
			for _, e := range all {
				if e.name == "a" {
					links++
					if !strings.HasPrefix(e.attrs["href"], "/ladders/") && e.attrs["href"] != "/l/" {
						t.Errorf("link to %q", e.attrs["href"])
					}
				}
			}
			if links != tc.links {
				t.Errorf("%d links, want %d", links, tc.links)
			}
			if n := len(find(all, "path", "move-up")); n != tc.up {
				t.Errorf("%d move-up paths, want %d", n, tc.up)
			}
			if n := len(find(all, "path", "move-cross")); n != tc.cross {
				t.Errorf("%d move-cross paths, want %d", n, tc.cross)
			}
			markers := map[string]bool{}
			for _, e := range all {
				if e.name == "marker" {
					markers["url(#"+e.attrs["id"]+")"] = true
				}
			}
			for _, e := range find(all, "path", "move") {
				if !markers[e.attrs["marker-end"]] {
					t.Errorf("move has marker-end %q, not a marker of the chart", e.attrs["marker-end"])
				}
			}
			d := desc(all)
			for _, want := range tc.inDesc {
				if !strings.Contains(d, want) {
					t.Errorf("desc does not say %q:\n%s", want, d)
				}
			}
		})
	}
}

// Long level names wrap onto two lines, breaking after the slash.
func TestCareerMapWrapsTitles(t *testing.T) {
	tracks, _ := handbookTracks()
	all := parse(t, CareerMap(en(t), "c", tracks, nil))
	var lines []string
	for _, e := range all {
		if e.name == "tspan" && slices.Contains(e.path, "a") {
			lines = append(lines, e.text)
		}
	}
	for _, want := range []string{"Group Product Manager /", "Head of Product", "Program Manager /", "Director of Agile Practices"} {
		if !slices.Contains(lines, want) {
			t.Errorf("no line %q in %q", want, lines)
		}
	}
}

func TestOverlap(t *testing.T) {
	labels := []string{"Leads", "Shares", "Supports", "Not involved"}
	rows := func(counts ...[]int) []OverlapRow {
		var out []OverlapRow
		for i, c := range counts {
			out = append(out, OverlapRow{Label: labels[i], Counts: c})
		}
		return out
	}
	tests := []struct {
		name   string
		roles  []string
		rows   []OverlapRow
		values []string // the numbers written after the bars, in order
		inDesc []string
	}{
		{"two roles", []string{"Product Manager", "Product Owner"}, rows([]int{9, 5}, []int{4, 4}, []int{3, 7}, []int{0, 0}),
			[]string{"9", "5", "4", "4", "3", "7", "0", "0"},
			[]string{"Product Manager and Product Owner", "Leads: Product Manager 9, Product Owner 5.", "Not involved: Product Manager 0, Product Owner 0."}},
		{"three roles, short and negative counts", []string{"Product Manager", "Product Owner", "Scrum Master"},
			rows([]int{9, 5, 1}, []int{4}, []int{-2, 7, 2}),
			[]string{"9", "5", "1", "4", "0", "0", "0", "7", "2"},
			[]string{"Product Manager, Product Owner and Scrum Master", "Shares: Product Manager 4, Product Owner 0, Scrum Master 0."}},
		{"escaping", []string{"<script>alert(1)</script>", "A & B"}, []OverlapRow{{Label: `"Leads" <b>`, Counts: []int{1, 2}}},
			[]string{"1", "2"}, []string{"<script>alert(1)</script> and A & B", `"Leads" <b>: <script>alert(1)</script> 1, A & B 2.`}},
		{"no data", nil, nil, nil, []string{"no data"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out := Overlap(en(t), "overlap", tc.roles, tc.rows)
			if again := Overlap(en(t), "overlap", tc.roles, tc.rows); again != out {
				t.Error("two calls give different output")
			}
			all := checkSVG(t, out, "overlap")
			bars := find(all, "rect", "bar")
			if len(bars) != len(tc.roles)*len(tc.rows) {
				t.Fatalf("%d bars, want %d", len(bars), len(tc.roles)*len(tc.rows))
			}
			for i, b := range bars {
				if want := "role-" + string(rune('0'+i%len(tc.roles))); !b.is(want) {
					t.Errorf("bar %d has classes %q, want %s", i, b.attrs["class"], want)
				}
			}
			if n := len(find(all, "rect", "legend-swatch")); n != len(tc.roles) {
				t.Errorf("%d legend entries, want %d", n, len(tc.roles))
			}
			var values []string
			for _, e := range find(all, "text", "bar-value") {
				values = append(values, e.text)
			}
			if !slices.Equal(values, tc.values) {
				t.Errorf("values %q, want %q", values, tc.values)
			}
			d := desc(all)
			for _, want := range tc.inDesc {
				if !strings.Contains(d, want) {
					t.Errorf("desc does not say %q:\n%s", want, d)
				}
			}
		})
	}
}

func TestProfile(t *testing.T) {
	levels := []string{"Associate Product Manager", "Product Manager", "Senior Product Manager",
		"Group Product Manager / Head of Product", "Director of Product Management"}
	comps := []string{"Discovery and user research", "Strategy and vision", "Stakeholder management and communication", "Delivery"}
	cells := [][]string{
		{"new", "changed", "changed", "same", "changed"},
		{"new", "changed", "changed", "changed", "changed"},
		{"new", "same", "changed", "changed", "same"},
		{"new", "changed", "same", "same", "same"},
	}
	tests := []struct {
		name    string
		comps   []string
		levels  []string
		current int
		cells   [][]string
		counts  map[string]int // circles per status class
		inDesc  []string
	}{
		{"senior PM", comps, levels, 2, cells, map[string]int{"cell-new": 4, "cell-changed": 10, "cell-same": 6},
			[]string{"4 competencies", "5 levels", "Highlighted: Senior Product Manager, column 3 of 5.",
				"Changed from the level below: Discovery and user research, Strategy and vision and Stakeholder management and communication.",
				"Same as the level below: Delivery.", "Associate Product Manager: 4 new at this level;"}},
		{"no current, missing and odd cells", comps[:2], levels[:3], -1, [][]string{{"new", "bogus"}},
			map[string]int{"cell-new": 1, "cell-unset": 5},
			[]string{"2 competencies", "Product Manager: 2 not described;"}},
		{"escaping", []string{"<script>alert(1)</script>"}, []string{"L & <b>"}, 0, [][]string{{"new"}},
			map[string]int{"cell-new": 1}, []string{"Highlighted: L & <b>", "New at this level: <script>alert(1)</script>."}},
		{"no data", nil, nil, 0, nil, nil, []string{"no data"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out := Profile(en(t), "profile", tc.comps, tc.levels, tc.current, tc.cells)
			if again := Profile(en(t), "profile", tc.comps, tc.levels, tc.current, tc.cells); again != out {
				t.Error("two calls give different output")
			}
			all := checkSVG(t, out, "profile")
			circles := find(all, "circle", "cell")
			if len(circles) != len(tc.comps)*len(tc.levels) {
				t.Errorf("%d cells, want %d", len(circles), len(tc.comps)*len(tc.levels))
			}
			for class, want := range tc.counts {
				n := 0
				for _, c := range circles {
					if c.is(class) {
						n++
					}
				}
				if n != want {
					t.Errorf("%d %s cells, want %d", n, class, want)
				}
			}
			highlight := find(all, "rect", "current")
			labels := find(all, "text", "current")
			if inRange := tc.current >= 0 && tc.current < len(tc.levels); inRange != (len(highlight) == 1 && len(labels) == 1) {
				t.Errorf("%d current columns and %d current labels, want them iff current is in range", len(highlight), len(labels))
			}
			if n := len(find(all, "text", "level-label")); n != len(tc.levels) {
				t.Errorf("%d level labels, want %d", n, len(tc.levels))
			}
			d := desc(all)
			for _, want := range tc.inDesc {
				if !strings.Contains(d, want) {
					t.Errorf("desc does not say %q:\n%s", want, d)
				}
			}
		})
	}
}

// Two charts on one page get distinct ids, and odd prefixes are made safe.
func TestIDs(t *testing.T) {
	tracks, moves := handbookTracks()
	for _, tc := range []struct{ in, want string }{
		{"career", "career"}, {"pm track", "pm-track"}, {`x"><script>`, "x---script"}, {"", "chart"}, {"1st", "chart-1st"},
	} {
		all := parse(t, CareerMap(en(t), tc.in, tracks, moves))
		if got := all[0].attrs["aria-labelledby"]; got != tc.want+"-title "+tc.want+"-desc" {
			t.Errorf("id %q: aria-labelledby = %q, want prefix %q", tc.in, got, tc.want)
		}
	}
	a, b := Overlap(en(t), "a", []string{"x"}, []OverlapRow{{"Leads", []int{1}}}), Overlap(en(t), "b", []string{"x"}, []OverlapRow{{"Leads", []int{1}}})
	if a == b || strings.Contains(b, `id="a-`) {
		t.Error("the id prefix does not reach the ids")
	}
}

func TestWrap(t *testing.T) {
	for _, tc := range []struct {
		in       string
		width, n int
		want     []string
	}{
		{"Product Manager", 28, 2, []string{"Product Manager"}},
		{"Group Product Manager / Head of Product", 28, 2, []string{"Group Product Manager /", "Head of Product"}},
		{"Director of Product Management", 17, 3, []string{"Director of", "Product", "Management"}},
		{"Program Manager / Director of Agile Practices", 17, 3, []string{"Program Manager /", "Director of Agile", "Practices"}},
		{"one two three four five six", 9, 2, []string{"one two", "three fo…"}},
		{"Supercalifragilistic", 8, 2, []string{"Superca…"}},
		{"A / B", 28, 2, []string{"A / B"}},
		{"", 10, 2, []string{""}},
	} {
		if got := wrap(tc.in, tc.width, tc.n); !slices.Equal(got, tc.want) {
			t.Errorf("wrap(%q, %d, %d) = %q, want %q", tc.in, tc.width, tc.n, got, tc.want)
		}
	}
}
