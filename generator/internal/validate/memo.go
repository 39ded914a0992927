package validate

import (
	"bytes"
	"strconv"
	"strings"
	"sync"

	"github.com/product-roles/handbook/generator/internal/content"
	"github.com/product-roles/handbook/generator/internal/diag"
	"github.com/product-roles/handbook/generator/internal/ladder"
	"github.com/product-roles/handbook/generator/internal/schema"
)

// Memo keeps, between serve's rebuilds, what the checks found in the
// files an edit did not change: each file's schema problems and spelling
// warnings, and the ladder linter's findings on the levels. A nil Memo keeps nothing.
type Memo struct {
	Steps *ladder.Memo // the measures of expectations, shared with the views

	mu       sync.Mutex
	words    map[string]string    // a word -> its American form ("" for none); a word's form never changes
	spelled  map[string]spelledAt // a page's file -> its spelling warnings, with what they were found in
	next     map[string]spelledAt // this check's: the files of removed pages are forgotten
	schemas  map[string]checkedAt // a file -> its schema problems, with what they were found in
	nextSch  map[string]checkedAt
	levelKey string // what the levels' findings were found in
	levels   diag.List
}

type spelledAt struct {
	src    []byte // a copy: a later stage may give the page other bytes
	kind   string
	bodyAt int
	diags  diag.List
}

type checkedAt struct {
	src   []byte
	kind  string
	v     *schema.Validator
	kinds *content.Registry
	diags diag.List
}

// NewMemo is an empty memo that shares steps with the views.
func NewMemo(steps *ladder.Memo) *Memo {
	return &Memo{Steps: steps, words: map[string]string{}, spelled: map[string]spelledAt{}, next: map[string]spelledAt{},
		schemas: map[string]checkedAt{}, nextSch: map[string]checkedAt{}}
}

// schema is a file's schema problems: those found last time when the file
// (and the schemas) are as they were, else those check finds now. One
// check at a time calls it.
func (m *Memo) schema(v *schema.Validator, kinds *content.Registry, p *content.Page,
	check func(*schema.Validator, *content.Registry, *content.Page) diag.List) diag.List {
	if m == nil {
		return check(v, kinds, p)
	}
	key := p.File + "\x00" + p.Lang
	if e, ok := m.schemas[key]; ok && bytes.Equal(e.src, p.Source) && e.kind == string(p.Kind) && e.v == v && e.kinds == kinds {
		m.nextSch[key] = e
		return e.diags
	}
	e := checkedAt{src: bytes.Clone(p.Source), kind: string(p.Kind), v: v, kinds: kinds, diags: check(v, kinds, p)}
	m.nextSch[key] = e
	return e.diags
}

// schemasDone ends a check's schemas: what it did not meet is forgotten.
func (m *Memo) schemasDone() {
	if m != nil {
		m.schemas, m.nextSch = m.nextSch, map[string]checkedAt{}
	}
}

// steps is the memo of measures, nil without a memo.
func (m *Memo) steps() *ladder.Memo {
	if m == nil {
		return nil
	}
	return m.Steps
}

// spelling adds a page's spelling warnings to diags: those found last time
// when its file is as it was, else those check finds now. One check at a
// time calls it (Check runs its checks in turn). Without a memo, seen
// holds each word's American form for the check's pages.
func (m *Memo) spelling(p *content.Page, diags *diag.List, seen map[string]string, check func(seen map[string]string, out *diag.List)) {
	if m == nil {
		check(seen, diags)
		return
	}
	if e, ok := m.spelled[p.File]; ok && bytes.Equal(e.src, p.Source) && e.kind == string(p.Kind) && e.bodyAt == p.BodyAt {
		*diags = append(*diags, e.diags...)
		m.next[p.File] = e
		return
	}
	var found diag.List
	check(m.words, &found)
	*diags = append(*diags, found...)
	m.next[p.File] = spelledAt{src: bytes.Clone(p.Source), kind: string(p.Kind), bodyAt: p.BodyAt, diags: found}
}

// spellingDone ends a check's spelling: what it did not meet is forgotten.
func (m *Memo) spellingDone() {
	if m != nil {
		m.spelled, m.next = m.next, map[string]spelledAt{}
	}
}

// levelsKey is everything the levels' findings are made from: each
// track's levels (their files, text, and the title and rank a fork may
// change without touching the text), the competencies and the levels'
// translations, in the order the linter meets them, with the language
// and the extra mindset words. Equal keys make equal findings.
func levelsKey(m *content.Model, lang string, words []string) string {
	var b strings.Builder
	add := func(p *content.Page) {
		b.WriteString(p.File)
		b.WriteByte(0)
		b.WriteString(p.Front.Title)
		b.WriteByte(0)
		b.WriteString(strconv.Itoa(p.Front.Rank))
		b.WriteByte(0)
		b.WriteString(strconv.Itoa(len(p.Source)))
		b.WriteByte(0)
		b.Write(p.Source)
		b.WriteByte(0)
	}
	b.WriteString(lang)
	b.WriteByte(0)
	b.WriteString(strings.Join(words, "\x01"))
	b.WriteByte(0)
	for _, c := range m.Of(content.KindCompetency) {
		b.WriteString(c.ID)
		b.WriteByte(0)
	}
	levels := map[string]bool{} // the levels' files, by Rel
	for _, t := range m.Of(content.KindTrack) {
		b.WriteString(t.ID)
		b.WriteByte(0)
		for _, p := range m.Levels(t.ID) {
			add(p)
			levels[p.Rel] = true
		}
	}
	for _, t := range m.Translations {
		if of, _ := content.TranslationOf(t.Rel); levels[of] {
			b.WriteString(t.Rel)
			b.WriteByte(0)
			b.WriteString(t.Lang)
			b.WriteByte(0)
			add(t)
		}
	}
	return b.String()
}

// levelFindings are the findings on the levels: those of last time when
// the key is the same, else made now.
func (m *Memo) levelFindings(key func() string, find func() diag.List) diag.List {
	if m == nil {
		return find()
	}
	k := key()
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.levels != nil && k == m.levelKey {
		return m.levels
	}
	m.levelKey, m.levels = k, find()
	if m.levels == nil {
		m.levels = diag.List{}
	}
	return m.levels
}
