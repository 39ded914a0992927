// Package userfile replaces a file the user owns whole or not at all: the
// new bytes go to a temporary file in the same folder, are synced to disk,
// and the temporary file is renamed over the original. A write that fails
// (a full disk, a quota, an I/O error, a kill) leaves the original byte for
// byte as it was and no temporary file behind. Every command that writes a
// file the user keeps (overlay copies, bases, the manifest, translations,
// new pages, a starter overlay) writes through Write or Create.
package userfile

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

// Mode is the mode of a file Write creates; a file it replaces keeps its own.
const Mode fs.FileMode = 0o644

// Write replaces name with data, whole or not at all.
func Write(name string, data []byte) error {
	return write(name, data, false, func(w io.Writer, b []byte) error {
		_, err := w.Write(b)
		return err
	})
}

// Create writes data to name, which must not exist yet; like Write, a
// failure leaves nothing behind.
func Create(name string, data []byte) error {
	return write(name, data, true, func(w io.Writer, b []byte) error {
		_, err := w.Write(b)
		return err
	})
}

// write does the work; fill puts the bytes into the temporary file, so a
// test can make that step fail.
func write(name string, data []byte, exclusive bool, fill func(io.Writer, []byte) error) (err error) {
	mode := Mode
	info, statErr := os.Lstat(name)
	switch {
	case statErr == nil && exclusive:
		return fmt.Errorf("%s already exists", name)
	case statErr == nil && !info.Mode().IsRegular():
		return fmt.Errorf("%s is not a plain file (a link, folder or device), so it is not replaced", name)
	case statErr == nil:
		mode = info.Mode().Perm()
	case !errors.Is(statErr, fs.ErrNotExist):
		return statErr
	}
	dir, base := filepath.Split(name)
	if dir == "" {
		dir = "."
	}
	f, err := os.CreateTemp(dir, "."+base+".tmp-*")
	if err != nil {
		return fmt.Errorf("cannot write %s: %w", name, err)
	}
	tmp := f.Name()
	defer func() {
		if err != nil {
			_ = f.Close()
			_ = os.Remove(tmp)
		}
	}()
	if err = fill(f, data); err != nil {
		return fmt.Errorf("cannot write %s: %w", name, err)
	}
	if err = f.Chmod(mode); err != nil {
		return fmt.Errorf("cannot write %s: %w", name, err)
	}
	if err = f.Sync(); err != nil {
		return fmt.Errorf("cannot write %s: %w", name, err)
	}
	if err = f.Close(); err != nil {
		return fmt.Errorf("cannot write %s: %w", name, err)
	}
	if exclusive {
		// A link fails if name appeared meanwhile, where a rename would
		// replace it.
		switch err = os.Link(tmp, name); {
		case errors.Is(err, fs.ErrExist):
			return fmt.Errorf("%s already exists", name)
		case err != nil: // a file system without links
			if err = os.Rename(tmp, name); err != nil {
				return fmt.Errorf("cannot write %s: %w", name, err)
			}
		default:
			_ = os.Remove(tmp)
		}
	} else if err = os.Rename(tmp, name); err != nil {
		return fmt.Errorf("cannot write %s: %w", name, err)
	}
	syncDir(dir)
	return nil
}

// syncDir makes a rename durable where the system allows it.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		_ = d.Sync()
		_ = d.Close()
	}
}
