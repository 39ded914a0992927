package ladder

import (
	"reflect"
	"testing"
)

// A memo answers as Compare and Similarity do, whether it remembers the
// texts or not (nil), gives each caller slices of its own, and forgets
// what a rebuild did not ask for.
func TestMemo(t *testing.T) {
	pairs := [][2]string{
		{"Owns the roadmap.", "Owns the roadmap and the strategy for a product line."},
		{"", "Writes the strategy."},
		{"Writes the strategy.", "Writes the strategy."},
	}
	for _, m := range []*Memo{nil, NewMemo()} {
		for round := 0; round < 2; round++ {
			for _, p := range pairs {
				if got, want := m.Compare(p[0], p[1]), Compare(p[0], p[1]); !reflect.DeepEqual(got, want) {
					t.Errorf("memo %v, round %d: Compare(%q, %q) = %+v, want %+v", m != nil, round, p[0], p[1], got, want)
				}
				if got, want := m.Similarity(p[0], p[1]), Similarity(p[0], p[1]); got != want {
					t.Errorf("memo %v, round %d: Similarity(%q, %q) = %v, want %v", m != nil, round, p[0], p[1], got, want)
				}
			}
		}
	}
	m := NewMemo()
	a := m.Compare(pairs[0][0], pairs[0][1])
	a.Words[0].Text = "changed by a caller"
	if b := m.Compare(pairs[0][0], pairs[0][1]); b.Words[0].Text == "changed by a caller" {
		t.Error("two callers share the slices of one remembered step")
	}
	m.Compare(pairs[1][0], pairs[1][1])
	m.Forget() // the first rebuild asked for pairs 0 and 1
	m.Compare(pairs[0][0], pairs[0][1])
	m.Forget() // the second only for pair 0
	if _, ok := m.oldSteps[pairs[1]]; ok {
		t.Error("the memo still holds a step no rebuild asked for since the last Forget")
	}
	if _, ok := m.oldSteps[pairs[0]]; !ok {
		t.Error("the memo forgot a step the last rebuild asked for")
	}
	var none *Memo
	none.Forget()
}
