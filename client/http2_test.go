package client

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"io"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/tvault/tvault/internal/h2frames"
)

// TestHTTP2FrameSize checks that the client, over HTTPS, tells the daemon
// it accepts frames of downloadFrameSize, not the protocol's 16 KiB
// minimum that the transport announces by default.
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
	preface := make([]byte, len(h2frames.Preface))
	if _, err := io.ReadFull(conn, preface); err != nil {
		t.Fatal(err)
	}
	if string(preface) != h2frames.Preface {
		t.Fatalf("the client opened with %q, want HTTP/2's preface", preface)
	}
	o, err := h2frames.ReadOpening(conn, 4)
	if err != nil {
		t.Fatal(err)
	}
	if got := o.Settings[h2frames.SettingMaxFrameSize]; got != downloadFrameSize {
		t.Errorf("the client accepts frames of up to %d bytes, want %d", got, downloadFrameSize)
	}
}
