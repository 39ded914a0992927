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
		Short: "print the generator's and Hugo's versions, and the commit it was built from",
		Long: "Print the generator's and Hugo's versions, and the commit and date it was built from when the binary knows them\n" +
			"(go build in a git checkout records them; go run does not).",
		Bind: func(fs *flag.FlagSet) Run {
			return func(ctx context.Context, e *env, _ []string) error {
				bi, _ := debug.ReadBuildInfo()
				fmt.Fprintln(e.stdout, versionLine(version, bi))
				return nil
			}
		},
	}
}

// versionLine is what version prints: the version set at build time, or
// the module's, and the commit and its date from the build's VCS settings.
func versionLine(set string, bi *debug.BuildInfo) string {
	v := set
	var rev, at, dirty string
	if bi != nil {
		if v == "" && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
			v = bi.Main.Version
		}
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				rev = s.Value
			case "vcs.time":
				at = s.Value
			case "vcs.modified":
				if s.Value == "true" {
					dirty = ", with uncommitted changes"
				}
			}
		}
	}
	if v == "" {
		v = "devel"
	}
	line := fmt.Sprintf("generator %s (Hugo %s)", v, hugosite.Version)
	if rev != "" {
		line += fmt.Sprintf(", commit %.12s", rev)
		if at != "" {
			line += " of " + at
		}
		line += dirty
	}
	return line
}
