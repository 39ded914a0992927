// Package output writes a finished site to disk all at once: into a
// temporary folder beside the target, swapped into place only when every
// file is written. A failed or interrupted write leaves the previous site
// exactly as it was and no temporary folder behind; the temporary folders
// of a killed write are removed by the next one. Check says whether a
// folder may be replaced at all.
package output

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"github.com/product-roles/handbook/generator/internal/par"
)

// Write replaces the folder out with exactly files (relative slash paths)
// and the Marker. It does not ask whether out may be replaced: Check does.
func Write(ctx context.Context, out string, files map[string][]byte) error {
	names := make([]string, 0, len(files))
	for n := range files {
		if !Safe(n) {
			return fmt.Errorf("refusing to write %q outside the output folder", n)
		}
		names = append(names, n)
	}
	f, err := Begin(ctx, out)
	if err != nil {
		return err
	}
	slices.Sort(names)
	if err := mkdirs(ctx, f.tmp, names); err != nil {
		f.Abort()
		return err
	}
	for _, n := range names {
		for d := path.Dir(n); d != "."; d = path.Dir(d) {
			f.made.Store(d, true)
		}
	}
	if err := par.Each(ctx, len(names), func(i int) error { return f.Put(names[i], files[names[i]]) }); err != nil {
		f.Abort()
		return err
	}
	return f.Commit(ctx)
}

// Folder is a site being written, file by file as each is finished, into
// a temporary folder beside the target; Commit swaps it into place, Abort
// removes it. Until one of them returns, no other write into the same
// parent folder starts. Put may be called from many goroutines.
type Folder struct {
	out, tmp string
	unlock   func()
	made     sync.Map     // folders below tmp that exist ("." is tmp)
	mu       sync.RWMutex // Put holds it to read, Commit and Abort to write
	closed   bool         // Commit or Abort has run: a late Put (a renderer left running) writes nothing
}

// ErrClosed is Put's error once the folder is committed or aborted.
var ErrClosed = errors.New("the output folder is already swapped in or removed")

// Begin starts writing a site that is to replace the folder out.
func Begin(ctx context.Context, out string) (f *Folder, err error) {
	out = filepath.Clean(out)
	parent := filepath.Dir(out)
	if parent == out {
		return nil, fmt.Errorf("%s is the root folder, which cannot be replaced", out)
	}
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, fmt.Errorf("cannot create %s: %w", parent, err)
	}
	// One write into a folder at a time: a second build waits here (it
	// locks the same parent folder), and while this one holds the lock no
	// other removes its temporary folder as debris of a killed build.
	unlock, err := lock(ctx, parent)
	if err != nil {
		return nil, fmt.Errorf("cannot lock %s for writing: %w", parent, err)
	}
	removeStale(parent, filepath.Base(out))
	tmp, err := os.MkdirTemp(parent, tempPrefix(filepath.Base(out)))
	if err != nil {
		unlock()
		return nil, fmt.Errorf("cannot write beside %s: %w", out, err)
	}
	f = &Folder{out: out, tmp: tmp, unlock: unlock}
	f.made.Store(".", true)
	// The marker comes first: a write killed at any later point leaves a
	// folder that the next write recognises as its own and removes.
	if err := os.Chmod(tmp, 0o755); err != nil {
		f.Abort()
		return nil, err
	}
	if err := mark(tmp); err != nil {
		f.Abort()
		return nil, err
	}
	return f, nil
}

// Put writes one file of the new site (a relative slash path). A file the
// previous site holds with the same bytes is linked to it instead: on many
// file systems creating a file costs far more than linking one (about 40
// times more on this project's build machines), and the old site is
// removed afterwards, so nothing outside the new folder shares its files.
// A name put again (at the same time, even) is replaced whole by a rename,
// never written through: its first copy may be a link to the previous
// site's file, which stays as it was until the swap.
func (f *Folder) Put(name string, data []byte) error {
	if !Safe(name) {
		return fmt.Errorf("refusing to write %q outside the output folder", name)
	}
	if name == Marker {
		return nil // every output gets its own
	}
	f.mu.RLock()
	defer f.mu.RUnlock()
	if f.closed {
		return ErrClosed
	}
	if err := f.mkdir(path.Dir(name)); err != nil {
		return err
	}
	rel := filepath.FromSlash(name)
	dst := filepath.Join(f.tmp, rel)
	if old := filepath.Join(f.out, rel); same(old, data) && os.Link(old, dst) == nil {
		return nil
	}
	file, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrExist) {
		return replace(dst, data)
	}
	if err != nil {
		return err
	}
	if _, err := file.Write(data); err != nil {
		file.Close()
		return err
	}
	return file.Close()
}

