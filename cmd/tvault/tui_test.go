package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/tvault/tvault/audit"
	"github.com/tvault/tvault/client"
	"github.com/tvault/tvault/crypto/keyring"
	"github.com/tvault/tvault/vault"
	"github.com/tvault/tvault/vault/service"
	"github.com/tvault/tvault/vault/testimony"
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

// TestExitCode checks the exit status of each class of failure, as the
// errors reach main: wrapped by the commands and the client.
func TestExitCode(t *testing.T) {
	wrap := func(err error) error { return fmt.Errorf("failed to get record: %w", err) }
	for _, tc := range []struct {
		name string
		err  error
		want int
	}{
		{"success", nil, 0},
		{"other", errors.New("disk full"), exitFailure},
		{"parse error", &testimony.ParseError{File: "f.json", Err: errors.New("bad")}, exitFailure},
		{"no checkpoint", audit.ErrNoCheckpoint, exitFailure},
		{"usage", &usageError{msg: "unknown command"}, exitUsage},
		{"invalid argument", &service.InvalidArgumentError{}, exitUsage},
		{"reason required", wrap(service.ErrReasonRequired), exitUsage},
		{"denied", wrap(&service.DeniedError{}), exitDenied},
		{"no consent", wrap(service.ErrNoConsent), exitDenied},
		{"wrong passphrase", fmt.Errorf("failed to unseal vault: %w", service.ErrWrongPassphrase), exitDenied},
		{"too few shares", fmt.Errorf("failed to unseal vault: %w", &keyring.TooFewSharesError{Have: 1, Need: 2}), exitDenied},
		{"no operators' identities", fmt.Errorf("failed to unseal vault: %w", service.ErrSealedToOperators), exitDenied},
		{"identities for a passphrase", fmt.Errorf("failed to unseal vault: %w", service.ErrNotSealedToOperators), exitDenied},
		{"unknown share", wrap(service.ErrUnknownShare), exitDenied},
		{"bad token", wrap(service.ErrUnauthenticated), exitDenied},
		{"no record", wrap(service.ErrNotFound), exitNotFound},
		{"no person", wrap(service.ErrNoPerson), exitNotFound},
		{"no attachment", wrap(service.ErrNoAttachment), exitNotFound},
		{"no user", wrap(service.ErrNoUser), exitNotFound},
		{"no grant", wrap(service.ErrNoGrant), exitNotFound},
		{"not a vault", fmt.Errorf("failed to open vault v: %w", vault.ErrNotVault), exitNotFound},
		{"damaged record", wrap(&service.IntegrityError{ID: "x", Err: service.ErrCorrupt}), exitIntegrity},
		{"damaged vault file", fmt.Errorf("failed to open vault database: %w", service.ErrCorrupt), exitIntegrity},
		{"rollback", &vault.RollbackError{File: "f"}, exitIntegrity},
		{"changed entry", fmt.Errorf("audit export does not verify: %w", &audit.EntryError{Seq: 3, Err: errors.New("x")}), exitIntegrity},
		{"rewritten log", fmt.Errorf("audit export does not verify: %w", audit.ErrInconsistent), exitIntegrity},
		{"check found problems", &checkError{problems: 2, summary: "3 keys"}, exitIntegrity},
		{"older log", audit.ErrLogOlder, exitIntegrity},
		{"bad signature", audit.ErrBadSignature, exitIntegrity},
		{"in use", fmt.Errorf("failed to open vault database: %w", service.ErrInUse), exitInUse},
	} {
		if got := exitCode(tc.err); got != tc.want {
			t.Errorf("%s: exit status %d, want %d", tc.name, got, tc.want)
		}
	}
	// Each status the documentation lists, and no other.
	for code := 0; code <= exitInUse; code++ {
		if !strings.Contains(exitStatusText, fmt.Sprintf("\n    %d   ", code)) && !strings.HasPrefix(exitStatusText, fmt.Sprintf("    %d   ", code)) {
			t.Errorf("exit status %d is not documented", code)
		}
	}
}
