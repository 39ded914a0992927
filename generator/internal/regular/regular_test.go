package regular

import (
	"errors"
	"net"
	"os"
	"path/filepath"
	"runtime"
	"syscall"
	"testing"
	"time"
)

// A plain file is read; a named pipe, a socket, a device, a link to a
// device and a folder are refused at once, naming what they are.
func TestReadFile(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no named pipes or sockets in the file system on Windows")
	}
	dir := t.TempDir()
	plain := filepath.Join(dir, "plain.md")
	if err := os.WriteFile(plain, []byte("text"), 0o644); err != nil {
		t.Fatal(err)
	}
	fifo := filepath.Join(dir, "fifo.md")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	sock := filepath.Join(dir, "sock.md")
	l, err := net.Listen("unix", sock)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	zero := filepath.Join(dir, "zero.md")
	if err := os.Symlink("/dev/zero", zero); err != nil {
		t.Fatal(err)
	}
	if data, err := ReadFile(plain); err != nil || string(data) != "text" {
		t.Errorf("plain file: %q, %v", data, err)
	}
	for name, kind := range map[string]string{fifo: "a named pipe (FIFO)", sock: "a socket", zero: "a symbolic link",
		"/dev/zero": "a character device", dir: "a folder"} {
		start := time.Now()
		_, err := ReadFile(name)
		var e *Error
		if !errors.As(err, &e) || e.Kind != kind {
			t.Errorf("%s: %v, want %s", name, err, kind)
		}
		if time.Since(start) > time.Second {
			t.Errorf("%s: took %s", name, time.Since(start))
		}
	}
}
