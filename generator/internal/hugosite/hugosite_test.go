package hugosite

import (
	"context"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/gohugoio/hugo/config"
	"github.com/gohugoio/hugo/config/security"
	"github.com/product-roles/handbook/generator/internal/testkit"
)

// site is a one-page site whose home template is home and whose home page
// body is body.
func site(t *testing.T, home, body string, cfg map[string]any) Site {
	t.Helper()
	c := map[string]any{"baseURL": "/", "title": "T", "disableKinds": []string{"taxonomy", "term", "rss", "sitemap", "robotsTXT", "404"}}
	for k, v := range cfg {
		c[k] = v
	}
	return Site{
		ProjectDir: t.TempDir(),
		Config:     c,
		Files: map[string][]byte{
			"content/_index.md":   []byte("---\ntitle: Home\n---\n" + body),
			"layouts/home.html":   []byte(home),
			"assets/css/main.css": []byte("body{color:red}"),
		},
	}
}

// Every template feature that reaches the network, the environment or
// another program fails the build with Hugo's "access denied" and the
// policy it broke; a caller's config cannot loosen the policy.
func TestThemeCannotReachNetworkEnvironmentOrPrograms(t *testing.T) {
	loosen := map[string]any{"security": map[string]any{
		"http":  map[string]any{"urls": []string{".*"}},
		"funcs": map[string]any{"getenv": []string{".*"}},
		"exec":  map[string]any{"allow": []string{".*"}},
	}}
	for _, tc := range []struct {
		name, tmpl, policy string
		cfg                map[string]any
	}{
		{"resources.GetRemote", `{{ with resources.GetRemote "https://example.com/p.png" }}{{ .RelPermalink }}{{ end }}`, "security.http.urls", nil},
		{"resources.GetRemote with a loosened config", `{{ with resources.GetRemote "https://example.com/p.png" }}{{ .RelPermalink }}{{ end }}`, "security.http.urls", loosen},
		{"os.Getenv HOME", `home={{ os.Getenv "HOME" }}`, "security.funcs.getenv", nil},
		{"os.Getenv HUGO_ENV", `{{ os.Getenv "HUGO_ENV" }}`, "security.funcs.getenv", nil},
		{"os.Getenv with a loosened config", `{{ os.Getenv "HOME" }}`, "security.funcs.getenv", loosen},
		{"PostCSS (runs node)", `{{ with resources.Get "css/main.css" | css.PostCSS }}{{ .RelPermalink }}{{ end }}`, "security.exec.allow", nil},
		{"PostCSS with a loosened config", `{{ with resources.Get "css/main.css" | css.PostCSS }}{{ .RelPermalink }}{{ end }}`, "security.exec.allow", loosen},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, err := Render(context.Background(), site(t, tc.tmpl, "Text.\n", tc.cfg))
			if err == nil {
				t.Fatalf("rendered without an error:\n%s", res.Files["index.html"])
			}
			msg := err.Error()
			if !strings.Contains(msg, "access denied") || !strings.Contains(msg, tc.policy) || !strings.Contains(msg, "layouts/home.html:1:") {
				t.Errorf("the error does not say access denied, %s and layouts/home.html:1:\n%s", tc.policy, msg)
			}
			if home := os.Getenv("HOME"); home != "" && strings.Contains(msg, "home="+home) {
				t.Error("the error shows the value of HOME")
			}
		})
	}
}

