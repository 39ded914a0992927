package pipeline

import (
	"context"
	"fmt"
	"time"

	"github.com/product-roles/handbook/generator/internal/content"
	"github.com/product-roles/handbook/generator/internal/export"
	"github.com/product-roles/handbook/generator/internal/hugosite"
	"github.com/product-roles/handbook/generator/internal/output"
	"github.com/product-roles/handbook/generator/internal/par"
	"github.com/product-roles/handbook/generator/internal/search"
	"github.com/product-roles/handbook/generator/internal/views"
)

// render runs Hugo, and beside it builds the search index and the exports
// (JSON, CSV, Markdown) of every language, which need only the model and
// the views; the report times those as "export". Every file goes to the
// finished site as it is made: in a build, straight into the output
// folder being written, so that the site is never held whole in memory.
func (b *Builder) render(ctx context.Context, r *run) error {
	c := r.c
	if r.reaches("write") {
		folder, err := output.Begin(ctx, r.p.out)
		if err != nil {
			return fmt.Errorf("write: %w", err)
		}
		r.done = newFinished(b.min, folder)
	} else {
		r.done = newFinished(b.min, nil)
	}
	type indexed struct {
		took time.Duration
		err  error
	}
	index := make(chan indexed, 1)
	r.sitemap = c.nav.sitemap(c.Config.BaseURL)
	release := !b.serve && !r.o.CMS // (the content editor is made from the model after rendering)
	go func() {
		t := time.Now()
		err := b.export(ctx, c, r.done)
		if release {
			c.release() // nothing after the exports reads the model: at 10,000 pages it goes while Hugo renders
		}
		index <- indexed{time.Since(t), err}
	}()
	res, err := b.hugo(ctx, r.site, r.rep, r.done)
	r.site.Files = nil // Hugo has read its inputs: minify and write need them no more (at 10,000 pages, 58 MB)
	ix := <-index
	if err != nil {
		return fmt.Errorf("render: %w", err)
	}
	if ix.err != nil {
		return ix.err
	}
	r.beside = &Stage{"export", ix.took}
	r.res = res
	return nil
}

// export adds the exports and the search index of every language, each
// on its own core where one is free (in serve, Hugo renders a few pages
// and leaves the other core idle).
func (b *Builder) export(ctx context.Context, c *Checked, done *finished) error {
	tasks := []func() (map[string][]byte, error){
		func() (map[string][]byte, error) { return b.exports.FilesIn(c.Model, c.Data, c.Config.Title, "") },
		func() (map[string][]byte, error) {
			index, err := b.index.BuildIn(c.Model, c.Config.Language, groupLabels(c.Model, c.Words))
			return map[string][]byte{"search/index.json": index}, err
		},
	}
	for _, lz := range c.Langs {
		tasks = append(tasks, func() (map[string][]byte, error) { return localizedFiles(lz, c.Config.Title, b.index, b.exports) })
	}
	return par.Each(ctx, len(tasks), func(i int) error {
		files, err := tasks[i]()
		if err != nil {
			return err
		}
		return done.addAll(ctx, files)
	})
}

// hugo runs Hugo: once, handing each file to done as it is rendered, or in
// serve, as a rebuild of the kept site, whose files then go to done.
func (b *Builder) hugo(ctx context.Context, site hugosite.Site, rep *Report, done *finished) (*hugosite.Result, error) {
	if !b.serve {
		res, err := hugosite.RenderTo(ctx, site, done.add)
		if err == nil {
			rep.Rendered = res.HTML
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
	return &up.Result, done.addAll(ctx, up.Files)
}

// localizedFiles are a language's exports and search index.
func localizedFiles(lz Localized, title string, index *search.Cache, memo *export.Memo) (map[string][]byte, error) {
	files, err := memo.FilesIn(lz.Model, lz.Data, title, lz.Key)
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
