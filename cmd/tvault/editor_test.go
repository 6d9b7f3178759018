package main

import (
	"errors"
	"os"
	"path/filepath"
	"strconv"
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

// TestEditFormHangup: a hangup while the editor runs ends the edit once
// the editor quits, with nothing stored and the form removed, where
// tvault would otherwise die and leave the form behind.
func TestEditFormHangup(t *testing.T) {
	if memoryBacked("/dev/shm") != nil {
		t.Skip("no memory-backed /dev/shm")
	}
	mem, err := os.MkdirTemp("/dev/shm", "tvault-test-")
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(mem)
	editor := filepath.Join(t.TempDir(), "hangup.sh")
	if err := os.WriteFile(editor, []byte("#!/bin/sh\nkill -HUP "+strconv.Itoa(os.Getpid())+"\nsleep 0.2\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("XDG_RUNTIME_DIR", mem)
	t.Setenv("VISUAL", "")
	t.Setenv("EDITOR", editor)
	err = editForm("testimony.md", []byte("---\n---\n"), func([]byte) error {
		t.Error("the form was accepted after a hangup")
		return nil
	})
	if err == nil || !strings.Contains(err.Error(), "hangup while the editor ran; nothing stored") {
		t.Errorf("editForm = %v, want the hangup", err)
	}
	if left, _ := os.ReadDir(mem); len(left) != 0 {
		t.Errorf("left in %s: %v", mem, left)
	}
}

// TestVimLike: vi, vim and neovim are told to keep no viminfo under any
// name that resolves to them, as Debian's editor, view and vi do.
func TestVimLike(t *testing.T) {
	bin := t.TempDir()
	for _, f := range []string{"vim.basic", "nano"} {
		if err := os.WriteFile(filepath.Join(bin, f), []byte("#!/bin/sh\n"), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	for link, target := range map[string]string{"editor": "vim.basic", "sensible": "nano"} {
		if err := os.Symlink(filepath.Join(bin, target), filepath.Join(bin, link)); err != nil {
			t.Fatal(err)
		}
	}
	t.Setenv("PATH", bin)
	for name, want := range map[string]bool{
		"vi": true, "vim": true, "nvim": true, "gvim": true, "view": true, "ex": true,
		"vim.basic": true, "vim.tiny": true, "editor": true, "/usr/bin/vim": true,
		"nano": false, "sensible": false, "code": false, "emacs": false,
	} {
		if got := vimLike(name); got != want {
			t.Errorf("vimLike(%q) = %v, want %v", name, got, want)
		}
	}
}
