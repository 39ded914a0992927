// Package synth writes a synthetic but valid handbook of a given size, for
// benchmarks: roles with career tracks of five levels, competencies, areas,
// comparison dimensions, duties, skills, guides and sources, with prose of
// realistic length and links between pages. The same options always write
// the same files.
package synth

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
)

// The bounds of a synthetic handbook: about 25 times the largest size the
// benchmarks build (10,000 files), and a role count whose tracks and
// comparison pages stay within the page count.
const (
	MinPages, MaxPages = 100, 250_000
	MinRoles, MaxRoles = 2, 100
)

// Check says what is wrong with the options, if anything.
func (o Options) Check() error {
	if o.Pages < MinPages || o.Pages > MaxPages {
		return fmt.Errorf("--pages must be between %d and %d, not %d", MinPages, MaxPages, o.Pages)
	}
	if o.Roles < MinRoles || o.Roles > MaxRoles {
		return fmt.Errorf("--roles must be between %d and %d, not %d", MinRoles, MaxRoles, o.Roles)
	}
	return nil
}

// Options says how big a handbook to write.
type Options struct {
	Pages int // content files in all, at least 100
	Roles int // roles, each with its own track; default 4
	Seed  uint64
}

// Counts are how many files of each kind Write makes.
type Counts struct {
	Roles, Levels, Competencies, Interviews, Areas, Dimensions, Duties, Skills, Guides, Sources, Sections int
}

// Total is the number of content files.
func (c Counts) Total() int {
	return c.Roles*2 + c.Levels + c.Competencies + c.Interviews + c.Areas + c.Dimensions + c.Duties + c.Skills + c.Guides + c.Sources + c.Sections
}

// Plan splits a page count among the kinds.
func Plan(o Options) Counts {
	if o.Roles < 2 {
		o.Roles = 4
	}
	c := Counts{Roles: o.Roles, Levels: o.Roles * 5, Competencies: 8, Interviews: 8, Areas: 10, Sources: 10, Sections: 11}
	rest := max(o.Pages-c.Total(), 40)
	c.Dimensions = max(rest/25, 10)
	c.Duties = rest / 5
	c.Skills = rest / 20
	c.Guides = rest - c.Dimensions - c.Duties - c.Skills
	return c
}

var vocabulary = strings.Fields(`team product customer market backlog roadmap sprint story value risk goal plan
	feedback release user decision strategy research priority scope delivery stakeholder vision outcome metric
	increment review budget launch pricing quality support sales marketing engineer design data experiment
	process quarter commitment dependency capacity estimate acceptance criteria insight problem solution trade-off
	alignment direction evidence interview survey workshop demo retrospective planning refinement ownership`)

var verbs = strings.Fields(`shapes reviews owns explains measures tests orders clarifies shares supports decides
	writes plans tracks balances improves questions aligns frames accepts documents coordinates`)

type writer struct {
	ctx context.Context // Ctrl+C or SIGTERM stops the writing between two files
	dir string
	rng *rand.Rand
	err error
}

func (w *writer) file(rel, front, body string) {
	if w.err == nil {
		w.err = w.ctx.Err()
	}
	if w.err != nil {
		return
	}
	p := filepath.Join(w.dir, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		w.err = err
		return
	}
	w.err = os.WriteFile(p, []byte("---\n"+front+"---\n\n"+body), 0o644)
}

// prose is paragraphs of plausible sentences, with a heading every few
// paragraphs and links to the given pages.
func (w *writer) prose(words int, links []string) string {
	if w.err != nil { // stopped: the rest is not written, so not made
		return ""
	}
	var b strings.Builder
	n, para := 0, 0
	for n < words {
		if para > 0 && para%3 == 0 {
			fmt.Fprintf(&b, "## %s %s %d\n\n", title(w.pick(vocabulary)), w.pick(vocabulary), para/3)
		}
		for s := 0; s < 4 && n < words; s++ {
			sentence := []string{"The", w.pick(vocabulary), w.pick(verbs), "the"}
			for i := 0; i < 6+w.rng.IntN(8); i++ {
				sentence = append(sentence, w.pick(vocabulary))
			}
			if len(links) > 0 && w.rng.IntN(4) == 0 {
				l := links[w.rng.IntN(len(links))]
				sentence = append(sentence, "as in ["+w.pick(vocabulary)+"]("+l+")")
			}
			n += len(sentence)
			b.WriteString(strings.Join(sentence, " ") + ". ")
		}
		b.WriteString("\n\n")
		para++
	}
	return b.String()
}

func (w *writer) pick(list []string) string { return list[w.rng.IntN(len(list))] }

func title(s string) string { return strings.ToUpper(s[:1]) + s[1:] }

