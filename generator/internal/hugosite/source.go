package hugosite

import (
	"bytes"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"syscall"
	"time"

	"github.com/spf13/afero"
)

// newSource is Hugo's source file system for one build: the input files
// as they are, read in place rather than copied (at 10,000 pages they are
// 64 MB), under an in-memory layer that takes anything Hugo writes.
func newSource(dir string, files map[string][]byte) afero.Fs {
	return afero.NewCopyOnWriteFs(newInputFS(dir, files), afero.NewMemMapFs())
}

// inputFS is a read-only file system of files held in memory, named by
// absolute OS path ("/project/content/x.md"), as Hugo names them; the
// folders are those the files' paths imply.
type inputFS struct {
	files map[string][]byte
	dirs  map[string][]string // folder -> the names in it, sorted
}

func newInputFS(dir string, files map[string][]byte) *inputFS {
	x := &inputFS{files: make(map[string][]byte, len(files)), dirs: map[string][]string{}}
	for rel, data := range files {
		name := filepath.Join(dir, filepath.FromSlash(rel))
		x.files[name] = data
		for {
			parent := filepath.Dir(name)
			if parent == name {
				break
			}
			_, seen := x.dirs[parent]
			x.dirs[parent] = append(x.dirs[parent], filepath.Base(name))
			if seen {
				break
			}
			name = parent
		}
	}
	for d, names := range x.dirs {
		slices.Sort(names)
		x.dirs[d] = slices.Compact(names)
	}
	return x
}

func (x *inputFS) Name() string { return "inputs" }

func (x *inputFS) Open(name string) (afero.File, error) {
	name = filepath.Clean(name)
	if data, ok := x.files[name]; ok {
		return &inputFile{fs: x, name: name, r: bytes.NewReader(data)}, nil
	}
	if _, ok := x.dirs[name]; ok {
		return &inputFile{fs: x, name: name}, nil
	}
	return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
}

func (x *inputFS) OpenFile(name string, flag int, _ os.FileMode) (afero.File, error) {
	if flag&(os.O_WRONLY|os.O_RDWR|os.O_CREATE|os.O_TRUNC|os.O_APPEND) != 0 {
		return nil, readOnly("open", name)
	}
	return x.Open(name)
}

func (x *inputFS) Stat(name string) (fs.FileInfo, error) {
	name = filepath.Clean(name)
	if data, ok := x.files[name]; ok {
		return info{name: filepath.Base(name), size: int64(len(data))}, nil
	}
	if _, ok := x.dirs[name]; ok {
		return info{name: filepath.Base(name), dir: true}, nil
	}
	return nil, &fs.PathError{Op: "stat", Path: name, Err: fs.ErrNotExist}
}

func readOnly(op, name string) error { return &fs.PathError{Op: op, Path: name, Err: syscall.EPERM} }

func (x *inputFS) Create(name string) (afero.File, error)    { return nil, readOnly("create", name) }
func (x *inputFS) Mkdir(name string, _ os.FileMode) error    { return readOnly("mkdir", name) }
func (x *inputFS) MkdirAll(name string, _ os.FileMode) error { return readOnly("mkdir", name) }
func (x *inputFS) Remove(name string) error                  { return readOnly("remove", name) }
func (x *inputFS) RemoveAll(name string) error               { return readOnly("remove", name) }
func (x *inputFS) Rename(name, _ string) error               { return readOnly("rename", name) }
func (x *inputFS) Chmod(name string, _ os.FileMode) error    { return readOnly("chmod", name) }
func (x *inputFS) Chown(name string, _, _ int) error         { return readOnly("chown", name) }
func (x *inputFS) Chtimes(name string, _, _ time.Time) error { return readOnly("chtimes", name) }

// info describes an input file or folder.
type info struct {
	name string
	size int64
	dir  bool
}

func (i info) Name() string       { return i.name }
func (i info) Size() int64        { return i.size }
func (i info) ModTime() time.Time { return time.Time{} }
func (i info) IsDir() bool        { return i.dir }
func (i info) Sys() any           { return nil }
func (i info) Mode() fs.FileMode {
	if i.dir {
		return fs.ModeDir | 0o755
	}
	return 0o644
}

// inputFile is an open input file, or folder (r is nil).
type inputFile struct {
	fs   *inputFS
	name string
	r    *bytes.Reader
	next int // a folder's entries listed so far
}

func (f *inputFile) Name() string               { return f.name }
func (f *inputFile) Stat() (fs.FileInfo, error) { return f.fs.Stat(f.name) }
func (f *inputFile) Close() error               { return nil }
func (f *inputFile) Sync() error                { return nil }
func (f *inputFile) Write([]byte) (int, error)  { return 0, readOnly("write", f.name) }
func (f *inputFile) WriteAt([]byte, int64) (int, error) {
	return 0, readOnly("write", f.name)
}
func (f *inputFile) WriteString(string) (int, error) { return 0, readOnly("write", f.name) }
func (f *inputFile) Truncate(int64) error            { return readOnly("truncate", f.name) }

func (f *inputFile) Read(p []byte) (int, error) {
	if f.r == nil {
		return 0, &fs.PathError{Op: "read", Path: f.name, Err: syscall.EISDIR}
	}
	return f.r.Read(p)
}

func (f *inputFile) ReadAt(p []byte, off int64) (int, error) {
	if f.r == nil {
		return 0, &fs.PathError{Op: "read", Path: f.name, Err: syscall.EISDIR}
	}
	return f.r.ReadAt(p, off)
}

func (f *inputFile) Seek(offset int64, whence int) (int64, error) {
	if f.r == nil {
		return 0, nil
	}
	return f.r.Seek(offset, whence)
}

// Readdirnames lists a folder's names in order, n at a time (n <= 0: all).
func (f *inputFile) Readdirnames(n int) ([]string, error) {
	names, ok := f.fs.dirs[f.name]
	if !ok {
		return nil, &fs.PathError{Op: "readdir", Path: f.name, Err: syscall.ENOTDIR}
	}
	rest := names[f.next:]
	if n > 0 && len(rest) == 0 {
		return nil, io.EOF
	}
	if n > 0 && n < len(rest) {
		rest = rest[:n]
	}
	f.next += len(rest)
	return rest, nil
}

func (f *inputFile) Readdir(n int) ([]fs.FileInfo, error) {
	names, err := f.Readdirnames(n)
	out := make([]fs.FileInfo, 0, len(names))
	for _, name := range names {
		i, err := f.fs.Stat(filepath.Join(f.name, name))
		if err != nil {
			return nil, err
		}
		out = append(out, i)
	}
	return out, err
}

// ReadDir is Readdir as io/fs has it.
func (f *inputFile) ReadDir(n int) ([]fs.DirEntry, error) {
	infos, err := f.Readdir(n)
	out := make([]fs.DirEntry, len(infos))
	for i, fi := range infos {
		out[i] = fs.FileInfoToDirEntry(fi)
	}
	return out, err
}
