package fork

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/pelletier/go-toml/v2"

	"github.com/product-roles/handbook/generator/internal/conflict"
	"github.com/product-roles/handbook/generator/internal/userfile"
)

// ManifestName is the file in the overlay that records, for each upstream
// file the overlay replaces, the hash of the upstream file when it was copied.
const ManifestName = "overrides.toml"

// Manifest is the overlay's record of what it replaced.
type Manifest struct {
	Replaced map[string]string `toml:"replaced"` // upstream path -> "sha256:..."
}

// upstreamOf maps a path in the overlay to the upstream path it stands for.
var upstreamOf = []struct{ overlay, upstream string }{
	{"content/", "content/"},
	{"layouts/", "themes/handbook/layouts/"},
	{"assets/", "themes/handbook/assets/"},
	{"static/", "static/"},
}

// Upstream returns the upstream path an overlay path replaces, if it is one
// the overlay may hold.
func Upstream(overlayRel string) (string, bool) {
	for _, m := range upstreamOf {
		if rest, ok := strings.CutPrefix(overlayRel, m.overlay); ok {
			return m.upstream + rest, true
		}
	}
	return "", false
}

// OverlayPath returns where an upstream file goes in the overlay.
func OverlayPath(upstreamRel string) (string, bool) {
	for _, m := range upstreamOf {
		if rest, ok := strings.CutPrefix(upstreamRel, m.upstream); ok && rest != "" {
			return m.overlay + rest, true
		}
	}
	return "", false
}

// Hash is a file's content hash as recorded in the manifest.
func Hash(data []byte) string {
	sum := sha256.Sum256(data)
	return "sha256:" + hex.EncodeToString(sum[:])
}

// ReadManifest reads the overlay's manifest; a missing one is empty.
func ReadManifest(overlay string) (Manifest, error) {
	m := Manifest{Replaced: map[string]string{}}
	data, err := os.ReadFile(filepath.Join(overlay, ManifestName))
	if errors.Is(err, fs.ErrNotExist) {
		return m, nil
	}
	if err != nil {
		return m, err
	}
	if err := toml.NewDecoder(strings.NewReader(string(data))).DisallowUnknownFields().Decode(&m); err != nil {
		return m, fmt.Errorf("%s: %w", filepath.Join(overlay, ManifestName), err)
	}
	if m.Replaced == nil {
		m.Replaced = map[string]string{}
	}
	return m, nil
}

// WriteManifest writes the manifest, sorted, with a comment saying what it is.
func WriteManifest(overlay string, m Manifest) error {
	var b strings.Builder
	b.WriteString("# Written by `go run ./generator override`: for each upstream file this overlay replaces,\n")
	b.WriteString("# the hash of the upstream file when it was copied. `go run ./generator overrides` compares\n")
	b.WriteString("# it with upstream today and flags what changed. Do not edit by hand.\n\n[replaced]\n")
	keys := make([]string, 0, len(m.Replaced))
	for k := range m.Replaced {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		fmt.Fprintf(&b, "%q = %q\n", k, m.Replaced[k])
	}
	return userfile.Write(filepath.Join(overlay, ManifestName), []byte(b.String()))
}

// Override copies an upstream file (a path relative to the project) into
// the overlay and records its hash. It refuses to overwrite.
func Override(project, overlay, upstreamRel string) (string, error) {
	upstreamRel = path.Clean(filepath.ToSlash(upstreamRel))
	dst, ok := OverlayPath(upstreamRel)
	if !ok || strings.Contains(upstreamRel, "..") {
		return "", fmt.Errorf("%s cannot be overridden: give a path under content/, themes/handbook/layouts/, themes/handbook/assets/ or static/", upstreamRel)
	}
	src := filepath.Join(project, filepath.FromSlash(upstreamRel))
	if err := plainFile(project, upstreamRel); err != nil {
		return "", err
	}
	data, err := os.ReadFile(src)
	if err != nil {
		return "", err
	}
	target := filepath.Join(overlay, filepath.FromSlash(dst))
	if _, err := os.Stat(target); err == nil {
		return "", fmt.Errorf("%s already exists", target)
	}
	m, err := ReadManifest(overlay)
	if err != nil {
		return "", err
	}
	if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
		return "", err
	}
	if err := userfile.Create(target, data); err != nil {
		return "", err
	}
	if err := writeBase(overlay, upstreamRel, data); err != nil {
		return "", err
	}
	m.Replaced[upstreamRel] = Hash(data)
	return target, WriteManifest(overlay, m)
}

