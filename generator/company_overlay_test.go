package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/product-roles/handbook/generator/internal/testkit"
)

// globex is the real handbook with a fresh overlay made by `init`, and
// company.toml set to config when it is not empty.
func globex(t *testing.T, config string) (dir, overlay string) {
	t.Helper()
	dir = testkit.Project(t, filepath.Join(testkit.Root(t), "content"))
	overlay = filepath.Join(dir, "company")
	if code, _, stderr := runCLI(t, nil, "init", "--org", "Globex", overlay); code != 0 {
		t.Fatalf("init: %s", stderr)
	}
	if config != "" {
		testkit.Write(t, filepath.Join(overlay, "company.toml"), config)
	}
	return dir, overlay
}

// located returns the diagnostics lines ("file:line:col: severity: ...")
// of a check's output that are located in upstream files.
func located(stderr string) (upstream []string) {
	for _, l := range strings.Split(stderr, "\n") {
		if regexp.MustCompile(`^[^ ]+:\d+:\d+: (error|warning):`).MatchString(l) && !strings.HasPrefix(l, "company/") {
			upstream = append(upstream, l)
		}
	}
	return upstream
}

// checkClean runs check (and check --strict) and fails on any problem.
func checkClean(t *testing.T, dir string, strict bool) {
	t.Helper()
	args := []string{"check", "--project", dir}
	if strict {
		args = append(args, "--strict")
	}
	if code, stdout, stderr := runCLI(t, nil, args...); code != 0 || len(located(stderr)) > 0 {
		t.Errorf("%v: exit %d\n%s%s", args, code, stdout, stderr)
	}
}

const analyst = `---
title: Business Analyst
summary: At Globex the Business Analyst turns business needs into precise requirements that teams can build and test.
abbr: BA
question: What exactly does the business need, and how will we know it works?
reports_to: The head of business analysis.
works_with: [Product Owners, Operations]
owns: [Requirements documents]
success: [Requirements are understood the first time]
sources: [seed-bluebird]
ownership:
  backlog-ordering: supports
default_value: Not described for business analysts at Globex.
default_ownership: none
default_importance: helpful
---

What the Business Analyst does at Globex.
`

