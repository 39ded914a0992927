package views

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/product-roles/handbook/generator/internal/testkit"
	"github.com/product-roles/handbook/generator/internal/testkit/fixture"
)

// The classes and flags the theme prints on a matrix follow from its
// style, its columns and its cells.
func TestMatrixLayout(t *testing.T) {
	cols := func(n int) []Ref { return make([]Ref, n) }
	badge := []Row{{Cells: []Cell{{Value: "leads", Label: "Leads"}, {Value: "shares", Label: "Shares"}}}}
	prose := []Row{{Cells: []Cell{{Value: "Years."}, {Value: "leads", Label: "Leads"}}}}
	for _, tc := range []struct {
		name string
		m    Matrix
		want Matrix
	}{
		{"badges, no style, two roles", Matrix{Columns: cols(2), Rows: badge},
			Matrix{Class: "m-badges m-keep", Wrap: "m-fit m-keep-wrap"}},
		{"badges in titled groups", Matrix{Style: StyleOwn, Columns: cols(2), Groups: []Group{{Ref: Ref{Title: "Discovery"}, Rows: badge}}},
			Matrix{Class: "m-own m-badges m-keep", Wrap: "m-fit m-keep-wrap", Grouped: true}},
		{"badges, four columns", Matrix{Style: StyleOwn, Columns: cols(4), Rows: badge},
			Matrix{Class: "m-own m-badges", Wrap: "m-wide", Wide: true}},
		{"one text cell: not badges", Matrix{Style: StyleText, Columns: cols(2), Rows: prose},
			Matrix{Class: "m-text", Wrap: "m-fit"}},
		{"numbers stay a table", Matrix{Style: StyleNums, Columns: cols(3), Rows: prose},
			Matrix{Class: "m-nums m-keep", Wrap: "m-fit m-keep-wrap"}},
		{"a ladder", Matrix{Style: StyleLadder, Columns: cols(5), Rows: prose},
			Matrix{Class: "m-text m-ladder", Wrap: "m-wide", Wide: true, Picker: true}},
		{"untitled groups, no rows", Matrix{Style: StyleOwn, Columns: cols(2), Groups: []Group{{}}},
			Matrix{Class: "m-own", Wrap: "m-fit"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := tc.m
			m.layout()
			m.layout() // twice: the same
			got := Matrix{Class: m.Class, Wrap: m.Wrap, Wide: m.Wide, Grouped: m.Grouped, Picker: m.Picker}
			if got.Class != tc.want.Class || got.Wrap != tc.want.Wrap || got.Wide != tc.want.Wide || got.Grouped != tc.want.Grouped || got.Picker != tc.want.Picker {
				t.Errorf("got %+v\nwant %+v", got, tc.want)
			}
		})
	}
}

// An area with no duties yet is a group of none: its rows are [], never
// null, which the templates that count rows could not take (the home page
// failed on a handbook of 100 synthetic files).
func TestAreaWithoutDutiesHasNoRows(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "content")
	testkit.CopyTree(t, fixture.Mini(t), dir)
	testkit.Write(t, filepath.Join(dir, "areas", "discovery.md"), "---\ntitle: Discovery\nsummary: Finding what to build.\n---\n\nNo duty is in this area yet.\n")
	_, d := load(t, dir)
	data, err := json.Marshal(d.Duties)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, g := range d.Duties.Groups {
		if g.ID == "discovery" {
			found = g.Rows != nil && len(g.Rows) == 0
		}
	}
	if !found || !strings.Contains(string(data), `"rows":[]`) {
		t.Errorf("the empty area's rows are not []: %s", data)
	}
}

// A row of cells is all badges when every cell has a label (none: it is).
func TestAllBadges(t *testing.T) {
	badge, prose := Cell{Value: "leads", Label: "Leads"}, Cell{Value: "Runs the review."}
	for _, c := range []struct {
		name  string
		cells []Cell
		want  bool
	}{
		{"none", []Cell{}, true},
		{"badges", []Cell{badge, badge}, true},
		{"prose", []Cell{prose}, false},
		{"mixed", []Cell{badge, prose}, false},
	} {
		if got := allBadges(c.cells); got != c.want {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
	}
}
