package fsblob_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/tvault/tvault/vault/blob"
	"github.com/tvault/tvault/vault/blob/blobtest"
	"github.com/tvault/tvault/vault/blob/fsblob"
)

func TestConformance(t *testing.T) {
	blobtest.Run(t, func(t *testing.T) blob.Store {
		return fsblob.New(filepath.Join(t.TempDir(), "blobs"))
	})
}

// TestLayout checks what the package documents of the files: the
// directory is private, a blob is a 0600 file under its name, and neither
// a commit nor an abort leaves a temporary file.
func TestLayout(t *testing.T) {
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "blobs")
	s := fsblob.New(dir)
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Fatalf("New created the directory: %v", err)
	}

	w, err := s.Create(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.Write([]byte("ciphertext")); err != nil {
		t.Fatal(err)
	}
	name, err := w.Commit()
	if err != nil {
		t.Fatal(err)
	}
	aborted, err := s.Create(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := aborted.Write([]byte("partial")); err != nil {
		t.Fatal(err)
	}
	if err := aborted.Abort(); err != nil {
		t.Fatal(err)
	}

	fi, err := os.Stat(dir)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o700 {
		t.Errorf("directory mode %v, want 0700", fi.Mode().Perm())
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 1 || entries[0].Name() != name {
		t.Fatalf("directory holds %v, want only %s", entries, name)
	}
	fi, err = os.Stat(filepath.Join(dir, name))
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("blob mode %v, want 0600", fi.Mode().Perm())
	}
}
