package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// build --cpuprofile and --memprofile each write a profile go tool pprof
// reads (gzip-compressed protocol buffers); the site is built as without.
// A file already of that name is replaced whole, never written through: a
// file it shares its bytes with (a hard link) keeps them.
func TestBuildProfiles(t *testing.T) {
	dir, tmp := fixture(t), t.TempDir()
	cpu, mem := filepath.Join(tmp, "cpu.prof"), filepath.Join(tmp, "mem.prof")
	mine := filepath.Join(tmp, "mine.txt")
	if err := os.WriteFile(mine, []byte("my notes"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{cpu, mem} {
		if err := os.Link(mine, name); err != nil {
			t.Fatal(err)
		}
	}
	code, stdout, stderr := runCLI(t, nil, "build", "--project", dir, "--out", filepath.Join(tmp, "site"), "--cpuprofile", cpu, "--memprofile", mem)
	if code != 0 {
		t.Fatalf("exit %d\nstdout: %s\nstderr: %s", code, stdout, stderr)
	}
	for _, name := range []string{cpu, mem} {
		data, err := os.ReadFile(name)
		if err != nil || !bytes.HasPrefix(data, []byte{0x1f, 0x8b}) {
			t.Errorf("%s: not a gzip-compressed profile (%d bytes, %v)", filepath.Base(name), len(data), err)
		}
	}
	if data, _ := os.ReadFile(mine); string(data) != "my notes" {
		t.Errorf("a file linked to the profiles' names was written through: it holds %d bytes", len(data))
	}
	if _, err := os.Stat(filepath.Join(tmp, "site", "index.html")); err != nil {
		t.Errorf("build wrote no index.html: %v", err)
	}
	code, _, stderr = runCLI(t, nil, "build", "--project", dir, "--out", filepath.Join(tmp, "site"), "--memprofile", filepath.Join(tmp, "no", "such", "mem.prof"))
	if code != 1 || !bytes.Contains([]byte(stderr), []byte("the site was written, but not the heap profile")) {
		t.Errorf("an unwritable --memprofile: exit %d, stderr %q; want 1 and a message saying the site was written", code, stderr)
	}
}
