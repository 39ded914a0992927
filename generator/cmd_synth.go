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
			out := fs.String("out", "", "the folder to write into (required)")
			fs.IntVar(&o.Pages, "pages", 1000, "how many content files")
			fs.IntVar(&o.Roles, "roles", 4, "how many roles (each with a five-level track)")
			fs.Uint64Var(&o.Seed, "seed", 1, "the random seed; the same seed writes the same files")
			return func(ctx context.Context, e *env, _ []string) error {
				if *out == "" || o.Pages < 100 {
					return usagef("--out is required and --pages must be at least 100")
				}
				c, err := synth.Write(*out, o)
				if err == nil {
					err = synth.Project(".", *out)
				}
				if err != nil {
					return err
				}
				fmt.Fprintf(e.stdout, "wrote %d content files to %s/content (%d roles, %d duties, %d skills, %d guides)\n",
					c.Total(), filepath.ToSlash(*out), c.Roles, c.Duties, c.Skills, c.Guides)
				return nil
			}
		},
	}
}
