package sitetest

import (
	"context"
	"net"
	"net/http"
	"path/filepath"
	"testing"
	"time"

	"github.com/product-roles/handbook/generator/internal/layout"
	"github.com/product-roles/handbook/generator/internal/pipeline"
	"github.com/product-roles/handbook/generator/internal/testkit"
)

// rtlSite builds the mini test handbook with a right-to-left language (a
// test fixture, not shipped content) and serves it.
func rtlSite(t *testing.T) string {
	t.Helper()
	root := testkit.Root(t)
	dir := testkit.Project(t, filepath.Join(root, "generator", "internal", "testdata", "mini"))
	testkit.Write(t, filepath.Join(dir, "handbook.toml"), "title = \"RTL fixture\"\nlanguage = \"en\"\n\n"+
		"[[languages]]\ntag = \"en\"\nname = \"English\"\n\n[[languages]]\ntag = \"ar\"\nname = \"العربية\"\ndirection = \"rtl\"\n")
	testkit.Write(t, filepath.Join(dir, "themes", "handbook", "i18n", "ar.toml"),
		"corner_competency = \"الكفاءة\"\ncorner_duty = \"المهمة\"\nleads = \"يقود\"\nnone = \"غير مشارك\"\nskip = \"انتقل إلى المحتوى\"\n")
	testkit.Write(t, filepath.Join(dir, "content", "ladders", "pm-track", "senior.ar.md"),
		"---\ntitle: المستوى الأول المتقدم\nsummary: المستوى الثاني.\nexpectations:\n  craft: ينجز المهام باستقلالية تامة دون مساعدة من أحد.\n---\n\nنص عربي قصير للاختبار.\n")
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	host := "http://" + ln.Addr().String() + "/"
	b, err := pipeline.New()
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "public")
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	if rep, err := b.Build(ctx, pipeline.Options{Layout: layout.Resolve(layout.Flags{Project: dir, Out: out}), BaseURL: host}); err != nil {
		ln.Close()
		t.Fatalf("build the RTL fixture: %v\n%v", err, rep.Diags)
	}
	srv := &http.Server{Handler: fileServer(out), ReadHeaderTimeout: 10 * time.Second}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	return host
}

// In a right-to-left language the page is dir="rtl", a matrix's first
// column (the row headings) stands on the right on a desktop and its text
// starts at the right on a phone, and nothing scrolls sideways at 390 px.
func TestRightToLeft(t *testing.T) {
	requireChromium(t)
	host := rtlSite(t)
	tb := newTab(t)
	type layout struct {
		Dir        string  `json:"dir"`
		HeadLeft   float64 `json:"headLeft"`  // the first row heading of the ladder
		HeadRight  float64 `json:"headRight"` // (its box)
		TextRight  float64 `json:"textRight"` // its text's right edge
		CellLeft   float64 `json:"cellLeft"`  // the first data cell of that row
		ScrollW    float64 `json:"scrollW"`
		ViewW      float64 `json:"viewW"`
		CornerText string  `json:"corner"`
	}
	const measure = `(() => {
  const th = document.querySelector('#ladder tbody th'), td = document.querySelector('#ladder tbody td');
  const r = document.createRange(); r.selectNodeContents(th);
  const hb = th.getBoundingClientRect(), tr = r.getBoundingClientRect(), cb = td.getBoundingClientRect();
  return {dir: document.documentElement.dir, headLeft: hb.left, headRight: hb.right, textRight: tr.right, cellLeft: cb.left,
    scrollW: document.documentElement.scrollWidth, viewW: document.documentElement.clientWidth,
    corner: document.querySelector('#ladder thead th').textContent.trim()};
})()`
	for _, v := range []view{lightWide, {Name: "light 390px", Width: 390, Height: 844, Scheme: "light"}} {
		if err := tb.emulate(v); err != nil {
			t.Fatal(err)
		}
		if _, err := tb.open(host+"ar/ladders/pm-track/", false); err != nil {
			t.Fatal(err)
		}
		l, err := eval[layout](tb, measure)
		if err != nil {
			t.Fatal(err)
		}
		if l.Dir != "rtl" || l.CornerText != "الكفاءة" {
			t.Fatalf("%s: dir %q, corner %q", v.Name, l.Dir, l.CornerText)
		}
		if v.Width > 640 && !(l.HeadLeft >= l.CellLeft) {
			t.Errorf("%s: the first column (left %.0f) is not right of the data (left %.0f)", v.Name, l.HeadLeft, l.CellLeft)
		}
		if v.Width <= 640 && l.HeadRight-l.TextRight > 24 {
			t.Errorf("%s: the row heading's text ends %.0f px left of its box's right edge: it is not aligned to the start", v.Name, l.HeadRight-l.TextRight)
		}
		if l.ScrollW > l.ViewW {
			t.Errorf("%s: the page scrolls sideways (%.0f px wide in a %.0f px view)", v.Name, l.ScrollW, l.ViewW)
		}
		for _, p := range tb.takeProblems() {
			t.Errorf("%s: %s", v.Name, p)
		}
	}
	// The English pages of the same build stay left to right.
	if _, err := tb.open(host+"ladders/pm-track/", false); err != nil {
		t.Fatal(err)
	}
	if dir, _ := eval[string](tb, `document.documentElement.dir`); dir != "ltr" {
		t.Errorf("English page: dir %q", dir)
	}
}
