package release

import (
	"path"

	"github.com/product-roles/handbook/generator/internal/content"
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
	pages := make([]*content.Page, 0, len(files))
	for rel, b := range files {
		k := rel + ":" + b.Hash
		p, ok := r.pages[k]
		if !ok {
			p, _ = r.loader.Parse(rel, path.Join(rev, rel), b.Data)
			r.pages[k] = p
		}
		if p != nil {
			pages = append(pages, p)
		}
	}
	m := content.NewModel(rev, pages)
	r.models[rev] = m
	return m, nil
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
