// Package content is the handbook's content model: it reads every Markdown
// file under the content root, its front matter (through goldmark-meta) and
// its body, and records where each value stands so errors can name a line.
package content

import (
	"cmp"
	"encoding/json"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/product-roles/handbook/generator/internal/schema"
)

// Kind says what a file describes; it follows from where the file stands.
type Kind string

const (
	KindHome       Kind = "home"
	KindSection    Kind = "section"
	KindRole       Kind = "role"
	KindDimension  Kind = "dimension"
	KindArea       Kind = "area"
	KindDuty       Kind = "duty"
	KindSkill      Kind = "skill"
	KindCompetency Kind = "competency"
	KindTrack      Kind = "track"
	KindLevel      Kind = "level"
	KindSource     Kind = "source"
	KindGuide      Kind = "guide"
	KindSimilarity Kind = "similarity"
	KindFAQ        Kind = "faq"
	KindTerm       Kind = "term"
	KindInterview  Kind = "interview"
	KindPage       Kind = "page"
)

// Link is where a page is read: its URL, or for a kind without pages of
// its own (Listed) its anchor in the section's list.
func (p *Page) Link() string {
	if p.Listed {
		return strings.TrimSuffix(p.URL, p.ID+"/") + "#" + p.ID
	}
	return p.URL
}

// Front is the front matter of every kind: each kind uses some of the
// fields, and its schema rejects the others.
type Front struct {
	Title     string   `json:"title"`
	LinkTitle string   `json:"linkTitle"`
	Summary   string   `json:"summary"`
	Weight    int      `json:"weight"`
	Sources   []string `json:"sources"`
	Aliases   []string `json:"aliases"`

	// Role.
	Abbr      string   `json:"abbr"`
	Question  string   `json:"question"`
	ReportsTo string   `json:"reports_to"`
	WorksWith []string `json:"works_with"`
	Owns      []string `json:"owns"`
	Success   []string `json:"success"`
	Track     string   `json:"track"`
	// A fork's role: its entry for what it does not list (say, a duty
	// upstream adds later).
	DefaultValue      string `json:"default_value"`
	DefaultOwnership  string `json:"default_ownership"`
	DefaultImportance string `json:"default_importance"`

	// Dimension: role id -> value, and role id -> the value in a few words.
	Values  map[string]string `json:"values"`
	InShort map[string]string `json:"in_short"`

	// Duty.
	Area      string            `json:"area"`
	Ownership map[string]string `json:"ownership"`
	// HeldBy: for a duty the Scrum Guide gives to the Developers, the
	// Scrum Master or the whole Scrum Team, which of them holds it.
	HeldBy string `json:"held_by"`
	// Why no role, or more than one, leads the duty (the ladder linter
	// accepts either only with a note).
	OwnershipNote string `json:"ownership_note"`

	// Skill ("kind" is also a source's kind).
	Kind       string            `json:"kind"`
	Importance map[string]string `json:"importance"`

	// Track.
	Role string `json:"role"`

	// Level.
	Rank         int               `json:"rank"`
	AlsoKnownAs  []string          `json:"also_known_as"`
	Scope        string            `json:"scope"`
	Experience   string            `json:"experience"`
	Expectations map[string]string `json:"expectations"`
	ReadyForNext []string          `json:"ready_for_next"`
	Moves        []Move            `json:"moves"`
	From         []From            `json:"from"` // a fork's level: moves into it from upstream levels

	// Source.
	Author    string `json:"author"`
	Publisher string `json:"publisher"`
	Issued    string `json:"issued"`
	Link      string `json:"link"`
	Via       string `json:"via"`
	// AddressUnknown says the entry has no link because its address is not known.
	AddressUnknown bool `json:"address_unknown"`

	// Interview question ("question" is also a role's question).
	Competency string    `json:"competency"`
	Tracks     []string  `json:"tracks"`
	Ranks      RankRange `json:"ranks"`
	FollowUps  []string  `json:"follow_ups"`
	Signals    []Signal  `json:"signals"`
	RedFlags   []string  `json:"red_flags"`
}

// RankRange is the level ranks an interview question fits, inclusive.
type RankRange struct {
	From int `json:"from"`
	To   int `json:"to"`
}

// Fits reports whether a rank is in the range.
func (r RankRange) Fits(rank int) bool { return r.From <= rank && rank <= r.To }

