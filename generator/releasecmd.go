package main

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/product-roles/handbook/generator/internal/build"
	"github.com/product-roles/handbook/generator/internal/content"
	"github.com/product-roles/handbook/generator/internal/fork"
	"github.com/product-roles/handbook/generator/internal/release"
)

// openReleases opens the git repository holding the content folder.
func openReleases(ctx context.Context, e *env, o build.Options, command string) (*release.Reader, []release.Release, func(), bool) {
	dir := o.Source
	if dir == "" {
		dir = filepath.Join(o.ProjectDir, "content")
	}
	g, err := release.Open(ctx, dir)
	if err == nil {
		var l *content.Loader
		if l, err = content.NewLoader(); err == nil {
			var tags []release.Release
			if tags, err = release.Tags(ctx, dir); err == nil {
				return release.NewReader(g, l), tags, func() { _ = g.Close() }, true
			}
		}
		_ = g.Close()
	}
	fmt.Fprintf(e.stderr, "generator %s: %v\n", command, err)
	return nil, nil, nil, false
}

func runRelease(ctx context.Context, e *env, args []string) int {
	var o build.Options
	var check, from, to, format string
	fs := newFlags(e, "release", "Print what changed in the framework since the latest release (a tag vMAJOR.MINOR.PATCH),\nread from git objects. With --check vX.Y.Z, exit 1 when that version is too small a step for the changes:\nmajor for a level or competency removed or re-ranked, minor for changed expectations or ownership or\nanything added, patch for wording only.")
	sourceFlags(fs, &o)
	fs.StringVar(&check, "check", "", "the proposed version, vMAJOR.MINOR.PATCH")
	fs.StringVar(&from, "from", "", "compare from this revision (default the latest release)")
	fs.StringVar(&to, "to", "HEAD", "compare to this revision")
	fs.StringVar(&format, "format", "text", "output: text or json")
	if code := parse(fs, e, args); code >= 0 {
		return code
	}
	if format != "text" && format != "json" {
		fmt.Fprintf(e.stderr, "generator release: unknown format %q (use text or json)\n", format)
		return exitUsage
	}
	var proposed release.Version
	if check != "" {
		var ok bool
		if proposed, ok = release.ParseVersion(check); !ok {
			fmt.Fprintf(e.stderr, "generator release: %q is not a version: use vMAJOR.MINOR.PATCH, e.g. v1.2.0\n", check)
			return exitUsage
		}
	}
	rd, tags, done, ok := openReleases(ctx, e, o, "release")
	if !ok {
		return exitError
	}
	defer done()
	if check != "" {
		v, err := release.Check(rd, tags, proposed, to)
		if err != nil {
			fmt.Fprintf(e.stderr, "generator release: %v\n", err)
			return exitError
		}
		switch {
		case v.Last == nil:
			fmt.Fprintf(e.stdout, "%s will be the first release\n", proposed)
		case !v.OK():
			fmt.Fprintf(e.stderr, "generator release: %s is a %s release, but the changes since %s need a %s release:\n",
				proposed, v.Step, v.Last.Version, v.Needed)
			for _, c := range v.TooSmall() {
				fmt.Fprintf(e.stderr, "  %s (%s)\n", c, c.Bump)
			}
			return exitError
		default:
			fmt.Fprintf(e.stdout, "%s is a %s release; the %d change(s) since %s need %s\n", proposed, v.Step, len(v.Changes), v.Last.Version, v.Needed)
			printChanges(e, v.Changes)
		}
		return exitOK
	}
	if from == "" {
		if len(tags) == 0 {
			fmt.Fprintln(e.stdout, "no release yet: the first one is tagged v1.0.0 (see CONTRIBUTING.md)")
			return exitOK
		}
		from = tags[len(tags)-1].Version
	}
	cs, err := rd.Changes(from, to)
	if err != nil {
		fmt.Fprintf(e.stderr, "generator release: %v\n", err)
		return exitError
	}
	if format == "json" {
		data, _ := json.MarshalIndent(cs, "", "  ")
		fmt.Fprintf(e.stdout, "%s\n", data)
		return exitOK
	}
	if len(cs) == 0 {
		fmt.Fprintf(e.stdout, "no change to the framework from %s to %s\n", from, to)
		return exitOK
	}
	fmt.Fprintf(e.stdout, "%d change(s) from %s to %s; they need a %s release\n", len(cs), from, to, release.Required(cs))
	printChanges(e, cs)
	return exitOK
}

