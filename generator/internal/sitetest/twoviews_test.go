package sitetest

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
	"github.com/product-roles/handbook/generator/internal/layout"
	"github.com/product-roles/handbook/generator/internal/pipeline"
	"github.com/product-roles/handbook/generator/internal/testkit"
)

// assessFile is the self-assessment's file format, version 1, with its
// fields in the order the check is taken over.
type assessFile struct {
	Format  string            `json:"format"`
	Version int               `json:"version"`
	Release string            `json:"release"`
	Track   string            `json:"track"`
	Level   string            `json:"level"`
	Current string            `json:"current"`
	By      string            `json:"by"`
	Ratings map[string]string `json:"ratings"`
	Notes   map[string]string `json:"notes"`
	Check   string            `json:"check,omitempty"`
}

// sealed returns the file with its check: SHA-256 of its fields as compact
// JSON (maps by key), without the check.
func (f assessFile) sealed() assessFile {
	f.Check = ""
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(f); err != nil {
		panic(err)
	}
	sum := sha256.Sum256(bytes.TrimSuffix(b.Bytes(), []byte("\n")))
	f.Check = "sha256:" + hex.EncodeToString(sum[:])
	return f
}

func (f assessFile) text() string {
	b, err := json.MarshalIndent(f, "", "  ")
	if err != nil {
		panic(err)
	}
	return string(b) + "\n"
}

var ratingIDs = []string{"not-yet", "partly", "consistently"}

// newProfile is a tab in a browser context of its own: its own storage,
// as a second person's browser would be. It also records the URL of every
// request the tab makes.
func newProfile(t *testing.T) (*tab, *requestLog) {
	t.Helper()
	ctx, cancel := chromedp.NewContext(browser(t), chromedp.WithNewBrowserContext())
	tb := &tab{ctx: ctx, cancel: cancel, inflight: map[network.RequestID]string{}}
	log := &requestLog{}
	if err := chromedp.Listen(ctx, func(ev any) { tb.event(ev); log.event(ev) }); err != nil {
		cancel()
		t.Fatalf("open a tab: %v", err)
	}
	t.Cleanup(cancel)
	if err := tb.emulate(lightWide); err != nil {
		t.Fatal(err)
	}
	return tb, log
}

// requestLog is the URLs a tab requested, in order.
type requestLog struct {
	mu   sync.Mutex
	urls []string
}

func (l *requestLog) event(ev any) {
	if e, ok := ev.(*network.EventRequestWillBeSent); ok {
		l.mu.Lock()
		l.urls = append(l.urls, e.Request.URL)
		l.mu.Unlock()
	}
}

func (l *requestLog) all() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return slices.Clone(l.urls)
}

func evalOK[T any](t *testing.T, tb *tab, expr string) T {
	t.Helper()
	v, err := eval[T](tb, expr)
	if err != nil {
		t.Fatalf("%s: %v", expr, err)
	}
	return v
}

// person is one of the two people, in their own browser.
type person struct {
	tb     *tab
	log    *requestLog
	loaded int // requests when the page had loaded
}

// openPage opens the URL in a fresh profile.
func openPage(t *testing.T, u string) *person {
	t.Helper()
	tb, log := newProfile(t)
	if _, err := tb.open(u, false); err != nil {
		t.Fatal(err)
	}
	return &person{tb: tb, log: log, loaded: len(log.all())}
}

// openAssessment opens the page in a fresh profile and reads its data.
func openAssessment(t *testing.T, page string) (*person, []assessTrack, map[string]string) {
	t.Helper()
	p := openPage(t, page)
	tracks := evalOK[[]assessTrack](t, p.tb, `JSON.parse(document.getElementById("assessment").dataset.tracks)`)
	ui := evalOK[map[string]string](t, p.tb, `JSON.parse(document.getElementById("assessment").dataset.ui)`)
	return p, tracks, ui
}

// quiet fails the test if, since it loaded, the person's page asked for
// anything but its own files: those it loaded with and its icon (Chromium
// asks for the icon again whenever the address changes, and the page keeps
// its state there),
// or logged a problem.
func (p *person) quiet(t *testing.T, who string) {
	t.Helper()
	urls := p.log.all()
	own := append(slices.Clone(urls[:p.loaded]), evalOK[string](t, p.tb, `(document.querySelector("link[rel=icon]") || {}).href || ""`))
	for _, u := range urls[p.loaded:] {
		if !slices.Contains(own, u) {
			t.Errorf("%s's page asked for %s after loading", who, u)
		}
	}
	for _, pr := range p.tb.takeProblems() {
		t.Errorf("%s's page: %s", who, pr)
	}
}

