// Package fork makes the handbook a company's own without editing upstream
// files: it applies the company's settings (hidden items, shown roles and
// tracks, renamed levels) to the content model, reports what the overlay
// folder adds, replaces and hides, and notices when upstream changed a file
// the overlay replaced.
package fork

import (
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/product-roles/handbook/generator/internal/config"
	"github.com/product-roles/handbook/generator/internal/content"
	"github.com/product-roles/handbook/generator/internal/diag"
)

// Applied says what the settings removed.
type Applied struct {
	Hidden  []*content.Page // hidden items and what went with them
	Dropped []Dropped       // references to hidden items that were removed
	Renamed []string        // "ladders/<track>/<level>: Old title -> New title"
}

// HiddenURLs are the addresses of pages that are no longer published. An
// item listed on its section's page (a source, a glossary term) is the
// list's address with its anchor: "/glossary/#backlog".
func (a Applied) HiddenURLs() []string {
	var out []string
	for _, p := range a.Hidden {
		out = append(out, p.URL)
		if p.Listed {
			out = append(out, strings.TrimSuffix(p.URL, p.ID+"/")+"#"+p.ID)
		}
	}
	slices.Sort(out)
	return out
}

// Apply changes the model as the settings say. Settings that name items
// that do not exist are errors at their line in the config file.
func Apply(c config.Config, m *content.Model) (Applied, diag.List) {
	var diags diag.List
	bad := func(key, msg, hint string) {
		file, line := c.Line(key)
		diags.Add(file, line, 1, "config", msg, hint)
	}
	hide := map[*content.Page]bool{}
	var renamed []string

	// hide = ["duties/pricing", "ladders/<track>/<level>", ...]
	for _, h := range c.Hide {
		p := find(m, h)
		if p == nil {
			bad("hide", fmt.Sprintf("hide lists %q, which is not in the handbook", h), `write "<section>/<id>" of an existing file, e.g. "duties/pricing"`)
			continue
		}
		hide[p] = true
	}
	// roles = [...] and tracks = [...]: show only these.
	for _, list := range []struct {
		key  string
		ids  []string
		kind content.Kind
	}{{"roles", c.Roles, content.KindRole}, {"tracks", c.Tracks, content.KindTrack}} {
		if len(list.ids) == 0 {
			continue
		}
		for _, id := range list.ids {
			if m.Get(list.kind, id) == nil {
				bad(list.key, fmt.Sprintf("%s lists %q, which is not a %s in the handbook", list.key, id, list.kind), "use ids from "+content.IDs(m.Of(list.kind)))
			}
		}
		for _, p := range m.Of(list.kind) {
			if !slices.Contains(list.ids, p.ID) {
				hide[p] = true
			}
		}
	}
	// A hidden track takes its levels with it.
	for _, l := range m.Of(content.KindLevel) {
		if t := m.Get(content.KindTrack, l.Track); t != nil && hide[t] {
			hide[l] = true
		}
	}
	// A file goes with what a Follow reference of its kind names (an
	// interview question with its competency).
	kinds := m.Registry()
	for _, p := range m.Pages {
		spec, _ := kinds.Spec(p.Kind)
		for _, ref := range spec.Refs {
			for _, v := range ref.Values(p) {
				if t := m.Get(ref.Target, v.ID); ref.Follow && t != nil && hide[t] {
					hide[p] = true
				}
			}
		}
	}
	// An interview question goes when every track it fits is hidden.
	for _, q := range m.Of(content.KindInterview) {
		left := 0
		for _, id := range q.Front.Tracks {
			if t := m.Get(content.KindTrack, id); t == nil || !hide[t] {
				left++
			}
		}
		if left == 0 && len(q.Front.Tracks) > 0 {
			hide[q] = true
		}
	}
	// Renamed levels.
	for _, track := range slices.Sorted(maps.Keys(c.LevelTitles)) {
		if m.Get(content.KindTrack, track) == nil {
			bad("level_titles."+track, fmt.Sprintf("level_titles names track %q, which is not in the handbook", track), "use ids from "+content.IDs(m.Of(content.KindTrack)))
			continue
		}
		for _, level := range slices.Sorted(maps.Keys(c.LevelTitles[track])) {
			p := m.Get(content.KindLevel, track+"/"+level)
			if p == nil {
				bad("level_titles."+track, fmt.Sprintf("level_titles.%s names level %q, which is not in that track", track, level), "use ids from "+content.IDs(m.Levels(track)))
				continue
			}
			if old := p.Front.Title; rename(p, c.LevelTitles[track][level]) {
				renamed = append(renamed, fmt.Sprintf("ladders/%s/%s: %q -> %q", track, level, old, p.Front.Title))
			}
		}
	}
	nav := map[string]bool{}
	for _, p := range m.Of(content.KindSection) {
		nav[p.ID] = true
	}
	for _, n := range c.Nav {
		if !nav[n] {
			bad("nav", fmt.Sprintf("nav lists %q, which is not a section", n), "use the name of a folder in content/ that has an _index.md")
		}
	}

	// Hiding an area hides its duties: a duty belongs to one area.
	for _, d := range m.Of(content.KindDuty) {
		if a := m.Get(content.KindArea, d.Front.Area); a != nil && hide[a] {
			hide[d] = true
		}
	}
	citedBefore := cited(m)
	gone := m.Remove(func(p *content.Page) bool { return hide[p] })
	// A source only hidden pages cited goes with them: upstream's file
	// would otherwise be warned about as never cited.
	citedAfter := cited(m)
	gone = append(gone, m.Remove(func(p *content.Page) bool {
		return p.Kind == content.KindSource && citedBefore[p.ID] && !citedAfter[p.ID]
	})...)
	return Applied{Hidden: gone, Dropped: forget(m, gone), Renamed: renamed}, diags
}

// cited lists the sources pages cite.
func cited(m *content.Model) map[string]bool {
	out := map[string]bool{}
	for _, p := range m.Pages {
		for _, s := range p.Front.Sources {
			out[s] = true
		}
		if p.Front.Via != "" {
			out[p.Front.Via] = true
			out[p.ID] = true
		}
	}
	return out
}

// find returns the page at "<section>/<id>" or "ladders/<track>/<level>".
func find(m *content.Model, path string) *content.Page {
	for _, p := range m.Pages {
		if strings.TrimSuffix(strings.TrimPrefix(p.URL, "/"), "/") == path {
			return p
		}
	}
	return nil
}

// rename gives a level a company's title; the upstream one becomes another
// name for it. The file Hugo reads says the same.
func rename(p *content.Page, title string) bool {
	old := p.Front.Title
	if title == old {
		return false
	}
	if !slices.Contains(p.Front.AlsoKnownAs, old) {
		p.Front.AlsoKnownAs = append([]string{old}, p.Front.AlsoKnownAs...)
	}
	p.Front.Title = title
	p.SetField("title", strconv.Quote(title))
	quoted := make([]string, len(p.Front.AlsoKnownAs))
	for i, a := range p.Front.AlsoKnownAs {
		quoted[i] = strconv.Quote(a)
	}
	p.SetField("also_known_as", "["+strings.Join(quoted, ", ")+"]")
	return true
}
