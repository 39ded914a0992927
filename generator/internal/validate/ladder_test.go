package validate

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/product-roles/handbook/generator/internal/content"
	"github.com/product-roles/handbook/generator/internal/diag"
	"github.com/product-roles/handbook/generator/internal/testkit"
)

// lintFixture loads testdata/ladder (three levels, two competencies, two
// duties, which pass the linter) with the files of edits written over it.
func lintFixture(t *testing.T, edits map[string]string) *content.Model {
	t.Helper()
	dir := copyEdited(t, "testdata/ladder", edits)
	l, err := content.NewLoader()
	if err != nil {
		t.Fatal(err)
	}
	m, diags := l.Load(dir, "content")
	if diags.Errors() > 0 {
		t.Fatal(diags)
	}
	m.MergeRoleMaps()
	return m
}

// copyEdited copies a fixture handbook to a temporary content folder and
// writes each edit over it: a whole file, or "old => new", a replacement
// of the first old in the fixture's file.
func copyEdited(t *testing.T, src string, edits map[string]string) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "content")
	testkit.CopyTree(t, src, dir)
	for rel, data := range edits {
		if old, new, ok := strings.Cut(data, " => "); ok { // a replacement in the fixture's file
			p := filepath.Join(dir, rel)
			src := testkit.Read(t, p)
			if !strings.Contains(src, old) {
				t.Fatalf("%s lacks %q", rel, old)
			}
			data = strings.Replace(src, old, new, 1)
		}
		testkit.Write(t, filepath.Join(dir, rel), data)
	}
	return dir
}