// plainFile refuses an upstream path that is, or passes through, a
// symbolic link (its target, perhaps outside the project, would be
// copied) or is not a plain file.
func plainFile(project, upstreamRel string) error {
	p := project
	for _, part := range strings.Split(upstreamRel, "/") {
		p = filepath.Join(p, part)
		info, err := os.Lstat(p)
		if err != nil {
			return err
		}
		if info.Mode()&fs.ModeSymlink != 0 {
			return fmt.Errorf("%s is a symbolic link, which is not copied: override the file it stands for, or replace the link with the file", upstreamRel)
		}
		if p != filepath.Join(project, filepath.FromSlash(upstreamRel)) {
			continue
		}
		if !info.Mode().IsRegular() {
			return fmt.Errorf("%s is not a plain file", upstreamRel)
		}
	}
	return nil
}

// BaseDir is the folder in the overlay that keeps, for each replaced file,
// the upstream version it was copied from (or last merged with): the base
// of a three-way comparison between upstream's changes and the overlay's.
const BaseDir = ".upstream"

// BasePath is where the base of an upstream file is kept.
func BasePath(overlay, upstreamRel string) string {
	return filepath.Join(overlay, BaseDir, filepath.FromSlash(upstreamRel))
}

func writeBase(overlay, upstreamRel string, data []byte) error {
	p := BasePath(overlay, upstreamRel)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	return userfile.Write(p, data)
}

// Entry is one line of the drift report.
type Entry struct {
	Action   string // adds | replaces | hides
	Path     string // the overlay file, or the hidden item
	Upstream string // for replaces: the upstream file
	Status   string // for replaces: up to date | upstream changed | no hash recorded
	Flag     bool   // needs attention
}

// Ignored reports whether a file in the overlay or a static folder is
// bookkeeping rather than content: a name starting with a dot (.gitkeep,
// the .upstream copies) anywhere in its path, except .well-known/.
func Ignored(rel string) bool {
	for _, part := range strings.Split(filepath.ToSlash(rel), "/") {
		if strings.HasPrefix(part, ".") && part != ".well-known" && part != "." {
			return true
		}
	}
	return false
}

// Report lists what the overlay adds, replaces, hides and renames, and the
// references to hidden items that were dropped.
func Report(project, overlay string, a Applied) ([]Entry, error) {
	m, err := ReadManifest(overlay)
	if err != nil {
		return nil, err
	}
	var out []Entry
	err = filepath.WalkDir(overlay, func(p string, d fs.DirEntry, err error) error {
		if errors.Is(err, fs.ErrNotExist) && p == overlay {
			return nil
		}
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(overlay, p)
		rel = filepath.ToSlash(rel)
		up, ok := Upstream(rel)
		if !ok || Ignored(rel) {
			return nil // company.toml, overrides.toml, README
		}
		shown := filepath.ToSlash(filepath.Join(filepath.Base(overlay), rel))
		data, err := os.ReadFile(filepath.Join(project, filepath.FromSlash(up)))
		if errors.Is(err, fs.ErrNotExist) && strings.HasPrefix(up, "static/") {
			data, err = os.ReadFile(filepath.Join(project, "themes", "handbook", filepath.FromSlash(up)))
		}
		if errors.Is(err, fs.ErrNotExist) {
			out = append(out, Entry{Action: "adds", Path: shown})
			return nil
		}
		if err != nil {
			return err
		}
		e := Entry{Action: "replaces", Path: shown, Upstream: up, Status: "up to date"}
		switch rec, ok := m.Replaced[up]; {
		case !ok:
			e.Status, e.Flag = "no hash recorded (copy it with `generator override` to track upstream changes)", true
		case rec != Hash(data):
			e.Status, e.Flag = "upstream changed since it was copied: see both changes with `go run ./generator overrides --diff`, then `go run ./generator override --merge "+up+"`", true
		}
		out = append(out, e)
		return nil
	})
	hidden := make([]string, 0, len(a.Hidden))
	for _, p := range a.Hidden {
		hidden = append(hidden, strings.Trim(p.URL, "/"))
	}
	slices.Sort(hidden)
	for _, h := range hidden {
		out = append(out, Entry{Action: "hides", Path: h})
	}
	for _, r := range a.Renamed {
		out = append(out, Entry{Action: "renames", Path: r})
	}
	for _, d := range a.Dropped {
		out = append(out, Entry{Action: "drops", Path: d.String()})
	}
	return out, err
}

