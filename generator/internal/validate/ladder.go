package validate

import (
	"fmt"
	"slices"
	"strings"

	"github.com/product-roles/handbook/generator/internal/content"
	"github.com/product-roles/handbook/generator/internal/diag"
	"github.com/product-roles/handbook/generator/internal/ladder"
)

// Ladders lints the career ladders and the ownership matrix (warnings; errors
// with --strict): near-duplicate expectations within a level and between
// adjacent levels, steps that add (almost) nothing or are uneven along a
// track, expectations and readiness signals that name a mindset, and duties
// that no role or two roles lead without a note saying why. lang is the
// source language's tag; words are a fork's own additions to every
// language's list of mindset words. The thresholds are package ladder's.
func Ladders(m *content.Model, lang string, words []string) diag.List {
	return LaddersMemo(m, lang, words, nil, nil)
}

// LaddersMemo is Ladders with the measures of expectations remembered in
// memo's ladder memo (serve keeps one between rebuilds), or in steps where
// memo is nil (a build's, which the views share), and the findings on the
// levels too while no level, competency, track or translation changed: an
// edit of a duty or a guide lints the ownership matrix alone again.
func LaddersMemo(m *content.Model, lang string, words []string, memo *Memo, steps *ladder.Memo) diag.List {
	if s := memo.steps(); s != nil {
		steps = s
	}
	l := ladderLint{memo: steps}
	l.diags = append(l.diags, memo.levelFindings(func() string { return levelsKey(m, lang, words) }, func() diag.List {
		return levelFindings(m, lang, words, steps)
	})...)
	l.duties(m)
	l.diags = append(l.diags, crossMoves(m)...)
	l.diags.Sort()
	return l.diags
}

// levelFindings lints each track's levels in every language: near
// duplicates, steps and mindset words.
func levelFindings(m *content.Model, lang string, words []string, steps *ladder.Memo) diag.List {
	l := ladderLint{memo: steps}
	byRel := map[string]*content.Page{}
	for _, p := range m.Pages {
		byRel[p.Rel] = p
	}
	trans := map[string]map[*content.Page]*content.Page{} // lang -> source level -> its translation
	for _, t := range m.Translations {
		of, _ := content.TranslationOf(t.Rel)
		if src := byRel[of]; src != nil && src.Kind == content.KindLevel {
			if trans[t.Lang] == nil {
				trans[t.Lang] = map[*content.Page]*content.Page{}
			}
			trans[t.Lang][src] = t
		}
	}
	comps := m.Of(content.KindCompetency)
	langs := append([]string{""}, slices.Sorted(func(yield func(string) bool) {
		for k := range trans {
			if !yield(k) {
				return
			}
		}
	})...)
	for _, lg := range langs {
		tag := lg
		if tag == "" {
			tag = lang
		}
		list := append(slices.Clone(ladder.MindsetWords[strings.ToLower(strings.SplitN(tag, "-", 2)[0])]), words...)
		for _, t := range m.Of(content.KindTrack) {
			var levels []lintLevel
			for _, p := range m.Levels(t.ID) {
				at := p
				if lg != "" {
					if at = trans[lg][p]; at == nil {
						continue // not translated: the English text is linted
					}
				}
				levels = append(levels, lintLevel{src: p, at: at, exp: at.Front.Expectations})
			}
			l.track(levels, comps, lg == "")
			for _, lv := range levels {
				l.mindset(lv, comps, list)
			}
		}
	}
	return l.diags
}

type ladderLint struct {
	diags diag.List
	memo  *ladder.Memo
}

// lintLevel is a level in one language: src is the source file (its rank
// and structure), at the file whose text is linted.
type lintLevel struct {
	src, at *content.Page
	exp     map[string]string
}

func (l *ladderLint) warn(p *content.Page, pos content.Pos, check, msg, hint string) {
	l.diags.Warn(p.File, pos.Line, pos.Col, check, msg, hint)
}

// track checks the expectations of one track's levels (in rank order) in
// one language. Step sizes are compared in the source language only: a
// translation's word counts differ by language, not by step.
func (l *ladderLint) track(levels []lintLevel, comps []*content.Page, steps bool) {
	var sizes []int
	var stepped []lintLevel
	for i, lv := range levels {
		for a, ca := range comps {
			ta := lv.exp[ca.ID]
			if ta == "" {
				continue
			}
			for _, cb := range comps[:a] {
				if s := l.memo.Similarity(lv.exp[cb.ID], ta); s >= ladder.NearDuplicate {
					l.warn(lv.at, lv.at.At("/expectations/"+ca.ID), "ladder-duplicate",
						fmt.Sprintf("the expectation for %q is a near-duplicate of the one for %q: %.2f of their word shingles are shared (limit %.2f)", ca.ID, cb.ID, s, ladder.NearDuplicate),
						"say what is particular to each competency at this level, or merge the two")
				}
			}
		}
		if i == 0 || lv.src.Front.Rank != levels[i-1].src.Front.Rank+1 {
			continue
		}
		below := levels[i-1]
		total := 0
		for _, c := range comps {
			lo, hi := below.exp[c.ID], lv.exp[c.ID]
			if hi == "" || lo == "" {
				continue
			}
			pos := lv.at.At("/expectations/" + c.ID)
			if s := l.memo.Similarity(lo, hi); s >= ladder.NearDuplicate {
				l.warn(lv.at, pos, "ladder-duplicate",
					fmt.Sprintf("the expectation for %q is a near-duplicate of the level below's (%s): %.2f of their word shingles are shared (limit %.2f)", c.ID, below.src.Front.Title, s, ladder.NearDuplicate),
					"state what is new at this level: a wider scope, more independence or more influence")
			}
			st := l.memo.Compare(lo, hi)
			total += st.Added
			if st.Added < ladder.MinStep {
				l.warn(lv.at, pos, "ladder-step",
					fmt.Sprintf("the step from %s adds %d word(s) to the expectation for %q; a step adds at least %d", below.src.Front.Title, st.Added, c.ID, ladder.MinStep),
					"say what someone does at this level that they did not do at the level below")
			}
		}
		sizes = append(sizes, total)
		stepped = append(stepped, lv)
	}
	if steps {
		l.interchangeable(levels, comps)
	}
	if !steps || len(sizes) < 2 {
		return
	}
	med := ladder.Median(sizes)
	for i, lv := range stepped {
		if ladder.IsUneven(sizes[i], med) {
			l.warn(lv.at, lv.at.KeyAt("/expectations"), "ladder-uneven",
				fmt.Sprintf("the step to this level adds %d words in all, against a median step of %.1f along the track: steps under half or over twice the median are uneven", sizes[i], med),
				"even out the steps: move what is expected between levels, so that each level adds about as much as the others")
		}
	}
}

