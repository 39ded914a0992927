package fork

import (
	"fmt"
	"strings"

	"github.com/product-roles/handbook/generator/internal/config"
	"github.com/product-roles/handbook/generator/internal/content"
	"github.com/product-roles/handbook/generator/internal/diag"
)

// LadderCheck is the check name of the warnings Ladders gives.
const LadderCheck = "fork-ladder"

// Ladders checks what a company's settings and overlay left of the career
// tracks (warnings; errors with --strict): a level that has a level above
// it in its track but no move up to one, because hiding took the level its
// moves led to; and a move in the overlay's own files that names a hidden
// level, which the build drops. Each warning is reported where the fork
// can fix it (company.toml's hide, or the overlay file) and its hint names
// a change in the fork's own files, never in an upstream one.
func Ladders(c config.Config, m *content.Model, a Applied) diag.List {
	var diags diag.List
	hiddenIn := map[string][]*content.Page{} // track -> its hidden levels
	for _, p := range a.Hidden {
		if p.Kind == content.KindLevel {
			hiddenIn[p.Track] = append(hiddenIn[p.Track], p)
		}
	}
	for _, t := range m.Of(content.KindTrack) {
		levels := m.Levels(t.ID)
		for i, l := range levels {
			if i == len(levels)-1 || movesUp(m, l) {
				continue
			}
			hidden, next := hiddenIn[t.ID], levels[i+1]
			what := fmt.Sprintf("%s (%s, rank %d)", l.Front.Title, content.LevelID(l), l.Front.Rank)
			msg := what + " has no move up its track"
			var file string
			var line int
			switch {
			case len(hidden) > 0:
			case next.Overlay: // the fork's level above: the fix is its from
				file, line = next.File, next.KeyAt("/title").Line
			case l.Overlay:
				file, line = l.File, l.KeyAt("/title").Line
			default:
				continue // upstream's own ladder: not the fork's doing
			}
			if len(hidden) > 0 {
				var names []string
				for _, h := range hidden {
					names = append(names, fmt.Sprintf("%q (%s)", "ladders/"+content.LevelID(h), h.Front.Title))
				}
				msg = fmt.Sprintf("hiding %s leaves %s with no move up its track", strings.Join(names, " and "), what)
				file, line = c.Line("hide")
			}
			fix := fmt.Sprintf("add `from: [{level: %s, note: …}]` to %s", content.LevelID(l), next.File)
			if !next.Overlay {
				fix = fmt.Sprintf("copy %s into your overlay (go run ./generator override %s) and add `from: [{level: %s, note: …}]` to the copy", next.Front.Title, next.File, content.LevelID(l))
			}
			hint := "give it a way up to " + next.Front.Title + ": " + fix
			if len(hidden) > 0 {
				hint += ", or take the level out of hide in " + file
			}
			diags.Warn(file, line, 1, LadderCheck, msg, hint)
		}
	}
	for _, d := range a.Dropped {
		p := pageOf(m, d.File)
		if p == nil || !p.Overlay || !(strings.HasPrefix(d.What, "move to hidden level") || strings.HasPrefix(d.What, "move from hidden level")) {
			continue
		}
		diags.Warn(d.File, d.Line, 1, LadderCheck, d.What+": the build leaves this move out",
			"remove the move from this file, or point it at a level that is shown (or take the level out of hide)")
	}
	return diags
}

// movesUp reports whether a level has a move to a higher level of its own
// track.
func movesUp(m *content.Model, l *content.Page) bool {
	for _, mv := range l.Front.Moves {
		if to := m.Get(content.KindLevel, mv.To); to != nil && to.Track == l.Track && to.Front.Rank > l.Front.Rank {
			return true
		}
	}
	return false
}

// pageOf is the page read from a file, as messages name it.
func pageOf(m *content.Model, file string) *content.Page {
	for _, p := range m.Pages {
		if p.File == file {
			return p
		}
	}
	return nil
}
