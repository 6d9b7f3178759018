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
	"testing"

	"github.com/tvault/tvault/vault"
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
	if testing.Short() {
		t.Skip("moves 128 MiB through the daemon")
	}
	const (
		size     = 64 << 20
		maxPeak  = 128 << 20 // absolute, whatever the unseal used
		maxGrown = 48 << 20  // growth over the transfer
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
	att, err := officer.Attach(ctx, ids[0], io.TeeReader(randomReader(1, size), want), vault.KindVideo, "memory test", "video/mp4")
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
	if !errors.Is(err, vault.ErrDenied) || none != 0 {
		t.Errorf("researcher AttachmentGet = %d bytes, %v; want nothing and ErrDenied", none, err)
	}
}

type countWriter int64

func (c *countWriter) Write(p []byte) (int, error) {
	*c += countWriter(len(p))
	return len(p), nil
}
