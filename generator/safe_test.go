package main

import (
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/product-roles/handbook/generator/internal/output"
	"github.com/product-roles/handbook/generator/internal/testkit"
)

// treeHash is a hash of everything below dir: every name, type, mode,
// file's bytes and link's target.
func treeHash(t *testing.T, dir string) string {
	t.Helper()
	h := sha256.New()
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		h.Write([]byte(rel + "\x00" + info.Mode().String() + "\x00"))
		switch {
		case info.Mode()&fs.ModeSymlink != 0:
			target, _ := os.Readlink(p)
			h.Write([]byte(target))
		case info.Mode().IsRegular():
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			h.Write(data)
		}
		h.Write([]byte{0})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// build --out refuses, with exit status 2 and the reason, every folder
// whose replacement would lose something: the project, its content,
// themes and overlay, a folder holding the project, the home folder, /, a
// symbolic link, a file, and a folder of files no build wrote (unless
// --force). Nothing below the test's folder changes. --force replaces the
// unrelated folder, and the default public/ keeps working.
func TestOutputFolderIsSafe(t *testing.T) {
	base := t.TempDir()
	work := filepath.Join(base, "work")
	project := filepath.Join(work, "project")
	testkit.CopyTree(t, fixture(t), project)
	testkit.Write(t, filepath.Join(project, "company", "company.toml"), "organisation = \"Acme\"\n")
	testkit.Write(t, filepath.Join(project, ".git", "HEAD"), "ref: refs/heads/main\n")
	mine := filepath.Join(work, "mine")
	testkit.Write(t, filepath.Join(mine, "notes.txt"), "my own notes")
	testkit.Write(t, filepath.Join(work, "file.txt"), "a file")
	home := filepath.Join(base, "home")
	testkit.Write(t, filepath.Join(home, "Documents", "letter.txt"), "dear")
	if err := os.Symlink(filepath.Join(project, "content"), filepath.Join(work, "link")); err != nil {
		t.Fatal(err)
	}
	t.Setenv("HOME", home)
	t.Chdir(project)

	for _, c := range []struct {
		name string
		out  string
		want string
	}{
		{"the project as .", ".", "it is the project folder"},
		{"its parent as ..", "..", "it holds the project folder"},
		{"the project by absolute path", project, "it is the project folder"},
		{"a path through the project back to itself", "content/../../project", "it is the project folder"},
		{"content", "content", "it is the content folder"},
		{"inside content", "content/duties", "it lies inside the content folder"},
		{"themes", "themes", "it is the themes folder"},
		{"static", "static", "it is the static folder"},
		{"the overlay", "company", "it is the overlay folder"},
		{".git", ".git", "it is the project's .git folder"},
		{"a parent of the project", base, "it holds the project folder"},
		{"the home folder", home, "it is your home folder"},
		{"/", "/", "it is the root folder /"},
		{"a symbolic link to content", filepath.Join(work, "link"), "it is a symbolic link to " + filepath.Join(project, "content") + " (is the content folder)"},
		{"a folder of unrelated files", mine, "it holds 1 file(s) or folder(s) and no " + output.Marker + " (as a build writes it), so an earlier build did not write it"},
		{"an existing file", filepath.Join(work, "file.txt"), "it is a file, not a folder"},
	} {
		t.Run(c.name, func(t *testing.T) {
			before := treeHash(t, base)
			code, stdout, stderr := runCLI(t, nil, "build", "--project", ".", "--out", c.out)
			if code != 2 || !strings.Contains(stderr, "refusing --out "+c.out+": "+c.want) || !strings.Contains(stderr, "nothing was touched") {
				t.Errorf("exit %d, want 2 and %q in:\n%s%s", code, c.want, stdout, stderr)
			}
			if after := treeHash(t, base); after != before {
				t.Error("the tree changed")
			}
		})
	}

	// --force replaces a folder of unrelated files.
	if code, _, stderr := runCLI(t, nil, "build", "--project", ".", "--out", mine, "--force"); code != 0 {
		t.Fatalf("--force: exit %d\n%s", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(mine, "notes.txt")); !os.IsNotExist(err) {
		t.Error("--force kept the unrelated file")
	}
	if testkit.Read(t, filepath.Join(mine, output.Marker)) == "" || testkit.Read(t, filepath.Join(mine, "index.html")) == "" {
		t.Error("--force did not write the site")
	}
	// The default public/, built twice: the second build replaces the first.
	for i := 0; i < 2; i++ {
		if code, _, stderr := runCLI(t, nil, "build", "--project", "."); code != 0 {
			t.Fatalf("build %d into public/: exit %d\n%s", i+1, code, stderr)
		}
	}
	if _, err := os.Stat(filepath.Join(project, "public", output.Marker)); err != nil {
		t.Error(err)
	}
}
