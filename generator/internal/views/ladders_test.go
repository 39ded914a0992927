package views

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/product-roles/handbook/generator/internal/content"
	"github.com/product-roles/handbook/generator/internal/ladder"
	"github.com/product-roles/handbook/generator/internal/release"
)

// A step marks phrases only where they are a small part of the sentence;
// a sentence mostly new is shown beside the old one, nothing marked.
func TestStepMode(t *testing.T) {
	tests := []struct {
		name, lo, hi, want string
	}{
		{"first level", "", "Orders the backlog of one team.", StepNew},
		{"same words", "Orders the backlog of one team.", "Orders the backlog of one team.", StepSame},
		{"same but for case and spaces", "Orders the  backlog of one team.", "orders the backlog of one team.", StepSame},
		{"a phrase", "Orders the backlog of one team and explains each choice to its stakeholders.",
			"Orders the backlog of several teams and explains each choice to its stakeholders.", StepPhrase},
		{"a phrase added", "Writes the roadmap for one product and keeps it current with the team.",
			"Writes the roadmap for one product and keeps it current with the team and its sponsors.", StepPhrase},
		{"rewritten", "Helps the team.", "Sets the direction for the whole department and answers for its results.", StepRewrite},
		{"a short sentence grown long", "Helps the team.", "Helps the team. Coaches new colleagues weekly and reviews their plans.", StepRewrite},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			l := stepLine(nil, Ref{ID: "c"}, tc.lo, tc.hi)
			if l.Mode != tc.want {
				t.Fatalf("mode %q, want %q (words %v)", l.Mode, tc.want, ladder.Compare(tc.lo, tc.hi).Words)
			}
			if l.Class != "ex ex-"+tc.want {
				t.Errorf("class %q", l.Class)
			}
			if (l.Words != nil) != (tc.want == StepPhrase) {
				t.Errorf("words %v: want them only for a phrase step", l.Words)
			}
			// What a phrase step marks is at most MaxMarked of each text.
			var ins, del, all, before int
			for _, w := range l.Words {
				n := utf8.RuneCountInString(w.Text)
				switch w.Op {
				case release.Insert:
					ins, all = ins+n, all+n
				case release.Delete:
					del, before = del+n, before+n
				default:
					all, before = all+n, before+n
				}
			}
			if l.Mode == StepPhrase && (float64(ins) > MaxMarked*float64(all) || float64(del) > MaxMarked*float64(before)) {
				t.Errorf("marks %d of %d characters added and %d of %d removed", ins, all, del, before)
			}
		})
	}
}

