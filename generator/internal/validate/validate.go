// Package validate is the checking stage: each file's front matter against
// its kind's schema, and the checks that need the whole handbook:
// references between files (read from the registry of kinds), ranks, links
// and anchors, duplicates and citations.
package validate

import (
	"fmt"
	"maps"
	"net/url"
	"slices"
	"strings"

	"github.com/product-roles/handbook/generator/internal/content"
	"github.com/product-roles/handbook/generator/internal/diag"
)

// Targets lists the URL paths a link may point to, each with the anchors
// that exist on it. Pages from the model are added by Check; the derived
// views add the pages they generate.
type Targets map[string]map[string]bool

// Add records a URL path and anchors on it.
func (t Targets) Add(path string, anchors ...string) {
	if t[path] == nil {
		t[path] = map[string]bool{}
	}
	for _, a := range anchors {
		t[path][a] = true
	}
}

// Check applies the schemas and runs every cross-file check, and returns
// the problems found.
func Check(m *content.Model, extra Targets) diag.List {
	return CheckMemo(m, extra, nil)
}

// CheckMemo is Check with what it found in unchanged files remembered in
// memo (serve keeps one between rebuilds).
func CheckMemo(m *content.Model, extra Targets, memo *Memo) diag.List {
	c := &checker{m: m, targets: Targets{}, badRank: map[string]bool{}, memo: memo}
	for p, as := range extra {
		for a := range as {
			c.targets.Add(p, a)
		}
		c.targets.Add(p)
	}
	c.collectTargets()
	c.duplicates()
	c.roles()
	c.heldBy()
	c.references()
	c.ladders()
	c.interviews()
	c.citations()
	c.bodies()
	c.placeholders()
	c.spelling()
	c.diags = append(c.diags, schemasMemo(m, memo)...)
	c.diags.Sort()
	return c.diags
}

type checker struct {
	m         *content.Model
	targets   Targets
	diags     diag.List
	noAnchors bool            // translations: a translated page's anchors differ from its source's
	badRank   map[string]bool // tracks whose ranks have gaps or duplicates
	anyAnchor []string        // pages of files that could not be read
	memo      *Memo           // serve: what unchanged files were found to hold
}

func (c *checker) errAt(p *content.Page, ptr, check, msg, hint string) {
	pos := p.At(ptr)
	c.diags.Add(p.File, pos.Line, pos.Col, check, msg, hint)
}

func (c *checker) collectTargets() {
	for _, p := range c.m.Unread { // its anchors are unknown: any is taken
		if p.Listed {
			c.targets.Add(strings.TrimSuffix(p.URL, p.ID+"/"), p.ID)
			continue
		}
		c.anyAnchor = append(c.anyAnchor, p.URL)
		c.targets.Add(p.URL)
	}
	for _, p := range c.m.Pages {
		if p.Listed {
			list := strings.TrimSuffix(p.URL, p.ID+"/")
			c.targets.Add(list, p.ID)
			continue
		}
		c.targets.Add(p.URL)
		for _, h := range p.Heads {
			c.targets.Add(p.URL, h.Anchor)
		}
	}
}

func (c *checker) duplicates() {
	seen := map[string]*content.Page{}
	titles := map[string]*content.Page{}
	summaries := map[string]*content.Page{}
	for _, p := range c.m.Pages {
		key := string(p.Kind) + ":" + p.Track + "/" + p.ID
		if first, ok := seen[key]; ok {
			c.errAt(p, "", "duplicate-id", fmt.Sprintf("duplicate id %q: %s has the same id", p.ID, first.File),
				"rename one of the two files")
		} else {
			seen[key] = p
		}
		if p.Kind == content.KindSource {
			continue // a source's title is its author's, not ours
		}
		if t := content.Fold(p.Front.Title); t != "" {
			if first, ok := titles[t]; ok {
				c.errAt(p, "/title", "duplicate-title", fmt.Sprintf("title %q is also the title of %s", p.Front.Title, first.File),
					"give each page a title of its own")
			} else {
				titles[t] = p
			}
		}
		if s := content.Fold(p.Front.Summary); s != "" {
			if first, ok := summaries[s]; ok {
				c.errAt(p, "/summary", "duplicate-summary", fmt.Sprintf("summary is the same as the summary of %s", first.File),
					"write a summary that says what this page adds")
			} else {
				summaries[s] = p
			}
		}
	}
}

