package validate

import (
	"fmt"
	"testing"

	"github.com/product-roles/handbook/generator/internal/ladder"
)

// A memo kept across a series of edits finds, after each, what the checks
// find without one: the findings of an edited file are made again, those
// of the others are the remembered ones.
func TestMemoFindsWhatChecksFindAfterEveryEdit(t *testing.T) {
	const interchangeable = "ladders/pm-track/lead.md"
	const withHelp = "craft: Sets standards for the whole team and checks that the work meets them. => craft: With some help, does the tasks."
	memo := NewMemo(ladder.NewMemo())
	for _, tc := range []struct {
		name   string
		edits  map[string]string
		rename string // a new title for the Junior level, as a fork's settings give it (its file unchanged)
		want   string // a check that must fire after the edit ("" none)
	}{
		{name: "the fixture"},
		{name: "a British spelling in a duty", edits: map[string]string{"duties/backlog.md": "real prose => real prose we prioritise"}, want: "spelling"},
		{name: "the same again", edits: map[string]string{"duties/backlog.md": "real prose => real prose we prioritise"}, want: "spelling"},
		{name: "a field no schema knows", edits: map[string]string{"duties/backlog.md": "\ntitle: => \ncolour: red\ntitle:"}, want: "schema"},
		{name: "a mindset in a level", edits: map[string]string{"ladders/pm-track/lead.md": "Coaches two teams => Is passionate about two teams"}, want: "ladder-mindset"},
		{name: "a level interchangeable with Junior", edits: map[string]string{interchangeable: withHelp}, want: "ladder-interchangeable"},
		{name: "a fork's title for Junior", edits: map[string]string{interchangeable: withHelp}, rename: "Starter", want: "ladder-interchangeable"},
		{name: "the fixture again"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := lintFixture(t, tc.edits)
			if tc.rename != "" {
				for _, p := range m.Pages {
					if p.Front.Title == "Junior" {
						p.Front.Title = tc.rename
					}
				}
			}
			got := append(CheckMemo(m, nil, memo), LaddersMemo(m, "en", nil, memo, nil)...)
			want := append(Check(m, nil), Ladders(m, "en", nil)...)
			if fmt.Sprint(got) != fmt.Sprint(want) {
				t.Fatalf("with the memo:\n%v\nwithout:\n%v", got, want)
			}
			found := false
			for _, d := range got {
				found = found || d.Check == tc.want
			}
			if tc.want != "" && !found {
				t.Errorf("no %s finding in %v", tc.want, got)
			}
		})
	}
}
