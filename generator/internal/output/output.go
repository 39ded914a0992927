// Package output writes a finished site to disk all at once: into a
// temporary folder beside the target, swapped into place only when every
// file is written. A failed or interrupted write leaves the previous site
// exactly as it was and no temporary folder behind.
package output

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
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
	dirs := map[string]bool{}
	for _, n := range names {
		dirs[filepath.Dir(filepath.Join(tmp, filepath.FromSlash(n)))] = true
	}
	for d := range dirs {
		if err := os.MkdirAll(d, 0o755); err != nil {
			return err
		}
	}
	for _, n := range names {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(tmp, filepath.FromSlash(n)), files[n], 0o644); err != nil {
			return err
		}
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	return swap(tmp, out)
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
	return os.RemoveAll(old)
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
