package main

import (
	"bytes"
	"crypto/rand"
	"crypto/sha256"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"filippo.io/age/armor"
)

// TestCommandMemory runs tvault as users build it (no race detector, which
// multiplies memory) at the keyring's real work factor, the one test that
// does, and checks the memory each command needs for its data: its peak RSS
// may exceed the peak of a command that only opens the vault by under
// 64 MiB, whatever the size of the recording. The open's own peak, mostly
// age's scrypt table (256 MiB at work factor 18), is a fixed cost and is
// only logged.
//
// Go reuses the heap the scrypt leaves behind, so a command that held its
// data in memory would show above the open's peak only by what exceeds
// it. The recording is therefore larger than that peak plus the limit:
// held whole, it fails the test whatever it reuses.
func TestCommandMemory(t *testing.T) {
	// Its work is in child processes of its own.
	t.Parallel()
	if testing.Short() {
		t.Skip("builds tvault and unseals at work factor 18")
	}
	if runtime.GOOS != "linux" {
		t.Skip("reads the peak RSS in Linux's units")
	}
	const dataLimit = 64 << 20
	work := t.TempDir()
	build := exec.Command("go", "build", "-o", work, ".", "./testdata/maxrss")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	pass := filepath.Join(work, "pass")
	if err := os.WriteFile(pass, []byte("memory test passphrase\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	// tvault runs one command through maxrss (see testdata/maxrss: this
	// process is too large to measure its children) and returns the first
	// line of its output and its peak RSS in bytes.
	tvault := func(args ...string) (string, int64) {
		t.Helper()
		cmd := exec.Command(filepath.Join(work, "maxrss"), append([]string{filepath.Join(work, "tvault")}, args...)...)
		cmd.Env = append(os.Environ(), "TVAULT_DIR="+filepath.Join(work, "vault"), "TVAULT_PASSPHRASE_FILE="+pass,
			"TVAULT_STATE_DIR="+filepath.Join(work, "state"))
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("tvault %s: %v\n%s", strings.Join(args, " "), err, stderr.String())
		}
		m := regexp.MustCompile(`(?m)^maxrss (\d+)$`).FindStringSubmatch(stderr.String())
		if m == nil {
			t.Fatalf("tvault %s: no peak RSS in %q", args[0], stderr.String())
		}
		kib, _ := strconv.ParseInt(m[1], 10, 64)
		peak := kib << 10
		t.Logf("tvault %s: peak RSS %.1f MiB", args[0], float64(peak)/(1<<20))
		line, _, _ := strings.Cut(string(out), "\n")
		return line, peak
	}
	tvault("init")
	if sealed, err := os.ReadFile(filepath.Join(work, "vault", "keyring.age")); err != nil {
		t.Fatal(err)
	} else if hdr, err := io.ReadAll(io.LimitReader(armor.NewReader(bytes.NewReader(sealed)), 64)); err != nil ||
		!regexp.MustCompile(`\n-> scrypt \S+ 18\n`).Match(hdr) {
		t.Fatalf("tvault init did not seal at work factor 18 (%v):\n%s", err, hdr)
	}
	_, open := tvault("list")
	recording := filepath.Join(work, "interview.bin")
	want := writeRandom(t, recording, open+dataLimit)
	t.Logf("recording: %d MiB", (open+dataLimit)>>20)
	// dataCmd runs a command that reads or writes data and checks what it
	// needs above the open.
	dataCmd := func(args ...string) string {
		t.Helper()
		line, peak := tvault(args...)
		if peak-open >= dataLimit {
			t.Errorf("tvault %s: peak RSS %d MiB, %d MiB above the open's %d MiB, want under %d MiB above",
				strings.Join(args, " "), peak>>20, (peak-open)>>20, open>>20, dataLimit>>20)
		}
		return line
	}
	id := dataCmd("put", "../../testdata/corpus/t01-park-minji.json")
	att := dataCmd("attach", id, recording)
	got := filepath.Join(work, "got.bin")
	dataCmd("attachment", "get", id, att, "--out", got)
	if sum := fileSHA256(t, got); sum != want {
		t.Fatal("attachment get gave other bytes than were attached")
	}
}

// writeRandom writes size random bytes to name and returns their SHA-256.
func writeRandom(t *testing.T, name string, size int64) [sha256.Size]byte {
	t.Helper()
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		t.Fatal(err)
	}
	h := sha256.New()
	if _, err := io.CopyN(io.MultiWriter(f, h), rand.Reader, size); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	return [sha256.Size]byte(h.Sum(nil))
}

func fileSHA256(t *testing.T, name string) [sha256.Size]byte {
	t.Helper()
	f, err := os.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		t.Fatal(err)
	}
	return [sha256.Size]byte(h.Sum(nil))
}