// Signal says what weak, solid and strong answers sound like from a rank up.
type Signal struct {
	FromRank int    `json:"from_rank"`
	Weak     string `json:"weak"`
	Solid    string `json:"solid"`
	Strong   string `json:"strong"`
}

// SignalFor returns the signals an interview question gives for a rank: the
// entry with the highest from_rank at or below it.
func (f *Front) SignalFor(rank int) (Signal, bool) {
	var best Signal
	found := false
	for _, s := range f.Signals {
		if s.FromRank <= rank && (!found || s.FromRank > best.FromRank) {
			best, found = s, true
		}
	}
	return best, found
}

// Move is a step from a level to another level, on any track.
type Move struct {
	To   string `json:"to"`
	Note string `json:"note"`
}

// From is a move into a level from another, written in the level moved
// to, so that a fork adds it without editing the level it starts from.
// ReadyForNext fills in that level's signals when it has none (it was the
// top of its track upstream).
type From struct {
	Level        string   `json:"level"`
	Note         string   `json:"note"`
	ReadyForNext []string `json:"ready_for_next"`
}

// Pos is a place in a file, 1-based.
type Pos struct{ Line, Col int }

// Link is a link or image in a page's body.
type Link struct {
	Dest  string
	Text  string
	Image bool
	Pos   Pos
}

// Heading is a heading in a page's body.
type Heading struct {
	Level  int
	Text   string
	Anchor string
	Pos    Pos
	Empty  bool // nothing follows it before the next heading of the same or a higher level
}

// Page is one content file.
type Page struct {
	Kind     Kind
	Listed   bool   // its kind has no page of its own (the Spec of the registry it was read with says so): shown in its section's list, anchored by id
	ID       string // file name without .md; for a section, the folder name
	Track    string // for levels and tracks: the track id
	Rel      string // path below the content root, with forward slashes
	File     string // path as shown in messages
	Key      string // Hugo's page path, e.g. /duties/pricing
	URL      string // the page's URL path; for listed kinds, the list page with an anchor
	Front    Front
	Raw      map[string]any // the front matter as JSON values
	Source   []byte         // the file as read (UTF-8, LF line endings, no byte-order mark)
	Replaces *Page          // the upstream page an overlay file replaces
	Hash     string         // "sha256:<hex>" of the file's bytes as read
	Lang     string         // for a translation file: its language tag; "" for the source language
	// For a page of a localized model (see Localize): no translation file
	// exists (the text is the source's), or the source changed since.
	Untranslated, Outdated bool
	Overlay                bool   // read from a company's overlay, not upstream
	Renumbered             bool   // a level whose rank a fork's hiding changed (its track lost a level)
	BodyAt                 int    // the offset in Source where the Markdown under the front matter starts
	Text                   string // the body as plain text
	Words                  int
	Links                  []Link
	Heads                  []Heading
	fm                     []byte          // the front matter's text
	dropped                map[string]bool // field + "\x00" + id: references a Ref without a typed field forgot (see Ref.Drop)
	posOnce                sync.Once
	pos                    map[string]Pos // JSON pointer -> position of the value (filled on first use)
	keys                   map[string]Pos // JSON pointer -> position of the key
	BodyPos                Pos
}

// At returns the position of the value at a JSON pointer, or of its nearest
// parent that has one, or the first line.
func (p *Page) At(ptr string) Pos {
	p.posOnce.Do(p.loadPositions)
	for {
		if pos, ok := p.pos[ptr]; ok {
			return pos
		}
		if ptr == "" {
			return Pos{1, 1}
		}
		i := len(ptr) - 1
		for i >= 0 && ptr[i] != '/' {
			i--
		}
		if i < 0 {
			i = 0
		}
		ptr = ptr[:i]
	}
}

// KeyAt returns the position of the key at a JSON pointer, or of the value.
func (p *Page) KeyAt(ptr string) Pos {
	p.posOnce.Do(p.loadPositions)
	if pos, ok := p.keys[ptr]; ok {
		return pos
	}
	return p.At(ptr)
}

