//go:build unix

package bench

import "syscall"

// flushDisk writes the file system's dirty pages out, so that a measured
// process does not pay for what the previous one wrote.
func flushDisk() { syscall.Sync() }
