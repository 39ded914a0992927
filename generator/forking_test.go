package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/product-roles/handbook/generator/internal/content"
	"github.com/product-roles/handbook/generator/internal/testkit"
)

// block is a fenced code block of a Markdown file.
type block struct {
	lang  string
	lines []string
}

func codeBlocks(t *testing.T, file string) []block {
	t.Helper()
	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []block
	var cur *block
	indent := "" // a block in a list item is indented with its fence
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		fence := strings.HasPrefix(strings.TrimLeft(line, " "), "```")
		switch {
		case cur == nil && fence:
			indent = line[:len(line)-len(strings.TrimLeft(line, " "))]
			cur = &block{lang: strings.TrimPrefix(strings.TrimLeft(line, " "), "```")}
		case cur != nil && fence:
			out = append(out, *cur)
			cur = nil
		case cur != nil:
			cur.lines = append(cur.lines, strings.TrimPrefix(line, indent))
		}
	}
	return out
}

// splitArgs splits a command line on spaces, keeping "quoted words" together.
func splitArgs(line string) []string {
	var out []string
	var b strings.Builder
	quoted, any := false, false
	for _, r := range line {
		switch {
		case r == '"':
			quoted, any = !quoted, true
		case r == ' ' && !quoted:
			if any {
				out = append(out, b.String())
			}
			b.Reset()
			any = false
		default:
			b.WriteRune(r)
			any = true
		}
	}
	if any {
		out = append(out, b.String())
	}
	return out
}

func git(t *testing.T, dir string, args ...string) string {
	t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("git %v in %s: %v\n%s", args, dir, err, out)
	}
	return string(out)
}

// expectation is what the author of a new level writes for each competency:
// a distinct, observable step up from the level below, as the ladder linter asks.
var expectation = map[string]string{
	"customer-insight":          "Decides which customer research every product line funds each year and retires studies that no longer change any decision.",
	"vision-and-strategy":       "Writes the three-year product ownership plan with the executive team and publishes how each product line's goals follow from it.",
	"backlog-and-delivery":      "Audits how product lines order their backlogs twice a year and publishes the findings with the changes each line must make.",
	"stakeholder-communication": "Presents the state of every product line to the board each quarter, including the bets that failed and why.",
	"decision-making":           "Settles disputes between heads of product ownership over shared teams, records each ruling and reviews whether it held a year later.",
	"business-acumen":           "Owns the budget for product ownership across Acme and moves money between product lines when their returns diverge.",
	"leadership":                "Hires and coaches the heads of product ownership, runs their performance reviews and plans who could succeed each of them.",
	"outcomes-and-data":         "Defines Acme-wide outcome measures for product ownership, reports them to the board and ends measures that mislead.",
}

// fillIn does what the author of a new file does: every placeholder gets a
// value (a real author writes better ones).
func fillIn(t *testing.T, file string) {
	t.Helper()
	var out []string
	section := ""
	for _, line := range strings.Split(testkit.Read(t, file), "\n") {
		if !strings.HasPrefix(line, " ") && strings.Contains(line, ":") {
			section, _, _ = strings.Cut(line, ":")
		}
		if strings.HasSuffix(line, ": "+content.Todo) {
			line = strings.TrimSuffix(line, content.Todo) + map[string]string{"ownership": "supports", "importance": "helpful"}[section]
		}
		if id, _, ok := strings.Cut(strings.TrimSpace(line), ":"); ok && section == "expectations" && expectation[id] != "" {
			line = "  " + id + ": " + expectation[id]
		}
		out = append(out, strings.ReplaceAll(line, content.Placeholder, ", as Acme does it."))
	}
	testkit.Write(t, file, strings.Join(out, "\n"))
}

// addFields puts front matter lines into a file, before its closing ---.
func addFields(t *testing.T, file string, lines []string) {
	t.Helper()
	src := testkit.Read(t, file)
	end := strings.Index(src[4:], "\n---\n") + 4
	testkit.Write(t, file, src[:end]+"\n"+strings.Join(lines, "\n")+src[end:])
}

