package output

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/product-roles/handbook/generator/internal/testkit"
)

// Writing a site over a previous one: unchanged files are linked to the
// previous site's (the same file, not a copy), changed ones are new, removed
// ones are gone; a refused or cancelled write leaves the previous site as
// it was and no temporary folder behind.
func TestWrite(t *testing.T) {
	first := map[string][]byte{"index.html": []byte("home"), "a/index.html": []byte("a"), "b/index.html": []byte("b"), "old.txt": []byte("old")}
	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	for _, c := range []struct {
		name    string
		ctx     context.Context
		files   map[string][]byte
		err     bool
		linked  []string // files that must be the previous site's
		written []string // files that must be new
	}{
		{"unchanged and changed files", context.Background(),
			map[string][]byte{"index.html": []byte("home"), "a/index.html": []byte("a, changed"), "b/index.html": []byte("b"), "c/index.html": []byte("c")},
			false, []string{"index.html", "b/index.html"}, []string{"a/index.html", "c/index.html"}},
		{"a file of the same size, other bytes", context.Background(),
			map[string][]byte{"index.html": []byte("HOME"), "a/index.html": []byte("a"), "b/index.html": []byte("b"), "old.txt": []byte("old")},
			false, []string{"a/index.html", "b/index.html", "old.txt"}, []string{"index.html"}},
		{"a name outside the folder", context.Background(), map[string][]byte{"../x": []byte("x")}, true, nil, nil},
		{"cancelled", cancelled, map[string][]byte{"index.html": []byte("new")}, true, nil, nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			parent := t.TempDir()
			out := filepath.Join(parent, "public")
			if err := Write(context.Background(), out, first); err != nil {
				t.Fatal(err)
			}
			before := map[string]os.FileInfo{}
			for name := range first {
				info, err := os.Stat(filepath.Join(out, name))
				if err != nil {
					t.Fatal(err)
				}
				before[name] = info
			}
			err := Write(c.ctx, out, c.files)
			want := c.files
			if c.err {
				if err == nil {
					t.Fatal("the write succeeded")
				}
				if c.ctx.Err() != nil && !errors.Is(err, context.Canceled) {
					t.Errorf("error %v, want context.Canceled", err)
				}
				want = first
			} else if err != nil {
				t.Fatal(err)
			}
			got := testkit.Snapshot(t, out)
			if got[Marker] != markerText {
				t.Errorf("the marker holds %q", got[Marker])
			}
			delete(got, Marker)
			if len(got) != len(want) {
				t.Errorf("%d files, want %d: %v", len(got), len(want), got)
			}
			for name, data := range want {
				if got[name] != string(data) {
					t.Errorf("%s holds %q, want %q", name, got[name], data)
				}
			}
			for _, name := range c.linked {
				info, _ := os.Stat(filepath.Join(out, name))
				if !os.SameFile(info, before[name]) {
					t.Errorf("%s was written again, not linked to the previous site's", name)
				}
			}
			for _, name := range c.written {
				info, _ := os.Stat(filepath.Join(out, name))
				if old, ok := before[name]; ok && os.SameFile(info, old) {
					t.Errorf("%s is the previous site's file", name)
				}
			}
			if entries, _ := os.ReadDir(parent); len(entries) != 1 {
				t.Errorf("the folder holds %d entries, want only public/", len(entries))
			}
		})
	}
}

// A write first removes what killed writes left beside the output: its
// own temporary folders (marked, or empty), never another folder, even one
// named alike.
func TestWriteRemovesStaleFolders(t *testing.T) {
	parent := t.TempDir()
	out := filepath.Join(parent, "public")
	for _, dir := range []string{".public.new-1", ".public.new-2.old", ".public.new-3"} {
		testkit.Write(t, filepath.Join(parent, dir, "index.html"), "old site")
		if dir != ".public.new-3" {
			testkit.Write(t, filepath.Join(parent, dir, Marker), markerText)
		}
	}
	if err := os.Mkdir(filepath.Join(parent, ".public.new-4"), 0o755); err != nil {
		t.Fatal(err)
	}
	testkit.Write(t, filepath.Join(parent, ".other.new-5", Marker), markerText)
	testkit.Write(t, filepath.Join(parent, ".public.new-6"), "a file")
	if err := Write(context.Background(), out, map[string][]byte{"index.html": []byte("new")}); err != nil {
		t.Fatal(err)
	}
	var left []string
	entries, _ := os.ReadDir(parent)
	for _, e := range entries {
		left = append(left, e.Name())
	}
	want := []string{".other.new-5", ".public.new-3", ".public.new-6", "public"}
	if !slices.Equal(left, want) {
		t.Errorf("left %v, want %v", left, want)
	}
}