// Each level page lists its track's levels with itself current; /ladders/
// maps the tracks onto each other by rank; a track groups its pairs by the
// lower level.
func TestLadderViews(t *testing.T) {
	m, d := load(t, twoTracks(t))
	senior := m.Get(content.KindLevel, "pm-track/senior")
	if senior == nil {
		t.Fatal("no level pm-track/senior in the fixture")
	}
	v := d.Pages[senior.Key]
	var got []string
	for _, s := range v.Stepper {
		got = append(got, s.ID+":"+s.Class)
	}
	if want := "junior:st-below senior:st-current"; strings.Join(got, " ") != want {
		t.Errorf("stepper %q, want %q", strings.Join(got, " "), want)
	}
	if !v.Stepper[1].Current || v.Stepper[0].Current || v.Stepper[1].URL != senior.Link() {
		t.Errorf("stepper %+v", v.Stepper)
	}
	// The senior is the top of its track; the junior's next step is the senior, compared on one page.
	if v.Up != nil || !v.Top {
		t.Errorf("senior: up %+v, top %v; want the top of the track", v.Up, v.Top)
	}
	jr := d.Pages[m.Get(content.KindLevel, "pm-track/junior").Key]
	if jr.Top || jr.Up == nil || jr.Up.Level.ID != "senior" || jr.Up.Rank != 2 || jr.Up.Compare != v.Step.URL || jr.Up.Compare == "" {
		t.Errorf("junior: next %+v, top %v; want senior (rank 2) and the page comparing them", jr.Up, jr.Top)
	}
	// The page comparing the two puts the step in scope first, with no competency link.
	if pg, ok := d.Pages["/ladders/pm-track/compare/junior-to-senior"]; !ok || pg.Step == nil || len(pg.Step.Lines) != len(v.Step.Lines)+1 ||
		pg.Step.Lines[0].Competency.Title != "Scope" || pg.Step.Lines[0].Competency.URL != "" || pg.Step.Lines[0].Text != senior.Front.Scope {
		t.Errorf("pair page: want the scope first, then every competency; got %+v", pg.Step)
	}
	if v.Assess != "/self-assessment/" {
		t.Errorf("assess %q", v.Assess)
	}
	if v.Step == nil || len(v.Step.Lines) == 0 || v.Step.From == nil || v.Step.From.ID != "junior" {
		t.Fatalf("step %+v", v.Step)
	}
	for _, l := range v.Step.Lines {
		if l.Below == "" || l.Text == "" || l.Mode == StepNew {
			t.Errorf("line %s: %+v: want both texts and a step", l.Competency.ID, l)
		}
	}
	marks := false
	for _, l := range v.Step.Lines {
		marks = marks || l.Mode == StepPhrase
	}
	if v.Step.Marks != marks {
		t.Errorf("step marks %v, but its lines %v", v.Step.Marks, marks)
	}
	junior := d.Pages[m.Get(content.KindLevel, "pm-track/junior").Key]
	for _, l := range junior.Step.Lines {
		if l.Mode != StepNew || l.Below != "" {
			t.Errorf("first level, line %s: mode %q", l.Competency.ID, l.Mode)
		}
	}

	var rows []string
	for _, r := range d.RankMap {
		var names []string
		for _, l := range r.Levels {
			if l == nil {
				names = append(names, "-")
			} else {
				names = append(names, l.ID)
			}
		}
		rows = append(rows, strings.Join(names, "="))
		if r.URL == "" {
			t.Errorf("rank %d has no page", r.Rank)
		}
	}
	if want := "junior=member senior=lead"; strings.Join(rows, " ") != want {
		t.Errorf("rank map %q, want %q", strings.Join(rows, " "), want)
	}

	for _, tr := range d.Tracks {
		n := 0
		for _, g := range tr.Compare {
			for _, p := range g.To {
				n++
				if p.From.ID != g.From.ID {
					t.Errorf("%s: pair %s-%s in the group of %s", tr.ID, p.From.ID, p.To.ID, g.From.ID)
				}
			}
		}
		if n != len(tr.Pairs) || len(tr.Compare) != len(tr.Levels)-1 {
			t.Errorf("%s: %d pairs in %d groups, want %d in %d", tr.ID, n, len(tr.Compare), len(tr.Pairs), len(tr.Levels)-1)
		}
	}
}

// Pairs are grouped by their lower level, in order.
func TestPairGroups(t *testing.T) {
	pairs := pairGroups([]Pair{{From: Ref{ID: "a"}, To: Ref{ID: "b"}}, {From: Ref{ID: "a"}, To: Ref{ID: "c"}}, {From: Ref{ID: "b"}, To: Ref{ID: "c"}}})
	if len(pairs) != 2 || len(pairs[0].To) != 2 || len(pairs[1].To) != 1 {
		t.Errorf("groups %+v", pairs)
	}
}

// A step view tags its lines only where they are shown in more than one
// way, and its note says what the reader will see marked: a level whose
// every expectation is rewritten gets no tag on each and no promise of
// marked phrases.
func TestStepViewNoteAndTags(t *testing.T) {
	comps := []*content.Page{{ID: "a"}, {ID: "b"}}
	level := func(a, b string) *content.Page {
		return &content.Page{ID: "x", Front: content.Front{Expectations: map[string]string{"a": a, "b": b}}}
	}
	phraseLo, phraseHi := "Orders the backlog of one team and explains each choice to its stakeholders.",
		"Orders the backlog of several teams and explains each choice to its stakeholders."
	for _, tc := range []struct {
		name     string
		lo, hi   *content.Page
		note     string
		tagged   bool
		wantMode string
	}{
		{"every line rewritten", level("Helps the team.", "Writes stories."),
			level("Sets the direction for the whole department.", "Answers for the results of several products."), "lv_compare_note_rewrite", false, StepRewrite},
		{"a phrase and a rewrite", level(phraseLo, "Writes stories."),
			level(phraseHi, "Answers for the results of several products."), "lv_compare_note", true, ""},
		{"every line a phrase", level(phraseLo, phraseLo), level(phraseHi, phraseHi), "lv_compare_note", false, StepPhrase},
	} {
		t.Run(tc.name, func(t *testing.T) {
			v := stepView(nil, tc.lo, tc.hi, comps)
			if v.Note != tc.note || v.Tagged != tc.tagged {
				t.Errorf("note %q tagged %v, want %q %v", v.Note, v.Tagged, tc.note, tc.tagged)
			}
			for _, l := range v.Lines {
				if tc.wantMode != "" && l.Mode != tc.wantMode {
					t.Errorf("line %s: mode %q, want %q", l.Competency.ID, l.Mode, tc.wantMode)
				}
			}
		})
	}
}
