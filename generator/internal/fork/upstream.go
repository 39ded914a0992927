package fork

import (
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/product-roles/handbook/generator/internal/config"
	"github.com/product-roles/handbook/generator/internal/release"
)

// UpstreamChange is a change upstream made, as it concerns a fork: its
// title is the fork's, and it says what of the fork's it touches.
type UpstreamChange struct {
	release.Change
	Upstream string // upstream's title, when the fork renamed the page
	Override string // the overlay file that replaces the changed file
	Hidden   bool   // the fork hides the page
}

// Flagged reports whether the change touches something the fork made its
// own (a file it replaced, or a level it renamed), which needs a look.
func (u UpstreamChange) Flagged() bool { return u.Override != "" || u.Upstream != "" }

func (u UpstreamChange) String() string {
	s := u.Change.String()
	var notes []string
	if u.Upstream != "" {
		notes = append(notes, "you renamed this level (upstream calls it "+u.Upstream+")")
	}
	if u.Override != "" {
		notes = append(notes, "you replace this file with "+u.Override)
	}
	if u.Hidden {
		notes = append(notes, "hidden in your fork")
	}
	if len(notes) > 0 {
		s += " [" + strings.Join(notes, "; ") + "]"
	}
	return s
}

// Concerning annotates upstream's changes with what the fork overrides
// (files in overlay/content), hides and renames (company.toml).
func Concerning(c config.Config, a Applied, overlay, overlayShown string, cs []release.Change) []UpstreamChange {
	hidden := map[string]bool{}
	for _, p := range a.Hidden {
		hidden[p.Rel] = true
	}
	out := make([]UpstreamChange, 0, len(cs))
	for _, ch := range cs {
		u := UpstreamChange{Change: ch, Hidden: hidden[ch.Rel]}
		if ch.Track != "" {
			level := strings.TrimSuffix(path.Base(ch.Rel), ".md")
			if title := c.LevelTitles[ch.Track][level]; title != "" && title != ch.Title {
				u.Upstream, u.Title = ch.Title, title
			}
		}
		if _, err := os.Stat(filepath.Join(overlay, "content", filepath.FromSlash(ch.Rel))); err == nil {
			u.Override = path.Join(overlayShown, "content", ch.Rel)
		}
		out = append(out, u)
	}
	return out
}
