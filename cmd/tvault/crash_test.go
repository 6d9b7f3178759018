package main

import (
	"bytes"
	"context"
	"errors"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

// TestKilledOutputLeavesNothing kills tvault with SIGKILL while it writes
// an attachment's plaintext to --out FILE, and checks that FILE's
// directory holds nothing afterwards: no FILE, and no hidden partial file
// beside it. A fake tvaultd sends the first MiB of the attachment and then
// stalls, so the kill lands mid-write every time.
func TestKilledOutputLeavesNothing(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("unnamed files (O_TMPFILE) and /proc are Linux's")
	}
	tvault, err := exec.LookPath("tvault") // installed by testscript.Main
	if err != nil {
		t.Fatal(err)
	}
	outDir := t.TempDir()
	f, err := os.OpenFile(outDir, os.O_WRONLY|unix.O_TMPFILE, 0o600)
	if err != nil {
		t.Skipf("the test's temporary directory has no O_TMPFILE: %v", err)
	}
	f.Close()

	const sent = 1 << 20
	plaintext := bytes.Repeat([]byte("testimony plaintext "), sent/20+1)[:sent]
	mux := http.NewServeMux()
	mux.HandleFunc("GET /v1/records/{id}/attachments/{att}", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/octet-stream")
		w.Write(plaintext)
		w.(http.Flusher).Flush()
		<-r.Context().Done()
	})
	sock := filepath.Join(t.TempDir(), "d.sock")
	l, err := net.Listen("unix", sock)
	if err != nil {
		t.Fatal(err)
	}
	srv := &http.Server{Handler: mux}
	go srv.Serve(l)
	t.Cleanup(func() { srv.Shutdown(context.Background()) })

	out := filepath.Join(outDir, "interview.mp4")
	cmd := exec.Command(tvault, "attachment", "get", "aaaaaaaaaaaaaaaaaaaaaaaaaa", "bbbbbbbbbbbbbbbbbbbbbbbbbb", "--out", out)
	cmd.Env = append(os.Environ(), "TVAULT_ADDR=unix:"+sock, "TVAULT_TOKEN=tvt_crash-test", "TVAULT_TOKEN_FILE=", "TVAULT_DIR=")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	t.Cleanup(func() { cmd.Process.Kill() })

	// Wait until tvault holds an open file in outDir with every byte
	// sent in it.
	deadline := time.After(60 * time.Second)
	for !holdsFile(cmd.Process.Pid, outDir, sent) {
		select {
		case err := <-exited:
			t.Fatalf("tvault ended before it was killed: %v; stderr:\n%s", err, stderr.String())
		case <-deadline:
			t.Fatalf("tvault never wrote %d bytes to a file in %s", sent, outDir)
		case <-time.After(5 * time.Millisecond):
		}
	}
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	var exit *exec.ExitError
	if err := <-exited; !errors.As(err, &exit) || exit.Sys().(syscall.WaitStatus).Signal() != syscall.SIGKILL {
		t.Fatalf("tvault ended with %v, not by SIGKILL; stderr:\n%s", err, stderr.String())
	}
	entries, err := os.ReadDir(outDir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		t.Errorf("killed tvault left %s in the output directory", e.Name())
	}
}

// holdsFile reports whether process pid has a file open in dir (named or
// not) holding at least size bytes.
func holdsFile(pid int, dir string, size int64) bool {
	fds := "/proc/" + strconv.Itoa(pid) + "/fd"
	entries, _ := os.ReadDir(fds)
	for _, e := range entries {
		fd := filepath.Join(fds, e.Name())
		target, err := os.Readlink(fd)
		if err != nil || !strings.HasPrefix(target, dir+"/") {
			continue
		}
		if fi, err := os.Stat(fd); err == nil && fi.Size() >= size {
			return true
		}
	}
	return false
}
