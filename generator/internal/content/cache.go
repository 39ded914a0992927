package content

import (
	"bytes"
	"maps"
	"os"
	"sync"
	"time"

	"github.com/product-roles/handbook/generator/internal/diag"
	"github.com/product-roles/handbook/generator/internal/regular"
)

// parseCache keeps the files and pages of the last load, so that serve
// reads again only the files whose size or time changed, and parses only
// those whose bytes did. Pages are handed out as copies: later stages
// change them (a fork renames a level, MergeRoleMaps fills role maps).
type parseCache struct {
	mu      sync.Mutex
	gen     int // the load in progress
	entries map[parseKey]*parsed
	files   map[string]*readFile // by path
}

type parseKey struct {
	rel, lang, shown string
}

type parsed struct {
	src   []byte // what was parsed
	page  *Page  // nil when the file has errors that keep it out
	diags diag.List
	used  int // the last load that read it
}

// readFile is a file's bytes as a load read them, with its size and
// modification time as Lstat saw them just before, and when that was.
type readFile struct {
	size int64
	mod  time.Time
	at   time.Time
	src  []byte
	used int
}

// racy is how long after a file's modification time it may change again
// without its time changing (the clock's tick of the file system: two
// seconds on FAT, one on HFS+, a few milliseconds on ext4); a file read
// within it is read again next time, whatever its time says.
const racy = 2 * time.Second

// Remember makes the loader keep what it parsed for the next load: a file
// whose bytes did not change is not parsed again. serve uses it.
func (l *Loader) Remember() {
	l.cache = &parseCache{entries: map[parseKey]*parsed{}, files: map[string]*readFile{}}
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
	maps.DeleteFunc(c.files, func(_ string, f *readFile) bool { return f.used != c.gen })
	c.mu.Unlock()
}

// read reads a plain file (regular.ReadFile), or returns the bytes the
// last load read when the file's size and modification time are the same
// and that time was well before that read (see racy).
func (c *parseCache) read(name string) ([]byte, error) {
	if c == nil {
		return regular.ReadFile(name)
	}
	at := time.Now()
	info, err := os.Lstat(name)
	if err != nil || !info.Mode().IsRegular() {
		return regular.ReadFile(name) // (which says why it cannot be read)
	}
	c.mu.Lock()
	f, ok := c.files[name]
	if ok && f.size == info.Size() && f.mod.Equal(info.ModTime()) && f.at.Sub(f.mod) > racy {
		f.used = c.gen
		c.mu.Unlock()
		return f.src, nil
	}
	c.mu.Unlock()
	src, err := regular.ReadFile(name)
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	c.files[name] = &readFile{size: info.Size(), mod: info.ModTime(), at: at, src: src, used: c.gen}
	c.mu.Unlock()
	return src, nil
}

// parse returns the cached page for these bytes, or parses them. Bytes
// that read returned again are the same slice: comparing them costs nothing.
func (c *parseCache) parse(k parseKey, src []byte, parse func() (*Page, diag.List)) (*Page, diag.List) {
	if c == nil {
		return parse()
	}
	c.mu.Lock()
	e, ok := c.entries[k]
	c.mu.Unlock()
	if ok && bytes.Equal(e.src, src) {
		c.mu.Lock()
		e.used = c.gen
		c.mu.Unlock()
		return e.page.clone(), e.diags
	}
	p, diags := parse()
	c.mu.Lock()
	c.entries[k] = &parsed{src: src, page: p.clone(), diags: diags, used: c.gen}
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
