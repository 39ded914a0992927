package release

import (
	"context"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/product-roles/handbook/generator/internal/content"
	"github.com/product-roles/handbook/generator/internal/par"
)

// Reader reads the content model of any revision. Pages are parsed once
// per file version, so reading many releases costs little more than one.
type Reader struct {
	Git    *Git
	loader *content.Loader
	pages  map[string]*content.Page // "<path>:<blob hash>"
	models map[string]*content.Model
}

// NewReader reads revisions through g with the content loader l.
func NewReader(g *Git, l *content.Loader) *Reader {
	return &Reader{Git: g, loader: l, pages: map[string]*content.Page{}, models: map[string]*content.Model{}}
}

// Seed gives the reader pages parsed already (the work tree's, as the
// build loaded them): a release's file with the same content is not read
// or parsed again. Pages a fork's settings changed must not be given.
func (r *Reader) Seed(m *content.Model) {
	if r.Git.Known == nil {
		r.Git.Known = map[string]bool{}
	}
	for _, p := range m.Pages {
		k := p.Rel + ":" + BlobHash(p.Source)
		r.pages[k] = p
		r.Git.Known[k] = true
	}
}

// Model parses the content folder of a revision. Files that do not parse
// are left out: a release is compared as far as it can be read.
func (r *Reader) Model(rev string) (*content.Model, error) {
	if m, ok := r.models[rev]; ok {
		return m, nil
	}
	files, err := r.Git.Files(rev)
	if err != nil {
		return nil, err
	}
	m := r.parse(rev, rev, files)
	r.models[rev] = m
	return m, nil
}

// WorkTree parses the content folder as it is on disk, edits not yet
// committed included, the way Model parses a revision's.
func (r *Reader) WorkTree(dir string) (*content.Model, error) {
	files := map[string]Blob{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && p != dir && strings.HasPrefix(d.Name(), ".") {
			return fs.SkipDir
		}
		if !d.Type().IsRegular() || !strings.HasSuffix(d.Name(), ".md") {
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)] = Blob{BlobHash(data), data}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return r.parse("work tree", filepath.ToSlash(dir), files), nil
}

// parse makes the model of a set of files; shown names their folder in messages.
func (r *Reader) parse(root, shown string, files map[string]Blob) *content.Model {
	pages := make([]*content.Page, 0, len(files))
	var todo []string
	for rel, b := range files {
		if p, ok := r.pages[rel+":"+b.Hash]; !ok {
			todo = append(todo, rel)
		} else if p != nil {
			pages = append(pages, p)
		}
	}
	// Files not parsed before are parsed in parallel, as the loader does.
	parsed := make([]*content.Page, len(todo))
	_ = par.Each(context.Background(), len(todo), func(i int) error {
		parsed[i], _ = r.loader.Parse(todo[i], path.Join(shown, todo[i]), files[todo[i]].Data)
		return nil
	})
	for i, rel := range todo {
		r.pages[rel+":"+files[rel].Hash] = parsed[i]
		if parsed[i] != nil {
			pages = append(pages, parsed[i])
		}
	}
	return content.NewModel(root, pages)
}

// Changes lists what changed in the content model from one revision to another.
func (r *Reader) Changes(from, to string) ([]Change, error) {
	a, err := r.Model(from)
	if err != nil {
		return nil, err
	}
	b, err := r.Model(to)
	if err != nil {
		return nil, err
	}
	return Diff(a, b), nil
}
