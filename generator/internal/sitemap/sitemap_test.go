package sitemap

import (
	"encoding/xml"
	"slices"
	"testing"
)

type parsedSet struct {
	URLs []struct {
		Loc   string `xml:"loc"`
		Links []struct {
			Lang string `xml:"hreflang,attr"`
			Href string `xml:"href,attr"`
		} `xml:"link"`
	} `xml:"url"`
}

type index struct {
	Locs []string `xml:"sitemap>loc"`
}

func TestFiles(t *testing.T) {
	en := Lang{Key: "en", Locale: "en", Pages: map[string]string{"/": "/", "/b": "/b/", "/a&b": "/a&b/"}}
	de := Lang{Key: "de", Locale: "de", Pages: map[string]string{"/": "/de/", "/b": "/de/b/"}}
	for _, c := range []struct {
		name  string
		langs []Lang
		files []string
		locs  map[string][]string // file -> its locations, in order
		links map[string]int      // location -> its hreflang alternates
	}{
		{"one language", []Lang{en}, []string{"sitemap.xml"},
			map[string][]string{"sitemap.xml": {"https://x.org/s/", "https://x.org/s/a&b/", "https://x.org/s/b/"}},
			map[string]int{"https://x.org/s/": 0}},
		{"two languages", []Lang{en, de}, []string{"de/sitemap.xml", "en/sitemap.xml", "sitemap.xml"},
			map[string][]string{
				"en/sitemap.xml": {"https://x.org/s/", "https://x.org/s/a&b/", "https://x.org/s/b/"},
				"de/sitemap.xml": {"https://x.org/s/de/", "https://x.org/s/de/b/"},
			},
			map[string]int{"https://x.org/s/b/": 2, "https://x.org/s/a&b/": 0, "https://x.org/s/de/": 2}},
	} {
		t.Run(c.name, func(t *testing.T) {
			files := Files("https://x.org/s/", c.langs)
			var names []string
			for n := range files {
				names = append(names, n)
			}
			slices.Sort(names)
			if !slices.Equal(names, c.files) {
				t.Fatalf("files %v, want %v", names, c.files)
			}
			if len(c.langs) > 1 {
				var ix index
				if err := xml.Unmarshal(files["sitemap.xml"], &ix); err != nil {
					t.Fatal(err)
				}
				if want := []string{"https://x.org/s/en/sitemap.xml", "https://x.org/s/de/sitemap.xml"}; !slices.Equal(ix.Locs, want) {
					t.Errorf("index lists %v, want %v", ix.Locs, want)
				}
			}
			for file, want := range c.locs {
				var u parsedSet
				if err := xml.Unmarshal(files[file], &u); err != nil {
					t.Fatalf("%s: %v", file, err)
				}
				var locs []string
				for _, x := range u.URLs {
					locs = append(locs, x.Loc)
					if n, ok := c.links[x.Loc]; ok && len(x.Links) != n {
						t.Errorf("%s: %s has %d alternates, want %d", file, x.Loc, len(x.Links), n)
					}
				}
				if !slices.Equal(locs, want) {
					t.Errorf("%s lists %v, want %v", file, locs, want)
				}
			}
		})
	}
}