// Replacing a site swaps the folders in one step where the system can
// (renameat2 on Linux): the old site is gone, the new one in place, and
// out is the same path throughout.
func TestSwapReplacesTheFolder(t *testing.T) {
	parent := t.TempDir()
	out := filepath.Join(parent, "public")
	a, b := filepath.Join(parent, "a"), filepath.Join(parent, "b")
	testkit.Write(t, filepath.Join(a, "x"), "new")
	testkit.Write(t, filepath.Join(out, "x"), "old")
	if runtime.GOOS == "linux" {
		testkit.Write(t, filepath.Join(b, "y"), "b")
		if err := exchange(b, a); err != nil {
			t.Fatalf("renameat2 RENAME_EXCHANGE: %v", err)
		}
		if testkit.Read(t, filepath.Join(a, "y")) != "b" || testkit.Read(t, filepath.Join(b, "x")) != "new" {
			t.Fatal("exchange did not swap the folders")
		}
		a = b
	}
	if err := swap(a, out); err != nil {
		t.Fatal(err)
	}
	if got := testkit.Read(t, filepath.Join(out, "x")); got != "new" {
		t.Errorf("out holds %q", got)
	}
	if _, err := os.Stat(a); !os.IsNotExist(err) {
		t.Errorf("the old site is still at %s", a)
	}
}

