package hugosite

// What Hugo renders from: content files with each page's view in their
// front matter, the data files, the site configuration, the theme and the
// overlay's templates. The pipeline's "inputs" stage gathers them here.

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"reflect"
	"strings"
	"sync"

	"gopkg.in/yaml.v3"

	"github.com/product-roles/handbook/generator/internal/config"
	"github.com/product-roles/handbook/generator/internal/content"
	"github.com/product-roles/handbook/generator/internal/par"
	"github.com/product-roles/handbook/generator/internal/regular"
	"github.com/product-roles/handbook/generator/internal/views"
)

// pageView is a page's view as the theme reads it: the derived view and
// the sources it cites, resolved.
type pageView struct {
	views.Page
	Cited []views.Citation `json:"cited,omitempty"`
}

// Pages are Hugo's content files, made (each page's view written as JSON)
// on every core.
type Pages struct {
	names []string
	makes []func() ([]byte, error)
	cache *ViewCache // serve: the files of the last build
	hrefs *hrefs     // the base path, put in front of the views' links
}

// ViewCache keeps each content file made for Hugo with what it was made
// from, so that serve writes again as JSON only the views that changed.
type ViewCache struct {
	mu         sync.Mutex
	last, next map[string]cachedFile
}

type cachedFile struct {
	src  []byte
	pv   pageView
	base string // the base path out was made with
	out  []byte
}

// file makes the content file name from src, its front matter raw and the
// view v, or returns the one made last time from the same.
func (f *Pages) file(name string, src []byte, raw map[string]any, v views.Page, sources map[string]views.Citation) ([]byte, error) {
	pv := citing(v, sources)
	c := f.cache
	if c == nil {
		return hugoFile(src, raw, apply(f.hrefs, pv))
	}
	c.mu.Lock()
	e, ok := c.last[name]
	c.mu.Unlock()
	if !ok || e.base != f.hrefs.prefix || !bytes.Equal(e.src, src) || !reflect.DeepEqual(e.pv, pv) {
		out, err := hugoFile(src, raw, apply(f.hrefs, pv))
		if err != nil {
			return nil, err
		}
		e = cachedFile{src: src, pv: pv, base: f.hrefs.prefix, out: out}
	}
	c.mu.Lock()
	c.next[name] = e
	c.mu.Unlock()
	return e.out, nil
}

// Language returns how to add a content file of one language from its
// source: a page with a view gets the view that view returns for it (the
// pipeline adds breadcrumbs and language links); any other file goes to
// Hugo as it is.
func (f *Pages) Language(m *content.Model, pageViews map[string]views.Page, sources map[string]views.Citation, view func(key string, v views.Page) views.Page) func(name, key string, src []byte) {
	raw := map[string]map[string]any{} // the front matter the loader read, by page
	for _, pg := range m.Pages {
		raw[pg.Key] = pg.Raw
	}
	return func(name, key string, src []byte) {
		f.names = append(f.names, name)
		f.makes = append(f.makes, func() ([]byte, error) {
			v, ok := pageViews[key]
			if !ok {
				return src, nil
			}
			return f.file(name, src, raw[key], view(key, v), sources)
		})
	}
}

// Make makes every file into inputs; an error names the file.
func (f *Pages) Make(ctx context.Context, inputs map[string][]byte) error {
	out := make([][]byte, len(f.names))
	if err := par.Each(ctx, len(f.names), func(i int) error {
		var err error
		if out[i], err = f.makes[i](); err != nil {
			return fmt.Errorf("%s: %w", strings.TrimPrefix(f.names[i], "content/"), err)
		}
		return nil
	}); err != nil {
		return err
	}
	for i, name := range f.names {
		inputs[name] = out[i]
	}
	if c := f.cache; c != nil { // files of removed pages are forgotten
		c.last, c.next = c.next, map[string]cachedFile{}
	}
	return nil
}

// citing is a page's view with the sources it cites.
func citing(v views.Page, sources map[string]views.Citation) pageView {
	pv := pageView{Page: v}
	for _, id := range v.Citations {
		if c, ok := sources[id]; ok {
			pv.Cited = append(pv.Cited, c)
		}
	}
	return pv
}

