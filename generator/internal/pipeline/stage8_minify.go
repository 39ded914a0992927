package pipeline

import (
	"context"
	"io/fs"
	"path"

	"github.com/product-roles/handbook/generator/internal/cms"
	"github.com/product-roles/handbook/generator/internal/fork"
	"github.com/product-roles/handbook/generator/internal/hugosite"
	"github.com/product-roles/handbook/generator/internal/schema"
)

// minify adds the files no template makes (sitemap.xml, the static
// folders, the JSON Schemas), minifies every file once, and then adds the
// content editor when asked (Decap's bundle is minified already).
func (b *Builder) minify(ctx context.Context, r *run) error {
	c, rep, files := r.c, r.rep, r.files
	for name, data := range c.nav.sitemap(c.Config.BaseURL) {
		files[name] = data
	}
	for _, dir := range staticDirs(r.p) {
		if err := hugosite.ReadTree(files, dir, "", func(rel string) bool { return !fork.Ignored(rel) }); err != nil {
			return err
		}
	}
	if err := fs.WalkDir(schema.FS(), ".", func(n string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		files["schemas/"+n], err = fs.ReadFile(schema.FS(), n)
		return err
	}); err != nil {
		return err
	}
	for _, data := range files {
		rep.BytesIn += int64(len(data))
	}
	if err := b.min.All(ctx, files); err != nil {
		return err
	}
	for _, data := range files {
		rep.BytesOut += int64(len(data))
	}
	if r.o.CMS {
		if err := addEditor(files, c, r.o.CMSLocal); err != nil {
			return err
		}
	}
	rep.Pages = r.res.Pages
	rep.Files = len(files)
	return nil
}

// addEditor adds /admin/, the content editor. In a fork it edits the
// overlay's files only.
func addEditor(files map[string][]byte, c *Checked, local string) error {
	repo, err := cms.GitHubRepo(c.Config.RepoURL)
	if err != nil && local == "" {
		return err
	}
	dir := c.paths.sourceShown
	if c.paths.overlay != "" {
		dir = path.Join(c.paths.overlayShown, "content")
	}
	more, err := cms.Files(cms.Site{
		Project:  c.paths.project,
		Kinds:    c.Model.Registry(),
		Settings: cms.Settings{Content: dir, Repo: repo, Branch: c.Config.EditBranch, Local: local},
		Schemas:  schema.FS(),
		Entries:  cms.Entries(c.Model, c.paths.overlay != "", dir),
	})
	if err != nil {
		return err
	}
	for name, data := range more {
		files[name] = data
	}
	return nil
}
