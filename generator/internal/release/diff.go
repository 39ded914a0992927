package release

import (
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/product-roles/handbook/generator/internal/content"
)

// Kind is what kind of change a Change is.
type Kind string

const (
	LevelAdded          Kind = "level-added"
	LevelRemoved        Kind = "level-removed"
	LevelRenamed        Kind = "level-renamed"
	LevelReranked       Kind = "level-reranked"
	ExpectationAdded    Kind = "expectation-added"
	ExpectationRemoved  Kind = "expectation-removed"
	ExpectationReworded Kind = "expectation-reworded"
	CompetencyAdded     Kind = "competency-added"
	CompetencyRemoved   Kind = "competency-removed"
	CompetencyReranked  Kind = "competency-reranked"
	DutyAdded           Kind = "duty-added"
	DutyRemoved         Kind = "duty-removed"
	OwnershipChanged    Kind = "ownership-changed"
	ValueChanged        Kind = "value-changed"
	ImportanceChanged   Kind = "importance-changed"
	Added               Kind = "added"   // any other page
	Removed             Kind = "removed" // any other page
	Prose               Kind = "prose"
)

// Change is one semantic change to the content model.
type Change struct {
	Kind  Kind   `json:"kind"`
	Bump  Bump   `json:"-"`
	Page  string `json:"page"`            // the page's URL path (the old one when it was removed)
	Rel   string `json:"file"`            // its file below content/
	What  string `json:"what"`            // what the page is: "level", "duty", "skill" ...
	Title string `json:"title"`           // its title
	Track string `json:"track,omitempty"` // a level's track id
	// Item is what on the page changed: a competency id (expectations),
	// a role id (ownership, values, importance).
	Item      string `json:"item,omitempty"`
	ItemTitle string `json:"itemTitle,omitempty"`
	From      string `json:"from,omitempty"`
	To        string `json:"to,omitempty"`
	Words     []Word `json:"words,omitempty"` // the word diff of reworded text
	// Of is the page's kind, for the words of Added and Removed.
	Of content.Kind `json:"-"`
}

// BumpName is the bump as a word, for JSON.
func (c Change) BumpName() string { return c.Bump.String() }

// MarshalJSON adds the bump and the sentence.
func (c Change) MarshalJSON() ([]byte, error) {
	type plain Change
	return json.Marshal(struct {
		plain
		Bump string `json:"bump"`
		Text string `json:"text"`
	}{plain(c), c.Bump.String(), c.String()})
}

// String is the change in one line of plain words.
func (c Change) String() string {
	s := c.Title + ": " + c.Lead()
	if c.Diffed() {
		s += ": " + Marked(c.Words)
	}
	return s
}

// Diffed reports whether the change is shown with its word diff.
func (c Change) Diffed() bool {
	return len(c.Words) > 0 && (c.Kind == ExpectationReworded || c.Kind == ValueChanged)
}

// Lead is the change without the page's title before it and without the
// word diff after it, in English: the pull-request summary's and the API's
// words. The site says it in each language with Said.
func (c Change) Lead() string { return c.Said(English.T) }

// Said is Lead in the words t gives for the ids of the theme's i18n files
// (change_*, kind_*): the site passes a language's views.Strings.T.
func (c Change) Said(t func(id string, args ...string) string) string {
	switch c.Kind {
	case LevelAdded:
		return t("change_level_added", c.To)
	case LevelRemoved:
		return t("change_level_removed", c.From)
	case LevelRenamed:
		return t("change_level_renamed", c.From)
	case LevelReranked:
		return t("change_level_reranked", c.From, c.To)
	case ExpectationAdded:
		return t("change_expectation_added", c.ItemTitle, c.To)
	case ExpectationRemoved:
		return t("change_expectation_removed", c.ItemTitle)
	case ExpectationReworded:
		return t("change_expectation_reworded", c.ItemTitle)
	case CompetencyAdded:
		return t("change_competency_added")
	case CompetencyRemoved:
		return t("change_competency_removed")
	case CompetencyReranked:
		return t("change_competency_reranked", c.From, c.To)
	case DutyAdded:
		return t("change_duty_added", c.To)
	case DutyRemoved:
		return t("change_duty_removed")
	case OwnershipChanged, ImportanceChanged:
		return t("change_value_from_to", c.ItemTitle, or(c.From, t("change_none")), or(c.To, t("change_none")))
	case ValueChanged:
		if c.From == "" {
			return t("change_value_added", c.ItemTitle, c.To)
		}
		if c.To == "" {
			return t("change_value_removed", c.ItemTitle)
		}
		return t("change_value_changed", c.ItemTitle)
	case Added:
		return t("change_page_added", t(KindID(c.Of)))
	case Removed:
		return t("change_page_removed", t(KindID(c.Of)))
	case Prose:
		del, ins := Counted(c.Words)
		var n []string
		if del > 0 {
			n = append(n, counted(t, del, "change_words_removed"))
		}
		if ins > 0 {
			n = append(n, counted(t, ins, "change_words_added"))
		}
		if len(n) == 0 {
			return t("change_wording_layout")
		}
		return t("change_wording", strings.Join(n, ", "))
	}
	return string(c.Kind)
}

