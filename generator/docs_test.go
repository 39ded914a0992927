package main

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/product-roles/handbook/generator/internal/content"
	"github.com/product-roles/handbook/generator/internal/testkit"
)

// shellCommands returns the commands in a Markdown file's ```sh blocks,
// without comments.
func shellCommands(t *testing.T, file string) []string {
	t.Helper()
	var cmds []string
	for _, b := range codeBlocks(t, file) {
		if b.lang != "sh" {
			continue
		}
		for _, line := range b.lines {
			line = strings.TrimSpace(line)
			if i := strings.Index(line, " #"); i > 0 {
				line = strings.TrimSpace(line[:i])
			}
			if line != "" && !strings.HasPrefix(line, "#") {
				cmds = append(cmds, line)
			}
		}
	}
	return cmds
}

// Every command CONTRIBUTING.md and README.md tell a contributor to run
// works, in order, on a copy of the real handbook. `serve` is tested in
// internal/serve; `go test ./...` is this very run, and with the browser
// switch it is what .ci/run runs; the npm install command is the one .ci/run
// runs. FORKING.md's commands are run, in order, by
// TestForkingGuide, and the outputs the docs quote are compared with
// today's by TestDocsQuoteTodaysOutput.
func TestDocumentedCommands(t *testing.T) {
	root := testkit.Root(t)
	dir := testkit.Project(t, filepath.Join(root, "content"))
	ci := strings.ReplaceAll(testkit.Read(t, filepath.Join(root, ".ci", "run")), "\\\n", " ")
	for _, doc := range []string{"CONTRIBUTING.md", "README.md"} {
		cmds := shellCommands(t, filepath.Join(root, doc))
		if len(cmds) == 0 {
			t.Fatalf("%s has no commands", doc)
		}
		for _, cmd := range cmds {
			args, ok := strings.CutPrefix(cmd, "go run ./generator ")
			switch {
			case cmd == "go test ./...":
				continue
			case strings.HasPrefix(cmd, "HANDBOOK_BROWSER=1 go test "):
				// The browser suite: .ci/run runs the same tests with the same switch.
				if !strings.Contains(ci, "\nexport HANDBOOK_BROWSER=1\n") {
					t.Errorf("%s: %q turns on the browser suite, but .ci/run does not export HANDBOOK_BROWSER=1", doc, cmd)
				}
				continue
			case strings.Contains(cmd, "npm install"):
				if !strings.Contains(ci, "\n"+cmd+"\n") {
					t.Errorf("%s: %q is not the npm install command .ci/run runs", doc, cmd)
				}
				continue
			case !ok:
				t.Errorf("%s: untested command %q", doc, cmd)
				continue
			case strings.HasPrefix(args, "serve"):
				continue
			}
			fields := append(strings.Fields(args), "--project", dir)
			if fields[0] == "new" && slices.Contains(fields, "--lang") {
				// The docs show how a translation begins; every page has one today,
				// so the example's is made anew.
				lang, file := fields[slices.Index(fields, "--lang")+1], fields[len(fields)-3]
				if err := os.Remove(filepath.Join(dir, content.TranslationPath(file, lang))); err != nil && !os.IsNotExist(err) {
					t.Fatal(err)
				}
			}
			if fields[0] == "build" {
				fields = append(fields, "--out", filepath.Join(dir, "public"))
			}
			code, stdout, stderr := runCLI(t, nil, fields...)
			if code != 0 {
				t.Errorf("%s: %q exited %d\n%s%s", doc, cmd, code, stdout, stderr)
			}
		}
	}
	if code, _, stderr := runCLI(t, nil, "check", "--project", dir); code != 0 {
		t.Errorf("check after every documented command: %s", stderr)
	}
}

