package sitetest

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	cdplog "github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// One Chromium per test binary, started on first use.
var (
	browserOnce sync.Once
	browserCtx  context.Context
	browserErr  error
)

// browser returns a chromedp context whose browser is running; tabs are
// children of it (newTab).
func browser(t testing.TB) context.Context {
	t.Helper()
	requireChromium(t)
	browserOnce.Do(func() {
		profile, err := os.MkdirTemp("", "sitetest-chromium-")
		if err != nil {
			browserErr = err
			return
		}
		// The flags that work headless as root on these machines (see
		// the notes on browser testing), and a fresh profile.
		opts := []chromedp.ExecAllocatorOption{
			chromedp.ExecPath(chromiumPath),
			chromedp.UserDataDir(profile),
			chromedp.Flag("headless", "new"),
			chromedp.Flag("no-sandbox", true),
			chromedp.Flag("disable-gpu", true),
			chromedp.Flag("disable-quic", true),
			chromedp.Flag("no-first-run", true),
			chromedp.Flag("no-default-browser-check", true),
			chromedp.Flag("disable-background-networking", true),
			chromedp.Flag("disable-component-update", true),
			chromedp.Flag("disable-sync", true),
			chromedp.Flag("disable-dev-shm-usage", true),
			chromedp.Flag("disable-extensions", true),
			chromedp.Flag("hide-scrollbars", true),
			chromedp.Flag("mute-audio", true),
		}
		allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
		ctx, cancel := chromedp.NewContext(allocCtx)
		cleanups = append(cleanups, func() {
			cancel()
			cancelAlloc()
			os.RemoveAll(profile)
		})
		if err := chromedp.Do(ctx); err != nil {
			browserErr = fmt.Errorf("start %s: %w", chromiumPath, err)
			return
		}
		browserCtx = ctx
	})
	if browserErr != nil {
		t.Fatal(browserErr)
	}
	return browserCtx
}

// tab is one browser tab that records what goes wrong while a page loads:
// console errors, uncaught exceptions, failed requests, responses of 400 and
// more, and requests to any host but the test server.
type tab struct {
	ctx    context.Context
	cancel context.CancelFunc

	mu         sync.Mutex
	problems   []string
	inflight   map[network.RequestID]string
	allowed404 string // the URL whose 404 is deliberate (the 404 page)
	requests   int    // requests the tab has made
}

func newTab(t testing.TB) *tab {
	t.Helper()
	ctx, cancel := chromedp.NewContext(browser(t))
	tb := &tab{ctx: ctx, cancel: cancel, inflight: map[network.RequestID]string{}}
	if err := chromedp.Listen(ctx, tb.event); err != nil {
		cancel()
		t.Fatalf("open a tab: %v", err)
	}
	t.Cleanup(cancel)
	return tb
}

func (tb *tab) addf(format string, args ...any) {
	tb.problems = append(tb.problems, fmt.Sprintf(format, args...))
}

// event runs on chromedp's reading goroutine: it must be quick.
func (tb *tab) event(ev any) {
	tb.mu.Lock()
	defer tb.mu.Unlock()
	switch e := ev.(type) {
	case *runtime.EventConsoleAPICalled:
		if e.Type == runtime.ConsoleAPICalledTypeError || e.Type == runtime.ConsoleAPICalledTypeAssert {
			var args []string
			for _, a := range e.Args {
				args = append(args, remoteText(a))
			}
			tb.addf("console.%s: %s", e.Type, strings.Join(args, " "))
		}
	case *runtime.EventExceptionThrown:
		d := e.ExceptionDetails
		text := d.Text
		if d.Exception != nil && d.Exception.Description != "" {
			text += " " + d.Exception.Description
		}
		tb.addf("uncaught exception at %s:%d: %s", d.URL, d.LineNumber+1, text)
	case *cdplog.EventEntryAdded:
		en := e.Entry
		if en.Level != cdplog.EntryLevelError {
			return
		}
		if en.Source == cdplog.EntrySourceNetwork && tb.allowed404 != "" && en.URL == tb.allowed404 {
			return // the browser logs the 404 status of the deliberate 404 page
		}
		tb.addf("console %s error: %s (%s)", en.Source, en.Text, en.URL)
	case *network.EventRequestWillBeSent:
		u := e.Request.URL
		if !local(u) {
			tb.addf("request to another origin: %s %s", e.Request.Method, u)
		}
		tb.inflight[e.RequestID] = u
		tb.requests++
	case *network.EventResponseReceived:
		r := e.Response
		if r.Status >= 400 && !(r.URL == tb.allowed404 && r.Status == 404 && e.Type == network.ResourceTypeDocument) {
			tb.addf("HTTP %d for %s", r.Status, r.URL)
		}
	case *network.EventLoadingFinished:
		delete(tb.inflight, e.RequestID)
	case *network.EventLoadingFailed:
		u := tb.inflight[e.RequestID]
		delete(tb.inflight, e.RequestID)
		tb.addf("request failed: %s: %s%s", u, e.ErrorText, map[bool]string{true: " (canceled)"}[e.Canceled])
	}
}