// mindset checks a level's expectations and readiness signals for words
// that name an intention or a mindset.
func (l *ladderLint) mindset(lv lintLevel, comps []*content.Page, words []string) {
	check := func(text, ptr string) {
		w, off := ladder.Mindset(text, words)
		if off < 0 {
			return
		}
		pos := wordAt(lv.at, lv.at.At(ptr), text, off)
		l.warn(lv.at, pos, "ladder-mindset",
			fmt.Sprintf("%q names an intention or a mindset, which no reviewer can observe", w),
			"write what the person does that shows it (\"asks for feedback on every plan\", not \"is open to feedback\"); the word list is in docs/content-model.md, and a fork adds words with [lint] mindset_words in company.toml")
	}
	for _, c := range comps {
		if t := lv.exp[c.ID]; t != "" {
			check(t, "/expectations/"+c.ID)
		}
	}
	for i, s := range lv.at.Front.ReadyForNext {
		check(s, fmt.Sprintf("/ready_for_next/%d", i))
	}
	for i, f := range lv.at.Front.From {
		for j, s := range f.ReadyForNext {
			check(s, fmt.Sprintf("/from/%d/ready_for_next/%d", i, j))
		}
	}
}

// wordAt is the position of the rune at offset off in a value that starts
// at pos, when the value stands on that line as written (plain or quoted);
// else the value's own position.
func wordAt(p *content.Page, pos content.Pos, text string, off int) content.Pos {
	lines := strings.Split(string(p.Source), "\n")
	if pos.Line < 1 || pos.Line > len(lines) {
		return pos
	}
	rest := []rune(lines[pos.Line-1])
	if pos.Col < 1 || pos.Col > len(rest) {
		return pos
	}
	rest = rest[pos.Col-1:]
	shift := 0
	if len(rest) > 0 && (rest[0] == '"' || rest[0] == '\'') {
		rest, shift = rest[1:], 1
	}
	head := []rune(text)[:off]
	if len(rest) < len(head) || string(rest[:len(head)]) != string(head) {
		return pos
	}
	return content.Pos{Line: pos.Line, Col: pos.Col + shift + off}
}

// ledByHidden reports whether the file names, as leading the duty, a role
// that is no longer in the model (a company hid it).
func ledByHidden(d *content.Page, m *content.Model) bool {
	own, _ := d.Raw["ownership"].(map[string]any)
	for id, v := range own {
		if v == "leads" && m.Get(content.KindRole, id) == nil {
			return true
		}
	}
	return false
}

var ownerships = []string{"leads", "shares", "supports", "none"}

// duties checks the ownership matrix: every duty has one role that leads
// it, unless it is held by a Scrum accountability (held_by) or its
// ownership_note says why not.
func (l *ladderLint) duties(m *content.Model) {
	roles := m.Of(content.KindRole)
	for _, d := range m.Of(content.KindDuty) {
		if strings.TrimSpace(d.Front.OwnershipNote) != "" {
			continue
		}
		if slices.ContainsFunc(roles, func(r *content.Page) bool {
			v, ok := d.Front.Ownership[r.ID]
			return ok && !slices.Contains(ownerships, v)
		}) {
			continue // the schema reported the value
		}
		var leads []*content.Page
		for _, r := range roles {
			if d.Front.Ownership[r.ID] == "leads" {
				leads = append(leads, r)
			}
		}
		switch {
		case len(leads) == 0 && d.Front.HeldBy != "":
			// the Scrum Guide gives it to the Developers, the Scrum Master or the Scrum Team
		case len(leads) == 0 && ledByHidden(d, m):
			// a company hid the role that leads it: its choice, not upstream's file to fix
		case len(leads) == 0:
			l.warn(d, d.KeyAt("/ownership"), "ownership-lead", "no role leads this duty",
				"make the role that answers for it `leads`; for a duty Scrum gives to others, set `held_by:`; otherwise add `ownership_note:` saying who holds it")
		case len(leads) > 1:
			second := leads[1]
			at, pos := d, d.At("/ownership/"+second.ID)
			hint := "make one of them `shares` or `supports`, or add `ownership_note:` to the duty saying how the two split it"
			if second.Overlay && !d.Overlay && second.Front.Ownership[d.ID] == "leads" {
				at, pos = second, second.At("/ownership/"+d.ID) // a fork's role: the fix is in its file
				hint = fmt.Sprintf("make it `%s: shares` or `supports` here, or copy the duty into your overlay (go run ./generator override %s) and add `ownership_note:` to the copy saying how the two split it", d.ID, d.File)
			}
			l.warn(at, pos, "ownership-lead",
				fmt.Sprintf("%s and %s both lead this duty, and no ownership_note says why", leads[0].ID, second.ID), hint)
		}
	}
}
