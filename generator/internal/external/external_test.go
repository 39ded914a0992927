package external

import (
	"bytes"
	"context"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/product-roles/handbook/generator/internal/content"
	"github.com/product-roles/handbook/generator/internal/testkit"
)

func TestDomain(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"https://www.Scrum.org/resources", "scrum.org"},
		{"HTTP://example.com:8080/x?y#z", "example.com"},
		{"  https://sub.example.org/ ", "sub.example.org"},
		{"https://wwwexample.org/", "wwwexample.org"},
		{"/duties/pricing/", ""},
		{"mailto:someone@example.org", ""},
		{"ftp://example.org/file", ""},
		{"https:///no-host", ""},
		{"#anchor", ""},
		{"%zz", ""},
	} {
		if got := Domain(c.in); got != c.want {
			t.Errorf("Domain(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// page parses one content file as the loader does.
func page(t *testing.T, l *content.Loader, rel, src string) *content.Page {
	t.Helper()
	p, diags := l.Parse(rel, "content/"+rel, []byte(src))
	if p == nil || diags.Errors() > 0 {
		t.Fatalf("%s: %v", rel, diags)
	}
	return p
}

// Links finds body links to other sites and each source's link, skips
// images and links inside the site, and sorts by domain, file, line, column.
func TestLinks(t *testing.T) {
	l, err := content.NewLoader()
	if err != nil {
		t.Fatal(err)
	}
	m := &content.Model{Pages: []*content.Page{
		page(t, l, "guides/g.md", "---\ntitle: G\nsummary: A guide.\nsources: [s]\n---\n\nSee [b](https://b.example/x) and [inside](/duties/) and [b again](https://b.example/y).\n![img](https://img.example/p.png), then [a](https://www.a.example/).\n"),
		page(t, l, "sources/s.md", "---\ntitle: S\nsummary: A source.\nkind: book\nlink: https://a.example/book\n---\n"),
	}}
	var got []string
	for _, k := range Links(m) {
		got = append(got, k.Domain+" "+k.File+" "+k.URL)
		if k.Pos.Line == 0 {
			t.Errorf("%s has no position", k.URL)
		}
	}
	want := []string{
		"a.example content/guides/g.md https://www.a.example/",
		"a.example content/sources/s.md https://a.example/book",
		"b.example content/guides/g.md https://b.example/x",
		"b.example content/guides/g.md https://b.example/y",
	}
	if !slices.Equal(got, want) {
		t.Errorf("links:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	links := Links(m)
	if links[2].Pos.Line != links[3].Pos.Line || links[2].Pos.Col >= links[3].Pos.Col {
		t.Errorf("two links on one line sorted by column: %v, %v", links[2].Pos, links[3].Pos)
	}
	var out bytes.Buffer
	Report(&out, links)
	if !strings.HasPrefix(out.String(), "external links: 4 to 2 domains\n") || strings.Count(out.String(), "\n") != 5 ||
		!strings.Contains(out.String(), "content/sources/s.md:5:7 https://a.example/book") {
		t.Errorf("report:\n%s", out.String())
	}
}

// New keeps the first link to each domain that is not known.
func TestNew(t *testing.T) {
	links := []Link{{Domain: "a.example", URL: "1"}, {Domain: "b.example", URL: "2"}, {Domain: "b.example", URL: "3"}, {Domain: "c.example", URL: "4"}}
	for _, c := range []struct {
		known map[string]bool
		want  []string
	}{
		{nil, []string{"1", "2", "4"}},
		{map[string]bool{"b.example": true}, []string{"1", "4"}},
		{map[string]bool{"a.example": true, "b.example": true, "c.example": true}, nil},
	} {
		var got []string
		for _, l := range New(links, c.known) {
			got = append(got, l.URL)
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("known %v: new %v, want %v", c.known, got, c.want)
		}
	}
}

func TestNextBlob(t *testing.T) {
	for _, c := range []struct {
		in, data, rest string
		ok             bool
	}{
		{"abc blob 3\nxyz\nnext", "xyz", "next", true},
		{"abc blob 0\n\n", "", "", true},
		{"abc blob 5\nxyz\n", "", "", false}, // shorter than its size
		{"abc tree 3\nxyz\n", "", "", false},
		{"no newline", "", "", false},
	} {
		data, rest, err := nextBlob([]byte(c.in))
		if (err == nil) != c.ok || c.ok && (string(data) != c.data || string(rest) != c.rest) {
			t.Errorf("nextBlob(%q) = %q, %q, %v", c.in, data, rest, err)
		}
	}
}

// AtBase reads the domains of the content at the merge base with git, from
// every content root, and not those a later commit adds.
func TestAtBase(t *testing.T) {
	dir := t.TempDir()
	src := func(link string) string {
		return "---\ntitle: S\nsummary: A source.\nkind: book\nlink: " + link + "\n---\n"
	}
	testkit.Write(t, filepath.Join(dir, "content", "sources", "s.md"), src("https://old.example/"))
	testkit.Write(t, filepath.Join(dir, "company", "content", "sources", "c.md"), src("https://company.example/"))
	testkit.Write(t, filepath.Join(dir, "content", "notes.txt"), "https://not-markdown.example/")
	testkit.Git(t, dir, "init", "-q")
	testkit.Git(t, dir, "add", "-A")
	testkit.Git(t, dir, "commit", "-qm", "base")
	testkit.Git(t, dir, "checkout", "-qb", "change")
	testkit.Write(t, filepath.Join(dir, "content", "sources", "n.md"), src("https://new.example/"))
	testkit.Git(t, dir, "add", "-A")
	testkit.Git(t, dir, "commit", "-qm", "change")
	l, err := content.NewLoader()
	if err != nil {
		t.Fatal(err)
	}
	known, base, err := AtBase(context.Background(), l, dir, "main", []string{"content", "company/content"})
	if err != nil {
		t.Fatal(err)
	}
	if want := strings.TrimSpace(testkit.Git(t, dir, "rev-parse", "main")); base != want {
		t.Errorf("base %s, want main's commit %s", base, want)
	}
	if !known["old.example"] || !known["company.example"] || known["new.example"] || known["not-markdown.example"] || len(known) != 2 {
		t.Errorf("known at base: %v", known)
	}
	if _, _, err := AtBase(context.Background(), l, dir, "no-such-ref", []string{"content"}); err == nil || !strings.Contains(err.Error(), "git merge-base") {
		t.Errorf("an unknown ref: %v", err)
	}
}
