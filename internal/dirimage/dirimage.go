//go:build unix

// Package dirimage copies and damages directories of files in tests,
// keeping the holes of sparse files: Badger preallocates its logs at
// 512 MiB, mostly holes, and reading or writing their zeros takes seconds.
package dirimage

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"golang.org/x/sys/unix"
)

// An Image is a file's contents up to its last byte that is not 0, and
// its size.
type Image struct {
	Data []byte
	Size int64
}

// Load returns the images of the regular files under dir, by slash path
// relative to dir. It reads only the data of sparse files (SEEK_DATA),
// not their holes; where the file system cannot tell, it reads all.
func Load(t testing.TB, dir string) map[string]Image {
	t.Helper()
	m := map[string]Image{}
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || !d.Type().IsRegular() {
			return err
		}
		im, err := load(path)
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(dir, path)
		m[filepath.ToSlash(rel)] = im
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func load(path string) (Image, error) {
	f, err := os.Open(path)
	if err != nil {
		return Image{}, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return Image{}, err
	}
	im := Image{Size: fi.Size()}
	for off := int64(0); off < im.Size; {
		start, err := f.Seek(off, unix.SEEK_DATA)
		if errors.Is(err, unix.ENXIO) {
			break // only a hole after off
		}
		if err != nil {
			start = off // no SEEK_DATA here: read it all
		}
		end, err := f.Seek(start, unix.SEEK_HOLE)
		if err != nil {
			end = im.Size
		}
		im.Data = append(im.Data, make([]byte, end-int64(len(im.Data)))...)
		if _, err := f.ReadAt(im.Data[start:end], start); err != nil {
			return Image{}, err
		}
		off = end
	}
	im.Data = bytes.TrimRight(im.Data, "\x00")
	return im, nil
}

// Write writes images under dir, keeping their holes; the name "" is dir
// itself, a file.
func Write(t testing.TB, dir string, images map[string]Image) {
	t.Helper()
	for name, im := range images {
		path := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, im.Data, 0o600); err != nil {
			t.Fatal(err)
		}
		if err := os.Truncate(path, im.Size); err != nil {
			t.Fatal(err)
		}
	}
}

// Copy copies the files under src into dst, keeping holes.
func Copy(t testing.TB, src, dst string) { Write(t, dst, Load(t, src)) }

// Flip flips the bits of mask in the byte at off of the file at path.
func Flip(t testing.TB, path string, off int64, mask byte) {
	t.Helper()
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	b := make([]byte, 1)
	if _, err := f.ReadAt(b, off); err != nil {
		t.Fatal(err)
	}
	b[0] ^= mask
	if _, err := f.WriteAt(b, off); err != nil {
		t.Fatal(err)
	}
}

// FlipMapped flips 8 bytes, 16 apart, from off in the file at path,
// through a shared memory map, as an attacker who keeps the file open
// would: no write(2), no file event. The map and its descriptor stay open
// until the test ends.
func FlipMapped(t testing.TB, path string, off int64) {
	t.Helper()
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	fi, err := f.Stat()
	if err != nil {
		t.Fatal(err)
	}
	m, err := unix.Mmap(int(f.Fd()), 0, int(fi.Size()), unix.PROT_READ|unix.PROT_WRITE, unix.MAP_SHARED)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { unix.Munmap(m) })
	for i := off; i < off+128 && i < int64(len(m)); i += 16 {
		m[i] ^= 0xff
	}
}
