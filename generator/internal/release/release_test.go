package release

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/product-roles/handbook/generator/internal/content"
	"github.com/product-roles/handbook/generator/internal/testkit"
)

// repo is a temporary git repository holding a copy of the mini handbook
// in content/.
type repo struct {
	t   *testing.T
	dir string
}

func newRepo(t *testing.T) *repo {
	t.Helper()
	r := &repo{t, t.TempDir()}
	testkit.CopyTree(t, filepath.Join(testkit.Root(t), "generator/internal/testdata/mini"), filepath.Join(r.dir, "content"))
	r.git("init", "-q", "-b", "main")
	r.commit("Start")
	return r
}

func (r *repo) git(args ...string) string {
	r.t.Helper()
	return testkit.Git(r.t, r.dir, args...)
}

func (r *repo) commit(msg string) string {
	r.t.Helper()
	r.git("add", "-A")
	r.git("commit", "-q", "--allow-empty", "-m", msg)
	return r.git("rev-parse", "HEAD")
}

// edit replaces old with new in a content file (which must contain old).
func (r *repo) edit(rel, old, new string) {
	r.t.Helper()
	path := filepath.Join(r.dir, "content", rel)
	data := testkit.Read(r.t, path)
	if !strings.Contains(data, old) {
		r.t.Fatalf("%s does not contain %q", rel, old)
	}
	testkit.Write(r.t, path, strings.Replace(data, old, new, 1))
}

func (r *repo) write(rel, data string) {
	testkit.Write(r.t, filepath.Join(r.dir, "content", rel), data)
}

func (r *repo) move(from, to string) {
	r.t.Helper()
	_ = os.MkdirAll(filepath.Dir(filepath.Join(r.dir, "content", to)), 0o755)
	if err := os.Rename(filepath.Join(r.dir, "content", from), filepath.Join(r.dir, "content", to)); err != nil {
		r.t.Fatal(err)
	}
}

func (r *repo) remove(rel string) {
	if err := os.Remove(filepath.Join(r.dir, "content", rel)); err != nil {
		r.t.Fatal(err)
	}
}

func (r *repo) reader() *Reader {
	r.t.Helper()
	g, err := Open(context.Background(), filepath.Join(r.dir, "content"))
	if err != nil {
		r.t.Fatal(err)
	}
	r.t.Cleanup(func() { _ = g.Close() })
	l, err := content.NewLoader()
	if err != nil {
		r.t.Fatal(err)
	}
	return NewReader(g, l)
}

const prose = "\nThis fixture page holds enough words to look like real prose for the tests that read it.\n"

