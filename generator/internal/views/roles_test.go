package views

import (
	"fmt"
	"strings"
	"testing"

	"github.com/product-roles/handbook/generator/internal/content"
	"github.com/product-roles/handbook/generator/internal/testkit/fixture"
)

func TestAlphabetical(t *testing.T) {
	for _, tc := range []struct {
		lang, titles, order, letters string
	}{
		{"", "Sprint|backlog|Acceptance criteria|Scrum Master|burn-down chart", "Acceptance criteria|backlog|burn-down chart|Scrum Master|Sprint", "A:1 B:2 S:2"},
		// German: umlauts sort with their base letter and group under it.
		{"de", "Zielgruppe|Übergabe|Abnahme|Ursache|Änderung", "Abnahme|Änderung|Übergabe|Ursache|Zielgruppe", "A:2 U:2 Z:1"},
		{"", "3-amigos|Épic|Epic board", "3-amigos|Épic|Epic board", "#:1 E:2"},
	} {
		var rows []Term
		for _, title := range strings.Split(tc.titles, "|") {
			rows = append(rows, Term{Ref: Ref{ID: title, Title: title}})
		}
		sorted, letters := alphabetical(rows, tc.lang)
		var got []string
		for _, r := range sorted {
			got = append(got, r.Title)
		}
		if g := strings.Join(got, "|"); g != tc.order {
			t.Errorf("%s %q: order %q, want %q", tc.lang, tc.titles, g, tc.order)
		}
		var ls []string
		for _, l := range letters {
			ls = append(ls, fmt.Sprintf("%s:%d", l.Title, len(l.Terms)))
			if want := "letter-" + strings.ToLower(strings.ReplaceAll(l.Title, "#", "0")); l.ID != want {
				t.Errorf("letter %s has id %q", l.Title, l.ID)
			}
		}
		if g := strings.Join(ls, " "); g != tc.letters {
			t.Errorf("%s %q: letters %q, want %q", tc.lang, tc.titles, g, tc.letters)
		}
		if rows[0].Title != strings.Split(tc.titles, "|")[0] {
			t.Errorf("alphabetical changed its input")
		}
	}
}

func TestGlimpse(t *testing.T) {
	row := func(id string) Row { return Row{Ref: Ref{ID: id}} }
	duties := Matrix{Corner: "Duty", Columns: []Ref{{ID: "pm", Class: "r-0"}}, Groups: []Group{
		{Rows: []Row{row("a1"), row("a2")}}, {}, {Rows: []Row{row("b1")}}, {Rows: []Row{row("c1")}},
	}}
	for _, tc := range []struct {
		n    int
		want string
	}{{6, "a1 b1 c1"}, {2, "a1 b1"}, {0, ""}} {
		g := glimpse(duties, "caption", tc.n)
		var ids []string
		for _, r := range g.Rows {
			ids = append(ids, r.ID)
		}
		if got := strings.Join(ids, " "); got != tc.want {
			t.Errorf("glimpse of %d: %q, want %q", tc.n, got, tc.want)
		}
		if g.Corner != "Duty" || len(g.Columns) != 1 || g.Columns[0].Class != "r-0" || g.Caption != "caption" {
			t.Errorf("glimpse of %d lost the matrix's head: %+v", tc.n, g)
		}
	}
}

func TestRoleClass(t *testing.T) {
	for i, want := range []string{"r-0", "r-1", "r-2"} {
		if got := RoleClass(i); got != want {
			t.Errorf("RoleClass(%d) = %q, want %q", i, got, want)
		}
	}
}

// The section pages that lead with their data (and a track's page) say so
// in their view: the template reads data_first and keeps no list.
func TestDataFirst(t *testing.T) {
	m, d := load(t, fixture.Mini(t))
	want := map[string]bool{"/compare": true, "/duties": true, "/skills": true, "/roles": true, "/ladders/pm-track": true,
		"/areas": false, "/competencies": false, "/interview": false, "/ladders": false, "/sources": false, "/": false}
	for key, first := range want {
		if m.Get(content.KindSection, strings.TrimPrefix(key, "/")) == nil && key != "/" && key != "/ladders/pm-track" {
			t.Fatalf("the fixture has no section %s", key)
		}
		if got := d.Pages[key].DataFirst; got != first {
			t.Errorf("%s: DataFirst %v, want %v", key, got, first)
		}
	}
}

// A track's page is in the section its Spec's menu entry opens.
func TestTrackParent(t *testing.T) {
	_, d := load(t, fixture.Mini(t))
	if p := d.Pages["/ladders/pm-track"].Parent; p == nil || p.URL != "/ladders/" {
		t.Errorf("the track's parent is %+v, want the ladders section", p)
	}
}