// Check refuses what a build must not replace, each with its reason, and
// touches nothing.
func TestCheck(t *testing.T) {
	root := t.TempDir()
	project := filepath.Join(root, "project")
	content := filepath.Join(project, "content")
	testkit.Write(t, filepath.Join(content, "a.md"), "a")
	testkit.Write(t, filepath.Join(root, "other", "notes.txt"), "mine")
	testkit.Write(t, filepath.Join(root, "file"), "a file")
	testkit.Write(t, filepath.Join(root, "built", Marker), markerText)
	testkit.Write(t, filepath.Join(root, "fake", Marker), "") // any empty file of the name is not a build's marker
	testkit.Write(t, filepath.Join(root, "fake", "notes.txt"), "mine")
	testkit.Write(t, filepath.Join(root, "built", "index.html"), "site")
	if err := os.Mkdir(filepath.Join(root, "empty"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(content, filepath.Join(root, "link")); err != nil {
		t.Fatal(err)
	}
	guards := []Guard{{Dir: project, What: "the project folder"}, {Dir: content, What: "the content folder", Inside: true}}
	for _, c := range []struct {
		out   string
		force bool
		want  string // "" when allowed
	}{
		{filepath.Join(project, "public"), false, ""},
		{filepath.Join(root, "new", "site"), false, ""},
		{filepath.Join(root, "empty"), false, ""},
		{filepath.Join(root, "built"), false, ""},
		{filepath.Join(root, "other"), true, ""},
		{filepath.Join(root, "other"), false, "holds 1 file(s) or folder(s) and no " + Marker},
		{filepath.Join(root, "fake"), false, "holds 2 file(s) or folder(s) and no " + Marker},
		{project, true, "is the project folder"},
		{root, true, "holds the project folder"},
		{content, true, "is the content folder"},
		{filepath.Join(content, "x"), true, "lies inside the content folder"},
		{filepath.Join(project, "content", "..", "content"), true, "is the content folder"},
		{filepath.Join(root, "link"), true, "is a symbolic link to " + content + " (is the content folder)"},
		{filepath.Join(root, "link", "x"), true, "lies inside the content folder"},
		{filepath.Join(root, "file"), true, "is a file, not a folder"},
		{"/", true, "is the root folder"},
	} {
		err := Check(c.out, guards, c.force)
		switch {
		case c.want == "" && err != nil:
			t.Errorf("%s: %v", c.out, err)
		case c.want != "" && (err == nil || !errors.Is(err, ErrUnsafe) || !strings.Contains(err.Error(), c.want)):
			t.Errorf("%s (force %v): %v, want %q", c.out, c.force, err, c.want)
		}
	}
}

// A site written file by file as each is finished: a file put twice (as a
// renderer may) ends with its last bytes, and its first copy, linked to the
// previous site's file of the same bytes, is replaced rather than written
// through, so the previous site stays as it was until Commit; Abort leaves
// it untouched and no temporary folder behind.
func TestFolder(t *testing.T) {
	for _, c := range []struct {
		name   string
		commit bool
	}{{"committed", true}, {"aborted", false}} {
		t.Run(c.name, func(t *testing.T) {
			parent := t.TempDir()
			out := filepath.Join(parent, "public")
			old := map[string][]byte{"index.html": []byte("home"), "a/b/index.html": []byte("ab")}
			if err := Write(context.Background(), out, old); err != nil {
				t.Fatal(err)
			}
			f, err := Begin(context.Background(), out)
			if err != nil {
				t.Fatal(err)
			}
			for _, p := range []struct{ name, data string }{
				{"index.html", "home"}, // linked to the previous site's file
				{"a/b/c/index.html", "new"},
				{"index.html", "home, rendered again"},
			} {
				if err := f.Put(p.name, []byte(p.data)); err != nil {
					t.Fatal(err)
				}
			}
			if err := f.Put("../x", []byte("x")); err == nil {
				t.Error("Put wrote a name outside the folder")
			}
			if got, _ := os.ReadFile(filepath.Join(out, "index.html")); string(got) != "home" {
				t.Errorf("before the swap, the previous site's index.html holds %q", got)
			}
			want := old
			if c.commit {
				if err := f.Commit(context.Background()); err != nil {
					t.Fatal(err)
				}
				want = map[string][]byte{"index.html": []byte("home, rendered again"), "a/b/c/index.html": []byte("new")}
			} else {
				f.Abort()
			}
			got := testkit.Snapshot(t, out)
			delete(got, Marker)
			if len(got) != len(want) {
				t.Errorf("the folder holds %v, want %d files", got, len(want))
			}
			for name, data := range want {
				if got[name] != string(data) {
					t.Errorf("%s holds %q, want %q", name, got[name], data)
				}
			}
			if entries, _ := os.ReadDir(parent); len(entries) != 1 {
				t.Errorf("the parent folder holds %d entries, want only public/", len(entries))
			}
		})
	}
}

// Puts of one name at the same time, some with the previous site's bytes
// (linked) and some not (written), never write through to the previous
// site; a Put after Abort (a renderer left running after a cancelled
// build) writes nothing and leaves no folder behind.
func TestFolderConcurrentAndLatePuts(t *testing.T) {
	parent := t.TempDir()
	out := filepath.Join(parent, "public")
	if err := Write(context.Background(), out, map[string][]byte{"a/index.html": []byte("home")}); err != nil {
		t.Fatal(err)
	}
	f, err := Begin(context.Background(), out)
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for i := range 64 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			data := []byte("home")
			if i%2 == 1 {
				data = []byte("rendered again")
			}
			if err := f.Put("a/index.html", data); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	if got, _ := os.ReadFile(filepath.Join(out, "a", "index.html")); string(got) != "home" {
		t.Fatalf("the previous site's file was written through: it holds %q", got)
	}
	f.Abort()
	if err := f.Put("b/late.html", []byte("late")); !errors.Is(err, ErrClosed) {
		t.Errorf("a Put after Abort returned %v, want ErrClosed", err)
	}
	if entries, _ := os.ReadDir(parent); len(entries) != 1 {
		t.Errorf("the parent folder holds %d entries after Abort and a late Put, want only public/", len(entries))
	}
}