// TestDiff makes each kind of change in its own commit and checks that the
// diff of that commit against the one before lists exactly that change,
// worded as readers will see it.
func TestDiff(t *testing.T) {
	r := newRepo(t)
	cases := []struct {
		name string
		edit func()
		want []string
		bump Bump
	}{
		{"level renamed", func() { r.edit("ladders/pm-track/senior.md", "title: Senior", "title: Senior Product Lead") },
			[]string{"Senior Product Lead: level renamed from Senior"}, Minor},
		{"level re-ranked", func() {
			r.edit("ladders/pm-track/senior.md", "rank: 2", "rank: 1")
			r.edit("ladders/pm-track/junior.md", "rank: 1", "rank: 2")
		}, []string{"Senior Product Lead: rank 2 → 1", "Junior: rank 1 → 2"}, Major},
		{"level added", func() {
			r.write("ladders/pm-track/principal.md", "---\ntitle: Principal\nsummary: The top.\nrank: 3\nscope: All.\nexperience: Much.\n"+
				"expectations:\n  craft: Sets the standard.\n  impact: Changes the company.\nsources: [book]\n---\n"+prose)
		}, []string{"Principal: level added at rank 3"}, Minor},
		{"level removed", func() { r.remove("ladders/pm-track/principal.md") },
			[]string{"Principal: level removed (was rank 3)"}, Major},
		{"expectation reworded", func() {
			r.edit("ladders/pm-track/junior.md", "craft: Does tasks with help.", "craft: Does small tasks with some help.")
		}, []string{"Junior: Craft expectation reworded: Does {+small +}tasks with {+some +}help."}, Minor},
		{"expectation removed", func() { r.edit("ladders/pm-track/junior.md", "  impact: Helps the team.\n", "") },
			[]string{"Junior: expectation removed for Impact"}, Minor},
		{"expectation added", func() {
			r.edit("ladders/pm-track/junior.md", "expectations:\n", "expectations:\n  impact: Helps the team ship.\n")
		}, []string{"Junior: expectation added for Impact: Helps the team ship."}, Minor},
		{"ownership changed", func() { r.edit("duties/backlog.md", "alpha: supports", "alpha: leads") },
			[]string{"Backlog ordering: A: supports → leads"}, Minor},
		{"duty added", func() {
			r.write("duties/roadmap.md", "---\ntitle: Roadmap\nsummary: Planning ahead.\narea: delivery\nownership:\n  alpha: leads\n  beta: supports\nsources: [book]\n---\n"+prose)
		}, []string{"Roadmap: duty added (A leads, B supports)"}, Minor},
		{"duty removed", func() { r.remove("duties/roadmap.md") }, []string{"Roadmap: duty removed"}, Minor},
		{"dimension value changed", func() { r.edit("compare/horizon.md", "beta: Sprints.", "beta: Sprints and releases.") },
			[]string{"Horizon: B value changed: Sprints{+ and releases+}."}, Minor},
		{"importance changed", func() { r.edit("skills/writing.md", "alpha: important", "alpha: essential") },
			[]string{"Writing: A: important → essential"}, Minor},
		{"prose only", func() {
			r.edit("duties/pricing.md", "look like real prose", "look like real, careful prose")
			r.edit("duties/pricing.md", "summary: Setting the price.", "summary: Setting the price of the product.")
		}, []string{"Pricing: wording changed (4 words added)"}, Patch},
		{"competency added", func() {
			r.write("competencies/focus.md", "---\ntitle: Focus\nsummary: Choosing.\nweight: 3\n---\n"+prose)
		}, []string{"Focus: competency added"}, Minor},
		{"competency removed", func() { r.remove("competencies/focus.md") }, []string{"Focus: competency removed"}, Major},
		{"file moved, content unchanged", func() {
			r.move("duties/pricing.md", "duties/pricing/index.md")
			r.move("compare/horizon.md", "compare/horizon/index.md")
		}, nil, None},
		{"level file renamed, content unchanged", func() { r.move("ladders/pm-track/junior.md", "ladders/pm-track/associate.md") }, nil, None},
		{"nothing", func() {}, nil, None},
	}
	commits := []string{r.git("rev-parse", "HEAD")}
	for _, c := range cases {
		c.edit()
		commits = append(commits, r.commit(c.name))
	}
	// Unrelated edits left in the work tree and the index: the diff reads
	// commits, never these.
	r.edit("ladders/pm-track/senior.md", "impact: Helps the team.", "impact: DIRTY EDIT.")
	r.write("duties/dirty.md", "---\ntitle: Dirty\nsummary: x\narea: delivery\nownership: {alpha: leads, beta: none}\nsources: [book]\n---\n"+prose)
	r.git("add", "content/duties/dirty.md")
	r.edit("skills/writing.md", "beta: essential", "beta: helpful")

	rd := r.reader()
	for i, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			old, err := rd.Model(commits[i])
			if err != nil {
				t.Fatal(err)
			}
			new, err := rd.Model(commits[i+1])
			if err != nil {
				t.Fatal(err)
			}
			cs := Diff(old, new)
			var got []string
			for _, ch := range cs {
				got = append(got, ch.String())
			}
			if !slices.Equal(got, c.want) {
				t.Errorf("changes:\n  got  %q\n  want %q", got, c.want)
			}
			if b := Required(cs); b != c.bump {
				t.Errorf("bump = %s, want %s", b, c.bump)
			}
		})
	}
	// Across all the commits, the dirty edits never show.
	first, _ := rd.Model(commits[0])
	last, _ := rd.Model(commits[len(commits)-1])
	for _, ch := range Diff(first, last) {
		if s := ch.String(); strings.Contains(s, "DIRTY") || strings.Contains(s, "Dirty") || strings.Contains(s, "helpful") {
			t.Errorf("an uncommitted edit appears: %s", s)
		}
	}
}

func TestWordDiff(t *testing.T) {
	for _, c := range []struct{ a, b, want string }{
		{"Runs interviews that a senior PM scoped.", "Runs interviews that they scoped themselves.", "Runs interviews that [-a senior PM scoped-]{+they scoped themselves+}."},
		{"same words", "same  words", "same words"},
		{"", "new text", "{+new text+}"},
	} {
		if got := Marked(WordDiff(c.a, c.b)); got != c.want {
			t.Errorf("WordDiff(%q, %q) = %q, want %q", c.a, c.b, got, c.want)
		}
	}
}

func TestStep(t *testing.T) {
	v := func(s string) Version {
		x, ok := ParseVersion(s)
		if !ok {
			t.Fatalf("bad %s", s)
		}
		return x
	}
	for _, c := range []struct {
		from, to string
		want     Bump
	}{
		{"v1.0.0", "v1.0.1", Patch}, {"v1.0.0", "v1.1.0", Minor}, {"v1.2.3", "v2.0.0", Major},
		{"v1.2.3", "v1.2.3", None}, {"v1.2.3", "v1.1.9", None}, {"v1.2.3", "v1.3.0", Minor},
	} {
		if got := Step(v(c.from), v(c.to)); got != c.want {
			t.Errorf("Step(%s, %s) = %s, want %s", c.from, c.to, got, c.want)
		}
	}
	for _, bad := range []string{"1.0.0", "v1.0", "v01.0.0", "v1.0.0-rc1", "release-1"} {
		if _, ok := ParseVersion(bad); ok {
			t.Errorf("%q parsed as a version", bad)
		}
	}
}
