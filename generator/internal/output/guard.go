package output

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// Marker is the file every output folder gets. A folder that holds files
// but no marker was not written by a build, and is not replaced without
// being told to (Check's force).
const Marker = ".handbook-output"

// markerText is the marker's content: the same in every build, so that two
// builds of the same input stay byte-identical.
const markerText = "This folder is written by the handbook generator (go run ./generator build).\n" +
	"Each build replaces all of it; do not keep other files here.\n"

// ErrUnsafe marks an output folder that Check refused.
var ErrUnsafe = errors.New("unsafe output folder")

// unsafeError is Check's refusal; it is ErrUnsafe.
type unsafeError string

func (e unsafeError) Error() string        { return string(e) }
func (e unsafeError) Is(target error) bool { return target == ErrUnsafe }

// Guard is a folder that an output must not be, contain or (with Inside)
// lie inside.
type Guard struct {
	Dir    string // the folder
	What   string // how messages name it, e.g. "the content folder"
	Inside bool   // an output inside it is refused too
}

// Check says whether the folder out may be replaced by a build. It refuses
// a symbolic link, a file, the root folder, any guard (and any folder
// holding one), a folder inside a guard marked Inside, and, unless force,
// a folder that holds files but no Marker. It reads, never writes.
func Check(out string, guards []Guard, force bool) error {
	abs, err := filepath.Abs(out)
	if err != nil {
		return err
	}
	refuse := func(format string, args ...any) error {
		return unsafeError("refusing --out " + out + ": " + fmt.Sprintf(format, args...))
	}
	info, statErr := os.Lstat(abs)
	if statErr == nil && info.Mode()&fs.ModeSymlink != 0 {
		target, err := filepath.EvalSymlinks(abs)
		if err != nil {
			target, _ = os.Readlink(abs)
		}
		why := ""
		if g, rel := match(target, guards); g != nil {
			why = fmt.Sprintf(" (%s)", rel)
		}
		return refuse("it is a symbolic link to %s%s; a build replaces the folder it names, so name a real folder", target, why)
	}
	if statErr == nil && !info.IsDir() {
		return refuse("it is a file, not a folder; name a new or empty folder, or one an earlier build wrote")
	}
	real := resolve(abs)
	if filepath.Dir(real) == real {
		return refuse("it is the root folder %s; a build replaces its output folder with the site", real)
	}
	if g, why := match(real, guards); g != nil {
		return refuse("it %s; a build replaces its output folder with the site, so that would be lost. Name a new folder, e.g. --out public", why)
	}
	if statErr != nil || force {
		return nil // a folder that does not exist yet (or cannot be read: Write says why)
	}
	entries, err := os.ReadDir(abs)
	if err != nil || len(entries) == 0 {
		return nil
	}
	if marked(abs) {
		return nil
	}
	return refuse("it holds %d file(s) or folder(s) and no %s (as a build writes it), so an earlier build did not write it; "+
		"a build would delete them. Name a new or empty folder, or pass --force to replace it", len(entries), Marker)
}

// match returns the guard that real is, holds or (Inside) lies in, and why.
func match(real string, guards []Guard) (*Guard, string) {
	for i := range guards {
		g := &guards[i]
		dir := resolve(g.Dir)
		switch {
		case real == dir:
			return g, "is " + g.What
		case within(dir, real):
			return g, fmt.Sprintf("holds %s (%s)", g.What, dir)
		case g.Inside && within(real, dir):
			return g, fmt.Sprintf("lies inside %s (%s)", g.What, dir)
		}
	}
	return nil, ""
}

// within reports whether path lies strictly below dir.
func within(path, dir string) bool {
	rel, err := filepath.Rel(dir, path)
	return err == nil && rel != "." && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
}

// resolve is an absolute path with every symbolic link in the part that
// exists resolved; the rest, not yet created, is kept as it is.
func resolve(abs string) string {
	abs = filepath.Clean(abs)
	rest := ""
	for dir := abs; ; dir = filepath.Dir(dir) {
		if real, err := filepath.EvalSymlinks(dir); err == nil {
			return filepath.Join(real, rest)
		}
		if filepath.Dir(dir) == dir {
			return abs
		}
		rest = filepath.Join(filepath.Base(dir), rest)
	}
}

// marked reports whether dir holds the Marker as a build writes it: a
// plain file with exactly markerText (any other file of that name, say an
// empty one, is not a build's).
func marked(dir string) bool {
	name := filepath.Join(dir, Marker)
	m, err := os.Lstat(name)
	if err != nil || !m.Mode().IsRegular() || m.Size() != int64(len(markerText)) {
		return false
	}
	data, err := os.ReadFile(name)
	return err == nil && string(data) == markerText
}
