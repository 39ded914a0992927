package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/product-roles/handbook/generator/internal/fork"
	"github.com/product-roles/handbook/generator/internal/layout"
)

func initCmd() *Command {
	return &Command{
		Name:  "init",
		Args:  "[dir]",
		Short: "create a starter overlay for a company: init [--org Name] [dir]",
		Long:  "Create a starter overlay folder (default company/) with company.toml, content/, layouts/ and static/.",
		Bind: func(fs *flag.FlagSet) Run {
			var org string
			fs.StringVar(&org, "org", "Your Company", "the organisation's name")
			return func(ctx context.Context, e *env, args []string) error {
				if len(args) > 1 {
					return usagef("at most one folder")
				}
				dir := layout.OverlayDir
				if len(args) == 1 {
					dir = args[0]
				}
				if err := fork.CheckPlace(".", dir); err != nil {
					return usagef("%v", err)
				}
				if entries, err := os.ReadDir(dir); err == nil && len(entries) > 0 {
					return usagef("%s already exists and is not empty: name a new folder, e.g. %s init company-new", filepath.ToSlash(dir), e.self)
				}
				if err := fork.Init(dir, org); err != nil {
					return err
				}
				fmt.Fprintf(e.stdout, "created %s/ with company.toml, content/, layouts/ and static/\nedit %s/company.toml, then run: %s serve\n",
					filepath.ToSlash(dir), filepath.ToSlash(dir), e.self)
				return nil
			}
		},
	}
}
