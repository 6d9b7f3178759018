package main

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/json"
	"encoding/pem"
	"errors"
	"io"
	"math/big"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/tvault/tvault/audit"
	"github.com/tvault/tvault/client"
	"github.com/tvault/tvault/vault/service"
)

// selfSigned writes a self-signed ECDSA certificate for 127.0.0.1, valid
// for an hour, and its key (mode 0600) as PEM files in a new directory. It
// returns the files and the certificate.
func selfSigned(t testing.TB) (certFile, keyFile string, cert *x509.Certificate) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	serial, err := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 128))
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	tmpl := &x509.Certificate{
		SerialNumber:          serial,
		Subject:               pkix.Name{CommonName: "127.0.0.1"},
		NotBefore:             now.Add(-time.Minute),
		NotAfter:              now.Add(time.Hour),
		KeyUsage:              x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		BasicConstraintsValid: true,
		IsCA:                  true,
		IPAddresses:           []net.IP{net.IPv4(127, 0, 0, 1)},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	if cert, err = x509.ParseCertificate(der); err != nil {
		t.Fatal(err)
	}
	keyDER, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	certFile, keyFile = filepath.Join(dir, "cert.pem"), filepath.Join(dir, "key.pem")
	if err := os.WriteFile(certFile, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(keyFile, pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: keyDER}), 0o600); err != nil {
		t.Fatal(err)
	}
	return certFile, keyFile, cert
}

// freeLoopbackPort returns a TCP port of 127.0.0.1 that was free a moment
// ago.
func freeLoopbackPort(t *testing.T) int {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := ln.Addr().(*net.TCPAddr).Port
	if err := ln.Close(); err != nil {
		t.Fatal(err)
	}
	return port
}

// startTLSDaemon runs tvaultd over TLS on addr and waits until it answers.
func startTLSDaemon(t *testing.T, vaultDir, addr, certFile, keyFile string, roots *x509.CertPool, log *syncBuffer, env ...string) *daemon {
	t.Helper()
	d := &daemon{addr: "https://" + addr, roots: roots}
	return d.start(t, log, env, "--vault", vaultDir, "--listen", addr, "--tls-cert", certFile, "--tls-key", keyFile)
}

