// Command generator validates the handbook's content, derives its views,
// renders it with Hugo and writes a minified static site.
//
//	go run ./generator build    # write public/
//	go run ./generator serve    # serve on http://127.0.0.1:1313 with live reload
//	go run ./generator check    # validate only
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr, os.Getenv)
	stop()
	os.Exit(code)
}
