package bench

import (
	"testing"
	"time"
)

func TestRowMedianAndRatio(t *testing.T) {
	ms := time.Millisecond
	floor := &Row{Times: []time.Duration{40 * ms, 20 * ms, 30 * ms}, IsFloor: true}
	for _, tc := range []struct {
		name   string
		row    *Row
		median time.Duration
		ratio  float64
	}{
		{"odd runs, unsorted", &Row{Times: []time.Duration{90 * ms, 30 * ms, 60 * ms}, Floor: floor}, 60 * ms, 2},
		{"even runs: the upper middle", &Row{Times: []time.Duration{10 * ms, 40 * ms, 20 * ms, 30 * ms}, Floor: floor}, 30 * ms, 1},
		{"no floor", &Row{Times: []time.Duration{5 * ms}}, 5 * ms, 0},
		{"no runs", &Row{Floor: floor}, 0, 0},
		{"a floor without runs", &Row{Times: []time.Duration{5 * ms}, Floor: &Row{}}, 5 * ms, 0},
	} {
		if got := tc.row.Median(); got != tc.median {
			t.Errorf("%s: Median() = %s, want %s", tc.name, got, tc.median)
		}
		if got := tc.row.Ratio(); got != tc.ratio {
			t.Errorf("%s: Ratio() = %v, want %v", tc.name, got, tc.ratio)
		}
	}
	if floor.Times[0] != 40*ms {
		t.Error("Median sorted the row's own times")
	}
}

func TestMissed(t *testing.T) {
	for _, tc := range []struct {
		budgets []Budget
		want    bool
	}{
		{nil, false},
		{[]Budget{{"a", true}, {"b", true}}, false},
		{[]Budget{{"a", true}, {"b", false}}, true},
	} {
		if got := (&Result{Budgets: tc.budgets}).Missed(); got != tc.want {
			t.Errorf("Missed(%v) = %v, want %v", tc.budgets, got, tc.want)
		}
	}
}
