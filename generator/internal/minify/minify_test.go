package minify

import (
	"context"
	"strings"
	"testing"
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
func TestAllNamesTheBrokenFile(t *testing.T) {
	files := map[string][]byte{"ok.css": []byte("a { color: red }"), "js/broken.js": []byte("function ( {")}
	err := New().All(context.Background(), files)
	if err == nil || !strings.Contains(err.Error(), "minify js/broken.js") {
		t.Fatalf("error %v, want one naming js/broken.js", err)
	}
}

// All minifies every file in place; with Remember, a second run over the
// same inputs gives the same outputs (from the cache), and a changed file
// is minified again.
func TestAllAndRemember(t *testing.T) {
	for _, remember := range []bool{false, true} {
		x := New()
		if remember {
			x.Remember()
		}
		files := map[string][]byte{"a.css": []byte("b {  color : blue ; }"), "b.txt": []byte("  as is  ")}
		if err := x.All(context.Background(), files); err != nil {
			t.Fatal(err)
		}
		if string(files["a.css"]) != "b{color:blue}" || string(files["b.txt"]) != "  as is  " {
			t.Errorf("remember %v: first run %q", remember, files)
		}
		again := map[string][]byte{"a.css": []byte("b {  color : blue ; }"), "c.css": []byte("i { margin : 0px }")}
		if err := x.All(context.Background(), again); err != nil {
			t.Fatal(err)
		}
		if string(again["a.css"]) != "b{color:blue}" || string(again["c.css"]) != "i{margin:0}" {
			t.Errorf("remember %v: second run %q", remember, again)
		}
		if got := len(x.cache); remember && got != 2 || !remember && x.cache != nil {
			t.Errorf("remember %v: %d cached results", remember, got)
		}
	}
}
