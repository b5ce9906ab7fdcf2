//go:build unix

package atomicfile

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

func write(path, content string) error {
	return Write(path, 0o644, func(w io.Writer) error { _, err := io.WriteString(w, content); return err })
}

// TestWriteFollowsSymlinks checks that a link is followed, through a chain
// and relative to its own folder, and stays a link.
func TestWriteFollowsSymlinks(t *testing.T) {
	dir := t.TempDir()
	sub := filepath.Join(dir, "models")
	if err := os.Mkdir(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	real := filepath.Join(sub, "real.json")
	if err := os.WriteFile(real, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	mid := filepath.Join(sub, "mid.json")
	link := filepath.Join(dir, "link.json")
	if err := os.Symlink("real.json", mid); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join("models", "mid.json"), link); err != nil {
		t.Fatal(err)
	}
	if err := write(link, "new"); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(real); string(got) != "new" {
		t.Errorf("target holds %q, want \"new\"", got)
	}
	for _, l := range []string{link, mid} {
		if fi, err := os.Lstat(l); err != nil || fi.Mode()&os.ModeSymlink == 0 {
			t.Errorf("%s is no longer a symbolic link (%v)", l, err)
		}
	}
	// A link to a file that does not exist yet creates that file.
	dangling := filepath.Join(dir, "dangling.json")
	if err := os.Symlink("later.json", dangling); err != nil {
		t.Fatal(err)
	}
	if err := write(dangling, "made"); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(filepath.Join(dir, "later.json")); string(got) != "made" {
		t.Errorf("the link's target holds %q, want \"made\"", got)
	}
}

// TestWriteRefusesNonFiles checks every kind of path that is not a
// regular file, and that nothing is left behind.
func TestWriteRefusesNonFiles(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	loop := filepath.Join(dir, "loop")
	if err := os.Symlink("loop", loop); err != nil {
		t.Fatal(err)
	}
	toDir := filepath.Join(dir, "to-dir")
	if err := os.Symlink(".", toDir); err != nil {
		t.Fatal(err)
	}
	tests := []struct{ path, want string }{
		{dir, "is a directory"},
		{fifo, "is a named pipe"},
		{toDir, "is a directory"},
		{loop, "more than 40 symbolic links"},
		{"/dev/null", "is a device"},
	}
	for _, tt := range tests {
		for name, f := range map[string]func(string) error{"Write": func(p string) error { return write(p, "x") }, "Check": Check} {
			if err := f(tt.path); err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("%s(%s) = %v, want an error saying %q", name, tt.path, err, tt.want)
			}
		}
	}
	if fi, err := os.Lstat(fifo); err != nil || fi.Mode()&os.ModeNamedPipe == 0 {
		t.Errorf("the named pipe was replaced (%v)", err)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 3 {
		t.Errorf("the folder holds %d entries, want the 3 made here", len(entries))
	}
}

func TestCheck(t *testing.T) {
	dir := t.TempDir()
	if err := Check(filepath.Join(dir, "new.json")); err != nil {
		t.Errorf("a new file in a writable folder: %v", err)
	}
	if err := Check(filepath.Join(dir, "missing", "new.json")); err == nil {
		t.Error("a file in a missing folder passed")
	}
	if os.Getuid() != 0 { // root writes anywhere
		ro := filepath.Join(dir, "ro")
		if err := os.Mkdir(ro, 0o555); err != nil {
			t.Fatal(err)
		}
		if err := Check(filepath.Join(ro, "new.json")); err == nil {
			t.Error("a file in a read-only folder passed")
		}
	}
	if entries, _ := os.ReadDir(dir); len(entries) > 1 {
		t.Errorf("Check left files behind: %v", entries)
	}
}