// hugoFile writes a content file as Hugo reads it: the front matter as one
// JSON object with the page's view (and its citations) added as the
// parameter "view", then the body. Hugo decodes JSON front matter with
// encoding/json, several times faster than YAML, and every page's view is
// large. raw is the front matter as the loader read it; nil reads it from
// src (generated pages). The JSON takes as many lines as the YAML did, so
// that the body keeps its line numbers in Hugo's messages.
func hugoFile(src []byte, raw map[string]any, pv pageView) ([]byte, error) {
	end, ok := content.FrontMatterEnd(src)
	if !ok {
		return nil, errors.New("no front matter to add the page's view to")
	}
	if raw == nil {
		if err := yaml.Unmarshal(src[len("---\n"):end], &raw); err != nil {
			return nil, fmt.Errorf("front matter: %w", err)
		}
	}
	fm := make(map[string]any, len(raw)+1)
	for k, val := range raw {
		fm[k] = val
	}
	fm["view"] = pv
	data, err := json.Marshal(fm)
	if err != nil {
		return nil, err
	}
	body := src[end:]
	if nl := bytes.IndexByte(body, '\n'); nl >= 0 {
		body = body[nl+1:]
	} else {
		body = nil
	}
	lines := bytes.Count(src[:end], []byte("\n")) // the YAML's lines but the closing one
	out := make([]byte, 0, len(data)+lines+len(body)+2)
	out = append(out, data[:len(data)-1]...)
	for range lines {
		out = append(out, '\n')
	}
	out = append(out, "}\n"...)
	return append(out, body...), nil
}

// NewPages starts the content files of a build for a site below basePath
// (BasePath); cache, in serve, keeps those of the last build (nil: none).
func NewPages(cache *ViewCache, basePath string) *Pages {
	return &Pages{cache: cache, hrefs: newHrefs(basePath)}
}

// NewViewCache is an empty cache of content files.
func NewViewCache() *ViewCache {
	return &ViewCache{last: map[string]cachedFile{}, next: map[string]cachedFile{}}
}

// DataFiles are a language's shared views, one file each
// (assets/views/<data>/<name>.json, data being the language's
// site.Params.data): all its views but each page's own, which travels in
// the page's front matter. Hugo renders again every page that read a file
// when it changes; one file per view makes an edit re-render only the pages
// whose own view changed and those that show a shared view that did (an
// ownership change: the duty matrix's pages, not the level cards). A view
// the JSON leaves out (empty) has no file: the theme reads it as nil. Its
// links are below basePath.
func DataFiles(d *views.Data, data, basePath string) (map[string][]byte, error) {
	shared := *d // (the views are shared with the rest of the build: a copy loses the pages' own)
	shared.Pages = nil
	all, err := json.Marshal(apply(newHrefs(basePath), &shared))
	if err != nil {
		return nil, err
	}
	var byName map[string]json.RawMessage
	if err := json.Unmarshal(all, &byName); err != nil {
		return nil, err
	}
	files := make(map[string][]byte, len(byName))
	for name, raw := range byName {
		if string(raw) != "null" {
			files["assets/views/"+data+"/"+name+".json"] = raw
		}
	}
	return files, nil
}

// LangLabel is how a language names itself in the language switcher.
func LangLabel(l config.Language) string {
	if l.Name == "" {
		return l.Tag
	}
	return l.Name
}

// languages is Hugo's languages setting: the source language at the
// site's root, every other below /<key>/.
func languages(c config.Config, navs map[string][]views.Ref, langs []views.LangRef) map[string]any {
	out := map[string]any{}
	for i, l := range c.Langs() {
		data := "handbook"
		if i > 0 {
			data = "handbook_" + strings.ToLower(l.Tag)
		}
		params := map[string]any{"data": data, "nav": navs[strings.ToLower(l.Tag)], "langs": langs}
		if l.Footer != "" {
			params["footer"] = l.Footer // this language's words for the site's footer
		}
		out[strings.ToLower(l.Tag)] = map[string]any{"weight": i + 1, "label": LangLabel(l), "locale": l.Tag, "direction": l.Dir(), "params": params}
	}
	return out
}

// BrandCSS sets the theme's accent colours from the company's settings.
func BrandCSS(c config.Config) string {
	var b strings.Builder
	if a := c.Colors.Accent; a != "" {
		fmt.Fprintf(&b, ":root{--link:%s;--accent:%s;--role-0:%s}", a, a, a)
		fmt.Fprintf(&b, "@media print{:root,:root[data-theme=dark]{--link:%s;--accent:%s}}", a, a)
	}
	if a := c.Colors.AccentDark; a != "" {
		fmt.Fprintf(&b, "@media (prefers-color-scheme:dark){:root:not([data-theme=light]){--link:%s;--accent:%s;--role-0:%s}}", a, a, a)
		fmt.Fprintf(&b, ":root[data-theme=dark]{--link:%s;--accent:%s;--role-0:%s}", a, a, a)
	}
	return b.String()
}

