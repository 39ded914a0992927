package main

import (
	"path/filepath"
	"strings"
	"testing"

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
