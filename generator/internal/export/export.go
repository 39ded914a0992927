// Package export publishes the handbook as data: a versioned JSON API
// (/api/v1/), CSV files of every matrix, the whole handbook as one Markdown
// file and an llms.txt index. Everything comes from the same content model
// and views as the HTML pages.
package export

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"path"
	"reflect"
	"strings"
	"sync"

	"github.com/product-roles/handbook/generator/internal/content"
	"github.com/product-roles/handbook/generator/internal/mdtext"
	"github.com/product-roles/handbook/generator/internal/release"
	"github.com/product-roles/handbook/generator/internal/views"
)

// Version is the API's version; it is part of every path.
const Version = views.APIVersion

// Base is where the API lives in the site (the views link below it).
const Base = views.APIBase

// Role, Dimension, ... are the API's records. Field names are part of the
// published schema (schema.json): change them only with a new version.
type Role struct {
	ID        string   `json:"id"`
	Title     string   `json:"title"`
	Abbr      string   `json:"abbr"`
	Summary   string   `json:"summary"`
	Question  string   `json:"question"`
	ReportsTo string   `json:"reports_to"`
	WorksWith []string `json:"works_with"`
	Owns      []string `json:"owns"`
	Success   []string `json:"success"`
	Track     string   `json:"track,omitempty"`
	URL       string   `json:"url"`
}

type Dimension struct {
	ID      string            `json:"id"`
	Title   string            `json:"title"`
	Summary string            `json:"summary"`
	Values  map[string]string `json:"values"`
	URL     string            `json:"url"`
}

type Area struct {
	ID      string `json:"id"`
	Title   string `json:"title"`
	Summary string `json:"summary"`
	URL     string `json:"url"`
}

type Duty struct {
	ID        string            `json:"id"`
	Title     string            `json:"title"`
	Summary   string            `json:"summary"`
	Area      string            `json:"area"`
	Ownership map[string]string `json:"ownership"`
	URL       string            `json:"url"`
}

type Skill struct {
	ID         string            `json:"id"`
	Title      string            `json:"title"`
	Summary    string            `json:"summary"`
	Kind       string            `json:"kind"`
	Importance map[string]string `json:"importance"`
	URL        string            `json:"url"`
}

type Competency struct {
	ID      string `json:"id"`
	Title   string `json:"title"`
	Summary string `json:"summary"`
	URL     string `json:"url"`
}

type Move struct {
	To   string `json:"to"`
	Note string `json:"note,omitempty"`
}

type Level struct {
	ID           string            `json:"id"`
	Title        string            `json:"title"`
	Rank         int               `json:"rank"`
	Summary      string            `json:"summary"`
	AlsoKnownAs  []string          `json:"also_known_as"`
	Scope        string            `json:"scope"`
	Experience   string            `json:"experience"`
	Expectations map[string]string `json:"expectations"`
	ReadyForNext []string          `json:"ready_for_next"`
	Moves        []Move            `json:"moves"`
	URL          string            `json:"url"`
}

type Track struct {
	ID      string     `json:"id"`
	Title   string     `json:"title"`
	Summary string     `json:"summary"`
	Role    string     `json:"role"`
	Levels  []Level    `json:"levels"`
	URL     string     `json:"url"`
	Release *BuiltFrom `json:"release,omitempty"`
}

// Index is /api/v1/index.json: what the API holds.
type Index struct {
	Version string            `json:"version"`
	Title   string            `json:"title"`
	Schema  string            `json:"schema"`
	Files   map[string]string `json:"files"`
	Tracks  []string          `json:"tracks"`
	Release *BuiltFrom        `json:"release,omitempty"`
}

// BuiltFrom is the release the files were built from: a version, or the
// latest release and how many changes were made since.
type BuiltFrom struct {
	Version    string `json:"version,omitempty"`
	Date       string `json:"date,omitempty"`
	Since      string `json:"since,omitempty"`
	Unreleased int    `json:"unreleased,omitempty"`
	Label      string `json:"label"`
}

// Releases is /api/v1/releases.json: every release, newest first, with its
// semantic changelog, and the changes not yet released.
type Releases struct {
	Version    string           `json:"version"`
	Current    *BuiltFrom       `json:"current"`
	Unreleased []release.Change `json:"unreleased"`
	Releases   []ReleaseRecord  `json:"releases"`
}