// rate gives the ratings (-1: none) and notes ("" none) for the competencies
// from..to-1.
func (p *person) rate(t *testing.T, tr assessTrack, ratings []int, notes []string, from, to int) {
	t.Helper()
	for i := from; i < to; i++ {
		c := tr.Competencies[i].ID
		if ratings[i] >= 0 {
			run(t, p.tb, chromedp.Click(chromedp.CSS(fmt.Sprintf("#sa-%s-%d", c, ratings[i]))))
		}
		if notes[i] != "" {
			run(t, p.tb, chromedp.SendKeys(chromedp.CSS("#sa-note-"+c), notes[i]))
		}
	}
}

// exported clicks an export button and waits for the text it shows (the
// file and the link come once their check is computed, asynchronously).
func (p *person) exported(t *testing.T, button string) string {
	t.Helper()
	return evalOK[string](t, p.tb, fmt.Sprintf(`(async () => {
	  const out = () => document.getElementById("sa-export");
	  out().value = "";
	  document.getElementById(%q).click();
	  for (let i = 0; i < 400 && !out().value; i++) await new Promise(r => setTimeout(r, 25));
	  return out().value;
	})()`, button))
}

// importFile imports text as a file chosen in the file field and waits for
// the page's answer.
func (p *person) importFile(t *testing.T, text string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "assessment.json")
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	// The answer of the last import goes first, so that the wait is for this one's.
	evalOK[bool](t, p.tb, `(document.getElementById("sa-import-msg") || {remove() {}}).remove(), true`)
	run(t, p.tb, chromedp.SetUploadFiles(chromedp.CSS("#sa-import-file"), []string{path}), chromedp.WaitVisible(chromedp.CSS("#sa-import-msg")))
}

// say is the page's sentence id with {name} replaced, as the page says it.
func say(ui map[string]string, id string, kv ...any) string {
	s, ok := ui[id]
	if !ok {
		panic("no UI string " + id)
	}
	for i := 0; i+1 < len(kv); i += 2 {
		s = strings.ReplaceAll(s, "{"+kv[i].(string)+"}", fmt.Sprint(kv[i+1]))
	}
	return s
}

// twoViews is what the comparison of two assessments must say.
type twoViews struct {
	ui                 map[string]string
	tr                 assessTrack
	cur, tgt           int
	self, mgr          []int // -1: not rated
	selfNote, mgrNote  []string
	selfRel, mgrRel    string
	releaseNote        string // "" when both were made under one release
	rows               []twoRow
	top                []twoRow
	agreed, apart, gap int
}

type twoRow struct {
	i, s, m, apart, gap int // -1: none
}

