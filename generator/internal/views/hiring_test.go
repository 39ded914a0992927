package views

import (
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/product-roles/handbook/generator/internal/content"
	"github.com/product-roles/handbook/generator/internal/testkit"
	"github.com/product-roles/handbook/generator/internal/testkit/fixture"
)

// load reads a content folder as the build does and derives the views.
func load(t *testing.T, dir string) (*content.Model, *Data) {
	t.Helper()
	m := fixture.Load(t, dir)
	return m, Derive(m, fixture.Words(t, "en"))
}

// twoTracks copies the mini handbook with testdata/two-tracks on top (a
// track for the second role, and the guide combined jobs link to) into a
// temporary folder: a fixture with combined jobs that a test may edit.
func twoTracks(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "content")
	testkit.CopyTree(t, fixture.Mini(t), dir)
	if err := os.CopyFS(dir, os.DirFS(filepath.Join("testdata", "two-tracks"))); err != nil {
		t.Fatal(err)
	}
	return dir
}

func jobDuties(j Job) []string {
	var ids []string
	for _, g := range j.Duties {
		for _, r := range g.Rows {
			ids = append(ids, r.ID)
		}
	}
	slices.Sort(ids)
	return ids
}

// dutiesWhere lists the duties some role owns in one of the given ways.
func dutiesWhere(m *content.Model, role string, owns ...string) []string {
	var ids []string
	for _, d := range m.Of(content.KindDuty) {
		if slices.Contains(owns, d.Front.Ownership[role]) {
			ids = append(ids, d.ID)
		}
	}
	slices.Sort(ids)
	return ids
}

func jobsByID(d *Data) map[string]Job {
	out := map[string]Job{}
	for _, j := range d.Jobs {
		out[j.ID] = j
	}
	return out
}

// Every level's job description lists exactly the duties its role leads or
// shares, grouped by their area in the areas' order; every combined role's
// lists exactly the union of the duties either role leads.
func TestJobDescriptionDuties(t *testing.T) {
	m, d := load(t, twoTracks(t))
	jobs := jobsByID(d)
	levels := 0
	for _, tr := range m.Of(content.KindTrack) {
		for _, l := range m.Levels(tr.ID) {
			levels++
			j, ok := jobs[content.LevelID(l)]
			if !ok {
				t.Fatalf("no job description for %s", content.LevelID(l))
			}
			want := dutiesWhere(m, tr.Front.Role, "leads", "shares")
			if got := jobDuties(j); !slices.Equal(got, want) || len(want) == 0 {
				t.Errorf("%s lists duties %v, want %v", j.ID, got, want)
			}
			if j.Title != l.Front.Title || j.URL != l.URL+"job/" || j.Interview != l.URL+"interview/" || len(j.Expectations) != len(l.Front.Expectations) {
				t.Errorf("%s: title %q, urls %s %s, %d expectations", j.ID, j.Title, j.URL, j.Interview, len(j.Expectations))
			}
			for _, g := range j.Duties {
				for _, r := range g.Rows {
					if duty := m.Get(content.KindDuty, r.ID); duty.Front.Area != g.ID {
						t.Errorf("%s: duty %s listed under area %s", j.ID, r.ID, g.ID)
					}
				}
			}
			if v := d.Pages[l.Key]; v.JobURL != j.URL || v.InterviewURL != j.Interview {
				t.Errorf("level page %s links to %q and %q", l.Key, v.JobURL, v.InterviewURL)
			}
		}
	}
	combined := 0
	for _, j := range d.Jobs {
		if len(j.Roles) != 2 {
			continue
		}
		combined++
		union := slices.Compact(slices.Sorted(slices.Values(append(dutiesWhere(m, j.Roles[0].ID, "leads"), dutiesWhere(m, j.Roles[1].ID, "leads")...))))
		if got := jobDuties(j); !slices.Equal(got, union) {
			t.Errorf("combined %s lists duties %v, want the union of led duties %v", j.ID, got, union)
		}
		if j.Warning == "" || j.Guide == nil || j.Guide.URL != "/guides/one-person-both-roles/" || j.Rank < 1 || j.Rank > 2 {
			t.Errorf("combined %s: warning %q, guide %v", j.ID, j.Warning, j.Guide)
		}
	}
	// The fixture's two tracks have two levels each: one job per level, and
	// one combined job per rank both tracks have.
	if levels != 4 || combined != 2 || len(d.Jobs) != 6 || len(d.Guides) != 6 {
		t.Errorf("%d levels, %d combined roles, %d jobs, %d guides; want 4, 2, 6, 6", levels, combined, len(d.Jobs), len(d.Guides))
	}
}

