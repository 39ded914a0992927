package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"

	"github.com/product-roles/handbook/generator/internal/content"
	"github.com/product-roles/handbook/generator/internal/history"
	"github.com/product-roles/handbook/generator/internal/human"
	"github.com/product-roles/handbook/generator/internal/layout"
	"github.com/product-roles/handbook/generator/internal/release"
)

func releaseCmd() *Command {
	return &Command{
		Name:  "release",
		Short: "what changed in the framework since the latest release; release --check vX.Y.Z",
		Long: "Print what changed in the framework since the latest release (a tag vMAJOR.MINOR.PATCH),\n" +
			"read from git objects. With --check vX.Y.Z, exit 1 when that version is too small a step for the changes:\n" +
			"major for a level or competency removed or re-ranked, minor for changed expectations or ownership or\n" +
			"anything added, patch for wording only.",
		Bind: func(fs *flag.FlagSet) Run {
			f := folderFlags(fs)
			var flags struct{ check, from, to, format string }
			fs.StringVar(&flags.check, "check", "", "the proposed version, vMAJOR.MINOR.PATCH")
			fs.StringVar(&flags.from, "from", "", "compare from this revision (default the latest release)")
			fs.StringVar(&flags.to, "to", "HEAD", "compare to this revision")
			fs.StringVar(&flags.format, "format", "text", "output: text or json")
			return func(ctx context.Context, e *env, _ []string) error {
				if flags.format != "text" && flags.format != "json" {
					return usagef("unknown format %q (use text or json)", flags.format)
				}
				if flags.check != "" {
					proposed, ok := release.ParseVersion(flags.check)
					if !ok {
						return usagef("%q is not a version: use vMAJOR.MINOR.PATCH, e.g. v1.2.0", flags.check)
					}
					return runReleaseCheck(ctx, e, layout.Resolve(*f), proposed, flags.to)
				}
				return runRelease(ctx, e, layout.Resolve(*f), flags.from, flags.to, flags.format)
			}
		},
	}
}

// openReleases opens the git repository holding the content folder.
func openReleases(ctx context.Context, l layout.Layout) (*release.Reader, []release.Release, func(), error) {
	g, err := release.Open(ctx, l.Content)
	if err != nil {
		return nil, nil, nil, err
	}
	if history.Shallow(ctx, l.Content) {
		_ = g.Close()
		return nil, nil, nil, history.ErrShallow
	}
	loader, err := content.NewLoader()
	var tags []release.Release
	if err == nil {
		tags, err = release.Tags(ctx, l.Content)
	}
	if err != nil {
		_ = g.Close()
		return nil, nil, nil, err
	}
	return release.NewReader(g, loader), tags, func() { _ = g.Close() }, nil
}

func runReleaseCheck(ctx context.Context, e *env, l layout.Layout, proposed release.Version, to string) error {
	rd, tags, done, err := openReleases(ctx, l)
	if err != nil {
		return err
	}
	defer done()
	v, err := release.Check(rd, tags, proposed, to)
	switch {
	case err != nil:
		return err
	case v.Last == nil:
		fmt.Fprintf(e.stdout, "%s will be the first release\n", proposed)
	case !v.OK():
		msg := fmt.Sprintf("generator release: %s is a %s release, but the changes since %s need a %s release:", proposed, v.Step, v.Last.Version, v.Needed)
		for _, c := range v.TooSmall() {
			msg += fmt.Sprintf("\n  %s (%s)", c, c.Bump)
		}
		return failed("%s", msg)
	default:
		fmt.Fprintf(e.stdout, "%s is a %s release; the %s since %s need %s\n", proposed, v.Step, human.Count(len(v.Changes), "change"), v.Last.Version, v.Needed)
		printChanges(e, v.Changes)
	}
	return nil
}

func runRelease(ctx context.Context, e *env, l layout.Layout, from, to, format string) error {
	rd, tags, done, err := openReleases(ctx, l)
	if err != nil {
		return err
	}
	defer done()
	if from == "" {
		if len(tags) == 0 {
			fmt.Fprintln(e.stdout, "no release yet: the first one is tagged v1.0.0 (see CONTRIBUTING.md)")
			return nil
		}
		from = tags[len(tags)-1].Version
	}
	cs, err := rd.Changes(from, to)
	if err != nil {
		return err
	}
	if format == "json" {
		data, _ := json.MarshalIndent(cs, "", "  ")
		fmt.Fprintf(e.stdout, "%s\n", data)
		return nil
	}
	if len(cs) == 0 {
		fmt.Fprintf(e.stdout, "no change to the framework from %s to %s\n", from, to)
		return nil
	}
	fmt.Fprintf(e.stdout, "%s from %s to %s; they need a %s release\n", human.Count(len(cs), "change"), from, to, release.Required(cs))
	printChanges(e, cs)
	return nil
}

func printChanges(e *env, cs []release.Change) {
	for _, c := range cs {
		fmt.Fprintf(e.stdout, "  %-5s  %s\n", c.Bump, c)
	}
}
