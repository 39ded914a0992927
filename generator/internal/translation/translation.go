// Package translation reports how far each language's translation has got
// (missing and outdated files, share of words translated), writes the stub
// of a new translation and refreshes a translation's record of its source.
package translation

import (
	"bytes"
	"fmt"
	"slices"
	"strings"

	"github.com/product-roles/handbook/generator/internal/config"
	"github.com/product-roles/handbook/generator/internal/content"
	"gopkg.in/yaml.v3"
)

// States of a page in a language.
const (
	Current  = "current"  // translated from the source as it is now
	Outdated = "outdated" // the source changed after the translation was made
	Missing  = "missing"  // no translation: the page shows the source language
)

// File is one source page in one language.
type File struct {
	Source      string // the source file, as shown in messages
	Translation string // where its translation stands (or would)
	Words       int    // the source's words: title, summary, prose fields and body
	State       string
}

// Status is one language's progress.
type Status struct {
	Lang  config.Language
	Files []File // every page, by source path

	Pages, Current, Outdated, Missing int
	Words, WordsTranslated            int // source words, and those of translated pages (current or outdated)
}

// Percent is the share of the source's words that are translated, rounded down.
func (s Status) Percent() int {
	if s.Words == 0 {
		return 100
	}
	return s.WordsTranslated * 100 / s.Words
}

// Report is the status of every language but the source.
func Report(m *content.Model, langs []config.Language) []Status {
	var out []Status
	for _, l := range langs[1:] {
		key := strings.ToLower(l.Tag)
		s := Status{Lang: l}
		for _, p := range m.Pages {
			if spec, _ := m.Registry().Spec(p.Kind); spec.Untranslated {
				continue
			}
			f := File{Source: p.File, Translation: translationFile(p, key), Words: words(m.Registry(), p), State: Missing}
			if t := m.Translation(p, key); t != nil {
				f.Translation = t.File
				f.State = Current
				if t.Raw["source_hash"] != p.Hash {
					f.State = Outdated
				}
			}
			s.Pages++
			s.Words += f.Words
			switch f.State {
			case Current:
				s.Current++
				s.WordsTranslated += f.Words
			case Outdated:
				s.Outdated++
				s.WordsTranslated += f.Words
			default:
				s.Missing++
			}
			s.Files = append(s.Files, f)
		}
		slices.SortFunc(s.Files, func(a, b File) int { return strings.Compare(a.Source, b.Source) })
		out = append(out, s)
	}
	return out
}

func translationFile(p *content.Page, key string) string {
	return content.TranslationPath(p.File, key)
}

// words counts a page's words to translate: title, summary, the prose
// fields of its kind, and its body.
func words(r *content.Registry, p *content.Page) int {
	n := p.Words + len(strings.Fields(p.Front.Title)) + len(strings.Fields(p.Front.Summary))
	spec, _ := r.Spec(p.Kind)
	for field := range spec.Text {
		n += CountWords(p.Raw[field])
	}
	for _, mv := range p.Front.Moves {
		n += len(strings.Fields(mv.Note))
	}
	return n
}

// CountWords counts the words of a front matter value: text, or the text
// in a list or map.
func CountWords(v any) int {
	switch t := v.(type) {
	case string:
		return len(strings.Fields(t))
	case []any:
		n := 0
		for _, x := range t {
			n += CountWords(x)
		}
		return n
	case map[string]any:
		n := 0
		for _, x := range t {
			n += CountWords(x)
		}
		return n
	}
	return 0
}

// Stub is the start of a translation of p: its text fields and body, in
// the source language, to be translated in place, and the source's hash.
func Stub(r *content.Registry, p *content.Page) ([]byte, error) {
	root := &yaml.Node{Kind: yaml.MappingNode}
	add := func(key string, v any) {
		var val yaml.Node
		if err := val.Encode(v); err == nil {
			root.Content = append(root.Content, &yaml.Node{Kind: yaml.ScalarNode, Value: key}, &val)
		}
	}
	add("title", p.Front.Title)
	if p.Front.LinkTitle != "" {
		add("linkTitle", p.Front.LinkTitle)
	}
	add("summary", p.Front.Summary)
	spec, _ := r.Spec(p.Kind)
	fields := make([]string, 0, len(spec.Text))
	for f := range spec.Text {
		fields = append(fields, f)
	}
	slices.Sort(fields)
	for _, f := range fields {
		if v, ok := p.Raw[f]; ok {
			add(f, v)
		}
	}
	if p.Kind == content.KindLevel && len(p.Front.Moves) > 0 {
		notes := &yaml.Node{Kind: yaml.MappingNode}
		for _, mv := range p.Front.Moves {
			if mv.Note != "" {
				notes.Content = append(notes.Content, &yaml.Node{Kind: yaml.ScalarNode, Value: mv.To}, &yaml.Node{Kind: yaml.ScalarNode, Value: mv.Note})
			}
		}
		if len(notes.Content) > 0 {
			root.Content = append(root.Content, &yaml.Node{Kind: yaml.ScalarNode, Value: "move_notes"}, notes)
		}
	}
	add("source_hash", p.Hash)
	var b bytes.Buffer
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(root); err != nil {
		return nil, err
	}
	return append(append([]byte("---\n"), b.Bytes()...), append([]byte("---\n"), p.Source[p.BodyAt:]...)...), nil
}

// Refresh sets a translation's source_hash to hash: the translation now
// matches the source as it is.
func Refresh(src []byte, hash string) ([]byte, error) {
	text := strings.ReplaceAll(string(src), "\r\n", "\n")
	if !strings.HasPrefix(text, "---\n") {
		return nil, fmt.Errorf("no front matter")
	}
	end := strings.Index(text[4:], "\n---")
	if end < 0 {
		return nil, fmt.Errorf("front matter is not closed")
	}
	end += 4
	lines := strings.Split(text[4:end], "\n")
	line := "source_hash: " + hash
	found := false
	for i, l := range lines {
		if strings.HasPrefix(l, "source_hash:") {
			lines[i], found = line, true
		}
	}
	if !found {
		lines = append(lines, line)
	}
	return []byte("---\n" + strings.Join(lines, "\n") + text[end:]), nil
}

// Markdown is the status as a page: a line per language, then each
// language's outdated and missing files.
func Markdown(sts []Status, repo string) string {
	var b strings.Builder
	b.WriteString("A page counts as translated when it has a translation file; a page without one is shown in English.\n\n")
	for _, s := range sts {
		fmt.Fprintf(&b, "- **%s (%s)**: %d of %d pages translated, %d%% of words; %d outdated, %d not yet translated.\n",
			s.Lang.Name, s.Lang.Tag, s.Current+s.Outdated, s.Pages, s.Percent(), s.Outdated, s.Missing)
	}
	for _, s := range sts {
		for _, state := range []string{Outdated, Missing} {
			var rows []string
			for _, f := range s.Files {
				if f.State == state {
					rows = append(rows, fmt.Sprintf("- `%s` (%d words)", f.Source, f.Words))
				}
			}
			if len(rows) == 0 {
				continue
			}
			title := "changed since they were translated"
			if state == Missing {
				title = "not yet translated"
			}
			fmt.Fprintf(&b, "\n## %s: %s\n\n%s\n", s.Lang.Name, title, strings.Join(rows, "\n"))
		}
	}
	return b.String()
}
