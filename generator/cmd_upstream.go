package main

import (
	"context"
	"flag"
	"fmt"

	"github.com/product-roles/handbook/generator/internal/fork"
	"github.com/product-roles/handbook/generator/internal/human"
	"github.com/product-roles/handbook/generator/internal/layout"
	"github.com/product-roles/handbook/generator/internal/release"
)

func upstreamChangesCmd() *Command {
	return &Command{
		Name:  "upstream-changes",
		Short: "a fork: what upstream changed since the merge base, and what of yours it touches",
		Long: "After git fetch upstream, print what upstream changed in the framework since your fork's merge base,\n" +
			"read from git objects, and for each change whether it touches what your fork overrides, hides or renames\n" +
			"(with your titles). Exit 1 when a change touches a file you replaced or a level you renamed.",
		Bind: func(fs *flag.FlagSet) Run {
			f := folderFlags(fs)
			var upstream string
			fs.StringVar(&upstream, "upstream", "upstream/main", "upstream's branch, as fetched")
			return func(ctx context.Context, e *env, _ []string) error {
				return runUpstreamChanges(ctx, e, layout.Resolve(*f), upstream)
			}
		},
	}
}

func runUpstreamChanges(ctx context.Context, e *env, l layout.Layout, upstream string) error {
	c, err := checkedHandbook(e, l, "upstream-changes")
	if err != nil {
		return err
	}
	rd, _, done, err := openReleases(ctx, l)
	if err != nil {
		return err
	}
	defer done()
	base, err := rd.Git.MergeBase(ctx, "HEAD", upstream)
	if err != nil {
		return fmt.Errorf("%v\n(run `git remote add upstream <url>` and `git fetch upstream` first)", err)
	}
	cs, err := rd.Changes(base, upstream)
	if err != nil {
		return err
	}
	if len(cs) == 0 {
		fmt.Fprintf(e.stdout, "%s has no change to the framework since your merge base (%.7s)\n", upstream, base)
		return nil
	}
	fmt.Fprintf(e.stdout, "%s in %s since your merge base (%.7s); they would need a %s release:\n", human.Count(len(cs), "change"), upstream, base, release.Required(cs))
	flagged := 0
	for _, u := range fork.Concerning(c.Config, c.Applied, l.Overlay, l.OverlayShown, cs) {
		mark := "  "
		if u.Flagged() {
			mark, flagged = "! ", flagged+1
		}
		fmt.Fprintf(e.stdout, "%s%s\n", mark, u)
	}
	if flagged > 0 {
		fmt.Fprintf(e.stdout, "%s %s what your fork replaces or renames: review them before you merge\n", human.Count(flagged, "change"), map[bool]string{true: "touches", false: "touch"}[flagged == 1])
		return silent
	}
	return nil
}
