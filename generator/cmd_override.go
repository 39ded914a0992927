package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/product-roles/handbook/generator/internal/fork"
	"github.com/product-roles/handbook/generator/internal/human"
	"github.com/product-roles/handbook/generator/internal/layout"
)

func overrideCmd() *Command {
	return &Command{
		Name:  "override",
		Args:  "<path>",
		Short: "copy an upstream file into the overlay to change it: override <path>; --merge <path> merges upstream's later change",
		Long: "Copy an upstream file (content/..., themes/handbook/layouts/..., static/...) into the overlay\n" +
			"and keep the upstream version under <overlay>/.upstream/, so that the overrides command can tell when upstream changes it\n" +
			"and --merge can apply upstream's change to the copy (a three-way merge).",
		Bind: func(fs *flag.FlagSet) Run {
			f := folderFlags(fs)
			var flags struct {
				refresh bool
				merge   bool
			}
			fs.BoolVar(&flags.refresh, "refresh", false, "record upstream's current version of a file already overridden (after merging upstream's changes by hand)")
			fs.BoolVar(&flags.merge, "merge", false, "merge upstream's change since the copy into the overlay's copy (three-way, with git merge-file)")
			return func(ctx context.Context, e *env, args []string) error {
				if len(args) != 1 {
					return usagef("want one path, e.g. override content/duties/pricing.md")
				}
				if flags.refresh && flags.merge {
					return usagef("use --merge or --refresh, not both")
				}
				l := layout.Resolve(*f)
				switch {
				case flags.merge:
					return runMerge(ctx, e, l, args[0])
				case flags.refresh:
					if err := fork.Refresh(l.Project, l.Overlay, args[0]); err != nil {
						return err
					}
					fmt.Fprintf(e.stdout, "recorded upstream's current %s\n", args[0])
					return nil
				}
				target, err := fork.Override(l.Project, l.Overlay, args[0])
				if errors.Is(err, os.ErrNotExist) {
					return usagef("%s is not an upstream file: there is no such file in %s; give the path of an upstream file, e.g. content/duties/pricing.md", args[0], l.Project)
				}
				if err != nil {
					return err
				}
				fmt.Fprintf(e.stdout, "copied %s to %s; edit the copy\n", args[0], filepath.ToSlash(target))
				return nil
			}
		},
	}
}

func runMerge(ctx context.Context, e *env, l layout.Layout, path string) error {
	res, err := fork.Merge(ctx, l.Project, l.Overlay, path)
	if err != nil {
		return err
	}
	if res.Conflicts > 0 {
		fmt.Fprintf(e.stdout, "merged upstream's change into %s with %s: both sides changed the same lines there.\n"+
			"Until then check and build refuse it. Edit the lines between <<<<<<< and >>>>>>>, keep what you want, then record the merge: %s override --refresh %s\n", filepath.ToSlash(res.Copy), human.Count(res.Conflicts, "conflict"), e.self, path)
		return silent
	}
	fmt.Fprintf(e.stdout, "merged upstream's change into %s without conflicts; review it, then run: %s check\n", filepath.ToSlash(res.Copy), e.self)
	return nil
}
