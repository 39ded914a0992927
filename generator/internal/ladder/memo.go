package ladder

import (
	"slices"
	"sync"
)

// Memo remembers what Compare and Similarity found for two texts, for a
// process that measures the same expectations over and over: serve
// rebuilds after every edit, and an edit changes at most a few of them.
// A nil *Memo remembers nothing. Forget, called before each rebuild,
// drops what the rebuild before did not ask for, so that the texts of
// past edits do not pile up.
type Memo struct {
	mu              sync.Mutex
	steps, oldSteps map[[2]string]Step
	sims, oldSims   map[[2]string]float64
}

// NewMemo returns an empty memo.
func NewMemo() *Memo {
	return &Memo{steps: map[[2]string]Step{}, sims: map[[2]string]float64{}}
}

// Compare is Compare(from, to), remembered.
func (m *Memo) Compare(from, to string) Step {
	if m == nil {
		return Compare(from, to)
	}
	st := remember(m, m.steps, m.oldSteps, [2]string{from, to}, func() Step { return Compare(from, to) })
	// Each caller gets its own slices: a view may keep them.
	st.Words, st.Gained, st.Kept, st.Lost = slices.Clone(st.Words), slices.Clone(st.Gained), slices.Clone(st.Kept), slices.Clone(st.Lost)
	return st
}

// Similarity is Similarity(a, b), remembered.
func (m *Memo) Similarity(a, b string) float64 {
	if m == nil {
		return Similarity(a, b)
	}
	return remember(m, m.sims, m.oldSims, [2]string{a, b}, func() float64 { return Similarity(a, b) })
}

// Forget keeps only what was asked for since the last Forget. It must
// not run while another method of the memo does.
func (m *Memo) Forget() {
	if m == nil {
		return
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	m.oldSteps, m.steps = m.steps, map[[2]string]Step{}
	m.oldSims, m.sims = m.sims, map[[2]string]float64{}
}

// remember looks k up in cur, then in old (keeping it), or works it out
// with f, outside the lock.
func remember[V any](m *Memo, cur, old map[[2]string]V, k [2]string, f func() V) V {
	m.mu.Lock()
	v, ok := cur[k]
	if !ok {
		v, ok = old[k]
		if ok {
			cur[k] = v
		}
	}
	m.mu.Unlock()
	if ok {
		return v
	}
	v = f()
	m.mu.Lock()
	cur[k] = v
	m.mu.Unlock()
	return v
}