// roleMaps lists the front matter fields that hold one entry per role.
var roleMaps = []struct {
	kind               content.Kind
	field, what, deflt string
	get                func(*content.Front) map[string]string
}{
	{content.KindDimension, "values", "dimension", "value", func(f *content.Front) map[string]string { return f.Values }},
	{content.KindDuty, "ownership", "duty", "ownership", func(f *content.Front) map[string]string { return f.Ownership }},
	{content.KindSkill, "importance", "skill", "importance", func(f *content.Front) map[string]string { return f.Importance }},
}

func (c *checker) roles() {
	roles := c.m.Of(content.KindRole)
	for _, rm := range roleMaps {
		for _, p := range c.m.Of(rm.kind) {
			vals := rm.get(&p.Front)
			if vals == nil {
				continue // the schema reported it
			}
			for _, r := range roles {
				if _, ok := vals[r.ID]; !ok && r.Overlay && !p.Overlay {
					// A fork's role lacks an entry for an upstream item (one
					// upstream added after the fork, say): the fix is in the
					// fork's file, never upstream's.
					pos := r.At("/" + rm.field)
					c.diags.Warn(r.File, pos.Line, pos.Col, "missing-role", fmt.Sprintf("role %q has no %s entry for %s %q (%s); the views show it as not described", r.ID, rm.field, rm.what, p.ID, p.File),
						fmt.Sprintf("add `%s: ...` under %s in %s, or set default_%s for everything it does not list", p.ID, rm.field, r.File, rm.deflt))
				} else if !ok {
					pos := p.At("/" + rm.field)
					c.diags.Warn(p.File, pos.Line, pos.Col, "missing-role", fmt.Sprintf("%s has no entry for role %q; the views show it as not described", rm.field, r.ID),
						fmt.Sprintf("add `%s: ...` under %s", r.ID, rm.field))
				}
			}
		}
	}
}

// references reports every id a reference field of the registry names
// that no file defines.
func (c *checker) references() {
	kinds := c.m.Registry()
	for _, p := range c.m.Pages {
		spec, _ := kinds.Spec(p.Kind)
		for _, ref := range spec.Refs {
			if ref.Unknown == "" {
				continue // checked where the kind's other rules are
			}
			for _, v := range ref.Values(p) {
				if c.m.Defines(ref.Target, v.ID) {
					continue
				}
				hint := ref.Hint
				if strings.HasSuffix(hint, ": ") {
					hint += content.IDs(c.m.Of(ref.Target))
				}
				c.errAt(p, v.Ptr, "unknown-id", fmt.Sprintf(ref.Unknown, v.ID), hint)
			}
		}
	}
}

