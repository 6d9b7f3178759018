package client

import (
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/binary"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tvault/tvault/internal/api"
)

// TestHTTP2FrameSize checks that the client, over HTTPS, tells the daemon
// it accepts frames of http2FrameSize, not the protocol's 16 KiB
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
	if got != http2FrameSize {
		t.Errorf("the client accepts frames of up to %d bytes, want %d", got, http2FrameSize)
	}
}

// TestStreamProtocol checks which protocol each request takes over HTTPS:
// attachment bodies, both ways, and backups go over HTTP/1.1
// (streamTransport), other requests over HTTP/2, all on TLS 1.3 with the
// daemon's certificate checked.
func TestStreamProtocol(t *testing.T) {
	type seen struct{ proto, tls uint16 }
	var mu sync.Mutex
	got := map[string]seen{}
	ts := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.Copy(io.Discard, r.Body)
		mu.Lock()
		got[r.Method+" "+r.URL.Path] = seen{uint16(r.ProtoMajor), r.TLS.Version}
		mu.Unlock()
		switch {
		case r.Method == http.MethodPost:
			w.WriteHeader(http.StatusCreated)
			io.WriteString(w, `{"id":"att"}`)
		case strings.HasSuffix(r.URL.Path, "/attachments"):
			io.WriteString(w, `[]`)
		default: // a byte stream, complete
			w.Header().Set("Trailer", api.TrailerCount)
			io.WriteString(w, "bytes")
			w.Header().Set(api.TrailerCount, "5")
		}
	}))
	ts.EnableHTTP2 = true
	ts.StartTLS()
	defer ts.Close()
	roots := x509.NewCertPool()
	roots.AddCert(ts.Certificate())
	c, err := New(ts.URL, "", roots)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()

	ctx := context.Background()
	if _, err := c.Attach(ctx, "rec", strings.NewReader("file"), "", "", "application/octet-stream"); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Attachments(ctx, "rec"); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := c.AttachmentGet(ctx, "rec", "att", &out); err != nil || out.String() != "bytes" {
		t.Fatalf("AttachmentGet: %q, %v", out.String(), err)
	}
	if err := c.Backup(ctx, io.Discard); err != nil {
		t.Fatal(err)
	}
	want := map[string]seen{
		"POST /v1/records/rec/attachments":    {1, tls.VersionTLS13},
		"GET /v1/records/rec/attachments":     {2, tls.VersionTLS13},
		"GET /v1/records/rec/attachments/att": {1, tls.VersionTLS13},
		"GET /v1/backup":                      {1, tls.VersionTLS13},
	}
	for req, w := range want {
		if g, ok := got[req]; !ok || g != w {
			t.Errorf("%s: HTTP/%d over TLS %#x, want HTTP/%d over TLS %#x", req, g.proto, g.tls, w.proto, w.tls)
		}
	}
}
