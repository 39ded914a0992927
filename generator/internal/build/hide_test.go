package build

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/product-roles/handbook/generator/internal/fork"
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
]
`

// Every kind can be hidden: check passes with no problem in an upstream
// file, and the references to what was hidden are listed as dropped.
func TestHideEveryKind(t *testing.T) {
	dir, _ := forkWith(t, hideEveryKind)
	rep := &Report{}
	c, err := newBuilder(t).Check(Options{ProjectDir: dir}, rep)
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
	if ranks["director-of-agile-practices"] != 4 || len(ranks) != 4 {
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
	if _, err := newBuilder(t).Check(Options{ProjectDir: dir}, rep); err != nil {
		t.Fatalf("check: %v\n%s", err, rep.Diags.Error())
	}
	if up := upstreamDiags(rep); len(up) > 0 {
		t.Errorf("warnings located in upstream files:\n%s", strings.Join(up, "\n"))
	}
}
