package history

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"testing"
)

func TestParse(t *testing.T) {
	out := []byte("\x1eaaa\x1f2026-11-20\x1fEdit pricing\n\nduties/pricing.md\nroles/product-manager.md\n" +
		"\x1ebbb\x1f2026-11-01\x1fFirst\n\nduties/pricing.md\n")
	got := parse(out)
	want := []Commit{
		{Hash: "aaa", Date: "2026-11-20", Subject: "Edit pricing", Files: []string{"duties/pricing.md", "roles/product-manager.md"}},
		{Hash: "bbb", Date: "2026-11-01", Subject: "First", Files: []string{"duties/pricing.md"}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("got %+v", got)
	}
	if lc := LastChanged(got); lc["duties/pricing.md"] != "2026-11-20" || lc["roles/product-manager.md"] != "2026-11-20" {
		t.Errorf("LastChanged = %v", lc)
	}
}

func TestReadFromARealRepository(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	dir := t.TempDir()
	content := filepath.Join(dir, "content")
	os.MkdirAll(content, 0o755)
	os.WriteFile(filepath.Join(content, "a.md"), []byte("a"), 0o644)
	os.WriteFile(filepath.Join(dir, "outside.md"), []byte("b"), 0o644)
	for _, args := range [][]string{{"init", "-q"}, {"add", "."}, {"-c", "user.name=T", "-c", "user.email=t@example.com", "commit", "-qm", "Add a"}} {
		cmd := exec.Command("git", args...)
		cmd.Dir = dir
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v %s", args, err, out)
		}
	}
	got := Read(context.Background(), content)
	if len(got) != 1 || got[0].Subject != "Add a" || !reflect.DeepEqual(got[0].Files, []string{"a.md"}) {
		t.Errorf("got %+v", got)
	}
	if Read(context.Background(), t.TempDir()) != nil {
		t.Error("a folder outside git has history")
	}
}
