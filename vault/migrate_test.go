package vault

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/tvault/tvault/audit"
	"github.com/tvault/tvault/internal/pgtest"
	"github.com/tvault/tvault/vault/service"
)

// TestMigrate moves a vault directory into a database and back: each copy
// checks whole with its data read, holds the same record and attachment,
// and its log the migration's entry, which names the kind of destination
// and never the connection string.
func TestMigrate(t *testing.T) {
	ownState(t)
	conn := pgtest.Conn(t)
	v, dir := newTestVault(t, Options{})
	ids, _, err := v.Put(ctx, loadFixtures(t)[:2])
	if err != nil {
		t.Fatal(err)
	}
	data := bytes.Repeat([]byte("recording "), 150_000) // more than one chunk
	att, err := v.Attach(ctx, ids[0], bytes.NewReader(data), "", "", "")
	if err != nil {
		t.Fatal(err)
	}
	want, err := v.Get(ctx, ids[0])
	if err != nil {
		t.Fatal(err)
	}

	back := filepath.Join(t.TempDir(), "back")
	for _, dest := range []string{conn, back} {
		rep, err := v.Migrate(ctx, dest)
		if err != nil {
			t.Fatalf("Migrate: %v", err)
		}
		if rep.Blobs != 1 || rep.BlobBytes == 0 || rep.Keys == 0 {
			t.Errorf("Migrate copied %+v", rep)
		}
		if err := v.Close(); err != nil {
			t.Fatal(err)
		}
		if v, err = Open(dest, testPass); err != nil {
			t.Fatalf("Open of the copy: %v", err)
		}
		defer v.Close()
		r, err := v.Check(ctx, service.CheckOptions{ReadData: true})
		if err != nil || len(r.Problems) > 0 {
			t.Fatalf("Check of the copy = %+v, %v", r, err)
		}
		got, err := v.Get(ctx, ids[0])
		if err != nil || !reflect.DeepEqual(got, want) {
			t.Errorf("Get from the copy = %+v, %v; want %+v", got, err, want)
		}
		var content bytes.Buffer
		if err := v.AttachmentGet(ctx, ids[0], att.ID, &content); err != nil || !bytes.Equal(content.Bytes(), data) {
			t.Errorf("AttachmentGet from the copy: %d bytes, %v", content.Len(), err)
		}
	}
	var migrations []string
	err = v.AuditLog(ctx, service.AuditFilter{}, func(e *audit.Entry) error {
		if e.Action == "migrate" {
			migrations = append(migrations, e.Attr("to"))
			if text, _ := e.MarshalText(); strings.Contains(string(text), "postgres") {
				t.Errorf("the migrate entry names the database: %s", text)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(migrations, []string{"database", "directory"}) {
		t.Errorf("migrate entries to %q, want database then directory", migrations)
	}

	// The directory it came from first is now an older copy.
	if _, err := Open(dir, testPass); !errors.As(err, new(*RollbackError)) {
		t.Errorf("Open of the directory migrated from = %v, want a *RollbackError", err)
	}
}

// TestMigrateRefused: a destination that holds a vault, or anything, is
// refused and left as it was, and so is a copy of a directory into a
// directory.
func TestMigrateRefused(t *testing.T) {
	ownState(t)
	conn := pgtest.Conn(t)
	pv, err := Init(ctx, conn, testPass, Options{})
	if err != nil {
		t.Fatal(err)
	}
	pv.Close()
	v, _ := newTestVault(t, Options{})
	defer v.Close()
	if _, err := v.Migrate(ctx, conn); !errors.Is(err, ErrExists) {
		t.Errorf("Migrate into a database with a vault = %v, want ErrExists", err)
	}
	dir := filepath.Join(t.TempDir(), "copy")
	if _, err := v.Migrate(ctx, dir); err == nil {
		t.Errorf("Migrate of a directory into a directory succeeded")
	}
	if _, err := os.Stat(dir); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the refused migration made %s: %v", dir, err)
	}

	if pv, err = Open(conn, testPass); err != nil {
		t.Fatal(err)
	}
	defer pv.Close()
	full := t.TempDir()
	if err := os.WriteFile(filepath.Join(full, "notes"), []byte("mine"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := pv.Migrate(ctx, full); !errors.Is(err, ErrExists) {
		t.Errorf("Migrate into a directory that holds a file = %v, want ErrExists", err)
	}
	if b, err := os.ReadFile(filepath.Join(full, "notes")); err != nil || string(b) != "mine" {
		t.Errorf("the directory refused changed: %q, %v", b, err)
	}

	// While another process (a daemon) has the database open, what it
	// writes would be left out of the copy.
	other, err := Open(conn, testPass)
	if err != nil {
		t.Fatal(err)
	}
	dest := filepath.Join(t.TempDir(), "copy")
	if _, err := pv.Migrate(ctx, dest); err == nil || !strings.Contains(err.Error(), "1 other processes have the vault's database open") {
		t.Errorf("Migrate while another engine has the database open = %v, want it refused", err)
	}
	other.Close()
}
