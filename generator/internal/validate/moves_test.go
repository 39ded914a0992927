package validate

import (
	"strings"
	"testing"

	"github.com/product-roles/handbook/generator/internal/diag"
)

// A move to another track keeps its rank: one row per case, on the ladder
// fixture with a second track of two levels (ranks 1 and 2).
func TestCrossTrackMovesKeepRank(t *testing.T) {
	track := "---\ntitle: PO track\nsummary: The second track.\nrole: beta\n---\n\nText.\n"
	level := func(title string, rank int) string {
		return "---\ntitle: " + title + "\nsummary: A level.\nrank: " + string(rune('0'+rank)) + "\nscope: One team.\nexperience: Some.\n" +
			"expectations:\n  craft: Keeps the backlog of " + title + " ordered by value.\n  impact: Tells the team what comes next and why.\nsources: [book]\n---\n\nText.\n"
	}
	const junior = "ladders/pm-track/junior.md"
	for _, tc := range []struct {
		name, move, want string
	}{
		{name: "to the same rank", move: "po-track/one"},
		{name: "up a rank", move: "po-track/two",
			want: `content/ladders/pm-track/junior.md:15:9: warning: the move to Two (po-track/two, rank 2) leaves rank 1: a move to another track goes to the level of the same rank`},
		{name: "within the track", move: "pm-track/lead"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := lintFixture(t, map[string]string{
				"ladders/po-track/_index.md": track,
				"ladders/po-track/one.md":    level("One", 1),
				"ladders/po-track/two.md":    level("Two", 2),
				junior:                       "    note: The next step. =>     note: The next step.\n  - to: " + tc.move + "\n    note: Across.",
			})
			var ds diag.List
			for _, d := range Ladders(m, "en", nil) {
				if d.Check == "ladder-cross-rank" {
					ds = append(ds, d)
				}
			}
			if tc.want == "" {
				if len(ds) > 0 {
					t.Fatalf("want no cross-rank warning, got\n%v", ds)
				}
				return
			}
			if len(ds) != 1 || !strings.HasPrefix(ds[0].String(), tc.want) || ds[0].Hint == "" {
				t.Fatalf("want %s… with a hint, got\n%v", tc.want, ds)
			}
			if s := ds.Strict(); s.Errors() != 1 {
				t.Errorf("--strict: %v", s)
			}
		})
	}
}
