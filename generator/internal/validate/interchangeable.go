package validate

import (
	"fmt"

	"github.com/product-roles/handbook/generator/internal/content"
	"github.com/product-roles/handbook/generator/internal/ladder"
)

// interchangeable warns where a level's expectation for a competency
// shares most of its content words with the same competency's expectation
// at another level of the track, in any order: the two could be swapped,
// so the ladder does not say what changes between them. Adjacent levels
// whose expectations are near-duplicates word for word are reported by
// the ladder-duplicate check instead. The warning stands at the higher
// level, which is the one that should say what is new.
func (l *ladderLint) interchangeable(levels []lintLevel, comps []*content.Page) {
	for j, hi := range levels {
		for _, lo := range levels[:j] {
			adjacent := hi.src.Front.Rank == lo.src.Front.Rank+1
			for _, c := range comps {
				a, b := lo.exp[c.ID], hi.exp[c.ID]
				if a == "" || b == "" || (adjacent && l.memo.Similarity(a, b) >= ladder.NearDuplicate) {
					continue
				}
				if o := ladder.Overlap(a, b); o >= ladder.Interchangeable {
					l.warn(hi.at, hi.at.At("/expectations/"+c.ID), "ladder-interchangeable",
						fmt.Sprintf("the expectation for %q is interchangeable with the one at %s (%s): %.2f of their content words are shared (limit %.2f)", c.ID, lo.src.Front.Title, lo.src.File, o, ladder.Interchangeable),
						"say what this level does that the other does not: its scope, its independence or whom it influences")
				}
			}
		}
	}
}
