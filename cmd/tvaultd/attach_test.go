package main

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/tvault/tvault/vault/service"
)

// vmHWM returns the peak resident set size of process pid, in bytes.
func vmHWM(t *testing.T, pid int) int64 {
	t.Helper()
	f, err := os.Open(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		t.Skipf("no /proc: %v", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), "VmHWM:"); ok {
			kb, err := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
			if err != nil {
				t.Fatalf("VmHWM %q: %v", rest, err)
			}
			return kb << 10
		}
	}
	t.Fatal("no VmHWM in /proc status")
	return 0
}

// randomReader is n bytes of a seeded stream, so that a large upload
// needs no file and no buffer.
func randomReader(seed uint64, n int64) io.Reader {
	var s [32]byte
	s[0] = byte(seed)
	return io.LimitReader(rand.NewChaCha8(s), n)
}

// TestAttachmentMemory streams 64 MiB up to the daemon and back down, and
// checks that the daemon's peak RSS stays bounded: neither direction may
// hold the file in memory.
func TestAttachmentMemory(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("moves 128 MiB through the daemon")
	}
	const (
		size     = 64 << 20
		maxPeak  = 64 << 20 // absolute, as for a CLI command
		maxGrown = 48 << 20 // growth over the transfer
	)
	ctx := context.Background()
	vaultDir, u := newVault(t, 0)
	sock := filepath.Join(t.TempDir(), "tvaultd.sock")
	var log syncBuffer
	d := startDaemon(t, vaultDir, sock, &log, "TVAULT_PASSPHRASE_FILE="+passFile(t))
	officer := d.client(t, u.officer)
	ids, _, err := officer.Put(ctx, fixtures(t)[:1])
	if err != nil {
		t.Fatal(err)
	}
	pid := d.cmd.Process.Pid
	before := vmHWM(t, pid)

	want := sha256.New()
	att, err := officer.Attach(ctx, ids[0], io.TeeReader(randomReader(1, size), want), service.KindVideo, "memory test", "video/mp4")
	if err != nil {
		t.Fatalf("Attach: %v\n%s", err, log.String())
	}
	if att.Size != size || att.SHA256 != fmt.Sprintf("%x", want.Sum(nil)) {
		t.Fatalf("Attach = size %d, sha256 %s; want %d, %x", att.Size, att.SHA256, size, want.Sum(nil))
	}
	afterUp := vmHWM(t, pid)

	got := sha256.New()
	if err := officer.AttachmentGet(ctx, ids[0], att.ID, got); err != nil {
		t.Fatalf("AttachmentGet: %v", err)
	}
	if !bytes.Equal(got.Sum(nil), want.Sum(nil)) {
		t.Fatal("AttachmentGet gave other bytes than were attached")
	}
	afterDown := vmHWM(t, pid)

	t.Logf("tvaultd VmHWM: %d MiB before, %d MiB after the upload, %d MiB after the download (growth %d MiB)",
		before>>20, afterUp>>20, afterDown>>20, (afterDown-before)>>20)
	if afterDown > maxPeak {
		t.Errorf("tvaultd peak RSS %d MiB, want under %d MiB", afterDown>>20, maxPeak>>20)
	}
	if afterDown-before > maxGrown {
		t.Errorf("tvaultd peak RSS grew by %d MiB over a %d MiB transfer, want under %d MiB",
			(afterDown-before)>>20, size>>20, maxGrown>>20)
	}

	// A range and the raw blob stream too, and a researcher gets nothing.
	var rng bytes.Buffer
	if err := officer.AttachmentRange(ctx, ids[0], att.ID, size-10, -1, &rng); err != nil || rng.Len() != 10 {
		t.Errorf("AttachmentRange of the last 10 bytes = %d bytes, %v", rng.Len(), err)
	}
	var raw countWriter
	if err := officer.AttachmentRaw(ctx, ids[0], att.ID, &raw); err != nil || raw <= size {
		t.Errorf("AttachmentRaw = %d bytes, %v; want an age file over %d bytes", raw, err, size)
	}
	var none countWriter
	err = d.client(t, u.researcher).AttachmentGet(ctx, ids[0], att.ID, &none)
	if !errors.Is(err, service.ErrDenied) || none != 0 {
		t.Errorf("researcher AttachmentGet = %d bytes, %v; want nothing and ErrDenied", none, err)
	}
}

type countWriter int64

func (c *countWriter) Write(p []byte) (int, error) {
	*c += countWriter(len(p))
	return len(p), nil
}

// TestCrashMidAttach kills the daemon while it encrypts an upload: after
// a restart the unfinished blob is gone from the vault directory, the
// record lists only the attachment that completed, the audit log
// verifies, and attaching works again.
func TestCrashMidAttach(t *testing.T) {
	ctx := context.Background()
	vaultDir, u := newVault(t, 0)
	blobDir := filepath.Join(vaultDir, "blobs")
	sock := filepath.Join(t.TempDir(), "tvaultd.sock")
	pass := "TVAULT_PASSPHRASE_FILE=" + passFile(t)
	var log syncBuffer
	d := startDaemon(t, vaultDir, sock, &log, pass)
	officer := d.client(t, u.officer)
	ids, _, err := officer.Put(ctx, fixtures(t)[:1])
	if err != nil {
		t.Fatal(err)
	}
	done, err := officer.Attach(ctx, ids[0], randomReader(2, 1<<20), service.KindAudio, "", "audio/ogg")
	if err != nil {
		t.Fatal(err)
	}

	// An upload that never ends: the daemon keeps a temporary blob open.
	pr, pw := io.Pipe()
	go io.Copy(pw, randomReader(3, 1<<40))
	upload := make(chan error, 1)
	go func() {
		_, err := officer.Attach(ctx, ids[0], pr, service.KindVideo, "", "video/mp4")
		upload <- err
	}()
	temporary := func() []string {
		entries, _ := os.ReadDir(blobDir)
		var tmp []string
		for _, e := range entries {
			if fi, err := e.Info(); err == nil && strings.HasPrefix(e.Name(), ".tmp-") && fi.Size() > 8<<20 {
				tmp = append(tmp, e.Name())
			}
		}
		return tmp
	}
	deadline := time.Now().Add(20 * time.Second)
	for len(temporary()) == 0 {
		if time.Now().After(deadline) {
			t.Fatalf("no temporary blob of over 8 MiB in %s after 20 s\n%s", blobDir, log.String())
		}
		time.Sleep(10 * time.Millisecond)
	}
	d.stop(t, syscall.SIGKILL)
	pr.CloseWithError(errors.New("daemon killed"))
	if err := <-upload; err == nil {
		t.Fatal("the upload cut off by the kill succeeded")
	}

	d = startDaemon(t, vaultDir, sock, &log, pass)
	entries, err := os.ReadDir(blobDir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if len(names) != 1 {
		t.Errorf("after the restart, %s holds %v; want only the completed blob", blobDir, names)
	}
	officer = d.client(t, u.officer)
	list, err := officer.Attachments(ctx, ids[0])
	if err != nil || len(list) != 1 || list[0].ID != done.ID {
		t.Errorf("Attachments after the restart = %v, %v; want only %s", list, err, done.ID)
	}
	auditor := d.client(t, u.auditor)
	kept, err := auditor.AuditCheckpoint(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := auditor.AuditVerify(ctx, kept); err != nil {
		t.Errorf("audit verify after the crash: %v", err)
	}
	if _, err := officer.Attach(ctx, ids[0], randomReader(4, 1<<20), service.KindAudio, "", "audio/ogg"); err != nil {
		t.Errorf("Attach after the restart: %v", err)
	}
}