// ReleaseRecord is one release.
type ReleaseRecord struct {
	Version string           `json:"version"`
	Date    string           `json:"date"`
	Commit  string           `json:"commit"`
	Prev    string           `json:"prev,omitempty"`
	Bump    string           `json:"bump,omitempty"`
	Changes []release.Change `json:"changes"`
}

// Files returns every exported file by site path.
func Files(m *content.Model, d *views.Data, title string) (map[string][]byte, error) {
	return FilesIn(m, d, title, "")
}

// FilesIn returns the exported files of a language other than the source
// (lang is its lower-case tag): the API below /api/v1/<lang>/, the handbook
// and llms.txt below /<lang>/. An empty lang is the source language.
func FilesIn(m *content.Model, d *views.Data, title, lang string) (map[string][]byte, error) {
	return (*Memo)(nil).FilesIn(m, d, title, lang)
}

// Memo keeps each job description's and interview guide's files from one
// export of a language to the next, with the view they were made from, so
// that serve writes again only those whose view changed. A nil Memo keeps
// nothing.
type Memo struct {
	mu    sync.Mutex
	langs map[string]map[string]memoized // by language, by the job's or guide's first file
}

type memoized struct {
	view  any
	files [][]byte
}

// NewMemo makes an empty memo.
func NewMemo() *Memo { return &Memo{langs: map[string]map[string]memoized{}} }

// made returns the files made last time from an equal view, or makes them
// and keeps them in next.
func (c *Memo) made(last, next map[string]memoized, name string, view any, make func() ([][]byte, error)) ([][]byte, error) {
	if c == nil {
		return make()
	}
	if e, ok := last[name]; ok && reflect.DeepEqual(e.view, view) {
		next[name] = e
		return e.files, nil
	}
	files, err := make()
	if err == nil {
		next[name] = memoized{view, files}
	}
	return files, err
}

