package release

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
)

// TestPullRequestSummary makes one commit per kind of change on a branch,
// and checks that the summary against the branch it started from lists
// each change once, worded and linked to the preview, and names the
// release bump; a branch that only moves whitespace has no change for readers.
func TestPullRequestSummary(t *testing.T) {
	const preview = "https://deploy-preview-7--handbook.example/"
	r := newRepo(t)
	r.git("checkout", "-q", "-b", "topic")
	commits := []struct {
		name string
		edit func()
		want []string // lines of the summary
	}{
		{"ownership change", func() { r.edit("duties/backlog.md", "alpha: supports", "alpha: leads") },
			[]string{"- **minor** [Backlog ordering](" + preview + "duties/backlog/): A: supports → leads (`duties/backlog.md`)"}},
		{"expectation reworded", func() {
			r.edit("ladders/pm-track/junior.md", "craft: Does tasks with help.", "craft: Does small tasks with some help.")
		}, []string{"- **minor** [Junior](" + preview + "ladders/pm-track/junior/): Craft expectation reworded: Does **small** tasks with **some** help. (`ladders/pm-track/junior.md`)"}},
		{"level added", func() {
			r.write("ladders/pm-track/principal.md", "---\ntitle: Principal\nsummary: The top.\nrank: 4\nscope: All.\nexperience: Much.\n"+
				"expectations:\n  craft: Sets the standard.\n  impact: Changes the company.\nsources: [book]\n---\n"+prose)
		}, []string{"- **minor** [Principal](" + preview + "ladders/pm-track/principal/): level added at rank 4 (`ladders/pm-track/principal.md`)"}},
		{"level renamed", func() { r.edit("ladders/pm-track/senior.md", "title: Senior", "title: Senior Product Lead") },
			[]string{"- **minor** [Senior Product Lead](" + preview + "ladders/pm-track/senior/): level renamed from Senior (`ladders/pm-track/senior.md`)"}},
		{"level re-ranked", func() { r.edit("ladders/pm-track/senior.md", "rank: 2", "rank: 3") },
			[]string{"- **major** [Senior Product Lead](" + preview + "ladders/pm-track/senior/): rank 2 → 3 (`ladders/pm-track/senior.md`)"}},
		{"dimension value changed", func() { r.edit("compare/horizon.md", "beta: Sprints.", "beta: Sprints and releases.") },
			[]string{"- **minor** [Horizon](" + preview + "compare/horizon/): B value changed: Sprints **and releases**. (`compare/horizon.md`)"}},
		{"page added", func() {
			r.write("duties/roadmap.md", "---\ntitle: Roadmap\nsummary: Planning ahead.\narea: delivery\nownership:\n  alpha: leads\n  beta: supports\nsources: [book]\n---\n"+prose)
		}, []string{"- **minor** [Roadmap](" + preview + "duties/roadmap/): duty added (A leads, B supports) (`duties/roadmap.md`)"}},
		{"page removed", func() { r.remove("interview/impact-story.md") },
			[]string{"- **minor** Helping the team: interview removed (`interview/impact-story.md`)"}},
	}
	var want []string
	for _, c := range commits {
		c.edit()
		r.commit(c.name)
		want = append(want, c.want...)
	}
	dir := filepath.Join(r.dir, "content")
	rd := r.reader()
	s, err := rd.Review(context.Background(), "main", dir)
	if err != nil {
		t.Fatal(err)
	}
	s.Preview = preview
	md := s.Markdown()
	t.Logf("the summary:\n%s", md)
	lines := strings.Split(md, "\n")
	for _, w := range want {
		if n := count(lines, w); n != 1 {
			t.Errorf("%d times in the summary, want once: %s", n, w)
		}
	}
	if n := countPrefix(lines, "- "); n != len(want) {
		t.Errorf("the summary lists %d changes, want %d", n, len(want))
	}
	if !strings.Contains(md, "8 changes since the merge base `"+r.git("rev-parse", "main")[:12]+"`. They need a **major** release (a level or competency is removed or re-ranked;") {
		t.Errorf("the summary does not name the merge base and the major bump")
	}

	// Only whitespace: re-indented front matter, a blank line and trailing
	// spaces in the prose.
	r.git("checkout", "-q", "-b", "tidy", "main")
	r.edit("duties/pricing.md", "ownership:\n  alpha: leads\n  beta: none\n", "ownership:\n    alpha:   leads\n    beta: none\n\n")
	r.edit("duties/pricing.md", "real prose for", "real prose   \nfor")
	r.commit("tidy up")
	s, err = rd.Review(context.Background(), "main", dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Changes) == 0 {
		t.Error("the diff sees no change at all; the test no longer proves that the summary drops whitespace")
	}
	if md := s.Markdown(); !strings.Contains(md, "No change for readers since the merge base") || strings.Contains(md, "\n- ") {
		t.Errorf("a whitespace-only change:\n%s", md)
	}
	// A branch that changes something only in the work tree: the work tree
	// is what is compared.
	r.edit("duties/pricing.md", "alpha:   leads", "alpha: shares")
	s, err = rd.Review(context.Background(), "main", dir)
	if err != nil {
		t.Fatal(err)
	}
	s.Preview = preview
	if md := s.Markdown(); !strings.Contains(md, "[Pricing]("+preview+"duties/pricing/): A: leads → shares") {
		t.Errorf("an uncommitted ownership change is missing:\n%s", md)
	}
}

func count(lines []string, s string) (n int) {
	for _, l := range lines {
		if l == s {
			n++
		}
	}
	return n
}

func countPrefix(lines []string, p string) (n int) {
	for _, l := range lines {
		if strings.HasPrefix(l, p) {
			n++
		}
	}
	return n
}
