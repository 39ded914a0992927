package main

import (
	"context"
	"flag"
	"fmt"
	"path/filepath"

	"github.com/product-roles/handbook/generator/internal/synth"
)

func synthCmd() *Command {
	return &Command{
		Name:  "synth",
		Short: "write a synthetic handbook of a given size: synth --out DIR --pages N",
		Long: "Write a synthetic, valid handbook of a given size into <out>/content, with one language in <out>/handbook.toml\n" +
			"and this project's theme, for benchmarks. Build it with: go run ./generator build --project <out>",
		Bind: func(fs *flag.FlagSet) Run {
			var o synth.Options
			var out string
			fs.StringVar(&out, "out", "", "the folder to write into (required)")
			fs.IntVar(&o.Pages, "pages", 1000, fmt.Sprintf("how many content files (%d to %d)", synth.MinPages, synth.MaxPages))
			fs.IntVar(&o.Roles, "roles", 4, fmt.Sprintf("how many roles, each with a five-level track (%d to %d)", synth.MinRoles, synth.MaxRoles))
			fs.Uint64Var(&o.Seed, "seed", 1, "the random seed; the same seed writes the same files")
			return func(ctx context.Context, e *env, _ []string) error {
				if out == "" {
					return usagef("--out is required")
				}
				if err := o.Check(); err != nil {
					return usagef("%v", err)
				}
				// Write stops at the next file once ctx ends; the command
				// returns at once, whatever Write is in the middle of.
				type result struct {
					c   synth.Counts
					err error
				}
				done := make(chan result, 1)
				go func() {
					c, err := synth.Write(ctx, out, o)
					done <- result{c, err}
				}()
				var r result
				select {
				case r = <-done:
				case <-ctx.Done():
					return failed("generator synth: interrupted; %s holds part of a synthetic handbook", filepath.ToSlash(out))
				}
				c, err := r.c, r.err
				if err == nil {
					err = synth.Project(".", out)
				}
				if err != nil {
					return err
				}
				fmt.Fprintf(e.stdout, "wrote %d content files to %s/content (%d roles, %d duties, %d skills, %d guides)\n",
					c.Total(), filepath.ToSlash(out), c.Roles, c.Duties, c.Skills, c.Guides)
				return nil
			}
		},
	}
}