// FilesIn is FilesIn, reusing the files of unchanged jobs and guides.
func (c *Memo) FilesIn(m *content.Model, d *views.Data, title, lang string) (map[string][]byte, error) {
	var last, next map[string]memoized
	if c != nil {
		c.mu.Lock()
		last = c.langs[lang]
		c.mu.Unlock()
		next = map[string]memoized{}
		defer func() {
			c.mu.Lock()
			c.langs[lang] = next // jobs and guides no longer made are forgotten
			c.mu.Unlock()
		}()
	}
	out := map[string][]byte{}
	Base, top := Base, ""
	if lang != "" {
		Base, top = Base+lang+"/", lang+"/"
	}
	put := func(name string, v any) error {
		data, err := json.MarshalIndent(v, "", "  ")
		if err != nil {
			return err
		}
		out[Base+name] = append(data, '\n')
		return nil
	}
	var roles []Role
	for _, p := range m.Of(content.KindRole) {
		f := p.Front
		roles = append(roles, Role{p.ID, f.Title, f.Abbr, f.Summary, f.Question, f.ReportsTo, list(f.WorksWith), list(f.Owns), list(f.Success), f.Track, p.URL})
	}
	var dims []Dimension
	for _, p := range m.Of(content.KindDimension) {
		dims = append(dims, Dimension{p.ID, p.Front.Title, p.Front.Summary, dict(p.Front.Values), p.URL})
	}
	var areas []Area
	for _, p := range m.Of(content.KindArea) {
		areas = append(areas, Area{p.ID, p.Front.Title, p.Front.Summary, p.URL})
	}
	var duties []Duty
	for _, p := range m.Of(content.KindDuty) {
		duties = append(duties, Duty{p.ID, p.Front.Title, p.Front.Summary, p.Front.Area, dict(p.Front.Ownership), p.URL})
	}
	var skills []Skill
	for _, p := range m.Of(content.KindSkill) {
		skills = append(skills, Skill{p.ID, p.Front.Title, p.Front.Summary, p.Front.Kind, dict(p.Front.Importance), p.URL})
	}
	var comps []Competency
	for _, p := range m.Of(content.KindCompetency) {
		comps = append(comps, Competency{p.ID, p.Front.Title, p.Front.Summary, p.URL})
	}
	var built *BuiltFrom
	if r := d.Release; r != nil {
		built = &BuiltFrom{r.Version, r.Date, r.Since, r.Unreleased, r.Label}
	}
	idx := Index{Version: Version, Title: title, Schema: "/api/" + Version + "/schema.json", Release: built, Files: map[string]string{
		"roles": "/" + Base + "roles.json", "dimensions": "/" + Base + "dimensions.json", "areas": "/" + Base + "areas.json",
		"duties": "/" + Base + "duties.json", "skills": "/" + Base + "skills.json", "competencies": "/" + Base + "competencies.json",
		"tracks": "/" + Base + "tracks/{id}.json", "releases": "/" + Base + "releases.json",
	}}
	for _, t := range m.Of(content.KindTrack) {
		tr := Track{ID: t.ID, Title: t.Front.Title, Summary: t.Front.Summary, Role: t.Front.Role, URL: t.URL, Levels: []Level{}, Release: built}
		for _, l := range m.Levels(t.ID) {
			f := l.Front
			lv := Level{l.ID, f.Title, f.Rank, f.Summary, list(f.AlsoKnownAs), f.Scope, f.Experience, dict(f.Expectations), list(f.ReadyForNext), []Move{}, l.URL}
			for _, mv := range f.Moves {
				lv.Moves = append(lv.Moves, Move(mv))
			}
			tr.Levels = append(tr.Levels, lv)
		}
		idx.Tracks = append(idx.Tracks, t.ID)
		if err := put("tracks/"+t.ID+".json", tr); err != nil {
			return nil, err
		}
	}
	for _, j := range d.Jobs {
		files, err := c.made(last, next, Base+"jobs/"+j.ID+".json", j, func() ([][]byte, error) {
			data, err := json.MarshalIndent(jobRecord(j), "", "  ")
			return [][]byte{append(data, '\n'), JobMarkdown(j)}, err
		})
		if err != nil {
			return nil, err
		}
		out[Base+"jobs/"+j.ID+".json"], out[Base+"jobs/"+j.ID+".md"] = files[0], files[1]
	}
	for _, g := range d.Guides {
		files, _ := c.made(last, next, Base+"interview-guides/"+g.ID+".md", g, func() ([][]byte, error) { return [][]byte{GuideMarkdown(g)}, nil })
		out[Base+"interview-guides/"+g.ID+".md"] = files[0]
	}
	idx.Files["jobs"] = "/" + Base + "jobs/{id}.json"
	idx.Files["jobs-markdown"] = "/" + Base + "jobs/{id}.md"
	idx.Files["interview-guides"] = "/" + Base + "interview-guides/{id}.md"
	for name, v := range map[string]any{"index.json": idx, "roles.json": nonNil(roles), "dimensions.json": nonNil(dims), "areas.json": nonNil(areas),
		"duties.json": nonNil(duties), "skills.json": nonNil(skills), "competencies.json": nonNil(comps),
		"releases.json": releases(d, built)} {
		if err := put(name, v); err != nil {
			return nil, err
		}
	}
	out[Base+"schema.json"] = []byte(schemaJSON)
	if lang != "" { // one schema for every language
		delete(out, Base+"schema.json")
	}

	// CSV: the same cells as the HTML matrices.
	for name, mx := range CSVMatrices(d) {
		data, err := CSV(mx)
		if err != nil {
			return nil, err
		}
		out[Base+"csv/"+name] = data
	}
	md := Markdown(m, d, title)
	out[top+"handbook.md"] = md
	llms := LLMs(m, d, title)
	if lang != "" {
		llms = []byte(strings.NewReplacer("(/handbook.md)", "(/"+top+"handbook.md)", "(/"+views.APIBase+"index.json)", "(/"+Base+"index.json)").Replace(string(llms)))
	}
	out[top+"llms.txt"] = llms
	return out, nil
}

func releases(d *views.Data, built *BuiltFrom) Releases {
	out := Releases{Version: Version, Current: built, Unreleased: []release.Change{}, Releases: []ReleaseRecord{}}
	if built == nil {
		out.Current = &BuiltFrom{Label: "unreleased"}
	}
	log := d.ReleaseLog
	if log == nil {
		return out
	}
	out.Unreleased = nonNil(log.Unreleased)
	for i := len(log.Releases) - 1; i >= 0; i-- {
		r := log.Releases[i]
		rec := ReleaseRecord{Version: r.Version, Date: r.Date, Commit: r.Commit, Changes: nonNil(log.Changes[i])}
		if i > 0 {
			rec.Prev, rec.Bump = log.Releases[i-1].Version, release.Required(log.Changes[i]).String()
		}
		out.Releases = append(out.Releases, rec)
	}
	return out
}

