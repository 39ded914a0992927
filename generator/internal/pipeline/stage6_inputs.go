package pipeline

import (
	"context"
	"maps"
	"path/filepath"
	"strings"

	"github.com/product-roles/handbook/generator/internal/content"
	"github.com/product-roles/handbook/generator/internal/hugosite"
	"github.com/product-roles/handbook/generator/internal/links"
	"github.com/product-roles/handbook/generator/internal/views"
)

// inputs gathers what Hugo renders from, in every language: a content file
// per page with its view in the front matter (breadcrumbs and language
// links added), the shared views (a file each), the theme, the overlay's templates, the
// brand colours and the site configuration. internal/hugosite writes them.
func (b *Builder) inputs(ctx context.Context, r *run) error {
	c, p := r.c, r.p
	if r.o.BaseURL != "" {
		c.Config.BaseURL = r.o.BaseURL
	}
	c.nav = newNavigation(c)
	basePath := hugosite.BasePath(c.Config.BaseURL)
	inputs, err := hugosite.DataFiles(c.Data, "handbook", basePath)
	if err != nil {
		return err
	}
	pages := hugosite.NewPages(b.views, basePath)
	add := pages.Language(c.Model, c.Data.Pages, c.Data.SourceByID, c.nav.adder(0))
	add("content/search/_index.md", "/search", hugosite.SearchPage(c.Words))
	for _, pg := range c.Model.Pages {
		src := pg.Source
		body := string(pg.Source[pg.BodyAt:])
		if rewritten := links.Rewrite(body, c.Data.Hidden, basePath); rewritten != body {
			src = append(pg.Source[:pg.BodyAt:pg.BodyAt], rewritten...)
		}
		add("content/"+pg.Rel, pg.Key, src)
	}
	for _, g := range c.Data.Generated {
		add("content/"+g.Path, g.Key(), g.Markdown())
	}
	navs := map[string][]views.Ref{strings.ToLower(c.Config.Language): c.Data.Nav}
	for i, lz := range c.Langs {
		if err := localizedInputs(inputs, pages, lz, basePath, c.nav.adder(i+1)); err != nil {
			return err
		}
		navs[lz.Key] = lz.Data.Nav
	}
	if err := pages.Make(ctx, inputs); err != nil {
		return err
	}
	if err := hugosite.ReadTree(inputs, p.theme, "themes/handbook/", hugosite.IsThemeInput); err != nil {
		return err
	}
	if p.overlay != "" { // the overlay's layouts and assets override the theme's
		for _, dir := range []string{"layouts", "assets", "i18n"} {
			if err := hugosite.ReadTree(inputs, filepath.Join(p.overlay, dir), dir+"/", nil); err != nil {
				return err
			}
		}
	}
	if css := hugosite.BrandCSS(c.Config); css != "" {
		inputs["assets/css/brand.css"] = []byte(css)
	}
	r.site = hugosite.Site{ProjectDir: p.project, Config: hugosite.Config(c.Config, c.Data.Nav, navs, c.nav.siteLangs()), Files: inputs}
	return nil
}

// localizedInputs adds what Hugo reads for a language: its shared views, and
// every page as name.<key>.md with links mapped below /<key>/.
func localizedInputs(inputs map[string][]byte, pages *hugosite.Pages, lz Localized, basePath string, view func(string, views.Page) views.Page) error {
	data, err := hugosite.DataFiles(lz.Data, "handbook_"+lz.Key, basePath)
	if err != nil {
		return err
	}
	maps.Copy(inputs, data)
	add := pages.Language(lz.Model, lz.Data.Pages, lz.Data.SourceByID, view)
	add("content/"+content.TranslationPath("search/_index.md", lz.Key), "/search", hugosite.SearchPage(lz.Words))
	base := strings.TrimSuffix(basePath, "/") + "/" + lz.Key + "/"
	for _, pg := range lz.Model.Pages {
		body := links.Rewrite(string(pg.Source[pg.BodyAt:]), lz.Data.Hidden, base)
		add("content/"+content.TranslationPath(pg.Rel, lz.Key), pg.Key, append(pg.Source[:pg.BodyAt:pg.BodyAt], body...))
	}
	for _, g := range lz.Data.Generated {
		add("content/"+content.TranslationPath(g.Path, lz.Key), g.Key(), g.Markdown())
	}
	return nil
}
