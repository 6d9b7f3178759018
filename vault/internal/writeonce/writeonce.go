// Package writeonce creates files that are written once and never changed:
// the content goes to a temporary file created with O_EXCL and mode 0600,
// is fsynced, and is then hard-linked into place, which fails if the name
// exists; finally the directory is fsynced so the new name is durable. A
// crash leaves either no file or the whole file under its name, never a
// partial one (as tessera's storage/posix does).
package writeonce

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
)

// File writes data to path, which must not exist.
func File(path string, data []byte) error {
	dir := filepath.Dir(path)
	suffix := make([]byte, 8)
	rand.Read(suffix)
	tmp := filepath.Join(dir, ".tmp-"+hex.EncodeToString(suffix))
	f, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	defer os.Remove(tmp)
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	if err := os.Link(tmp, path); err != nil {
		return err
	}
	if err := os.Remove(tmp); err != nil {
		return err
	}
	return SyncDir(dir)
}

// SyncDir fsyncs a directory so that entries created in it are durable.
func SyncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	if err := d.Sync(); err != nil {
		return fmt.Errorf("failed to sync directory %s: %w", dir, err)
	}
	return nil
}
