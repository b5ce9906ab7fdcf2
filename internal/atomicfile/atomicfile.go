// Package atomicfile writes files so that a reader, a crash or an
// interrupt never sees a half-written one: the content goes to a temporary
// file in the same folder, is flushed to disk, and only then renamed over
// the destination.
//
// It replaces only regular files: a path that names a directory, a device,
// a pipe or a socket is refused, and a symbolic link is followed, so that
// the file it points to is replaced and the link stays a link.
package atomicfile

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

// maxLinks bounds how many symbolic links Target follows, as the kernel
// does, so that a loop of links is an error and not a hang.
const maxLinks = 40

// Target returns the file that writing path replaces or creates: path
// itself, or where the symbolic links it names lead. It returns an error
// if that file exists and is not a regular file.
func Target(path string) (string, error) {
	target := path
	for range maxLinks {
		fi, err := os.Lstat(target)
		if errors.Is(err, fs.ErrNotExist) {
			return target, nil
		}
		if err != nil {
			return "", err
		}
		if fi.Mode()&fs.ModeSymlink == 0 {
			if !fi.Mode().IsRegular() {
				return "", fmt.Errorf("%s is %s, not a regular file", target, kind(fi.Mode()))
			}
			return target, nil
		}
		link, err := os.Readlink(target)
		if err != nil {
			return "", err
		}
		if !filepath.IsAbs(link) {
			link = filepath.Join(filepath.Dir(target), link)
		}
		target = link
	}
	return "", fmt.Errorf("%s: more than %d symbolic links", path, maxLinks)
}

func kind(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "a directory"
	case m&fs.ModeDevice != 0:
		return "a device"
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe"
	case m&fs.ModeSocket != 0:
		return "a socket"
	}
	return "not a regular file (" + m.String() + ")"
}

// Check returns an error unless Write could write path now: its target is
// a regular file or does not exist yet, and its folder takes new files
// (a temporary file is made there and removed again).
func Check(path string) error {
	target, err := Target(path)
	if err != nil {
		return err
	}
	f, err := os.CreateTemp(folder(target), ".check-*")
	if err != nil {
		return err
	}
	f.Close()
	return os.Remove(f.Name())
}

func folder(path string) string {
	if dir := filepath.Dir(path); dir != "" {
		return dir
	}
	return "."
}

// Write creates or replaces the file at path with what write writes, with
// permissions perm. If write or any step fails, path is left as it was and
// the temporary file is removed. If path is a symbolic link, the file it
// points to is replaced; if it names anything but a regular file, Write
// fails before writing.
func Write(path string, perm os.FileMode, write func(io.Writer) error) (err error) {
	path, err = Target(path)
	if err != nil {
		return err
	}
	dir, base := folder(path), filepath.Base(path)
	tmp, err := os.CreateTemp(dir, "."+base+".tmp-*")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	buf := bufio.NewWriter(tmp)
	if err := write(buf); err != nil {
		return err
	}
	if err := buf.Flush(); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err := tmp.Chmod(perm); err != nil {
		return err
	}
	if err := tmp.Sync(); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return err
	}
	// The rename is durable once the folder itself is synced; not every
	// system allows that, and the file is complete either way.
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
	return nil
}