// remoteText is how a console argument reads.
func remoteText(o *runtime.RemoteObject) string {
	if o == nil {
		return ""
	}
	if len(o.Value) > 0 {
		return string(o.Value)
	}
	if o.Description != "" {
		return o.Description
	}
	return string(o.Type)
}

// local reports whether a request stays on the test server. Only http(s)
// and ws(s) URLs go over the network.
func local(raw string) bool {
	u, err := url.Parse(raw)
	if err != nil {
		return false
	}
	switch u.Scheme {
	case "http", "https", "ws", "wss":
		return u.Hostname() == "127.0.0.1"
	case "data", "blob", "about":
		return true
	}
	return false
}

// open navigates to the URL and waits until the page has loaded and the
// network has been quiet for a moment. It returns the document's status.
// Anything recorded before is forgotten.
func (tb *tab) open(u string, deliberate404 bool) (int64, error) {
	tb.mu.Lock()
	tb.problems = nil
	tb.inflight = map[network.RequestID]string{}
	tb.allowed404 = ""
	if deliberate404 {
		tb.allowed404 = u
	}
	tb.mu.Unlock()
	ctx, cancel := context.WithTimeout(tb.ctx, 30*time.Second)
	defer cancel()
	resp, err := chromedp.Run(ctx, chromedp.NavigateResponse(u))
	if err != nil {
		return 0, fmt.Errorf("open %s: %w", u, err)
	}
	tb.settle(ctx)
	return resp.Status, nil
}

// settle waits until no request has been in flight for 150 ms (at most 5 s).
func (tb *tab) settle(ctx context.Context) {
	deadline := time.Now().Add(5 * time.Second)
	quiet := 0
	for time.Now().Before(deadline) && quiet < 3 && ctx.Err() == nil {
		time.Sleep(50 * time.Millisecond)
		tb.mu.Lock()
		n := len(tb.inflight)
		tb.mu.Unlock()
		if n == 0 {
			quiet++
		} else {
			quiet = 0
		}
	}
}

// takeProblems returns what went wrong since the last open and forgets it.
func (tb *tab) takeProblems() []string {
	tb.mu.Lock()
	defer tb.mu.Unlock()
	p := tb.problems
	tb.problems = nil
	return p
}

// view is a viewport and the media the page is shown with.
type view struct {
	Name   string
	Width  int64
	Height int64
	Scheme string // prefers-color-scheme: light or dark
	Media  string // "" (screen) or "print"
	Axe    bool   // the page sweep runs axe-core in this view (layout checks run in every view)
}

// The views of the page sweep: a phone, a tablet and a laptop, light and
// dark. axe-core runs on the phone and the laptop; the tablet adds nothing
// to its findings but time, so it gets the layout checks only.
var (
	lightWide   = view{"light 1280px", 1280, 800, "light", "", true}
	darkWide    = view{"dark 1280px", 1280, 800, "dark", "", true}
	lightMid    = view{"light 768px", 768, 1024, "light", "", false}
	darkMid     = view{"dark 768px", 768, 1024, "dark", "", false}
	darkNarrow  = view{"dark 390px", 390, 844, "dark", "", true}
	lightNarrow = view{"light 390px", 390, 844, "light", "", true}

	sweepViews = []view{lightWide, darkWide, lightMid, darkMid, darkNarrow, lightNarrow}
)

// emulate shows the page in the view; the page need not reload.
func (tb *tab) emulate(v view) error {
	ctx, cancel := context.WithTimeout(tb.ctx, 10*time.Second)
	defer cancel()
	if _, err := chromedp.Call(ctx, emulation.SetDeviceMetricsOverride, emulation.SetDeviceMetricsOverrideParams{
		Width: v.Width, Height: v.Height, DeviceScaleFactor: 1,
	}); err != nil {
		return fmt.Errorf("set viewport %s: %w", v.Name, err)
	}
	if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
		Media:    v.Media,
		Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: v.Scheme}},
	}); err != nil {
		return fmt.Errorf("emulate media %s: %w", v.Name, err)
	}
	return nil
}

// eval evaluates a JavaScript expression in the page; promises are awaited.
func eval[T any](tb *tab, expr string) (T, error) {
	ctx, cancel := context.WithTimeout(tb.ctx, 60*time.Second)
	defer cancel()
	return chromedp.Run(ctx, chromedp.Evaluate[T](expr, chromedp.EvalAwaitPromise))
}

// need runs the test only where the browser is; s is the served site.
func needBrowser(t *testing.T) (*builtSite, *tab) {
	t.Helper()
	requireChromium(t)
	s := site(t)
	return s, newTab(t)
}
