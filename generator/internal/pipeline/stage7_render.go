package pipeline

import (
	"context"
	"fmt"
	"path"
	"time"

	"github.com/product-roles/handbook/generator/internal/content"
	"github.com/product-roles/handbook/generator/internal/export"
	"github.com/product-roles/handbook/generator/internal/hugosite"
	"github.com/product-roles/handbook/generator/internal/search"
	"github.com/product-roles/handbook/generator/internal/views"
)

// render runs Hugo, and beside it builds the search index and the exports
// (JSON, CSV, Markdown) of every language, which need only the model and
// the views; the report times those as "export".
func (b *Builder) render(ctx context.Context, r *run) error {
	c := r.c
	type indexed struct {
		files map[string][]byte
		took  time.Duration
		err   error
	}
	index := make(chan indexed, 1)
	go func() {
		t := time.Now()
		files, err := export.Files(c.Model, c.Data, c.Config.Title)
		if err == nil {
			files["search/index.json"], err = b.index.BuildIn(c.Model, c.Config.Language, groupLabels(c.Model, c.Words))
		}
		for _, lz := range c.Langs {
			if err != nil {
				break
			}
			var more map[string][]byte
			more, err = localizedFiles(lz, c.Config.Title, b.index)
			for name, data := range more {
				files[name] = data
			}
		}
		index <- indexed{files, time.Since(t), err}
	}()
	res, err := b.hugo(ctx, r.site, r.rep)
	r.site.Files = nil // Hugo has read its inputs: minify and write need them no more (at 10,000 pages, 58 MB)
	if err != nil {
		<-index
		return fmt.Errorf("render: %w", err)
	}
	ix := <-index
	if ix.err != nil {
		return ix.err
	}
	r.beside = &Stage{"export", ix.took}
	r.res, r.files = res, res.Files
	for name, data := range ix.files {
		r.files[name] = data
	}
	return nil
}

// hugo runs Hugo: once, or in serve, as a rebuild of the kept site.
func (b *Builder) hugo(ctx context.Context, site hugosite.Site, rep *Report) (*hugosite.Result, error) {
	if !b.serve {
		res, err := hugosite.Render(ctx, site)
		if err == nil {
			for name := range res.Files {
				if path.Ext(name) == ".html" {
					rep.Rendered = append(rep.Rendered, name)
				}
			}
		}
		return res, err
	}
	var up *hugosite.Update
	var err error
	if b.session == nil {
		b.session, up, err = hugosite.NewSession(ctx, site)
	} else {
		b.session, up, err = b.session.Rebuild(ctx, site)
	}
	if err != nil {
		return nil, err
	}
	rep.Rendered = up.Rendered
	return &up.Result, nil
}

// localizedFiles are a language's exports and search index.
func localizedFiles(lz Localized, title string, index *search.Cache) (map[string][]byte, error) {
	files, err := export.FilesIn(lz.Model, lz.Data, title, lz.Key)
	if err != nil {
		return nil, err
	}
	files[lz.Key+"/search/index.json"], err = index.BuildIn(lz.Model, lz.Lang.Tag, groupLabels(lz.Model, lz.Words))
	return files, err
}

// groupLabels are the search result groups' labels in a language's words,
// in the registry's order.
func groupLabels(m *content.Model, words views.Strings) []string {
	var groups []string
	for _, g := range m.Registry().Groups() {
		groups = append(groups, words.T(g.Label))
	}
	return groups
}
