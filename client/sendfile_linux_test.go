package client

import (
	"bytes"
	"io"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
)

// TestUnixConnReadFrom checks what an upload sends through a unix socket:
// exactly the announced length of a file, even when the file has more
// (it grew after its length was taken) or less (it shrank), the offset of
// the file moved on by what was sent, and the same through the copy that
// a pipe falls back to.
func TestUnixConnReadFrom(t *testing.T) {
	content := bytes.Repeat([]byte("0123456789abcdef"), 1<<16) // 1 MiB
	dir := t.TempDir()
	name := filepath.Join(dir, "interview.bin")
	if err := os.WriteFile(name, content, 0o600); err != nil {
		t.Fatal(err)
	}
	l, err := net.Listen("unix", filepath.Join(dir, "s.sock"))
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()

	for _, tc := range []struct {
		name      string
		open      func() *os.File
		off, n    int64
		want      []byte
		wantAfter int64 // f's offset after sending, -1 for a pipe
	}{
		{"whole file", nil, 0, int64(len(content)), content, int64(len(content))},
		{"file with more than announced", nil, 100, 1000, content[100:1100], 1100},
		{"file with less than announced", nil, 1000, int64(len(content)), content[1000:], int64(len(content))},
		{"pipe", func() *os.File {
			pr, pw, err := os.Pipe()
			if err != nil {
				t.Fatal(err)
			}
			go func() {
				pw.Write(content[:5000])
				pw.Close()
			}()
			return pr
		}, 0, 4000, content[:4000], -1},
	} {
		f := (*os.File)(nil)
		if tc.open != nil {
			f = tc.open()
		} else if f, err = os.Open(name); err != nil {
			t.Fatal(err)
		} else if _, err := f.Seek(tc.off, io.SeekStart); err != nil {
			t.Fatal(err)
		}
		c, err := net.Dial("unix", l.Addr().String())
		if err != nil {
			t.Fatal(err)
		}
		peer, err := l.Accept()
		if err != nil {
			t.Fatal(err)
		}
		got := make(chan []byte)
		go func() {
			b, _ := io.ReadAll(peer)
			got <- b
		}()
		lr := &io.LimitedReader{R: fileBody{f}, N: tc.n}
		n, err := wrapUnixConn(c).(io.ReaderFrom).ReadFrom(lr)
		c.Close()
		b := <-got
		peer.Close()
		if err != nil || n != int64(len(tc.want)) || lr.N != tc.n-n || !bytes.Equal(b, tc.want) {
			t.Errorf("%s: ReadFrom = %d, %v, %d left; received %d bytes (want %d, equal %v)",
				tc.name, n, err, lr.N, len(b), len(tc.want), bytes.Equal(b, tc.want))
		}
		if tc.wantAfter >= 0 {
			if off, err := f.Seek(0, io.SeekCurrent); err != nil || off != tc.wantAfter {
				t.Errorf("%s: file offset %d after sending, %v; want %d", tc.name, off, err, tc.wantAfter)
			}
		}
		f.Close()
	}
}

// TestUnixSendBuffer checks that the CLI's connection to tvaultd's unix
// socket has the send buffer of unixSendBuffer, as far as the kernel
// allows (net.core.wmem_max).
func TestUnixSendBuffer(t *testing.T) {
	raw, err := os.ReadFile("/proc/sys/net/core/wmem_max")
	if err != nil {
		t.Skip(err)
	}
	wmemMax, err := strconv.Atoi(strings.TrimSpace(string(raw)))
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("unix", filepath.Join(t.TempDir(), "d.sock"))
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	c, err := net.Dial("unix", ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	uc, ok := wrapUnixConn(c).(unixConn)
	if !ok {
		t.Fatalf("wrapUnixConn(%T) = not a unixConn", c)
	}
	defer uc.Close()
	rc, err := uc.SyscallConn()
	if err != nil {
		t.Fatal(err)
	}
	var got int
	var gerr error
	if err := rc.Control(func(fd uintptr) { got, gerr = syscall.GetsockoptInt(int(fd), syscall.SOL_SOCKET, syscall.SO_SNDBUF) }); err != nil || gerr != nil {
		t.Fatal(err, gerr)
	}
	// Linux doubles the size it is given, for its bookkeeping.
	if want := 2 * min(unixSendBuffer, wmemMax); got < want {
		t.Errorf("SO_SNDBUF = %d, want at least %d", got, want)
	}
}
