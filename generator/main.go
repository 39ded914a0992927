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
	"runtime/debug"
	"syscall"
)

// memoryLimit is the default soft limit for Go's heap: the garbage
// collector works harder near it, so a 10,000-page build stays within its
// memory budget. GOMEMLIMIT overrides it.
const memoryLimit = 1 << 30

func main() {
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(memoryLimit)
	}
	os.Exit(runWithSignals(os.Args[1:]))
}

// runWithSignals runs a command that Ctrl+C (SIGINT) or SIGTERM stops
// cleanly: a build in progress leaves the previous output as it was.
func runWithSignals(args []string) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	return run(ctx, args, os.Stdout, os.Stderr, os.Getenv)
}