// replaced returns the manifest and the overlay copy of a file the overlay
// replaces, or an error saying it does not.
func replaced(overlay, upstreamRel string) (Manifest, string, error) {
	m, err := ReadManifest(overlay)
	if err != nil {
		return m, "", err
	}
	dst, ok := OverlayPath(upstreamRel)
	copyPath := filepath.Join(overlay, filepath.FromSlash(dst))
	if _, recorded := m.Replaced[upstreamRel]; !ok || !recorded {
		return m, "", fmt.Errorf("%s is not overridden (%s lists no such file): run `generator override %s` first", upstreamRel, ManifestName, upstreamRel)
	}
	if _, err := os.Stat(copyPath); err != nil {
		return m, "", fmt.Errorf("%s is recorded as overridden, but %s is missing", upstreamRel, copyPath)
	}
	return m, copyPath, nil
}

// Refresh records upstream's current version of a replaced file whose
// overlay copy has been brought up to date by hand. A file the overlay does
// not replace is an error.
func Refresh(project, overlay string, upstreamRel string) error {
	upstreamRel = path.Clean(filepath.ToSlash(upstreamRel))
	m, copyPath, err := replaced(overlay, upstreamRel)
	if err != nil {
		return err
	}
	if err := unresolved(copyPath); err != nil {
		return err
	}
	data, err := os.ReadFile(filepath.Join(project, filepath.FromSlash(upstreamRel)))
	if err != nil {
		return err
	}
	if err := writeBase(overlay, upstreamRel, data); err != nil {
		return err
	}
	m.Replaced[upstreamRel] = Hash(data)
	return WriteManifest(overlay, m)
}

// Merged says what Merge did.
type Merged struct {
	Copy      string // the overlay copy, merged in place
	Conflicts int    // places where both sides changed the same lines (marked in the copy)
}

// base reads the stored upstream version a replaced file was copied from,
// checking it against the recorded hash.
func base(overlay, upstreamRel string, m Manifest) ([]byte, error) {
	data, err := os.ReadFile(BasePath(overlay, upstreamRel))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("no base copy of %s in %s (it was overridden before bases were kept): compare by hand, then run `generator override --refresh %s`",
			upstreamRel, filepath.Join(filepath.Base(overlay), BaseDir), upstreamRel)
	}
	if err != nil {
		return nil, err
	}
	if Hash(data) != m.Replaced[upstreamRel] {
		return nil, fmt.Errorf("%s does not match the hash recorded in %s: restore it, or compare by hand and run `generator override --refresh %s`",
			BasePath(overlay, upstreamRel), ManifestName, upstreamRel)
	}
	return data, nil
}

