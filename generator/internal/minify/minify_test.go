package minify

import (
	"strings"
	"testing"

	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/html"
	"github.com/tdewolff/minify/v2/svg"
)

// Each file type is minified by its own minifier, and a file of another
// type passes through byte for byte.
func TestFileByType(t *testing.T) {
	x := New()
	for _, c := range []struct{ name, in, want string }{
		{"a/index.html", "<!doctype html>\n<html lang=\"en\">\n<head>\n<title>T</title>\n</head>\n<body>\n  <p class=\"x\">One   two</p>\n</body>\n</html>\n",
			`<!doctype html><html lang=en><head><title>T</title></head><body><p class=x>One two</body></html>`},
		{"css/main.css", "a {\n  color: #ff0000;\n  margin: 0px;\n}\n", "a{color:red;margin:0}"},
		{"js/main.js", "// a comment\nconst answer = 40 + 2;\nconsole.log( answer );\n", "const answer=40+2;console.log(answer)"},
		{"m.mjs", "export const a = 1 ;\n", "export const a=1"},
		{"api/v1/x.json", "{\n  \"a\": [1, 2],\n  \"b\": \"c\"\n}\n", `{"a":[1,2],"b":"c"}`},
		{"site.webmanifest", "{ \"name\": \"H\" }", `{"name":"H"}`},
		{"sitemap.xml", "<?xml version=\"1.0\"?>\n<urlset>\n  <url>\n    <loc>/a/</loc>\n  </url>\n</urlset>\n", `<?xml version="1.0"?><urlset><url><loc>/a/</loc></url></urlset>`},
		{"i.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\">\n  <rect width=\"10\" height=\"10\" fill=\"#000000\"/>\n</svg>\n", "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"><rect width=\"10\" height=\"10\" fill=\"#000\"/></svg>"},
		{"handbook.md", "# Title\n\n  spaced   text  \n", "# Title\n\n  spaced   text  \n"},
		{"robots.txt", "User-agent: *\n\n", "User-agent: *\n\n"},
		{"csv/duties.csv", "a, b\n", "a, b\n"},
	} {
		t.Run(c.name, func(t *testing.T) {
			got, err := x.File(c.name, []byte(c.in))
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != c.want {
				t.Errorf("got  %q\nwant %q", got, c.want)
			}
			if Minifies(c.name) == (c.in == c.want) {
				t.Errorf("Minifies(%q) = %v, but the file came out %s", c.name, Minifies(c.name), map[bool]string{true: "unchanged", false: "changed"}[c.in == c.want])
			}
		})
	}
}

// A file its minifier cannot parse is an error naming the file.
func TestOneNamesTheBrokenFile(t *testing.T) {
	_, err := New().One("js/broken.js", []byte("function ( {"))
	if err == nil || !strings.Contains(err.Error(), "minify js/broken.js") {
		t.Fatalf("error %v, want one naming js/broken.js", err)
	}
}

// One minifies a file by its type and passes others through; with
// Remember, the same input again gives the same output (from the cache),
// and a changed file is minified again.
func TestOneAndRemember(t *testing.T) {
	for _, remember := range []bool{false, true} {
		x := New()
		if remember {
			x.Remember()
		}
		minified := func(files map[string]string) map[string]string {
			out := map[string]string{}
			for name, data := range files {
				got, err := x.One(name, []byte(data))
				if err != nil {
					t.Fatal(err)
				}
				out[name] = string(got)
			}
			return out
		}
		files := minified(map[string]string{"a.css": "b {  color : blue ; }", "b.txt": "  as is  "})
		if files["a.css"] != "b{color:blue}" || files["b.txt"] != "  as is  " {
			t.Errorf("remember %v: first run %q", remember, files)
		}
		again := minified(map[string]string{"a.css": "b {  color : blue ; }", "c.css": "i { margin : 0px }"})
		if again["a.css"] != "b{color:blue}" || again["c.css"] != "i{margin:0}" {
			t.Errorf("remember %v: second run %q", remember, again)
		}
		if got := len(x.cache); remember && got != 2 || !remember && x.cache != nil {
			t.Errorf("remember %v: %d cached results", remember, got)
		}
	}
}

// A small SVG is minified once and its result handed back after: inline in
// a page (svg.Minify's inline form) and as a file of its own are kept apart,
// a large one is not kept, and every result is what svg.Minify makes.
func TestSVGMinifiedOnce(t *testing.T) {
	icon := `<svg aria-hidden="true" width="18" height="18" viewBox="0 0 24 24"><path d="M 3.000 6.000 L 21.000 6.000"  stroke="#000000"/></svg>`
	large := `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">` + strings.Repeat(`<rect width="1.000" height="1.000" fill="#ff0000"/>`, 120) + `</svg>`
	page := func(svg string) string {
		return "<!doctype html><html lang=en><body><p>Icon " + svg + " here</p></body></html>"
	}
	plain := minify.New() // the same minifiers, with svg.Minify itself
	plain.Add("text/html", &html.Minifier{KeepDocumentTags: true})
	plain.AddFunc("image/svg+xml", svg.Minify)
	x := New()
	memo := newSVGMemo()
	x.m.Add("image/svg+xml", memo) // (a memo this test can look into)
	for _, c := range []struct {
		name, in, mime string
		kept           int // results kept after minifying it twice
	}{
		{"a/index.html", page(icon), "text/html", 1},
		{"b/index.html", page(icon), "text/html", 1},
		{"icon.svg", icon, "image/svg+xml", 2}, // not inline: kept apart
		{"c/index.html", page(large), "text/html", 2},
	} {
		for range 2 {
			got, err := x.File(c.name, []byte(c.in))
			if err != nil {
				t.Fatal(err)
			}
			want, err := plain.Bytes(c.mime, []byte(c.in))
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != string(want) {
				t.Errorf("%s:\n got %s\nwant %s", c.name, got, want)
			}
		}
		if len(memo.done) != c.kept {
			t.Errorf("after %s the memo keeps %d results, want %d", c.name, len(memo.done), c.kept)
		}
	}
}
