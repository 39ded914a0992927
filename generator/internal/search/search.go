// Package search builds the site's full-text search index from the content
// model at build time. The index is one JSON file that the search page
// loads only when someone searches; nothing is sent anywhere.
package search

import (
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/snowballstem"
	"github.com/blevesearch/snowballstem/arabic"
	"github.com/blevesearch/snowballstem/english"
	"github.com/blevesearch/snowballstem/german"
	"github.com/product-roles/handbook/generator/internal/content"
)

// Index is the file the search page loads. Docs are [title, url, group,
// summary]; each word (a stem, by the language's Snowball stemmer) maps to
// postings "doc:weight" packed as doc*4+field, where field 3 is the title,
// 2 a heading, 1 the summary, 0 the body. Forms maps each word as written
// (lower case) whose stem differs from it to its stem's place in Words:
// the search page matches what is typed against words and forms, so it
// needs no stemmer of its own.
type Index struct {
	Version int            `json:"v"`
	Lang    string         `json:"lang"`
	Groups  []string       `json:"groups"`
	Stop    string         `json:"stop"`
	Docs    [][]any        `json:"docs"`
	Words   []string       `json:"words"`
	Posts   [][]int        `json:"posts"` // per word, ascending doc*4+field, delta-encoded
	Forms   map[string]int `json:"forms"`
}

// Build makes the index from every page of the model, in English, its
// groups named by their labels' ids.
func Build(m *content.Model) ([]byte, error) { return BuildIn(m, "en", nil) }

// BuildIn makes the index of a model in a language; groups are the labels
// of the registry's search groups (content.Registry.Groups) in that
// language (nil: the labels' ids).
func BuildIn(m *content.Model, lang string, groups []string) ([]byte, error) {
	return (*Cache)(nil).BuildIn(m, lang, groups)
}

// Cache keeps each page's words from one index to the next, so that serve
// analyses only the pages an edit changed. A nil Cache keeps nothing.
type Cache struct {
	mu      sync.Mutex
	langs   map[string]map[docKey]*docWords // by language, by page
	started map[string]*started             // by language: an index Prepare began
}

// docKey names a page in an index.
type docKey struct{ url, id string }

// started is an index being made in the background, and what from.
type started struct {
	m      *content.Model
	groups string
	done   chan struct{}
	data   []byte
	err    error
}

// docWords are one page's words: each stem with the best field it is in,
// and the written forms that differ from their stems; and the text they
// were found in (a page whose text is the same string costs one compare).
type docWords struct {
	fields map[string]int
	forms  map[string]string

	text, summary, title string
	heads                []string
}

// of reports whether the words are those of the page's text.
func (dw *docWords) of(p *content.Page) bool {
	if dw == nil || dw.text != p.Text || dw.summary != p.Front.Summary || dw.title != p.Front.Title || len(dw.heads) != len(p.Heads) {
		return false
	}
	for i, h := range p.Heads {
		if dw.heads[i] != h.Text {
			return false
		}
	}
	return true
}

// NewCache makes an empty cache.
func NewCache() *Cache {
	return &Cache{langs: map[string]map[docKey]*docWords{}, started: map[string]*started{}}
}

// Prepare starts making the index of a model in the background, so that
// it is ready, or nearly, when BuildIn asks for it with the same model and
// groups: serve starts it as the checks start, which need one core of the
// two a small machine has. The model's pages must not change after.
func (c *Cache) Prepare(m *content.Model, lang string, groups []string) {
	st := &started{m: m, groups: strings.Join(groups, "\x00"), done: make(chan struct{})}
	c.mu.Lock()
	c.started[lang] = st
	c.mu.Unlock()
	go func() {
		st.data, st.err = c.build(m, lang, groups)
		close(st.done)
	}()
}

// BuildIn is BuildIn, reusing the words of pages whose text is unchanged
// since the last index of the same language, or the index Prepare began
// from the same model and groups.
func (c *Cache) BuildIn(m *content.Model, lang string, groups []string) ([]byte, error) {
	if c != nil {
		c.mu.Lock()
		st := c.started[lang]
		delete(c.started, lang)
		c.mu.Unlock()
		if st != nil && st.m == m && st.groups == strings.Join(groups, "\x00") {
			<-st.done
			return st.data, st.err
		}
	}
	return c.build(m, lang, groups)
}

// build makes the index, reusing the cache's words of unchanged pages.
func (c *Cache) build(m *content.Model, lang string, groups []string) ([]byte, error) {
	idx := c.index(m, lang, groups)
	return idx.encode(), nil
}

