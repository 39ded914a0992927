package sitetest

import (
	"context"
	"io/fs"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/product-roles/handbook/generator/internal/layout"
	"github.com/product-roles/handbook/generator/internal/pipeline"
	"github.com/product-roles/handbook/generator/internal/testkit"
)

// editorSite builds the handbook with the content editor (--cms) and serves
// it with Netlify's CLI under netlify.toml.
func editorSite(t *testing.T) *builtSite {
	t.Helper()
	root := testkit.Root(t)
	requireNodeFile(t, root, "decap-cms/dist/decap-cms.js")
	requireNetlify(t, root)
	port, err := freePort()
	if err != nil {
		t.Fatal(err)
	}
	return buildEditor(t, root, root, port, "")
}

// buildEditor builds the project with the editor for 127.0.0.1:port and
// serves it there with `netlify dev` under root's netlify.toml. With a local
// backend (decap-server's API at that host), /admin/'s policy in a copy of
// netlify.toml also lets the page reach it, as serve --cms does on a
// developer's machine.
func buildEditor(t *testing.T, project, root string, port int, local string) *builtSite {
	t.Helper()
	host := net.JoinHostPort("127.0.0.1", strconv.Itoa(port))
	api := ""
	if local != "" {
		api = "http://" + local + "/api/v1"
	}
	out := buildTo(t, pipeline.Options{Layout: layout.Resolve(layout.Flags{Project: project}), BaseURL: "http://" + host + "/", CMS: true, CMSLocal: api})
	toml := filepath.Join(root, "netlify.toml")
	if local != "" {
		data, err := os.ReadFile(toml)
		if err != nil {
			t.Fatal(err)
		}
		policy := "connect-src 'self' https://api.github.com"
		if !strings.Contains(string(data), policy) {
			t.Fatalf("netlify.toml has no %q for /admin/", policy)
		}
		toml = filepath.Join(t.TempDir(), "netlify.toml")
		if err := os.WriteFile(toml, []byte(strings.Replace(string(data), policy, policy+" http://"+local, 1)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	stop, err := netlifyDev(root, out, toml, port)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(stop)
	return &builtSite{Root: project, Dir: out, URL: "http://" + host + "/", Host: host}
}

// buildTo builds with the options into a temporary folder and returns it.
func buildTo(t *testing.T, o pipeline.Options) string {
	t.Helper()
	o.Layout.Output = filepath.Join(t.TempDir(), "public")
	b, err := pipeline.New()
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	if rep, err := b.Build(ctx, o); err != nil {
		t.Fatalf("build: %v\n%v", err, rep.Diags)
	}
	return o.Layout.Output
}

// /admin/ has its own policy, the narrowest Decap CMS runs under; every
// other path keeps the strict one; no other page loads Decap.
func TestCMSPolicy(t *testing.T) {
	s := editorSite(t)
	strict := func(csp string) bool {
		return strings.Contains(csp, "script-src 'self';") && !strings.Contains(csp, "unsafe") && !strings.Contains(csp, "https:")
	}
	for _, c := range []struct {
		path   string
		strict bool
	}{
		{"", true}, {"duties/", true}, {"duties/backlog-ordering/", true}, {"no-such-page/", true}, {"administration/", true},
		{"admin/", false}, {"admin/decap-cms.js", false}, {"admin/config.yml", false},
	} {
		resp, err := http.Get(s.URL + c.path)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		csp := resp.Header.Get("Content-Security-Policy")
		if strict(csp) != c.strict {
			t.Errorf("/%s: Content-Security-Policy %q, want the strict policy: %v", c.path, csp, c.strict)
		}
		if !c.strict {
			if resp.StatusCode != 200 {
				t.Errorf("/%s: HTTP %d", c.path, resp.StatusCode)
			}
			for _, want := range []string{"script-src 'self' 'unsafe-eval';", "connect-src 'self' https://api.github.com;", "frame-ancestors 'none'", "object-src 'none'"} {
				if !strings.Contains(csp, want) {
					t.Errorf("/%s: policy lacks %q: %s", c.path, want, csp)
				}
			}
			if strings.Contains(csp, "script-src 'self' 'unsafe-eval' 'unsafe-inline'") || strings.Contains(csp, "*") {
				t.Errorf("/%s: policy wider than Decap needs: %s", c.path, csp)
			}
		}
	}
	if err := filepath.WalkDir(s.Dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") || strings.HasPrefix(p, filepath.Join(s.Dir, "admin")+string(filepath.Separator)) {
			return err
		}
		data, err := os.ReadFile(p)
		if err == nil && (strings.Contains(string(data), "decap-cms") || strings.Contains(string(data), "/admin/")) {
			t.Errorf("%s refers to the content editor", p)
		}
		return err
	}); err != nil {
		t.Fatal(err)
	}

	// In the browser: Decap loads its generated config.yml (it validates it
	// against its own config schema) and shows the GitHub login, with no
	// policy violation, console error or request to another origin.
	requireChromium(t)
	tb := newTab(t)
	if _, err := tb.open(s.URL+"admin/", false); err != nil {
		t.Fatal(err)
	}
	var text string
	for deadline := time.Now().Add(90 * time.Second); time.Now().Before(deadline); time.Sleep(500 * time.Millisecond) {
		text, _ = eval[string](tb, "document.body.innerText")
		if strings.Contains(text, "Login with GitHub") || strings.Contains(text, "Error") {
			break
		}
	}
	if !strings.Contains(text, "Login with GitHub") || strings.Contains(text, "Config Errors") {
		t.Errorf("/admin/ shows %q, want Decap's GitHub login and no config error", text)
	}
	for _, p := range tb.takeProblems() {
		t.Errorf("/admin/: %s", p)
	}
}
