package validate

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/product-roles/handbook/generator/internal/content"
	"github.com/product-roles/handbook/generator/internal/testkit"
)

// duty is a duty file of the fixture: its title, the two roles' ratings and
// its held_by (line 7 is beta's rating, line 6 alpha's).
func duty(title, alpha, beta, held string) string {
	return fmt.Sprintf("---\ntitle: %s\nsummary: The %s duty.\narea: delivery\nownership:\n  alpha: %s\n  beta: %s\nheld_by: %s\nweight: 3\nsources: [book]\n---\n\nThis fixture page holds enough words to look like real prose for the tests that read it.\n",
		title, strings.ToLower(title), alpha, beta, held)
}

// The duty matrix against held_by: each planted contradiction is reported
// at the rating that contradicts, with file:line:col; consistent ratings
// pass.
func TestHeldBy(t *testing.T) {
	for _, tc := range []struct {
		name  string
		edits []edit
		want  []string // every diagnostic, in order
	}{
		{"a Scrum Master's duty the PO only supports",
			[]edit{{"duties/obstacles.md", "", duty("Obstacles", "none", "supports", "scrum-master")}}, nil},
		{"a Scrum Master's duty a role shares",
			[]edit{{"duties/obstacles.md", "", duty("Obstacles", "none", "shares", "scrum-master")}},
			[]string{`content/duties/obstacles.md:7:9: error: beta is rated "shares", but the Scrum Guide gives obstacles (content/duties/obstacles.md) to the Scrum Master (held_by: scrum-master)`}},
		{"a Developers' duty a role leads",
			[]edit{{"duties/done.md", "", duty("Done", "leads", "supports", "developers")}},
			[]string{`content/duties/done.md:6:10: error: alpha is rated "leads", but the Scrum Guide gives done (content/duties/done.md) to the Developers (held_by: developers)`}},
		{"the Scrum Team's duties rated alike",
			[]edit{
				{"duties/planning.md", "", duty("Planning", "supports", "shares", "scrum-team")},
				{"duties/retro.md", "", duty("Retro", "none", "shares", "scrum-team")},
			}, nil},
		{"a Scrum Team event the member only supports",
			[]edit{
				{"duties/planning.md", "", duty("Planning", "supports", "shares", "scrum-team")},
				{"duties/review.md", "", duty("Review", "supports", "shares", "scrum-team")},
				{"duties/retro.md", "", duty("Retro", "none", "supports", "scrum-team")},
			},
			[]string{`content/duties/retro.md:7:9: error: beta is rated "supports" for retro, but it shares the Scrum Team's other duties (planning, review): the Scrum Team's events are rated alike`}},
		{"a Scrum Team duty a role leads",
			[]edit{{"duties/planning.md", "", duty("Planning", "supports", "leads", "scrum-team")}},
			[]string{`content/duties/planning.md:7:9: error: beta is rated "leads", but the Scrum Guide gives planning (content/duties/planning.md) to the whole Scrum Team (held_by: scrum-team)`}},
		{"every contradiction at once",
			[]edit{
				{"duties/obstacles.md", "", duty("Obstacles", "shares", "shares", "scrum-master")},
				{"duties/planning.md", "", duty("Planning", "supports", "shares", "scrum-team")},
				{"duties/retro.md", "", duty("Retro", "none", "none", "scrum-team")},
			},
			[]string{
				`content/duties/obstacles.md:6:10: error: alpha is rated "shares"`,
				`content/duties/obstacles.md:7:9: error: beta is rated "shares"`,
				`content/duties/retro.md:7:9: error: beta is rated "none" for retro, but it shares the Scrum Team's other duties (planning)`,
			}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ds := checked(t, tc.edits...)
			if len(ds) != len(tc.want) {
				t.Fatalf("want %d diagnostics, got:\n%v", len(tc.want), ds)
			}
			for i, w := range tc.want {
				if got := ds[i].String(); !strings.HasPrefix(got, w) || ds[i].Check != "held-by" || ds[i].Hint == "" {
					t.Errorf("got  %s (%s)\nwant %s… (held-by, with a hint)", got, ds[i].Check, w)
				}
			}
		})
	}
}

// forkChecked loads the fixture handbook with the edits and a fork's files
// (path below company/content -> text) as an overlay layer, and returns
// what Check reports for one check.
func forkChecked(t *testing.T, edits, fork map[string]string, check string) []string {
	t.Helper()
	dir := copyEdited(t, filepath.Join("..", "testdata", "mini"), edits)
	overlay := filepath.Join(t.TempDir(), "content")
	for rel, text := range fork {
		testkit.Write(t, filepath.Join(overlay, rel), text)
	}
	l, err := content.NewLoader()
	if err != nil {
		t.Fatal(err)
	}
	m, diags := l.LoadLayers(content.Layer{Dir: dir, Shown: "content"}, content.Layer{Dir: overlay, Shown: "company/content"})
	if diags.Errors() > 0 {
		t.Fatal(diags)
	}
	m.MergeRoleMaps()
	var got []string
	for _, d := range Check(m, Targets{"/favicon.svg": {}}) {
		if d.Check == check {
			got = append(got, d.String())
		}
	}
	return got
}

// A fork's role that rates an upstream duty against held_by is reported in
// the fork's own file, where the fix belongs.
func TestHeldByForkRole(t *testing.T) {
	got := forkChecked(t, map[string]string{"duties/obstacles.md": duty("Obstacles", "none", "supports", "scrum-master")},
		map[string]string{"roles/gamma.md": "---\ntitle: Gamma role\nsummary: A fork's role.\nabbr: G\nquestion: When?\nreports_to: Alpha.\n" +
			"works_with: [Alpha]\nowns: [Plans]\nsuccess: [On time]\ndefault_value: Not described.\ndefault_ownership: none\ndefault_importance: helpful\n" +
			"ownership:\n  obstacles: shares\nweight: 3\nsources: [book]\n---\n\nThis fixture page holds enough words to look like real prose for the tests that read it.\n"},
		"held-by")
	const want = `company/content/roles/gamma.md:14:14: error: gamma is rated "shares", but the Scrum Guide gives obstacles (content/duties/obstacles.md) to the Scrum Master (held_by: scrum-master)`
	if len(got) != 1 || !strings.HasPrefix(got[0], want) {
		t.Fatalf("want one held-by error %s…, got %q", want, got)
	}
}