// Changing one duty's ownership in a copy of the fixture changes every job
// description that shows that role, and no other.
func TestOwnershipChangeReachesJobDescriptions(t *testing.T) {
	dir := twoTracks(t)
	m, before := load(t, dir)
	duty := m.Get(content.KindDuty, "backlog")
	if duty == nil || duty.Front.Ownership["alpha"] != "supports" || duty.Front.Ownership["beta"] != "leads" {
		t.Fatalf("the test expects backlog led by beta and supported by alpha: %v", duty.Front.Ownership)
	}
	file := filepath.Join(dir, "duties", "backlog.md")
	src := testkit.Read(t, file)
	edited := strings.Replace(strings.Replace(src, "alpha: supports", "alpha: leads", 1), "beta: leads", "beta: supports", 1)
	if edited == src {
		t.Fatal("edit did not apply")
	}
	if err := os.WriteFile(file, []byte(edited), 0o644); err != nil {
		t.Fatal(err)
	}
	m, after := load(t, dir)
	old, now := jobsByID(before), jobsByID(after)
	seen := map[string]int{} // jobs by their roles
	for _, id := range slices.Sorted(maps.Keys(now)) {
		j := now[id]
		roles := []string{}
		for _, r := range j.Roles {
			roles = append(roles, r.ID)
		}
		seen[strings.Join(roles, "+")]++
		had, has := slices.Contains(jobDuties(old[id]), "backlog"), slices.Contains(jobDuties(j), "backlog")
		switch {
		case len(roles) == 2: // combined: one role still leads it
			if !had || !has {
				t.Errorf("%s: backlog ordering before %v, after %v; want it in both", id, had, has)
			}
		case roles[0] == "alpha":
			if had || !has {
				t.Errorf("%s: backlog ordering before %v, after %v; want it added", id, had, has)
			}
		case roles[0] == "beta":
			if !had || has {
				t.Errorf("%s: backlog ordering before %v, after %v; want it gone", id, had, has)
			}
		}
		if want := dutiesWhere(m, roles[0], "leads", "shares"); len(roles) == 1 && !slices.Equal(jobDuties(j), want) {
			t.Errorf("%s after the change: %v, want %v", id, jobDuties(j), want)
		}
	}
	if seen["alpha"] != 2 || seen["beta"] != 2 || seen["alpha+beta"]+seen["beta+alpha"] != 2 {
		t.Errorf("jobs by roles: %v; want two of each role and two combined", seen)
	}
}

// A guide shows, for every competency of the level, the questions that fit
// it with the signals of the highest band at or below the level's rank.
func TestInterviewGuideSignals(t *testing.T) {
	m, d := load(t, fixture.Mini(t))
	_ = m
	var senior *Guide
	for i := range d.Guides {
		if d.Guides[i].ID == "pm-track/senior" {
			senior = &d.Guides[i]
		}
	}
	if senior == nil {
		t.Fatalf("no guide for pm-track/senior: %v", d.Guides)
	}
	if len(senior.Competencies) != 2 || senior.Competencies[0].ID != "craft" || len(senior.Competencies[0].Questions) != 1 {
		t.Fatalf("competencies: %+v", senior.Competencies)
	}
	q := senior.Competencies[0].Questions[0]
	if q.Weak != "Needed help throughout." || q.Strong != "Taught someone else." || q.FollowUps[0] != "Who helped you?" {
		t.Errorf("senior sees signals %+v, want the from_rank 2 band", q)
	}
	if j := d.Guides[0]; j.ID != "pm-track/junior" || j.Competencies[0].Questions[0].Weak != "Cannot name a task." {
		t.Errorf("junior guide: %+v", j)
	}
}

