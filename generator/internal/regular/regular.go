// Package regular reads plain files and nothing else. Opening a named pipe
// (FIFO) blocks until something writes to it, reading a device such as
// /dev/zero never ends, and a socket cannot be read at all: a build that
// met one would hang, so it is refused before it is opened, by its type.
package regular

import (
	"fmt"
	"io"
	"io/fs"
	"os"
)

// Error says that a path is not a plain file, and what it is instead.
type Error struct {
	Kind string // e.g. "a named pipe (FIFO)"
}

func (e *Error) Error() string {
	return fmt.Sprintf("it is %s, not a plain file", e.Kind)
}

// Kind names what a file of mode m is, in a reader's words.
func Kind(m fs.FileMode) string {
	switch {
	case m&fs.ModeSymlink != 0:
		return "a symbolic link"
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe (FIFO)"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeCharDevice != 0:
		return "a character device"
	case m&fs.ModeDevice != 0:
		return "a device"
	case m.IsDir():
		return "a folder"
	case m.IsRegular():
		return "a plain file"
	}
	return "a special file"
}

// ReadFile reads name if it is a plain file (not a symbolic link, named
// pipe, device or socket), looked at with Lstat before it is opened, and
// opened so that it cannot block (non-blocking, not following a link)
// should it be swapped for something else in between. The error for
// anything else is an *Error (which does not repeat the name).
func ReadFile(name string) ([]byte, error) {
	info, err := os.Lstat(name)
	if err != nil {
		return nil, err
	}
	if !info.Mode().IsRegular() {
		return nil, &Error{Kind(info.Mode())}
	}
	f, err := os.OpenFile(name, os.O_RDONLY|openFlags, 0)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	now, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !now.Mode().IsRegular() || !os.SameFile(info, now) {
		return nil, &Error{Kind(now.Mode()) + " put in the file's place while it was read"}
	}
	return io.ReadAll(f)
}
