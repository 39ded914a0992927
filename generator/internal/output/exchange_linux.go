package output

import "golang.org/x/sys/unix"

// exchange swaps two folders in one step (renameat2 with RENAME_EXCHANGE),
// so that neither name is ever missing. It fails on file systems without
// it; swap then renames in two steps.
func exchange(a, b string) error {
	return unix.Renameat2(unix.AT_FDCWD, a, unix.AT_FDCWD, b, unix.RENAME_EXCHANGE)
}
