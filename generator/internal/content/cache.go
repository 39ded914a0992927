package content

import (
	"maps"
	"sync"

	"github.com/product-roles/handbook/generator/internal/diag"
)

// parseCache keeps the pages of the last load, so that serve parses only
// the files an edit changed. Pages are handed out as copies: later stages
// change them (a fork renames a level, MergeRoleMaps fills role maps).
type parseCache struct {
	mu      sync.Mutex
	gen     int // the load in progress
	entries map[parseKey]*parsed
}

type parseKey struct {
	rel, lang, shown, src string
}

type parsed struct {
	page  *Page // nil when the file has errors that keep it out
	diags diag.List
	used  int // the last load that read it
}

// Remember makes the loader keep what it parsed for the next load: a file
// whose bytes did not change is not parsed again. serve uses it.
func (l *Loader) Remember() {
	l.cache = &parseCache{entries: map[parseKey]*parsed{}}
}

// begin starts a load; end forgets every file the load did not read.
func (c *parseCache) begin() {
	if c == nil {
		return
	}
	c.mu.Lock()
	c.gen++
	c.mu.Unlock()
}

func (c *parseCache) end() {
	if c == nil {
		return
	}
	c.mu.Lock()
	maps.DeleteFunc(c.entries, func(_ parseKey, p *parsed) bool { return p.used != c.gen })
	c.mu.Unlock()
}

// parse returns the cached page for these bytes, or parses them.
func (c *parseCache) parse(k parseKey, parse func() (*Page, diag.List)) (*Page, diag.List) {
	if c == nil {
		return parse()
	}
	c.mu.Lock()
	e, ok := c.entries[k]
	if ok {
		e.used = c.gen
	}
	c.mu.Unlock()
	if ok {
		return e.page.clone(), e.diags
	}
	p, diags := parse()
	c.mu.Lock()
	c.entries[k] = &parsed{page: p.clone(), diags: diags, used: c.gen}
	c.mu.Unlock()
	return p, diags
}

// clone copies a page as the loader made it, with its own role maps and
// front matter map, so that changing the copy leaves the original as it is.
func (p *Page) clone() *Page {
	if p == nil {
		return nil
	}
	q := &Page{
		Kind: p.Kind, Listed: p.Listed, ID: p.ID, Track: p.Track, Rel: p.Rel, File: p.File, Key: p.Key, URL: p.URL,
		Front: p.Front, Raw: maps.Clone(p.Raw), Source: p.Source, Replaces: p.Replaces, Hash: p.Hash, Lang: p.Lang,
		Untranslated: p.Untranslated, Outdated: p.Outdated, Overlay: p.Overlay, BodyAt: p.BodyAt,
		Text: p.Text, Words: p.Words, Links: p.Links, Heads: p.Heads, fm: p.fm, BodyPos: p.BodyPos,
	}
	q.Front.Values = maps.Clone(p.Front.Values)
	q.Front.InShort = maps.Clone(p.Front.InShort)
	q.Front.Ownership = maps.Clone(p.Front.Ownership)
	q.Front.Importance = maps.Clone(p.Front.Importance)
	q.Front.Expectations = maps.Clone(p.Front.Expectations)
	return q
}
