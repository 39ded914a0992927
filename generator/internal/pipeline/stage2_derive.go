package pipeline

import (
	"context"
	"strings"

	"github.com/product-roles/handbook/generator/internal/config"
	"github.com/product-roles/handbook/generator/internal/content"
	"github.com/product-roles/handbook/generator/internal/views"
)

// derive works out the views from the model: the comparison and duty
// matrices, the ladders, the generated pages (job descriptions, level
// pairs, exports' tables) and the menu. Validation runs after it because
// links may point at generated pages and at the anchors of matrix rows.
func (b *Builder) derive(_ context.Context, r *run) error {
	c := r.c
	words, ds := sourceWords(i18nDirs(r.p), strings.ToLower(c.Config.Langs()[0].Tag))
	r.rep.Diags = append(r.rep.Diags, ds...)
	c.Words = words
	c.Data = views.DeriveMemo(c.Model, words, b.steps)
	views.SetSite(c.Data, c.Model, nav(c.Config, c.Model), c.Applied.HiddenURLs())
	return nil
}

// nav is the menu: the sections config names, or the default ones that
// exist (those the registry's kinds put in the menu).
func nav(c config.Config, m *content.Model) []*content.Page {
	order := c.Nav
	if len(order) == 0 {
		order = m.Registry().Nav()
	}
	var out []*content.Page
	for _, id := range order {
		for _, s := range m.Of(content.KindSection) {
			if s.ID == id {
				out = append(out, s)
			}
		}
	}
	return out
}
