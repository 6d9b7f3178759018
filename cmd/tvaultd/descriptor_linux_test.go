package main

import (
	"bytes"
	"context"
	"errors"
	"io"
	"math/rand/v2"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/sys/unix"

	"github.com/tvault/tvault/internal/api"
	"github.com/tvault/tvault/vault/service"
)

// openOn counts this process's descriptors open on the file name, from
// /proc/self/fd: the test's own, and any the daemon's code holds.
func openOn(t *testing.T, name string) int {
	t.Helper()
	entries, err := os.ReadDir("/proc/self/fd")
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, e := range entries {
		if target, err := os.Readlink(filepath.Join("/proc/self/fd", e.Name())); err == nil && target == name {
			n++
		}
	}
	return n
}

// waitOpenOn waits up to a second for openOn(name) to be want, which a
// server's goroutine may reach just after the client has its answer.
func waitOpenOn(t *testing.T, name string, want int, what string) {
	t.Helper()
	deadline := time.Now().Add(time.Second)
	for {
		n := openOn(t, name)
		if n == want {
			return
		}
		if time.Now().After(deadline) {
			t.Errorf("%s: %d descriptors open on the file, want %d", what, n, want)
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// sendRights writes p to c with descriptors fds in one message.
func sendRights(t *testing.T, c *net.UnixConn, p []byte, fds ...int) {
	t.Helper()
	if _, _, err := c.WriteMsgUnix(p, unix.UnixRights(fds...), nil); err != nil {
		t.Fatal(err)
	}
}

func tempFile(t *testing.T, name string, flag int) *os.File {
	t.Helper()
	f, err := os.OpenFile(filepath.Join(t.TempDir(), name), flag|os.O_CREATE, 0o600)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// TestDescriptorConn checks what a connection of the unix listener does
// with the descriptors a client sends: the first is kept for a request
// to take, one beyond it in the same message or while it is pending is
// closed at once, and a pending one is closed by drop (the end of a
// request) and by the connection's Close. Descriptors arrive
// close-on-exec, and none stays open.
func TestDescriptorConn(t *testing.T) {
	ln, err := listenUnix(filepath.Join(t.TempDir(), "s.sock"))
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	cc, err := net.Dial("unix", ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer cc.Close()
	sc, err := ln.Accept()
	if err != nil {
		t.Fatal(err)
	}
	dc := sc.(*descriptorConn)
	defer dc.Close()
	client := cc.(*net.UnixConn)
	a, b := tempFile(t, "a", os.O_WRONLY), tempFile(t, "b", os.O_WRONLY)
	read := func(want string) {
		t.Helper()
		buf := make([]byte, 8)
		if n, err := dc.Read(buf); err != nil || string(buf[:n]) != want {
			t.Fatalf("Read = %q, %v; want %q", buf[:n], err, want)
		}
	}
	// takeOn takes the pending descriptor, checks that it is one on
	// the file f, and closes it.
	takeOn := func(f *os.File, what string) {
		t.Helper()
		fd := dc.take()
		var got, want unix.Stat_t
		if fd < 0 || unix.Fstat(fd, &got) != nil || unix.Fstat(int(f.Fd()), &want) != nil || got.Ino != want.Ino {
			t.Fatalf("%s: took %d, not a descriptor of %s", what, fd, f.Name())
		}
		if fl, err := unix.FcntlInt(uintptr(fd), unix.F_GETFD, 0); err != nil || fl&unix.FD_CLOEXEC == 0 {
			t.Errorf("%s: descriptor flags %#x, %v; want close-on-exec", what, fl, err)
		}
		unix.Close(fd)
	}

	sendRights(t, client, []byte("one"), int(a.Fd()))
	read("one")
	if n := openOn(t, a.Name()); n != 2 {
		t.Fatalf("one descriptor sent: %d open on the file, want 2", n)
	}
	takeOn(a, "one descriptor")
	if fd := dc.take(); fd != -1 {
		t.Fatalf("took %d a second time", fd)
	}

	sendRights(t, client, []byte("two"), int(a.Fd()), int(b.Fd()))
	read("two")
	waitOpenOn(t, b.Name(), 1, "two in a message")
	takeOn(a, "two in a message")

	sendRights(t, client, []byte("x"), int(a.Fd()))
	read("x")
	sendRights(t, client, []byte("y"), int(b.Fd()))
	read("y")
	waitOpenOn(t, b.Name(), 1, "one while another is pending")
	dc.drop()
	waitOpenOn(t, a.Name(), 1, "dropped")

	sendRights(t, client, []byte("z"), int(a.Fd()))
	read("z")
	dc.Close()
	waitOpenOn(t, a.Name(), 1, "pending at close")
}

// TestOutputFile checks which descriptors the daemon writes into, and
// that a refused one is closed at once.
func TestOutputFile(t *testing.T) {
	dir := t.TempDir()
	var fs unix.Statfs_t
	if err := unix.Statfs(dir, &fs); err != nil || !localFileSystems[int64(fs.Type)] {
		t.Skipf("the temporary directory is on file system %#x, not one the daemon writes to", fs.Type)
	}
	name := filepath.Join(dir, "out")
	if err := os.WriteFile(name, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	open := func(path string, flag int) func() (int, error) {
		return func() (int, error) { return unix.Open(path, flag|unix.O_CLOEXEC, 0) }
	}
	pair := func(kind string) func() (int, error) {
		return func() (int, error) {
			var fds [2]int
			var err error
			if kind == "pipe" {
				err = unix.Pipe2(fds[:], unix.O_CLOEXEC)
			} else {
				fds, err = unix.Socketpair(unix.AF_UNIX, unix.SOCK_STREAM|unix.SOCK_CLOEXEC, 0)
			}
			if err == nil {
				unix.Close(fds[0])
			}
			return fds[1], err
		}
	}
	for _, tc := range []struct {
		what   string
		open   func() (int, error)
		reason string
	}{
		{"a file open for writing", open(name, unix.O_WRONLY), ""},
		{"a file open for reading and writing", open(name, unix.O_RDWR), ""},
		{"a file open to append", open(name, unix.O_WRONLY|unix.O_APPEND), ""},
		{"a read-only file", open(name, unix.O_RDONLY), "not open for writing"},
		{"a path descriptor", open(name, unix.O_PATH), "not open for writing"},
		{"a directory", open(dir, unix.O_RDONLY|unix.O_DIRECTORY), "not a regular file"},
		{"a pipe", pair("pipe"), "not a regular file"},
		{"a socket", pair("socket"), "not a regular file"},
		{"a file of /proc", open("/proc/self/comm", unix.O_WRONLY), "not on a local disk file system"},
	} {
		fd, err := tc.open()
		if err != nil {
			t.Errorf("%s: %v", tc.what, err)
			continue
		}
		var st unix.Stat_t
		if err := unix.Fstat(fd, &st); err != nil {
			t.Fatal(err)
		}
		f, err := outputFile(fd)
		var de *api.DescriptorError
		switch {
		case tc.reason == "" && err != nil:
			t.Errorf("%s: refused: %v", tc.what, err)
		case tc.reason != "" && (!errors.As(err, &de) || de.Reason != tc.reason || f != nil):
			t.Errorf("%s: outputFile = %v, %v; want refused, %s", tc.what, f, err, tc.reason)
		}
		if f != nil {
			f.Close()
		}
		// Closed either way: the number is free, or another file's.
		var now unix.Stat_t
		if unix.Fstat(fd, &now) == nil && now.Ino == st.Ino && now.Dev == st.Dev {
			t.Errorf("%s: descriptor %d still open", tc.what, fd)
		}
	}
}

// refusingWriter is an output whose file is f; its own Write fails, or
// with buf set, keeps the bytes there: it tells whether the daemon wrote
// into f or the client streamed.
type refusingWriter struct {
	f   *os.File
	buf *bytes.Buffer
}

func (w refusingWriter) Write(p []byte) (int, error) {
	if w.buf == nil {
		return 0, errors.New("streamed, where the daemon was to write the file")
	}
	return w.buf.Write(p)
}

func (w refusingWriter) Unwrap() io.Writer { return w.f }

// TestGetIntoClientFile reads an attachment through an in-process daemon
// into files whose descriptors the client passes: the daemon writes the
// bytes where the client's own writes would have gone (a file's start,
// after what a file opened to append holds), a refused descriptor (a
// read-only file) leaves the file as it was and the bytes come over the
// socket, a researcher's request writes nothing, and a descriptor sent
// with a request that does not take it (health) is closed. The
// daemon holds no descriptor of any of these files afterwards.
func TestGetIntoClientFile(t *testing.T) {
	ctx := context.Background()
	_, sock, u, _ := serveUnsealed(t, config{maxInFlight: 4, queueWait: time.Second,
		authFailures: 10, authWindow: time.Minute, sealTimeout: time.Second})
	officer, researcher := newClient(t, sock, u.officer), newClient(t, sock, u.researcher)
	ids, _, err := officer.Put(ctx, fixtures(t))
	if err != nil {
		t.Fatal(err)
	}
	content := make([]byte, 300_000) // several age chunks, not a whole number
	rand.NewChaCha8([32]byte{7}).Read(content)
	att, err := officer.Attach(ctx, ids[0], bytes.NewReader(content), service.KindAudio, "", "audio/ogg")
	if err != nil {
		t.Fatal(err)
	}

	f := tempFile(t, "got", os.O_WRONLY)
	if err := officer.AttachmentGet(ctx, ids[0], att.ID, refusingWriter{f: f}); err != nil {
		t.Fatalf("into a file: %v", err)
	}
	got, _ := os.ReadFile(f.Name())
	if !bytes.Equal(got, content) {
		t.Errorf("into a file: %d bytes, not the attachment", len(got))
	}
	waitOpenOn(t, f.Name(), 1, "into a file")

	appended := tempFile(t, "appended", os.O_WRONLY|os.O_APPEND)
	appended.WriteString("head\n")
	if err := officer.AttachmentGet(ctx, ids[0], att.ID, refusingWriter{f: appended}); err != nil {
		t.Fatalf("appended: %v", err)
	}
	if got, _ := os.ReadFile(appended.Name()); !bytes.Equal(got, append([]byte("head\n"), content...)) {
		t.Errorf("appended: %d bytes, not the head and the attachment", len(got))
	}

	readOnly := tempFile(t, "read-only", os.O_RDONLY)
	var streamed bytes.Buffer
	if err := officer.AttachmentGet(ctx, ids[0], att.ID, refusingWriter{f: readOnly, buf: &streamed}); err != nil {
		t.Fatalf("read-only: %v", err)
	}
	if !bytes.Equal(streamed.Bytes(), content) {
		t.Errorf("read-only: streamed %d bytes, not the attachment", streamed.Len())
	}
	waitOpenOn(t, readOnly.Name(), 1, "read-only")

	denied := tempFile(t, "denied", os.O_WRONLY)
	if err := researcher.AttachmentGet(ctx, ids[0], att.ID, denied); !errors.Is(err, service.ErrDenied) {
		t.Errorf("researcher: %v, want denied", err)
	}
	if fi, _ := denied.Stat(); fi.Size() != 0 {
		t.Errorf("researcher: the daemon wrote %d bytes", fi.Size())
	}
	waitOpenOn(t, denied.Name(), 1, "researcher")

	conn, err := net.Dial("unix", sock)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	unclaimed := tempFile(t, "unclaimed", os.O_WRONLY)
	sendRights(t, conn.(*net.UnixConn), []byte("GET /v1/health HTTP/1.1\r\nHost: tvaultd\r\n\r\n"), int(unclaimed.Fd()))
	conn.SetReadDeadline(time.Now().Add(5 * time.Second))
	answer := make([]byte, 4096)
	if n, err := conn.Read(answer); err != nil || !strings.HasPrefix(string(answer[:n]), "HTTP/1.1 200 ") {
		t.Fatalf("health with a descriptor: %q, %v", answer[:n], err)
	}
	waitOpenOn(t, unclaimed.Name(), 1, "unclaimed, the connection open")
}
