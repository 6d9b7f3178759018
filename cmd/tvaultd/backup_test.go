package main

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/tvault/tvault/vault"
	"github.com/tvault/tvault/vault/service"
)

// TestBackupWhileServing is must show 3 of issue 14: an administrator's
// backup through tvaultd while 8 officers write is one consistent
// snapshot, holds no plaintext, verifies with the vault's key, and
// restores into a new directory that passes Check with ReadData, with
// the entries of the backup's checkpoint and a version per record.
func TestBackupWhileServing(t *testing.T) {
	ctx := context.Background()
	vaultDir, u := newVault(t, 0)
	var log syncBuffer
	d := startDaemon(t, vaultDir, filepath.Join(t.TempDir(), "d.sock"), &log, "TVAULT_PASSPHRASE_FILE="+passFile(t))
	officer := d.client(t, u.officer)
	docs := fixtures(t)
	ids, _, err := officer.Put(ctx, docs)
	if err != nil {
		t.Fatal(err)
	}
	const sentinel = "SENTINEL-daemon-backup-attachment-42c8"
	if _, err := officer.Attach(ctx, ids[0], strings.NewReader(strings.Repeat(sentinel+"\n", 2000)), service.KindDocument, "", "text/plain"); err != nil {
		t.Fatal(err)
	}
	admin := d.client(t, u.admin)
	vkey, err := admin.AuditVerifierKey(ctx)
	if err != nil {
		t.Fatal(err)
	}

	stop := make(chan struct{})
	var wg, started sync.WaitGroup
	errs := make(chan error, 8)
	for i := range 8 {
		wg.Add(1)
		started.Add(1)
		go func() {
			defer wg.Done()
			c := d.client(t, u.officer)
			for n := 0; ; n++ {
				if n == 1 {
					started.Done()
				}
				select {
				case <-stop:
					return
				default:
				}
				if _, _, err := c.Put(ctx, docs[i%len(docs):i%len(docs)+1]); err != nil {
					if n == 0 {
						started.Done()
					}
					errs <- err
					return
				}
			}
		}()
	}
	// Every writer has written once, and they go on while the backup runs.
	started.Wait()
	var buf bytes.Buffer
	err = admin.Backup(ctx, &buf)
	close(stop)
	wg.Wait()
	close(errs)
	if err != nil {
		t.Fatal(err)
	}
	for err := range errs {
		t.Errorf("a writer: %v", err)
	}
	if err := officer.Backup(ctx, &bytes.Buffer{}); !errors.Is(err, service.ErrDenied) {
		t.Errorf("an officer's backup = %v, want a denial", err)
	}

	file := filepath.Join(t.TempDir(), "vault.tvb")
	if err := os.WriteFile(file, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	low := bytes.ToLower(buf.Bytes())
	for _, s := range append(secrets(docs), sentinel) {
		if bytes.Contains(low, bytes.ToLower([]byte(s))) {
			t.Errorf("the backup holds %q in clear", s)
		}
	}
	rep, err := vault.VerifyBackup(bytes.NewReader(buf.Bytes()), vkey, nil)
	if err != nil {
		t.Fatal(err)
	}
	// On another machine: where the daemon runs, the copy is older than
	// the checkpoint kept of the vault (TestBackupRestore in package vault).
	t.Setenv("TVAULT_STATE_DIR", t.TempDir())
	dir := filepath.Join(t.TempDir(), "restored")
	if _, err := vault.Restore(localCtx, file, dir, testPass); err != nil {
		t.Fatal(err)
	}
	v, err := vault.Open(dir, testPass)
	if err != nil {
		t.Fatal(err)
	}
	defer v.Close()
	list, err := v.List(localCtx, "")
	if err != nil {
		t.Fatal(err)
	}
	cr, err := v.Check(localCtx, service.CheckOptions{ReadData: true})
	if err != nil {
		t.Fatal(err)
	}
	if !cr.OK() || cr.Counts.Entries != rep.Entries+1 || cr.Counts.Versions != int64(len(list)) || cr.Counts.Attachments != 1 {
		t.Errorf("Check of the restored vault: %+v, problems %v; backup's checkpoint of %d entries (and the list's), %d records", cr.Counts, cr.Problems, rep.Entries, len(list))
	}
	t.Logf("backup of %d bytes: %d entries, %d keys, %d records written by 8 clients meanwhile", buf.Len(), rep.Entries, rep.Keys, len(list)-len(ids))
}