// SetField replaces a top-level front matter field's line in the file Hugo
// reads (or adds the line), with value written as YAML. Only single-line
// values are replaced in place; a multi-line value is replaced whole.
func (p *Page) SetField(key, value string) {
	if p.Raw != nil { // value is a YAML flow value; those written here are JSON
		var v any
		if err := json.Unmarshal([]byte(value), &v); err != nil {
			v = value
			if s, err := strconv.Unquote(value); err == nil {
				v = s
			}
		}
		p.Raw[key] = v
	}
	lines := strings.Split(string(p.Source), "\n")
	end := 1
	for end < len(lines) && strings.TrimRight(lines[end], " \t") != "---" {
		end++
	}
	line := key + ": " + value
	for i := 1; i < end; i++ {
		if strings.HasPrefix(lines[i], key+":") {
			j := i + 1
			for j < end && (strings.HasPrefix(lines[j], " ") || strings.HasPrefix(lines[j], "-")) {
				j++
			}
			lines = append(lines[:i], append([]string{line}, lines[j:]...)...)
			p.Source = []byte(strings.Join(lines, "\n"))
			return
		}
	}
	lines = append(lines[:end], append([]string{line}, lines[end:]...)...)
	p.Source = []byte(strings.Join(lines, "\n"))
}

// Model is the whole handbook.
type Model struct {
	Kinds        *Registry         // the kinds its files were read as
	Schemas      *schema.Validator // their compiled schemas (set by the Loader; validate applies them)
	Root         string            // the content root as given
	Pages        []*Page
	Translations []*Page // translation files (name.<lang>.md), by path
	Lang         string  // "" for the source language; else the language a localized model is in
	Removed      []*Page // pages a company hid
	// Unread are the files that could not be read at all (their errors
	// are reported): each holds only what its path says (kind, id, track,
	// URL), so that references to it are not reported as well.
	Unread []*Page
	byKey  map[Kind]map[string]*Page
	trans  map[string]map[string]*Page // lang -> source rel -> translation
}

// NewModel makes a model of pages parsed elsewhere (from git objects, say).
func NewModel(root string, pages []*Page) *Model {
	m := &Model{Kinds: Kinds(), Root: root, Pages: pages}
	slices.SortFunc(m.Pages, func(a, b *Page) int { return strings.Compare(a.Rel, b.Rel) })
	m.index()
	return m
}

// Remove drops pages from the model (hidden items).
func (m *Model) Remove(drop func(*Page) bool) []*Page {
	var gone []*Page
	m.Pages = slices.DeleteFunc(m.Pages, func(p *Page) bool {
		if drop(p) {
			gone = append(gone, p)
			return true
		}
		return false
	})
	m.Removed = append(m.Removed, gone...)
	m.index()
	return gone
}

// MergeRoleMaps copies what a role's own file says about dimensions,
// duties and skills into those files' per-role maps, where they do not
// already say it, then the role's defaults where nothing says it; and adds
// the moves levels declare with `from` to the levels they start from. A
// company can so add a role or a level with one file.
func (m *Model) MergeRoleMaps() {
	for _, r := range m.Of(KindRole) {
		merge := func(k Kind, own map[string]string, get func(*Front) *map[string]string) {
			for id, v := range own {
				p := m.Get(k, id)
				if p == nil {
					continue // validate reports it
				}
				target := get(&p.Front)
				if *target == nil {
					*target = map[string]string{}
				}
				if _, set := (*target)[r.ID]; !set {
					(*target)[r.ID] = v
				}
			}
		}
		merge(KindDimension, r.Front.Values, func(f *Front) *map[string]string { return &f.Values })
		merge(KindDuty, r.Front.Ownership, func(f *Front) *map[string]string { return &f.Ownership })
		merge(KindSkill, r.Front.Importance, func(f *Front) *map[string]string { return &f.Importance })
		fill := func(k Kind, def string, get func(*Front) *map[string]string) {
			if def == "" {
				return
			}
			for _, p := range m.Of(k) {
				target := get(&p.Front)
				if *target == nil {
					*target = map[string]string{}
				}
				if _, set := (*target)[r.ID]; !set {
					(*target)[r.ID] = def
				}
			}
		}
		fill(KindDimension, r.Front.DefaultValue, func(f *Front) *map[string]string { return &f.Values })
		fill(KindDuty, r.Front.DefaultOwnership, func(f *Front) *map[string]string { return &f.Ownership })
		fill(KindSkill, r.Front.DefaultImportance, func(f *Front) *map[string]string { return &f.Importance })
	}
	// A level's `from` adds moves (and signals) to the levels it names.
	for _, l := range m.Of(KindLevel) {
		for _, f := range l.Front.From {
			below := m.Get(KindLevel, f.Level)
			if below == nil {
				continue // validate reports it
			}
			to := LevelID(l)
			if !slices.ContainsFunc(below.Front.Moves, func(mv Move) bool { return mv.To == to }) {
				below.Front.Moves = append(below.Front.Moves, Move{To: to, Note: f.Note})
			}
			if len(below.Front.ReadyForNext) == 0 && len(f.ReadyForNext) > 0 {
				below.Front.ReadyForNext = f.ReadyForNext
				quoted := make([]string, len(f.ReadyForNext))
				for i, s := range f.ReadyForNext {
					quoted[i] = strconv.Quote(s)
				}
				below.SetField("ready_for_next", "["+strings.Join(quoted, ", ")+"]")
			}
		}
	}
}

