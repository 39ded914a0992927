// Package bench measures the generator: a full build, the same Hugo
// rendering with the generator's own stages switched off (the baseline),
// and an edit in serve until the changed page is served. The CLI's `bench`
// command runs each in a child process to read its peak memory; the tests
// run them once at a small size so they keep working.
package bench

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/product-roles/handbook/generator/internal/hugosite"
	"github.com/product-roles/handbook/generator/internal/layout"
	"github.com/product-roles/handbook/generator/internal/output"
	"github.com/product-roles/handbook/generator/internal/pipeline"
	"github.com/product-roles/handbook/generator/internal/serve"
)

// Full times complete builds (load, validate, derive, render, minify, write).
func Full(ctx context.Context, o pipeline.Options, runs int) ([]time.Duration, *pipeline.Report, error) {
	b, err := pipeline.New()
	if err != nil {
		return nil, nil, err
	}
	var times []time.Duration
	var last *pipeline.Report
	for i := 0; i < runs; i++ {
		o.Layout.Output = filepath.Join(os.TempDir(), fmt.Sprintf("bench-full-%d", os.Getpid()))
		start := time.Now()
		rep, err := b.Build(ctx, o)
		if err != nil {
			return nil, rep, err
		}
		times = append(times, time.Since(start))
		last = rep
		os.RemoveAll(o.Layout.Output)
	}
	return times, last, nil
}

// Baseline times the same embedded Hugo rendering the same content and
// theme, and writing the result, with the generator's own stages (load,
// validate, derive, minify) switched off: their output is prepared once,
// before the clock starts.
func Baseline(ctx context.Context, o pipeline.Options, runs int) ([]time.Duration, error) {
	b, err := pipeline.New()
	if err != nil {
		return nil, err
	}
	site, err := b.HugoSite(ctx, o)
	if err != nil {
		return nil, err
	}
	var times []time.Duration
	for i := 0; i < runs; i++ {
		out := filepath.Join(os.TempDir(), fmt.Sprintf("bench-base-%d", os.Getpid()))
		start := time.Now()
		res, err := hugosite.Render(ctx, site)
		if err != nil {
			return nil, err
		}
		if err := output.Write(ctx, out, res.Files); err != nil {
			return nil, err
		}
		times = append(times, time.Since(start))
		os.RemoveAll(out)
	}
	return times, nil
}

// Edit is a kind of edit that ServeEdit times.
type Edit string

const (
	// EditProse changes a sentence of a duty's text: only that page, its
	// section's list and the search index should change.
	EditProse Edit = "prose"
	// EditOwnership changes who leads a duty: every matrix that shows it changes.
	EditOwnership Edit = "ownership"
)

// Describe says what the edit does, for the benchmark table.
func (e Edit) Describe() string {
	if e == EditProse {
		return "prose edit"
	}
	return "ownership change"
}

// ServeEdit starts serve on a copy of the project and, runs times, makes
// the edit to one duty and times from writing the file until the served
// duty page shows the change.
func ServeEdit(ctx context.Context, project string, edit Edit, runs int) ([]time.Duration, error) {
	if edit != EditProse && edit != EditOwnership {
		return nil, fmt.Errorf("unknown edit %q (prose or ownership)", edit)
	}
	dir, err := os.MkdirTemp("", "bench-serve-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	for _, sub := range []string{"content", "themes", "static"} {
		if err := os.CopyFS(filepath.Join(dir, sub), os.DirFS(filepath.Join(project, sub))); err != nil {
			return nil, err
		}
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	addr := make(chan string, 1)
	done := make(chan error, 1)
	go func() {
		done <- serve.Run(ctx, serve.Config{Options: pipeline.Options{Layout: layout.Resolve(layout.Flags{Project: dir})}, Bind: "127.0.0.1"}, func(a string) { addr <- a })
	}()
	var base string
	select {
	case a := <-addr:
		base = "http://" + a
	case err := <-done:
		return nil, fmt.Errorf("serve: %v", err)
	}
	events, err := http.Get(base + serve.EventsPath)
	if err != nil {
		return nil, err
	}
	defer events.Body.Close()
	lines := bufio.NewReader(events.Body)
	waitFor := func(prefix string) error {
		for {
			l, err := lines.ReadString('\n')
			if err != nil {
				return err
			}
			if strings.HasPrefix(l, prefix) {
				return nil
			}
		}
	}
	if err := waitFor("event: hello"); err != nil {
		return nil, err
	}
	duty := filepath.Join(dir, "content", "duties", "backlog-ordering.md")
	orig, err := os.ReadFile(duty)
	if err != nil {
		return nil, err
	}
	re := regexp.MustCompile(`(?m)^  product-manager: \w+$`)
	var times []time.Duration
	for i := 0; i < runs; i++ {
		var edited []byte
		var want string
		if edit == EditOwnership {
			value := []string{"shares", "supports"}[i%2]
			edited = re.ReplaceAll(orig, []byte("  product-manager: "+value))
			want = ">" + strings.ToUpper(value[:1]) + value[1:] + "<"
		} else {
			want = fmt.Sprintf("Edit number %d of this sentence.", i+1)
			edited = append(slices.Clone(orig), "\n"+want+"\n"...)
		}
		start := time.Now()
		if err := os.WriteFile(duty, edited, 0o644); err != nil {
			return nil, err
		}
		if err := waitFor("event: reload"); err != nil {
			return nil, err
		}
		resp, err := http.Get(base + "/duties/backlog-ordering/")
		if err != nil {
			return nil, err
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		elapsed := time.Since(start)
		if !strings.Contains(string(body), want) {
			return nil, fmt.Errorf("run %d: the served page does not show %q", i, want)
		}
		times = append(times, elapsed)
	}
	cancel()
	<-done
	return times, nil
}
