package pipeline

import (
	"fmt"
	"path"
	"strconv"
	"strings"

	"github.com/product-roles/handbook/generator/internal/sitemap"

	"github.com/product-roles/handbook/generator/internal/content"
	"github.com/product-roles/handbook/generator/internal/hugosite"
	"github.com/product-roles/handbook/generator/internal/views"
)

// navigation gives every page its breadcrumbs and its links to itself in
// every language, worked out here once rather than by Hugo on every page.
// Hugo's .Ancestors and .AllTranslations make a page depend on its sections
// and on its translations, so that after one edit serve rendered every
// page of the site again.
type navigation []navLang

// navLang is one language's pages, by Hugo page path.
type navLang struct {
	key, locale, label string
	prefix             string // "" for the source language, "/de" for German
	pages              map[string]navPage
	views              map[string]views.Page // the pages with a view: those Hugo renders and lists
	menu               []string              // the URLs of the menu's entries
}

type navPage struct {
	title   string // the link title
	section bool   // an _index.md: a section, or the home page
}

// newNavigation lists every page Hugo renders, in every language.
func newNavigation(c *Checked) navigation {
	langs := c.Config.Langs()
	models := []*content.Model{c.Model}
	data := []*views.Data{c.Data}
	searchTitles := []string{c.Words.T("search_title")}
	for _, lz := range c.Langs {
		models = append(models, lz.Model)
		data = append(data, lz.Data)
		searchTitles = append(searchTitles, lz.Words.T("search_title"))
	}
	var n navigation
	for i, l := range langs {
		nl := navLang{key: strings.ToLower(l.Tag), locale: l.Tag, label: hugosite.LangLabel(l), pages: map[string]navPage{}, views: data[i].Pages}
		for _, r := range data[i].Nav {
			nl.menu = append(nl.menu, r.URL)
		}
		if i > 0 {
			nl.prefix = "/" + nl.key
		}
		for _, pg := range models[i].Pages {
			title := pg.Front.LinkTitle
			if title == "" {
				title = pg.Front.Title
			}
			nl.pages[pg.Key] = navPage{title: title, section: path.Base(pg.Rel) == "_index.md"}
		}
		for _, g := range data[i].Generated {
			nl.pages[g.Key()] = navPage{title: g.Title, section: path.Base(g.Path) == "_index.md"}
		}
		nl.pages["/search"] = navPage{title: searchTitles[i], section: true}
		n = append(n, nl)
	}
	return n
}

// url is the root-relative URL of the page key in a language.
func (nl navLang) url(key string) string {
	if key == "/" {
		return nl.prefix + "/"
	}
	return nl.prefix + key + "/"
}

// add sets the breadcrumbs and the language links of the page key in the
// language lang (an index into n).
func (n navigation) add(lang int, key string, v views.Page) views.Page {
	nl := n[lang]
	v.Crumbs = nil
	if key != "/" {
		if _, ok := nl.pages["/"]; ok {
			v.Crumbs = append(v.Crumbs, views.Crumb{URL: nl.url("/"), Home: true})
		}
		parts := strings.Split(strings.Trim(key, "/"), "/")
		for i := 1; i < len(parts); i++ {
			k := "/" + strings.Join(parts[:i], "/")
			if p, ok := nl.pages[k]; ok && p.section {
				v.Crumbs = append(v.Crumbs, views.Crumb{Title: p.title, URL: nl.url(k)})
			}
		}
	}
	// The menu marks the entry of the page's section: the theme renders the
	// header once per language and entry, not once per page.
	v.Menu = ""
	for i, u := range nl.menu {
		if here := nl.url(key); here == u {
			v.Menu = fmt.Sprintf("%d=", i)
		} else if strings.HasPrefix(here, u) && v.Menu == "" {
			v.Menu = strconv.Itoa(i)
		}
	}
	v.Langs = nil
	if len(n) > 1 {
		for _, other := range n {
			if _, ok := other.pages[key]; ok {
				v.Langs = append(v.Langs, views.LangRef{Lang: other.key, Locale: other.locale, Label: other.label, URL: other.url(key)})
			}
		}
	}
	return v
}

// siteLangs is the site parameter "langs": every language's home page, for
// the pages without a view (the 404 page).
func (n navigation) siteLangs() []views.LangRef {
	var out []views.LangRef
	for _, nl := range n {
		out = append(out, views.LangRef{Lang: nl.key, Locale: nl.locale, Label: nl.label, URL: nl.url("/")})
	}
	return out
}

// sitemap is the site's sitemap.xml (and one per language): every page
// Hugo renders and lists, which is every page with a view but search.
func (n navigation) sitemap(baseURL string) map[string][]byte {
	var langs []sitemap.Lang
	for _, nl := range n {
		l := sitemap.Lang{Key: nl.key, Locale: nl.locale, Pages: map[string]string{}}
		for key := range nl.views {
			if _, ok := nl.pages[key]; ok && key != "/search" {
				l.Pages[key] = nl.url(key)
			}
		}
		langs = append(langs, l)
	}
	return sitemap.Files(baseURL, langs)
}

// adder gives a page of language lang its breadcrumbs, language links and
// menu state, as hugosite.Pages.Language asks.
func (n navigation) adder(lang int) func(key string, v views.Page) views.Page {
	return func(key string, v views.Page) views.Page { return n.add(lang, key, v) }
}
