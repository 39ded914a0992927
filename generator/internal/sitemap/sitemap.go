// Package sitemap writes the site's sitemap.xml from the list of pages the
// generator already holds. Hugo's own sitemap walks every page and its
// translations on each build, which in serve cost more than rendering the
// edited page itself.
package sitemap

import (
	"bytes"
	"encoding/xml"
	"slices"
	"strings"
)

// Lang is one language's pages.
type Lang struct {
	Key    string // Hugo's key: the lower-case tag, e.g. "de"
	Locale string // the hreflang value, e.g. "de" or "pt-BR"
	// Pages maps each page's key (a path such as "/duties/pricing") to its
	// root-relative URL in this language.
	Pages map[string]string
}

const (
	header = `<?xml version="1.0" encoding="utf-8" standalone="yes"?>`
	ns     = `http://www.sitemaps.org/schemas/sitemap/0.9`
)

// Files returns sitemap.xml, and with several languages a sitemap index at
// sitemap.xml and one sitemap per language at <key>/sitemap.xml, the layout
// Hugo uses. base is the site's base URL; every page lists its versions in
// the other languages as hreflang alternates. Pages are sorted by URL.
func Files(base string, langs []Lang) map[string][]byte {
	base = strings.TrimSuffix(base, "/")
	out := map[string][]byte{}
	if len(langs) == 1 {
		out["sitemap.xml"] = urlset(base, langs, 0)
		return out
	}
	var b bytes.Buffer
	b.WriteString(header + `<sitemapindex xmlns="` + ns + `">`)
	for i, l := range langs {
		b.WriteString("<sitemap><loc>" + esc(base+"/"+l.Key+"/sitemap.xml") + "</loc></sitemap>")
		out[l.Key+"/sitemap.xml"] = urlset(base, langs, i)
	}
	b.WriteString("</sitemapindex>")
	out["sitemap.xml"] = b.Bytes()
	return out
}

// urlset is the sitemap of language i.
func urlset(base string, langs []Lang, i int) []byte {
	type entry struct{ key, url string }
	var entries []entry
	for key, u := range langs[i].Pages {
		entries = append(entries, entry{key, u})
	}
	slices.SortFunc(entries, func(a, b entry) int { return strings.Compare(a.url, b.url) })
	var b bytes.Buffer
	b.WriteString(header + `<urlset xmlns="` + ns + `"`)
	if len(langs) > 1 {
		b.WriteString(` xmlns:xhtml="http://www.w3.org/1999/xhtml"`)
	}
	b.WriteString(">")
	for _, e := range entries {
		b.WriteString("<url><loc>" + esc(base+e.url) + "</loc>")
		if len(langs) > 1 {
			var alts []Lang
			for _, l := range langs {
				if _, ok := l.Pages[e.key]; ok {
					alts = append(alts, l)
				}
			}
			if len(alts) > 1 {
				for _, l := range alts {
					b.WriteString(`<xhtml:link rel="alternate" hreflang="` + esc(l.Locale) + `" href="` + esc(base+l.Pages[e.key]) + `"/>`)
				}
			}
		}
		b.WriteString("</url>")
	}
	b.WriteString("</urlset>")
	return b.Bytes()
}

func esc(s string) string {
	var b strings.Builder
	_ = xml.EscapeText(&b, []byte(s))
	return b.String()
}
