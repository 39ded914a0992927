package main

import (
	"context"
	"flag"
	"fmt"
	"strings"

	"github.com/product-roles/handbook/generator/internal/fork"
	"github.com/product-roles/handbook/generator/internal/human"
	"github.com/product-roles/handbook/generator/internal/layout"
)

func overridesCmd() *Command {
	return &Command{
		Name:  "overrides",
		Short: "list what the overlay adds, replaces, hides and drops; exit 1 if upstream moved on (--diff shows both changes)",
		Long: "List what the overlay adds, replaces, hides and renames, and the references to hidden items it drops.\n" +
			"Replaced files whose upstream original changed since they were copied are flagged, and then the exit status is 1.",
		Bind: func(fs *flag.FlagSet) Run {
			f := folderFlags(fs)
			var showDiff bool
			fs.BoolVar(&showDiff, "diff", false, "for each flagged file, show upstream's change since the copy next to the overlay's own change")
			return func(ctx context.Context, e *env, _ []string) error {
				return runOverrides(ctx, e, layout.Resolve(*f), showDiff)
			}
		},
	}
}

func runOverrides(ctx context.Context, e *env, l layout.Layout, showDiff bool) error {
	conflicted, err := fork.Conflicts(l.Overlay)
	if err != nil {
		return err
	}
	for _, c := range conflicted {
		fmt.Fprintf(e.stdout, "! conflicted %s: merge conflict markers at line(s) %s; resolve them, then run `generator override --refresh`\n",
			c.File, strings.Trim(strings.Join(strings.Fields(fmt.Sprint(c.Lines)), ", "), "[]"))
	}
	c, err := checkedHandbook(e, l, "overrides")
	if err != nil {
		return err
	}
	entries, err := fork.Report(l.Project, l.Overlay, c.Applied)
	if err != nil {
		return err
	}
	flagged := 0
	for _, en := range entries {
		switch en.Action {
		case "replaces":
			mark := "  "
			if en.Flag {
				mark, flagged = "! ", flagged+1
			}
			fmt.Fprintf(e.stdout, "%sreplaces %s with %s: %s\n", mark, en.Upstream, en.Path, en.Status)
			if showDiff && en.Flag {
				d, err := fork.Changes(ctx, l.Project, l.Overlay, en.Upstream)
				if err != nil {
					fmt.Fprintf(e.stdout, "    (no comparison: %v)\n", err)
					continue
				}
				fmt.Fprintf(e.stdout, "\n  upstream's change since the copy:\n%s\n  the overlay's change to the same base:\n%s\n", indent(d.Upstream), indent(d.Ours))
			}
		case "drops":
			fmt.Fprintf(e.stdout, "  drops the reference at %s\n", en.Path)
		default:
			fmt.Fprintf(e.stdout, "  %s %s\n", en.Action, en.Path)
		}
	}
	if len(entries) == 0 {
		fmt.Fprintln(e.stdout, "the overlay changes nothing")
	}
	if flagged > 0 {
		fmt.Fprintf(e.stdout, "%s %s attention\n", human.Count(flagged, "replaced file"), map[bool]string{true: "needs", false: "need"}[flagged == 1])
		return silent
	}
	return nil
}

// indent sets a block of text off under a heading; "(none)" when empty.
func indent(s string) string {
	if s == "" {
		return "    (none)\n"
	}
	return "    " + strings.ReplaceAll(strings.TrimSuffix(s, "\n"), "\n", "\n    ") + "\n"
}
