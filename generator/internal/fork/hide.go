package fork

import (
	"fmt"
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
		if r.Listed {
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
	kinds := m.Registry()
	for _, p := range m.Pages {
		spec, _ := kinds.Spec(p.Kind)
		for _, ref := range spec.Refs {
			if ref.Hidden == "" {
				continue
			}
			gone := hidden[ref.Target]
			for _, v := range ref.Values(p) {
				if gone[v.ID] {
					note(p, v.Ptr, fmt.Sprintf(ref.Hidden, v.ID))
				}
			}
			ref.Drop(p, func(id string) bool { return gone[id] })
		}
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
				l.Renumbered = true
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
