package content

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"path"
	"regexp"
	"slices"
	"strings"

	"github.com/product-roles/handbook/generator/internal/diag"
)

// A translation stands beside its source as name.<lang>.md
// (duties/pricing.de.md, _index.de.md) and carries text only: the fields
// its kind's Spec.Text and a Markdown body. Everything structural comes from the
// source file.

var translationRE = regexp.MustCompile(`^(.+)\.([a-z]{2,3}(?:-[a-z0-9]{2,8})*)\.md$`)

// TranslationOf returns, for a translation file's path, its source's path
// and the language; for any other path, "" and "".
func TranslationOf(rel string) (source, lang string) {
	dir, name := path.Split(rel)
	m := translationRE.FindStringSubmatch(name)
	if m == nil {
		return "", ""
	}
	return dir + m[1] + ".md", m[2]
}

// TranslationPath is where the translation of a source file into lang stands.
func TranslationPath(rel, lang string) string {
	return strings.TrimSuffix(rel, ".md") + "." + strings.ToLower(lang) + ".md"
}

// Hash is how a translation records the source it was made from.
func Hash(src []byte) string {
	sum := sha256.Sum256(src)
	return "sha256:" + hex.EncodeToString(sum[:])
}

// The types of the fields a translation sets (Spec.Text).
const (
	TextString = "string"
	TextList   = "list"
	TextMap    = "map"
	// TextSignals is an interview question's signals: a list of
	// {from_rank, weak, solid, strong}, from_rank naming the source's entry.
	TextSignals = "signals"
)

// commonText are the fields every translation may set.
var commonText = map[string]string{"title": TextString, "linkTitle": TextString, "summary": TextString, "source_hash": TextString}

var hashRE = regexp.MustCompile(`^sha256:[0-9a-f]{64}$`)

// checkText checks a translation's front matter: text fields only, of the
// right type, and a title.
func checkText(r *Registry, p *Page) diag.List {
	spec, _ := r.Spec(p.Kind)
	var diags diag.List
	bad := func(ptr string, key bool, msg, hint string) {
		pos := p.At(ptr)
		if key {
			pos = p.KeyAt(ptr)
		}
		diags.Add(p.File, pos.Line, pos.Col, "translation", msg, hint)
	}
	keys := make([]string, 0, len(p.Raw))
	for k := range p.Raw {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		typ, ok := commonText[k]
		if !ok {
			typ, ok = spec.Text[k]
		}
		if !ok {
			bad("/"+k, true, fmt.Sprintf("%q cannot be set in a translation: it is structural or unknown, and comes from the source file", k),
				"a translation carries text only (title, summary, the body and the prose fields of its kind); change structure in "+sourceRel(p))
			continue
		}
		v := p.Raw[k]
		switch typ {
		case TextString:
			if _, ok := v.(string); !ok {
				bad("/"+k, false, k+" must be text", "")
			}
		case TextList:
			items, ok := v.([]any)
			for _, it := range items {
				if _, s := it.(string); !s {
					ok = false
				}
			}
			if !ok {
				bad("/"+k, false, k+" must be a list of text", "write one `- item` per line")
			}
		case TextSignals:
			items, ok := v.([]any)
			for _, it := range items {
				entry, isMap := it.(map[string]any)
				hasRank := isWhole(entry["from_rank"])
				ok = ok && isMap && hasRank
				for k, x := range entry {
					_, s := x.(string)
					ok = ok && (k == "from_rank" || s && (k == "weak" || k == "solid" || k == "strong"))
				}
			}
			if !ok {
				bad("/"+k, false, k+" must be a list of entries with from_rank and the text of weak, solid and strong",
					"keep each entry's `from_rank:` as the source has it and translate `weak:`, `solid:` and `strong:`")
			}
		case TextMap:
			items, ok := v.(map[string]any)
			for _, it := range items {
				if _, s := it.(string); !s {
					ok = false
				}
			}
			if !ok {
				bad("/"+k, false, k+" must map ids to text", "write `id: text` lines indented under it")
			}
		}
	}
	if t, _ := p.Raw["title"].(string); strings.TrimSpace(t) == "" {
		bad("", false, "a translation needs a title", "translate the source's title")
	}
	if h, ok := p.Raw["source_hash"].(string); ok && !hashRE.MatchString(h) {
		bad("/source_hash", false, "source_hash is not sha256:<64 hex digits>", "run `go run ./generator translations --refresh "+p.Rel+"` after checking the translation")
	}
	return diags
}

func sourceRel(p *Page) string {
	of, _ := TranslationOf(p.Rel)
	return of
}

// Translation returns the translation of a page into lang, or nil.
func (m *Model) Translation(p *Page, lang string) *Page {
	return m.trans[strings.ToLower(lang)][p.Rel]
}

