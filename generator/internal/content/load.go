package content

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/product-roles/handbook/generator/internal/diag"
	"github.com/product-roles/handbook/generator/internal/par"
	"github.com/product-roles/handbook/generator/internal/regular"
	"github.com/product-roles/handbook/generator/internal/schema"
	"github.com/yuin/goldmark"
	meta "github.com/yuin/goldmark-meta"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
)

// MaxFileSize is the largest content file accepted.
const MaxFileSize = 512 << 10

var slugRE = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// IsSlug reports whether s is a valid id.
func IsSlug(s string) bool { return slugRE.MatchString(s) }

// deviceRE matches the names Windows reserves for devices, with or without
// an extension: a file named con.md or nul cannot be checked out there.
var deviceRE = regexp.MustCompile(`^(con|prn|aux|nul|com[0-9]|lpt[0-9])$`)

// DeviceName reports whether a slug is a name Windows reserves for a device.
func DeviceName(s string) bool { return deviceRE.MatchString(s) }

// Loader reads content files and records where each value stands; the
// checks (schemas included) are validate's. It is safe to reuse across
// loads.
type Loader struct {
	kinds   *Registry
	schemas *schema.Validator
	md      goldmark.Markdown
	allowed map[string]bool // shortcodes content may call
	cache   *parseCache     // nil unless Remember was called
}

// NewLoader compiles the schemas (which the models it loads carry, for
// validate) and sets up the Markdown parser, for the built-in kinds.
func NewLoader() (*Loader, error) { return NewLoaderFor(Kinds(), nil) }

// NewLoaderFor is NewLoader for a registry of kinds; extra holds schema
// files (<name>.schema.json) beside the built-in ones, for kinds the
// registry adds.
func NewLoaderFor(kinds *Registry, extra fs.FS) (*Loader, error) {
	v, err := schema.New(extra)
	if err != nil {
		return nil, err
	}
	// The same Markdown extensions as Hugo's defaults, so that the loader
	// sees every link and image Hugo will render (a footnote or a table cell
	// can hold one; linkify turns bare addresses into links).
	md := goldmark.New(goldmark.WithExtensions(meta.Meta, extension.GFM, extension.DefinitionList, extension.Footnote),
		goldmark.WithParserOptions(parser.WithAutoHeadingID()))
	allowed := map[string]bool{}
	for _, name := range AllowedShortcodes {
		allowed[name] = true
	}
	return &Loader{kinds: kinds, schemas: v, md: md, allowed: allowed}, nil
}

// Layer is a content folder; a later layer's file replaces an earlier
// layer's file at the same path.
type Layer struct {
	Dir   string // the folder
	Shown string // how it is named in messages, e.g. "content"
}

// Load reads every Markdown file below root. display is how root is shown in
// messages (e.g. "content"). Problems in single files are returned as
// diagnostics; the pages that could be read are in the model.
func (l *Loader) Load(root, display string) (*Model, diag.List) {
	return l.LoadLayers(Layer{root, display})
}

// LoadLayers reads upstream content and the overlays on top of it.
func (l *Loader) LoadLayers(layers ...Layer) (*Model, diag.List) {
	m, diags, _ := l.LoadLayersContext(context.Background(), layers...)
	return m, diags
}

// LoadLayersContext is LoadLayers that stops when ctx ends (it then
// returns ctx's error).
func (l *Loader) LoadLayersContext(ctx context.Context, layers ...Layer) (*Model, diag.List, error) {
	m := &Model{Root: layers[0].Shown, Kinds: l.kinds, Schemas: l.schemas}
	l.cache.begin()
	defer l.cache.end()
	var diags diag.List
	byRel, trRel := map[string]int{}, map[string]int{}
	for i, layer := range layers {
		pages, unread, ds, err := l.loadTree(ctx, layer.Dir, layer.Shown, i > 0)
		if err != nil {
			return m, diags, err
		}
		diags = append(diags, ds...)
		m.Unread = append(m.Unread, unread...)
		for _, p := range pages {
			p.Overlay = i > 0
			if p.Lang != "" {
				if j, ok := trRel[p.Rel]; ok {
					m.Translations[j] = p
					continue
				}
				trRel[p.Rel] = len(m.Translations)
				m.Translations = append(m.Translations, p)
				continue
			}
			if j, ok := byRel[p.Rel]; ok {
				p.Replaces = m.Pages[j]
				m.Pages[j] = p
				continue
			}
			byRel[p.Rel] = len(m.Pages)
			m.Pages = append(m.Pages, p)
		}
	}
	slices.SortFunc(m.Pages, func(a, b *Page) int { return strings.Compare(a.Rel, b.Rel) })
	slices.SortFunc(m.Translations, func(a, b *Page) int { return strings.Compare(a.Rel, b.Rel) })
	m.index()
	return m, diags, nil
}

