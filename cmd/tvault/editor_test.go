package main

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestFirstMemoryDir(t *testing.T) {
	disk := t.TempDir()
	file := filepath.Join(disk, "file")
	if err := os.WriteFile(file, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	if memoryBacked(disk) == nil {
		t.Skip("the test's temporary directory is in memory: nothing to refuse")
	}
	_, err := firstMemoryDir([]candidateDir{{"", "$XDG_RUNTIME_DIR"}, {"relative", "$A"}, {file, "$B"}, {disk, "$C"},
		{filepath.Join(disk, "none"), "$D"}})
	var nm *noMemoryError
	if !errors.As(err, &nm) {
		t.Fatalf("firstMemoryDir: %v, want a refusal", err)
	}
	for _, want := range []string{"tvault writes no plaintext to a disk", "$XDG_RUNTIME_DIR is not set",
		"$A (relative) is not an absolute path", "$B (" + file + "): not a directory",
		"$C (" + disk + "): not memory-backed", "$D (" + disk + "/none): stat"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("refusal %q does not say %q", err, want)
		}
	}
	if memoryBacked("/dev/shm") != nil {
		t.Skip("no memory-backed /dev/shm")
	}
	if dir, err := firstMemoryDir([]candidateDir{{disk, "$C"}, {"/dev/shm", "/dev/shm"}}); err != nil || dir != "/dev/shm" {
		t.Errorf("firstMemoryDir = %q, %v; want /dev/shm", dir, err)
	}
}