func (c *checker) ladders() {
	comps := c.m.Of(content.KindCompetency)
	for _, t := range c.m.Of(content.KindTrack) {
		levels := c.m.Levels(t.ID)
		if len(levels) == 0 {
			c.errAt(t, "", "ladder", fmt.Sprintf("track %q has no levels", t.ID), "add level files beside this _index.md")
			continue
		}
		byRank := map[int]*content.Page{}
		for _, l := range levels {
			if l.Front.Rank < 1 {
				continue // the schema reported it
			}
			if first, ok := byRank[l.Front.Rank]; ok {
				if first.Overlay && !l.Overlay { // a fork's level: the fix is in the fork's file
					first, l = l, first
					byRank[l.Front.Rank] = first
				}
				c.errAt(l, "/rank", "rank", fmt.Sprintf("rank %d is also the rank of %s", l.Front.Rank, first.File),
					"give each level of a track its own rank")
				c.badRank[t.ID] = true
				continue
			}
			byRank[l.Front.Rank] = l
		}
		top := 0
		for r := range byRank {
			top = max(top, r)
		}
		for r := 1; r <= top; r++ {
			if byRank[r] == nil {
				at := levels[0]
				for _, l := range levels {
					if l.Front.Rank > r {
						at = l
						break
					}
				}
				c.errAt(at, "/rank", "rank", fmt.Sprintf("ranks in track %q skip %d", t.ID, r),
					"number the levels 1, 2, 3 ... without gaps")
				c.badRank[t.ID] = true
			}
		}
		for _, l := range levels {
			if l.Front.Expectations != nil {
				for _, comp := range comps {
					if _, ok := l.Front.Expectations[comp.ID]; !ok && comp.Overlay && !l.Overlay {
						// A fork's competency: upstream's levels say nothing about it,
						// and the place to see that is the fork's file.
						pos := comp.At("")
						c.diags.Warn(comp.File, pos.Line, pos.Col, "missing-expectation", fmt.Sprintf("%s has no expectation for this competency; its ladder cell stays empty", l.File),
							fmt.Sprintf("to give it one, copy the level into the overlay with `go run ./generator override %s` and add `%s: ...` under expectations there", l.File, comp.ID))
					} else if !ok {
						c.errAt(l, "/expectations", "missing-expectation", fmt.Sprintf("no expectation for competency %q", comp.ID),
							fmt.Sprintf("add `%s: ...` under expectations", comp.ID))
					}
				}
			}
			if above := byRank[l.Front.Rank+1]; above != nil && above.Overlay && !l.Overlay && len(l.Front.ReadyForNext) == 0 {
				// A fork put a level above an upstream one: the signals for
				// the step up belong in the fork's file.
				pos := above.At("/from")
				c.diags.Warn(above.File, pos.Line, pos.Col, "missing-field", fmt.Sprintf("%s, the level below this one, has no ready_for_next: nothing says when someone is ready for this level", l.File),
					fmt.Sprintf("add `from: [{level: %s, ready_for_next: [...]}]` to %s", content.LevelID(l), above.File))
			} else if l.Front.Rank < top && len(l.Front.ReadyForNext) == 0 && l.Front.Rank > 0 {
				pos := l.At("")
				c.diags.Warn(l.File, pos.Line, pos.Col, "missing-field", "no ready_for_next: every level below the top should say when someone is ready to move up",
					"add `ready_for_next:` with a few signals")
			}
		}
	}
}

func (c *checker) citations() {
	cited := map[string]bool{}
	for _, p := range c.m.Pages {
		for _, s := range p.Front.Sources {
			cited[s] = true
		}
		if p.Kind == content.KindSource && p.Front.Via != "" {
			cited[p.ID] = true
		}
	}
	for _, s := range c.m.Of(content.KindSource) {
		if !cited[s.ID] {
			pos := s.At("")
			c.diags.Warn(s.File, pos.Line, pos.Col, "uncited-source", fmt.Sprintf("source %q is never cited", s.ID),
				"cite it in a page's `sources:`, or remove the file")
		}
	}
}

func (c *checker) bodies() {
	for _, p := range c.m.Pages {
		for _, h := range p.Heads {
			if h.Empty {
				c.diags.Add(p.File, h.Pos.Line, h.Pos.Col, "empty-section", fmt.Sprintf("section %q is empty", h.Text),
					"write text under the heading, or remove it")
			}
		}
		for _, l := range p.Links {
			c.link(p, l)
		}
	}
}

