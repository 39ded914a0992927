// Package views derives every table, ladder and per-page listing from the
// content model. The theme only prints what is computed here, so a change
// to one file's front matter reaches every view that shows it.
package views

import (
	"slices"
	"strings"

	"github.com/product-roles/handbook/generator/internal/content"
	"github.com/product-roles/handbook/generator/internal/ladder"
)

// Ref points at a page.
//
// A field tagged href holds a page's address as a path from the site's
// root ("/roles/product-owner/", "/de/roles/product-owner/#x"): Go uses it
// as it is (keys, the API, the search index, the hidden pages), and
// hugosite puts the base URL's path in front of every one where it hands
// the views to Hugo, so that the theme prints it as it is.
type Ref struct {
	ID    string `json:"id"`
	Title string `json:"title"`
	URL   string `json:"url" href:""`
	Abbr  string `json:"abbr,omitempty"` // a role's short label, for matrix columns
	// Class is a role's colour class (r-0, r-1, ...) where the ref is a
	// role: the theme draws the role's column, block or card in it.
	Class string `json:"class,omitempty"`
}

// Label is a column's heading: the abbreviation when there is one.
func (r Ref) Label() string {
	if r.Abbr != "" {
		return r.Abbr
	}
	return r.Title
}

// Cell is one cell of a matrix: a value and its label.
type Cell struct {
	Value string `json:"value"`
	Label string `json:"label"`
	Short string `json:"short,omitempty"`       // the value in a few words (a dimension's in_short)
	URL   string `json:"url,omitempty" href:""` // where the cell links to (the hiring lists: a job description, an interview guide)
}

// Row is a row of a matrix.
type Row struct {
	Ref
	Summary string `json:"summary,omitempty"`
	Kind    string `json:"kind,omitempty"`
	Cells   []Cell `json:"cells"`
}

// Term is a glossary entry as listed on /glossary/: its definition and the
// Hugo path of its file, whose body (how each role uses the term) the list
// shows under the definition.
type Term struct {
	Ref
	Summary string `json:"summary"`
	Page    string `json:"page"`
}

// TermGroup is the glossary's terms under one initial (id letter-a, title "A").
type TermGroup struct {
	Ref
	Terms []Term `json:"rows"`
}

// Group is a titled set of rows (duties of one area).
type Group struct {
	Ref
	Rows []Row `json:"rows"`
}

// Matrix is a table: columns are the header, rows the body.
type Matrix struct {
	ID      string  `json:"id,omitempty"`          // where a page shows several: dim, duty, skill
	CSV     string  `json:"csv,omitempty" href:""` // where the same cells are published as CSV
	Caption string  `json:"caption"`
	Corner  string  `json:"corner"`
	Columns []Ref   `json:"columns"`
	Rows    []Row   `json:"rows,omitempty"`
	Groups  []Group `json:"groups,omitempty"`

	// Style is how the theme draws the cells, set where the matrix is made:
	// StyleOwn, StyleText, StyleNums, with StyleLadder or StyleShort added;
	// "" for the theme's default. layout derives the rest from it.
	Style string `json:"-"`
	// The theme prints these as they are (layout sets them): the table's
	// classes (Style, m-badges where every cell is a badge, m-keep where a
	// small matrix of badges or numbers stays a table on a phone), the
	// classes of the box around it, whether it is wider than the page
	// (more than three value columns: it scrolls, with a hint), whether its
	// rows are in titled groups, and whether it offers the ladder's level
	// picker.
	Class   string `json:"class"`
	Wrap    string `json:"wrap"`
	Wide    bool   `json:"wide,omitempty"`
	Grouped bool   `json:"grouped,omitempty"`
	Picker  bool   `json:"picker,omitempty"`
}

// The matrices' styles: the theme's classes for them.
const (
	StyleOwn    = "m-own"           // ownership and importance badges
	StyleText   = "m-text"          // prose cells
	StyleNums   = "m-nums"          // numbers
	StyleLadder = "m-text m-ladder" // a track's ladder, with a level picker
	StyleShort  = "m-text m-short"  // the comparison: each cell's short line
)

// layout sets the classes and flags the theme prints from the style, the
// columns and the cells.
func (m *Matrix) layout() {
	groups := m.Groups
	if len(m.Rows) > 0 {
		groups = []Group{{Rows: m.Rows}}
	}
	badges := len(groups) > 0 && len(groups[0].Rows) > 0 && allBadges(groups[0].Rows[0].Cells)
	m.Grouped = false
	for _, g := range groups {
		if g.Title != "" {
			m.Grouped = true
		}
	}
	class := strings.Fields(m.Style)
	if badges {
		class = append(class, "m-badges")
	}
	keep := (badges || slices.Contains(class, StyleNums)) && len(m.Columns) <= 3
	if keep {
		class = append(class, "m-keep")
	}
	m.Class = strings.Join(class, " ")
	m.Wide = len(m.Columns) > 3
	m.Wrap = "m-fit"
	if m.Wide {
		m.Wrap = "m-wide"
	}
	if keep {
		m.Wrap += " m-keep-wrap"
	}
	m.Picker = slices.Contains(class, "m-ladder")
}