// replace puts data in dst's place by writing a file beside it and
// renaming that over it.
func replace(dst string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(dst), "."+filepath.Base(dst)+".part-*")
	if err != nil {
		return err
	}
	_, err = tmp.Write(data)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(tmp.Name(), 0o644)
	}
	if err == nil {
		err = os.Rename(tmp.Name(), dst)
	}
	if err != nil {
		os.Remove(tmp.Name())
	}
	return err
}

// mkdir makes a folder below tmp and those above it, once each.
func (f *Folder) mkdir(dir string) error {
	if _, ok := f.made.Load(dir); ok {
		return nil
	}
	if err := os.MkdirAll(filepath.Join(f.tmp, filepath.FromSlash(dir)), 0o755); err != nil {
		return err
	}
	f.made.Store(dir, true)
	return nil
}

// Commit puts the new site in the old one's place, once every Put has
// returned; the folder is released either way.
func (f *Folder) Commit(ctx context.Context) error {
	if err := ctx.Err(); err != nil {
		f.Abort()
		return err
	}
	if !f.close() {
		return ErrClosed
	}
	defer f.unlock()
	if err := swap(f.tmp, f.out); err != nil {
		removeAll(f.tmp)
		return err
	}
	return nil
}

// Abort removes what was written and leaves the old site as it was.
func (f *Folder) Abort() {
	if f.close() {
		removeAll(f.tmp)
		f.unlock()
	}
}

// close marks the folder closed once every Put under way has returned; it
// reports whether this call closed it.
func (f *Folder) close() bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.closed {
		return false
	}
	f.closed = true
	return true
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

// tempPrefix is how the temporary folders of a write to name begin.
func tempPrefix(name string) string { return "." + name + ".new-" }

// mark writes the Marker into dir.
func mark(dir string) error {
	return os.WriteFile(filepath.Join(dir, Marker), []byte(markerText), 0o644)
}

// removeStale removes what killed writes to name left in parent: folders
// named as Write names its temporary folders (".name.new-*") that carry
// the Marker, and empty ones (killed before the marker was written).
// Anything else is left alone.
func removeStale(parent, name string) {
	entries, err := os.ReadDir(parent)
	if err != nil {
		return
	}
	for _, e := range entries {
		if !e.IsDir() || !strings.HasPrefix(e.Name(), tempPrefix(name)) {
			continue
		}
		dir := filepath.Join(parent, e.Name())
		if marked(dir) {
			removeAll(dir)
		} else {
			_ = os.Remove(dir) // only if empty
		}
	}
}

// swap puts tmp in out's place. Where the system can exchange two folders
// in one step, out never stops existing; elsewhere it is renamed away and
// tmp renamed in its place, two steps. The old site is removed after.
func swap(tmp, out string) error {
	info, err := os.Lstat(out)
	if os.IsNotExist(err) {
		return os.Rename(tmp, out)
	}
	if err != nil {
		return err
	}
	if !info.IsDir() {
		return fmt.Errorf("%s is not a folder (a file or a symbolic link), so it is not replaced", out)
	}
	if exchange(tmp, out) == nil {
		// tmp now holds the old site: mark it as ours before removing it,
		// so that a write killed while removing it leaves nothing behind.
		_ = mark(tmp)
		return removeAll(tmp)
	}
	old := tmp + ".old"
	if err := os.Rename(out, old); err != nil {
		return fmt.Errorf("cannot replace %s: %w", out, err)
	}
	_ = mark(old)
	if err := os.Rename(tmp, out); err != nil {
		_ = os.Rename(old, out)
		return fmt.Errorf("cannot replace %s: %w", out, err)
	}
	return removeAll(old)
}

// removeAll removes a folder, its top-level entries on every core and the
// Marker last, so that a folder half removed still carries it.
func removeAll(dir string) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return os.RemoveAll(dir)
	}
	_ = par.Each(context.Background(), len(entries), func(i int) error {
		if entries[i].Name() == Marker {
			return nil
		}
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
