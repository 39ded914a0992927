package sitetest

import (
	"bytes"
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"gopkg.in/yaml.v3"

	"github.com/product-roles/handbook/generator/internal/fork"
	"github.com/product-roles/handbook/generator/internal/layout"
	"github.com/product-roles/handbook/generator/internal/pipeline"
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

// editorSession is the content editor in Chromium on a temporary clone of
// the project, saving through decap-server (its local backend), logged in.
type editorSession struct {
	t     *testing.T
	root  string // the project the test runs in
	clone string // the temporary clone the editor writes to
	site  *builtSite
	tb    *tab
	logs  *bytes.Buffer
	// checked is what check said on the clone before the edits: no error.
	checked []string
}

// startEditor clones the project, lets setup change the clone (a fork adds
// its overlay), builds it with the editor, starts decap-server on the clone
// and logs in.
func startEditor(t *testing.T, setup func(clone string)) *editorSession {
	t.Helper()
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
	if setup != nil {
		setup(clone)
	}
	checked := checkClone(t, clone)
	for _, d := range checked {
		if strings.Contains(d, ": error: ") {
			t.Fatalf("check on the clone before the edits: %s", d)
		}
	}
	dl, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	backend := dl.Addr().String()
	dl.Close()
	requireNetlify(t, root)
	port, err := freePort()
	if err != nil {
		t.Fatal(err)
	}
	site := buildEditor(t, clone, root, port, backend)

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
	e := &editorSession{t: t, root: root, clone: clone, site: site, tb: newTab(t), logs: &logs, checked: checked}
	if _, err := e.tb.open(site.URL+"admin/", false); err != nil {
		t.Fatal(err)
	}
	e.click("Login")
	e.wait("the collections", `document.body.innerText.includes('Duties')`)
	return e
}

func (e *editorSession) wait(what, expr string) {
	e.t.Helper()
	for deadline := time.Now().Add(90 * time.Second); time.Now().Before(deadline); time.Sleep(300 * time.Millisecond) {
		if ok, _ := eval[bool](e.tb, expr); ok {
			return
		}
	}
	text, _ := eval[string](e.tb, "document.body.innerText.slice(0, 2000)")
	e.t.Fatalf("waited for %s; the page shows %q", what, text)
}

func (e *editorSession) click(text string) {
	e.t.Helper()
	e.wait("a "+text+" button", fmt.Sprintf(`[...document.querySelectorAll('button, [role=button], [role=menuitem], span')].some(b => b.textContent.trim() === %q)`, text))
	if _, err := eval[bool](e.tb, fmt.Sprintf(`(() => { const b = [...document.querySelectorAll('button, [role=button], [role=menuitem], span')].filter(b => b.textContent.trim() === %q).pop(); b.click(); return true })()`, text)); err != nil {
		e.t.Fatal(err)
	}
}

// fieldID is the id of the form control labelled "... (<id>)" or "<label>".
func (e *editorSession) fieldID(label string) string {
	e.t.Helper()
	expr := fmt.Sprintf(`(() => { const l = [...document.querySelectorAll('label')].find(l => l.textContent === %[1]q || l.textContent.startsWith(%[1]q + ' (optional') || l.textContent.includes('(' + %[1]q + ')')); return l ? l.htmlFor : '' })()`, label)
	e.wait("the field "+label, expr+" !== ''")
	id, err := eval[string](e.tb, expr)
	if err != nil {
		e.t.Fatal(err)
	}
	return id
}

func (e *editorSession) setText(id, value string) {
	e.t.Helper()
	if _, err := eval[bool](e.tb, fmt.Sprintf(`(() => { const el = document.getElementById(%q);
		const set = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(el), 'value').set;
		set.call(el, %q); el.dispatchEvent(new Event('input', {bubbles: true})); return true })()`, id, value)); err != nil {
		e.t.Fatal(err)
	}
}

// choose picks an option of a select field by typing it.
func (e *editorSession) choose(id, value string) {
	e.t.Helper()
	ctx, cancel := context.WithTimeout(e.tb.ctx, 30*time.Second)
	defer cancel()
	if _, err := chromedp.Run(ctx, chromedp.Click(chromedp.CSS("#"+id))); err != nil {
		e.t.Fatal(err)
	}
	if _, err := chromedp.Run(ctx, chromedp.SendKeys(chromedp.CSS("#"+id), value+"\r")); err != nil {
		e.t.Fatal(err)
	}
}

func (e *editorSession) read(rel string) []byte {
	e.t.Helper()
	data, err := os.ReadFile(filepath.Join(e.clone, filepath.FromSlash(rel)))
	if err != nil {
		e.t.Fatal(err)
	}
	return data
}

// save publishes the open entry and returns rel once it changed on disk.
func (e *editorSession) save(rel string, before []byte) []byte {
	e.t.Helper()
	e.click("Publish")
	e.click("Publish now")
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(300 * time.Millisecond) {
		if after := e.read(rel); !bytes.Equal(after, before) {
			time.Sleep(300 * time.Millisecond)
			return e.read(rel)
		}
	}
	text, _ := eval[string](e.tb, "document.body.innerText.slice(0, 2000)")
	e.t.Fatalf("%s did not change on disk; the page shows %q; decap-server: %s", rel, text, e.logs.String())
	return nil
}

// open loads an entry's form at the editor's address hash.
func (e *editorSession) open(hash string) {
	e.t.Helper()
	// A fresh page for every file: Decap keeps the login.
	_, _ = eval[bool](e.tb, fmt.Sprintf(`(() => { location.hash = %q; location.reload(); return true })()`, hash))
	time.Sleep(2 * time.Second)
	e.wait("the file's form", `(document.querySelector('input[id^="title-field"]') || {value: ''}).value.length > 0`)
}

// editDutyAndLevel changes, with the forms, a duty's ownership and a
// level's expectation in dir (where the editor keeps them: "content", or a
// fork's "company/content") and saves each: the Product Manager is no longer
// involved in backlog ordering (the Product Owner keeps the lead, so the
// ladder linter's one-lead rule still holds), and the level
// ("<track>/<id>") expects this of customer insight. Then onlyChanged.
func (e *editorSession) editDutyAndLevel(dir, level, expectation string) {
	e.t.Helper()
	duty := dir + "/duties/backlog-ordering.md"
	dutyBefore := e.read(duty)
	e.open("#/collections/duties/entries/backlog-ordering")
	e.choose(e.fieldID("product-manager"), "none")
	dutyAfter := e.save(duty, dutyBefore)

	file := dir + "/ladders/" + level + ".md"
	levelBefore := e.read(file)
	track, id, _ := strings.Cut(level, "/")
	e.open("#/collections/levels-" + track + "/entries/" + id)
	e.setText(e.fieldID("customer-insight"), expectation)
	e.onlyChanged([]edit{
		{duty, dutyBefore, dutyAfter, "ownership", "product-manager", "none"},
		{file, levelBefore, e.save(file, levelBefore), "expectations", "customer-insight", expectation},
	})
}

// refused sets the field labelled label to value in the open form and
// tries to save: the form shows message and rel stays as it was.
func (e *editorSession) refused(rel, label, value, message string) {
	e.t.Helper()
	before := e.read(rel)
	e.setText(e.fieldID(label), value)
	e.click("Publish")
	e.click("Publish now")
	e.wait("the form's message "+message, fmt.Sprintf(`document.body.textContent.includes(%q)`, message))
	time.Sleep(time.Second)
	if !bytes.Equal(e.read(rel), before) {
		e.t.Errorf("%s was written with %s %q", rel, label, value)
	}
}

// edit is one value changed with the form: file's field.key is want now.
type edit struct {
	file          string
	before, after []byte
	field, key    string
	want          string
}

// onlyChanged asserts that each edit changed exactly its value (the body
// byte for byte the same), that no other file changed, and that check says
// after the edits exactly what it said before them.
func (e *editorSession) onlyChanged(edits []edit) {
	e.t.Helper()
	t := e.t
	for _, c := range edits {
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
		diff, _ := exec.Command("git", "-C", e.clone, "diff", "-U0", "--", c.file).Output()
		t.Logf("what Decap wrote in %s:\n%s", c.file, diff)
	}
	st, _ := exec.Command("git", "-C", e.clone, "status", "--porcelain").Output()
	var changed []string
	for _, l := range strings.Split(strings.TrimSpace(string(st)), "\n") {
		if l != "" && !strings.HasSuffix(l, " node_modules") {
			changed = append(changed, l)
		}
	}
	if len(changed) != len(edits) {
		t.Errorf("files changed besides the %d edited:\n%s", len(edits), strings.Join(changed, "\n"))
	}
	if after := checkClone(t, e.clone); !slices.Equal(after, e.checked) {
		t.Errorf("check on the edited clone says\n%s\nwhere before the edits it said\n%s", strings.Join(after, "\n"), strings.Join(e.checked, "\n"))
	}
}

// checkClone runs check on dir and returns what it says, without the
// positions (a save may wrap lines), sorted.
func checkClone(t *testing.T, dir string) []string {
	t.Helper()
	rep := &pipeline.Report{}
	b, err := pipeline.New()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := b.Check(pipeline.Options{Layout: layout.Resolve(layout.Flags{Project: dir})}, rep); err != nil {
		t.Fatalf("check on %s: %v\n%v", dir, err, rep.Diags)
	}
	var out []string
	for _, d := range rep.Diags {
		out = append(out, fmt.Sprintf("%s: %s: %s", d.File, d.Severity, d.Message))
	}
	slices.Sort(out)
	return out
}

// The editor on a temporary clone, through decap-server (its local
// backend): a duty's ownership and a level's expectation are changed with
// the forms and saved; exactly those values change on disk, the bodies stay
// byte for byte, and check passes. An edit check would refuse is refused.
func TestCMSEditsThroughDecapServer(t *testing.T) {
	e := startEditor(t, nil)
	if len(e.checked) > 0 {
		t.Fatalf("check on the clone, before the edits:\n%s", strings.Join(e.checked, "\n"))
	}

	e.editDutyAndLevel("content", "product-management/senior-product-manager",
		"Runs discovery for a product area and turns what customers say into decisions the team can act on.")

	// The edits ran with no policy violation, console error or request to
	// another origin than the site and the local backend.
	for _, p := range e.tb.takeProblems() {
		t.Errorf("/admin/: %s", p)
	}

	// What check refuses, the form refuses: a source's link that is not an
	// address, with check's words; nothing is written. A required field
	// emptied (in the same form: Decap asks before leaving unsaved changes)
	// is refused too, in Decap's words (its configuration has no message for
	// a missing value: CONTRIBUTING.md).
	src := "content/sources/seed-bluebird.md"
	e.open("#/collections/sources/entries/seed-bluebird")
	e.refused(src, "Link", "bluebird dot com", "link is not in the expected form: write a full http:// or https:// address")
	e.refused(src, "Title", "", "Title is required.")
	// Decap rejects the refused save's promise (an uncaught rejection in its
	// bundle); anything else is a failure.
	for _, p := range e.tb.takeProblems() {
		if !strings.Contains(p, "/admin/decap-cms.js") || !strings.Contains(p, "Uncaught (in promise)") {
			t.Errorf("/admin/: %s", p)
		}
	}
}

// In a fork, the editor edits the overlay: every collection's folder and
// file is under company/content/. An upstream duty the fork has copied with
// override and a level of a track the fork adds are changed with the forms
// and saved in company/content/; content/ stays byte for byte the same,
// check passes and the built site shows both changes.
func TestCMSForkEditsTheOverlay(t *testing.T) {
	const duty = "content/duties/backlog-ordering.md"
	e := startEditor(t, func(clone string) {
		overlay := filepath.Join(clone, "company")
		acmeOverlay(t, testkit.Root(t), overlay)
		if _, err := fork.Override(clone, overlay, duty); err != nil {
			t.Fatal(err)
		}
		testkit.Git(t, clone, "add", "company")
		testkit.Git(t, clone, "commit", "-q", "-m", "Acme overlay")
	})

	var cfg struct {
		Collections []struct {
			Name, Folder string
			Files        []struct{ File string }
		}
	}
	if err := yaml.Unmarshal([]byte(testkit.Read(t, filepath.Join(e.site.Dir, "admin", "config.yml"))), &cfg); err != nil {
		t.Fatal(err)
	}
	for _, c := range cfg.Collections {
		if c.Folder != "" && !strings.HasPrefix(c.Folder, "company/content/") {
			t.Errorf("collection %s: folder %s is not in the overlay", c.Name, c.Folder)
		}
		for _, f := range c.Files {
			if !strings.HasPrefix(f.File, "company/content/") {
				t.Errorf("collection %s: file %s is not in the overlay", c.Name, f.File)
			}
		}
	}

	// The upstream duty through its copy in the overlay, and a level only
	// the fork has.
	upstream := e.read(duty)
	if !bytes.Equal(e.read("company/"+duty), upstream) {
		t.Fatalf("override did not copy %s byte for byte", duty)
	}
	const expectation = "Asks the people each initiative serves, at every milestone, whether the outcome still fits, and tells the sponsor."
	e.editDutyAndLevel("company/content", "project-delivery/senior-project-manager", expectation)
	if out, err := exec.Command("git", "-C", e.clone, "diff", "--exit-code", "--stat", "HEAD", "--", "content").CombinedOutput(); err != nil {
		t.Errorf("content/ changed: %v\n%s", err, out)
	}
	if !bytes.Equal(e.read(duty), upstream) {
		t.Errorf("%s changed", duty)
	}
	for _, p := range e.tb.takeProblems() {
		t.Errorf("/admin/: %s", p)
	}

	// The built site shows the edits.
	out := buildTo(t, pipeline.Options{Layout: layout.Resolve(layout.Flags{Project: e.clone}), BaseURL: e.site.URL})
	page := filepath.Join("duties", "backlog-ordering", "index.html")
	if testkit.Read(t, filepath.Join(out, page)) == testkit.Read(t, filepath.Join(e.site.Dir, page)) {
		t.Errorf("/duties/backlog-ordering/ is the same after the ownership edit")
	}
	if got := testkit.Read(t, filepath.Join(out, "ladders", "project-delivery", "senior-project-manager", "index.html")); !strings.Contains(got, expectation) {
		t.Errorf("/ladders/project-delivery/senior-project-manager/ does not show the edited expectation %q", expectation)
	}
}