// loadTree reads one folder: its pages, and the files that could not be
// read (see Model.Unread). An overlay folder may be missing.
func (l *Loader) loadTree(ctx context.Context, root, display string, optional bool) (pages, unread []*Page, diags diag.List, err error) {
	if _, err := os.Stat(root); optional && errors.Is(err, fs.ErrNotExist) {
		return nil, nil, nil, nil
	}
	var rels []string
	err = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		rel, _ := filepath.Rel(root, p)
		rel = filepath.ToSlash(rel)
		shown := path.Join(filepath.ToSlash(display), rel)
		if err != nil {
			diags.Add(shown, 1, 1, "read", fmt.Sprintf("cannot read: %v", unwrapPath(err)), "")
			return nil
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		if d.Type()&fs.ModeSymlink != 0 {
			diags.Add(shown, 1, 1, "path", "symbolic links are not allowed in the content folder",
				"replace the link with the file itself")
			return nil
		}
		if !d.IsDir() && !d.Type().IsRegular() {
			// Reading a named pipe blocks, a device never ends: refused
			// by its type, before anything opens it.
			diags.Add(shown, 1, 1, "path", fmt.Sprintf("this is %s, not a plain file; only plain files are read", regular.Kind(d.Type())),
				"remove it, or put the file itself in its place")
			return nil
		}
		if d.IsDir() {
			if strings.HasPrefix(d.Name(), ".") && rel != "." {
				return fs.SkipDir
			}
			return nil
		}
		if strings.HasSuffix(d.Name(), ".md") {
			rels = append(rels, rel) // translations (name.<lang>.md) too
		}
		return nil
	})
	if ctx.Err() != nil {
		return nil, nil, nil, ctx.Err()
	}
	if err != nil {
		diags.Add(display, 1, 1, "read", fmt.Sprintf("cannot read the content folder: %v", unwrapPath(err)), "")
	}
	if len(rels) == 0 && err == nil && !optional {
		diags.Add(display, 1, 1, "read", "the content folder holds no Markdown files", "check --source")
	}
	slices.Sort(rels)
	// Files are parsed in parallel, one worker per core; results keep their order.
	type result struct {
		page  *Page
		diags diag.List
	}
	results := make([]result, len(rels))
	if err := par.Each(ctx, len(rels), func(i int) error {
		rel := rels[i]
		shown := path.Join(filepath.ToSlash(display), rel)
		src, err := l.cache.read(filepath.Join(root, filepath.FromSlash(rel)))
		if err != nil {
			results[i].diags.Add(shown, 1, 1, "read", fmt.Sprintf("cannot read: %v", unwrapPath(err)), "")
			return nil
		}
		_, lang := TranslationOf(rel)
		results[i].page, results[i].diags = l.cache.parse(parseKey{rel, lang, shown}, src, func() (*Page, diag.List) {
			if lang != "" {
				return l.ParseTranslation(rel, shown, src)
			}
			return l.Parse(rel, shown, src)
		})
		return nil
	}); err != nil {
		return nil, nil, nil, err
	}
	for i, r := range results {
		diags = append(diags, r.diags...)
		if r.page != nil {
			pages = append(pages, r.page)
		} else if p := l.placed(rels[i], path.Join(filepath.ToSlash(display), rels[i])); p != nil {
			unread = append(unread, p)
		}
	}
	return pages, unread, diags, nil
}

