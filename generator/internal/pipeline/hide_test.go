package pipeline

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/product-roles/handbook/generator/internal/fork"
	"github.com/product-roles/handbook/generator/internal/layout"
	"github.com/product-roles/handbook/generator/internal/testkit"
)

// forkWith is the real handbook with a starter overlay whose company.toml
// is config.
func forkWith(t *testing.T, config string) (dir, overlay string) {
	t.Helper()
	dir = testkit.Project(t, filepath.Join(testkit.Root(t), "content"))
	overlay = filepath.Join(dir, "company")
	if err := fork.Init(overlay, "Globex"); err != nil {
		t.Fatal(err)
	}
	testkit.Write(t, filepath.Join(overlay, "company.toml"), config)
	return dir, overlay
}

// upstreamDiags are the problems located in upstream files.
func upstreamDiags(rep *Report) []string {
	var out []string
	for _, d := range rep.Diags {
		if !strings.HasPrefix(d.File, "company/") {
			out = append(out, d.String())
		}
	}
	return out
}

// hideEveryKind hides one item of every kind, among them a middle level,
// the PO role while its track is shown, a cited source, a competency, an
// area and a glossary term linked by anchor.
const hideEveryKind = `hide = [
  "roles/product-owner",
  "compare/time-horizon",
  "areas/business",
  "duties/backlog-ordering",
  "skills/agile-and-scrum",
  "competencies/business-acumen",
  "ladders/product-management",
  "ladders/product-ownership/lead-product-owner",
  "sources/cohn-2009",
  "guides/day-in-the-life",
  "similarities/agile-ceremonies",
  "faq/certifications",
  "glossary/product-backlog",
  "interview/choosing-kpis",
]
`

// Every kind can be hidden: check passes with no problem in an upstream
// file, and the references to what was hidden are listed as dropped.
func TestHideEveryKind(t *testing.T) {
	dir, _ := forkWith(t, hideEveryKind)
	rep := &Report{}
	c, err := newBuilder(t).Check(Options{Layout: layout.Resolve(layout.Flags{Project: dir})}, rep)
	if err != nil {
		t.Fatalf("check: %v\n%s", err, rep.Diags.Error())
	}
	if up := upstreamDiags(rep); len(up) > 0 {
		t.Errorf("problems located in upstream files:\n%s", strings.Join(up, "\n"))
	}
	ranks := map[string]int{}
	for _, l := range c.Model.Levels("product-ownership") {
		ranks[l.ID] = l.Front.Rank
	}
	// The levels above the hidden one moved down a rank: the top one's rank is the number of levels left.
	if top := ranks["head-of-product-ownership"]; top == 0 || top != len(ranks) || ranks["lead-product-owner"] != 0 {
		t.Errorf("ranks after hiding a middle level: %v", ranks)
	}
	dropped := map[string]bool{}
	for _, d := range c.Applied.Dropped {
		if dropped[d.String()] {
			t.Errorf("dropped twice: %s", d)
		}
		dropped[d.String()] = true
	}
	for _, want := range []string{
		`content/ladders/product-ownership/_index.md:4: role "product-owner", which is hidden`,
		`content/ladders/product-ownership/senior-product-owner.md:`,
	} {
		found := false
		for d := range dropped {
			found = found || strings.HasPrefix(d, want)
		}
		if !found {
			t.Errorf("no dropped reference %q in\n%v", want, c.Applied.Dropped)
		}
	}
}

// The Acme example checks clean: no error, and no warning in an upstream file.
func TestAcmeChecksClean(t *testing.T) {
	dir, _ := acme(t)
	rep := &Report{}
	if _, err := newBuilder(t).Check(Options{Layout: layout.Resolve(layout.Flags{Project: dir})}, rep); err != nil {
		t.Fatalf("check: %v\n%s", err, rep.Diags.Error())
	}
	if up := upstreamDiags(rep); len(up) > 0 {
		t.Errorf("warnings located in upstream files:\n%s", strings.Join(up, "\n"))
	}
}

// What a fork adds or hides never puts a problem in an upstream file.
func TestOverlayProblemsStayInTheOverlay(t *testing.T) {
	level := func(rank string) string {
		return "---\ntitle: VP of Product Ownership\nsummary: Leads product ownership across every product line.\nrank: " + rank +
			"\nscope: Every product line.\nexperience: Has led product owners.\nexpectations:\n" +
			"  customer-insight: a\n  vision-and-strategy: b\n  backlog-and-delivery: c\n  stakeholder-communication: d\n" +
			"  decision-making: e\n  business-acumen: f\n  leadership: g\n  outcomes-and-data: h\nsources: [seed-bluebird]\n---\n\nText.\n"
	}
	for _, tc := range []struct {
		name, config, file, content string
		upstream                    map[string]string // files upstream has
		ok                          bool
		want                        string // a diagnostic located in the overlay
	}{
		{name: "a source only hidden pages cite", config: `hide = ["guides/vendor-guide"]`,
			upstream: map[string]string{
				"sources/vendor-book.md": "---\ntitle: The vendor book\nsummary: A book on vendors.\nkind: book\n---\n\nOn vendors.\n",
				"guides/vendor-guide.md": "---\ntitle: Working with vendors\nsummary: How product people work with vendors.\nsources: [vendor-book]\n---\n\nVendors, in short.\n",
			}, ok: true},
		{name: "a competency the fork adds", file: "content/competencies/compliance.md",
			content: "---\ntitle: Compliance\nsummary: Knowing the rules a product must follow.\nweight: 99\n---\n\nThe rules.\n",
			ok:      true, want: "company/content/competencies/compliance.md:2:1: warning: content/ladders/product-management/associate-product-manager.md has no expectation"},
		{name: "a level the fork adds with a rank upstream has", file: "content/ladders/product-ownership/vp-of-product-ownership.md", content: level("6"),
			want: "company/content/ladders/product-ownership/vp-of-product-ownership.md:4:7: error: rank 6 is also the rank of content/ladders/product-ownership/head-of-product-ownership.md"},
		{name: "a level the fork adds on top without from", file: "content/ladders/product-ownership/vp-of-product-ownership.md", content: level("7"),
			ok: true, want: "company/content/ladders/product-ownership/vp-of-product-ownership.md:2:1: warning: content/ladders/product-ownership/head-of-product-ownership.md, the level below this one, has no ready_for_next"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir, overlay := forkWith(t, tc.config+"\n")
			for rel, src := range tc.upstream {
				testkit.Write(t, filepath.Join(dir, "content", rel), src)
			}
			if tc.file != "" {
				testkit.Write(t, filepath.Join(overlay, tc.file), tc.content)
			}
			rep := &Report{}
			_, err := newBuilder(t).Check(Options{Layout: layout.Resolve(layout.Flags{Project: dir})}, rep)
			if (err == nil) != tc.ok {
				t.Errorf("check: %v, want ok=%v\n%s", err, tc.ok, rep.Diags.Error())
			}
			if up := upstreamDiags(rep); len(up) > 0 {
				t.Errorf("problems located in upstream files:\n%s", strings.Join(up, "\n"))
			}
			if tc.want != "" && !strings.Contains(rep.Diags.Error(), tc.want) {
				t.Errorf("want %s in\n%s", tc.want, rep.Diags.Error())
			}
		})
	}
}
