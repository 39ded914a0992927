package validate

import (
	"fmt"
	"strings"

	"github.com/product-roles/handbook/generator/internal/content"
)

// holders names, for each held_by value, who the Scrum Guide gives the
// duty to, as the messages say it.
var holders = map[string]string{
	"developers":   "the Developers",
	"scrum-master": "the Scrum Master",
	"scrum-team":   "the whole Scrum Team",
}

// heldBy checks the duty matrix against held_by, the Scrum accountability
// that holds a duty: where the Scrum Guide gives a duty to the Developers
// or the Scrum Master, no role is rated above "supports"; a duty of the
// whole Scrum Team has no role that leads it, and a role rated "shares" in
// one of the Scrum Team's duties (a member of the team) is rated "shares"
// in all of them, so that the team's events are rated alike.
func (c *checker) heldBy() {
	roles := c.m.Of(content.KindRole)
	var team []*content.Page
	for _, d := range c.m.Of(content.KindDuty) {
		who, ok := holders[d.Front.HeldBy]
		if !ok {
			continue // none, or a value the schema reported
		}
		if d.Front.HeldBy == "scrum-team" {
			team = append(team, d)
		}
		for _, r := range roles {
			v := d.Front.Ownership[r.ID]
			switch {
			case v == "leads" && d.Front.HeldBy == "scrum-team",
				(v == "leads" || v == "shares") && d.Front.HeldBy != "scrum-team":
				at, ptr := ratingAt(d, r)
				c.errAt(at, ptr, "held-by",
					fmt.Sprintf("%s is rated %q, but the Scrum Guide gives %s (%s) to %s (held_by: %s)", r.ID, v, d.ID, d.File, who, d.Front.HeldBy),
					heldByHint(d.Front.HeldBy))
			}
		}
	}
	for _, r := range roles {
		var member []string
		for _, d := range team {
			if d.Front.Ownership[r.ID] == "shares" {
				member = append(member, d.ID)
			}
		}
		if len(member) == 0 {
			continue // not a member of the Scrum Team: its ratings may differ
		}
		for _, d := range team {
			if v := d.Front.Ownership[r.ID]; v != "shares" && v != "leads" && v != "" {
				at, ptr := ratingAt(d, r)
				c.errAt(at, ptr, "held-by",
					fmt.Sprintf("%s is rated %q for %s, but it shares the Scrum Team's other duties (%s): the Scrum Team's events are rated alike", r.ID, v, d.ID, strings.Join(member, ", ")),
					"rate a member of the Scrum Team `shares` in every duty held_by: scrum-team, or say on the page why this one differs and set held_by to who holds it")
			}
		}
	}
}

func heldByHint(held string) string {
	if held == "scrum-team" {
		return "the whole Scrum Team holds it: rate its members `shares`; if a role answers for part of it alone, split that part into a duty of its own"
	}
	return "rate the role `supports` (or `none`); if the role answers for part of the duty alone, split that part into a duty of its own"
}

// ratingAt is where a role's rating of a duty is written: in the duty's
// file, or, for a fork's role rating an upstream duty, in the role's own
// file (the fix is the fork's, never upstream's).
func ratingAt(d, r *content.Page) (*content.Page, string) {
	if r.Overlay && !d.Overlay {
		if _, ok := r.Front.Ownership[d.ID]; ok {
			return r, "/ownership/" + d.ID
		}
	}
	return d, "/ownership/" + r.ID
}
