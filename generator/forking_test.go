package main

import (
	"bufio"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

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
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		switch {
		case cur == nil && strings.HasPrefix(line, "```"):
			cur = &block{lang: strings.TrimPrefix(line, "```")}
		case cur != nil && strings.HasPrefix(line, "```"):
			out = append(out, *cur)
			cur = nil
		case cur != nil:
			cur.lines = append(cur.lines, line)
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

// TestForkingGuide runs every step of FORKING.md in order: GitHub is
// played by local repositories, and between "commit" and "keep up with
// upstream" upstream changes a file the fork replaced.
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

	t.Chdir(work)
	cwd := work
	overridesRun := 0
	upstreamChanged := false
	for _, b := range codeBlocks(t, filepath.Join(root, "FORKING.md")) {
		switch b.lang {
		case "toml":
			if len(b.lines) > 0 && strings.HasPrefix(b.lines[0], "# company/company.toml") {
				testkit.Write(t, filepath.Join(cwd, "company", "company.toml"), strings.Join(b.lines, "\n")+"\n")
			}
			continue
		case "sh":
		default:
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
					// Meanwhile upstream improves a page the fork replaced, and its settings.
					p := filepath.Join(upstream, "content", "duties", "backlog-ordering.md")
					testkit.Write(t, p, strings.Replace(testkit.Read(t, p), "\n\n", "\n\nUpstream added this sentence.\n\n", 1))
					testkit.Write(t, filepath.Join(upstream, "handbook.toml"), testkit.Read(t, filepath.Join(upstream, "handbook.toml"))+"\n# upstream edit\n")
					git(t, upstream, "commit", "-qam", "Upstream improves backlog ordering")
					upstreamChanged = true
				}
				git(t, cwd, args[1:]...)
			case len(args) > 3 && strings.Join(args[:3], " ") == "go run ./generator":
				want := 0
				if args[3] == "overrides" {
					overridesRun++
					if overridesRun == 2 { // right after the merge: the replaced file is flagged
						want = 1
					}
				}
				code, stdout, stderr := runCLI(t, nil, args[3:]...)
				if code != want {
					t.Fatalf("%q: exit %d, want %d\n%s%s", line, code, want, stdout, stderr)
				}
				if want == 1 && !strings.Contains(stdout, "! replaces content/duties/backlog-ordering.md with company/content/duties/backlog-ordering.md: upstream changed") {
					t.Errorf("overrides did not flag the upstream change:\n%s", stdout)
				}
			default:
				t.Fatalf("FORKING.md has a command this test cannot run: %q", line)
			}
		}
	}
	if !upstreamChanged || overridesRun != 3 {
		t.Fatalf("the guide no longer syncs with upstream as expected (%v, %d overrides runs)", upstreamChanged, overridesRun)
	}
	// The fork changed no upstream file: only company/ differs from upstream.
	if diff := git(t, cwd, "diff", "--name-only", "upstream/main", "HEAD", "--", ".", ":!company"); diff != "" {
		t.Errorf("the fork changed upstream files:\n%s", diff)
	}
	home := testkit.Read(t, filepath.Join(cwd, "public", "index.html"))
	if !strings.Contains(home, "Product roles at Acme") {
		t.Error("the built site does not carry the company's title")
	}
	if _, err := os.Stat(filepath.Join(cwd, "public", "duties", "pricing", "index.html")); err == nil {
		t.Error("the hidden duty was published")
	}
}