func newTwoViews(ui map[string]string, tr assessTrack, cur, tgt int, self, mgr []int, sn, mn []string) *twoViews {
	w := &twoViews{ui: ui, tr: tr, cur: cur, tgt: tgt, self: self, mgr: mgr, selfNote: sn, mgrNote: mn}
	for i := range tr.Competencies {
		r := twoRow{i: i, s: self[i], m: mgr[i], apart: -1, gap: -1}
		low := max(r.s, r.m)
		if r.s >= 0 && r.m >= 0 {
			r.apart, low = abs(r.s-r.m), min(r.s, r.m)
			if r.apart == 0 {
				w.agreed++
			} else {
				w.apart++
			}
		}
		if low >= 0 {
			r.gap = 2 - low
		}
		if r.gap != 0 {
			w.gap++
		}
		w.rows = append(w.rows, r)
	}
	// The largest disagreements: by distance, then in the ladder's order.
	for d := 2; d > 0 && len(w.top) < 3; d-- {
		for _, r := range w.rows {
			if r.apart == d && len(w.top) < 3 {
				w.top = append(w.top, r)
			}
		}
	}
	return w
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

func (w *twoViews) rating(r int) string {
	if r < 0 {
		return w.ui["sa_not_rated"]
	}
	return []string{w.ui["sa_not_yet"], w.ui["sa_partly"], w.ui["sa_consistently"]}[r]
}

func (w *twoViews) steps(n int) string {
	if n == 1 {
		return w.ui["sa_step"]
	}
	return say(w.ui, "sa_steps", "n", n)
}

func (w *twoViews) topLine(r twoRow) string {
	return say(w.ui, "sa_top_line", "competency", w.tr.Competencies[r.i].Title, "self", w.rating(r.s), "manager", w.rating(r.m), "steps", w.steps(r.apart))
}

// counted is n steps, or the words for none (-1) and for zero.
func (w *twoViews) counted(n int, none, zero string) string {
	switch n {
	case -1:
		return w.ui[none]
	case 0:
		return w.ui[zero]
	}
	return w.steps(n)
}

func (w *twoViews) agreement(r twoRow) string {
	if r.apart > 0 {
		return say(w.ui, "sa_apart", "steps", w.steps(r.apart))
	}
	return w.counted(r.apart, "sa_one_rated", "sa_agreed")
}

func (w *twoViews) gapText(r twoRow) string { return w.counted(r.gap, "sa_not_rated", "sa_no_gap") }

func (w *twoViews) tally() string {
	return say(w.ui, "sa_tally", "agreed", w.agreed, "apart", w.apart, "total", len(w.rows), "short", w.gap, "level", w.tr.Levels[w.tgt].Title)
}

var mdSpecial = regexp.MustCompile("([\\\\`*_\\[\\]<>|#])")

func mdText(s string) string { return mdSpecial.ReplaceAllString(s, `\$1`) }

func (w *twoViews) markdown() string {
	ui, tt := w.ui, w.tr.Levels[w.tgt].Title
	l := []string{"# " + ui["sa_two_title"] + w.tr.Title, "", ui["sa_current"] + w.tr.Levels[w.cur].Title, ui["sa_target"] + tt,
		ui["sa_self_release"] + w.selfRel, ui["sa_manager_release"] + w.mgrRel, ""}
	if w.releaseNote != "" {
		l = append(l, w.releaseNote, "")
	}
	l = append(l, w.tally(), "", "## "+ui["sa_largest"], "")
	for i, r := range w.top {
		l = append(l, fmt.Sprintf("%d. %s", i+1, w.topLine(r)))
	}
	if len(w.top) == 0 {
		l = append(l, ui["sa_no_disagreement"])
	}
	l = append(l, "")
	note := func(s string) string {
		if s == "" {
			return ui["sa_none"]
		}
		return mdText(s)
	}
	for _, r := range w.rows {
		c := w.tr.Competencies[r.i]
		l = append(l, "## "+c.Title, "", ui["sa_expected_at"]+tt+": "+c.E[w.tgt], "",
			"- "+ui["sa_self"]+": "+w.rating(r.s), "- "+ui["sa_manager"]+": "+w.rating(r.m), "- "+w.agreement(r),
			"- "+say(ui, "sa_gap_to", "level", tt)+": "+w.gapText(r),
			"- "+ui["sa_self_notes"]+": "+note(w.selfNote[r.i]), "- "+ui["sa_manager_notes"]+": "+note(w.mgrNote[r.i]), "")
	}
	l = append(l, ui["sa_aid"], "")
	return strings.Join(l, "\n")
}

// csvCell quotes a cell and defuses a leading formula character, as OWASP
// advises against CSV injection.
func csvCell(s string) string {
	if s != "" && strings.ContainsAny(s[:1], "=+-@\t\r") {
		s = "'" + s
	}
	return `"` + strings.ReplaceAll(s, `"`, `""`) + `"`
}

func (w *twoViews) csv() string {
	ui := w.ui
	rows := [][]string{{ui["sa_competency"], ui["sa_expected_at"] + w.tr.Levels[w.tgt].Title, ui["sa_self"], ui["sa_manager"], ui["sa_gap"], ui["sa_self_notes"], ui["sa_manager_notes"]}}
	word := func(r int) string {
		if r < 0 {
			return ""
		}
		return w.rating(r)
	}
	for _, r := range w.rows {
		gap := ""
		if r.gap >= 0 {
			gap = strconv.Itoa(r.gap)
		}
		c := w.tr.Competencies[r.i]
		rows = append(rows, []string{c.Title, c.E[w.tgt], word(r.s), word(r.m), gap, w.selfNote[r.i], w.mgrNote[r.i]})
	}
	var b strings.Builder
	for _, row := range rows {
		for i, c := range row {
			if i > 0 {
				b.WriteString(",")
			}
			b.WriteString(csvCell(c))
		}
		b.WriteString("\n")
	}
	return b.String()
}

// checkReport compares what the manager's page shows with w.
func (w *twoViews) checkReport(t *testing.T, tb *tab) {
	t.Helper()
	type shown struct {
		Top     []string   `json:"top"`
		Tally   string     `json:"tally"`
		Changed string     `json:"changed"`
		Rows    [][]string `json:"rows"`
	}
	got := evalOK[shown](t, tb, `(() => {
	  const r = document.getElementById("sa-report"), q = (e, s) => (e.querySelector(s) || {}).textContent || "";
	  return {top: [...r.querySelectorAll("#sa-largest li")].map(li => li.textContent), tally: q(r, "#sa-tally"), changed: q(r, "#sa-report-changed"),
	    rows: [...r.querySelectorAll(".sa-row")].map(x => [q(x, "h4"), q(x, ".sa-self"), q(x, ".sa-manager"), q(x, ".sa-agreement"), q(x, ".sa-gap"),
	      [...x.querySelectorAll(".sa-note")].map(n => n.textContent).join(" | ")])};
	})()`)
	var top []string
	for _, r := range w.top {
		top = append(top, w.topLine(r))
	}
	if strings.Join(got.Top, "\n") != strings.Join(top, "\n") {
		t.Errorf("largest disagreements:\n%s\nwant:\n%s", strings.Join(got.Top, "\n"), strings.Join(top, "\n"))
	}
	if got.Tally != w.tally() {
		t.Errorf("tally %q, want %q", got.Tally, w.tally())
	}
	if got.Changed != w.releaseNote {
		t.Errorf("release note %q, want %q", got.Changed, w.releaseNote)
	}
	if len(got.Rows) != len(w.rows) {
		t.Fatalf("%d rows in the report, want %d", len(got.Rows), len(w.rows))
	}
	for i, r := range w.rows {
		var notes []string
		if n := w.selfNote[i]; n != "" {
			notes = append(notes, w.ui["sa_self_notes"]+": "+n)
		}
		if n := w.mgrNote[i]; n != "" {
			notes = append(notes, w.ui["sa_manager_notes"]+": "+n)
		}
		want := []string{w.tr.Competencies[i].Title, w.rating(r.s), w.rating(r.m), w.agreement(r), w.gapText(r), strings.Join(notes, " | ")}
		if strings.Join(got.Rows[i], "\n") != strings.Join(want, "\n") {
			t.Errorf("report row %d: %q, want %q", i, got.Rows[i], want)
		}
	}
}

// twoSite is one site the two-person test runs on.
type twoSite struct {
	page   string   // the self-assessment's URL
	lang   string   // the page's language
	track  int      // the track rated
	levels []string // that track's level titles as the site must show them
	words  map[string]string
	tracks []string // the ids of every track, where the test names them
	hidden string   // a competency the site hides
}

// The person and their manager, in two browsers of their own, rate the same
// level differently; the person's file is imported by the manager, who
// rates without seeing it until they choose to compare; the report, its
// Markdown and CSV, the printout and the bad files are checked, on the
// handbook, its German edition and the Acme overlay, and across releases.
func TestTwoPersonAssessment(t *testing.T) {
	s, _ := needBrowser(t)
	axeSrc, err := os.ReadFile(requireNodeFile(t, s.Root, "axe-core/axe.min.js"))
	if err != nil {
		t.Fatal(err)
	}
	pm := []string{"Associate Product Manager", "Product Manager", "Senior Product Manager", "Principal Product Manager", "Group Product Manager / Head of Product", "Director of Product Management"}
	sites := []struct {
		name string
		site func(t *testing.T) twoSite
	}{
		{"handbook", func(t *testing.T) twoSite {
			return twoSite{s.URL + "self-assessment/", "en", 0, pm, map[string]string{"sa_consistently": "Consistently", "sa_manager": "Manager"}, nil, ""}
		}},
		{"German", func(t *testing.T) twoSite {
			return twoSite{s.URL + "de/self-assessment/", "de", 0, nil, map[string]string{"sa_consistently": "Durchgängig", "sa_manager": "Führungskraft",
				"sa_two_title": "Zwei Sichten: "}, nil, ""}
		}},
		{"Acme", func(t *testing.T) twoSite {
			return twoSite{acmeSite(t) + "self-assessment/", "en", 0, []string{"L1 Product Manager", "L2 Product Manager", "L3 Senior Product Manager",
				"L4 Principal Product Manager", "L5 Group Product Manager", "L6 Director of Product"}, map[string]string{"sa_manager": "Manager"},
				[]string{"product-management", "product-ownership", "project-delivery"}, "business-acumen"}
		}},
	}
	for _, sc := range sites {
		t.Run(sc.name, func(t *testing.T) {
			site := sc.site(t)
			twoPeople(t, site, string(axeSrc))
			t.Run("without JavaScript", func(t *testing.T) { blankForm(t, site) })
		})
	}
	t.Run("bad files", func(t *testing.T) { badFiles(t, s.URL+"self-assessment/") })
	t.Run("different releases", func(t *testing.T) { acrossReleases(t) })
	t.Run("right to left", func(t *testing.T) { rightToLeft(t) })
}

// rightToLeft: in a right-to-left language the form and the report are
// mirrored (the first choice stands on the right) and nothing scrolls
// sideways on a phone.
func rightToLeft(t *testing.T) {
	p, tracks, _ := openAssessment(t, rtlSite(t)+"ar/self-assessment/")
	if err := p.tb.emulate(lightNarrow); err != nil {
		t.Fatal(err)
	}
	tr := tracks[0]
	p.rate(t, tr, []int{1, 2}, []string{"", ""}, 0, 2)
	got := evalOK[string](t, p.tb, `(() => {
	  const f = document.querySelector("#assessment .rating"), r = f.getBoundingClientRect(), box = f.parentElement.getBoundingClientRect();
	  return [document.documentElement.dir, document.documentElement.scrollWidth <= innerWidth, Math.abs(r.right - box.right) < 2].join("|");
	})()`)
	if got != "rtl|true|true" {
		t.Errorf("dir|fits|first rating on the right: %s, want rtl|true|true", got)
	}
	p.quiet(t, "the right-to-left")
}

func twoPeople(t *testing.T, site twoSite, axeSrc string) {
	self, tracks, ui := openAssessment(t, site.page)
	if lang := evalOK[string](t, self.tb, `document.documentElement.lang`); lang != site.lang {
		t.Errorf("<html lang=%q>, want %q", lang, site.lang)
	}
	for id, want := range site.words {
		if ui[id] != want {
			t.Errorf("the page says %q for %s, want %q", ui[id], id, want)
		}
	}
	var ids []string
	for _, tr := range tracks {
		ids = append(ids, tr.ID)
		for _, c := range tr.Competencies {
			if site.hidden != "" && c.ID == site.hidden {
				t.Errorf("track %s shows the hidden competency %s", tr.ID, c.ID)
			}
		}
	}
	if site.tracks != nil && strings.Join(ids, "|") != strings.Join(site.tracks, "|") {
		t.Errorf("tracks %q, want %q", ids, site.tracks)
	}
	tr := tracks[site.track]
	var titles []string
	for _, l := range tr.Levels {
		titles = append(titles, l.Title)
	}
	if site.levels != nil && strings.Join(titles, "|") != strings.Join(site.levels, "|") {
		t.Errorf("levels %q, want %q", titles, site.levels)
	}
	n := len(tr.Competencies)
	if n < 6 {
		t.Fatalf("%d competencies", n)
	}
	cur, tgt := 1, 2
	// Ratings (-1: none) and notes of the person and of their manager.
	selfR := []int{1, 2, 2, 0, 1, 2, -1, 1, 2, 1}[:n]
	mgrR := []int{1, 0, 2, 2, 2, 1, 1, 0, 2, 2}[:n]
	selfN, mgrN := make([]string, n), make([]string, n)
	selfN[0], selfN[3] = "Ran discovery interviews for the loans app", "Wrote the Q3 update, see doc #12"
	mgrN[1], mgrN[3] = `=SUM(A1:A3), "quoted" on purpose`, "Stakeholders asked me for updates twice"

	// The person rates and exports.
	choose(t, self.tb, "sa-track", site.track)
	choose(t, self.tb, "sa-current", cur)
	choose(t, self.tb, "sa-target", tgt)
	if s := evalOK[string](t, self.tb, `document.getElementById("sa-summary").textContent`); s != "" {
		t.Errorf("before any rating the page says %q", s)
	}
	self.rate(t, tr, selfR, selfN, 0, n)
	text := self.exported(t, "sa-export-file")
	release := evalOK[string](t, self.tb, `JSON.parse(document.getElementById("assessment").dataset.release).current`)
	if release == "" {
		t.Fatal("the page names no release")
	}
	want := assessFile{Format: "product-roles-handbook-assessment", Version: 1, Release: release, Track: tr.ID, Level: tr.Levels[tgt].ID,
		Current: tr.Levels[cur].ID, By: "self", Ratings: map[string]string{}, Notes: map[string]string{}}
	for i, c := range tr.Competencies {
		if selfR[i] >= 0 {
			want.Ratings[c.ID] = ratingIDs[selfR[i]]
		}
		if selfN[i] != "" {
			want.Notes[c.ID] = selfN[i]
		}
	}
	if got := want.sealed().text(); text != got {
		t.Errorf("the exported file:\n%s\nwant (nothing but the levels, ratings and notes, and the check):\n%s", text, got)
	}
	link := self.exported(t, "sa-export-link")
	if !strings.HasPrefix(link, site.page+"#import=") {
		t.Errorf("the link to send is %q", link)
	}

	// The manager rates half, imports the file, and sees nothing of it.
	mgr, _, _ := openAssessment(t, site.page)
	choose(t, mgr.tb, "sa-role", 1)
	choose(t, mgr.tb, "sa-track", site.track)
	choose(t, mgr.tb, "sa-current", cur)
	choose(t, mgr.tb, "sa-target", tgt)
	mgr.rate(t, tr, mgrR, mgrN, 0, n/2)
	mgr.importFile(t, text)
	if msg := evalOK[string](t, mgr.tb, `document.getElementById("sa-import-msg").textContent`); !strings.HasPrefix(msg, say(ui, "sa_imported", "who", ui["sa_who_self"], "level", tr.Levels[tgt].Title, "release", release)) {
		t.Errorf("after the import the page says %q", msg)
	}
	hidden := func(when string) {
		t.Helper()
		body := evalOK[string](t, mgr.tb, `document.body.innerText + [...document.querySelectorAll("textarea")].map(x => x.value).join(" ")`)
		for _, note := range selfN {
			if note != "" && strings.Contains(body, note) {
				t.Errorf("%s the manager sees the person's note %q", when, note)
			}
		}
		if evalOK[bool](t, mgr.tb, `!!document.getElementById("sa-report")`) {
			t.Errorf("%s the report is shown before the manager chose to compare", when)
		}
	}
	hidden("after the import")
	mgr.rate(t, tr, mgrR, mgrN, n/2, n)
	hidden("after rating")
	run(t, mgr.tb, chromedp.Click(chromedp.CSS("#sa-compare")), chromedp.WaitVisible(chromedp.CSS("#sa-report")))

	w := newTwoViews(ui, tr, cur, tgt, selfR, mgrR, selfN, mgrN)
	w.selfRel, w.mgrRel = release, release
	if len(w.top) != 3 {
		t.Fatalf("the test data has %d disagreements, want at least 3", len(w.top))
	}
	w.checkReport(t, mgr.tb)
	if got := mgr.exported(t, "sa-export-md"); got != w.markdown() {
		t.Errorf("the Markdown:\n%s\nwant:\n%s", got, w.markdown())
	}
	if got := mgr.exported(t, "sa-export-csv"); got != w.csv() {
		t.Errorf("the CSV:\n%s\nwant:\n%s", got, w.csv())
	}

	t.Run("printed on two sheets", func(t *testing.T) {
		for paper, sheets := range printedSheets(t, mgr.tb) {
			t.Logf("the report prints on %d %s sheets", sheets, paper)
			if sheets < 1 || sheets > 2 {
				t.Errorf("the report prints on %d %s sheets, want 1 or 2", sheets, paper)
			}
		}
		if err := mgr.tb.emulate(view{"print", 1280, 800, "light", "print", false}); err != nil {
			t.Fatal(err)
		}
		if got := evalOK[string](t, mgr.tb, `[getComputedStyle(document.getElementById("sa-report")).display, getComputedStyle(document.querySelector(".assessment-read")).display,
			getComputedStyle(document.querySelector("#assessment .competencies")).display].join("|")`); got != "block|none|none" {
			t.Errorf("in print the report, the ladders and the form are shown as %s, want block|none|none", got)
		}
		if err := mgr.tb.emulate(lightWide); err != nil {
			t.Fatal(err)
		}
	})

	t.Run("axe", func(t *testing.T) {
		if _, err := eval[any](mgr.tb, axeSrc+"\n;0"); err != nil {
			t.Fatal(err)
		}
		for i, v := range []view{lightWide, darkNarrow} {
			if err := mgr.tb.emulate(v); err != nil {
				t.Fatal(err)
			}
			for _, f := range evalOK[[]axeViolation](t, mgr.tb, axeRun(i > 0)) {
				for _, nd := range f.Nodes {
					t.Errorf("%s: axe %s (%s): %s at %s: %s", v.Name, f.ID, f.Impact, f.Help, nd.Target, nd.Summary)
				}
			}
		}
		if err := mgr.tb.emulate(lightWide); err != nil {
			t.Fatal(err)
		}
	})

	t.Run("the link brings the same assessment", func(t *testing.T) {
		other := openPage(t, link)
		if got := evalOK[string](t, other.tb, `document.getElementById("sa-role").value + "|" + document.getElementById("sa-target").value + "|" + document.querySelectorAll("#assessment input:checked").length`); got != "1|"+strconv.Itoa(tgt)+"|0" {
			t.Errorf("opened from the link: role|target|ratings %s, want the manager, the person's level and no ratings of their own", got)
		}
		run(t, other.tb, chromedp.Click(chromedp.CSS("#sa-compare")), chromedp.WaitVisible(chromedp.CSS("#sa-report")))
		v := newTwoViews(ui, tr, cur, tgt, selfR, []int{-1, -1, -1, -1, -1, -1, -1, -1, -1, -1}[:n], selfN, make([]string, n))
		v.selfRel, v.mgrRel = release, release
		v.checkReport(t, other.tb)
		other.quiet(t, "the link")
	})

	self.quiet(t, "the person")
	mgr.quiet(t, "the manager")
}

// blankForm checks the page without JavaScript: the expectations to read,
// and a blank form, one row per competency, that prints.
func blankForm(t *testing.T, site twoSite) {
	tb, _ := newProfile(t)
	if _, err := chromedp.Call(tb.ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
		t.Fatal(err)
	}
	if _, err := tb.open(site.page, false); err != nil {
		t.Fatal(err)
	}
	tracks := evalOK[[]assessTrack](t, tb, `JSON.parse(document.getElementById("assessment").dataset.tracks)`)
	cells := evalOK[int](t, tb, `document.querySelectorAll(".assessment-read td").length`)
	want := 0
	for _, tr := range tracks {
		want += len(tr.Levels) * len(tr.Competencies)
	}
	if cells != want || want == 0 {
		t.Errorf("%d expectations to read without JavaScript, want %d", cells, want)
	}
	var names []string
	for _, c := range tracks[0].Competencies {
		names = append(names, c.Title)
	}
	if err := tb.emulate(view{"print", 1280, 800, "light", "print", false}); err != nil {
		t.Fatal(err)
	}
	got := evalOK[string](t, tb, `getComputedStyle(document.getElementById("sa-blank")).display + "|" + [...document.querySelectorAll("#sa-blank tbody th")].map(th => th.textContent).join("|")`)
	if got != "block|"+strings.Join(names, "|") {
		t.Errorf("the blank form in print: %s, want block|%s", got, strings.Join(names, "|"))
	}
	if boxes := evalOK[int](t, tb, `document.querySelectorAll("#sa-blank tbody li").length`); boxes != 6*len(names) {
		t.Errorf("%d boxes to tick on the blank form, want %d", boxes, 6*len(names))
	}
	for paper, n := range printedSheets(t, tb) {
		if n < 1 {
			t.Errorf("without JavaScript the page prints on %d %s sheets", n, paper)
		}
	}
	for _, p := range tb.takeProblems() {
		t.Error(p)
	}
}

// badFiles imports, in the manager's browser, files that must be refused,
// each with its message, and checks that the manager's ratings are as they
// were.
func badFiles(t *testing.T, page string) {
	mgr, tracks, ui := openAssessment(t, page)
	tr := tracks[0]
	choose(t, mgr.tb, "sa-role", 1)
	choose(t, mgr.tb, "sa-current", 1)
	choose(t, mgr.tb, "sa-target", 2)
	n := len(tr.Competencies)
	r, notes := make([]int, n), make([]string, n)
	for i := range r {
		r[i] = i % 3
	}
	notes[2] = "Led the pricing review with finance"
	mgr.rate(t, tr, r, notes, 0, n)
	release := evalOK[string](t, mgr.tb, `JSON.parse(document.getElementById("assessment").dataset.release).current`)
	snapshot := func() string {
		return evalOK[string](t, mgr.tb, `JSON.stringify([location.hash, localStorage.getItem("self-assessment"), localStorage.getItem("self-assessment-other"),
		  [...document.querySelectorAll("#assessment input:checked")].map(x => x.id), [...document.querySelectorAll("#assessment .competencies textarea")].map(x => x.value),
		  !!document.getElementById("sa-other")])`)
	}
	before := snapshot()

	good := assessFile{Format: "product-roles-handbook-assessment", Version: 1, Release: release, Track: tr.ID, Level: tr.Levels[2].ID,
		Current: tr.Levels[1].ID, By: "self", Ratings: map[string]string{tr.Competencies[0].ID: "partly", tr.Competencies[1].ID: "consistently"},
		Notes: map[string]string{tr.Competencies[0].ID: "Ran the customer council"}}
	sealed := good.sealed()
	tampered := sealed
	tampered.Ratings = map[string]string{tr.Competencies[0].ID: "consistently", tr.Competencies[1].ID: "consistently"}
	unknown := good
	unknown.Level = "staff-product-manager"
	newer := good
	newer.Version = 2
	full := sealed.text()
	for _, tc := range []struct {
		name, text, message string
	}{
		{"another framework's file", `{"framework": "engineering-progression", "person": "A. Person", "levels": [{"id": "E3", "ratings": {"craft": 3}}]}`,
			say(ui, "sa_bad_format", "format", "product-roles-handbook-assessment")},
		{"a tampered file", tampered.text(), ui["sa_bad_check"]},
		{"a truncated file", full[:len(full)/2], ui["sa_bad_json"]},
		{"an unknown level", unknown.sealed().text(), say(ui, "sa_bad_level", "level", "staff-product-manager", "track", tr.ID)},
		{"a newer format", newer.sealed().text(), say(ui, "sa_bad_version", "v", 2, "ours", 1)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			mgr.importFile(t, tc.text)
			got := evalOK[string](t, mgr.tb, `(e => e.className + "|" + e.getAttribute("role") + "|" + e.textContent)(document.getElementById("sa-import-msg"))`)
			if want := "sa-msg sa-error|alert|" + tc.message; got != want {
				t.Errorf("the page says %q, want %q", got, want)
			}
			if after := snapshot(); after != before {
				t.Errorf("the manager's assessment changed:\n%s\nbefore:\n%s", after, before)
			}
		})
	}
	// A file made by the same rules is taken: the refusals above are the files' faults.
	t.Run("a good file", func(t *testing.T) {
		mgr.importFile(t, full)
		if ok := evalOK[bool](t, mgr.tb, `!!document.getElementById("sa-other") && !document.querySelector(".sa-error")`); !ok {
			t.Errorf("a good file was refused: %s", evalOK[string](t, mgr.tb, `document.getElementById("sa-import-msg").textContent`))
		}
	})
	mgr.quiet(t, "the manager")
}

