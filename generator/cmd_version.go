package main

import (
	"context"
	"flag"
	"fmt"
	"runtime/debug"

	"github.com/product-roles/handbook/generator/internal/hugosite"
)

// version is set by the build (or read from the module's build info).
var version = ""

func versionCmd() *Command {
	return &Command{
		Name:  "version",
		Short: "print the generator's and Hugo's versions",
		Long:  "Print the generator's and Hugo's versions.",
		Bind: func(fs *flag.FlagSet) Run {
			return func(ctx context.Context, e *env, _ []string) error {
				v := version
				if v == "" {
					v = "devel"
					if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
						v = bi.Main.Version
					}
				}
				fmt.Fprintf(e.stdout, "generator %s (Hugo %s)\n", v, hugosite.Version)
				return nil
			}
		},
	}
}
