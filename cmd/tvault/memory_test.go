package main

import (
	"bytes"
	"crypto/rand"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"testing"
)

// TestCommandMemory runs tvault as users build it (no race detector, which
// multiplies memory) at the keyring's real work factor, and checks the peak
// RSS of each command: under 64 MiB whatever the size of the recording,
// the scrypt unseal included.
func TestCommandMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("builds tvault and unseals at work factor 18")
	}
	if runtime.GOOS != "linux" {
		t.Skip("reads the peak RSS in Linux's units")
	}
	const limit = 64 << 20
	work := t.TempDir()
	build := exec.Command("go", "build", "-o", work, ".", "./testdata/maxrss")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	pass := filepath.Join(work, "pass")
	if err := os.WriteFile(pass, []byte("memory test passphrase\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	recording := filepath.Join(work, "interview.bin")
	data := make([]byte, 96<<20)
	rand.Read(data)
	if err := os.WriteFile(recording, data, 0o600); err != nil {
		t.Fatal(err)
	}

	// tvault runs one command through maxrss (see testdata/maxrss: this
	// process is too large to measure its children) and returns the first
	// line of its output.
	tvault := func(args ...string) string {
		t.Helper()
		cmd := exec.Command(filepath.Join(work, "maxrss"), append([]string{filepath.Join(work, "tvault")}, args...)...)
		cmd.Env = append(os.Environ(), "TVAULT_DIR="+filepath.Join(work, "vault"), "TVAULT_PASSPHRASE_FILE="+pass)
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
		if peak >= limit {
			t.Errorf("tvault %s: peak RSS %d MiB, want under %d MiB", strings.Join(args, " "), peak>>20, limit>>20)
		}
		line, _, _ := strings.Cut(string(out), "\n")
		return line
	}
	tvault("init")
	id := tvault("put", "../../testdata/corpus/t01-park-minji.json")
	att := tvault("attach", id, recording)
	got := filepath.Join(work, "got.bin")
	tvault("attachment", "get", id, att, "--out", got)
	back, err := os.ReadFile(got)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(back, data) {
		t.Fatal("attachment get gave other bytes than were attached")
	}
}