func httpsClient(t *testing.T, addr, token string, roots *x509.CertPool) *client.Client {
	t.Helper()
	c, err := client.New(addr, token, roots)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

// TestTLSEndToEnd serves a vault over HTTPS on a loopback port with a
// self-signed certificate: a client that trusts it works and is audited
// with transport https; one that does not, or that speaks plain HTTP, gets
// no API answer.
func TestTLSEndToEnd(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	vaultDir, u := newVault(t, 0)
	certFile, keyFile, cert := selfSigned(t)
	if fi, err := os.Stat(keyFile); err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("key file: %v, %v; want mode 0600", fi, err)
	}
	roots := x509.NewCertPool()
	roots.AddCert(cert)
	addr := net.JoinHostPort("127.0.0.1", strconv.Itoa(freeLoopbackPort(t)))
	base := "https://" + addr
	var log syncBuffer
	d := startTLSDaemon(t, vaultDir, addr, certFile, keyFile, roots, &log, "TVAULT_PASSPHRASE_FILE="+passFile(t))

	if sealed, err := httpsClient(t, base, "", roots).Health(ctx); err != nil || sealed {
		t.Fatalf("Health = %v, %v; want unsealed by TVAULT_PASSPHRASE_FILE", sealed, err)
	}

	// The connection is TLS 1.3 with the daemon's certificate, and HTTP/2
	// is offered; TLS 1.2 is refused.
	conn, err := tls.Dial("tcp", addr, &tls.Config{RootCAs: roots, NextProtos: []string{"h2", "http/1.1"}})
	if err != nil {
		t.Fatal(err)
	}
	st := conn.ConnectionState()
	conn.Close()
	if st.Version != tls.VersionTLS13 || st.NegotiatedProtocol != "h2" || !st.PeerCertificates[0].Equal(cert) {
		t.Errorf("TLS connection: version %x, protocol %q; want TLS 1.3 (%x), h2 and the daemon's certificate",
			st.Version, st.NegotiatedProtocol, tls.VersionTLS13)
	}
	if conn, err := tls.Dial("tcp", addr, &tls.Config{RootCAs: roots, MaxVersion: tls.VersionTLS12}); err == nil {
		conn.Close()
		t.Error("TLS 1.2 handshake succeeded; the daemon requires TLS 1.3")
	}

	// The officer stores the fixtures and reads one back as stored.
	officer := httpsClient(t, base, u.officer, roots)
	docs := fixtures(t)
	ids, _, err := officer.Put(ctx, docs)
	if err != nil {
		t.Fatal(err)
	}
	if len(ids) != len(docs) {
		t.Fatalf("Put returned %d IDs for %d testimonies", len(ids), len(docs))
	}
	rec, err := officer.Get(ctx, ids[0])
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(rec.Canonical, docs[0].Canonical()) {
		t.Errorf("record %s: canonical form changed on the way:\n got %s\nwant %s", ids[0], rec.Canonical, docs[0].Canonical())
	}

	// An attachment from a file goes up and comes back byte for byte (by
	// HTTP/1.1: client.TestBulkProtocol), in several of the upload's
	// read-ahead buffers.
	in := filepath.Join(t.TempDir(), "in.bin")
	data := make([]byte, 1<<20+5)
	if _, err := io.ReadFull(randomReader(3, int64(len(data))), data); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(in, data, 0o600); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(in)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	att, err := officer.Attach(ctx, ids[0], f, service.KindAudio, "", "audio/ogg")
	if err != nil {
		t.Fatal(err)
	}
	var back bytes.Buffer
	if err := officer.AttachmentGet(ctx, ids[0], att.ID, &back); err != nil || !bytes.Equal(back.Bytes(), data) {
		t.Errorf("AttachmentGet over https = %d bytes, %v; want the %d attached", back.Len(), err, len(data))
	}

	// A client that does not trust the certificate fails the handshake,
	// with the system's roots or with another certificate as its only root.
	_, _, other := selfSigned(t)
	otherRoots := x509.NewCertPool()
	otherRoots.AddCert(other)
	for name, r := range map[string]*x509.CertPool{"system roots": nil, "another root": otherRoots} {
		_, err := httpsClient(t, base, u.officer, r).Get(ctx, ids[0])
		var verr *tls.CertificateVerificationError
		if !errors.As(err, &verr) {
			t.Errorf("client with %s: %v, want a *tls.CertificateVerificationError", name, err)
		}
	}

	// Plain HTTP on the TLS port gets no API answer.
	plain := &http.Client{Timeout: 5 * time.Second, Transport: &http.Transport{}}
	defer plain.CloseIdleConnections()
	for _, path := range []string{"/v1/health", "/v1/records/" + ids[0]} {
		req, _ := http.NewRequestWithContext(ctx, "GET", "http://"+addr+path, nil)
		req.Header.Set("Authorization", "Bearer "+u.officer)
		resp, err := plain.Do(req)
		if err != nil {
			continue // refused outright: no answer at all
		}
		body, _ := io.ReadAll(io.LimitReader(resp.Body, 64<<10))
		resp.Body.Close()
		if resp.StatusCode < 400 || resp.Header.Get("Tvault-Request-Id") != "" || json.Valid(body) {
			t.Errorf("plain HTTP GET %s got an API answer: %s %q", path, resp.Status, body)
		}
	}

	// SIGTERM: the daemon stops cleanly; the local vault's audit log has
	// the officer's get, over https.
	if err := d.stop(t, syscall.SIGTERM); err != nil {
		t.Errorf("tvaultd exit after SIGTERM: %v\n%s", err, log.String())
	}
	v := reopen(t, vaultDir)
	var gets []string
	err = v.AuditLog(localCtx, service.AuditFilter{Target: ids[0]}, func(e *audit.Entry) error {
		if e.Action == "get" || e.Action == "attach" || e.Action == "attachment.get" {
			gets = append(gets, e.Action+" "+e.Actor+" "+e.Role+" "+e.Transport+" "+string(e.Outcome))
			if e.RequestID == "" {
				t.Errorf("%s over https has no request ID: %+v", e.Action, e)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, action := range []string{"get", "attach", "attachment.get"} {
		if !slices.Contains(gets, action+" kim.officer officer https ok") {
			t.Errorf("audit log lacks the officer's %s over https; entries of %s: %q", action, ids[0], gets)
		}
	}

	logText := log.String()
	if !strings.Contains(logText, `"transport":"https"`) || !strings.Contains(logText, `"msg":"stopped"`) {
		t.Errorf("log lacks the expected lines:\n%s", logText)
	}
	for _, s := range append(secrets(docs), testPass, u.officer) {
		if strings.Contains(logText, s) {
			t.Errorf("daemon log contains %q", s)
		}
	}
}

// TestTLSRefusesPlainTCPOffLoopback runs the daemon on an address of every
// interface without TLS: it must exit at once, non-zero, saying why.
// TestListenOn checks listenOn's refusal; this checks what an operator
// sees.
func TestTLSRefusesPlainTCPOffLoopback(t *testing.T) {
	port := strconv.Itoa(freeLoopbackPort(t))
	for _, host := range []string{"0.0.0.0", "::"} {
		addr := net.JoinHostPort(host, port)
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		// Should the daemon start serving instead, it is killed here.
		cmd := exec.CommandContext(ctx, daemonBin, "--vault", filepath.Join(t.TempDir(), "vault"), "--listen", addr)
		cmd.Env = append(os.Environ(), "TVAULT_PASSPHRASE_FILE=")
		out, err := cmd.CombinedOutput()
		cancel()
		var ee *exec.ExitError
		if !errors.As(err, &ee) || ee.ExitCode() <= 0 {
			t.Errorf("tvaultd --listen %s without TLS: %v, want a non-zero exit\n%s", addr, err, out)
		}
		for _, want := range []string{"tvaultd: error: refusing plain HTTP on " + host, "--tls-cert and --tls-key"} {
			if !strings.Contains(string(out), want) {
				t.Errorf("tvaultd --listen %s without TLS says %q, want it to contain %q", addr, out, want)
			}
		}
	}
}
