// Package testkit holds helpers shared by the generator's tests.
package testkit

import (
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// Root returns the repository root (the folder holding go.mod).
func Root(t testing.TB) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("go.mod not found above the working directory")
		}
		dir = parent
	}
}

// CopyTree copies the folder src to a new folder dst.
func CopyTree(t testing.TB, src, dst string) {
	t.Helper()
	if err := os.CopyFS(dst, os.DirFS(src)); err != nil {
		t.Fatal(err)
	}
}

// Project makes a temporary project: the repository's theme, static files
// and handbook.toml, with the content folder copied from contentSrc.
func Project(t testing.TB, contentSrc string) string {
	t.Helper()
	root := Root(t)
	dir := t.TempDir()
	CopyTree(t, filepath.Join(root, "themes"), filepath.Join(dir, "themes"))
	CopyTree(t, filepath.Join(root, "static"), filepath.Join(dir, "static"))
	CopyTree(t, contentSrc, filepath.Join(dir, "content"))
	data, err := os.ReadFile(filepath.Join(root, "handbook.toml"))
	if err != nil {
		t.Fatal(err)
	}
	Write(t, filepath.Join(dir, "handbook.toml"), string(data))
	return dir
}

// Write writes a file, creating its folder.
func Write(t testing.TB, path, data string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

// Read reads a file.
func Read(t testing.TB, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// Snapshot reads every file below dir, by slash path.
func Snapshot(t testing.TB, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		out[filepath.ToSlash(rel)] = string(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// Doc is a parsed HTML page.
type Doc struct{ Root *html.Node }

// ParseHTML parses a page.
func ParseHTML(t testing.TB, src string) Doc {
	t.Helper()
	n, err := html.Parse(strings.NewReader(src))
	if err != nil {
		t.Fatal(err)
	}
	return Doc{n}
}

// All returns the elements for which match is true, in document order.
func (d Doc) All(match func(*html.Node) bool) []*html.Node {
	var out []*html.Node
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && match(n) {
			out = append(out, n)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(d.Root)
	return out
}

// Tag matches elements by tag name.
func Tag(name string) func(*html.Node) bool {
	return func(n *html.Node) bool { return n.Data == name }
}

// ByID returns the element with an id, or nil.
func (d Doc) ByID(id string) *html.Node {
	all := d.All(func(n *html.Node) bool { return Attr(n, "id") == id })
	if len(all) == 0 {
		return nil
	}
	return all[0]
}

// Attr returns an attribute's value.
func Attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// Text returns the text inside a node, with spaces folded.
func Text(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
			b.WriteByte(' ')
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return strings.Join(strings.Fields(b.String()), " ")
}

// Cells returns the texts of a table row's th and td children.
func Cells(row *html.Node) []string {
	var out []string
	for c := row.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && (c.Data == "td" || c.Data == "th") {
			out = append(out, Text(c))
		}
	}
	return out
}

// Links returns every href on the page.
func (d Doc) Links() []string {
	var out []string
	for _, a := range d.All(Tag("a")) {
		out = append(out, Attr(a, "href"))
	}
	return out
}

// Git runs git in dir with a fixed identity and date, skipping the test
// when git is not installed, and returns its trimmed output.
func Git(t testing.TB, dir string, args ...string) string {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	cmd := exec.Command("git", append([]string{"-c", "user.name=T", "-c", "user.email=t@example.com",
		"-c", "tag.gpgSign=false", "-c", "commit.gpgSign=false", "-c", "init.defaultBranch=main"}, args...)...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GIT_COMMITTER_DATE=2026-11-20T10:00:00Z", "GIT_AUTHOR_DATE=2026-11-20T10:00:00Z")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("git %v: %v\n%s", args, err, out)
	}
	return strings.TrimSpace(string(out))
}
