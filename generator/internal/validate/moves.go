package validate

import (
	"fmt"

	"github.com/product-roles/handbook/generator/internal/content"
	"github.com/product-roles/handbook/generator/internal/diag"
)

// crossMoves warns where a move to another track goes to a level of another
// rank: levels of equal rank are equivalent (the table of equal ranks on
// /ladders/ is derived from the ranks), so a move across tracks keeps its
// rank, and the career map draws it level. A warning, an error with --strict.
// A fork that hides a level renumbers the rest of its track, so levels whose
// rank the hiding changed are left out: equal ranks no longer line up there,
// and the fork's own ladder check (fork.Ladders) speaks for that track.
func crossMoves(m *content.Model) diag.List {
	var ds diag.List
	for _, p := range m.Of(content.KindLevel) {
		for i, mv := range p.Front.Moves {
			to := m.Get(content.KindLevel, mv.To)
			if to == nil || to.Track == p.Track || to.Front.Rank == p.Front.Rank || p.Renumbered || to.Renumbered {
				continue
			}
			pos := p.At(fmt.Sprintf("/moves/%d/to", i))
			ds.Warn(p.File, pos.Line, pos.Col, "ladder-cross-rank",
				fmt.Sprintf("the move to %s (%s, rank %d) leaves rank %d: a move to another track goes to the level of the same rank", to.Front.Title, mv.To, to.Front.Rank, p.Front.Rank),
				fmt.Sprintf("move to the level of rank %d on that track, or change one level's rank", p.Front.Rank))
		}
	}
	return ds
}
