package main

import (
	"context"
	"crypto/x509"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/tvault/tvault/client"
)

// BenchmarkAttachThroughDaemon attaches a 256 MiB file through the daemon,
// served in process over a unix socket or HTTPS, and reads it back, so
// that one CPU profile (-cpuprofile) holds the client's and the daemon's
// side of both directions.
func BenchmarkAttachThroughDaemon(b *testing.B) {
	for _, transport := range []string{"unix", "https"} {
		b.Run(transport, func(b *testing.B) { benchmarkAttach(b, transport) })
	}
}

func benchmarkAttach(b *testing.B, transport string) {
	const size = 256 << 20
	ctx := context.Background()
	var anon, officer *client.Client
	var u users
	switch transport {
	case "unix":
		var sock string
		_, sock, u, _ = testServer(b, 8, 10, time.Second)
		anon, officer = newClient(b, sock, ""), newClient(b, sock, u.officer)
	case "https":
		certFile, keyFile, cert := selfSigned(b)
		ln, _, err := listenOn("127.0.0.1:0", certFile, keyFile)
		if err != nil {
			b.Fatal(err)
		}
		_, u, _ = serveOn(b, ln, "https", 8, 10, time.Second)
		roots := x509.NewCertPool()
		roots.AddCert(cert)
		addr := "https://" + ln.Addr().String()
		if anon, err = client.New(addr, "", roots); err != nil {
			b.Fatal(err)
		}
		if officer, err = client.New(addr, u.officer, roots); err != nil {
			b.Fatal(err)
		}
	}
	if err := anon.Unseal(ctx, testPass); err != nil {
		b.Fatal(err)
	}
	ids, _, err := officer.Put(ctx, fixtures(b))
	if err != nil {
		b.Fatal(err)
	}
	f, err := os.Create(filepath.Join(b.TempDir(), "in.bin"))
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	if _, err := io.Copy(f, randomReader(1, size)); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(2 * size)
	for b.Loop() {
		if _, err := f.Seek(0, io.SeekStart); err != nil {
			b.Fatal(err)
		}
		att, err := officer.Attach(ctx, ids[0], f, "", "", "application/octet-stream")
		if err != nil {
			b.Fatal(err)
		}
		if err := officer.AttachmentGet(ctx, ids[0], att.ID, io.Discard); err != nil {
			b.Fatal(err)
		}
	}
}