func (c *checker) link(p *content.Page, l content.Link) {
	at := func(check, msg, hint string) { c.diags.Add(p.File, l.Pos.Line, l.Pos.Col, check, msg, hint) }
	if l.Image && strings.TrimSpace(l.Text) == "" {
		at("image-alt", fmt.Sprintf("image %q has no alt text", l.Dest), "describe the image: ![what it shows](path)")
	}
	dest := strings.TrimSpace(l.Dest)
	u, err := url.Parse(dest)
	if err != nil {
		at("link", fmt.Sprintf("link %q is not a valid URL", dest), "")
		return
	}
	foreign := func() {
		at("image-origin", fmt.Sprintf("image %q is not a file of the site: every reader's browser would fetch it from another origin", dest),
			"save the image under static/ (a fork: company/static/) and write ![what it shows](/images/name.png)")
	}
	switch strings.ToLower(u.Scheme) {
	case "http", "https", "mailto":
		if l.Image {
			foreign()
		}
		return
	case "":
	default:
		at("link", fmt.Sprintf("link %q uses the %s: scheme, which is not allowed", dest, u.Scheme),
			"link to an https:// address or a page of the handbook")
		return
	}
	if u.Host != "" && l.Image {
		foreign()
		return
	}
	if u.Host != "" {
		at("link", fmt.Sprintf("link %q has no scheme", dest), "write https://")
		return
	}
	target := u.Path
	if target == "" { // #anchor on the same page
		target = p.URL
	}
	if !strings.HasPrefix(target, "/") {
		at("link", fmt.Sprintf("link %q is relative", dest), "write links from the site root, e.g. /duties/backlog-ordering/")
		return
	}
	if !strings.HasSuffix(target, "/") && !strings.Contains(target[strings.LastIndex(target, "/"):], ".") {
		target += "/"
	}
	anchors, ok := c.targets[target]
	if !ok && l.Image {
		at("link", fmt.Sprintf("image %s, a file that does not exist", u.Path), "save the image under static/ and link to it from the site root")
		return
	}
	if !ok {
		at("link", fmt.Sprintf("link to %s, a page that does not exist", u.Path), c.suggest(target))
		return
	}
	if u.Fragment != "" && !anchors[u.Fragment] && !c.noAnchors && !slices.Contains(c.anyAnchor, target) {
		at("anchor", fmt.Sprintf("link to #%s on %s, an anchor that does not exist", u.Fragment, target),
			"link to a heading of that page; its anchor is the heading in lower case with hyphens")
	}
}

func (c *checker) suggest(target string) string {
	id := strings.Trim(target[strings.LastIndex(strings.TrimSuffix(target, "/"), "/")+1:], "/")
	var hits []string
	for t := range c.targets {
		if strings.HasSuffix(t, "/"+id+"/") {
			hits = append(hits, t)
		}
	}
	slices.Sort(hits)
	if len(hits) > 0 {
		return "did you mean " + strings.Join(hits, " or ") + "?"
	}
	return "check the path: pages live at /<section>/<id>/"
}

