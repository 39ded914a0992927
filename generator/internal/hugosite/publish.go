package hugosite

import (
	"bytes"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"sync"

	"github.com/spf13/afero"
)

// Put receives a finished file of the site: its slash path below the site's
// root ("duties/index.html") and its bytes, which it may keep. Hugo calls
// it from its rendering goroutines, so it must be safe for concurrent use.
type Put func(name string, data []byte) error

// sink is Hugo's destination file system when files are handed on: a file
// created for writing is kept in memory until Hugo closes it, then given
// to put and forgotten. A file that Hugo will read back and finish after
// rendering (deferred templates, post-processed resources carry these
// markers) is kept instead, and handed on by flush once the build is done.
type sink struct {
	afero.Fs        // in memory: folders, and the files kept for Hugo
	root     string // the publish folder, with a trailing separator
	put      Put
	mu       sync.Mutex
	err      error    // the first error put returned
	html     []string // the pages handed on
}

// hugoMarkers are what Hugo writes into a file that it reads back after the
// build (tpl.HugoDeferredTemplatePrefix, postpub.PostProcessPrefix).
var hugoMarkers = [][]byte{[]byte("__hdeferred/"), []byte("__h_pp_l1")}

func newSink(root string, put Put) *sink {
	return &sink{Fs: afero.NewMemMapFs(), root: root + string(os.PathSeparator), put: put}
}

func (s *sink) Create(name string) (afero.File, error) {
	f, err := s.Fs.Create(name)
	if err != nil {
		return nil, err
	}
	return &sinkFile{File: f, sink: s}, nil
}

func (s *sink) OpenFile(name string, flag int, perm os.FileMode) (afero.File, error) {
	f, err := s.Fs.OpenFile(name, flag, perm)
	if err != nil || flag&(os.O_WRONLY|os.O_RDWR) == 0 || flag&os.O_TRUNC == 0 {
		return f, err
	}
	return &sinkFile{File: f, sink: s}, nil
}

// hand gives one finished file to put.
func (s *sink) hand(name string, data []byte) error {
	if len(name) <= len(s.root) || name[:len(s.root)] != s.root {
		return nil // (outside the publish folder: nothing Hugo publishes)
	}
	rel := filepath.ToSlash(name[len(s.root):])
	if err := s.put(rel, data); err != nil {
		return s.fail(err)
	}
	if path.Ext(rel) == ".html" {
		s.mu.Lock()
		s.html = append(s.html, rel)
		s.mu.Unlock()
	}
	return nil
}

// fail records err (when it is one) as the sink's first error, and returns it.
func (s *sink) fail(err error) error {
	if err != nil {
		s.mu.Lock()
		if s.err == nil {
			s.err = err
		}
		s.mu.Unlock()
	}
	return err
}

// flush hands on the files Hugo kept to finish after the build, and
// returns the first error put returned.
func (s *sink) flush() error {
	err := afero.Walk(s.Fs, s.root, func(p string, info fs.FileInfo, err error) error {
		if err != nil || info.IsDir() {
			return err
		}
		data, err := afero.ReadFile(s.Fs, p)
		if err != nil {
			return err
		}
		return s.hand(p, data)
	})
	if os.IsNotExist(err) {
		err = nil // (nothing was kept)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.err != nil {
		return s.err
	}
	return err
}

// result is what was handed on.
func (s *sink) result() *Result {
	s.mu.Lock()
	defer s.mu.Unlock()
	html := slices.Compact(slices.Sorted(slices.Values(s.html)))
	return &Result{Pages: len(html), HTML: html}
}

// sinkFile is a file Hugo writes: its bytes are gathered until Close.
type sinkFile struct {
	afero.File
	sink *sink
	buf  bytes.Buffer
}

func (f *sinkFile) Write(p []byte) (int, error)       { return f.buf.Write(p) }
func (f *sinkFile) WriteString(s string) (int, error) { return f.buf.WriteString(s) }
func (f *sinkFile) WriteAt(p []byte, off int64) (int, error) {
	return 0, &fs.PathError{Op: "writeat", Path: f.Name(), Err: fs.ErrInvalid}
}

func (f *sinkFile) Close() error {
	name, data := f.Name(), f.buf.Bytes()
	for _, m := range hugoMarkers {
		if bytes.Contains(data, m) {
			_, err := f.File.Write(data)
			if cerr := f.File.Close(); err == nil {
				err = cerr
			}
			return f.sink.fail(err)
		}
	}
	// Hugo ignores Close's error, so the sink keeps it. The in-memory file
	// is only a placeholder: gone already (the same path created twice), it
	// does not stop the file being handed on.
	if err := f.File.Close(); err != nil {
		return f.sink.fail(err)
	}
	if err := f.sink.Fs.Remove(name); err != nil && !os.IsNotExist(err) {
		return f.sink.fail(err)
	}
	return f.sink.hand(name, data)
}