// Config is the synthetic project's handbook.toml: one language, as the
// plain-Hugo floor renders it.
const Config = "title = \"Synthetic handbook\"\nlanguage = \"en\"\nbase_url = \"/\"\n"

// Write writes a handbook into dir/content (dir must not hold one yet) and
// its settings into dir/handbook.toml. With a theme (see Project) dir is a
// project that builds.
func Write(ctx context.Context, dir string, o Options) (Counts, error) {
	if o.Roles == 0 {
		o.Roles = 4
	}
	if err := o.Check(); err != nil {
		return Counts{}, err
	}
	c := Plan(o)
	w := &writer{ctx: ctx, dir: filepath.Join(dir, "content"), rng: rand.New(rand.NewPCG(o.Seed, 42))}
	roles := make([]string, c.Roles)
	for i := range roles {
		roles[i] = fmt.Sprintf("role-%d", i+1)
	}
	src := func(i int) string { return fmt.Sprintf("source-%d", i%c.Sources+1) }
	section := func(name, title string, weight int) {
		w.file(name+"/_index.md", fmt.Sprintf("title: %s\nsummary: The %s section of the synthetic handbook.\nweight: %d\n", title, strings.ToLower(title), weight),
			w.prose(120, nil))
	}
	w.file("_index.md", "title: Synthetic handbook\nsummary: A generated handbook for benchmarks.\n", w.prose(200, []string{"/duties/", "/compare/"}))
	for i, s := range [][2]string{{"roles", "Roles"}, {"compare", "Compare"}, {"areas", "Areas"}, {"duties", "Duties"}, {"skills", "Skills"},
		{"competencies", "Competencies"}, {"ladders", "Ladders"}, {"guides", "Guides"}, {"sources", "Sources"}, {"interview", "Interview"}} {
		section(s[0], s[1], (i+1)*10)
	}
	for i := 0; i < c.Sources; i++ {
		w.file("sources/"+src(i)+".md", fmt.Sprintf("title: Source %d\nsummary: Synthetic source number %d.\nkind: article\nauthor: Author %d\n", i+1, i+1, i+1),
			"A source used by the synthetic pages.\n")
	}
	comps := make([]string, c.Competencies)
	for i := range comps {
		comps[i] = fmt.Sprintf("competency-%d", i+1)
		w.file("competencies/"+comps[i]+".md", fmt.Sprintf("title: Competency %d\nsummary: What competency %d covers.\nweight: %d\n", i+1, i+1, i+1), w.prose(150, nil))
	}
	tracks := make([]string, c.Roles)
	for i := range tracks {
		tracks[i] = fmt.Sprintf("track-%d", i+1)
	}
	for i := 0; i < c.Interviews; i++ { // one question per competency, for every level
		w.file(fmt.Sprintf("interview/question-%d.md", i+1), fmt.Sprintf("title: Question %d\nsummary: What interview question %d probes.\ncompetency: %s\ntracks: [%s]\nranks: {from: 1, to: 5}\nquestion: Tell me about a time you %s the %s?\nsignals:\n  - from_rank: 1\n    weak: Vague.\n    solid: Concrete.\n    strong: Concrete, with what they learned.\nred_flags: [Blames others]\n",
			i+1, i+1, comps[i%len(comps)], strings.Join(tracks, ", "), w.pick(verbs), w.pick(vocabulary)), w.prose(80, nil))
	}
	for i := 0; i < c.Areas; i++ {
		w.file(fmt.Sprintf("areas/area-%d.md", i+1), fmt.Sprintf("title: Area %d\nsummary: Duties of area %d.\nweight: %d\n", i+1, i+1, i+1), w.prose(120, nil))
	}
	ownership := []string{"leads", "shares", "supports", "none"}
	importance := []string{"essential", "important", "helpful"}
	perRole := func(values []string) string {
		var b strings.Builder
		for _, r := range roles {
			fmt.Fprintf(&b, "  %s: %s\n", r, values[w.rng.IntN(len(values))])
		}
		return b.String()
	}
	// Every duty has one role that leads it (the ladder linter's rule): the
	// duty's own role, in turn; another role's "leads" becomes "supports".
	oneLead := func(lines, lead string) string {
		var b strings.Builder
		for _, l := range strings.SplitAfter(lines, "\n") {
			role, val, ok := strings.Cut(strings.TrimSpace(l), ": ")
			switch {
			case !ok:
				b.WriteString(l)
			case role == lead:
				fmt.Fprintf(&b, "  %s: leads\n", role)
			case val == "leads":
				fmt.Fprintf(&b, "  %s: supports\n", role)
			default:
				b.WriteString(l)
			}
		}
		return b.String()
	}
	for i, r := range roles {
		track := fmt.Sprintf("track-%d", i+1)
		w.file("roles/"+r+".md", fmt.Sprintf("title: Role %d\nsummary: What role %d is for.\nabbr: R%d\nquestion: What does role %d decide?\nreports_to: A head of department.\nworks_with: [Teams, Customers]\nowns: [Plans]\nsuccess: [Outcomes]\ntrack: %s\nweight: %d\nsources: [%s]\n",
			i+1, i+1, i+1, i+1, track, i+1, src(i)), w.prose(400, []string{"/duties/"}))
		w.file("ladders/"+track+"/_index.md", fmt.Sprintf("title: Track %d\nsummary: The career track of role %d.\nrole: %s\nweight: %d\n", i+1, i+1, r, i+1), w.prose(150, nil))
		for rank := 1; rank <= 5; rank++ {
			var f strings.Builder
			fmt.Fprintf(&f, "title: Track %d level %d\nsummary: Level %d of track %d.\nrank: %d\nscope: The scope of level %d.\nexperience: Experience for level %d.\nexpectations:\n", i+1, rank, rank, i+1, rank, rank, rank)
			for _, cp := range comps {
				// three clauses of their own, so that no two expectations are near-duplicates
				fmt.Fprintf(&f, "  %s: At level %d someone %s the %s, %s the %s and %s the %s.\n", cp, rank,
					w.pick(verbs), w.pick(vocabulary), w.pick(verbs), w.pick(vocabulary), w.pick(verbs), w.pick(vocabulary))
			}
			if rank < 5 {
				fmt.Fprintf(&f, "ready_for_next: [Works at the next level's scope]\nmoves:\n  - to: %s/level-%d\n", track, rank+1)
				if c.Roles > 1 {
					fmt.Fprintf(&f, "  - to: track-%d/level-%d\n", (i+1)%c.Roles+1, rank)
				}
			}
			fmt.Fprintf(&f, "sources: [%s]\n", src(rank))
			w.file(fmt.Sprintf("ladders/%s/level-%d.md", track, rank), f.String(), w.prose(200, nil))
		}
	}
	for i := 0; i < c.Dimensions; i++ {
		var f strings.Builder
		fmt.Fprintf(&f, "title: Dimension %d\nsummary: How the roles differ on dimension %d.\nweight: %d\nvalues:\n", i+1, i+1, i+1)
		for _, r := range roles {
			fmt.Fprintf(&f, "  %s: %s %s the %s.\n", r, title(r), w.pick(verbs), w.pick(vocabulary))
		}
		fmt.Fprintf(&f, "sources: [%s]\n", src(i))
		w.file(fmt.Sprintf("compare/dimension-%d.md", i+1), f.String(), w.prose(150, nil))
	}
	for i := 0; i < c.Duties; i++ {
		w.file(fmt.Sprintf("duties/duty-%d.md", i+1), fmt.Sprintf("title: Duty %d\nsummary: What duty %d involves.\narea: area-%d\nownership:\n%sweight: %d\nsources: [%s]\n",
			i+1, i+1, i%c.Areas+1, oneLead(perRole(ownership), roles[i%len(roles)]), i+1, src(i)), w.prose(180, []string{fmt.Sprintf("/duties/duty-%d/", (i+7)%c.Duties+1), "/roles/role-1/"}))
	}
	for i := 0; i < c.Skills; i++ {
		w.file(fmt.Sprintf("skills/skill-%d.md", i+1), fmt.Sprintf("title: Skill %d\nsummary: What skill %d is.\nkind: %s\nimportance:\n%sweight: %d\n",
			i+1, i+1, []string{"hard", "soft"}[i%2], perRole(importance), i+1), w.prose(130, nil))
	}
	for i := 0; i < c.Guides; i++ {
		w.file(fmt.Sprintf("guides/guide-%d.md", i+1), fmt.Sprintf("title: Guide %d\nsummary: Guide number %d explains a topic.\nweight: %d\nsources: [%s]\n", i+1, i+1, i+1, src(i)),
			w.prose(300+w.rng.IntN(400), []string{fmt.Sprintf("/duties/duty-%d/", i%max(c.Duties, 1)+1), fmt.Sprintf("/guides/guide-%d/", (i+1)%c.Guides+1)}))
	}
	if w.err != nil {
		return c, w.err
	}
	return c, os.WriteFile(filepath.Join(dir, "handbook.toml"), []byte(Config), 0o644)
}

// Project copies the theme and the static files of the project from into
// dir, so that dir builds on its own.
func Project(from, dir string) error {
	for _, sub := range []string{"themes", "static"} {
		if _, err := os.Stat(filepath.Join(from, sub)); err != nil {
			continue
		}
		if err := os.CopyFS(filepath.Join(dir, sub), os.DirFS(filepath.Join(from, sub))); err != nil {
			return err
		}
	}
	return nil
}