// (Case names have no commas or dots: Hugo misreads a project folder, the
// test's temporary folder, whose name has them.)
//
// What a company that follows FORKING.md does with its overlay (hide, add a
// role or a level, brand, override, merge upstream's changes) checks and
// builds as the guide says.
func TestCompanyOverlay(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	for _, tc := range []struct {
		name string
		run  func(t *testing.T)
	}{
		{"hiding a level in the middle of a track", func(t *testing.T) {
			// The level below it is left with no move up: check passes with a
			// warning in company.toml, check --strict fails on it; the fix is in
			// TestHidingALevelKeepsAWayUp.
			dir, _ := globex(t, `hide = ["ladders/product-ownership/lead-product-owner"]`+"\n")
			code, _, stderr := runCLI(t, nil, "check", "--project", dir)
			if code != 0 || !strings.Contains(stderr, "company/company.toml:1:1: warning: hiding \"ladders/product-ownership/lead-product-owner\"") || len(located(stderr)) > 0 {
				t.Errorf("check: exit %d, want 0 with a warning in company.toml only\n%s", code, stderr)
			}
			if code, _, stderr := runCLI(t, nil, "check", "--strict", "--project", dir); code != 1 {
				t.Errorf("check --strict: exit %d, want 1\n%s", code, stderr)
			}
		}},
		{"hiding anything referenced by id", func(t *testing.T) {
			dir, overlay := globex(t, `hide = ["competencies/business-acumen", "areas/business", "sources/cohn-2009", "glossary/product-backlog", "roles/product-owner", "duties/backlog-ordering"]`+"\n")
			testkit.Write(t, filepath.Join(overlay, "content", "roles", "business-analyst.md"), analyst) // lists the hidden duty
			checkClean(t, dir, true)
			code, stdout, _ := runCLI(t, nil, "overrides", "--project", dir)
			if code != 0 || !strings.Contains(stdout, "drops the reference at company/content/roles/business-analyst.md:") {
				t.Errorf("overrides does not list the dropped reference:\n%s", stdout)
			}
		}},
		{"new with an id upstream has", func(t *testing.T) {
			dir, overlay := globex(t, "")
			code, _, stderr := runCLI(t, nil, "new", "duty", "pricing", "--project", dir)
			if code != 1 || !strings.Contains(stderr, "override content/duties/pricing.md") {
				t.Errorf("new duty pricing: exit %d, %s", code, stderr)
			}
			if _, err := os.Stat(filepath.Join(overlay, "content", "duties", "pricing.md")); err == nil {
				t.Error("new wrote a file that replaces the upstream page")
			}
		}},
		{"adding a role", func(t *testing.T) {
			dir, overlay := globex(t, "")
			if code, _, stderr := runCLI(t, nil, "new", "role", "business-analyst", "--project", dir); code != 0 {
				t.Fatal(stderr)
			}
			role := filepath.Join(overlay, "content", "roles", "business-analyst.md")
			src := testkit.Read(t, role)
			for _, key := range []string{"\n  time-horizon: ", "\n  backlog-ordering: ", "\n  data-analysis: "} {
				if !strings.Contains(src, key) {
					t.Errorf("the new role has no %q entry", strings.TrimSpace(key))
				}
			}
			code, _, stderr := runCLI(t, nil, "check", "--project", dir)
			if code != 1 || !strings.Contains(stderr, "company/content/roles/business-analyst.md:") || len(located(stderr)) > 0 {
				t.Errorf("check of an unfilled role: exit %d, want 1 in the role's file only\n%s", code, stderr)
			}
			// The role filled in, then upstream adds a duty: the warning is in the fork's file.
			var filled []string
			section := ""
			for _, l := range strings.Split(src, "\n") {
				if !strings.HasPrefix(l, " ") && strings.Contains(l, ":") {
					section, _, _ = strings.Cut(l, ":")
				}
				l = strings.ReplaceAll(l, "; replace it.", ", as Globex does it.")
				if v, ok := map[string]string{"ownership": "supports", "importance": "helpful"}[section]; ok && strings.HasSuffix(l, ": todo") {
					l = strings.TrimSuffix(l, "todo") + v
				}
				filled = append(filled, l)
			}
			testkit.Write(t, role, strings.Join(filled, "\n"))
			checkClean(t, dir, true)
			testkit.Write(t, filepath.Join(dir, "content", "duties", "vendor-management.md"), "---\ntitle: Vendor management\n"+
				"summary: Choosing and steering the outside suppliers a product depends on.\narea: business\n"+
				"ownership:\n  product-manager: leads\n  product-owner: supports\nsources: [seed-bluebird]\n---\n\nText.\n")
			code, _, stderr = runCLI(t, nil, "check", "--strict", "--project", dir)
			if code != 1 || !strings.Contains(stderr, "company/content/roles/business-analyst.md:") || len(located(stderr)) > 0 {
				t.Errorf("check --strict after upstream added a duty: exit %d, want 1 in the role's file only\n%s", code, stderr)
			}
		}},
		{"a level on top of a track", func(t *testing.T) {
			dir, overlay := globex(t, "")
			testkit.Write(t, filepath.Join(overlay, "content", "ladders", "product-ownership", "vp-of-product-ownership.md"), `---
title: VP of Product Ownership
summary: Leads the product ownership practice across all of Globex's product lines.
rank: 7
scope: Every product line's product ownership practice.
experience: Has led product owners across several product lines.
expectations:
  customer-insight: Decides which customer research every product line funds each year and retires studies that no longer change any decision.
  vision-and-strategy: Writes the three-year product ownership plan with the executive team and publishes how each product line's goals follow from it.
  backlog-and-delivery: Audits how product lines order their backlogs twice a year and publishes the findings with the changes each line must make.
  stakeholder-communication: Presents the state of every product line to the board each quarter, including the bets that failed and why.
  decision-making: Settles disputes between heads of product ownership over shared teams, records each ruling and reviews whether it held a year later.
  business-acumen: Owns the budget for product ownership across Globex and moves money between product lines when their returns diverge.
  leadership: Hires and coaches the heads of product ownership, runs their performance reviews and plans who could succeed each of them.
  outcomes-and-data: Defines Globex-wide outcome measures for product ownership, reports them to the board and ends measures that mislead.
from:
  - level: product-ownership/head-of-product-ownership
    note: When the practice spans several product lines.
    ready_for_next: [Runs the practice across product lines with little guidance.]
sources: [seed-bluebird]
---

The top of product ownership at Globex.
`)
			// Its interview guide needs a question for every competency it expects.
			for _, c := range []string{"customer-insight", "vision-and-strategy", "backlog-and-delivery", "stakeholder-communication",
				"decision-making", "business-acumen", "leadership", "outcomes-and-data"} {
				testkit.Write(t, filepath.Join(overlay, "content", "interview", "vp-"+c+".md"), "---\ntitle: VP of product ownership on "+c+"\n"+
					"summary: How a candidate for the top of product ownership at Globex handles "+c+".\ncompetency: "+c+"\n"+
					"tracks: [product-ownership]\nranks: {from: 7, to: 7}\nquestion: Tell me how you shaped "+c+" across several product lines?\n"+
					"signals:\n  - from_rank: 7\n    weak: Speaks of one team only.\n    solid: Names practices that spread across product lines.\n"+
					"    strong: Shows how the practice kept working after they stepped back.\nred_flags: [Takes every decision personally]\n---\n\nA Globex question.\n")
			}
			checkClean(t, dir, true)
		}},
		{"logo and accent colour", func(t *testing.T) {
			for config, want := range map[string]string{
				"logo = \"missing.svg\"\n":              `company/company.toml:1:1: error: logo "missing.svg" is not a file`,
				"logo = \"notes.png\"\n":                `company/company.toml:1:1: error: logo "notes.png" is not an image`,
				"[colors]\naccent = \"#ffff66\"\n":      `company/company.toml:2:1: error: colors.accent "#ffff66" has a contrast of 1.06:1`,
				"[colors]\naccent_dark = \"#222222\"\n": `company/company.toml:2:1: error: colors.accent_dark "#222222" has a contrast of`,
			} {
				dir, overlay := globex(t, config)
				testkit.Write(t, filepath.Join(overlay, "static", "notes.png"), "not an image\n")
				if code, _, stderr := runCLI(t, nil, "check", "--project", dir); code != 1 || !strings.Contains(stderr, want) {
					t.Errorf("%s: exit %d\n%s\nwant %s", config, code, stderr, want)
				}
			}
		}},
		{"handbook markdown and gitkeep and overrides", func(t *testing.T) {
			dir, _ := globex(t, "tracks = [\"product-management\"]\nhide = [\"duties/pricing\"]\n\n[level_titles.product-management]\nproduct-manager = \"L2 Product Manager\"\n")
			out := filepath.Join(dir, "public")
			if code, _, stderr := runCLI(t, nil, "build", "--project", dir, "--out", out); code != 0 {
				t.Fatal(stderr)
			}
			if md := testkit.Read(t, filepath.Join(out, "handbook.md")); strings.Contains(md, "](/duties/pricing/") || strings.Contains(md, "](/ladders/product-ownership/") {
				t.Error("handbook.md links to hidden pages")
			}
			if _, err := os.Stat(filepath.Join(out, ".gitkeep")); err == nil {
				t.Error("company/static/.gitkeep is published")
			}
			_, stdout, _ := runCLI(t, nil, "overrides", "--project", dir)
			if strings.Contains(stdout, ".gitkeep") || !strings.Contains(stdout, "hides ladders/product-ownership\n") ||
				!strings.Contains(stdout, `renames ladders/product-management/product-manager: "Product Manager" -> "L2 Product Manager"`) {
				t.Errorf("overrides:\n%s", stdout)
			}
		}},
		{"company.toml template and TOML syntax errors", func(t *testing.T) {
			_, overlay := globex(t, "")
			template := testkit.Read(t, filepath.Join(overlay, "company.toml"))
			lines := strings.Split(template, "\n")
			tried := 0
			for i, l := range lines {
				if !regexp.MustCompile(`^# (\[|[a-z_-]+ = )`).MatchString(l) {
					continue
				}
				tried++
				edited := append([]string{}, lines...)
				edited[i] = strings.TrimPrefix(l, "# ")
				dir, _ := globex(t, strings.Join(edited, "\n"))
				if _, err := os.Stat(filepath.Join(dir, "company", "static")); err == nil {
					testkit.Write(t, filepath.Join(dir, "company", "static", "logo.svg"), `<svg xmlns="http://www.w3.org/2000/svg"/>`)
				}
				if code, stdout, stderr := runCLI(t, nil, "check", "--project", dir); code != 0 {
					t.Errorf("uncommenting %q: exit %d\n%s%s", l, code, stdout, stderr)
				}
			}
			if tried < 10 {
				t.Errorf("only %d commented settings in the template", tried)
			}
			dir, _ := globex(t, "title = \"Globex\nhide = [\"duties/nope\"]\n")
			code, _, stderr := runCLI(t, nil, "check", "--project", dir)
			if diags := regexp.MustCompile(`(?m)^[^ ]+:\d+:\d+: (error|warning):`).FindAllString(stderr, -1); code != 1 || len(diags) != 1 ||
				!strings.HasPrefix(diags[0], "company/company.toml:1:") {
				t.Errorf("a TOML syntax error: exit %d, want it reported alone\n%s", code, stderr)
			}
		}},
		{"drift has a base to compare and merge", func(t *testing.T) {
			dir, overlay := globex(t, "")
			if code, _, stderr := runCLI(t, nil, "override", "--refresh", "content/duties/pricing.md", "--project", dir); code != 1 || !strings.Contains(stderr, "not overridden") {
				t.Errorf("--refresh of a file never overridden: exit %d %s", code, stderr)
			}
			if code, _, stderr := runCLI(t, nil, "override", "content/duties/backlog-ordering.md", "--project", dir); code != 0 {
				t.Fatal(stderr)
			}
			ours := filepath.Join(overlay, "content", "duties", "backlog-ordering.md")
			testkit.Write(t, ours, strings.Replace(testkit.Read(t, ours), "title: Backlog ordering", "title: Ordering the backlog", 1))
			up := filepath.Join(dir, "content", "duties", "backlog-ordering.md")
			testkit.Write(t, up, testkit.Read(t, up)+"\nUpstream's new closing paragraph.\n")
			code, stdout, _ := runCLI(t, nil, "overrides", "--diff", "--project", dir)
			if code != 1 || !strings.Contains(stdout, "+Upstream's new closing paragraph.") || !strings.Contains(stdout, "+title: Ordering the backlog") {
				t.Errorf("overrides --diff: exit %d\n%s", code, stdout)
			}
			if code, stdout, stderr := runCLI(t, nil, "override", "--merge", "content/duties/backlog-ordering.md", "--project", dir); code != 0 {
				t.Fatalf("override --merge: exit %d %s%s", code, stdout, stderr)
			}
			if merged := testkit.Read(t, ours); !strings.Contains(merged, "Upstream's new closing paragraph.") || !strings.Contains(merged, "title: Ordering the backlog") {
				t.Errorf("merged copy:\n%s", merged)
			}
			if code, stdout, _ := runCLI(t, nil, "overrides", "--project", dir); code != 0 {
				t.Errorf("overrides after the merge: exit %d\n%s", code, stdout)
			}
		}},
		{"check --strict and scaffold placeholders", func(t *testing.T) {
			dir, _ := globex(t, "")
			if code, _, stderr := runCLI(t, nil, "new", "duty", "vendor-management", "--project", dir); code != 0 {
				t.Fatal(stderr)
			}
			code, _, stderr := runCLI(t, nil, "check", "--strict", "--project", dir)
			if code != 1 || !strings.Contains(stderr, "company/content/duties/vendor-management.md:3:1: error: placeholder") {
				t.Errorf("check --strict of an untouched scaffold: exit %d\n%s", code, stderr)
			}
		}},
		{"prose and abbr and last updated", func(t *testing.T) {
			dir, overlay := globex(t, `hide = ["ladders/product-ownership"]`+"\n")
			plain := regexp.MustCompile(`(?m)^default_.*\n`).ReplaceAllString(analyst, "") // fields the old code did not know
			testkit.Write(t, filepath.Join(overlay, "content", "roles", "business-analyst.md"), plain)
			git(t, dir, "init", "-q")
			git(t, dir, "add", ".")
			git(t, dir, "-c", "user.name=T", "-c", "user.email=t@example.com", "commit", "-qm", "Globex", "--date=2026-01-02T00:00:00Z")
			out := filepath.Join(dir, "public")
			if code, _, stderr := runCLI(t, nil, "build", "--project", dir, "--out", out); code != 0 {
				t.Fatal(stderr)
			}
			if page := testkit.Read(t, filepath.Join(out, "roles", "business-analyst", "index.html")); !strings.Contains(page, "Last updated") {
				t.Error("the overlay's role page has no Last updated")
			}
			compare := testkit.Read(t, filepath.Join(out, "compare", "index.html"))
			if !regexp.MustCompile(`<th scope=col[^>]*><a [^>]*><abbr title="Business Analyst">BA</abbr>`).MatchString(compare) {
				t.Error("the comparison matrix does not label the role's column with its abbr")
			}
			ladders := testkit.Read(t, filepath.Join(out, "ladders", "index.html"))
			if strings.Contains(ladders, "both tracks") {
				t.Error("the ladders page says both tracks where one is shown")
			}
			if strings.Contains(testkit.Read(t, filepath.Join(out, "404.html")), "two roles") {
				t.Error("the 404 page counts two roles where there are three")
			}
		}},
	} {
		t.Run(tc.name, tc.run)
	}
}
