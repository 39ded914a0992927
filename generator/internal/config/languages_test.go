package config

import (
	"reflect"
	"strings"
	"testing"
)

func TestLanguages(t *testing.T) {
	upstream := "language = \"en\"\n[[languages]]\ntag = \"en\"\nname = \"English\"\n[[languages]]\ntag = \"de\"\nname = \"Deutsch\"\n"
	for _, tc := range []struct {
		name, company string
		want          []string // tags, source first
		diag          string
	}{
		{"upstream only", "", []string{"en", "de"}, ""},
		{"a fork adds one", "[[languages]]\ntag = \"ar\"\nname = \"العربية\"\ndirection = \"rtl\"\n", []string{"en", "de", "ar"}, ""},
		{"a fork names the source: its list replaces", "[[languages]]\ntag = \"en\"\nname = \"English\"\n", []string{"en"}, ""},
		{"bad direction", "[[languages]]\ntag = \"he\"\nname = \"עברית\"\ndirection = \"up\"\n", nil, `language "he" has direction "up"`},
		{"bad tag", "[[languages]]\ntag = \"German\"\nname = \"Deutsch\"\n", nil, `not a language tag`},
		{"no name", "[[languages]]\ntag = \"fr\"\n", nil, `language "fr" has no name`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, ds := Parse(Default(), []byte(upstream), "handbook.toml")
			if len(ds) > 0 {
				t.Fatal(ds)
			}
			if tc.company != "" {
				c, ds = Parse(c, []byte(tc.company), "company.toml")
			}
			if tc.diag != "" {
				if len(ds) != 1 || !strings.Contains(ds[0].String(), tc.diag) || !strings.HasPrefix(ds[0].String(), "company.toml:") {
					t.Errorf("diagnostics %v, want one in company.toml with %q", ds, tc.diag)
				}
				return
			}
			var got []string
			for _, l := range c.Langs() {
				got = append(got, l.Tag)
			}
			if len(ds) > 0 || !reflect.DeepEqual(got, tc.want) {
				t.Errorf("languages %v (%v), want %v", got, ds, tc.want)
			}
		})
	}
	c, _ := Parse(Default(), []byte(upstream+"[[languages]]\ntag = \"ar\"\nname = \"العربية\"\ndirection = \"rtl\"\n"), "handbook.toml")
	if l := c.Langs()[2]; l.Dir() != "rtl" || c.Langs()[1].Dir() != "ltr" {
		t.Errorf("directions: %v", c.Langs())
	}
}
