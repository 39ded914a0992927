package main

import (
	"context"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/product-roles/handbook/generator/internal/testkit"
)

// startCLI starts this test binary as the CLI, and waits until it handles
// signals.
func startCLI(t *testing.T, ctx context.Context, args ...string) (*exec.Cmd, *strings.Builder) {
	t.Helper()
	exe, _ := os.Executable()
	cmd := exec.CommandContext(ctx, exe, args...)
	ready := filepath.Join(t.TempDir(), "ready")
	cmd.Env = append(os.Environ(), childEnv+"=1", readyEnv+"="+ready)
	var out strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	for start := time.Now(); time.Since(start) < time.Minute; time.Sleep(2 * time.Millisecond) {
		if _, err := os.Stat(ready); err == nil {
			break
		}
	}
	return cmd, &out
}

// A named pipe, a symbolic link to /dev/zero and a socket, in content/
// (and a pipe as static/ file or company.toml): reading any of them would
// hang the build. Each is an error naming the file at once (exit 1 within
// 2 s), and public/ is untouched.
func TestSpecialFilesAreRefused(t *testing.T) {
	for _, c := range []struct {
		name string
		make func(path string) error
		rel  string
		want string
	}{
		{"named pipe", func(p string) error { return syscall.Mkfifo(p, 0o644) }, "content/duties/stray.md",
			"content/duties/stray.md:1:1: error: this is a named pipe (FIFO), not a plain file; only plain files are read"},
		{"named pipe without .md", func(p string) error { return syscall.Mkfifo(p, 0o644) }, "content/duties/notes",
			"content/duties/notes:1:1: error: this is a named pipe (FIFO), not a plain file"},
		{"link to /dev/zero", func(p string) error { return os.Symlink("/dev/zero", p) }, "content/duties/zero.md",
			"content/duties/zero.md:1:1: error: symbolic links are not allowed in the content folder"},
		{"socket", func(p string) error { _, err := net.Listen("unix", p); return err }, "content/duties/sock.md",
			"content/duties/sock.md:1:1: error: this is a socket, not a plain file"},
		{"named pipe in static/", func(p string) error { return syscall.Mkfifo(p, 0o644) }, "static/pipe.txt",
			"static/pipe.txt:1:1: error: this is a named pipe (FIFO), not a plain file"},
		{"named pipe as company.toml", func(p string) error {
			os.MkdirAll(filepath.Dir(p), 0o755)
			return syscall.Mkfifo(p, 0o644)
		}, "company/company.toml", "company/company.toml:1:1: error: cannot read: it is a named pipe (FIFO), not a plain file"},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := fixture(t)
			out := filepath.Join(t.TempDir(), "public")
			if code, _, stderr := runCLI(t, nil, "build", "--project", dir, "--out", out); code != 0 {
				t.Fatal(stderr)
			}
			before := testkit.Snapshot(t, out)
			if err := c.make(filepath.Join(dir, filepath.FromSlash(c.rel))); err != nil {
				t.Fatal(err)
			}
			for _, args := range [][]string{{"check", "--project", dir}, {"build", "--project", dir, "--out", out}} {
				command := args[0]
				ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
				defer cancel()
				start := time.Now()
				cmd, output := startCLI(t, ctx, args...)
				err := cmd.Wait()
				took := time.Since(start)
				if code := cmd.ProcessState.ExitCode(); code != 1 || !strings.Contains(output.String(), c.want) {
					t.Errorf("%s: exit %d (%v), want 1 and %q in:\n%s", command, code, err, c.want, output)
				}
				if took > 2*time.Second {
					t.Errorf("%s took %s", command, took)
				}
				if command == "check" {
					continue
				}
				if !reflect.DeepEqual(before, testkit.Snapshot(t, out)) {
					t.Error("public/ changed")
				}
			}
		})
	}
}

// SIGTERM 0.2, 0.5 and 1 s into a build of a large handbook (while it
// loads, validates, renders): the build exits within a second, saying it
// was interrupted, and the previous output is as it was, with no
// temporary folder beside it.
func TestSignalCancelsBuild(t *testing.T) {
	dir, out, big, before := builtBeside(t, 3000)
	for _, delay := range []time.Duration{200 * time.Millisecond, 500 * time.Millisecond, time.Second} {
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		cmd, output := startCLI(t, ctx, "build", "--project", dir, "--source", filepath.Join(big, "content"), "--out", out)
		time.Sleep(delay)
		sent := time.Now()
		cmd.Process.Signal(syscall.SIGTERM)
		err := cmd.Wait()
		took := time.Since(sent)
		if err == nil {
			t.Fatalf("after %s: the build finished before the signal; use a larger handbook", delay)
		}
		if took > time.Second {
			t.Errorf("after %s: exited %s after SIGTERM, want within 1 s", delay, took.Round(time.Millisecond))
		}
		leftIntact(t, delay, output.String(), dir, before)
	}
}
