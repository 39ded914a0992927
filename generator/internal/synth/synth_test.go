package synth

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/product-roles/handbook/generator/internal/layout"
	"github.com/product-roles/handbook/generator/internal/pipeline"
	"github.com/product-roles/handbook/generator/internal/testkit"
)

func TestSyntheticHandbookIsValid(t *testing.T) {
	for _, o := range []Options{{Pages: 300}, {Pages: 150, Roles: 2}, {Pages: 1000, Roles: 6, Seed: 7}} {
		dir := t.TempDir()
		c, err := Write(context.Background(), dir, o)
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		filepath.WalkDir(filepath.Join(dir, "content"), func(p string, d fs.DirEntry, err error) error {
			if err == nil && strings.HasSuffix(p, ".md") {
				n++
			}
			return err
		})
		if n != c.Total() || n < o.Pages {
			t.Errorf("%+v: %d files, plan says %d", o, n, c.Total())
		}
		b, err := pipeline.New()
		if err != nil {
			t.Fatal(err)
		}
		rep := &pipeline.Report{}
		if _, err := b.Check(pipeline.Options{Layout: layout.Resolve(layout.Flags{Project: testkit.Root(t), Source: filepath.Join(dir, "content")})}, rep); err != nil || len(rep.Diags) > 0 {
			t.Fatalf("%+v: %v\n%v", o, err, rep.Diags)
		}
	}
	a, b := t.TempDir(), t.TempDir()
	Write(context.Background(), a, Options{Pages: 200})
	Write(context.Background(), b, Options{Pages: 200})
	if !equal(testkit.Snapshot(t, a), testkit.Snapshot(t, b)) {
		t.Error("the same options wrote different files")
	}
}

func equal(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

func TestBoundsAndCancel(t *testing.T) {
	for _, o := range []Options{{Pages: 50_000_000}, {Pages: 99}, {Pages: 1000, Roles: 100_000}, {Pages: 1000, Roles: -1}, {Pages: 1000, Roles: 1}} {
		dir := t.TempDir()
		if _, err := Write(context.Background(), dir, o); err == nil || !strings.Contains(err.Error(), "must be between") {
			t.Errorf("%+v: err = %v, want a bound", o, err)
		}
		if entries, _ := os.ReadDir(dir); len(entries) != 0 {
			t.Errorf("%+v: wrote %d entries", o, len(entries))
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	dir := t.TempDir()
	if _, err := Write(ctx, dir, Options{Pages: 5000}); err != context.Canceled {
		t.Errorf("cancelled: err = %v", err)
	}
	if entries, _ := os.ReadDir(filepath.Join(dir, "content")); len(entries) > 0 {
		t.Errorf("a cancelled write wrote %d entries", len(entries))
	}
}
