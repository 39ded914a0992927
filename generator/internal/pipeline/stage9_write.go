package pipeline

import (
	"context"
	"fmt"
)

// write swaps the finished site, written file by file as render and
// minify made it, into the output folder atomically, after asking
// output.Check again: the folder may have changed while the site was
// rendered. Nothing is swapped in before the checks have passed.
func (b *Builder) write(ctx context.Context, r *run) error {
	if err := r.wait(); err != nil { // the checks, if they still run
		return err
	}
	folder := r.done.folder
	r.done.folder = nil // (released below, either way)
	if err := CheckOutput(r.o); err != nil {
		folder.Abort()
		return err
	}
	if err := folder.Commit(ctx); err != nil {
		return fmt.Errorf("write: %w", err)
	}
	return nil
}