func printChanges(e *env, cs []release.Change) {
	for _, c := range cs {
		fmt.Fprintf(e.stdout, "  %-5s  %s\n", c.Bump, c)
	}
}

func runUpstreamChanges(ctx context.Context, e *env, args []string) int {
	var o build.Options
	var upstream string
	fs := newFlags(e, "upstream-changes", "After `git fetch upstream`: print what upstream changed in the framework since your fork's merge base,\nread from git objects, and for each change whether it touches what your fork overrides, hides or renames\n(with your titles). Exit 1 when a change touches a file you replaced or a level you renamed.")
	sourceFlags(fs, &o)
	fs.StringVar(&upstream, "upstream", "upstream/main", "upstream's branch, as fetched")
	if code := parse(fs, e, args); code >= 0 {
		return code
	}
	c, ok := checkedHandbook(e, o, "upstream-changes")
	if !ok {
		return exitError
	}
	rd, _, done, ok := openReleases(ctx, e, o, "upstream-changes")
	if !ok {
		return exitError
	}
	defer done()
	base, err := rd.Git.MergeBase(ctx, "HEAD", upstream)
	if err != nil {
		fmt.Fprintf(e.stderr, "generator upstream-changes: %v\n(run `git remote add upstream <url>` and `git fetch upstream` first)\n", err)
		return exitError
	}
	cs, err := rd.Changes(base, upstream)
	if err != nil {
		fmt.Fprintf(e.stderr, "generator upstream-changes: %v\n", err)
		return exitError
	}
	overlay := overlayDir(o)
	shown := filepath.ToSlash(overlay)
	if rel, err := filepath.Rel(o.ProjectDir, overlay); err == nil && !strings.HasPrefix(rel, "..") {
		shown = filepath.ToSlash(rel)
	}
	if len(cs) == 0 {
		fmt.Fprintf(e.stdout, "%s has no change to the framework since your merge base (%.7s)\n", upstream, base)
		return exitOK
	}
	fmt.Fprintf(e.stdout, "%d change(s) in %s since your merge base (%.7s); they would need a %s release:\n", len(cs), upstream, base, release.Required(cs))
	flagged := 0
	for _, u := range fork.Concerning(c.Config, c.Applied, overlay, shown, cs) {
		mark := "  "
		if u.Flagged() {
			mark, flagged = "! ", flagged+1
		}
		fmt.Fprintf(e.stdout, "%s%s\n", mark, u)
	}
	if flagged > 0 {
		fmt.Fprintf(e.stdout, "%d change(s) touch what your fork replaces or renames: review them before you merge\n", flagged)
		return exitError
	}
	return exitOK
}

var errSummary = errors.New("no pull-request summary was written")

// writeSummary appends the pull request's summary (check --summary) to
// file, or writes it to standard output for "-".
func writeSummary(ctx context.Context, e *env, c *build.Checked, o build.Options, base, file, preview string) bool {
	if base == "" {
		fmt.Fprintln(e.stderr, "generator check: --summary compares with the merge base of --base (or origin/$GITHUB_BASE_REF): none given, no summary written")
		return true
	}
	rd, _, done, ok := openReleases(ctx, e, o, "check")
	if !ok {
		return false
	}
	defer done()
	dir := o.Source
	if dir == "" {
		dir = filepath.Join(o.ProjectDir, "content")
	}
	s, err := rd.Review(ctx, base, dir)
	if err != nil {
		fmt.Fprintf(e.stderr, "generator check: cannot compare with %s: %v\n", base, err)
		return false
	}
	s.Preview = cmp.Or(preview, c.Config.BaseURL)
	md := s.Markdown()
	if file == "-" {
		_, err = io.WriteString(e.stdout, md)
	} else {
		var f *os.File
		if f, err = os.OpenFile(file, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o644); err == nil {
			_, err = io.WriteString(f, md)
			err = cmp.Or(err, f.Close())
		}
	}
	if err != nil {
		fmt.Fprintf(e.stderr, "generator check: %v\n", err)
		return false
	}
	return true
}