// IsThemeInput keeps the theme files Hugo renders from (not static/, which
// the generator copies itself).
func IsThemeInput(rel string) bool {
	return strings.HasPrefix(rel, "layouts/") || strings.HasPrefix(rel, "assets/") ||
		strings.HasPrefix(rel, "i18n/") || strings.HasPrefix(rel, "data/") || rel == "hugo.toml"
}

// ReadTree adds every regular file below dir to files, under prefix + its
// slash path. A missing dir adds nothing; symbolic links are refused.
func ReadTree(files map[string][]byte, dir, prefix string, keep func(rel string) bool) error {
	return filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if errors.Is(err, fs.ErrNotExist) && p == dir {
			return nil
		}
		if err != nil {
			return err
		}
		if d.Type()&fs.ModeSymlink != 0 {
			return fmt.Errorf("%s: symbolic links are not allowed here", p)
		}
		if d.IsDir() {
			return nil
		}
		if !d.Type().IsRegular() {
			return fmt.Errorf("%s:1:1: this is %s, not a plain file; only plain files are read (remove it)", p, regular.Kind(d.Type()))
		}
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		if keep != nil && !keep(rel) {
			return nil
		}
		data, err := regular.ReadFile(p)
		if err != nil {
			return err
		}
		files[prefix+rel] = data
		return nil
	})
}

// Config is the Hugo site configuration derived from handbook.toml: nav is
// the source language's menu, navs every language's by key, langs the
// language switcher's entries.
func Config(c config.Config, nav []views.Ref, navs map[string][]views.Ref, langs []views.LangRef) map[string]any {
	h := newHrefs(BasePath(c.BaseURL))
	nav, navs, langs = apply(h, nav), apply(h, navs), apply(h, langs)
	return map[string]any{
		"baseURL":                        c.BaseURL,
		"title":                          c.Title,
		"locale":                         c.Language,
		"defaultContentLanguage":         strings.ToLower(c.Language),
		"languages":                      languages(c, navs, langs),
		"disableDefaultLanguageRedirect": true, // no /en/ page redirecting to /
		"theme":                          "handbook",
		"themesDir":                      "themes",
		"contentDir":                     "content",
		"disableKinds":                   []string{"taxonomy", "term", "rss", "sitemap"},
		"enableRobotsTXT":                true,
		"timeZone":                       "UTC",
		"markup": map[string]any{
			// The generator resolves links itself (links.Rewrite); Hugo's own
			// link hook, on by default in a multilingual site, would look up
			// every linked page, and re-render every page that links to an
			// edited one in serve.
			"goldmark": map[string]any{"renderer": map[string]any{"unsafe": false},
				// Heading ids in ASCII (accents taken off), as content.Anchor makes them.
				"parser":      map[string]any{"autoHeadingIDType": "github-ascii"},
				"renderHooks": map[string]any{"link": map[string]any{"useEmbedded": "never"}}},
			"highlight": map[string]any{"noClasses": false},
		},
		"outputs": map[string]any{"home": []string{"html"}, "section": []string{"html"}, "page": []string{"html"}},
		"cascade": []any{map[string]any{
			"build":  map[string]any{"render": "never", "list": "always"},
			"target": map[string]any{"path": "{/sources/*,/glossary/*}"},
		}},
		"params": map[string]any{
			"description":  c.Description,
			"repoURL":      strings.TrimSuffix(c.RepoURL, "/"),
			"editBranch":   c.EditBranch,
			"footer":       c.Footer,
			"organisation": c.Organisation,
			"logo":         c.Logo,
			"nav":          nav, // the menu, on every page
		},
	}
}

// SearchPage is the generated search page's file in a language, with its
// title and summary in the language's words; its list of every page comes
// from the views.
func SearchPage(words views.Strings) []byte {
	return fmt.Appendf(nil, "---\ntitle: %q\nsummary: %q\nlinkTitle: %q\nbuild: {list: never}\n---\n",
		words.T("search_title"), words.T("search_summary"), words.T("search_title"))
}
