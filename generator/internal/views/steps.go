package views

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/product-roles/handbook/generator/internal/content"
	"github.com/product-roles/handbook/generator/internal/ladder"
	"github.com/product-roles/handbook/generator/internal/release"
)

// StepView is what changes from one level to another, competency by
// competency: derived from the two levels' expectations by a word diff, so
// it follows every edit, in every language, for any two levels.
type StepView struct {
	From  *Ref       `json:"from,omitempty"` // nil: the first level of its track, where every expectation is new
	To    Ref        `json:"to"`
	URL   string     `json:"url,omitempty" href:""` // the page comparing the two in full
	Lines []StepLine `json:"lines"`
	Marks bool       `json:"marks,omitempty"` // some line marks a changed phrase (the legend is needed)
	// Tagged: the lines are shown in more than one way, so a level page
	// tags each with its mode; where every line is new or every line
	// rewritten, a tag on each would say nothing the note does not.
	Tagged bool `json:"tagged,omitempty"`
	// Note is the i18n id of the line under the comparison's switch: what
	// the reader will see marked (a phrase, or the level below's text under
	// a rewritten expectation).
	Note string `json:"note"`
}

// NextStep is the next level of a level's track, said under the stepper:
// what the reader's next step is and where the two are compared.
type NextStep struct {
	Level   Ref    `json:"level"`
	Rank    int    `json:"rank"`
	Compare string `json:"compare,omitempty" href:""` // the page comparing this level with the next
}

// StepLine is one competency's step.
type StepLine struct {
	Competency Ref            `json:"competency"`
	Text       string         `json:"text"`            // the higher level's expectation
	Below      string         `json:"below,omitempty"` // the lower level's expectation
	Mode       string         `json:"mode"`            // how the step is shown: one of the Step* modes
	Class      string         `json:"class"`           // the line's class: "ex ex-" and its mode
	Words      []release.Word `json:"words,omitempty"` // the word diff from Below to Text, only where Mode is StepPhrase
	Added      int            `json:"added"`           // how many words are new: the step's size
}

// How a step is shown.
const (
	StepNew     = "new"     // nothing below: the expectation alone
	StepSame    = "same"    // both levels expect the same
	StepPhrase  = "phrase"  // a few phrases changed: they are marked in the text
	StepRewrite = "rewrite" // most of the sentence is new: the level below's is shown beside it, nothing marked
)

// MaxMarked is the largest share of a text's characters that a step may
// mark as changed: above it, a highlight would cover most of the sentence
// and say nothing, so the two expectations are shown side by side instead.
const MaxMarked = 0.4

// stepMode says how to show the step from lo to hi, given their word diff.
// A phrase step marks at most MaxMarked of either text.
func stepMode(lo, hi string, words []release.Word) string {
	switch {
	case strings.TrimSpace(lo) == "":
		return StepNew
	case content.Fold(lo) == content.Fold(hi):
		return StepSame
	}
	var ins, del, eq int
	for _, w := range words {
		n := utf8.RuneCountInString(w.Text)
		switch w.Op {
		case release.Insert:
			ins += n
		case release.Delete:
			del += n
		default:
			eq += n
		}
	}
	if float64(ins) <= MaxMarked*float64(ins+eq) && float64(del) <= MaxMarked*float64(del+eq) {
		return StepPhrase
	}
	return StepRewrite
}

// stepLine is one competency's step from lo to hi.
func stepLine(memo *ladder.Memo, c Ref, lo, hi string) StepLine {
	st := memo.Compare(lo, hi)
	l := StepLine{Competency: c, Text: hi, Below: lo, Added: st.Added, Mode: stepMode(lo, hi, st.Words)}
	l.Class = "ex ex-" + l.Mode
	if l.Mode == StepPhrase {
		l.Words = st.Words
	}
	return l
}

// withScope puts the step in the two levels' scope first on a page
// comparing them, marked like an expectation (a level page states its
// scope in its facts). Its line has no competency URL; title names it.
func withScope(memo *ladder.Memo, v *StepView, lo, hi *content.Page, title string) {
	if strings.TrimSpace(hi.Front.Scope) == "" {
		return
	}
	l := stepLine(memo, Ref{Title: title}, lo.Front.Scope, hi.Front.Scope)
	v.Lines = append([]StepLine{l}, v.Lines...)
	v.summarize()
}