// Localize returns the model in another language: every page of m, with
// the text its translation gives (field by field; what it leaves out stays
// in the source language) and URLs below /<lang>/. Structure (ids, kinds,
// ownership, ranks, moves) is m's. The pages' Source holds what Hugo reads:
// JSON front matter with every field, then the body.
func (m *Model) Localize(lang string) *Model {
	lang = strings.ToLower(lang)
	out := &Model{Kinds: m.Kinds, Root: m.Root, Lang: lang}
	prefix := "/" + lang
	for _, p := range m.Pages {
		q := &Page{Kind: p.Kind, Listed: p.Listed, ID: p.ID, Track: p.Track, Rel: p.Rel, File: p.File, Key: p.Key, URL: prefix + p.URL,
			Front: p.Front, Hash: p.Hash, Lang: lang, Text: p.Text, Words: p.Words, Links: p.Links, Heads: p.Heads, BodyPos: p.BodyPos}
		raw := make(map[string]any, len(p.Raw)+2)
		for k, v := range p.Raw {
			raw[k] = v
		}
		body := p.Source[p.BodyAt:]
		t := m.Translation(p, lang)
		if t == nil {
			q.Untranslated = true
			raw["untranslated"] = true
		} else {
			q.File = t.File
			q.Outdated = t.Raw["source_hash"] != p.Hash
			if q.Outdated {
				raw["outdated"] = true
			}
			body = t.Source[t.BodyAt:]
			q.Text, q.Words, q.Links, q.Heads, q.BodyPos = t.Text, t.Words, t.Links, t.Heads, t.BodyPos
			overlay(&q.Front, raw, t)
			spec, _ := m.Registry().Spec(p.Kind)
			for k, typ := range spec.Text { // the typed fields are set; a kind without them has its front matter as read
				switch v := t.Raw[k].(type) {
				case string:
					if typ == TextString && v != "" {
						raw[k] = v
					}
				case []any:
					if typ == TextList && len(v) > 0 {
						raw[k] = v
					}
				}
			}
		}
		raw["title"], raw["summary"] = q.Front.Title, q.Front.Summary
		// YAML front matter with one JSON value per line (JSON is YAML).
		keys := make([]string, 0, len(raw))
		for k := range raw {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		fm := []byte("---\n")
		for _, k := range keys {
			v, _ := json.Marshal(raw[k])
			fm = append(append(append(append(fm, k...), ": "...), v...), '\n')
		}
		fm = append(fm, "---\n"...)
		q.Source = append(fm, body...)
		q.Raw = raw
		q.BodyAt = len(fm)
		out.Pages = append(out.Pages, q)
	}
	out.index()
	return out
}

// overlay copies a translation's text into a page's front matter.
func overlay(f *Front, raw map[string]any, t *Page) {
	tf := t.Front
	str := func(dst *string, key, v string) {
		if v != "" {
			*dst = v
			raw[key] = v
		}
	}
	list := func(dst *[]string, key string, v []string) {
		if len(v) > 0 {
			*dst = v
			raw[key] = v
		}
	}
	str(&f.Title, "title", tf.Title)
	str(&f.LinkTitle, "linkTitle", tf.LinkTitle)
	str(&f.Summary, "summary", tf.Summary)
	str(&f.Question, "question", tf.Question)
	str(&f.ReportsTo, "reports_to", tf.ReportsTo)
	str(&f.Scope, "scope", tf.Scope)
	str(&f.Experience, "experience", tf.Experience)
	str(&f.OwnershipNote, "ownership_note", tf.OwnershipNote)
	list(&f.WorksWith, "works_with", tf.WorksWith)
	list(&f.Owns, "owns", tf.Owns)
	list(&f.Success, "success", tf.Success)
	list(&f.AlsoKnownAs, "also_known_as", tf.AlsoKnownAs)
	list(&f.ReadyForNext, "ready_for_next", tf.ReadyForNext)
	list(&f.FollowUps, "follow_ups", tf.FollowUps)
	list(&f.RedFlags, "red_flags", tf.RedFlags)
	if len(tf.Signals) > 0 {
		signals := slices.Clone(f.Signals)
		for i, s := range signals {
			for _, ts := range tf.Signals {
				if ts.FromRank == s.FromRank {
					signals[i].Weak = cmp.Or(ts.Weak, s.Weak)
					signals[i].Solid = cmp.Or(ts.Solid, s.Solid)
					signals[i].Strong = cmp.Or(ts.Strong, s.Strong)
				}
			}
		}
		f.Signals = signals
		raw["signals"] = signals
	}
	merge := func(dst *map[string]string, key string, v map[string]string) {
		if len(v) == 0 {
			return
		}
		out := map[string]string{}
		for k, s := range *dst {
			out[k] = s
		}
		for k, s := range v {
			if _, known := out[k]; known || key == "values" {
				out[k] = s
			}
		}
		*dst = out
		raw[key] = out
	}
	merge(&f.Values, "values", tf.Values)
	merge(&f.InShort, "in_short", tf.InShort)
	merge(&f.Expectations, "expectations", tf.Expectations)
	if notes := stringMap(t.Raw["move_notes"]); len(notes) > 0 {
		moves := slices.Clone(f.Moves)
		for i, mv := range moves {
			if n, ok := notes[mv.To]; ok {
				moves[i].Note = n
			}
		}
		f.Moves = moves
		raw["moves"] = moves
	}
}

// isWhole reports whether a front matter value is a whole number.
func isWhole(v any) bool {
	switch n := v.(type) {
	case int, int64, uint64:
		return true
	case float64:
		return n == float64(int64(n))
	}
	return false
}

func stringMap(v any) map[string]string {
	m, _ := v.(map[string]any)
	out := map[string]string{}
	for k, x := range m {
		if s, ok := x.(string); ok {
			out[k] = s
		}
	}
	return out
}
