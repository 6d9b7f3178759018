package main

import (
	"bytes"
	"context"
	"errors"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/tvault/tvault/internal/tmpfstest"
	"github.com/tvault/tvault/vault/service"
)

// TestDaemonDiskFull serves a vault from a small tmpfs that a filler file
// fills up: a write request answers 507 no-space and stores nothing, the
// daemon keeps running and serving reads, and once the filler is removed
// the same write succeeds without a restart and the log verifies.
func TestDaemonDiskFull(t *testing.T) {
	ctx := context.Background()
	fs := tmpfstest.Mount(t, 48<<20)
	made, u := newVault(t, 0)
	vaultDir := filepath.Join(fs, "vault")
	if err := os.CopyFS(vaultDir, os.DirFS(made)); err != nil {
		t.Fatal(err)
	}
	sock := filepath.Join(t.TempDir(), "d.sock")
	var log syncBuffer
	d := startDaemon(t, vaultDir, sock, &log, "TVAULT_PASSPHRASE_FILE="+passFile(t))
	officer := d.client(t, u.officer)
	docs := fixtures(t)
	ids, _, err := officer.Put(ctx, docs[:1])
	if err != nil {
		t.Fatal(err)
	}

	filler := tmpfstest.Fill(t, fs, 8<<20)
	if _, _, err := officer.Put(ctx, docs[1:]); !errors.Is(err, service.ErrNoSpace) {
		t.Fatalf("put on a nearly full disk = %v, want ErrNoSpace", err)
	}
	if _, err := officer.Attach(ctx, ids[0], bytes.NewReader(bytes.Repeat([]byte("audio"), 1<<18)), "", "", "audio/mpeg"); !errors.Is(err, service.ErrNoSpace) {
		t.Fatalf("attach on a nearly full disk = %v, want ErrNoSpace", err)
	}
	// The status on the wire, as any HTTP client sees it.
	hc := &http.Client{Transport: &http.Transport{DialContext: func(ctx context.Context, _, _ string) (net.Conn, error) {
		return (&net.Dialer{}).DialContext(ctx, "unix", sock)
	}}}
	req, err := http.NewRequest(http.MethodPost, "http://tvaultd/v1/records", bytes.NewReader(append(append([]byte("["), docs[1].Canonical()...), ']')))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+u.officer)
	req.Header.Set("Content-Type", "application/json")
	resp, err := hc.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	var body bytes.Buffer
	body.ReadFrom(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusInsufficientStorage || !strings.Contains(body.String(), `"code":"no-space"`) {
		t.Fatalf("put on a nearly full disk: %s %s", resp.Status, body.String())
	}
	if rec, err := officer.Get(ctx, ids[0]); err != nil || rec.ID != ids[0] {
		t.Fatalf("get on a nearly full disk: %v", err)
	}
	if list, err := officer.List(ctx, ""); err != nil || len(list) != 1 {
		t.Fatalf("list on a nearly full disk: %d records, %v; want 1", len(list), err)
	}

	if err := os.Remove(filler); err != nil {
		t.Fatal(err)
	}
	more, _, err := officer.Put(ctx, docs[1:])
	if err != nil {
		t.Fatalf("put once space is freed: %v", err)
	}
	if _, err := officer.Get(ctx, more[0]); err != nil {
		t.Fatal(err)
	}
	rep, err := d.client(t, u.auditor).AuditVerify(ctx, nil)
	if err != nil || rep.CheckpointSize != rep.Size {
		t.Fatalf("audit verify: %v; the checkpoint covers %d of %d entries", err, rep.CheckpointSize, rep.Size)
	}
	if err := d.stop(t, syscall.SIGTERM); err != nil {
		t.Fatalf("tvaultd exit: %v\n%s", err, log.String())
	}
	if s := log.String(); strings.Contains(s, "SIGBUS") || strings.Contains(s, "panic") {
		t.Fatalf("tvaultd's log:\n%s", s)
	}
	reopen(t, vaultDir)
}
