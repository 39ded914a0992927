package sitetest

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/product-roles/handbook/generator/internal/layout"
	"github.com/product-roles/handbook/generator/internal/pipeline"
	"github.com/product-roles/handbook/generator/internal/testkit"
)

// The built site and its server, shared by every test of the binary.
var (
	buildOnce sync.Once
	serveOnce sync.Once
	theSite   *builtSite
	buildErr  error
	serveErr  error
	cleanups  []func()
)

// builtSite is the real handbook, built in Go into a temporary folder for
// the address 127.0.0.1:PORT. The plain Go checks read its files; the
// browser tests also have it served on that address by Netlify's own CLI
// (netlify dev) under netlify.toml, so that they see the production headers
// (the Content-Security-Policy among them), redirects and 404 page.
type builtSite struct {
	Root string // the repository root
	Dir  string // the built site
	URL  string // the base URL it is built for, with a trailing slash
	Host string // 127.0.0.1:PORT
	port int
}

func TestMain(m *testing.M) {
	code := m.Run()
	for i := len(cleanups) - 1; i >= 0; i-- {
		cleanups[i]()
	}
	os.Exit(code)
}

// built builds the handbook once per test binary, in Go only: no server,
// no Node. The plain Go checks of the files (links, budgets, origins) use it.
func built(t testing.TB) *builtSite {
	t.Helper()
	root := testkit.Root(t)
	buildOnce.Do(func() { theSite, buildErr = buildSite(root) })
	if buildErr != nil {
		t.Fatalf("build the handbook: %v", buildErr)
	}
	return theSite
}

// site is the built handbook served by netlify dev, for the browser suite.
func site(t testing.TB) *builtSite {
	t.Helper()
	requireNetlify(t, testkit.Root(t))
	s := built(t)
	serveOnce.Do(func() {
		var stop func()
		stop, serveErr = netlifyDev(s.Root, s.Dir, filepath.Join(s.Root, "netlify.toml"), s.port)
		if serveErr == nil {
			cleanups = append(cleanups, stop)
		}
	})
	if serveErr != nil {
		t.Fatalf("serve the handbook: %v", serveErr)
	}
	return s
}

func buildSite(root string) (*builtSite, error) {
	// The port is chosen first, so that the site is built for the address
	// it is served from: absolute URLs then point at the test server.
	port, err := freePort()
	if err != nil {
		return nil, err
	}
	host := net.JoinHostPort("127.0.0.1", strconv.Itoa(port))
	dir, err := os.MkdirTemp("", "sitetest-")
	if err != nil {
		return nil, err
	}
	cleanups = append(cleanups, func() { os.RemoveAll(dir) })
	out := filepath.Join(dir, "public")
	b, err := pipeline.New()
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	rep, err := b.Build(ctx, pipeline.Options{Layout: layout.Resolve(layout.Flags{Project: root, Out: out}), BaseURL: "http://" + host + "/"})
	if err != nil {
		if rep != nil && len(rep.Diags) > 0 {
			return nil, fmt.Errorf("%w\n%v", err, rep.Diags)
		}
		return nil, err
	}
	return &builtSite{Root: root, Dir: out, URL: "http://" + host + "/", Host: host, port: port}, nil
}

// fileServer serves a built site (one a test built for itself) as a static host does: /x/ is x/index.html,
// /x (a folder) redirects to /x/, and a missing file or a folder without an
// index.html is a 404 with the body of 404.html. It never lists a folder.
func fileServer(dir string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		clean := path.Clean("/" + r.URL.Path)
		name := filepath.Join(dir, filepath.FromSlash(clean))
		fi, err := os.Stat(name)
		if err == nil && fi.IsDir() {
			if !strings.HasSuffix(r.URL.Path, "/") {
				target := clean + "/"
				if r.URL.RawQuery != "" {
					target += "?" + r.URL.RawQuery
				}
				http.Redirect(w, r, target, http.StatusMovedPermanently)
				return
			}
			name = filepath.Join(name, "index.html")
			fi, err = os.Stat(name)
		} else if err == nil && strings.HasSuffix(r.URL.Path, "/") {
			err = fs.ErrNotExist // a file asked for as a folder
		}
		if err != nil || fi.IsDir() {
			notFound(w, dir)
			return
		}
		f, err := os.Open(name)
		if err != nil {
			notFound(w, dir)
			return
		}
		defer f.Close()
		w.Header().Set("Cache-Control", "no-store")
		http.ServeContent(w, r, name, fi.ModTime(), f)
	})
}

func notFound(w http.ResponseWriter, dir string) {
	body, err := os.ReadFile(filepath.Join(dir, "404.html"))
	if err != nil {
		body = []byte("<!doctype html><title>Not found</title><p>Not found and no 404.html.")
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusNotFound)
	w.Write(body)
}

