package main

import (
	"bytes"
	"context"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/tvault/tvault/client"
)

// TestCertificateHint talks to an HTTPS server whose certificate the
// system does not trust, as a tvaultd with its own authority's
// certificate is, and checks that the error suggests TVAULT_CA_FILE.
func TestCertificateHint(t *testing.T) {
	srv := httptest.NewUnstartedServer(http.NotFoundHandler())
	srv.Config.ErrorLog = log.New(io.Discard, "", 0) // the handshake the client refuses
	srv.StartTLS()
	defer srv.Close()
	c, err := client.New(srv.URL, "", nil)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	_, err = c.Health(context.Background())
	if err == nil {
		t.Fatal("an untrusted certificate was accepted")
	}
	var out bytes.Buffer
	printError(&out, err)
	if !strings.Contains(out.String(), "tvault: hint: ") || !strings.Contains(out.String(), "set TVAULT_CA_FILE") {
		t.Fatalf("no hint of TVAULT_CA_FILE:\n%s", out.String())
	}
}
