// Package scaffold writes a new content file for a kind of thing, with
// placeholders to replace: `check` warns about each placeholder left (an
// error with --strict), and rejects a new role until its entry for every
// dimension, duty and skill is filled in.
package scaffold

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/product-roles/handbook/generator/internal/content"
)

// builtin lists the built-in kinds `generator new` creates, each with its
// own fields below. (A competency is added by hand: every level then needs
// an expectation for it.)
func builtin() []content.Kind {
	return []content.Kind{content.KindRole, content.KindDimension, content.KindDuty, content.KindSkill, content.KindLevel,
		content.KindSource, content.KindGuide, content.KindFAQ, content.KindTerm, content.KindInterview}
}

// Kinds lists what `generator new` can create: the built-in kinds above,
// then every kind of the registry with a New.
func Kinds(r *content.Registry) []string {
	var out []string
	for _, k := range builtin() {
		out = append(out, string(k))
	}
	for _, s := range r.All() {
		if s.New != nil && !slices.Contains(builtin(), s.Kind) {
			out = append(out, string(s.Kind))
		}
	}
	return out
}

// File returns the path below the content root and the text of a new file.
// For a level, id is "<track>/<level>".
func File(m *content.Model, kind, id string) (string, []byte, error) {
	kinds := m.Registry()
	spec, _ := kinds.Spec(content.Kind(kind))
	track := ""
	if kind == "level" {
		var ok bool
		track, id, ok = strings.Cut(id, "/")
		if !ok {
			return "", nil, errors.New(`a level's id is "<track>/<level>", e.g. product-management/principal-product-manager`)
		}
		if m.Get(content.KindTrack, track) == nil {
			return "", nil, fmt.Errorf("no track %q: the tracks are %s", track, content.IDs(m.Of(content.KindTrack)))
		}
	}
	if !content.IsSlug(id) {
		return "", nil, fmt.Errorf("%q is not a valid id: use lower-case letters, digits and single hyphens", id)
	}
	if content.DeviceName(id) {
		return "", nil, fmt.Errorf("%q is a device name on Windows (a file of that name breaks a Windows checkout); pick another id", id)
	}
	if !slices.Contains(Kinds(kinds), kind) {
		return "", nil, fmt.Errorf("unknown kind %q: use one of %s", kind, strings.Join(Kinds(kinds), ", "))
	}
	title := Title(id)
	source := first(m.Of(content.KindSource))
	roles := m.Of(content.KindRole)
	var b strings.Builder
	w := func(format string, a ...any) { fmt.Fprintf(&b, format, a...) }
	w("---\ntitle: %s\nsummary: One sentence that says what %s is about%s\n", title, strings.ToLower(title), content.Placeholder)
	body := "Write the page here: what it is, how each role takes part, what good looks like, and where organisations differ" + content.Placeholder + "\n"
	rel := spec.Folder + "/" + id + ".md"
	switch kind {
	case "role":
		w("abbr: %s\nquestion: The question this role answers%s\nreports_to: Who this role usually reports to%s\n", abbr(id), content.Placeholder, content.Placeholder)
		w("works_with:\n  - A team this role works with%s\nowns:\n  - Something this role owns%s\nsuccess:\n  - What success looks like%s\n",
			content.Placeholder, content.Placeholder, content.Placeholder)
		w("weight: %d\nsources: [%s]\n", 10*(len(roles)+1), source)
		// Every entry the handbook has today, each a placeholder that
		// check rejects until it is filled in (or removed, with a default).
		w("# This role's entry for every comparison dimension, duty and skill: check fails until each is filled in.\n")
		w("# A duty or skill added later without an entry here takes default_ownership / default_importance, if set.\n")
		w("values:\n")
		for _, d := range m.Of(content.KindDimension) {
			w("  %s: How the %s handles %s%s\n", d.ID, title, strings.ToLower(d.Front.Title), content.Placeholder)
		}
		w("ownership: # leads | shares | supports | none\n")
		for _, d := range m.Of(content.KindDuty) {
			w("  %s: %s\n", d.ID, content.Todo)
		}
		w("importance: # essential | important | helpful\n")
		for _, s := range m.Of(content.KindSkill) {
			w("  %s: %s\n", s.ID, content.Todo)
		}
		w("# default_ownership: none      # for duties not listed above, such as ones upstream adds later\n")
		w("# default_importance: helpful  # for skills not listed above\n")
	case "dimension":
		w("values:\n")
		for _, r := range roles {
			w("  %s: How the %s handles this%s\n", r.ID, r.Front.Title, content.Placeholder)
		}
		w("weight: %d\nsources: [%s]\n", next(m, content.KindDimension), source)
	case "duty":
		w("area: %s\nownership:\n", first(m.Of(content.KindArea)))
		for _, r := range roles {
			w("  %s: supports # leads | shares | supports | none\n", r.ID)
		}
		w("# held_by: developers # only for a duty the Scrum Guide gives to the developers, scrum-master or scrum-team (then no role leads)\n")
		w("weight: %d\nsources: [%s]\n", next(m, content.KindDuty), source)
	case "skill":
		w("kind: soft # hard | soft\nimportance:\n")
		for _, r := range roles {
			w("  %s: helpful # essential | important | helpful\n", r.ID)
		}
		w("weight: %d\nsources: [%s]\n", next(m, content.KindSkill), source)
	case "level":
		rel = "ladders/" + track + "/" + id + ".md"
		rank := len(m.Levels(track)) + 1
		for _, h := range m.Removed { // a fork's level goes above upstream's, hidden ones too
			if h.Kind == content.KindLevel && h.Track == track {
				rank++
			}
		}
		w("rank: %d\nscope: The span of work someone at this level owns%s\n", rank, content.Placeholder)
		w("experience: The kind of experience people usually bring, without numbers of years%s\nexpectations:\n", content.Placeholder)
		for _, c := range m.Of(content.KindCompetency) {
			w("  %s: What someone at this level does for %s, as an observable behaviour%s\n", c.ID, strings.ToLower(c.Front.Title), content.Placeholder)
		}
		w("sources: [%s]\n", source)
		body = "Describe the level: how it differs from the level below, and what people at this level spend their time on" + content.Placeholder + "\n"
	case "interview":
		comp := first(m.Of(content.KindCompetency))
		if comp == "" {
			return "", nil, errors.New("add a competency first: an interview question probes one")
		}
		var tracks []string
		top := 0
		for _, t := range m.Of(content.KindTrack) {
			tracks = append(tracks, t.ID)
			if ls := m.Levels(t.ID); len(ls) > 0 && (top == 0 || ls[len(ls)-1].Front.Rank < top) {
				top = ls[len(ls)-1].Front.Rank // the lowest top rank, so that every track has the range
			}
		}
		if len(tracks) == 0 || top == 0 {
			return "", nil, errors.New("add a career track with levels first: an interview question fits levels")
		}
		w("competency: %s # the competency the question probes\ntracks: [%s]\nranks: {from: 1, to: %d} # the level ranks it fits\n", comp, strings.Join(tracks, ", "), top)
		w("question: The question as you would ask it%s\nfollow_ups:\n  - A follow-up question for when the first answer stays vague%s\n", content.Placeholder, content.Placeholder)
		w("signals: # from a rank up; add entries with a higher from_rank where higher levels should answer differently\n")
		w("  - from_rank: 1\n    weak: What a weak answer sounds like%s\n    solid: What a solid answer sounds like%s\n    strong: What a strong answer sounds like%s\n", content.Placeholder, content.Placeholder, content.Placeholder)
		w("red_flags:\n  - Something in an answer that should worry the interviewer%s\nsources: [%s]\n", content.Placeholder, source)
		body = "Two to four sentences: why ask this, and which duties and level expectations it draws on" + content.Placeholder + "\n"
	case "source":
		w("kind: article # article | book | web\nauthor: The author, if known\nlink: https://example.com/the-article\n")
		w("# without a link: a book gives publisher and issued (its year); an address that is not known: address_unknown: true\n")
		body = "One or two sentences on what the source covers" + content.Placeholder + " Cite it from a page with `sources: [" + id + "]`.\n"
	case "guide":
		w("weight: %d\nsources: [%s]\n", next(m, content.KindGuide), source)
	case "faq":
		b.Reset()
		w("---\ntitle: %s?\nsummary: The answer in one sentence%s\nweight: %d\nsources: [%s]\n", title, content.Placeholder, next(m, content.KindFAQ), source)
		body = "The full answer" + content.Placeholder + "\n"
	case "term":
		b.Reset()
		w("---\ntitle: %s\nsummary: The term's definition in one sentence%s\n", title, content.Placeholder)
		body = "A few sentences more, if the term needs them" + content.Placeholder + "\n"
	default: // a kind the registry adds: its fields come from its entry
		b.WriteString(spec.New(m, id))
	}
	if kind != "source" && kind != "term" && source == "" {
		return "", nil, errors.New("add a source first: go run ./generator new source <id>")
	}
	w("---\n\n%s", body)
	return rel, []byte(b.String()), nil
}

func first(ps []*content.Page) string {
	if len(ps) == 0 {
		return ""
	}
	return ps[0].ID
}

func next(m *content.Model, k content.Kind) int {
	w := 0
	for _, p := range m.Of(k) {
		w = max(w, p.Front.Weight)
	}
	return w + 10
}

func abbr(id string) string {
	var b strings.Builder
	for _, part := range strings.Split(id, "-") {
		b.WriteString(strings.ToUpper(part[:1]))
	}
	return b.String()
}
