//go:build linux

package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tvault/tvault/internal/synthetic"
)

// TestKilledRekeyFinishesAtOpen kills tvault rekey with SIGKILL once it
// has re-encrypted its first record, and checks that the next command
// finishes the rekey at its open: every record and attachment reads,
// pseudonyms are unchanged, check --read-data passes, and the log verifies
// with the verifier key of before the rekey.
func TestKilledRekeyFinishesAtOpen(t *testing.T) {
	// Its work is in child processes of its own.
	t.Parallel()
	tvault, err := exec.LookPath("tvault") // installed by testscript.Main
	if err != nil {
		t.Fatal(err)
	}
	work := t.TempDir()
	pass := filepath.Join(work, "pass")
	if err := os.WriteFile(pass, []byte("correct horse battery staple\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	env := append(os.Environ(), "TVAULT_DIR="+filepath.Join(work, "vault"), "TVAULT_PASSPHRASE_FILE="+pass,
		"TVAULT_STATE_DIR="+filepath.Join(work, "state"), "TVAULT_ADDR=", "TVAULT_TOKEN=")
	run := func(args ...string) (stdout, stderr string) {
		t.Helper()
		cmd := exec.Command(tvault, args...)
		cmd.Env = env
		var out, errb bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &errb
		if err := cmd.Run(); err != nil {
			t.Fatalf("tvault %s: %v\n%s", strings.Join(args, " "), err, errb.String())
		}
		return out.String(), errb.String()
	}

	// Few commands: each opens the vault, which is most of a test's time.
	const records, attached = 8, 3
	var files []string
	for i := range records {
		b, err := json.Marshal(synthetic.Testimony(i))
		if err != nil {
			t.Fatal(err)
		}
		f := filepath.Join(work, fmt.Sprintf("t%02d.json", i))
		if err := os.WriteFile(f, b, 0o600); err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
	}
	run("init")
	out, _ := run(append([]string{"put"}, files...)...)
	ids := strings.Fields(out)
	if len(ids) != records {
		t.Fatalf("put printed %d IDs, want %d", len(ids), records)
	}
	media := filepath.Join(work, "interview.mp3")
	data := bytes.Repeat([]byte("not really audio "), 1<<16)
	if err := os.WriteFile(media, data, 0o600); err != nil {
		t.Fatal(err)
	}
	atts := map[string]string{}
	for _, id := range ids[:attached] {
		out, _ := run("attach", id, media)
		atts[id] = strings.TrimSpace(out)
	}
	persons, _ := run("person", "list")
	vkey, _ := run("audit", "key")
	if err := os.WriteFile(filepath.Join(work, "old.vkey"), []byte(vkey), 0o600); err != nil {
		t.Fatal(err)
	}

	// Progress is drawn only on a terminal: standard error on a
	// pseudo-terminal, read until the first re-encryption shows.
	master, slave, err := openPTY()
	if err != nil {
		t.Fatal(err)
	}
	defer master.Close()
	cmd := exec.Command(tvault, "rekey")
	cmd.Env = env
	cmd.Stderr = slave
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	slave.Close()
	t.Cleanup(func() { cmd.Process.Kill() })
	var screen []byte
	buf := make([]byte, 4096)
	killed := false
	for !killed {
		n, err := master.Read(buf)
		screen = append(screen, buf[:n]...)
		if bytes.Contains(screen, []byte("re-encrypting")) && bytes.Contains(screen, []byte(" records")) {
			cmd.Process.Kill() // SIGKILL
			killed = true
		}
		if err != nil {
			break
		}
	}
	err = cmd.Wait()
	var exit *exec.ExitError
	if !killed || !errors.As(err, &exit) || exit.ExitCode() != -1 {
		t.Fatalf("tvault rekey was not killed mid-way: %v", err)
	}

	// The next open finishes the rekey, and says so; then every record
	// and attachment reads, and checks.
	_, warned := run("check", "--read-data")
	if !strings.Contains(warned, "finishing a rekey that was cut off") {
		t.Errorf("the open after the kill did not finish a rekey; stderr:\n%s", warned)
	}
	newKey, _ := run("audit", "key")
	if newKey == vkey {
		t.Error("the audit key is the one of before the rekey")
	}
	for id, att := range atts {
		got := filepath.Join(work, id+".mp3")
		run("attachment", "get", id, att, "--out", got)
		if b, err := os.ReadFile(got); err != nil || !bytes.Equal(b, data) {
			t.Fatalf("attachment %s after the rekey: %v", att, err)
		}
	}
	if after, _ := run("person", "list"); after != persons {
		t.Errorf("pseudonyms changed:\n%s\nwas\n%s", after, persons)
	}
	export := filepath.Join(work, "audit.log")
	run("audit", "export", "--out", export)
	run("audit", "verify", "--log", export, "--key", strings.TrimSpace(vkey))
}
