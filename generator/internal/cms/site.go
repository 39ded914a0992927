package cms

import (
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/product-roles/handbook/generator/internal/content"
)

// Bundle is where Decap CMS's files are, from the project folder: the npm
// package decap-cms, pinned in package.json.
const Bundle = "node_modules/decap-cms/dist"

// Site is what the build needs to make /admin/.
type Site struct {
	Project  string // the project folder: node_modules/ and the paths of entries are relative to it
	Kinds    *content.Registry
	Settings Settings
	Schemas  fs.FS
	Entries  []Entry
}

// Files returns the files of /admin/ by their path in the site: the page,
// the generated config.yml and Decap's bundle (its scripts, their lazily
// loaded chunks and WebAssembly, and its licence notice), never the source
// maps.
func Files(s Site) (map[string][]byte, error) {
	cfg, err := Config(s.Kinds, s.Schemas, s.Settings, s.Entries)
	if err != nil {
		return nil, err
	}
	dir := filepath.Join(s.Project, filepath.FromSlash(Bundle))
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("content editor: %s: %w\n    hint: run `npm install` in the project folder (package.json pins decap-cms), or build without --cms", path.Join(filepath.ToSlash(s.Project), Bundle), unwrap(err))
	}
	files := map[string][]byte{"admin/index.html": []byte(indexHTML), "admin/config.yml": cfg}
	for _, e := range entries {
		n := e.Name()
		if e.IsDir() || !(strings.HasSuffix(n, "decap-cms.js") || strings.HasSuffix(n, ".wasm") || n == "decap-cms.js.LICENSE.txt") {
			continue
		}
		data, err := os.ReadFile(filepath.Join(dir, n))
		if err != nil {
			return nil, err
		}
		files["admin/"+n] = data
	}
	if _, ok := files["admin/decap-cms.js"]; !ok {
		return nil, fmt.Errorf("content editor: %s has no decap-cms.js\n    hint: run `npm install` in the project folder", path.Join(filepath.ToSlash(s.Project), Bundle))
	}
	return files, nil
}

func unwrap(err error) error {
	if pe, ok := err.(*fs.PathError); ok {
		return pe.Err
	}
	return err
}

// indexHTML loads the editor. No inline script or style: the page's policy
// (netlify.toml, /admin/*) allows scripts from the site only.
const indexHTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>Content editor</title>
<link rel="icon" href="/favicon.svg" type="image/svg+xml">
<link rel="cms-config-url" type="text/yaml" href="/admin/config.yml">
</head>
<body>
<noscript>The content editor needs JavaScript. Without it, edit the files on GitHub: every page has an "Edit this page" link.</noscript>
<script src="/admin/decap-cms.js"></script>
</body>
</html>
`

// GitHubRepo reads "owner/name" from a repository URL on github.com.
func GitHubRepo(repoURL string) (string, error) {
	u, err := url.Parse(repoURL)
	if err != nil || u.Host != "github.com" {
		return "", fmt.Errorf("repo_url %q is not a repository on github.com; the content editor saves to GitHub", repoURL)
	}
	parts := strings.Split(strings.TrimSuffix(strings.Trim(u.Path, "/"), ".git"), "/")
	if len(parts) != 2 || parts[0] == "" || parts[1] == "" {
		return "", fmt.Errorf("repo_url %q does not name a repository (https://github.com/OWNER/NAME)", repoURL)
	}
	return parts[0] + "/" + parts[1], nil
}

var keyRE = regexp.MustCompile(`(?m)^([A-Za-z_][A-Za-z0-9_]*):`)

// Entries lists the pages of a model for the editor. A page is editable
// when it is read from the editable root (contentDir: "content", or in a
// fork "company/content"); every page gives its id. Paths are relative to
// the project: pages are read from <project>/<contentDir>.
func Entries(m *content.Model, overlay bool, contentDir string) []Entry {
	var out []Entry
	for _, p := range m.Pages {
		e := Entry{Kind: m.Registry().SchemaOf(p.Kind), ID: p.ID, Title: p.Front.Title, Editable: p.Overlay == overlay,
			Path: path.Join(contentDir, p.Rel), Name: strings.ReplaceAll(strings.TrimSuffix(p.Rel, ".md"), "/", "--")}
		if p.Kind == content.KindLevel {
			e.ID = p.Track + "/" + p.ID
		}
		end := p.BodyAt
		if end > len(p.Source) || end <= 0 {
			end = len(p.Source)
		}
		for _, m := range keyRE.FindAllSubmatch(p.Source[:end], -1) {
			e.Keys = append(e.Keys, string(m[1]))
		}
		for name, v := range p.Raw {
			if m, ok := v.(map[string]any); ok {
				if e.MapKeys == nil {
					e.MapKeys = map[string][]string{}
				}
				for k := range m {
					e.MapKeys[name] = append(e.MapKeys[name], k)
				}
			}
		}
		out = append(out, e)
	}
	return out
}
