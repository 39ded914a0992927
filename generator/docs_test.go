package main

import (
	"bufio"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/product-roles/handbook/generator/internal/testkit"
)

// shellCommands returns the lines of a Markdown file's ```sh blocks.
func shellCommands(t *testing.T, file string) []string {
	t.Helper()
	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var cmds []string
	in := false
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		switch {
		case line == "```sh":
			in = true
		case strings.HasPrefix(line, "```"):
			in = false
		case in && line != "" && !strings.HasPrefix(line, "#"):
			if i := strings.Index(line, " #"); i > 0 {
				line = strings.TrimSpace(line[:i])
			}
			cmds = append(cmds, line)
		}
	}
	return cmds
}

// Every command CONTRIBUTING.md and README.md tell a contributor to run
// works, in order, on a copy of the real handbook. `serve` is tested in
// internal/serve; `go test ./...` is this very run.
func TestDocumentedCommands(t *testing.T) {
	root := testkit.Root(t)
	dir := testkit.Project(t, filepath.Join(root, "content"))
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
			case !ok:
				t.Errorf("%s: untested command %q", doc, cmd)
				continue
			case strings.HasPrefix(args, "serve"):
				continue
			}
			fields := append(strings.Fields(args), "--project", dir)
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