func list(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func dict(m map[string]string) map[string]string {
	if m == nil {
		return map[string]string{}
	}
	return m
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// CSVMatrices are the matrices published as CSV, by file name.
func CSVMatrices(d *views.Data) map[string]views.Matrix {
	out := map[string]views.Matrix{}
	add := func(mx views.Matrix) {
		if mx.CSV != "" {
			out[path.Base(mx.CSV)] = mx
		}
	}
	add(d.Comparison)
	add(d.Duties)
	add(d.Skills)
	for _, t := range d.Tracks {
		add(t.Ladder)
	}
	return out
}

// CSV writes a matrix as CSV: a header row, then one row per table row;
// grouped matrices get a first column with the group.
func CSV(mx views.Matrix) ([]byte, error) {
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	head := []string{}
	if len(mx.Groups) > 0 {
		head = append(head, "Group")
	}
	head = append(head, mx.Corner)
	for _, c := range mx.Columns {
		head = append(head, c.Label())
	}
	w.Write(neutralise(head))
	row := func(group string, r views.Row) {
		rec := []string{}
		if len(mx.Groups) > 0 {
			rec = append(rec, group)
		}
		rec = append(rec, r.Title)
		for _, c := range r.Cells {
			if c.Label != "" {
				rec = append(rec, c.Label)
			} else {
				rec = append(rec, c.Value)
			}
		}
		w.Write(neutralise(rec))
	}
	for _, r := range mx.Rows {
		row("", r)
	}
	for _, g := range mx.Groups {
		for _, r := range g.Rows {
			row(g.Title, r)
		}
	}
	w.Flush()
	return b.Bytes(), w.Error()
}

// neutralise keeps a spreadsheet from reading a cell as a formula (CSV
// injection): as OWASP advises, a cell starting with =, +, -, @, a tab or
// a carriage return gets a leading single quote, which shows the text as
// it is.
func neutralise(rec []string) []string {
	for i, c := range rec {
		if c != "" && strings.ContainsRune("=+-@\t\r", rune(c[0])) {
			rec[i] = "'" + c
		}
	}
	return rec
}

// Markdown is the whole handbook as one Markdown document.
func Markdown(m *content.Model, d *views.Data, title string) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, "# %s\n\n", mdtext.Inline(title))
	if home := m.Get(content.KindHome, ""); home != nil {
		fmt.Fprintf(&b, "%s\n\n%s\n", mdtext.Inline(home.Front.Summary), body(home))
	}
	table := func(mx views.Matrix) {
		fmt.Fprintf(&b, "\n**%s**\n\n| %s |", mdtext.Inline(mx.Caption), mdtext.Inline(mx.Corner))
		for _, c := range mx.Columns {
			fmt.Fprintf(&b, " %s |", cellMD(c.Label()))
		}
		b.WriteString("\n|" + strings.Repeat(" --- |", len(mx.Columns)+1) + "\n")
		write := func(r views.Row) {
			fmt.Fprintf(&b, "| %s |", cellMD(r.Title))
			for _, c := range r.Cells {
				v := c.Label
				if v == "" {
					v = c.Value
				}
				fmt.Fprintf(&b, " %s |", cellMD(v))
			}
			b.WriteString("\n")
		}
		for _, r := range mx.Rows {
			write(r)
		}
		for _, g := range mx.Groups {
			fmt.Fprintf(&b, "| **%s** |%s\n", cellMD(g.Title), strings.Repeat(" |", len(mx.Columns)))
			for _, r := range g.Rows {
				write(r)
			}
		}
		b.WriteString("\n")
	}
	section := func(k content.Kind, heading string, mx *views.Matrix) {
		pages := m.Of(k)
		if len(pages) == 0 {
			return
		}
		fmt.Fprintf(&b, "\n## %s\n", heading)
		if mx != nil {
			table(*mx)
		}
		for _, p := range pages {
			fmt.Fprintf(&b, "\n### %s\n\n%s\n\n%s\n", mdtext.Inline(p.Front.Title), mdtext.Inline(p.Front.Summary), body(p))
		}
	}
	section(content.KindRole, "Roles", nil)
	section(content.KindDimension, "How the roles compare", &d.Comparison)
	section(content.KindDuty, "Duties", &d.Duties)
	section(content.KindSkill, "Skills", &d.Skills)
	section(content.KindCompetency, "Competencies", nil)
	for _, t := range d.Tracks {
		fmt.Fprintf(&b, "\n## %s\n\n%s\n", mdtext.Inline(t.Title), mdtext.Inline(t.Summary))
		table(t.Ladder)
		for _, l := range m.Levels(t.ID) {
			fmt.Fprintf(&b, "\n### %s\n\n%s\n\n- Scope: %s\n- Typical experience: %s\n", mdtext.Inline(l.Front.Title), mdtext.Inline(l.Front.Summary), mdtext.Inline(l.Front.Scope), mdtext.Inline(l.Front.Experience))
			for _, s := range l.Front.ReadyForNext {
				fmt.Fprintf(&b, "- Ready for the next level when: %s\n", mdtext.Inline(s))
			}
			fmt.Fprintf(&b, "\n%s\n", body(l))
		}
	}
	section(content.KindGuide, "Guides", nil)
	section(content.KindSimilarity, "How the roles are alike", nil)
	section(content.KindFAQ, "Frequently asked questions", nil)
	if terms := m.Of(content.KindTerm); len(terms) > 0 {
		b.WriteString("\n## Glossary\n\n")
		for _, t := range terms {
			fmt.Fprintf(&b, "- **%s**: %s\n", mdtext.Inline(t.Front.Title), mdtext.Inline(t.Front.Summary))
		}
	}
	if srcs := m.Of(content.KindSource); len(srcs) > 0 {
		b.WriteString("\n## Sources\n\n")
		for _, s := range d.Sources {
			fmt.Fprintf(&b, "- %s", mdtext.Inline(s.Title))
			for _, part := range []string{s.Author, s.Publisher, s.Date, s.Link} {
				if part != "" {
					fmt.Fprintf(&b, ", %s", mdtext.Inline(part))
				}
			}
			b.WriteString("\n")
		}
	}
	return []byte(b.String())
}