// TestForkingGuide runs every step of FORKING.md in order: GitHub is
// played by local repositories, and between "commit" and "keep up with
// upstream" upstream changes a file the fork replaced and adds a duty. At
// every step, the fork changes no upstream file.
func TestForkingGuide(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	root := testkit.Root(t)
	work := t.TempDir()
	for k, v := range map[string]string{"GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "t@example.com",
		"GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "t@example.com", "GIT_CONFIG_GLOBAL": os.DevNull} {
		t.Setenv(k, v)
	}

	// Upstream: the handbook as published, and the fork GitHub would make of it.
	upstream := filepath.Join(work, "upstream")
	for _, d := range []string{"content", "themes", "static"} {
		testkit.CopyTree(t, filepath.Join(root, d), filepath.Join(upstream, d))
	}
	for _, f := range []string{"handbook.toml", "netlify.toml", ".gitignore"} {
		testkit.Write(t, filepath.Join(upstream, f), testkit.Read(t, filepath.Join(root, f)))
	}
	git(t, upstream, "init", "-q", "-b", "main")
	git(t, upstream, "add", ".")
	git(t, upstream, "commit", "-qm", "Upstream handbook")
	forkBare := filepath.Join(work, "github", "YOUR-ORG", "handbook.git")
	git(t, work, "clone", "-q", "--bare", upstream, forkBare)
	urls := strings.NewReplacer("https://github.com/YOUR-ORG/handbook.git", forkBare,
		"https://github.com/product-roles/handbook.git", upstream)

	const ourSummary = "summary: At Acme the Product Owner orders the backlog with the team lead every Monday."
	// The exit status each run of a command must have, in order; others must exit 0.
	want := map[string][]int{
		"overrides":        {0, 1, 0}, // flagged right after the merge, not after --merge
		"overrides --diff": {1},
		"check --strict":   {0, 1, 0}, // the duty upstream added needs an entry in the fork's role
		"upstream-changes": {1},       // upstream changed a replaced file and a renamed level
	}
	runs := map[string]int{}
	t.Chdir(work)
	cwd := work
	upstreamChanged, filled := false, 0
	for _, b := range codeBlocks(t, filepath.Join(root, "FORKING.md")) {
		switch {
		case b.lang == "toml" && len(b.lines) > 0 && strings.HasPrefix(b.lines[0], "# company/company.toml"):
			testkit.Write(t, filepath.Join(cwd, "company", "company.toml"), strings.Join(b.lines, "\n")+"\n")
			continue
		case b.lang == "yaml" && len(b.lines) > 0 && strings.HasPrefix(b.lines[0], "# company/"):
			addFields(t, filepath.Join(cwd, strings.TrimPrefix(b.lines[0], "# ")), b.lines[1:])
			continue
		case b.lang != "sh":
			continue
		}
		for _, line := range b.lines {
			args := splitArgs(urls.Replace(line))
			switch {
			case len(args) == 0:
			case args[0] == "cd":
				cwd = filepath.Join(cwd, args[1])
				t.Chdir(cwd)
			case args[0] == "git":
				if args[1] == "fetch" && !upstreamChanged {
					// Meanwhile upstream improves a page the fork replaced, its settings, and adds a duty.
					p := filepath.Join(upstream, "content", "duties", "backlog-ordering.md")
					testkit.Write(t, p, strings.Replace(testkit.Read(t, p), "\n\n", "\n\nUpstream added this sentence.\n\n", 1))
					pm := filepath.Join(upstream, "content", "ladders", "product-management", "product-manager.md")
					testkit.Write(t, pm, strings.Replace(testkit.Read(t, pm), "  customer-insight: Plans and runs", "  customer-insight: Plans, runs and shares", 1))
					testkit.Write(t, filepath.Join(upstream, "handbook.toml"), testkit.Read(t, filepath.Join(upstream, "handbook.toml"))+"\n# upstream edit\n")
					testkit.Write(t, filepath.Join(upstream, "content", "duties", "vendor-management.md"), "---\ntitle: Vendor management\n"+
						"summary: Choosing and steering the outside suppliers a product depends on.\narea: business\n"+
						"ownership:\n  product-manager: leads\n  product-owner: supports\nweight: 99\nsources: [seed-bluebird]\n---\n\nWho picks and manages suppliers.\n")
					git(t, upstream, "add", ".")
					git(t, upstream, "commit", "-qm", "Upstream improves backlog ordering and adds vendor management")
					upstreamChanged = true
				}
				git(t, cwd, args[1:]...)
			case len(args) > 3 && strings.Join(args[:3], " ") == "go run ./generator":
				cmd := strings.Join(args[3:], " ")
				exit := 0
				if codes := want[cmd]; runs[cmd] < len(codes) {
					exit = codes[runs[cmd]]
				}
				runs[cmd]++
				code, stdout, stderr := runCLI(t, nil, args[3:]...)
				if code != exit {
					t.Fatalf("%q: exit %d, want %d\n%s%s", line, code, exit, stdout, stderr)
				}
				switch {
				case cmd == "overrides" && exit == 1:
					if !strings.Contains(stdout, "! replaces content/duties/backlog-ordering.md with company/content/duties/backlog-ordering.md: upstream changed") {
						t.Errorf("overrides did not flag the upstream change:\n%s", stdout)
					}
				case cmd == "overrides":
					for _, w := range []string{"hides ladders/product-ownership/lead-product-owner", "renames ladders/product-management/product-manager",
						"drops the reference at content/ladders/product-ownership/principal-product-owner.md:"} {
						if !strings.Contains(stdout, w) {
							t.Errorf("overrides does not say %q:\n%s", w, stdout)
						}
					}
				case cmd == "upstream-changes":
					checkUpstreamChanges(t, stdout)
				case cmd == "overrides --diff":
					if !strings.Contains(stdout, "+Upstream added this sentence.") || !strings.Contains(stdout, "+"+ourSummary) {
						t.Errorf("overrides --diff does not show both changes:\n%s", stdout)
					}
				case cmd == "check --strict" && exit == 1:
					if !strings.Contains(stderr, `company/content/roles/business-analyst.md:`) || !strings.Contains(stderr, `duty "vendor-management"`) {
						t.Errorf("check --strict does not name the fork's role file:\n%s", stderr)
					}
					for _, l := range strings.Split(stderr, "\n") {
						if strings.HasPrefix(l, "content/") {
							t.Errorf("a problem the fork causes is located upstream: %s", l)
						}
					}
				case strings.HasPrefix(cmd, "new "):
					fillIn(t, filepath.Join(cwd, "company", "content", map[string]string{"role": "roles", "level": "ladders"}[args[4]], args[5]+".md"))
					filled++
				case cmd == "override content/duties/backlog-ordering.md":
					// The fork changes its copy, on other lines than upstream will.
					p := filepath.Join(cwd, "company", "content", "duties", "backlog-ordering.md")
					src := testkit.Read(t, p)
					i := strings.Index(src, "\nsummary: ")
					j := i + 1 + strings.Index(src[i+1:], "\n")
					testkit.Write(t, p, src[:i+1]+ourSummary+src[j:])
				case strings.HasPrefix(cmd, "override --merge"):
					merged := testkit.Read(t, filepath.Join(cwd, "company", "content", "duties", "backlog-ordering.md"))
					if !strings.Contains(merged, "Upstream added this sentence.") || !strings.Contains(merged, ourSummary) || strings.Contains(merged, "<<<<<<<") {
						t.Errorf("the merged copy lacks one side's change:\n%s", merged)
					}
				}
			default:
				t.Fatalf("FORKING.md has a command this test cannot run: %q", line)
			}
			if cwd != work {
				// At every step, the fork changes no upstream file.
				if st := git(t, cwd, "status", "--porcelain", "--untracked-files=all", "--", ".", ":!company"); st != "" {
					t.Fatalf("after %q, files outside company/ changed:\n%s", line, st)
				}
			}
		}
	}
	for cmd, codes := range want {
		if runs[cmd] < len(codes) {
			t.Errorf("FORKING.md runs %q %d times, want at least %d", cmd, runs[cmd], len(codes))
		}
	}
	if !upstreamChanged || filled != 2 {
		t.Fatalf("the guide no longer syncs with upstream or adds a role and a level (%v, %d files filled in)", upstreamChanged, filled)
	}
	// The fork changed no upstream file: only company/ differs from upstream.
	if diff := git(t, cwd, "diff", "--name-only", "upstream/main", "--", ".", ":!company"); diff != "" {
		t.Errorf("the fork changed upstream files:\n%s", diff)
	}
	home := testkit.Read(t, filepath.Join(cwd, "public", "index.html"))
	if !strings.Contains(home, "Product roles at Acme") {
		t.Error("the built site does not carry the company's title")
	}
	for _, gone := range []string{"duties/pricing", "ladders/product-ownership/lead-product-owner"} {
		if _, err := os.Stat(filepath.Join(cwd, "public", gone, "index.html")); err == nil {
			t.Errorf("the hidden %s was published", gone)
		}
	}
	if _, err := os.Stat(filepath.Join(cwd, "public", "roles", "business-analyst", "index.html")); err != nil {
		t.Error("the added role has no page")
	}
	// The ladder: the middle level hidden, the sixth level on top, with the move to it.
	var track struct {
		Levels []struct {
			ID    string
			Rank  int
			Moves []struct{ To string }
		}
	}
	if err := json.Unmarshal([]byte(testkit.Read(t, filepath.Join(cwd, "public", "api", "v1", "tracks", "product-ownership.json"))), &track); err != nil {
		t.Fatal(err)
	}
	var ladder []string
	for _, l := range track.Levels {
		ladder = append(ladder, fmt.Sprintf("%d %s", l.Rank, l.ID))
		if l.ID == "principal-product-owner" && !slices.ContainsFunc(l.Moves, func(m struct{ To string }) bool { return m.To == "product-ownership/head-of-product-ownership" }) {
			t.Errorf("hiding lead-product-owner left the principal with no move up: %+v", l.Moves)
		}
		if l.ID == "head-of-product-ownership" && !slices.ContainsFunc(l.Moves, func(m struct{ To string }) bool { return m.To == "product-ownership/vp-of-product-ownership" }) {
			t.Errorf("no move from the upstream top level to the added one: %+v", l.Moves)
		}
	}
	if got := strings.Join(ladder, ", "); got != "1 junior-product-owner, 2 product-owner, 3 senior-product-owner, 4 principal-product-owner, 5 head-of-product-ownership, 6 vp-of-product-ownership" {
		t.Errorf("product ownership ladder: %s", got)
	}
}

// checkUpstreamChanges: the expectation upstream reworded on a level the
// fork renamed is named with the fork's title and flagged, as is the change
// to a file the fork replaced; the added duty is listed, not flagged.
func checkUpstreamChanges(t *testing.T, stdout string) {
	t.Helper()
	for _, want := range []string{
		"! L2 Product Manager: Customer and market insight expectation reworded: Plans{+, runs+} and [-runs-]{+shares+} discovery",
		"[you renamed this level (upstream calls it Product Manager)]",
		"! Backlog ordering: wording changed (4 words added) [you replace this file with company/content/duties/backlog-ordering.md]",
		"\n  Vendor management: duty added (PM leads, PO supports)\n",
		"2 changes touch what your fork replaces or renames",
	} {
		if !strings.Contains(stdout, want) {
			t.Errorf("upstream-changes does not say %q:\n%s", want, stdout)
		}
	}
}
