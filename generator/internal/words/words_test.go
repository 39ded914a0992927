package words

import (
	"maps"
	"testing"
)

func TestParse(t *testing.T) {
	for _, tc := range []struct {
		name, in string
		want     map[string]string
		err      bool
	}{
		{"plain", "a = \"A {1}\"\nb = \"\"\n", map[string]string{"a": "A {1}", "b": ""}, false},
		{"Hugo's form", "[a]\nother = \"A\"\n[b]\none = \"B\"\n", map[string]string{"a": "A"}, false},
		{"not words", "n = 3\n", map[string]string{}, false},
		{"invalid", "a = \n", nil, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Parse([]byte(tc.in))
			if (err != nil) != tc.err || !maps.Equal(got, tc.want) {
				t.Errorf("Parse: %v, %v; want %v (error %v)", got, err, tc.want, tc.err)
			}
		})
	}
}

func TestFill(t *testing.T) {
	for _, tc := range []struct {
		text string
		args []string
		want string
	}{
		{"{1} and {2}", []string{"PM", "PO"}, "PM and PO"},
		{"rank {1} → {2}", []string{"2", "3"}, "rank 2 → 3"},
		{"{2}, then {1} again: {1}", []string{"a", "b"}, "b, then a again: a"},
		{"no placeholder", []string{"x"}, "no placeholder"},
		{"{1} left when no value is given", nil, "{1} left when no value is given"},
	} {
		if got := Fill(tc.text, tc.args...); got != tc.want {
			t.Errorf("Fill(%q, %q) = %q, want %q", tc.text, tc.args, got, tc.want)
		}
	}
}