// placed is what a file's path says about the page it would be, or nil
// for a translation or a path that names no page.
func (l *Loader) placed(rel, shown string) *Page {
	if _, lang := TranslationOf(rel); lang != "" {
		return nil
	}
	k, id, track, err := l.kinds.Place(rel)
	if err != nil {
		return nil
	}
	p := &Page{Kind: k, Listed: l.listed(k), ID: id, Track: track, Rel: rel, File: shown, Key: hugoKey(rel)}
	p.URL = p.Key + "/"
	if p.Key == "/" {
		p.URL = "/"
	}
	return p
}

func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// reserved names are generated pages and files at the site's top.
var reserved = map[string]bool{"search": true, "self-assessment": true, "changes": true, "api": true, "schemas": true, "releases": true, "translations": true}

// Place works out a file's kind, id and track from its path below the
// content root, or says why the path is not acceptable, for the built-in
// kinds.
func Place(rel string) (k Kind, id, track string, err error) { return builtin().Place(rel) }

// Place works out a file's kind, id and track from its path below the
// content root, or says why the path is not acceptable.
func (r *Registry) Place(rel string) (k Kind, id, track string, err error) {
	parts := strings.Split(strings.TrimSuffix(rel, ".md"), "/")
	if parts[len(parts)-1] == "index" && len(parts) > 1 { // a leaf bundle: <id>/index.md
		parts = parts[:len(parts)-1]
	}
	for i, s := range parts {
		if s == "_index" && i == len(parts)-1 {
			continue
		}
		if !IsSlug(s) {
			return "", "", "", fmt.Errorf("%q is not a valid id: use lower-case letters, digits and single hyphens", s)
		}
		if DeviceName(s) {
			return "", "", "", fmt.Errorf("%q is a device name on Windows (a file or folder of that name breaks a Windows checkout of the handbook); pick another id", s)
		}
	}
	last := parts[len(parts)-1]
	switch {
	case len(parts) == 1 && last == "_index":
		return KindHome, "", "", nil
	case len(parts) == 1:
		if reserved[last] {
			return "", "", "", fmt.Errorf("%q is reserved for a generated page", last)
		}
		return KindPage, last, "", nil
	case parts[0] == "ladders" && len(parts) == 2 && last == "_index":
		return KindSection, "ladders", "", nil
	case parts[0] == "ladders" && len(parts) == 2:
		return "", "", "", errors.New("a file directly in ladders/ must be _index.md; levels go in ladders/<track>/")
	case parts[0] == "ladders" && len(parts) == 3 && last == "_index":
		if strings.HasPrefix(parts[1], "rank-") {
			return "", "", "", fmt.Errorf("%q is reserved for a generated page; name the track differently", parts[1])
		}
		return KindTrack, parts[1], parts[1], nil
	case parts[0] == "ladders" && len(parts) == 3:
		if last == "compare" || last == "print" || last == "cards" {
			return "", "", "", fmt.Errorf("%q is reserved for a generated page; name the level differently", last)
		}
		return KindLevel, last, parts[1], nil
	case len(parts) == 2 && last == "_index":
		if reserved[parts[0]] {
			return "", "", "", fmt.Errorf("%q is reserved for a generated page", parts[0])
		}
		return KindSection, parts[0], "", nil
	case len(parts) == 2:
		if k, ok := r.InFolder(parts[0]); ok {
			return k, last, "", nil
		}
		return KindPage, last, "", nil
	}
	if _, known := r.InFolder(parts[0]); known || parts[0] == "ladders" {
		return "", "", "", fmt.Errorf("files in %s/ may not be nested in sub-folders", parts[0])
	}
	if last == "_index" {
		return KindSection, parts[len(parts)-2], "", nil
	}
	return KindPage, last, "", nil
}

// hugoKey is Hugo's page path for a content file.
func hugoKey(rel string) string {
	key := "/" + strings.TrimSuffix(rel, ".md")
	key = strings.TrimSuffix(key, "/_index")
	key = strings.TrimSuffix(key, "/index")
	if key == "/_index" || key == "" {
		return "/"
	}
	return key
}

// listed reports whether the loader's registry says files of a kind have
// no page of their own (Spec.Listed).
func (l *Loader) listed(k Kind) bool {
	s, _ := l.kinds.Spec(k)
	return s.Listed
}