// Get returns the page of a kind with an id (a level's id is "track/level").
func (m *Model) Get(k Kind, id string) *Page { return m.byKey[k][id] }

// Defines reports whether a file defines the id: a page of the model, or a
// file that could not be read (see Unread).
func (m *Model) Defines(k Kind, id string) bool {
	if m.Get(k, id) != nil {
		return true
	}
	for _, p := range m.Unread {
		if p.Kind == k && (p.ID == id || k == KindLevel && LevelID(p) == id) {
			return true
		}
	}
	return false
}

// Registry returns the kinds the model's files were read as.
func (m *Model) Registry() *Registry {
	if m.Kinds == nil {
		return builtin()
	}
	return m.Kinds
}

// Of returns the pages of a kind in display order: weight, then rank, then id.
func (m *Model) Of(k Kind) []*Page {
	var out []*Page
	for _, p := range m.Pages {
		if p.Kind == k {
			out = append(out, p)
		}
	}
	slices.SortStableFunc(out, ByOrder)
	return out
}

// Levels returns the levels of a track, by rank.
func (m *Model) Levels(track string) []*Page {
	var out []*Page
	for _, p := range m.Of(KindLevel) {
		if p.Track == track {
			out = append(out, p)
		}
	}
	slices.SortStableFunc(out, func(a, b *Page) int {
		return cmp.Or(cmp.Compare(a.Front.Rank, b.Front.Rank), cmp.Compare(a.ID, b.ID))
	})
	return out
}

// ByOrder sorts pages by weight, then title, then id.
func ByOrder(a, b *Page) int {
	return cmp.Or(cmp.Compare(a.Front.Weight, b.Front.Weight), cmp.Compare(a.Front.Rank, b.Front.Rank),
		cmp.Compare(a.Front.Title, b.Front.Title), cmp.Compare(a.ID, b.ID))
}

// IDs lists pages' ids for messages: "a, b, c", or "(none yet)".
func IDs(ps []*Page) string {
	if len(ps) == 0 {
		return "(none yet)"
	}
	s := make([]string, len(ps))
	for i, p := range ps {
		s[i] = p.ID
	}
	return strings.Join(s, ", ")
}

// Placeholder ends every text `generator new` writes for an author to
// replace; Todo is its placeholder for a value from a fixed list. `check`
// reports both.
const (
	Placeholder = "; replace it."
	Todo        = "todo"
)

// Fold is text as compared for sameness: lower case, spaces folded.
func Fold(s string) string { return strings.ToLower(strings.Join(strings.Fields(s), " ")) }

// LevelID is the id a move refers to: "track/level".
func LevelID(p *Page) string { return p.Track + "/" + p.ID }

func (m *Model) index() {
	m.trans = map[string]map[string]*Page{}
	for _, t := range m.Translations {
		of, _ := TranslationOf(t.Rel)
		if m.trans[t.Lang] == nil {
			m.trans[t.Lang] = map[string]*Page{}
		}
		m.trans[t.Lang][of] = t
	}
	m.byKey = map[Kind]map[string]*Page{}
	for _, p := range m.Pages {
		if m.byKey[p.Kind] == nil {
			m.byKey[p.Kind] = map[string]*Page{}
		}
		id := p.ID
		if p.Kind == KindLevel {
			id = LevelID(p)
		}
		if _, dup := m.byKey[p.Kind][id]; !dup {
			m.byKey[p.Kind][id] = p
		}
	}
}

// Fitting returns the interview questions that fit a competency at a rank
// of a track, in the order given.
func Fitting(questions []*Page, track string, rank int, competency string) []*Page {
	var out []*Page
	for _, q := range questions {
		if q.Front.Competency == competency && q.Front.Ranks.Fits(rank) && slices.Contains(q.Front.Tracks, track) {
			out = append(out, q)
		}
	}
	return out
}