// summarize sets what a step view says about its lines as a whole (Marks,
// Tagged, Note), from the lines.
func (v *StepView) summarize() {
	v.Marks, v.Tagged = false, false
	for _, l := range v.Lines {
		v.Marks = v.Marks || l.Mode == StepPhrase
		v.Tagged = v.Tagged || l.Mode != v.Lines[0].Mode
	}
	v.Note = "lv_compare_note_rewrite"
	if v.Marks {
		v.Note = "lv_compare_note"
	}
}

// stepView compares two levels (from may be nil: nothing below).
func stepView(memo *ladder.Memo, from, to *content.Page, comps []*content.Page) *StepView {
	v := &StepView{To: ref(to)}
	if from != nil {
		v.From = refp(from)
	}
	for _, c := range comps {
		hi := to.Front.Expectations[c.ID]
		if hi == "" {
			continue
		}
		lo := ""
		if from != nil {
			lo = from.Front.Expectations[c.ID]
		}
		v.Lines = append(v.Lines, stepLine(memo, ref(c), lo, hi))
	}
	v.summarize()
	return v
}

// deriveSteps adds the step views: on every level page, the step from the
// level below; on every page comparing two levels of a track, the step
// between them; and, for every move to another track, a page comparing the
// two levels. (A page of equal ranks sets its levels side by side in one
// table: a step between each two would repeat every text.) It runs after
// deriveLadderPages.
func deriveSteps(m *content.Model, d *Data, comps []*content.Page) {
	for ti, t := range m.Of(content.KindTrack) {
		levels := m.Levels(t.ID)
		byID := map[string]*content.Page{}
		for _, l := range levels {
			byID[l.ID] = l
		}
		pairURL := map[[2]string]string{}
		for _, pr := range d.Tracks[ti].Pairs {
			lo, hi := byID[pr.From.ID], byID[pr.To.ID]
			key := fmt.Sprintf("/ladders/%s/compare/%s-to-%s", t.ID, pr.From.ID, pr.To.ID)
			pg, ok := d.Pages[key]
			if lo == nil || hi == nil || !ok {
				continue
			}
			pg.Step = stepView(d.steps, lo, hi, comps)
			pg.Step.URL = pr.URL
			withScope(d.steps, pg.Step, lo, hi, d.s.T("scope"))
			d.Pages[key] = pg
			pairURL[[2]string{lo.ID, hi.ID}] = pr.URL
		}
		for i, l := range levels {
			var below *content.Page
			if i > 0 && levels[i-1].Front.Rank == l.Front.Rank-1 {
				below = levels[i-1]
			}
			v := d.Pages[l.Key]
			v.Step = stepView(d.steps, below, l, comps)
			if below != nil {
				v.Step.URL = pairURL[[2]string{below.ID, l.ID}]
			}
			if i+1 < len(levels) && levels[i+1].Front.Rank == l.Front.Rank+1 {
				up := levels[i+1]
				v.Up = &NextStep{Level: ref(up), Rank: up.Front.Rank, Compare: pairURL[[2]string{l.ID, up.ID}]}
			}
			v.Top = i == len(levels)-1
			d.Pages[l.Key] = v
		}
	}

	// Moves to another track: a page per move.
	for _, l := range m.Of(content.KindLevel) {
		v := d.Pages[l.Key]
		for _, mv := range l.Front.Moves {
			to := m.Get(content.KindLevel, mv.To)
			if to == nil || to.Track == l.Track {
				continue
			}
			t := m.Get(content.KindTrack, l.Track)
			path := fmt.Sprintf("ladders/%s/compare/%s-to-%s-%s.md", l.Track, l.ID, to.Track, to.ID)
			g := Generated{Path: path, Title: d.s.T("compare_title", l.Front.Title, to.Front.Title),
				Summary: d.s.T("cross_summary", l.Front.Title, to.Front.Title)}
			mx := &Matrix{Style: StyleText, Caption: g.Title, Corner: d.s.T("corner_competency"), Columns: []Ref{ref(l), ref(to)}}
			for _, c := range comps {
				mx.Rows = append(mx.Rows, Row{Ref: ref(c), Cells: []Cell{{Value: l.Front.Expectations[c.ID]}, {Value: to.Front.Expectations[c.ID]}}})
			}
			st := stepView(d.steps, l, to, comps)
			st.URL = d.url(path)
			withScope(d.steps, st, l, to, d.s.T("scope"))
			d.add(g, Page{Kind: "level-compare", Parent: refp(t), Matrix: mx, Step: st})
			for j := range v.Moves {
				if v.Moves[j].Level.URL == ref(to).URL {
					v.Moves[j].Compare = st.URL
				}
			}
		}
		d.Pages[l.Key] = v
	}
}
