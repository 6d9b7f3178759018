package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// maxExposure is the highest "systemd-analyze security" exposure level
// (0 to 10, lower is better) that the unit may have.
const maxExposure = 2.0

// TestSystemdUnit checks packaging/systemd/tvaultd.service with
// systemd-analyze: verify accepts it (its ExecStart pointed at an
// executable that exists, this test, and its man: documentation link at
// the tvaultd(8) that tvaultd generates), and security rates it at most
// maxExposure, the rating that docs/DEPLOY.md states.
func TestSystemdUnit(t *testing.T) {
	t.Parallel()
	analyze, err := exec.LookPath("systemd-analyze")
	if err != nil {
		t.Skip("systemd-analyze is not installed")
	}
	unit, err := os.ReadFile(filepath.Join("..", "..", "packaging", "systemd", "tvaultd.service"))
	if err != nil {
		t.Fatal(err)
	}
	const execStart = "\nExecStart=/usr/local/bin/tvaultd "
	if !bytes.Contains(unit, []byte(execStart)) {
		t.Fatalf("the unit has no %q", execStart)
	}
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	name := filepath.Join(dir, "tvaultd.service")
	unit = bytes.Replace(unit, []byte(execStart), []byte("\nExecStart="+self+" "), 1)
	if err := os.WriteFile(name, unit, 0o644); err != nil {
		t.Fatal(err)
	}
	var page bytes.Buffer
	if err := manPage().Write(&page); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(dir, "man", "man8"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "man", "man8", "tvaultd.8"), page.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}

	verify := exec.Command(analyze, "verify", name)
	verify.Env = append(os.Environ(), "MANPATH="+filepath.Join(dir, "man"), "SYSTEMD_LOG_COLOR=0")
	if out, err := verify.CombinedOutput(); err != nil || len(out) > 0 {
		t.Fatalf("systemd-analyze verify: %v\n%s", err, out)
	}

	out, err := exec.Command(analyze, "security", "--offline=true", "--no-pager", name).CombinedOutput()
	if err != nil && bytes.Contains(out, []byte("--offline")) {
		t.Skipf("this systemd-analyze cannot rate a unit file offline: %s", out)
	}
	m := regexp.MustCompile(`Overall exposure level for tvaultd\.service: ([0-9.]+) ([A-Z]+)`).FindSubmatch(out)
	if m == nil {
		t.Fatalf("systemd-analyze security: %v, and no rating:\n%s", err, out)
	}
	level, _ := strconv.ParseFloat(string(m[1]), 64)
	if level > maxExposure {
		t.Errorf("the unit's exposure level is %s, above %.1f:\n%s", m[1], maxExposure, out)
	}
	deploy, err := os.ReadFile(filepath.Join("..", "..", "docs", "DEPLOY.md"))
	if err != nil {
		t.Fatal(err)
	}
	rating := "exposure level " + string(m[1]) + " " + string(m[2])
	if !strings.Contains(string(deploy), rating) {
		t.Errorf("docs/DEPLOY.md does not state the unit's rating, %q", rating)
	}
}
