package serve

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/product-roles/handbook/generator/internal/layout"
	"github.com/product-roles/handbook/generator/internal/pipeline"
	"github.com/product-roles/handbook/generator/internal/testkit"
)

func start(t *testing.T) (dir, base string) {
	t.Helper()
	dir = testkit.Project(t, filepath.Join(testkit.Root(t), "generator", "internal", "testdata", "mini"))
	ctx, cancel := context.WithCancel(context.Background())
	addr := make(chan string, 1)
	done := make(chan error, 1)
	go func() {
		done <- Run(ctx, Config{Options: pipeline.Options{Layout: layout.Resolve(layout.Flags{Project: dir})}, Bind: "127.0.0.1", Port: 0}, func(a string) { addr <- a })
	}()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("Run: %v", err)
		}
	})
	select {
	case a := <-addr:
		return dir, "http://" + a
	case err := <-done:
		t.Fatalf("Run ended early: %v", err)
	case <-time.After(60 * time.Second):
		t.Fatal("server did not start")
	}
	return "", ""
}

func get(t *testing.T, url string) (int, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body)
}

// An edit is rebuilt and served; the page is told to reload. No sleeps:
// the test waits on the reload event.
func TestServeRebuildsAfterEdit(t *testing.T) {
	dir, base := start(t)
	code, body := get(t, base+"/duties/pricing/")
	if code != 200 || !strings.Contains(body, "Setting the price.") {
		t.Fatalf("before: %d %q", code, body)
	}
	if !strings.Contains(body, ScriptPath) {
		t.Error("page has no live-reload script")
	}

	resp, err := http.Get(base + EventsPath)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	events := bufio.NewReader(resp.Body)
	waitFor := func(prefix string) {
		t.Helper()
		for {
			line, err := events.ReadString('\n')
			if err != nil {
				t.Fatalf("event stream: %v", err)
			}
			if strings.HasPrefix(line, prefix) {
				return
			}
		}
	}
	waitFor("event: hello")

	path := filepath.Join(dir, "content", "duties", "pricing.md")
	data := testkit.Read(t, path)
	if err := os.WriteFile(path, []byte(strings.Replace(data, "Setting the price.", "Deciding what customers pay.", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	waitFor("event: reload")
	_, body = get(t, base+"/duties/pricing/")
	if !strings.Contains(body, "Deciding what customers pay.") {
		t.Errorf("after the edit the page still reads: %q", body)
	}
	// The duty matrix follows too.
	if _, m := get(t, base+"/duties/"); !strings.Contains(m, "Pricing") {
		t.Error("duty matrix missing after rebuild")
	}
}

func TestServeRefusesTraversalAndUnknownPaths(t *testing.T) {
	_, base := start(t)
	for _, tc := range []struct {
		path string
		code int
	}{
		{"/", 200},
		{"/duties/pricing/", 200},
		{"/nope/", 404},
		{"/%2e%2e/%2e%2e/etc/passwd", 400},
		{"/duties/..%2f..%2fhandbook.toml", 400},
	} {
		code, _ := get(t, base+tc.path)
		if code != tc.code {
			t.Errorf("GET %s: %d, want %d", tc.path, code, tc.code)
		}
	}
	code, _ := get(t, base+"/duties")
	if code != 200 { // redirected to /duties/
		t.Errorf("GET /duties: %d", code)
	}
}

// 200 concurrent clients for 5 seconds, only against 127.0.0.1, while the
// site rebuilds: every request succeeds and every page is whole.
func TestServeUnderLoadDuringRebuilds(t *testing.T) {
	if testing.Short() {
		t.Skip("load test")
	}
	dir, base := start(t)
	client := &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: 200, MaxConnsPerHost: 200}}
	paths := []string{"/", "/duties/", "/duties/pricing/", "/roles/alpha/", "/ladders/pm-track/", "/search/index.json"}
	deadline := time.Now().Add(5 * time.Second)
	var requests, failures atomic.Int64
	var firstErr atomic.Value
	var wg sync.WaitGroup
	for c := 0; c < 200; c++ {
		wg.Add(1)
		go func(c int) {
			defer wg.Done()
			for i := 0; time.Now().Before(deadline); i++ {
				p := paths[(c+i)%len(paths)]
				resp, err := client.Get(base + p)
				requests.Add(1)
				if err != nil {
					failures.Add(1)
					firstErr.CompareAndSwap(nil, err.Error())
					continue
				}
				body, err := io.ReadAll(resp.Body)
				resp.Body.Close()
				whole := strings.HasSuffix(p, ".json") || strings.Contains(string(body), "</html>")
				if err != nil || resp.StatusCode != 200 || !whole {
					failures.Add(1)
					firstErr.CompareAndSwap(nil, fmt.Sprintf("%s: %d %v", p, resp.StatusCode, err))
				}
			}
		}(c)
	}
	// Meanwhile, edits: each one rebuilds the site.
	path := filepath.Join(dir, "content", "duties", "pricing.md")
	orig := testkit.Read(t, path)
	for i := 0; time.Now().Before(deadline.Add(-500 * time.Millisecond)); i++ {
		os.WriteFile(path, []byte(strings.Replace(orig, "Setting the price.", fmt.Sprintf("Setting the price, take %d.", i), 1)), 0o644)
		time.Sleep(400 * time.Millisecond)
	}
	wg.Wait()
	t.Logf("%d requests, %d failures", requests.Load(), failures.Load())
	if failures.Load() > 0 {
		t.Errorf("%d of %d requests failed; first: %v", failures.Load(), requests.Load(), firstErr.Load())
	}
	if requests.Load() < 1000 {
		t.Errorf("only %d requests in 5 seconds", requests.Load())
	}
}

// A rebuild that fails sends every open page the errors, each with its
// place, hint and source line; a page opened meanwhile gets them on
// connecting; the next good build sends none. Every response carries the CSP.
func TestServeSendsBuildErrors(t *testing.T) {
	dir, base := start(t)
	listen := func() (*bufio.Reader, func()) {
		resp, err := http.Get(base + EventsPath)
		if err != nil {
			t.Fatal(err)
		}
		if resp.Header.Get("Content-Security-Policy") != CSP {
			t.Errorf("events: CSP %q", resp.Header.Get("Content-Security-Policy"))
		}
		return bufio.NewReader(resp.Body), func() { resp.Body.Close() }
	}
	next := func(r *bufio.Reader) reload {
		t.Helper()
		for {
			line, err := r.ReadString('\n')
			if err != nil {
				t.Fatalf("event stream: %v", err)
			}
			if data, ok := strings.CutPrefix(line, "data: {"); ok {
				var ev reload
				if err := json.Unmarshal([]byte("{"+data), &ev); err != nil {
					t.Fatal(err)
				}
				return ev
			}
		}
	}
	open, closeOpen := listen()
	defer closeOpen()
	path := filepath.Join(dir, "content", "duties", "pricing.md")
	good := testkit.Read(t, path)
	testkit.Write(t, path, strings.Replace(good, "  alpha: leads", "  alpha: owns", 1))
	want := Problem{At: "content/duties/pricing.md:6:10", Severity: "error", Source: "  alpha: owns"}
	check := func(who string, ev reload) {
		t.Helper()
		if len(ev.Errors) == 0 || ev.Pages == nil || len(ev.Pages) != 0 {
			t.Fatalf("%s: %+v, want errors and no page to reload", who, ev)
		}
		e := ev.Errors[0]
		if !strings.HasPrefix(e.At, "content/duties/pricing.md:6:") || e.Source != want.Source || e.Hint == "" || !strings.Contains(e.Message, `"owns"`) {
			t.Errorf("%s: %+v, want like %+v with a hint", who, e, want)
		}
	}
	check("an open page", next(open))
	late, closeLate := listen()
	defer closeLate()
	check("a page opened later", next(late))
	testkit.Write(t, path, good)
	for _, r := range []*bufio.Reader{open, late} {
		if ev := next(r); ev.Errors != nil {
			t.Errorf("after the fix: %+v", ev)
		}
	}
	for _, p := range []string{ScriptPath, StylePath, "/duties/pricing/"} {
		resp, err := http.Get(base + p)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != 200 || resp.Header.Get("Content-Security-Policy") != CSP {
			t.Errorf("%s: %d, CSP %q", p, resp.StatusCode, resp.Header.Get("Content-Security-Policy"))
		}
	}
}

// Issue 32, 10: a request addressed to a domain name (DNS rebinding: a
// page on another site whose name now resolves to this machine) is
// refused; an IP address or localhost is served.
func TestServeRefusesOtherHosts(t *testing.T) {
	_, base := start(t)
	port := base[strings.LastIndex(base, ":")+1:]
	for _, tc := range []struct {
		host string
		code int
	}{
		{"127.0.0.1:" + port, 200},
		{"localhost:" + port, 200},
		{"localhost", 200},
		{"preview.localhost:" + port, 200},
		{"[::1]:" + port, 200},
		{"192.168.1.20:" + port, 200},
		{"evil.example", 403},
		{"evil.example:" + port, 403},
		{"127.0.0.1.evil.example", 403},
	} {
		req, _ := http.NewRequest(http.MethodGet, base+"/", nil)
		req.Host = tc.host
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != tc.code {
			t.Errorf("Host %q: %d, want %d", tc.host, resp.StatusCode, tc.code)
		}
	}
}

// A bind address other machines can reach is served with a warning.
func TestServeWarnsOnANetworkBind(t *testing.T) {
	for _, tc := range []struct {
		bind string
		warn bool
	}{{"127.0.0.1", false}, {"0.0.0.0", true}} {
		dir := testkit.Project(t, filepath.Join(testkit.Root(t), "generator", "internal", "testdata", "mini"))
		ctx, cancel := context.WithCancel(context.Background())
		var log strings.Builder
		done := make(chan error, 1)
		go func() {
			done <- Run(ctx, Config{Options: pipeline.Options{Layout: layout.Resolve(layout.Flags{Project: dir})}, Bind: tc.bind, Port: 0, Log: &log}, func(string) { cancel() })
		}()
		if err := <-done; err != nil {
			t.Fatalf("Run on %s: %v", tc.bind, err)
		}
		if got := strings.Contains(log.String(), "warning: serving on"); got != tc.warn {
			t.Errorf("bind %s: warning %v, want %v\n%s", tc.bind, got, tc.warn, log.String())
		}
	}
}