// acmeSite builds the handbook with a copy of the Acme overlay that also
// hides a competency and adds a track of its own (testdata/acme-more), and
// serves it.
func acmeSite(t *testing.T) string {
	t.Helper()
	root := testkit.Root(t)
	overlay := filepath.Join(t.TempDir(), "company")
	acmeOverlay(t, root, overlay)
	return serveBuild(t, pipeline.Options{Layout: layout.Resolve(layout.Flags{Project: root, Overlay: overlay})})
}

// acmeOverlay writes into overlay a copy of examples/acme with
// testdata/acme-more: a track of Acme's own and business acumen hidden.
func acmeOverlay(t *testing.T, root, overlay string) {
	t.Helper()
	testkit.CopyTree(t, filepath.Join(root, "examples", "acme"), overlay)
	testkit.CopyTree(t, filepath.Join(root, "generator", "internal", "sitetest", "testdata", "acme-more", "content"), filepath.Join(overlay, "content"))
	toml := filepath.Join(overlay, "company.toml")
	conf := testkit.Read(t, toml)
	if !strings.Contains(conf, `hide = ["duties/pricing"]`) {
		t.Fatalf("examples/acme/company.toml no longer hides pricing as this test expects:\n%s", conf)
	}
	testkit.Write(t, toml, strings.Replace(conf, `hide = ["duties/pricing"]`, `hide = ["duties/pricing", "competencies/business-acumen"]`, 1))
}

