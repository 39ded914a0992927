// Package output writes a finished site to disk all at once: into a
// temporary folder beside the target, swapped into place only when every
// file is written. A failed or interrupted write leaves the previous site
// exactly as it was and no temporary folder behind.
package output

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/product-roles/handbook/generator/internal/par"
)

// Write replaces the folder out with exactly files (relative slash paths).
func Write(ctx context.Context, out string, files map[string][]byte) (err error) {
	out = filepath.Clean(out)
	parent := filepath.Dir(out)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return fmt.Errorf("cannot create %s: %w", parent, err)
	}
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(out)+".new-")
	if err != nil {
		return fmt.Errorf("cannot write beside %s: %w", out, err)
	}
	defer func() {
		if err != nil {
			os.RemoveAll(tmp)
		}
	}()
	if err := os.Chmod(tmp, 0o755); err != nil {
		return err
	}
	names := make([]string, 0, len(files))
	for n := range files {
		if !Safe(n) {
			return fmt.Errorf("refusing to write %q outside the output folder", n)
		}
		names = append(names, n)
	}
	slices.Sort(names)
	if err := mkdirs(ctx, tmp, names); err != nil {
		return err
	}
	// Files are written on every core. A file the previous site holds with
	// the same bytes is linked to it instead: on many file systems creating
	// a file costs far more than linking one (about 40 times more on this
	// project's build machines), and the old site is removed afterwards, so
	// nothing outside the new folder shares its files.
	if err := par.Each(ctx, len(names), func(i int) error {
		rel := filepath.FromSlash(names[i])
		dst := filepath.Join(tmp, rel)
		if same(filepath.Join(out, rel), files[names[i]]) && os.Link(filepath.Join(out, rel), dst) == nil {
			return nil
		}
		return os.WriteFile(dst, files[names[i]], 0o644)
	}); err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	return swap(tmp, out)
}

// mkdirs makes the folders of every file below root, a level at a time,
// each level on every core (creating a folder is what a write spends most
// of its time on when the previous site's files can be linked).
func mkdirs(ctx context.Context, root string, names []string) error {
	var levels [][]string
	seen := map[string]bool{}
	for _, n := range names {
		for d := path.Dir(n); d != "." && !seen[d]; d = path.Dir(d) {
			seen[d] = true
			depth := strings.Count(d, "/")
			for len(levels) <= depth {
				levels = append(levels, nil)
			}
			levels[depth] = append(levels[depth], d)
		}
	}
	for _, level := range levels {
		if err := par.Each(ctx, len(level), func(i int) error {
			return os.Mkdir(filepath.Join(root, filepath.FromSlash(level[i])), 0o755)
		}); err != nil {
			return err
		}
	}
	return nil
}

// same reports whether name is a plain file, with the mode Write gives,
// that holds exactly data.
func same(name string, data []byte) bool {
	info, err := os.Lstat(name)
	if err != nil || !info.Mode().IsRegular() || info.Mode().Perm() != 0o644 || info.Size() != int64(len(data)) {
		return false
	}
	old, err := os.ReadFile(name)
	return err == nil && bytes.Equal(old, data)
}

// swap moves tmp to out, keeping the old out until the new one is in place.
func swap(tmp, out string) error {
	info, err := os.Lstat(out)
	if os.IsNotExist(err) {
		return os.Rename(tmp, out)
	}
	if err != nil {
		return err
	}
	if !info.IsDir() {
		return fmt.Errorf("%s exists and is not a folder", out)
	}
	old := tmp + ".old"
	if err := os.Rename(out, old); err != nil {
		return fmt.Errorf("cannot replace %s: %w", out, err)
	}
	if err := os.Rename(tmp, out); err != nil {
		_ = os.Rename(old, out)
		return fmt.Errorf("cannot replace %s: %w", out, err)
	}
	return removeAll(old)
}

// removeAll removes a folder, its top-level entries on every core.
func removeAll(dir string) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return os.RemoveAll(dir)
	}
	_ = par.Each(context.Background(), len(entries), func(i int) error {
		return os.RemoveAll(filepath.Join(dir, entries[i].Name()))
	})
	return os.RemoveAll(dir)
}

// Safe reports whether a relative slash path stays inside its folder.
func Safe(name string) bool {
	if name == "" || strings.HasPrefix(name, "/") || strings.Contains(name, "\\") {
		return false
	}
	for _, part := range strings.Split(name, "/") {
		if part == ".." || part == "." || part == "" {
			return false
		}
	}
	return true
}
