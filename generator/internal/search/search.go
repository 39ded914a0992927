// Package search builds the site's full-text search index from the content
// model at build time. The index is one JSON file that the search page
// loads only when someone searches; nothing is sent anywhere.
package search

import (
	"encoding/json"
	"slices"
	"strings"
	"unicode"

	"github.com/product-roles/handbook/generator/internal/content"
)

// Groups are the kinds of result, in the order the search page lists them.
var Groups = []struct {
	Kinds []content.Kind
	Label string
}{
	{[]content.Kind{content.KindRole}, "Roles"},
	{[]content.Kind{content.KindDuty, content.KindArea}, "Duties"},
	{[]content.Kind{content.KindDimension}, "Comparison"},
	{[]content.Kind{content.KindSkill}, "Skills"},
	{[]content.Kind{content.KindLevel, content.KindTrack}, "Career levels"},
	{[]content.Kind{content.KindCompetency}, "Competencies"},
	{[]content.Kind{content.KindInterview}, "Interview questions"},
	{[]content.Kind{content.KindGuide}, "Guides"},
	{[]content.Kind{content.KindFAQ}, "FAQ"},
	{[]content.Kind{content.KindSimilarity}, "Similarities"},
	{[]content.Kind{content.KindTerm}, "Glossary"},
	{[]content.Kind{content.KindSource}, "Sources"},
	{[]content.Kind{content.KindHome, content.KindSection, content.KindPage}, "Pages"},
}

// Group returns the index of a kind's group.
func Group(k content.Kind) int {
	for i, g := range Groups {
		if slices.Contains(g.Kinds, k) {
			return i
		}
	}
	return len(Groups) - 1
}

// Index is the file the search page loads. Docs are [title, url, group,
// summary]; each word maps to postings "doc:weight" packed as doc*4+field,
// where field 3 is the title, 2 a heading, 1 the summary, 0 the body.
type Index struct {
	Version int      `json:"v"`
	Groups  []string `json:"groups"`
	Stop    string   `json:"stop"`
	Docs    [][]any  `json:"docs"`
	Words   []string `json:"words"`
	Posts   [][]int  `json:"posts"` // per word, ascending doc*4+field, delta-encoded
}

// Build makes the index from every page of the model.
func Build(m *content.Model) ([]byte, error) {
	pages := slices.Clone(m.Pages)
	slices.SortFunc(pages, func(a, b *content.Page) int { return strings.Compare(a.URL+a.ID, b.URL+b.ID) })
	idx := Index{Version: 1, Stop: strings.Join(strings.Fields(StopWords), " ")}
	for _, g := range Groups {
		idx.Groups = append(idx.Groups, g.Label)
	}
	// Docs are visited in order, so each word's postings come out sorted.
	posts := map[string][]int{}
	fields := map[string]int{} // this doc's words and their best field
	for i, p := range pages {
		idx.Docs = append(idx.Docs, []any{p.Front.Title, p.Link(), Group(p.Kind), p.Front.Summary})
		clear(fields)
		add := func(text string, field int) {
			for _, w := range Words(text) {
				if f, ok := fields[w]; !ok || field > f {
					fields[w] = field
				}
			}
		}
		add(p.Text, 0)
		add(p.Front.Summary, 1)
		for _, h := range p.Heads {
			add(h.Text, 2)
		}
		add(p.Front.Title, 3)
		for w, f := range fields {
			posts[w] = append(posts[w], i*4+f)
		}
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
	return json.Marshal(idx)
}

// StopWords carry no meaning for search; the search page skips them too.
const StopWords = `a an and are as at be but by can do does for from has have how if in into is it its of on or so
than that the their them then there these they this those to was we what when where which who why will with you your
not no our us also more most such each other any all one both very`

var stop = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(StopWords) {
		m[w] = true
	}
	return m
}()

// Words splits text into lower-case search words, without stop words.
// The search page applies the same rules to what is typed.
func Words(text string) []string {
	var out []string
	for _, f := range strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	}) {
		if len(f) < 2 || stop[f] {
			continue
		}
		out = append(out, Stem(f))
	}
	return out
}

// Stem folds simple English plurals and endings so "backlogs" finds "backlog".
func Stem(w string) string {
	for _, suf := range []string{"ies", "es", "s"} {
		if strings.HasSuffix(w, suf) && len(w) > len(suf)+3 {
			switch suf {
			case "ies":
				return w[:len(w)-3] + "y"
			case "es":
				if strings.HasSuffix(w, "sses") || strings.HasSuffix(w, "shes") || strings.HasSuffix(w, "ches") || strings.HasSuffix(w, "xes") {
					return w[:len(w)-2]
				}
			case "s":
				if !strings.HasSuffix(w, "ss") && !strings.HasSuffix(w, "us") && !strings.HasSuffix(w, "is") {
					return w[:len(w)-1]
				}
			}
		}
	}
	return w
}