// serveBuild builds with the options into a temporary folder, for the
// address it is served from, and serves it.
func serveBuild(t *testing.T, o pipeline.Options) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	base := "http://" + ln.Addr().String() + "/"
	o.BaseURL = base
	srv := &http.Server{Handler: fileServer(buildTo(t, o)), ReadHeaderTimeout: 10 * time.Second}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	return base
}

// acrossReleases: the person rates under v1.0.0; the site moves to v1.1.0,
// which rewords Senior's craft expectation; the manager rates under v1.1.0
// and imports the person's file. The report names that expectation.
func acrossReleases(t *testing.T) {
	dir := testkit.Project(t, filepath.Join(testkit.Root(t), "generator", "internal", "testdata", "mini"))
	testkit.Git(t, dir, "init", "-q")
	testkit.Git(t, dir, "add", "-A")
	testkit.Git(t, dir, "commit", "-qm", "Start")
	testkit.Git(t, dir, "tag", "v1.0.0")
	v100 := serveBuild(t, pipeline.Options{Layout: layout.Resolve(layout.Flags{Project: dir})})
	senior := filepath.Join(dir, "content", "ladders", "pm-track", "senior.md")
	testkit.Write(t, senior, strings.Replace(testkit.Read(t, senior), "craft: Does tasks alone and reviews the work of others.", "craft: Does tasks alone, reviews the work of others and sets the standards they follow.", 1))
	testkit.Git(t, dir, "commit", "-qam", "Raise the bar for seniors")
	testkit.Git(t, dir, "tag", "v1.1.0")
	v110 := serveBuild(t, pipeline.Options{Layout: layout.Resolve(layout.Flags{Project: dir})})

	self, tracks, ui := openAssessment(t, v100+"self-assessment/")
	tr := tracks[0]
	selfR, mgrR := []int{1, 2}, []int{2, 0}
	selfN, mgrN := []string{"", "Helped two teams"}, []string{"", ""}
	choose(t, self.tb, "sa-current", 0)
	choose(t, self.tb, "sa-target", 1)
	self.rate(t, tr, selfR, selfN, 0, 2)
	text := self.exported(t, "sa-export-file")

	mgr, tracks, _ := openAssessment(t, v110+"self-assessment/")
	tr = tracks[0] // the expectations as v1.1.0 words them
	choose(t, mgr.tb, "sa-role", 1)
	choose(t, mgr.tb, "sa-current", 0)
	choose(t, mgr.tb, "sa-target", 1)
	mgr.rate(t, tr, mgrR, mgrN, 0, 2)
	mgr.importFile(t, text)
	run(t, mgr.tb, chromedp.Click(chromedp.CSS("#sa-compare")), chromedp.WaitVisible(chromedp.CSS("#sa-report")))
	w := newTwoViews(ui, tr, 0, 1, selfR, mgrR, selfN, mgrN)
	w.selfRel, w.mgrRel = "v1.0.0", "v1.1.0"
	w.releaseNote = say(ui, "sa_rel_changed", "a", "v1.0.0", "b", "v1.1.0", "level", "Senior", "list", "Craft")
	w.checkReport(t, mgr.tb)
	if got := mgr.exported(t, "sa-export-md"); got != w.markdown() {
		t.Errorf("the Markdown:\n%s\nwant:\n%s", got, w.markdown())
	}
	self.quiet(t, "the person")
	mgr.quiet(t, "the manager")
}
