//go:build !unix

package output

import "context"

// lock is a no-op where the system has no advisory file locks: two builds
// into one folder at once are not kept apart there.
func lock(ctx context.Context, dir string) (unlock func(), err error) {
	return func() {}, ctx.Err()
}
