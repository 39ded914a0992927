package main

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/product-roles/handbook/generator/internal/synth"
	"github.com/product-roles/handbook/generator/internal/testkit"
)

// SIGINT in the middle of a build: the previous site stays exactly as it
// was, and no temporary folder is left behind. The build runs in a child
// process (this test binary acting as the CLI) on a handbook large enough
// to be interrupted while it renders.
func TestInterruptedBuildLeavesOutputIntact(t *testing.T) {
	dir, out, big, before := builtBeside(t, 1500)
	for _, delay := range []time.Duration{300 * time.Millisecond, 900 * time.Millisecond, 1500 * time.Millisecond} {
		cmd, output := startCLI(t, context.Background(), "build", "--project", dir, "--source", filepath.Join(big, "content"), "--out", out)
		time.Sleep(delay) // when the signal lands; the build takes longer than the longest delay
		cmd.Process.Signal(syscall.SIGINT)
		if cmd.Wait() == nil {
			t.Fatalf("after %s: the build finished before the interrupt; use a larger handbook", delay)
		}
		leftIntact(t, delay, output.String(), dir, before)
	}
}

// builtBeside builds the fixture project into its public/ and writes a
// synthetic handbook of the given size beside it, whose content a build to
// be interrupted reads; before is public/ as built.
func builtBeside(t *testing.T, pages int) (dir, out, big string, before map[string]string) {
	t.Helper()
	dir = fixture(t)
	out = filepath.Join(dir, "public")
	if code, _, stderr := runCLI(t, nil, "build", "--project", dir, "--out", out); code != 0 {
		t.Fatal(stderr)
	}
	before = testkit.Snapshot(t, out)
	big = t.TempDir()
	if _, err := synth.Write(context.Background(), big, synth.Options{Pages: pages}); err != nil {
		t.Fatal(err)
	}
	return dir, out, big, before
}

// leftIntact checks a build stopped by a signal after delay: it said so,
// and the project's public/ is before, with no temporary folder beside it.
func leftIntact(t *testing.T, delay time.Duration, output, dir string, before map[string]string) {
	t.Helper()
	if !strings.Contains(output, "interrupted; nothing was written") {
		t.Errorf("after %s: output %q", delay, output)
	}
	if !reflect.DeepEqual(before, testkit.Snapshot(t, filepath.Join(dir, "public"))) {
		t.Fatalf("after %s: public/ changed", delay)
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".public") {
			t.Errorf("after %s: temporary folder %s left behind", delay, e.Name())
		}
	}
}

// An output folder that cannot be written (its parent is a file) is a clear
// error, and nothing else is touched.
func TestUnwritableOutput(t *testing.T) {
	dir := fixture(t)
	blocker := filepath.Join(t.TempDir(), "file")
	testkit.Write(t, blocker, "not a folder")
	code, _, stderr := runCLI(t, nil, "build", "--project", dir, "--out", filepath.Join(blocker, "public"))
	if code != 1 || !strings.Contains(stderr, "write: cannot create") || !strings.Contains(stderr, "nothing was written") {
		t.Errorf("exit %d: %s", code, stderr)
	}
	if testkit.Read(t, blocker) != "not a folder" {
		t.Error("the blocking file was changed")
	}
}
