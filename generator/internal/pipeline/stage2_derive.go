package pipeline

import (
	"context"
	"fmt"
	"strings"

	"github.com/product-roles/handbook/generator/internal/config"
	"github.com/product-roles/handbook/generator/internal/content"
	"github.com/product-roles/handbook/generator/internal/diag"
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
	r.rep.Diags = append(r.rep.Diags, groupWords(c.Model.Registry(), words)...)
	c.Words = words
	if r.reaches("localize") {
		r.langs = startLocalized(c, r.p, b.steps) // the other languages are derived beside this one and the checks
	}
	c.Data = views.DeriveMemo(c.Model, words, b.steps)
	views.SetSite(c.Data, c.Model, nav(c.Config, c.Model), c.Applied.HiddenURLs())
	return nil
}

// groupWords warns of each search group whose label the source words
// lack: its heading on the search page would be empty.
func groupWords(kinds *content.Registry, words views.Strings) diag.List {
	var diags diag.List
	for _, g := range kinds.Groups() {
		if _, ok := words[g.Label]; !ok {
			diags.Warn(i18nShown+"/en.toml", 1, 1, "i18n", fmt.Sprintf("the search group %q has no word %q: its heading would be empty", g.ID, g.Label),
				fmt.Sprintf("add %s = \"...\" to the theme's i18n files", g.Label))
		}
	}
	return diags
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
