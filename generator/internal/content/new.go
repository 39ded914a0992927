package content

import (
	"errors"
	"fmt"
	"strings"
)

// Draft is a new file `generator new` writes for a kind. The scaffold fills
// in ID, Title, Rel (<folder>/<id>.md), Head (the title and summary lines)
// and Body (a placeholder); the kind's Spec.New adds its fields and may
// change the rest. Every text for an author to replace ends in Placeholder.
type Draft struct {
	ID, Title string
	Rel       string // the path below the content root
	Head      string // the front matter's first lines: title and summary
	Fields    string // the front matter after them
	Body      string
}

// Add appends a formatted line (or lines) to the draft's fields.
func (d *Draft) Add(format string, a ...any) { d.Fields += fmt.Sprintf(format, a...) }

// Cite returns the id of the first source, for a new file's sources; a
// handbook with none can make no file that cites one.
func Cite(m *Model) (string, error) {
	if s := first(m.Of(KindSource)); s != "" {
		return s, nil
	}
	return "", errors.New("add a source first: go run ./generator new source <id>")
}

func first(ps []*Page) string {
	if len(ps) == 0 {
		return ""
	}
	return ps[0].ID
}

// nextWeight is a weight after every file of a kind.
func nextWeight(m *Model, k Kind) int {
	w := 0
	for _, p := range m.Of(k) {
		w = max(w, p.Front.Weight)
	}
	return w + 10
}

// weighted writes the fields of a kind with only a weight and sources.
func weighted(k Kind) func(*Model, *Draft) error {
	return func(m *Model, d *Draft) error {
		source, err := Cite(m)
		d.Add("weight: %d\nsources: [%s]\n", nextWeight(m, k), source)
		return err
	}
}

func newRole(m *Model, d *Draft) error {
	roles := m.Of(KindRole)
	source, err := Cite(m)
	d.Add("abbr: %s\nquestion: The question this role answers%s\nreports_to: Who this role usually reports to%s\n", abbr(d.ID), Placeholder, Placeholder)
	d.Add("works_with:\n  - A team this role works with%s\nowns:\n  - Something this role owns%s\nsuccess:\n  - What success looks like%s\n",
		Placeholder, Placeholder, Placeholder)
	d.Add("weight: %d\nsources: [%s]\n", 10*(len(roles)+1), source)
	// Every entry the handbook has today, each a placeholder that check
	// rejects until it is filled in (or removed, with a default).
	d.Add("# This role's entry for every comparison dimension, duty and skill: check fails until each is filled in.\n")
	d.Add("# A duty or skill added later without an entry here takes default_ownership / default_importance, if set.\n")
	d.Add("values:\n")
	for _, dim := range m.Of(KindDimension) {
		d.Add("  %s: How the %s handles %s%s\n", dim.ID, d.Title, strings.ToLower(dim.Front.Title), Placeholder)
	}
	d.Add("ownership: # leads | shares | supports | none\n")
	for _, duty := range m.Of(KindDuty) {
		d.Add("  %s: %s\n", duty.ID, Todo)
	}
	d.Add("importance: # essential | important | helpful\n")
	for _, s := range m.Of(KindSkill) {
		d.Add("  %s: %s\n", s.ID, Todo)
	}
	d.Add("# default_ownership: none      # for duties not listed above, such as ones upstream adds later\n")
	d.Add("# default_importance: helpful  # for skills not listed above\n")
	return err
}

func newDimension(m *Model, d *Draft) error {
	d.Add("values:\n")
	for _, r := range m.Of(KindRole) {
		d.Add("  %s: How the %s handles this%s\n", r.ID, r.Front.Title, Placeholder)
	}
	return weighted(KindDimension)(m, d)
}

func newDuty(m *Model, d *Draft) error {
	d.Add("area: %s\nownership:\n", first(m.Of(KindArea)))
	for _, r := range m.Of(KindRole) {
		d.Add("  %s: supports # leads | shares | supports | none\n", r.ID)
	}
	d.Add("# held_by: developers # only for a duty the Scrum Guide gives to the developers, scrum-master or scrum-team (then no role leads)\n")
	return weighted(KindDuty)(m, d)
}

func newSkill(m *Model, d *Draft) error {
	d.Add("kind: soft # hard | soft\nimportance:\n")
	for _, r := range m.Of(KindRole) {
		d.Add("  %s: helpful # essential | important | helpful\n", r.ID)
	}
	return weighted(KindSkill)(m, d)
}