// index makes the index, reusing the cache's words of unchanged pages.
func (c *Cache) index(m *content.Model, lang string, groups []string) *Index {
	pages := slices.Clone(m.Pages)
	slices.SortFunc(pages, func(a, b *content.Page) int { return strings.Compare(a.URL+a.ID, b.URL+b.ID) })
	an := For(lang)
	idx := &Index{Version: 2, Lang: lang, Stop: strings.Join(an.stopList, " "), Forms: map[string]int{}}
	kinds := m.Registry()
	for i, g := range kinds.Groups() {
		if i < len(groups) {
			idx.Groups = append(idx.Groups, groups[i])
			continue
		}
		idx.Groups = append(idx.Groups, g.Label)
	}
	var last, next map[docKey]*docWords
	if c != nil {
		c.mu.Lock()
		last = c.langs[lang]
		c.mu.Unlock()
		next = make(map[docKey]*docWords, len(pages))
	}
	forms := map[string]string{}
	stems := map[string]string{} // each word is stemmed once
	// Docs are visited in order, so each word's postings come out sorted.
	posts := map[string][]int{}
	for i, p := range pages {
		idx.Docs = append(idx.Docs, []any{p.Front.Title, p.Link(), kinds.GroupOf(p.Kind), p.Front.Summary})
		key := docKey{p.URL, p.ID}
		dw := last[key]
		if !dw.of(p) {
			dw = analyse(an, p, stems)
		}
		if next != nil {
			next[key] = dw
		}
		for f, w := range dw.forms {
			forms[f] = w
		}
		for w, f := range dw.fields {
			posts[w] = append(posts[w], i*4+f)
		}
	}
	if c != nil {
		c.mu.Lock()
		c.langs[lang] = next // pages no longer in the model are forgotten
		c.mu.Unlock()
	}
	idx.Words = make([]string, 0, len(posts))
	for w := range posts {
		idx.Words = append(idx.Words, w)
	}
	slices.Sort(idx.Words)
	for _, w := range idx.Words {
		ps := posts[w]
		for i := len(ps) - 1; i > 0; i-- {
			ps[i] -= ps[i-1]
		}
		idx.Posts = append(idx.Posts, ps)
	}
	for f, w := range forms {
		if _, isWord := posts[f]; !isWord { // a form that is also a stem is found as a word
			i, _ := slices.BinarySearch(idx.Words, w)
			idx.Forms[f] = i
		}
	}
	return idx
}

// analyse finds a page's words: text is field 0, the summary 1, headings
// 2 and the title 3; a word counts in the best field it is in.
func analyse(an Analyzer, p *content.Page, stems map[string]string) *docWords {
	dw := &docWords{fields: map[string]int{}, forms: map[string]string{}, text: p.Text, summary: p.Front.Summary, title: p.Front.Title}
	for _, h := range p.Heads {
		dw.heads = append(dw.heads, h.Text)
	}
	add := func(text string, field int) {
		for _, tok := range an.Tokens(text) {
			w, ok := stems[tok]
			if !ok {
				w = an.Stem(tok)
				stems[tok] = w
			}
			if w != tok {
				dw.forms[tok] = w
			}
			if f, ok := dw.fields[w]; !ok || field > f {
				dw.fields[w] = field
			}
		}
	}
	add(p.Text, 0)
	add(p.Front.Summary, 1)
	for _, h := range p.Heads {
		add(h.Text, 2)
	}
	add(p.Front.Title, 3)
	return dw
}

// StopWords carry no meaning for search; the search page skips them too.
const StopWords = `a an and are as at be but by can do does for from has have how if in into is it its of on or so
than that the their them then there these they this those to was we what when where which who why will with you your
not no our us also more most such each other any all one both very`

// StopWordsDE are German words that carry no meaning for search.
const StopWordsDE = `aber als am an auch auf aus bei bin bis da damit dann das dass dem den der des die dies diese
dieser dieses doch dort du durch ein eine einem einen einer eines er es für hat hatte hier ich ihr im in ist ja jede
jeder jedes kann kein keine man mit nach nicht noch nur ob oder sein sich sie sind so über um und uns vom von vor
war was wenn wer wie wir wird wo zu zum zur`

// Analyzer splits and stems text in one language.
type Analyzer struct {
	stem     func(*snowballstem.Env) bool // nil: words are kept as they are
	stop     map[string]bool
	stopList []string
}

// For returns the analyzer of a language tag: Snowball's English, German
// or Arabic stemmer, or none (words as written) for other languages.
func For(lang string) Analyzer {
	a := Analyzer{stop: map[string]bool{}}
	words := ""
	switch strings.ToLower(strings.SplitN(lang, "-", 2)[0]) {
	case "", "en":
		a.stem, words = english.Stem, StopWords
	case "de":
		a.stem, words = german.Stem, StopWordsDE
	case "ar":
		a.stem = arabic.Stem
	}
	a.stopList = strings.Fields(words)
	for _, w := range a.stopList {
		a.stop[w] = true
	}
	return a
}

// Tokens splits text into lower-case words as written, without stop words
// and one-letter words. The search page applies the same rules to what is
// typed.
func (a Analyzer) Tokens(text string) []string {
	var out []string
	for _, f := range strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	}) {
		if utf8.RuneCountInString(f) < 2 || a.stop[f] {
			continue
		}
		out = append(out, f)
	}
	return out
}

// Stem returns a word's stem.
func (a Analyzer) Stem(w string) string {
	if a.stem == nil {
		return w
	}
	env := snowballstem.NewEnv(w)
	a.stem(env)
	return env.Current()
}

// Words splits English text into search words: stems, without stop words.
func Words(text string) []string {
	a := For("en")
	var out []string
	for _, t := range a.Tokens(text) {
		out = append(out, a.Stem(t))
	}
	return out
}