// interviews checks what an interview question names: its competency, its
// tracks and a rank range those tracks have, with signals from the range's
// first rank up. It warns about every competency of a level that no
// question fits.
func (c *checker) interviews() {
	tops := map[string]int{} // track id -> its top rank
	for _, t := range c.m.Of(content.KindTrack) {
		for _, l := range c.m.Levels(t.ID) {
			tops[t.ID] = max(tops[t.ID], l.Front.Rank)
		}
	}
	shortened := map[string]bool{} // tracks a company hid levels of: their ranks were renumbered
	for _, p := range c.m.Removed {
		if p.Kind == content.KindLevel {
			shortened[p.Track] = true
		}
	}
	questions := c.m.Of(content.KindInterview)
	errorsBefore := c.diags.Errors()
	for _, q := range questions {
		f := q.Front
		if f.Competency != "" && !c.m.Defines(content.KindCompetency, f.Competency) {
			c.errAt(q, "/competency", "unknown-id", fmt.Sprintf("unknown competency %q", f.Competency),
				"use the id of a file in content/competencies/: "+content.IDs(c.m.Of(content.KindCompetency)))
		}
		r := f.Ranks
		if r.From < 1 || r.To < 1 {
			continue // the schema reported it
		}
		if r.From > r.To {
			c.errAt(q, "/ranks/from", "rank", fmt.Sprintf("ranks go from %d to %d: from is above to", r.From, r.To),
				"write the lower rank as from, e.g. ranks: {from: 2, to: 4}")
			continue
		}
		for i, id := range f.Tracks {
			top, ok := tops[id]
			switch {
			case !c.m.Defines(content.KindTrack, id):
				c.errAt(q, fmt.Sprintf("/tracks/%d", i), "unknown-id", fmt.Sprintf("unknown track %q", id),
					"use the id of a folder in content/ladders/: "+content.IDs(c.m.Of(content.KindTrack)))
			case ok && r.To > top && !c.badRank[id] && !shortened[id]:
				c.errAt(q, "/ranks/to", "unknown-level", fmt.Sprintf("ranks.to is %d, but track %q has no level above rank %d", r.To, id, top),
					fmt.Sprintf("lower ranks.to to %d at most, or leave %s out of tracks", top, id))
			}
		}
		prev := 0
		for i, s := range f.Signals {
			ptr := fmt.Sprintf("/signals/%d/from_rank", i)
			switch {
			case s.FromRank < 1: // the schema reported it
			case i == 0 && s.FromRank != r.From:
				c.errAt(q, ptr, "signals", fmt.Sprintf("the first signals entry has from_rank %d, but the question fits from rank %d", s.FromRank, r.From),
					fmt.Sprintf("start signals with from_rank: %d, so every rank in the range has signals", r.From))
			case i > 0 && s.FromRank <= prev:
				c.errAt(q, ptr, "signals", fmt.Sprintf("from_rank %d does not follow from_rank %d: entries go from lower to higher ranks", s.FromRank, prev),
					"order the signals entries by from_rank, each one higher than the one before")
			case s.FromRank > r.To:
				c.errAt(q, ptr, "signals", fmt.Sprintf("from_rank %d is above the question's range (%d to %d); no level would see it", s.FromRank, r.From, r.To),
					"remove the entry, or raise ranks.to")
			}
			prev = s.FromRank
		}
	}
	if c.diags.Errors() > errorsBefore {
		return // which question fits where is unclear until the questions are right
	}
	for _, t := range c.m.Of(content.KindTrack) {
		if c.badRank[t.ID] {
			continue // the ranks are wrong: which question fits is unclear
		}
		for _, l := range c.m.Levels(t.ID) {
			for _, comp := range c.m.Of(content.KindCompetency) {
				if _, expected := l.Front.Expectations[comp.ID]; !expected {
					continue
				}
				if len(content.Fitting(questions, t.ID, l.Front.Rank, comp.ID)) == 0 {
					pos := l.KeyAt("/expectations/" + comp.ID)
					c.diags.Warn(l.File, pos.Line, pos.Col, "interview-coverage",
						fmt.Sprintf("no interview question fits competency %q at this level (rank %d of track %q)", comp.ID, l.Front.Rank, t.ID),
						fmt.Sprintf("add a question to content/interview/ with competency: %s, %s in tracks and a ranks range that includes %d", comp.ID, t.ID, l.Front.Rank))
				}
			}
		}
	}
}

// placeholders reports text that `generator new` wrote for an author to
// replace: a warning (an error with --strict), except in a role's own
// entries for dimensions, which the views would show as they are.
func (c *checker) placeholders() {
	for _, p := range c.m.Pages {
		errLines := map[int]bool{}
		if p.Kind == content.KindRole {
			for _, id := range slices.Sorted(maps.Keys(p.Front.Values)) {
				if strings.Contains(p.Front.Values[id], content.Placeholder) {
					pos := p.At("/values/" + id)
					errLines[pos.Line] = true
					c.diags.Add(p.File, pos.Line, pos.Col, "placeholder", fmt.Sprintf("values.%s is still the placeholder `generator new` wrote", id),
						"write how this role handles it, or remove the line")
				}
			}
		}
		if !strings.Contains(string(p.Source), content.Placeholder) {
			continue
		}
		for i, line := range strings.Split(string(p.Source), "\n") {
			if col := strings.Index(line, content.Placeholder); col >= 0 && !errLines[i+1] {
				c.diags.Warn(p.File, i+1, 1, "placeholder", "placeholder text from `generator new` is still here",
					"replace the text that ends in \"replace it.\" with your own")
			}
		}
	}
}