// body is a page's Markdown with its headings moved down two levels, so it
// nests under the section and page headings of the combined document.
func body(p *content.Page) string {
	var out []string
	for _, line := range strings.Split(strings.TrimSpace(string(p.Source[p.BodyAt:])), "\n") {
		if strings.HasPrefix(line, "#") {
			line = "##" + line
		}
		out = append(out, line)
	}
	return strings.Join(out, "\n")
}

// cellMD is text as one table cell: plain text, its | escaped.
func cellMD(s string) string { return mdtext.Inline(s) }

// LLMs is /llms.txt: the handbook's title, a summary, and links to the
// whole handbook in Markdown, the JSON API and every page, under the
// headings of their kinds' search groups in d's language.
func LLMs(m *content.Model, d *views.Data, title string) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, "# %s\n\n", mdtext.Inline(title))
	if home := m.Get(content.KindHome, ""); home != nil {
		fmt.Fprintf(&b, "> %s\n\n", mdtext.Inline(home.Front.Summary))
	}
	b.WriteString(d.T("llms_intro") + "\n\n")
	fmt.Fprintf(&b, "- [%s](/handbook.md): %s\n", d.T("llms_markdown"), d.T("llms_markdown_about"))
	fmt.Fprintf(&b, "- [%s](/%sindex.json): %s\n", d.T("llms_api"), Base, d.T("llms_api_about"))
	// The kinds listed, in their order here; each is headed by its group.
	for _, k := range []content.Kind{content.KindRole, content.KindGuide, content.KindFAQ, content.KindLevel, content.KindDuty} {
		pages := m.Of(k)
		if k == content.KindLevel {
			pages = nil
			for _, t := range m.Of(content.KindTrack) {
				pages = append(pages, m.Levels(t.ID)...)
			}
		}
		if len(pages) == 0 {
			continue
		}
		spec, _ := m.Registry().Spec(k)
		fmt.Fprintf(&b, "\n## %s\n\n", d.T(spec.Group.Label))
		for _, p := range pages {
			fmt.Fprintf(&b, "- [%s](%s): %s\n", mdtext.Inline(p.Front.Title), p.URL, mdtext.Inline(p.Front.Summary))
		}
	}
	return []byte(b.String())
}
