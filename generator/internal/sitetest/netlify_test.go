package sitetest

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/product-roles/handbook/generator/internal/testkit"
)

// netlifyCLI is Netlify's own CLI, pinned in package.json.
const netlifyCLI = "node_modules/.bin/netlify"

func requireNetlify(t testing.TB, root string) {
	t.Helper()
	requireNodeFile(t, root, "netlify-cli/bin/run.js")
	if _, err := exec.LookPath("node"); err != nil {
		missing(t, "node is not on the PATH (netlify-cli needs it)")
	}
}

// netlifyDev serves a built site with `netlify dev` under a netlify.toml,
// on 127.0.0.1:port, offline: no telemetry, no update check, no request
// that could hang on a closed network. stop ends it.
func netlifyDev(root, site, netlifyTOML string, port int) (stop func(), err error) {
	work, err := os.MkdirTemp("", "sitetest-netlify-")
	if err != nil {
		return nil, err
	}
	// The folder holds netlify.toml, and package.json with node_modules, where
	// netlify dev looks for the build plugins netlify.toml names.
	data, err := os.ReadFile(netlifyTOML)
	if err == nil {
		err = os.WriteFile(filepath.Join(work, "netlify.toml"), data, 0o644)
	}
	if err == nil {
		data, err = os.ReadFile(filepath.Join(root, "package.json"))
	}
	if err == nil {
		err = os.WriteFile(filepath.Join(work, "package.json"), data, 0o644)
	}
	if err == nil {
		err = os.Symlink(filepath.Join(root, "node_modules"), filepath.Join(work, "node_modules"))
	}
	if err != nil {
		os.RemoveAll(work)
		return nil, err
	}
	ctx, cancel := context.WithCancel(context.Background())
	cmd := exec.CommandContext(ctx, filepath.Join(root, netlifyCLI), "dev", "--offline", "--internal-disable-edge-functions",
		"--dir", site, "--port", strconv.Itoa(port), "--no-open", "--skip-gitignore")
	cmd.Dir = work
	cmd.Env = append(os.Environ(), "NETLIFY_TELEMETRY_DISABLED=1", "BROWSER=none", "NO_UPDATE_NOTIFIER=1",
		"NETLIFY_SITE_ID=", "NETLIFY_AUTH_TOKEN=")
	cmd.Cancel = func() error { return cmd.Process.Signal(os.Interrupt) }
	cmd.WaitDelay = 5 * time.Second
	var out lockedBuffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		cancel()
		os.RemoveAll(work)
		return nil, fmt.Errorf("start netlify dev: %w", err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	stop = func() {
		cancel()
		<-exited
		os.RemoveAll(work)
	}
	// Ready when it answers with Netlify's server header (it may take a
	// while to start on a busy machine).
	base := "http://127.0.0.1:" + strconv.Itoa(port) + "/"
	deadline := time.Now().Add(3 * time.Minute)
	for time.Now().Before(deadline) {
		select {
		case err := <-exited:
			exited <- err
			stop()
			return nil, fmt.Errorf("netlify dev ended before it served the site (%v):\n%s", err, out.String())
		case <-time.After(250 * time.Millisecond):
		}
		resp, err := http.Get(base)
		if err == nil {
			resp.Body.Close()
			if resp.Header.Get("Server") == "Netlify" {
				return stop, nil
			}
		}
	}
	stop()
	return nil, fmt.Errorf("netlify dev did not serve %s within 3 minutes:\n%s", base, out.String())
}

// freePort is a port on 127.0.0.1 that nothing listens on now.
func freePort() (int, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port, nil
}

// lockedBuffer is a buffer one goroutine writes and another reads.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// securityHeaders are the headers netlify.toml must give every response.
var securityHeaders = map[string]string{
	"Content-Security-Policy":    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'",
	"Strict-Transport-Security":  "max-age=31536000; includeSubDomains",
	"X-Content-Type-Options":     "nosniff",
	"X-Frame-Options":            "DENY",
	"Referrer-Policy":            "strict-origin-when-cross-origin",
	"Permissions-Policy":         "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()",
	"Cross-Origin-Opener-Policy": "same-origin",
}

// netlifyRows are what netlify.toml promises, asked of a server: the
// status, the redirect's target, the 404 page's body, the headers.
var netlifyRows = []struct {
	path     string
	status   int
	location string // for a redirect
}{
	{"/", 200, ""},
	{"/duties/", 200, ""},
	{"/duties/index.html", 200, ""},
	{"/roles/pm/", 301, "/roles/product-manager/"},
	{"/roles/po/", 301, "/roles/product-owner/"},
	{"/no-such-page/", 404, ""},
	{"/css/", 404, ""},
	{"/sitetest-empty-folder/", 404, ""},
}

// netlifyProblems lists where a server differs from netlifyRows.
func netlifyProblems(base, siteDir string) ([]string, error) {
	page404, err := os.ReadFile(filepath.Join(siteDir, "404.html"))
	if err != nil {
		return nil, err
	}
	client := &http.Client{Timeout: 30 * time.Second, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	var out []string
	for _, row := range netlifyRows {
		resp, err := client.Get(strings.TrimSuffix(base, "/") + row.path)
		if err != nil {
			return nil, err
		}
		body, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if err != nil {
			return nil, err
		}
		if resp.StatusCode != row.status {
			out = append(out, fmt.Sprintf("GET %s: status %d, want %d", row.path, resp.StatusCode, row.status))
		}
		if loc := resp.Header.Get("Location"); row.location != "" && strings.TrimPrefix(loc, strings.TrimSuffix(base, "/")) != row.location {
			out = append(out, fmt.Sprintf("GET %s: redirects to %q, want %s", row.path, loc, row.location))
		}
		if row.status == 404 && !bytes.Equal(body, page404) {
			out = append(out, fmt.Sprintf("GET %s: the body is not the site's 404.html", row.path))
		}
		if row.status == 200 {
			for name, want := range securityHeaders {
				if got := resp.Header.Get(name); got != want {
					out = append(out, fmt.Sprintf("GET %s: %s = %q, want %q", row.path, name, got, want))
				}
			}
		}
	}
	return out, nil
}

// The site as Netlify's own CLI serves it under netlify.toml: the
// security headers, the redirects of renamed pages and the 404 page.
func TestNetlifyServesTheSite(t *testing.T) {
	s := site(t)
	if err := os.MkdirAll(filepath.Join(s.Dir, "sitetest-empty-folder"), 0o755); err != nil {
		t.Fatal(err)
	}
	defer os.Remove(filepath.Join(s.Dir, "sitetest-empty-folder"))
	problems, err := netlifyProblems(s.URL, s.Dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range problems {
		t.Error(p)
	}
}

// The test above fails when netlify.toml loses a header or a redirect: a
// copy without X-Frame-Options and without the /roles/po/ redirect, served
// by netlify dev, gives exactly those problems.
func TestNetlifyTestFailsWithoutAHeaderOrARedirect(t *testing.T) {
	s := site(t)
	orig := testkit.Read(t, filepath.Join(s.Root, "netlify.toml"))
	cut := orig
	for _, part := range []string{
		"    X-Frame-Options = \"DENY\"\n",
		"[[redirects]]\n  from = \"/roles/po/\"\n  to = \"/roles/product-owner/\"\n  status = 301\n",
	} {
		if !strings.Contains(cut, part) {
			t.Fatalf("netlify.toml no longer holds %q: update this test", part)
		}
		cut = strings.Replace(cut, part, "", 1)
	}
	toml := filepath.Join(t.TempDir(), "netlify.toml")
	testkit.Write(t, toml, cut)
	port, err := freePort()
	if err != nil {
		t.Fatal(err)
	}
	stop, err := netlifyDev(s.Root, s.Dir, toml, port)
	if err != nil {
		t.Fatal(err)
	}
	defer stop()
	if err := os.MkdirAll(filepath.Join(s.Dir, "sitetest-empty-folder"), 0o755); err != nil {
		t.Fatal(err)
	}
	defer os.Remove(filepath.Join(s.Dir, "sitetest-empty-folder"))
	problems, err := netlifyProblems("http://127.0.0.1:"+strconv.Itoa(port)+"/", s.Dir)
	if err != nil {
		t.Fatal(err)
	}
	got := strings.Join(problems, "\n")
	for _, want := range []string{`GET /: X-Frame-Options = "", want "DENY"`, "GET /roles/po/: status 404, want 301"} {
		if !strings.Contains(got, want) {
			t.Errorf("without it in netlify.toml, the test does not report %q; it reports:\n%s", want, got)
		}
	}
	for _, p := range problems {
		if !strings.Contains(p, "X-Frame-Options") && !strings.Contains(p, "/roles/po/") {
			t.Errorf("an unexpected problem: %s", p)
		}
	}
}
