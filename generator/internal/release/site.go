package release

import (
	"context"
	"errors"

	"github.com/product-roles/handbook/generator/internal/content"
)

// History is every release with its changes, as the site shows them. It
// depends only on the tags, so serve reads it once.
type History struct {
	Releases []Release      // oldest first
	Changes  [][]Change     // Changes[i]: from release i-1 to release i; nil for the first
	Head     *content.Model // the content committed at HEAD, read only without a seed
	// Invalid are the tags whose content does not pass the schemas: they
	// are not published (the site would show their invalid values).
	Invalid []Invalid
	reader  *Reader
	models  []*content.Model // of every release, for any pair
}

// Invalid is a tag left out of the releases, and why.
type Invalid struct {
	Version string
	Problem string // the first error, as file:line: message
}

// MaxPairs is how many releases get a page for every pair of them (each
// page costs about as much to render as a level page); with more, pages
// are made for consecutive releases and for each release to the latest.
const MaxPairs = 6

// Read reads the releases of the repository holding contentDir. Without
// git, a repository or a tag it returns an empty history and no error.
// seed, if not nil, holds pages parsed already (see Reader.Seed).
func Read(ctx context.Context, contentDir string, l *content.Loader, seed *content.Model) (*History, error) {
	h := &History{}
	g, err := Open(ctx, contentDir)
	if errors.Is(err, ErrNoGit) {
		return h, nil
	}
	if err != nil {
		return nil, err
	}
	defer g.Close()
	if h.Releases, err = Tags(ctx, contentDir); err != nil {
		return nil, err
	}
	h.reader = NewReader(g, l)
	if seed != nil && len(h.Releases) > 0 {
		h.reader.Seed(seed)
	}
	for i, r := range h.Releases {
		m, err := h.reader.Model(r.Commit)
		if err != nil {
			return nil, err
		}
		h.models = append(h.models, m)
		if i == 0 {
			h.Changes = append(h.Changes, nil)
			continue
		}
		h.Changes = append(h.Changes, Diff(h.models[i-1], m))
	}
	if seed == nil { // a fork: its release is that of the upstream content committed
		if h.Head, err = h.reader.Model("HEAD"); err != nil {
			h.Head = nil // a repository without commits
		}
	}
	return h, nil
}

// Keep leaves out the releases whose content problem finds fault with
// (problem returns "" for content that is fine), recording them in
// Invalid, and works out the changes between the releases that remain.
func (h *History) Keep(problem func(*content.Model) string) {
	var rels []Release
	var models []*content.Model
	for i, r := range h.Releases {
		if p := problem(h.models[i]); p != "" {
			h.Invalid = append(h.Invalid, Invalid{Version: r.Version, Problem: p})
			continue
		}
		rels, models = append(rels, r), append(models, h.models[i])
	}
	h.Releases, h.models, h.Changes = rels, models, nil
	for i, m := range models {
		if i == 0 {
			h.Changes = append(h.Changes, nil)
			continue
		}
		h.Changes = append(h.Changes, Diff(models[i-1], m))
	}
}

// Latest is the newest release, or nil.
func (h *History) Latest() *Release {
	if len(h.Releases) == 0 {
		return nil
	}
	return &h.Releases[len(h.Releases)-1]
}

// Between lists the changes from release i to release j (i < j).
func (h *History) Between(i, j int) []Change { return Diff(h.models[i], h.models[j]) }

// Pairs are the pairs of releases (i < j) that get a page of their own.
func (h *History) Pairs() [][2]int {
	var out [][2]int
	n := len(h.Releases)
	for i := 0; i < n; i++ {
		for j := i + 1; j < n; j++ {
			if n <= MaxPairs || j == i+1 || j == n-1 {
				out = append(out, [2]int{i, j})
			}
		}
	}
	return out
}

// Unreleased lists what the content m changed since the latest release.
func (h *History) Unreleased(m *content.Model) []Change {
	if len(h.models) == 0 || m == nil {
		return nil
	}
	return Diff(h.models[len(h.models)-1], m)
}
