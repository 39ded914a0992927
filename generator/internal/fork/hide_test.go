package fork

import "testing"

func TestHiddenLink(t *testing.T) {
	hidden := map[string]bool{"/duties/pricing/": true, "/glossary/#backlog": true}
	for _, tc := range []struct {
		dest string
		want bool
	}{
		{"/duties/pricing/", true},
		{"/duties/pricing", true}, // without the slash
		{"/duties/pricing/?x=1#why", true},
		{"/duties/backlog/", false},
		{"/glossary/#backlog", true},
		{"/glossary/#velocity", false},
		{"/glossary/", false},
		{"/duties/pricing.pdf", false}, // a file, not the page
	} {
		if got := HiddenLink(hidden, tc.dest); got != tc.want {
			t.Errorf("HiddenLink(%q) = %v, want %v", tc.dest, got, tc.want)
		}
	}
}
