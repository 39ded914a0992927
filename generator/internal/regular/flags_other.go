//go:build !unix

package regular

// openFlags: elsewhere the Lstat before the open is the only check.
const openFlags = 0
