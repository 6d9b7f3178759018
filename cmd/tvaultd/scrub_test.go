package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tvault/tvault/audit"
	"github.com/tvault/tvault/internal/api"
	"github.com/tvault/tvault/vault"
	"github.com/tvault/tvault/vault/service"
	"github.com/tvault/tvault/vault/testimony"
)

// TestScrub runs the daemon with a short scrub interval: a damaged
// attachment file makes health degraded, logged and audited; once the
// file is back, a later scrub clears it. Nothing of the vault's content is
// logged.
func TestScrub(t *testing.T) {
	t.Parallel()
	s, sock, u, log := testServer(t, 4, 10, time.Second)
	// The daemon is sealed: the vault is free to fill first.
	dir := s.cfg.dir
	v, err := vault.Open(dir, testPass)
	if err != nil {
		t.Fatal(err)
	}
	ids, _, err := v.Put(localCtx, fixtures(t)[:1])
	if err != nil {
		t.Fatal(err)
	}
	if _, err := v.Attach(localCtx, ids[0], strings.NewReader("a recording"), service.KindAudio, "", "audio/ogg"); err != nil {
		t.Fatal(err)
	}
	if err := v.Close(); err != nil {
		t.Fatal(err)
	}
	blobs, err := filepath.Glob(filepath.Join(dir, "blobs", "*"))
	if err != nil || len(blobs) != 1 {
		t.Fatalf("blob files %v, %v; want one", blobs, err)
	}
	s.cfg.scrubInterval = 50 * time.Millisecond
	if err := s.unsealFromFile(passFile(t)); err != nil {
		t.Fatal(err)
	}
	waitHealth := func(status string) api.Health { return waitHealth(t, sock, status) }
	waitHealth(api.StatusOK)
	aside := blobs[0] + ".aside"
	if err := os.Rename(blobs[0], aside); err != nil {
		t.Fatal(err)
	}
	if h := waitHealth(api.StatusDegraded); h.Problems != 1 {
		t.Errorf("degraded health %+v, want 1 problem", h)
	}
	if err := os.Rename(aside, blobs[0]); err != nil {
		t.Fatal(err)
	}
	waitHealth(api.StatusOK)

	// An auditor's check through the daemon answers the same.
	c := newClient(t, sock, u.auditor)
	r, err := c.Check(context.Background(), service.CheckOptions{})
	if err != nil || !r.OK() {
		t.Fatalf("Check through the daemon: %+v, %v", r, err)
	}
	if _, err := c.Check(context.Background(), service.CheckOptions{}); err != nil {
		t.Fatal(err)
	}
	if _, err := newClient(t, sock, u.researcher).Check(context.Background(), service.CheckOptions{}); err == nil {
		t.Error("a researcher's check was allowed")
	}
	if _, err := s.close(); err != nil {
		t.Fatal(err)
	}

	if !strings.Contains(log.String(), `"msg":"scrub found problems`) || !strings.Contains(log.String(), `"kinds":{"blob":1}`) {
		t.Errorf("no log line for the failed scrub:\n%s", log.String())
	}
	// The scrubs are in the audit log, the failed one with its count.
	v = reopen(t, dir)
	found := map[string]bool{}
	err = v.AuditLog(localCtx, service.AuditFilter{Actor: scrubActor.Name}, func(e *audit.Entry) error {
		if e.Action == "check" {
			found[e.Attr("problems")] = true
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if !found["0"] || !found["1"] {
		t.Errorf("scrub entries with problems %v, want 0 and 1", found)
	}
	if r, err := v.Check(localCtx, service.CheckOptions{ReadData: true}); err != nil || !r.OK() {
		t.Errorf("check after the daemon: %+v, %v", r, err)
	}
}

// waitHealth polls the health of the daemon on sock until it has status,
// or fails the test.
func waitHealth(t *testing.T, sock, status string) api.Health {
	t.Helper()
	hc := rawClient(sock)
	var h api.Health
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		resp, err := hc.Get("http://tvaultd/v1/health")
		if err != nil {
			t.Fatal(err)
		}
		err = json.NewDecoder(resp.Body).Decode(&h)
		resp.Body.Close()
		if err != nil || resp.StatusCode != http.StatusOK {
			t.Fatalf("health: %d, %v", resp.StatusCode, err)
		}
		if h.Status == status {
			return h
		}
	}
	t.Fatalf("health still %+v after 10s, want %s", h, status)
	return h
}

// TestTableChangedWhileServing changes a table of the vault's database
// while the daemon serves it, as someone with write access to the vault
// directory would: reads that follow refuse with an integrity error,
// never an answer from the changed table (Badger reads a damaged block
// as a block without the key), and health says degraded at once.
func TestTableChangedWhileServing(t *testing.T) {
	t.Parallel()
	s, sock, u, _ := testServer(t, 4, 10, time.Second)
	dir := s.cfg.dir
	ids := serveWith(t, s, fixtures(t)[:3])
	c := newClient(t, sock, u.officer)
	ctx := context.Background()
	if _, err := c.Get(ctx, ids[0]); err != nil {
		t.Fatal(err)
	}
	tables, err := filepath.Glob(filepath.Join(dir, "db", "*.sst"))
	if err != nil || len(tables) == 0 {
		t.Fatalf("tables %v, %v", tables, err)
	}
	f, err := os.OpenFile(tables[0], os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	b := make([]byte, 1)
	if _, err := f.ReadAt(b, 200); err != nil {
		t.Fatal(err)
	}
	b[0] ^= 0x20
	if _, err := f.WriteAt(b, 200); err != nil {
		t.Fatal(err)
	}
	f.Close()
	for _, id := range ids {
		if _, err := c.Get(ctx, id); !errors.Is(err, service.ErrCorrupt) && !errors.As(err, new(*service.IntegrityError)) {
			t.Errorf("get %s after the change: %v, want an integrity error", id, err)
		}
	}
	if list, err := c.List(ctx, ""); !errors.Is(err, service.ErrCorrupt) && !errors.As(err, new(*service.IntegrityError)) {
		t.Errorf("list after the change: %d records, %v; want an integrity error", len(list), err)
	}
	if h := waitHealth(t, sock, api.StatusDegraded); h.Problems < 1 {
		t.Errorf("health %+v", h)
	}
	s.close()
}

// TestValueLogDamagedWhileServing damages the value log, where the
// long testimonies are, while the daemon serves the vault (review12e V1):
// the first request that reads a damaged value fails with an integrity
// error, health says degraded at once, and every later request fails
// too, the short testimonies' included: never a mix of answers.
func TestValueLogDamagedWhileServing(t *testing.T) {
	t.Parallel()
	s, sock, u, _ := testServer(t, 4, 10, time.Second)
	dir := s.cfg.dir
	docs := fixtures(t)[:3]
	docs[0].Narrative = strings.Repeat("The interview went on about the crossing. ", 150)
	ids := serveWith(t, s, docs)
	c := newClient(t, sock, u.officer)
	ctx := context.Background()
	// A byte flipped every 512 of each value log's entries, which take
	// far less than the first MiB Badger preallocates.
	vlogs, _ := filepath.Glob(filepath.Join(dir, "db", "*.vlog"))
	for _, name := range vlogs {
		f, err := os.OpenFile(name, os.O_RDWR, 0)
		if err != nil {
			t.Fatal(err)
		}
		data := make([]byte, 1<<20)
		n, _ := f.ReadAt(data, 0)
		data = bytes.TrimRight(data[:n], "\x00")
		for off := int64(100); off < int64(len(data)); off += 512 {
			if _, err := f.WriteAt([]byte{data[off] ^ 0x20}, off); err != nil {
				t.Fatal(err)
			}
		}
		f.Close()
	}
	waitHealth(t, sock, api.StatusOK)
	for _, id := range ids {
		if _, err := c.Get(ctx, id); !errors.Is(err, service.ErrCorrupt) && !errors.As(err, new(*service.IntegrityError)) {
			t.Errorf("get %s after the damage: %v, want an integrity error", id, err)
		}
	}
	if h := waitHealth(t, sock, api.StatusDegraded); h.Problems < 1 {
		t.Errorf("health after a read met the damage: %+v", h)
	}
	s.close()
}

// serveWith puts docs into the sealed daemon's vault, then unseals the
// daemon without background scrubs (the tests damage the vault and read
// it themselves), and returns the records' IDs.
func serveWith(t *testing.T, s *server, docs []*testimony.Testimony) []string {
	t.Helper()
	v, err := vault.Open(s.cfg.dir, testPass)
	if err != nil {
		t.Fatal(err)
	}
	ids, _, err := v.Put(localCtx, docs)
	if err != nil {
		t.Fatal(err)
	}
	if err := v.Close(); err != nil {
		t.Fatal(err)
	}
	s.cfg.scrubInterval = 0
	if err := s.unsealFromFile(passFile(t)); err != nil {
		t.Fatal(err)
	}
	return ids
}