// pageURLs lists the URL path of every page of the built site: the folder of
// every index.html, and 404.html (which the caller serves for a missing URL).
func (s *builtSite) pages(t testing.TB) (paths []string, has404 bool) {
	t.Helper()
	err := filepath.WalkDir(s.Dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(s.Dir, p)
		rel = filepath.ToSlash(rel)
		switch {
		case rel == "404.html":
			has404 = true
		case path.Base(rel) == "index.html":
			paths = append(paths, "/"+strings.TrimSuffix(rel, "index.html"))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(paths)
	if len(paths) == 0 {
		t.Fatal("the built site has no index.html")
	}
	return paths, has404
}

// files lists the built files whose names end with one of the extensions,
// by slash path relative to the site.
func (s *builtSite) files(t testing.TB, exts ...string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(s.Dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		if slices.Contains(exts, path.Ext(d.Name())) {
			rel, _ := filepath.Rel(s.Dir, p)
			out = append(out, filepath.ToSlash(rel))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(out)
	return out
}

// browserSwitch names the environment variable that turns the browser suite
// on: every test that launches Chromium, Netlify's CLI, pa11y, Lighthouse,
// the Nu HTML Checker or another Node or Java tool runs only when it is "1".
// .ci/run sets it.
const browserSwitch = "HANDBOOK_BROWSER"

// requireBrowserSuite skips the test unless the browser suite is switched on.
func requireBrowserSuite(t testing.TB) {
	t.Helper()
	if os.Getenv(browserSwitch) != "1" {
		t.Skipf("a browser-suite test: set %s=1 to run it (it needs Chromium, Java and the npm packages; see CONTRIBUTING.md)", browserSwitch)
	}
}

// missing skips the test when a tool it needs is not installed, or fails it
// when CI is "true" (CI must run every test).
func missing(t testing.TB, what string) {
	t.Helper()
	if os.Getenv("CI") == "true" {
		t.Fatalf("%s: CI is \"true\", so a missing tool is a failure; .ci/run installs it", what)
	}
	t.Skipf("%s; install it with `bash .ci/run` (Chromium and Java from Debian, then `npm install` of package.json), or set CI=true to make this a failure", what)
}

const chromiumPath = "/usr/bin/chromium"

func requireChromium(t testing.TB) {
	t.Helper()
	requireBrowserSuite(t)
	if _, err := os.Stat(chromiumPath); err != nil {
		missing(t, "Chromium is not installed at "+chromiumPath)
	}
}

// requireNodeFile returns the path of a file installed by npm in the
// repository's node_modules.
func requireNodeFile(t testing.TB, root, rel string) string {
	t.Helper()
	requireBrowserSuite(t)
	p := filepath.Join(root, "node_modules", filepath.FromSlash(rel))
	if _, err := os.Stat(p); err != nil {
		missing(t, "node_modules/"+rel+" is missing (npm package from package.json)")
	}
	return p
}

func requireJava(t testing.TB) string {
	t.Helper()
	requireBrowserSuite(t)
	p, err := exec.LookPath("java")
	if err != nil {
		missing(t, "java is not on the PATH")
	}
	return p
}

// fileServer behaves like the static host: no listings, 404s with the 404
// page, folders redirect to their slash form.
func TestFileServer(t *testing.T) {
	s := built(t)
	srv := httptest.NewServer(fileServer(s.Dir))
	defer srv.Close()
	if err := os.MkdirAll(filepath.Join(s.Dir, "sitetest-empty-folder"), 0o755); err != nil {
		t.Fatal(err)
	}
	page404 := testkit.Read(t, filepath.Join(s.Dir, "404.html"))
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	for _, tc := range []struct {
		path   string
		status int
	}{
		{"/", http.StatusOK},
		{"/duties/", http.StatusOK},
		{"/duties", http.StatusMovedPermanently},
		{"/duties/index.html", http.StatusOK},
		{"/no-such-page/", http.StatusNotFound},
		{"/sitetest-empty-folder/", http.StatusNotFound},
		{"/robots.txt/", http.StatusNotFound},
		{"/css/", http.StatusNotFound},
	} {
		resp, err := client.Get(srv.URL + tc.path)
		if err != nil {
			t.Fatal(err)
		}
		body, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if err != nil {
			t.Fatal(err)
		}
		if resp.StatusCode != tc.status {
			t.Errorf("GET %s: status %d, want %d", tc.path, resp.StatusCode, tc.status)
		}
		if tc.status == http.StatusNotFound && string(body) != page404 {
			t.Errorf("GET %s: the body is not the site's 404.html", tc.path)
		}
	}
	if err := os.Remove(filepath.Join(s.Dir, "sitetest-empty-folder")); err != nil && !errors.Is(err, fs.ErrNotExist) {
		t.Fatal(err)
	}
}