// newLevel makes a level; its id is "<track>/<level>".
func newLevel(m *Model, d *Draft) error {
	track, id, ok := strings.Cut(d.ID, "/")
	if !ok {
		return errors.New(`a level's id is "<track>/<level>", e.g. product-management/principal-product-manager`)
	}
	if m.Get(KindTrack, track) == nil {
		return fmt.Errorf("no track %q: the tracks are %s", track, IDs(m.Of(KindTrack)))
	}
	if !IsSlug(id) {
		return fmt.Errorf("%q is not a valid id: use lower-case letters, digits and single hyphens", id)
	}
	d.Rel = "ladders/" + track + "/" + id + ".md"
	rank := len(m.Levels(track)) + 1
	for _, h := range m.Removed { // a fork's level goes above upstream's, hidden ones too
		if h.Kind == KindLevel && h.Track == track {
			rank++
		}
	}
	source, err := Cite(m)
	d.Add("rank: %d\nscope: The span of work someone at this level owns%s\n", rank, Placeholder)
	d.Add("experience: The kind of experience people usually bring, without numbers of years%s\nexpectations:\n", Placeholder)
	for _, c := range m.Of(KindCompetency) {
		d.Add("  %s: What someone at this level does for %s, as an observable behaviour%s\n", c.ID, strings.ToLower(c.Front.Title), Placeholder)
	}
	d.Add("sources: [%s]\n", source)
	d.Body = "Describe the level: how it differs from the level below, and what people at this level spend their time on" + Placeholder + "\n"
	return err
}

func newInterview(m *Model, d *Draft) error {
	comp := first(m.Of(KindCompetency))
	if comp == "" {
		return errors.New("add a competency first: an interview question probes one")
	}
	var tracks []string
	top := 0
	for _, t := range m.Of(KindTrack) {
		tracks = append(tracks, t.ID)
		if ls := m.Levels(t.ID); len(ls) > 0 && (top == 0 || ls[len(ls)-1].Front.Rank < top) {
			top = ls[len(ls)-1].Front.Rank // the lowest top rank, so that every track has the range
		}
	}
	if len(tracks) == 0 || top == 0 {
		return errors.New("add a career track with levels first: an interview question fits levels")
	}
	source, err := Cite(m)
	d.Add("competency: %s # the competency the question probes\ntracks: [%s]\nranks: {from: 1, to: %d} # the level ranks it fits\n", comp, strings.Join(tracks, ", "), top)
	d.Add("question: The question as you would ask it%s\nfollow_ups:\n  - A follow-up question for when the first answer stays vague%s\n", Placeholder, Placeholder)
	d.Add("signals: # from a rank up; add entries with a higher from_rank where higher levels should answer differently\n")
	d.Add("  - from_rank: 1\n    weak: What a weak answer sounds like%s\n    solid: What a solid answer sounds like%s\n    strong: What a strong answer sounds like%s\n", Placeholder, Placeholder, Placeholder)
	d.Add("red_flags:\n  - Something in an answer that should worry the interviewer%s\nsources: [%s]\n", Placeholder, source)
	d.Body = "Two to four sentences: why ask this, and which duties and level expectations it draws on" + Placeholder + "\n"
	return err
}

func newSource(_ *Model, d *Draft) error {
	d.Add("kind: article # article | book | web\nauthor: The author, if known\nlink: https://example.com/the-article\n")
	d.Add("# without a link: a book gives publisher and issued (its year); an address that is not known: address_unknown: true\n")
	d.Body = "One or two sentences on what the source covers" + Placeholder + " Cite it from a page with `sources: [" + d.ID + "]`.\n"
	return nil
}

func newFAQ(m *Model, d *Draft) error {
	d.Head = fmt.Sprintf("title: %s?\nsummary: The answer in one sentence%s\n", d.Title, Placeholder)
	d.Body = "The full answer" + Placeholder + "\n"
	return weighted(KindFAQ)(m, d)
}

func newTerm(_ *Model, d *Draft) error {
	d.Head = fmt.Sprintf("title: %s\nsummary: The term's definition in one sentence%s\n", d.Title, Placeholder)
	d.Body = "A few sentences more, if the term needs them" + Placeholder + "\n"
	return nil
}

func abbr(id string) string {
	var b strings.Builder
	for _, part := range strings.Split(id, "-") {
		b.WriteString(strings.ToUpper(part[:1]))
	}
	return b.String()
}
