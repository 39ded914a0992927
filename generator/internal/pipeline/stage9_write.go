package pipeline

import (
	"context"
	"fmt"

	"github.com/product-roles/handbook/generator/internal/output"
)

// write swaps the finished site into the output folder atomically, after
// asking output.Check again: the folder may have changed while the site
// was rendered.
func (b *Builder) write(ctx context.Context, r *run) error {
	if err := CheckOutput(r.o); err != nil {
		return err
	}
	if err := output.Write(ctx, r.p.out, r.files); err != nil {
		return fmt.Errorf("write: %w", err)
	}
	return nil
}