// Merge applies upstream's change to a replaced file since its base to the
// overlay's copy, with git's three-way merge: lines only one side changed
// are taken from that side, and lines both changed get conflict markers.
// The base then becomes upstream's current version.
func Merge(ctx context.Context, project, overlay, upstreamRel string) (Merged, error) {
	upstreamRel = path.Clean(filepath.ToSlash(upstreamRel))
	m, copyPath, err := replaced(overlay, upstreamRel)
	if err != nil {
		return Merged{}, err
	}
	old, err := base(overlay, upstreamRel, m)
	if err != nil {
		return Merged{}, err
	}
	theirs, err := os.ReadFile(filepath.Join(project, filepath.FromSlash(upstreamRel)))
	if err != nil {
		return Merged{}, err
	}
	if err := unresolved(copyPath); err != nil {
		return Merged{}, err
	}
	ours, err := os.ReadFile(copyPath)
	if err != nil {
		return Merged{}, err
	}
	merged, conflicts, err := merge3(ctx, ours, old, theirs, upstreamRel)
	if err != nil {
		return Merged{}, err
	}
	if err := userfile.Write(copyPath, merged); err != nil {
		return Merged{}, err
	}
	if conflicts > 0 {
		// The base stays upstream's old version until the conflict is
		// resolved: `overrides` keeps flagging the file, and --refresh
		// records the merge once the markers are gone.
		return Merged{Copy: copyPath, Conflicts: conflicts}, nil
	}
	if err := writeBase(overlay, upstreamRel, theirs); err != nil {
		return Merged{}, err
	}
	m.Replaced[upstreamRel] = Hash(theirs)
	return Merged{Copy: copyPath, Conflicts: conflicts}, WriteManifest(overlay, m)
}

// unresolved is an error when the file at p holds conflict markers.
func unresolved(p string) error {
	data, err := os.ReadFile(p)
	if err != nil {
		return err
	}
	if ms := conflict.Markers(data); len(ms) > 0 {
		return fmt.Errorf("%s:%d: still holds merge conflict markers (%q): resolve them first (keep the lines you want, delete the markers), then run `generator override --refresh`", p, ms[0].Line, ms[0].Text)
	}
	return nil
}

// Conflict is an overlay file that holds conflict markers.
type Conflict struct {
	File  string // as shown: the overlay folder's name and the path in it
	Lines []int
}

// Conflicts lists the overlay's files that hold conflict markers (a merge
// stopped and was never finished), bookkeeping folders aside.
func Conflicts(overlay string) ([]Conflict, error) {
	var out []Conflict
	err := filepath.WalkDir(overlay, func(p string, d fs.DirEntry, err error) error {
		if errors.Is(err, fs.ErrNotExist) && p == overlay {
			return nil
		}
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(overlay, p)
		if d.IsDir() && rel != "." && Ignored(rel) {
			return filepath.SkipDir
		}
		if !d.Type().IsRegular() {
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if ms := conflict.Markers(data); len(ms) > 0 {
			c := Conflict{File: filepath.ToSlash(filepath.Join(filepath.Base(overlay), rel))}
			for _, m := range ms {
				c.Lines = append(c.Lines, m.Line)
			}
			out = append(out, c)
		}
		return nil
	})
	return out, err
}

// Diff is upstream's change to a replaced file since its base, and the
// overlay's change to the same base, each as a unified diff.
type Diff struct {
	Upstream, Ours string
}

// Changes returns both sides' changes to a replaced file since its base.
func Changes(ctx context.Context, project, overlay, upstreamRel string) (Diff, error) {
	m, copyPath, err := replaced(overlay, upstreamRel)
	if err != nil {
		return Diff{}, err
	}
	old, err := base(overlay, upstreamRel, m)
	if err != nil {
		return Diff{}, err
	}
	theirs, err := os.ReadFile(filepath.Join(project, filepath.FromSlash(upstreamRel)))
	if err != nil {
		return Diff{}, err
	}
	ours, err := os.ReadFile(copyPath)
	if err != nil {
		return Diff{}, err
	}
	shownCopy := filepath.ToSlash(filepath.Join(filepath.Base(overlay), mustOverlayPath(upstreamRel)))
	var d Diff
	if d.Upstream, err = diff2(ctx, old, theirs, "base/"+upstreamRel, "upstream/"+upstreamRel); err != nil {
		return d, err
	}
	d.Ours, err = diff2(ctx, old, ours, "base/"+upstreamRel, shownCopy)
	return d, err
}

func mustOverlayPath(upstreamRel string) string {
	p, _ := OverlayPath(upstreamRel)
	return p
}
