package validate

import (
	"fmt"
	"slices"
	"strings"

	"github.com/product-roles/handbook/generator/internal/content"
	"github.com/product-roles/handbook/generator/internal/diag"
)

// Translations checks the translation files against their sources: the
// language is one the site is published in, the source file exists, every
// id a text map names exists, and links lead to pages (links keep the
// source language's paths; the build maps them to the language).
func Translations(m *content.Model, langs []string, extra Targets) diag.List {
	c := &checker{m: m, targets: Targets{}, noAnchors: true}
	for p, as := range extra {
		for a := range as {
			c.targets.Add(p, a)
		}
		c.targets.Add(p)
	}
	c.collectTargets()
	byRel, hidden := map[string]*content.Page{}, map[string]bool{}
	for _, p := range m.Pages {
		byRel[p.Rel] = p
	}
	for _, p := range m.Removed { // a company hid it: its translations are not published
		hidden[p.Rel] = true
		if p.Kind == content.KindLevel {
			hidden[content.LevelID(p)] = true
		} else {
			hidden[p.ID] = true
		}
	}
	unread := map[string]bool{} // a source that could not be read has its own error: its translations say nothing more
	for _, p := range m.Unread {
		unread[p.Rel] = true
	}
	for _, t := range m.Translations {
		if !slices.Contains(langs, t.Lang) {
			if !t.Overlay {
				continue // upstream's translation into a language this site does not publish (a fork may drop one)
			}
			c.errAt(t, "", "translation", fmt.Sprintf("%s is a translation into %q, a language the site is not published in", t.Rel, t.Lang),
				"add the language to `languages` in handbook.toml (or company.toml), or rename the file; languages: "+strings.Join(langs, ", "))
			continue
		}
		of, _ := content.TranslationOf(t.Rel)
		src := byRel[of]
		if src == nil && (hidden[of] || unread[of]) {
			continue
		}
		if src == nil {
			c.errAt(t, "", "translation", fmt.Sprintf("%s translates %s, which does not exist", t.Rel, of),
				"rename it after its source file, or remove it")
			continue
		}
		ids := func(field string, known func(id string) bool, what string) {
			raw, _ := t.Raw[field].(map[string]any)
			for _, id := range sortedKeys(raw) {
				if !known(id) && !hidden[id] {
					c.errAt(t, "/"+field+"/"+id, "translation", fmt.Sprintf("%s names %q, which is not %s", field, id, what),
						"use the ids of "+of)
				}
			}
		}
		ids("values", func(id string) bool { return m.Get(content.KindRole, id) != nil }, "a role")
		ids("expectations", func(id string) bool { _, ok := src.Front.Expectations[id]; return ok }, "a competency the source level expects")
		ids("move_notes", func(id string) bool {
			return slices.ContainsFunc(src.Front.Moves, func(mv content.Move) bool { return mv.To == id })
		}, "a move of the source level")
		for i, ts := range t.Front.Signals {
			if !slices.ContainsFunc(src.Front.Signals, func(s content.Signal) bool { return s.FromRank == ts.FromRank }) {
				c.errAt(t, fmt.Sprintf("/signals/%d/from_rank", i), "translation",
					fmt.Sprintf("signals gives from_rank %d, which %s has no signals for", ts.FromRank, of),
					"keep each entry's from_rank as the source has it")
			}
		}
		for _, l := range t.Links {
			c.link(t, l)
		}
		if !t.Overlay { // a fork's own translations keep its own convention
			c.diags = append(c.diags, Terms(t.File, t.Lang, strings.Split(string(t.Source), "\n"))...)
		}
	}
	c.diags.Sort()
	return c.diags
}

func sortedKeys(m map[string]any) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}