// KindID is the i18n id of a kind of page's name in a change's sentence.
func KindID(k content.Kind) string {
	switch k {
	case content.KindHome, content.KindSection:
		return "kind_page"
	}
	return "kind_" + string(k)
}

// counted is n with its id: id+"_one" for one, else id.
func counted(t func(string, ...string) string, n int, id string) string {
	if n == 1 {
		return t(id + "_one")
	}
	return t(id, strconv.Itoa(n))
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

func or(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// Required is the smallest bump that a list of changes needs.
func Required(cs []Change) Bump {
	b := None
	for _, c := range cs {
		b = max(b, c.Bump)
	}
	return b
}

// key identifies a page across revisions.
func key(p *content.Page) string {
	switch p.Kind {
	case content.KindLevel:
		return "level:" + content.LevelID(p)
	case content.KindPage, content.KindSection, content.KindHome:
		return string(p.Kind) + ":" + p.Rel
	}
	return string(p.Kind) + ":" + p.ID
}

// groups orders changes: levels first, as readers care most about them.
var groups = []content.Kind{content.KindLevel, content.KindCompetency, content.KindDuty, content.KindRole,
	content.KindDimension, content.KindSkill, content.KindTrack, content.KindArea}

func group(k content.Kind) int {
	if i := slices.Index(groups, k); i >= 0 {
		return i
	}
	return len(groups)
}

// Diff compares two content models and lists what changed, in a stable order.
func Diff(old, new *content.Model) []Change {
	d := differ{old: old, new: new}
	oldBy, newBy := map[string]*content.Page{}, map[string]*content.Page{}
	for _, p := range old.Pages {
		oldBy[key(p)] = p
	}
	for _, p := range new.Pages {
		newBy[key(p)] = p
	}
	var gone, came []*content.Page
	for _, p := range old.Pages {
		if newBy[key(p)] == nil {
			gone = append(gone, p)
		}
	}
	for _, p := range new.Pages {
		if oldBy[key(p)] == nil {
			came = append(came, p)
		}
	}
	// A file moved with its content unchanged is no change; a level whose
	// file was renamed is the level of the same rank on the same track.
	pairs := map[*content.Page]*content.Page{}
	paired := map[*content.Page]bool{}
	pair := func(same func(q, p *content.Page) bool) {
		for _, p := range came {
			for _, q := range gone {
				if !paired[p] && pairs[q] == nil && same(q, p) {
					pairs[q], paired[p] = p, true
				}
			}
		}
	}
	pair(func(q, p *content.Page) bool { return bytes.Equal(p.Source, q.Source) })
	pair(func(q, p *content.Page) bool {
		return p.Kind == content.KindLevel && q.Kind == p.Kind && q.Track == p.Track && q.Front.Rank == p.Front.Rank
	})
	for _, q := range old.Pages {
		if p := newBy[key(q)]; p != nil {
			d.page(q, p)
		} else if p := pairs[q]; p != nil {
			d.page(q, p)
		} else {
			d.removed(q)
		}
	}
	for _, p := range new.Pages {
		if oldBy[key(p)] == nil && !paired[p] {
			d.added(p)
		}
	}
	d.competencyOrder()
	slices.SortStableFunc(d.out, func(a, b ordered) int { return cmp.Compare(a.order, b.order) })
	out := make([]Change, len(d.out))
	for i, c := range d.out {
		out[i] = c.Change
	}
	return out
}

type ordered struct {
	Change
	order string
}

type differ struct {
	old, new *content.Model
	out      []ordered
	of       map[*content.Model]map[content.Kind][]*content.Page
}

// ordered returns m.Of(k), computed once per diff.
func (d *differ) ordered(m *content.Model, k content.Kind) []*content.Page {
	if d.of == nil {
		d.of = map[*content.Model]map[content.Kind][]*content.Page{}
	}
	if d.of[m] == nil {
		d.of[m] = map[content.Kind][]*content.Page{}
	}
	ps, ok := d.of[m][k]
	if !ok {
		ps = m.Of(k)
		d.of[m][k] = ps
	}
	return ps
}

// sortKey places a page's changes: by group, then track and rank for
// levels, then display order.
func (d *differ) sortKey(p *content.Page) string {
	s := fmt.Sprintf("%02d/", group(p.Kind))
	if p.Kind == content.KindLevel {
		s += fmt.Sprintf("%s/%04d/", p.Track, p.Front.Rank)
	}
	return s + fmt.Sprintf("%08d/%s", p.Front.Weight+50000000, p.Rel)
}

func (d *differ) emit(p *content.Page, c Change, item int) {
	c.Page, c.Rel, c.What, c.Title, c.Track, c.Of = p.URL, p.Rel, what(p.Kind), p.Front.Title, p.Track, p.Kind
	if c.Bump == None {
		c.Bump = Minor
	}
	d.out = append(d.out, ordered{c, fmt.Sprintf("%s/%04d", d.sortKey(p), item)})
}

func what(k content.Kind) string {
	switch k {
	case content.KindDimension:
		return "comparison dimension"
	case content.KindFAQ:
		return "question"
	case content.KindTerm:
		return "glossary term"
	case content.KindHome, content.KindSection:
		return "page"
	}
	return string(k)
}

func (d *differ) added(p *content.Page) {
	switch p.Kind {
	case content.KindLevel:
		d.emit(p, Change{Kind: LevelAdded, To: fmt.Sprint(p.Front.Rank)}, 0)
	case content.KindCompetency:
		d.emit(p, Change{Kind: CompetencyAdded}, 0)
	case content.KindDuty:
		d.emit(p, Change{Kind: DutyAdded, To: d.owners(p.Front.Ownership)}, 0)
	default:
		d.emit(p, Change{Kind: Added}, 0)
	}
}

func (d *differ) removed(p *content.Page) {
	switch p.Kind {
	case content.KindLevel:
		d.emit(p, Change{Kind: LevelRemoved, From: fmt.Sprint(p.Front.Rank), Bump: Major}, 0)
	case content.KindCompetency:
		d.emit(p, Change{Kind: CompetencyRemoved, Bump: Major}, 0)
	case content.KindDuty:
		d.emit(p, Change{Kind: DutyRemoved}, 0)
	default:
		d.emit(p, Change{Kind: Removed}, 0)
	}
}

// owners is a duty's ownership in words: "PM leads, PO supports".
func (d *differ) owners(own map[string]string) string {
	var s []string
	for _, r := range d.roles() {
		if v := own[r.ID]; v != "" {
			s = append(s, d.role(r.ID)+" "+v)
		}
	}
	return strings.Join(s, ", ")
}

// roles are the roles of both revisions, in the new one's order.
func (d *differ) roles() []*content.Page {
	rs := slices.Clone(d.ordered(d.new, content.KindRole))
	for _, r := range d.ordered(d.old, content.KindRole) {
		if d.new.Get(content.KindRole, r.ID) == nil {
			rs = append(rs, r)
		}
	}
	return rs
}

// role is a role's short name.
func (d *differ) role(id string) string {
	for _, m := range []*content.Model{d.new, d.old} {
		if r := m.Get(content.KindRole, id); r != nil && r.Front.Abbr != "" {
			return r.Front.Abbr
		}
	}
	return id
}

// competency is a competency's title.
func (d *differ) competency(id string) string {
	for _, m := range []*content.Model{d.new, d.old} {
		if c := m.Get(content.KindCompetency, id); c != nil {
			return c.Front.Title
		}
	}
	return id
}

// structured are the front matter fields a kind's semantic changes cover;
// every other field's change is a change in wording.
var structured = map[content.Kind][]string{
	content.KindLevel:     {"title", "rank", "expectations"},
	content.KindDuty:      {"ownership"},
	content.KindDimension: {"values"},
	content.KindSkill:     {"importance"},
}

func (d *differ) page(q, p *content.Page) {
	if q == p || bytes.Equal(q.Source, p.Source) {
		return // the same file (parsed once), or the same bytes
	}
	i := 0
	next := func() int { i++; return i }
	switch p.Kind {
	case content.KindLevel:
		if q.Front.Title != p.Front.Title {
			d.emit(p, Change{Kind: LevelRenamed, From: q.Front.Title, To: p.Front.Title}, next())
		}
		if q.Front.Rank != p.Front.Rank {
			d.emit(p, Change{Kind: LevelReranked, From: fmt.Sprint(q.Front.Rank), To: fmt.Sprint(p.Front.Rank), Bump: Major}, next())
		}
		for _, c := range d.keys(content.KindCompetency, q.Front.Expectations, p.Front.Expectations) {
			a, b := q.Front.Expectations[c], p.Front.Expectations[c]
			ch := Change{Item: c, ItemTitle: d.competency(c), From: a, To: b}
			switch {
			case a == b:
				continue
			case a == "":
				ch.Kind = ExpectationAdded
			case b == "":
				ch.Kind = ExpectationRemoved
			default:
				ch.Kind, ch.Words = ExpectationReworded, WordDiff(a, b)
			}
			d.emit(p, ch, next())
		}
	case content.KindDuty:
		d.perRole(p, q.Front.Ownership, p.Front.Ownership, OwnershipChanged, next)
	case content.KindSkill:
		d.perRole(p, q.Front.Importance, p.Front.Importance, ImportanceChanged, next)
	case content.KindDimension:
		for _, r := range d.keys(content.KindRole, q.Front.Values, p.Front.Values) {
			a, b := q.Front.Values[r], p.Front.Values[r]
			if a != b {
				ch := Change{Kind: ValueChanged, Item: r, ItemTitle: d.role(r), From: a, To: b}
				if a != "" && b != "" {
					ch.Words = WordDiff(a, b)
				}
				d.emit(p, ch, next())
			}
		}
	}
	if a, b := wording(q), wording(p); a != b {
		d.emit(p, Change{Kind: Prose, Words: WordDiff(a, b), Bump: Patch}, next())
	}
}

func (d *differ) perRole(p *content.Page, a, b map[string]string, k Kind, next func() int) {
	for _, r := range d.keys(content.KindRole, a, b) {
		if a[r] != b[r] {
			d.emit(p, Change{Kind: k, Item: r, ItemTitle: d.role(r), From: a[r], To: b[r]}, next())
		}
	}
}

// keys are the ids in either map, in the order of the pages of a kind
// (competencies, roles), then any others by id.
func (d *differ) keys(k content.Kind, a, b map[string]string) []string {
	var out []string
	seen := map[string]bool{}
	for _, m := range []*content.Model{d.new, d.old} {
		for _, p := range d.ordered(m, k) {
			_, inA := a[p.ID]
			_, inB := b[p.ID]
			if (inA || inB) && !seen[p.ID] {
				seen[p.ID] = true
				out = append(out, p.ID)
			}
		}
	}
	var rest []string
	for _, m := range []map[string]string{a, b} {
		for id := range m {
			if !seen[id] {
				seen[id] = true
				rest = append(rest, id)
			}
		}
	}
	slices.Sort(rest)
	return append(out, rest...)
}

// wording is a page's text apart from its structured fields and its
// order: the other front matter values, then the body.
func wording(p *content.Page) string {
	var b strings.Builder
	skip := structured[p.Kind]
	for _, k := range slices.Sorted(maps.Keys(p.Raw)) {
		if k == "weight" || slices.Contains(skip, k) {
			continue
		}
		v, _ := json.Marshal(p.Raw[k])
		if s, ok := p.Raw[k].(string); ok {
			v = []byte(s)
		}
		fmt.Fprintf(&b, "%s: %s\n", k, v)
	}
	b.Write(p.Source[p.BodyAt:])
	return b.String()
}

// competencyOrder reports competencies whose place among the others moved.
func (d *differ) competencyOrder() {
	pos := func(m *content.Model, other *content.Model) map[string]int {
		out := map[string]int{}
		for _, c := range m.Of(content.KindCompetency) {
			if other.Get(content.KindCompetency, c.ID) != nil {
				out[c.ID] = len(out) + 1
			}
		}
		return out
	}
	a, b := pos(d.old, d.new), pos(d.new, d.old)
	for _, c := range d.new.Of(content.KindCompetency) {
		if i, ok := a[c.ID]; ok && i != b[c.ID] {
			d.emit(c, Change{Kind: CompetencyReranked, From: fmt.Sprint(i), To: fmt.Sprint(b[c.ID]), Bump: Major}, 0)
		}
	}
}