// Role is a role as listed.
type Role struct {
	Ref
	Abbr     string `json:"abbr"`
	Question string `json:"question"`
	Summary  string `json:"summary"`
}

// Track is a career track with its ladder.
type Track struct {
	Ref
	Role    Ref         `json:"role"`
	Summary string      `json:"summary"`
	Levels  []Ref       `json:"levels"`
	Ladder  Matrix      `json:"ladder"`
	Pairs   []Pair      `json:"pairs"`         // every two levels, compared
	Compare []PairGroup `json:"compare"`       // the same pairs, by their lower level
	Print   string      `json:"print" href:""` // the printable ladder's URL
}

// Pair links to the page comparing two levels.
type Pair struct {
	From Ref    `json:"from"`
	To   Ref    `json:"to"`
	URL  string `json:"url" href:""`
}

// LevelCard is a level as printed in full.
type LevelCard struct {
	Ref
	Summary      string   `json:"summary"`
	Scope        string   `json:"scope"`
	Experience   string   `json:"experience"`
	AlsoKnownAs  []string `json:"also_known_as,omitempty"`
	Changes      []Change `json:"changes"`
	ReadyForNext []string `json:"ready_for_next,omitempty"`
}

// Change says how an expectation differs from the level below.
type Change struct {
	Competency Ref    `json:"competency"`
	Text       string `json:"text"`
	Previous   string `json:"previous,omitempty"`
	Status     string `json:"status"` // new | changed | same
}

// Move is a step to another level.
type Move struct {
	Level   Ref    `json:"level"`
	Track   Ref    `json:"track"`
	Note    string `json:"note,omitempty"`
	Cross   bool   `json:"cross"`
	Compare string `json:"compare,omitempty" href:""` // the page comparing the two levels, for a move to another track
}

// TocItem is a heading in the on-page table of contents.
type TocItem struct {
	Anchor string `json:"anchor"`
	Text   string `json:"text"`
	Level  int    `json:"level"`
}

// Crumb is a section above a page, for its breadcrumbs.
type Crumb struct {
	Title string `json:"title,omitempty"`
	URL   string `json:"url" href:""`
	Home  bool   `json:"home,omitempty"` // the theme names the home page in the page's language
}

// LangRef is a page in one language, for the language switcher and the
// hreflang links.
type LangRef struct {
	Lang   string `json:"lang"` // Hugo's key of the language: the lower-case tag
	Locale string `json:"locale"`
	Label  string `json:"label"`
	URL    string `json:"url" href:""`
}

// Citation is a source cited by a page.
type Citation struct {
	Ref
	Author    string `json:"author,omitempty"`
	Publisher string `json:"publisher,omitempty"`
	Date      string `json:"date,omitempty"`
	Link      string `json:"link,omitempty"`
	Kind      string `json:"kind"`
	Via       *Ref   `json:"via,omitempty"`
	// AddressUnknown: the entry has no link because its address is not known.
	AddressUnknown bool `json:"address_unknown,omitempty"`
}