// The policy as Hugo decodes it: nothing is accepted.
func TestSecurityPolicy(t *testing.T) {
	sc, err := security.DecodeConfig(config.NewFrom(map[string]any{"security": Security()}))
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range []string{"https://example.com/x", "http://localhost/", "https://raw.githubusercontent.com/x"} {
		if sc.CheckAllowedHTTPURL(u) == nil {
			t.Errorf("security.http.urls accepts %s", u)
		}
	}
	for _, m := range []string{"GET", "POST"} {
		if sc.CheckAllowedHTTPMethod(m) == nil {
			t.Errorf("security.http.methods accepts %s", m)
		}
	}
	for _, name := range []string{"HOME", "PATH", "CI", "HUGO_ENV", "HUGO_PARAMS_X", "GITHUB_TOKEN"} {
		if sc.CheckAllowedGetEnv(name) == nil {
			t.Errorf("security.funcs.getenv accepts %s", name)
		}
	}
	for _, name := range []string{"git", "go", "node", "npx", "postcss", "dart-sass", "sass", "pandoc", "asciidoctor", "rst2html", "sh"} {
		if sc.CheckAllowedExec(name) == nil {
			t.Errorf("security.exec.allow accepts %s", name)
		}
	}
	if sc.Exec.OsEnv.Accept("HOME") || sc.Exec.OsEnv.Accept("PATH") {
		t.Error("security.exec.osEnv passes variables on")
	}
	if sc.EnableInlineShortcodes {
		t.Error("inline shortcodes are enabled")
	}
	if sc.CheckAllowedContent("text/markdown") != nil {
		t.Error("Markdown content is refused")
	}
	for _, mt := range []string{"text/html", "text/asciidoc", "text/pandoc", "text/rst", "text/org"} {
		if sc.CheckAllowedContent(mt) == nil {
			t.Errorf("content of type %s is accepted", mt)
		}
	}
}

// Each of Hugo's built-in shortcodes fails the build at the page's line
// (the content loader refuses them first; this is the wall behind it).
func TestBuiltinShortcodesAreBlocked(t *testing.T) {
	for _, name := range BuiltinShortcodes {
		t.Run(name, func(t *testing.T) {
			body := "Text.\n\n{{< " + name + ` "https://evil.example/x" >}}` + "\n"
			res, err := Render(context.Background(), site(t, `{{ .Content }}`, body, nil))
			if err == nil {
				t.Fatalf("rendered:\n%s", res.Files["index.html"])
			}
			want := `content/_index.md:6:1: Hugo's "` + name + `" shortcode is not allowed`
			if !strings.Contains(err.Error(), want) {
				t.Errorf("want %q in:\n%v", want, err)
			}
		})
	}
	// A shortcode the theme defines itself is the theme's to run.
	s := site(t, `{{ .Content }}`, "{{< figure >}}\n", nil)
	s.Files["layouts/_shortcodes/figure.html"] = []byte(`<b>own figure</b>`)
	res, err := Render(context.Background(), s)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(res.Files["index.html"]), "<b>own figure</b>") {
		t.Errorf("the theme's own figure shortcode did not run:\n%s", res.Files["index.html"])
	}
}

// BuiltinShortcodes names every shortcode embedded in the Hugo version in
// go.mod, so that an upgrade cannot add one that content could reach.
func TestBuiltinShortcodesListIsComplete(t *testing.T) {
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "github.com/gohugoio/hugo").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	dir := filepath.Join(strings.TrimSpace(string(out)), "tpl", "tplimpl", "embedded", "templates", "_shortcodes")
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		name := strings.SplitN(e.Name(), ".", 2)[0]
		if strings.HasPrefix(name, "_") || strings.HasPrefix(name, "1__") {
			continue // partial definitions, not callable shortcodes
		}
		if !slices.Contains(BuiltinShortcodes, name) {
			t.Errorf("Hugo ships the %q shortcode (%s), which BuiltinShortcodes does not block", name, e.Name())
		}
	}
}

// No template of the theme or of the example fork fetches from the network
// or reads the environment.
func TestThemeHasNoRemoteOrEnvironmentCalls(t *testing.T) {
	root := testkit.Root(t)
	for _, dir := range []string{"themes", "examples"} {
		err := filepath.WalkDir(filepath.Join(root, dir), func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || filepath.Ext(p) != ".html" {
				return err
			}
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			for _, call := range []string{"GetRemote", "getJSON", "getCSV", "os.Getenv", "getenv", "data.GetJSON", "data.GetCSV"} {
				if strings.Contains(string(data), call) {
					rel, _ := filepath.Rel(root, p)
					t.Errorf("%s calls %s", rel, call)
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
}
