package sitetest

import (
	"bytes"
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"gopkg.in/yaml.v3"

	"github.com/product-roles/handbook/generator/internal/build"
	"github.com/product-roles/handbook/generator/internal/testkit"
)

// frontAndBody splits a content file.
func frontAndBody(t *testing.T, data []byte) (map[string]any, string) {
	t.Helper()
	rest, ok := bytes.CutPrefix(data, []byte("---\n"))
	i := bytes.Index(rest, []byte("\n---\n"))
	if !ok || i < 0 {
		t.Fatalf("no front matter in %q", data)
	}
	var m map[string]any
	if err := yaml.Unmarshal(rest[:i], &m); err != nil {
		t.Fatal(err)
	}
	return m, string(rest[i+5:])
}

// The editor on a temporary clone, through decap-server (its local
// backend): a duty's ownership and a level's expectation are changed with
// the forms and saved; exactly those values change on disk, the bodies stay
// byte for byte, and check passes. An edit check would refuse is refused.
func TestCMSEditsThroughDecapServer(t *testing.T) {
	root := testkit.Root(t)
	requireChromium(t)
	server := requireNodeFile(t, root, "decap-server/dist/index.js")
	requireNodeFile(t, root, "decap-cms/dist/decap-cms.js")
	node, err := exec.LookPath("node")
	if err != nil {
		missing(t, "node is not installed")
	}
	clone := filepath.Join(t.TempDir(), "repo")
	if out, err := exec.Command("git", "clone", "-q", root, clone).CombinedOutput(); err != nil {
		t.Fatalf("git clone: %v\n%s", err, out)
	}
	if err := os.Symlink(filepath.Join(root, "node_modules"), filepath.Join(clone, "node_modules")); err != nil {
		t.Fatal(err)
	}
	free := func() net.Listener {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		return ln
	}
	dl := free()
	backend := dl.Addr().String()
	dl.Close()
	requireNetlify(t, root)
	port, err := freePort()
	if err != nil {
		t.Fatal(err)
	}
	host := net.JoinHostPort("127.0.0.1", strconv.Itoa(port))

	buildEditor(t, clone, root, port, backend)

	cmd := exec.Command(node, server)
	cmd.Env = append(os.Environ(), "PORT="+strings.Split(backend, ":")[1], "BIND_HOST=127.0.0.1", "GIT_REPO_DIRECTORY="+clone, "LOG_LEVEL=warn")
	var logs bytes.Buffer
	cmd.Stdout, cmd.Stderr = &logs, &logs
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	for start := time.Now(); ; time.Sleep(200 * time.Millisecond) {
		if c, err := net.Dial("tcp", backend); err == nil {
			c.Close()
			break
		}
		if time.Since(start) > 30*time.Second {
			t.Fatalf("decap-server did not start: %s", logs.String())
		}
	}

	tb := newTab(t)
	wait := func(what, expr string) {
		t.Helper()
		for deadline := time.Now().Add(90 * time.Second); time.Now().Before(deadline); time.Sleep(300 * time.Millisecond) {
			if ok, _ := eval[bool](tb, expr); ok {
				return
			}
		}
		text, _ := eval[string](tb, "document.body.innerText.slice(0, 2000)")
		t.Fatalf("waited for %s; the page shows %q", what, text)
	}
	click := func(text string) {
		t.Helper()
		wait("a "+text+" button", fmt.Sprintf(`[...document.querySelectorAll('button, [role=button], [role=menuitem], span')].some(b => b.textContent.trim() === %q)`, text))
		if _, err := eval[bool](tb, fmt.Sprintf(`(() => { const b = [...document.querySelectorAll('button, [role=button], [role=menuitem], span')].filter(b => b.textContent.trim() === %q).pop(); b.click(); return true })()`, text)); err != nil {
			t.Fatal(err)
		}
	}
	// fieldID is the id of the form control labelled "... (<id>)" or "<label>".
	fieldID := func(label string) string {
		t.Helper()
		expr := fmt.Sprintf(`(() => { const l = [...document.querySelectorAll('label')].find(l => l.textContent === %[1]q || l.textContent.startsWith(%[1]q + ' (optional') || l.textContent.includes('(' + %[1]q + ')')); return l ? l.htmlFor : '' })()`, label)
		wait("the field "+label, expr+" !== ''")
		id, err := eval[string](tb, expr)
		if err != nil {
			t.Fatal(err)
		}
		return id
	}
	setText := func(id, value string) {
		t.Helper()
		if _, err := eval[bool](tb, fmt.Sprintf(`(() => { const el = document.getElementById(%q);
			const set = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(el), 'value').set;
			set.call(el, %q); el.dispatchEvent(new Event('input', {bubbles: true})); return true })()`, id, value)); err != nil {
			t.Fatal(err)
		}
	}
	read := func(rel string) []byte {
		data, err := os.ReadFile(filepath.Join(clone, rel))
		if err != nil {
			t.Fatal(err)
		}
		return data
	}
	save := func(rel string, before []byte) []byte {
		t.Helper()
		click("Publish")
		click("Publish now")
		for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(300 * time.Millisecond) {
			if after := read(rel); !bytes.Equal(after, before) {
				time.Sleep(300 * time.Millisecond)
				return read(rel)
			}
		}
		text, _ := eval[string](tb, "document.body.innerText.slice(0, 2000)")
		t.Fatalf("%s did not change on disk; the page shows %q; decap-server: %s", rel, text, logs.String())
		return nil
	}
	open := func(hash string) {
		t.Helper()
		// A fresh page for every file: Decap keeps the login.
		_, _ = eval[bool](tb, fmt.Sprintf(`(() => { location.hash = %q; location.reload(); return true })()`, hash))
		time.Sleep(2 * time.Second)
		wait("the file's form", `(document.querySelector('input[id^="title-field"]') || {value: ''}).value.length > 0`)
	}

	if _, err := tb.open("http://"+host+"/admin/", false); err != nil {
		t.Fatal(err)
	}
	click("Login")
	wait("the collections", `document.body.innerText.includes('Duties')`)

	// A duty's ownership: the Product Manager is no longer involved in backlog
	// ordering (the Product Owner keeps the lead, so the ladder linter's
	// one-lead rule still holds).
	duty := "content/duties/backlog-ordering.md"
	dutyBefore := read(duty)
	open("#/collections/duties/entries/backlog-ordering")
	po := fieldID("product-manager")
	ctxT, cancelT := context.WithTimeout(tb.ctx, 30*time.Second)
	if _, err := chromedp.Run(ctxT, chromedp.Click(chromedp.CSS("#"+po))); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Run(ctxT, chromedp.SendKeys(chromedp.CSS("#"+po), "none\r")); err != nil {
		t.Fatal(err)
	}
	cancelT()
	dutyAfter := save(duty, dutyBefore)

	// A level's expectation.
	level := "content/ladders/product-management/senior-product-manager.md"
	levelBefore := read(level)
	open("#/collections/levels-product-management/entries/senior-product-manager")
	const expectation = "Runs discovery for a product area and turns what customers say into decisions the team can act on."
	setText(fieldID("customer-insight"), expectation)
	levelAfter := save(level, levelBefore)

	for _, c := range []struct {
		file          string
		before, after []byte
		field, key    string
		want          string
	}{
		{duty, dutyBefore, dutyAfter, "ownership", "product-manager", "none"},
		{level, levelBefore, levelAfter, "expectations", "customer-insight", expectation},
	} {
		fb, bb := frontAndBody(t, c.before)
		fa, ba := frontAndBody(t, c.after)
		if ba != bb {
			t.Errorf("%s: the body changed", c.file)
		}
		if got := fa[c.field].(map[string]any)[c.key]; got != c.want {
			t.Errorf("%s: %s.%s = %v, want %q", c.file, c.field, c.key, got, c.want)
		}
		fb[c.field].(map[string]any)[c.key] = c.want
		if fmt.Sprint(fa) != fmt.Sprint(fb) {
			t.Errorf("%s: more than %s.%s changed:\nbefore %v\nafter  %v", c.file, c.field, c.key, fb, fa)
		}
		diff, _ := exec.Command("git", "-C", clone, "diff", "-U0", "--", c.file).Output()
		t.Logf("what Decap wrote in %s:\n%s", c.file, diff)
	}
	if st, _ := exec.Command("git", "-C", clone, "status", "--porcelain", "--untracked-files=no").Output(); strings.Count(strings.TrimSpace(string(st)), "\n") != 1 {
		t.Errorf("files changed besides the two edited:\n%s", st)
	}
	rep := &build.Report{}
	b, err := build.New()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := b.Check(build.Options{ProjectDir: clone}, rep); err != nil || rep.Diags.Errors() > 0 || rep.Diags.Warnings() > 0 {
		t.Errorf("check on the edited clone: %v\n%v", err, rep.Diags)
	}

	// The edits ran with no policy violation, console error or request to
	// another origin than the site and the local backend.
	for _, p := range tb.takeProblems() {
		t.Errorf("/admin/: %s", p)
	}

	// What check refuses, the form refuses: a source's link that is not an
	// address, with check's words; nothing is written.
	src := "content/sources/seed-bluebird.md"
	srcBefore := read(src)
	open("#/collections/sources/entries/seed-bluebird")
	setText(fieldID("Link"), "bluebird dot com")
	click("Publish")
	click("Publish now")
	wait("the form's message", `document.body.textContent.includes('link is not in the expected form: write a full http:// or https:// address')`)
	time.Sleep(time.Second)
	if !bytes.Equal(read(src), srcBefore) {
		t.Errorf("%s was written with a link check refuses", src)
	}
	// Decap rejects the refused save's promise (an uncaught rejection in its
	// bundle); anything else is a failure.
	for _, p := range tb.takeProblems() {
		if !strings.Contains(p, "/admin/decap-cms.js") || !strings.Contains(p, "Uncaught (in promise)") {
			t.Errorf("/admin/: %s", p)
		}
	}
}