// The figures and outputs the docs quote are what the commands print
// today: the error CONTRIBUTING.md shows for a wrong ownership value, with
// its position; the form of FORKING.md's error for a typo in company.toml;
// the number of comparison dimensions README.md names; the page count
// BENCHMARKS.md gives for today's handbook. Other changes move these
// figures, so each failure says the true value to write.
func TestDocsQuoteTodaysOutput(t *testing.T) {
	root := testkit.Root(t)
	dir := testkit.Project(t, filepath.Join(root, "content"))

	// CONTRIBUTING.md: the sample error, made by the edit it describes.
	var quoted []string
	for _, b := range codeBlocks(t, filepath.Join(root, "CONTRIBUTING.md")) {
		if b.lang == "text" && len(b.lines) > 0 && strings.Contains(b.lines[0], `is "owns", which is not allowed`) {
			quoted = b.lines
		}
	}
	m := regexp.MustCompile(`^\s*(content/duties/([a-z-]+)\.md):(\d+):(\d+): error: ownership\.([a-z-]+) is "owns"`).FindStringSubmatch(strings.Join(quoted, "\n"))
	if m == nil {
		t.Fatalf("CONTRIBUTING.md has no sample error for an ownership of \"owns\": %q", quoted)
	}
	duty := filepath.Join(dir, filepath.FromSlash(m[1]))
	src := testkit.Read(t, duty)
	edited := regexp.MustCompile(`(?m)^(  `+regexp.QuoteMeta(m[5])+`: )\w+$`).ReplaceAllString(src, "${1}owns")
	if edited == src {
		t.Fatalf("%s has no ownership line for %s to make \"owns\"", m[1], m[5])
	}
	testkit.Write(t, duty, edited)
	_, _, stderr := runCLI(t, nil, "check", "--project", dir)
	var printed []string
	for i, line := range strings.Split(stderr, "\n") {
		if strings.HasPrefix(line, m[1]+":") && strings.Contains(line, `is "owns"`) {
			printed = append(printed, strings.Split(stderr, "\n")[i:i+2]...)
		}
	}
	if strings.Join(printed, "\n") != strings.Join(quoted, "\n") {
		t.Errorf("CONTRIBUTING.md quotes\n%s\nbut check prints\n%s\n(write this in CONTRIBUTING.md)", strings.Join(quoted, "\n"), strings.Join(printed, "\n"))
	}
	testkit.Write(t, duty, src)

	// FORKING.md: a typo in company.toml is reported at its line.
	forking := testkit.Read(t, filepath.Join(root, "FORKING.md"))
	if !strings.Contains(forking, "`company/company.toml:LINE: unknown setting \"…\"`") {
		t.Error("FORKING.md no longer quotes the error for a typo in company.toml: update this test")
	}
	testkit.Write(t, filepath.Join(dir, "company", "company.toml"), "title = \"Acme\"\ncolour = \"#7a1fa2\"\n")
	if _, _, stderr := runCLI(t, nil, "check", "--project", dir); !strings.HasPrefix(stderr, "company/company.toml:2:") || !strings.Contains(stderr, `unknown setting "colour"`) {
		t.Errorf("FORKING.md quotes company/company.toml:LINE: unknown setting \"…\", but check prints:\n%s", stderr)
	}
	if err := os.RemoveAll(filepath.Join(dir, "company")); err != nil {
		t.Fatal(err)
	}

	// README.md: the number of comparison dimensions.
	readme := testkit.Read(t, filepath.Join(root, "README.md"))
	words := []string{"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
		"thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty", "twenty-one", "twenty-two",
		"twenty-three", "twenty-four", "twenty-five"}
	dims := 0
	entries, err := os.ReadDir(filepath.Join(root, "content", "compare"))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if n := e.Name(); strings.HasSuffix(n, ".md") && !strings.HasPrefix(n, "_") && strings.Count(n, ".") == 1 {
			dims++
		}
	}
	for _, q := range regexp.MustCompile(`([a-z-]+)\s+dimensions`).FindAllStringSubmatch(readme, -1) {
		if i := slices.Index(words, q[1]); i >= 0 && i != dims {
			t.Errorf("README.md says %q; the handbook has %d comparison dimensions (write %q)", q[0], dims, words[min(dims, len(words)-1)])
		}
	}

	// BENCHMARKS.md: today's page count.
	code, stdout, stderr := runCLI(t, nil, "build", "--project", dir, "--out", filepath.Join(dir, "public"))
	built := regexp.MustCompile(`built (\d+) pages`).FindStringSubmatch(stdout)
	if code != 0 || built == nil {
		t.Fatalf("build: exit %d\n%s%s", code, stdout, stderr)
	}
	bench := testkit.Read(t, filepath.Join(root, "BENCHMARKS.md"))
	today := regexp.MustCompile(`builds (\d+) pages today`).FindStringSubmatch(bench)
	switch {
	case today == nil:
		t.Error("BENCHMARKS.md does not say how many pages the handbook builds today (\"builds N pages today\")")
	case today[1] != built[1]:
		t.Errorf("BENCHMARKS.md says the handbook %s; build says %s pages: write \"builds %s pages today\"", today[0], built[1], built[1])
	}
}