// A company's overlay that adds a role with a track gets job descriptions
// and interview guides for it, and its own questions join the guides.
func TestOverlayRoleAndQuestions(t *testing.T) {
	overlay := t.TempDir()
	files := map[string]string{
		"roles/gamma.md":            "---\ntitle: Gamma role\nsummary: A company's own role.\nabbr: G\nquestion: Who?\nreports_to: Alpha.\nworks_with: [Everyone]\nowns: [Plans]\nsuccess: [Delivery]\ntrack: g-track\nownership: {pricing: leads}\nsources: [book]\n---\nProse.\n",
		"ladders/g-track/_index.md": "---\ntitle: G track\nsummary: The company's track.\nrole: gamma\n---\nProse.\n",
		"ladders/g-track/g1.md":     "---\ntitle: G one\nsummary: The first G level.\nrank: 1\nscope: Some.\nexperience: Some.\nexpectations: {craft: Crafts., impact: Impacts.}\nsources: [book]\n---\nProse.\n",
		"interview/company-craft.md": "---\ntitle: Company craft\nsummary: The company's own question.\ncompetency: craft\ntracks: [pm-track, g-track]\nranks: {from: 1, to: 1}\nquestion: What did you make here?\n" +
			"signals:\n  - from_rank: 1\n    weak: Nothing.\n    solid: Something.\n    strong: Something good.\nred_flags: [None]\n---\nProse.\n",
	}
	for name, data := range files {
		testkit.Write(t, filepath.Join(overlay, name), data)
	}
	l, err := content.NewLoader()
	if err != nil {
		t.Fatal(err)
	}
	m, diags := l.LoadLayers(content.Layer{Dir: fixture.Mini(t), Shown: "content"},
		content.Layer{Dir: overlay, Shown: "company/content"})
	if diags.Errors() > 0 {
		t.Fatal(diags)
	}
	m.MergeRoleMaps()
	d := Derive(m, fixture.Words(t, "en"))
	jobs := jobsByID(d)
	g1, ok := jobs["g-track/g1"]
	if !ok || g1.Title != "G one" || g1.URL != "/ladders/g-track/g1/job/" || !slices.Equal(jobDuties(g1), []string{"pricing"}) {
		t.Errorf("the company's role: %+v (jobs %v)", g1, slices.Sorted(maps.Keys(jobs)))
	}
	if c, ok := jobs["gamma-and-alpha/rank-1"]; !ok || !slices.Equal(jobDuties(c), []string{"pricing"}) || c.Title != "Gamma role and Alpha role, level 1" {
		t.Errorf("combined gamma and alpha: %+v", c)
	}
	for _, id := range []string{"pm-track/junior", "g-track/g1"} {
		found := false
		for _, g := range d.Guides {
			if g.ID != id {
				continue
			}
			for _, q := range g.Competencies[0].Questions {
				found = found || q.ID == "company-craft"
			}
			for _, q := range g.Competencies[0].More {
				found = found || q.ID == "company-craft"
			}
		}
		if !found {
			t.Errorf("the company's question is not in the guide for %s", id)
		}
	}
}

// A job's duty carries a tag for each role that leads or shares it; a
// combined job names the role by its abbreviation, the words in lower case.
func TestDutyTags(t *testing.T) {
	leads, shares := Cell{Value: "leads", Label: "Leads"}, Cell{Value: "shares", Label: "Shares"}
	supports, unset := Cell{Value: "supports", Label: "Supports"}, Cell{Value: "unset", Label: "Unset"}
	for _, c := range []struct {
		name  string
		cells []Cell
		abbrs []string
		want  []Tag
	}{
		{"one role leads", []Cell{leads}, []string{"PM"}, []Tag{{"t-leads", "Leads"}}},
		{"one role shares", []Cell{shares}, []string{"PM"}, []Tag{{"t-shares", "Shares"}}},
		{"one role supports", []Cell{supports}, []string{"PM"}, nil},
		{"combined", []Cell{leads, shares}, []string{"PM", "PO"}, []Tag{{"t-leads", "PM leads"}, {"t-shares", "PO shares"}}},
		{"combined, one unset", []Cell{unset, leads}, []string{"PM", "PO"}, []Tag{{"t-leads", "PO leads"}}},
	} {
		if got := dutyTags(c.cells, c.abbrs); !slices.Equal(got, c.want) {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
	}
}
