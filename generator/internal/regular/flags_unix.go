//go:build unix

package regular

import "syscall"

// openFlags keep an open from blocking on a named pipe or following a link.
const openFlags = syscall.O_NONBLOCK | syscall.O_NOFOLLOW
