package pipeline

import (
	"context"
	"io/fs"
	"maps"
	"path"
	"slices"
	"sync"

	"github.com/product-roles/handbook/generator/internal/cms"
	"github.com/product-roles/handbook/generator/internal/fork"
	"github.com/product-roles/handbook/generator/internal/hugosite"
	"github.com/product-roles/handbook/generator/internal/minify"
	"github.com/product-roles/handbook/generator/internal/output"
	"github.com/product-roles/handbook/generator/internal/par"
	"github.com/product-roles/handbook/generator/internal/schema"
)

// minify adds the files no template makes (sitemap.xml, the static
// folders, the JSON Schemas) to the finished site, each minified once as
// every rendered file was on its way in (see finished), and then adds the
// content editor when asked (Decap's bundle is minified already).
func (b *Builder) minify(ctx context.Context, r *run) error {
	c, rep := r.c, r.rep
	files := r.sitemap
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
	if err := r.done.addAll(ctx, files); err != nil {
		return err
	}
	if r.o.CMS {
		editor := map[string][]byte{}
		if err := addEditor(editor, c, r.o.CMSLocal); err != nil {
			return err
		}
		for name, data := range editor {
			if err := r.done.keep(name, data, int64(len(data))); err != nil {
				return err
			}
		}
	}
	rep.Pages = r.res.Pages
	rep.Files, rep.BytesIn, rep.BytesOut = r.done.count()
	b.min.Forget(rep.Files)
	return nil
}

// finished is where the finished files go, each minified once on its way:
// the output folder being written (Build), or a map (Render and serve).
// Its methods may be called from many goroutines.
type finished struct {
	min    *minify.Minifier
	folder *output.Folder // Build's; nil: files
	mu     sync.Mutex
	files  map[string][]byte
	sizes  map[string][2]int64 // every file's size before and after minify
}

func newFinished(min *minify.Minifier, folder *output.Folder) *finished {
	return &finished{min: min, folder: folder, files: map[string][]byte{}, sizes: map[string][2]int64{}}
}

// add minifies a file by its name's type and keeps it.
func (f *finished) add(name string, data []byte) error {
	in := int64(len(data))
	data, err := f.min.One(name, data)
	if err != nil {
		return err
	}
	return f.keep(name, data, in)
}

// addAll adds files on every core.
func (f *finished) addAll(ctx context.Context, files map[string][]byte) error {
	names := slices.Collect(maps.Keys(files))
	return par.Each(ctx, len(names), func(i int) error { return f.add(names[i], files[names[i]]) })
}

// keep keeps a finished file as it is; in is its size before minify.
func (f *finished) keep(name string, data []byte, in int64) error {
	f.mu.Lock()
	f.sizes[name] = [2]int64{in, int64(len(data))}
	if f.folder == nil {
		f.files[name] = data
	}
	f.mu.Unlock()
	if f.folder != nil {
		return f.folder.Put(name, data)
	}
	return nil
}

// count is the number of files and their sizes before and after minify.
func (f *finished) count() (files int, in, out int64) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, s := range f.sizes {
		in, out = in+s[0], out+s[1]
	}
	return len(f.sizes), in, out
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
