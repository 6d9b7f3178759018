package main

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/tvault/tvault/internal/tmpfstest"
)

// TestDiskFull runs tvault, as its own process, on a vault in a small
// tmpfs that a filler file fills up. Before the store checked for space,
// a put there died of SIGBUS (exit 2) in Badger's memory-mapped log. Now,
// with 8 MiB left, every write command fails with the no-space error and
// its hint, exit 1, nothing on stdout and nothing stored (no blob either),
// and reads go on; with nothing left, every command fails the same way;
// and once the filler is removed the same writes succeed and the audit
// log verifies, the refused writes on record.
func TestDiskFull(t *testing.T) {
	// Its work is in child processes of its own.
	t.Parallel()
	tvault, err := exec.LookPath("tvault") // installed by testscript.Main
	if err != nil {
		t.Fatal(err)
	}
	fs := tmpfstest.Mount(t, 48<<20)
	corpus, err := filepath.Abs("../../testdata/corpus")
	if err != nil {
		t.Fatal(err)
	}
	work := t.TempDir()
	pass := filepath.Join(work, "pass")
	if err := os.WriteFile(pass, []byte("correct horse battery staple\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	attachment := filepath.Join(work, "interview.mp3")
	if err := os.WriteFile(attachment, bytes.Repeat([]byte("not really audio "), 1<<16), 0o600); err != nil {
		t.Fatal(err)
	}
	vaultDir := filepath.Join(fs, "vault")
	run := func(args ...string) (stdout, stderr string, code int) {
		t.Helper()
		cmd := exec.Command(tvault, args...)
		cmd.Env = append(os.Environ(), "TVAULT_DIR="+vaultDir, "TVAULT_PASSPHRASE_FILE="+pass,
			"TVAULT_STATE_DIR="+filepath.Join(work, "state"), "TVAULT_ADDR=", "TVAULT_TOKEN=")
		var out, errb bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &errb
		err := cmd.Run()
		var exit *exec.ExitError
		if err != nil && !errors.As(err, &exit) {
			t.Fatal(err)
		}
		return out.String(), errb.String(), cmd.ProcessState.ExitCode()
	}
	ok := func(args ...string) string {
		t.Helper()
		out, errs, code := run(args...)
		if code != 0 {
			t.Fatalf("tvault %s: exit %d\n%s", strings.Join(args, " "), code, errs)
		}
		return out
	}
	t01, t02, t03 := filepath.Join(corpus, "t01-park-minji.json"), filepath.Join(corpus, "t02-jang-sunhee.json"), filepath.Join(corpus, "t03-withheld.json")
	ok("init")
	id := strings.TrimSpace(ok("put", t01))
	ok("user", "add", "lee.researcher", "--role", "researcher")

	filler := tmpfstest.Fill(t, fs, 8<<20)
	writes := [][]string{
		{"put", t02},
		{"put", t02, t03},
		{"put", "--replace", id, t02},
		{"attach", id, attachment},
		{"user", "add", "kim.officer", "--role", "officer"},
		{"domain", "grant", "study-a", "--user", "lee.researcher"},
	}
	for _, args := range writes {
		out, errs, code := run(args...)
		if code != 1 || out != "" || !strings.Contains(errs, "tvault: error: ") ||
			!strings.Contains(errs, "no space left on the vault's file system") ||
			!strings.Contains(errs, "tvault: hint: nothing was stored; free space on the disk holding the vault, then retry") {
			t.Errorf("tvault %s on a nearly full disk: exit %d, stdout %q, stderr:\n%s", strings.Join(args, " "), code, out, errs)
		}
	}
	blobs, err := os.ReadDir(filepath.Join(vaultDir, "blobs"))
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		t.Fatal(err)
	}
	if len(blobs) != 0 {
		t.Errorf("the refused attach left %d files in blobs/", len(blobs))
	}
	if out := ok("get", id); !strings.Contains(out, `"name": "Park Minji"`) {
		t.Errorf("get on a nearly full disk:\n%s", out)
	}
	if out := ok("list"); strings.Count(out, "\n") != 2 {
		t.Errorf("list on a nearly full disk shows other than one record:\n%s", out)
	}

	// With two pages left the vault does not open, reads included (they
	// are audited), but nothing crashes: without the check, this put died
	// of SIGBUS in Badger's memory-mapped log.
	tmpfstest.Fill(t, fs, 8<<10)
	for _, args := range [][]string{{"put", t02}, {"get", id}} {
		out, errs, code := run(args...)
		if code != 1 || out != "" || !strings.Contains(errs, "no space left on the vault's file system") {
			t.Errorf("tvault %s on a full disk: exit %d, stdout %q, stderr:\n%s", strings.Join(args, " "), code, out, errs)
		}
	}

	if err := os.Remove(filler); err != nil {
		t.Fatal(err)
	}
	id2 := strings.TrimSpace(ok("put", t02))
	if !regexp.MustCompile(`^[a-z2-7]{26}$`).MatchString(id2) {
		t.Fatalf("put once space is freed printed %q", id2)
	}
	ok("attach", id, attachment)
	if out := ok("get", id2); !strings.Contains(out, `"case": "TV-2019-102"`) && !strings.Contains(out, "Jang") {
		t.Errorf("get of the record put once space is freed:\n%s", out)
	}
	if out := ok("audit", "verify"); !strings.Contains(out, "audit log verified") {
		t.Errorf("audit verify:\n%s", out)
	}
	if out := ok("audit", "log", "--json"); strings.Count(out, `"outcome":"error","attrs":{`) != len(writes) ||
		strings.Count(out, `"error":"no-space"`) != len(writes) {
		t.Errorf("the %d refused writes are not on record as such:\n%s", len(writes), out)
	}
}
