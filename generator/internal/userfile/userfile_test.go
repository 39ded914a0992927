package userfile

import (
	"bytes"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// listing is the names in dir, to show no temporary file was left.
func listing(t *testing.T, dir string) string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return strings.Join(names, ",")
}

func TestWriteReplacesWholeAndKeepsTheMode(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "page.md")
	if err := os.WriteFile(name, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := Write(name, []byte("new text")); err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(name)
	info, _ := os.Stat(name)
	if string(got) != "new text" || info.Mode().Perm() != 0o600 {
		t.Errorf("got %q mode %v, want %q mode 0600", got, info.Mode().Perm(), "new text")
	}
	if l := listing(t, dir); l != "page.md" {
		t.Errorf("folder holds %s, want only page.md", l)
	}
	fresh := filepath.Join(dir, "fresh.md")
	if err := Write(fresh, []byte("x")); err != nil {
		t.Fatal(err)
	}
	if info, _ := os.Stat(fresh); info.Mode().Perm() != Mode {
		t.Errorf("a new file has mode %v, want %v", info.Mode().Perm(), Mode)
	}
}

func TestFailedWriteLeavesTheOriginal(t *testing.T) {
	injected := errors.New("injected: input/output error")
	cases := []struct {
		name      string
		exclusive bool
		fill      func(io.Writer, []byte) error
	}{
		{"error before any byte", false, func(io.Writer, []byte) error { return injected }},
		{"error half way", false, func(w io.Writer, b []byte) error {
			_, _ = w.Write(b[:len(b)/2])
			return injected
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			name := filepath.Join(dir, "copy.md")
			orig := bytes.Repeat([]byte("the company's own paragraph\n"), 500)
			if err := os.WriteFile(name, orig, 0o644); err != nil {
				t.Fatal(err)
			}
			err := write(name, bytes.Repeat([]byte("merged\n"), 2000), c.exclusive, c.fill)
			if !errors.Is(err, injected) || !strings.Contains(err.Error(), name) {
				t.Fatalf("err = %v, want the injected error naming %s", err, name)
			}
			if got, _ := os.ReadFile(name); !bytes.Equal(got, orig) {
				t.Errorf("the original changed: %d bytes, want %d", len(got), len(orig))
			}
			if l := listing(t, dir); l != "copy.md" {
				t.Errorf("folder holds %s, want only copy.md", l)
			}
		})
	}
}

func TestRefusesWhatIsNotAPlainFile(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "target")
	if err := os.WriteFile(target, []byte("keep"), 0o644); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "link.md")
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
	if err := Write(link, []byte("x")); err == nil {
		t.Error("Write through a symbolic link succeeded")
	}
	if err := Create(target, []byte("x")); err == nil || !strings.Contains(err.Error(), "already exists") {
		t.Errorf("Create over an existing file: %v", err)
	}
	if got, _ := os.ReadFile(target); string(got) != "keep" {
		t.Errorf("target changed to %q", got)
	}
}

// TestFullDisk writes to a 1 MB tmpfs that is full: the original stays.
// Mounting needs root; elsewhere the injected errors above stand in.
func TestFullDisk(t *testing.T) {
	dir := t.TempDir()
	if os.Geteuid() != 0 || exec.Command("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", dir).Run() != nil {
		t.Log("cannot mount a tmpfs here (not root): the injected errors in TestFailedWriteLeavesTheOriginal cover this")
		return
	}
	defer func() {
		if out, err := exec.Command("umount", dir).CombinedOutput(); err != nil {
			t.Errorf("umount: %v %s", err, out)
		}
	}()
	name := filepath.Join(dir, "company.toml")
	orig := bytes.Repeat([]byte("# a setting\n"), 2000) // 24 KB
	if err := os.WriteFile(name, orig, 0o644); err != nil {
		t.Fatal(err)
	}
	// Fill what is left.
	f, err := os.Create(filepath.Join(dir, "filler"))
	if err != nil {
		t.Fatal(err)
	}
	chunk := make([]byte, 4096)
	for {
		if _, err := f.Write(chunk); err != nil {
			break
		}
	}
	f.Close()
	err = Write(name, bytes.Repeat([]byte("# longer\n"), 8000))
	if err == nil || !strings.Contains(err.Error(), "no space") {
		t.Fatalf("err = %v, want no space left", err)
	}
	if got, _ := os.ReadFile(name); !bytes.Equal(got, orig) {
		t.Errorf("the original changed on a full disk: %d bytes, want %d", len(got), len(orig))
	}
	if l := listing(t, dir); l != "company.toml,filler" {
		t.Errorf("folder holds %s", l)
	}
}
