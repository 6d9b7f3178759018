package client

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/binary"
	"io"
	"net/http/httptest"
	"testing"
	"time"
)

// TestHTTP2FrameSize checks that the client, over HTTPS, tells the daemon
// it accepts frames of downloadFrameSize, not the protocol's 16 KiB
// minimum that the transport announces by default: it reads the SETTINGS
// frame that follows the client's connection preface (RFC 9113, sections
// 3.4 and 6.5).
func TestHTTP2FrameSize(t *testing.T) {
	// httptest's certificate, for 127.0.0.1, on a listener that only
	// reads what the client sends.
	ts := httptest.NewTLSServer(nil)
	roots := x509.NewCertPool()
	roots.AddCert(ts.Certificate())
	certs := ts.TLS.Certificates
	ts.Close()
	ln, err := tls.Listen("tcp", "127.0.0.1:0", &tls.Config{Certificates: certs, NextProtos: []string{"h2"}})
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()

	c, err := New("https://"+ln.Addr().String(), "", roots)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go c.Health(ctx) // unanswered: it ends with the test's cancel

	conn, err := ln.Accept()
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(10 * time.Second))
	const preface = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"
	// The preface, then a frame header: 24-bit length, type, flags and
	// stream.
	opening := make([]byte, len(preface)+9)
	if _, err := io.ReadFull(conn, opening); err != nil {
		t.Fatal(err)
	}
	if got := string(opening[:len(preface)]); got != preface {
		t.Fatalf("the client opened with %q, want HTTP/2's preface", got)
	}
	hdr := opening[len(preface):]
	n := int(hdr[0])<<16 | int(hdr[1])<<8 | int(hdr[2])
	if hdr[3] != 0x4 || n%6 != 0 || n > 1<<10 {
		t.Fatalf("the client's first frame: type %#x, %d bytes; want SETTINGS", hdr[3], n)
	}
	settings := make([]byte, n)
	if _, err := io.ReadFull(conn, settings); err != nil {
		t.Fatal(err)
	}
	const maxFrameSize = 0x5 // SETTINGS_MAX_FRAME_SIZE
	got := uint32(1 << 14)   // what a peer assumes when it is not given
	for p := settings; len(p) > 0; p = p[6:] {
		if binary.BigEndian.Uint16(p) == maxFrameSize {
			got = binary.BigEndian.Uint32(p[2:])
		}
	}
	if got != downloadFrameSize {
		t.Errorf("the client accepts frames of up to %d bytes, want %d", got, downloadFrameSize)
	}
}