// One row per rule: a crafted file, and the one warning it must produce,
// at its exact place.
func TestLadderLint(t *testing.T) {
	const principal = "---\ntitle: Principal\nsummary: The fourth level.\nrank: 4\nscope: The company.\nexperience: Very much.\nexpectations:\n" +
		"  craft: Writes the engineering and product standards that every team in the company follows, reviews how each team applies them every quarter, and retires the ones that no longer help.\n" +
		"  impact: Builds the coaching programme for all teams, trains the coaches who run it, hires the leads of new teams, and reports to the board on how the teams grow.\n" +
		"sources: [book]\n---\n\nThis fixture page holds enough words to look like real prose for the tests that read it.\n"
	const lead = "ladders/pm-track/lead.md"
	for _, tc := range []struct {
		name  string
		edits map[string]string
		words []string // a fork's own mindset words
		want  string   // the one warning: file:line:col: warning: message (a prefix), or "" for none
		check string
	}{
		{name: "the fixture passes", want: ""},
		{name: "near-duplicate in one level",
			edits: map[string]string{lead: "impact: Coaches two teams and runs the hiring panel. => impact: Sets standards for the whole team and checks that the work meets them weekly."},
			want:  `content/ladders/pm-track/lead.md:9:11: warning: the expectation for "impact" is a near-duplicate of the one for "craft": 0.92 of their word shingles`,
			check: "ladder-duplicate"},
		{name: "near-duplicate of the level below",
			// adds three words (a step at the limit, so no step warning) but keeps 7 of 10 shingles
			edits: map[string]string{lead: "craft: Sets standards for the whole team and checks that the work meets them. => craft: Does tasks alone and reviews the work of others on two teams."},
			want:  `content/ladders/pm-track/lead.md:8:10: warning: the expectation for "craft" is a near-duplicate of the level below's (Senior): 0.70 of their word shingles`,
			check: "ladder-duplicate"},
		{name: "empty step",
			edits: map[string]string{lead: "impact: Coaches two teams and runs the hiring panel. => impact: Coaches colleagues."},
			want:  `content/ladders/pm-track/lead.md:9:11: warning: the step from Senior adds 2 word(s) to the expectation for "impact"; a step adds at least 3`,
			check: "ladder-step"},
		{name: "uneven steps",
			edits: map[string]string{"ladders/pm-track/principal.md": principal,
				lead: "sources: [book] => ready_for_next:\n  - Runs the hiring panel for two teams.\nsources: [book]"},
			want:  `content/ladders/pm-track/principal.md:7:1: warning: the step to this level adds 58 words in all, against a median step of 21.0`,
			check: "ladder-uneven"},
		{name: "interchangeable with a level two ranks down",
			// the same content words as the Junior's craft, in another order: no shingle is shared
			edits: map[string]string{lead: "craft: Sets standards for the whole team and checks that the work meets them. => craft: With some help, does the tasks."},
			want:  `content/ladders/pm-track/lead.md:8:10: warning: the expectation for "craft" is interchangeable with the one at Junior (content/ladders/pm-track/junior.md): 1.00 of their content words are shared`,
			check: "ladder-interchangeable"},
		{name: "mindset word in an expectation",
			edits: map[string]string{lead: "craft: Sets standards => craft: Is passionate about quality. Sets standards"},
			want:  `content/ladders/pm-track/lead.md:8:13: warning: "passionate" names an intention or a mindset`,
			check: "ladder-mindset"},
		{name: "mindset phrase in a readiness signal",
			edits: map[string]string{"ladders/pm-track/junior.md": "  - Works without help. => \n  - \"Wants to work without help.\""},
			want:  `content/ladders/pm-track/junior.md:12:6: warning: "wants to" names an intention or a mindset`,
			check: "ladder-mindset"},
		{name: "mindset word in a translation",
			edits: map[string]string{"ladders/pm-track/junior.de.md": "---\ntitle: Einstieg\nsummary: Die erste Stufe.\nready_for_next:\n  - Möchte ohne Hilfe arbeiten.\n---\n\nText.\n"},
			want:  `content/ladders/pm-track/junior.de.md:5:5: warning: "möchte" names an intention or a mindset`,
			check: "ladder-mindset"},
		{name: "a fork's own mindset word",
			edits: map[string]string{lead: "Coaches two teams => Is hungry for growth and coaches two teams"},
			words: []string{"hungry for"},
			want:  `content/ladders/pm-track/lead.md:9:14: warning: "hungry for" names an intention or a mindset`,
			check: "ladder-mindset"},
		{name: "a duty with two leads",
			edits: map[string]string{"duties/backlog.md": "alpha: supports => alpha: leads"},
			want:  `content/duties/backlog.md:7:9: warning: alpha and beta both lead this duty, and no ownership_note says why`,
			check: "ownership-lead"},
		{name: "a duty with no lead",
			edits: map[string]string{"duties/pricing.md": "alpha: leads => alpha: supports"},
			want:  `content/duties/pricing.md:5:1: warning: no role leads this duty`,
			check: "ownership-lead"},
		{name: "no lead, held by a Scrum accountability",
			edits: map[string]string{"duties/pricing.md": "---\ntitle: Pricing\nsummary: Setting the price.\narea: delivery\nownership:\n  alpha: supports\n  beta: none\n" +
				"held_by: developers\nsources: [book]\n---\n\nText.\n"},
			want: ""},
		{name: "two leads with a note",
			edits: map[string]string{"duties/backlog.md": "---\ntitle: Backlog ordering\nsummary: Deciding what comes next.\narea: delivery\nownership:\n  alpha: leads\n  beta: leads\n" +
				"ownership_note: Alpha orders the platform's backlog, beta the product's.\nsources: [book]\n---\n\nText.\n"},
			want: ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ds := Ladders(lintFixture(t, tc.edits), "en", tc.words)
			if tc.want == "" {
				if len(ds) > 0 {
					t.Fatalf("want no warnings, got\n%v", ds)
				}
				return
			}
			if len(ds) != 1 || !strings.HasPrefix(ds[0].String(), tc.want) || ds[0].Check != tc.check || ds[0].Hint == "" {
				t.Fatalf("want one %s warning %s… with a hint, got\n%v", tc.check, tc.want, ds)
			}
			// --strict makes it an error, like every other warning.
			if s := ds.Strict(); s.Errors() != 1 || s[0].Severity != diag.Error {
				t.Errorf("--strict: %v", s)
			}
		})
	}
}
