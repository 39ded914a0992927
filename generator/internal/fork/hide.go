package fork

import (
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/product-roles/handbook/generator/internal/content"
)

// Dropped is a reference to a hidden item that was taken out of the
// handbook as it is published: `overrides` lists each one, so that a fork
// sees what its hiding changed, and `check` never reports them as errors.
type Dropped struct {
	File string // the file that named the hidden item
	Line int
	What string // e.g. `ownership entry for role "product-owner"`
}

func (d Dropped) String() string { return fmt.Sprintf("%s:%d: %s", d.File, d.Line, d.What) }

// forget removes every reference to the hidden pages from what is left,
// renumbers the ranks of tracks that lost a level, and returns what it
// removed, each reference once, in file order.
func forget(m *content.Model, gone []*content.Page) []Dropped {
	hidden := map[content.Kind]map[string]bool{}
	urls := map[string]bool{}
	for _, r := range gone {
		if hidden[r.Kind] == nil {
			hidden[r.Kind] = map[string]bool{}
		}
		id := r.ID
		if r.Kind == content.KindLevel {
			id = content.LevelID(r)
		}
		hidden[r.Kind][id] = true
		urls[r.URL] = true
		if r.Kind.Listed() {
			urls[strings.TrimSuffix(r.URL, r.ID+"/")+"#"+r.ID] = true
		}
	}
	if len(gone) == 0 {
		return nil
	}
	var out []Dropped
	seen := map[string]bool{}
	note := func(p *content.Page, ptr, what string) {
		d := Dropped{File: p.File, Line: p.At(ptr).Line, What: what}
		if !seen[d.String()] {
			seen[d.String()] = true
			out = append(out, d)
		}
	}
	dropKeys := func(p *content.Page, field string, vals map[string]string, k content.Kind, what string) {
		for _, id := range slices.Sorted(maps.Keys(vals)) {
			if hidden[k][id] {
				note(p, "/"+field+"/"+id, fmt.Sprintf("%s entry for hidden %s %q", field, what, id))
				delete(vals, id)
			}
		}
	}
	for _, p := range m.Pages {
		f := &p.Front
		switch p.Kind {
		case content.KindDimension:
			dropKeys(p, "values", f.Values, content.KindRole, "role")
		case content.KindDuty:
			dropKeys(p, "ownership", f.Ownership, content.KindRole, "role")
		case content.KindSkill:
			dropKeys(p, "importance", f.Importance, content.KindRole, "role")
		case content.KindRole:
			dropKeys(p, "values", f.Values, content.KindDimension, "dimension")
			dropKeys(p, "ownership", f.Ownership, content.KindDuty, "duty")
			dropKeys(p, "importance", f.Importance, content.KindSkill, "skill")
			if hidden[content.KindTrack][f.Track] {
				note(p, "/track", fmt.Sprintf("track %q, which is hidden", f.Track))
				f.Track = ""
			}
		case content.KindTrack:
			if hidden[content.KindRole][f.Role] {
				note(p, "/role", fmt.Sprintf("role %q, which is hidden", f.Role))
				f.Role = ""
			}
		case content.KindLevel:
			dropKeys(p, "expectations", f.Expectations, content.KindCompetency, "competency")
			for i, mv := range f.Moves {
				if hidden[content.KindLevel][mv.To] {
					note(p, fmt.Sprintf("/moves/%d/to", i), fmt.Sprintf("move to hidden level %q", mv.To))
				}
			}
			f.Moves = slices.DeleteFunc(f.Moves, func(mv content.Move) bool { return hidden[content.KindLevel][mv.To] })
			for i, fr := range f.From {
				if hidden[content.KindLevel][fr.Level] {
					note(p, fmt.Sprintf("/from/%d/level", i), fmt.Sprintf("move from hidden level %q", fr.Level))
				}
			}
			f.From = slices.DeleteFunc(f.From, func(fr content.From) bool { return hidden[content.KindLevel][fr.Level] })
		case content.KindInterview:
			for i, id := range f.Tracks {
				if hidden[content.KindTrack][id] {
					note(p, fmt.Sprintf("/tracks/%d", i), fmt.Sprintf("track %q, which is hidden", id))
				}
			}
			f.Tracks = slices.DeleteFunc(f.Tracks, func(id string) bool { return hidden[content.KindTrack][id] })
		case content.KindSource:
			if hidden[content.KindSource][f.Via] {
				note(p, "/via", fmt.Sprintf("via hidden source %q", f.Via))
				f.Via = ""
			}
		}
		for i, s := range f.Sources {
			if hidden[content.KindSource][s] {
				note(p, fmt.Sprintf("/sources/%d", i), fmt.Sprintf("citation of hidden source %q", s))
			}
		}
		f.Sources = slices.DeleteFunc(f.Sources, func(s string) bool { return hidden[content.KindSource][s] })
		for _, l := range p.Links {
			if !l.Image && HiddenLink(urls, l.Dest) {
				d := Dropped{File: p.File, Line: l.Pos.Line, What: fmt.Sprintf("link to hidden %s (shown as text)", l.Dest)}
				if !seen[d.String()] {
					seen[d.String()] = true
					out = append(out, d)
				}
			}
		}
	}
	// A track that lost a level is numbered 1, 2, 3 ... again.
	for _, t := range m.Of(content.KindTrack) {
		for i, l := range m.Levels(t.ID) {
			if l.Front.Rank != i+1 {
				l.Front.Rank = i + 1
				l.SetField("rank", strconv.Itoa(i+1))
			}
		}
	}
	slices.SortStableFunc(out, func(a, b Dropped) int {
		if c := strings.Compare(a.File, b.File); c != 0 {
			return c
		}
		return a.Line - b.Line
	})
	return out
}

// HiddenLink reports whether a root-relative link points at a hidden page
// or at the anchor of a hidden item on a list page.
func HiddenLink(hidden map[string]bool, dest string) bool {
	path, frag, _ := strings.Cut(dest, "#")
	path, _, _ = strings.Cut(path, "?")
	if path != "" && !strings.HasSuffix(path, "/") && !strings.Contains(path[strings.LastIndex(path, "/"):], ".") {
		path += "/"
	}
	return hidden[path] || (frag != "" && hidden[path+"#"+frag])
}
