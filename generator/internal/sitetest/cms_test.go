package sitetest

import (
	"context"
	"io/fs"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/product-roles/handbook/generator/internal/build"
	"github.com/product-roles/handbook/generator/internal/testkit"
)

// editorSite builds the handbook with the content editor (--cms) and serves
// it with netlify.toml's headers.
func editorSite(t *testing.T) *builtSite {
	t.Helper()
	root := testkit.Root(t)
	requireNodeFile(t, root, "decap-cms/dist/decap-cms.js")
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	return buildEditor(t, root, root, ln, "")
}

// buildEditor builds the project with the editor for the listener's address
// and serves it there with root's netlify.toml headers. With a local
// backend (decap-server's API at that host), /admin/'s policy also lets the
// page reach it, as serve --cms does on a developer's machine.
func buildEditor(t *testing.T, project, root string, ln net.Listener, local string) *builtSite {
	t.Helper()
	host := ln.Addr().String()
	out := filepath.Join(t.TempDir(), "public")
	b, err := build.New()
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	api := ""
	if local != "" {
		api = "http://" + local + "/api/v1"
	}
	rep, err := b.Build(ctx, build.Options{ProjectDir: project, Out: out, BaseURL: "http://" + host + "/", CMS: true, CMSLocal: api})
	if err != nil {
		ln.Close()
		t.Fatalf("build --cms: %v\n%v", err, rep.Diags)
	}
	rules, err := loadNetlifyHeaders(root)
	if err != nil {
		t.Fatal(err)
	}
	files := fileServer(out)
	srv := &http.Server{ReadHeaderTimeout: 10 * time.Second, Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rules.apply(w.Header(), r.URL.Path)
		if csp := w.Header().Get("Content-Security-Policy"); local != "" && strings.HasPrefix(r.URL.Path, "/admin/") {
			w.Header().Set("Content-Security-Policy", strings.Replace(csp, "connect-src 'self'", "connect-src 'self' http://"+local, 1))
		}
		files.ServeHTTP(w, r)
	})}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	return &builtSite{Root: project, Dir: out, URL: "http://" + host + "/", Host: host}
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
