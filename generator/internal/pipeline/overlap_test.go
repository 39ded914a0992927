package pipeline

import "testing"

// A run starts work in the background (git's log at load, the other
// languages at validate) only for the stages it will run: check stops at
// localize and never reads git.
func TestRunReaches(t *testing.T) {
	for _, tc := range []struct {
		last, stage string
		want        bool
	}{
		{"localize", "localize", true},
		{"localize", "validate", true},
		{"localize", "history", false},
		{"inputs", "history", true},
		{"write", "history", true},
		{"load", "localize", false},
		{"write", "no such stage", false},
	} {
		if got := (&run{last: tc.last}).reaches(tc.stage); got != tc.want {
			t.Errorf("a run to %s reaches %s: %v, want %v", tc.last, tc.stage, got, tc.want)
		}
	}
}
