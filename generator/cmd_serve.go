package main

import (
	"context"
	"flag"
	"fmt"

	"github.com/product-roles/handbook/generator/internal/layout"
	"github.com/product-roles/handbook/generator/internal/serve"
)

func serveCmd() *Command {
	return &Command{
		Name:  "serve",
		Short: "serve the handbook on http://127.0.0.1:1313, rebuilding on every change",
		Long:  "Build the handbook in memory and serve it, rebuilding and reloading the browser on every change.",
		Bind: func(fs *flag.FlagSet) Run {
			f := folderFlags(fs)
			var cfg serve.Config
			fs.StringVar(&cfg.Bind, "bind", "127.0.0.1", "the address to listen on")
			fs.IntVar(&cfg.Port, "port", 1313, "the port to listen on")
			fs.BoolVar(&cfg.Options.CMS, "cms", false, "serve the content editor at /admin/ on the files here, through `npx decap-server` (run it in another terminal)")
			return func(ctx context.Context, e *env, _ []string) error {
				if cfg.Port < 0 || cfg.Port > 65535 {
					return usagef("port %d is out of range", cfg.Port)
				}
				cfg.Options.Layout = layout.Resolve(*f)
				cfg.Options.AllowShallow = true // a preview on this machine; build refuses a shallow clone
				if cfg.Options.CMS {
					cfg.Options.CMSLocal = "http://localhost:8081/api/v1"
				}
				cfg.Log = e.stderr
				return serve.Run(ctx, cfg, func(addr string) {
					fmt.Fprintf(e.stdout, "serving the handbook on http://%s/ (Ctrl+C to stop)\n", addr)
					if cfg.Options.CMS {
						fmt.Fprintf(e.stdout, "content editor on http://%s/admin/: run `npx decap-server` in another terminal; saves change the files here\n", addr)
					}
				})
			}
		},
	}
}