// Page is what a single page shows beyond its own front matter.
type Page struct {
	Kind      string    `json:"kind"`
	Prev      *Ref      `json:"prev,omitempty"`
	Next      *Ref      `json:"next,omitempty"`
	Parent    *Ref      `json:"parent,omitempty"`
	Citations []string  `json:"citations,omitempty"` // source ids; see Data.SourceByID
	Updated   string    `json:"updated,omitempty"`   // date of the last commit that changed the file
	Generated bool      `json:"generated,omitempty"` // no content file: nothing to edit
	Edit      string    `json:"edit,omitempty"`      // the file's path in the repository, for "Edit this page"
	Toc       []TocItem `json:"toc,omitempty"`       // the body's headings, when there are enough for a table of contents
	Crumbs    []Crumb   `json:"crumbs,omitempty"`    // the sections above the page, the home page first
	Langs     []LangRef `json:"langs,omitempty"`     // the page in every language it is built in, the source first
	Menu      string    `json:"menu,omitempty"`      // the menu entry the page is in: "2" (below it) or "2=" (it), "" for none

	// The changes page.
	History []ChangeEntry `json:"history,omitempty"`

	// Role pages: the duty matrix filtered to the role is Matrix.
	Dimensions []Row `json:"dimensions,omitempty"`
	Track      *Ref  `json:"track,omitempty"`
	// RoleClass is the role's colour class on its own page (r-0, r-1, ...).
	RoleClass string `json:"role_class,omitempty"`

	// Duty, dimension and skill pages: one cell per role. Badges says
	// that every cell is a badge (the theme draws compact cards).
	Cells   []Cell `json:"cells,omitempty"`
	Badges  bool   `json:"badges,omitempty"`
	Columns []Ref  `json:"columns,omitempty"`
	Area    *Ref   `json:"area,omitempty"`
	HeldBy  string `json:"held_by,omitempty"` // a duty's holder in Scrum: developers | scrum-master | scrum-team

	// Area pages, section lists, role pairs.
	Matrix   *Matrix  `json:"matrix,omitempty"`
	Matrices []Matrix `json:"matrices,omitempty"`
	// A section's page (or a track's) that leads with its data, its prose
	// following as notes: its kind's Spec.DataFirst.
	DataFirst bool  `json:"data_first,omitempty"`
	List      []Row `json:"list,omitempty"`

	// The search page: every page, grouped by kind.
	Index []Group `json:"index,omitempty"`

	// Level pages.
	Rank    int      `json:"rank,omitempty"`
	Changes []Change `json:"changes,omitempty"`
	Moves   []Move   `json:"moves,omitempty"`
	Peers   []Ref    `json:"peers,omitempty"`
	Across  *Ref     `json:"across,omitempty"`       // the page of this rank across tracks
	Card    string   `json:"card,omitempty" href:""` // the printable level card\'s URL
	// Level pages: the step from the level below; pages comparing two
	// levels: the step between them.
	Step *StepView `json:"step,omitempty"`
	// Level pages: the track's levels, this one current; the self-assessment.
	Stepper []StepperItem `json:"stepper,omitempty"`
	Assess  string        `json:"assess,omitempty" href:""`
	// Level pages: the next level up the track and the page comparing the
	// two; nil at the top of the track (Top says so).
	Up  *NextStep `json:"up,omitempty"`
	Top bool      `json:"top,omitempty"`

	// Printable ladder.
	Levels []LevelCard `json:"levels,omitempty"`

	// Hiring: a level's job description and interview guide, those pages
	// themselves, an interview question's page and the list of questions.
	JobURL       string      `json:"job_url,omitempty" href:""`
	InterviewURL string      `json:"interview_url,omitempty" href:""`
	Job          *Job        `json:"job,omitempty"`
	Guide        *Guide      `json:"guide,omitempty"`
	Competency   *Ref        `json:"competency,omitempty"`
	Signals      []SignalRow `json:"signals,omitempty"`
	Questions    []Group     `json:"questions,omitempty"`
	// Releases: the list, or one diff; on level pages, the last change.
	Releases  []ReleaseEntry `json:"releases,omitempty"`
	ChangedIn *ReleaseMark   `json:"changed_in,omitempty"`
}

// Data is everything the theme reads, each view as assets/views/handbook/<name>.json.
type Data struct {
	Roles      []Role `json:"roles"`
	Comparison Matrix `json:"comparison"`
	Duties     Matrix `json:"duties"`
	// Glimpse is a few rows of the duty matrix, one per area, for the home page.
	Glimpse    Matrix              `json:"glimpse"`
	Skills     Matrix              `json:"skills"`
	Tracks     []Track             `json:"tracks"`
	Sources    []Citation          `json:"sources"`
	SourceByID map[string]Citation `json:"source_by_id"`
	Terms      []Term              `json:"terms"`
	// TermLetters are the glossary's terms in the language's alphabetical
	// order, grouped by initial (id letter-a, title "A"): its A-Z jump.
	TermLetters []TermGroup `json:"term_letters"`
	Ranks       []Row       `json:"ranks"`    // pages of equal levels across tracks
	RankMap     []RankRow   `json:"rank_map"` // the tracks' levels mapped onto each other by rank
	Pairs       []Row       `json:"pairs"`    // side-by-side pages of every two roles

	// Charts (inline SVG) and the tables that carry the same data.
	CareerMap       string `json:"career_map" href:"html"`
	CareerMapNarrow string `json:"career_map_narrow" href:"html"` // the same map for a phone: both tracks within its width
	Moves           []Row  `json:"moves"`                         // from level; cells: to level, to track
	Overlap         string `json:"overlap"`
	OverlapTable    Matrix `json:"overlap_table"`

	// Hiring: per track, its levels with their job description and
	// interview guide (cells); per two roles, the combined role by rank.
	Hiring        []Group        `json:"hiring"`
	Combined      []Group        `json:"combined"`
	Jobs          []Job          `json:"-"`
	Guides        []Guide        `json:"-"`
	Release       *ReleaseInfo   `json:"release,omitempty"` // the release this build was made from
	LevelReleases []LevelRelease `json:"level_releases,omitempty"`
	ReleaseLog    *ReleaseLog    `json:"-"`

	Pages     map[string]Page `json:"pages"`
	Nav       []Ref           `json:"nav"`
	Hidden    map[string]bool `json:"hidden"` // URLs of hidden pages: links to them are shown as text
	Generated []Generated     `json:"-"`

	s    Strings // the words of the data's language
	lang string  // "" for the source language
	// steps remembers level comparisons between serve's rebuilds; nil in a build.
	steps *ladder.Memo
}

func ref(p *content.Page) Ref { return Ref{ID: p.ID, Title: p.Front.Title, URL: p.Link()} }

func refp(p *content.Page) *Ref {
	if p == nil {
		return nil
	}
	r := ref(p)
	return &r
}
