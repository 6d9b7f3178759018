package main

import (
	"bytes"
	"errors"
	"path/filepath"
	"testing"
	"time"

	"filippo.io/age"

	"github.com/tvault/tvault/audit"
	"github.com/tvault/tvault/client"
	"github.com/tvault/tvault/crypto/keyring"
	"github.com/tvault/tvault/vault"
	"github.com/tvault/tvault/vault/service"
)

// operatorsServer serves a new vault sealed to 3 operators with threshold
// 2, sealed, and returns the operators' identities.
func operatorsServer(t *testing.T, shareTimeout time.Duration) (*server, *client.Client, []*age.HybridIdentity) {
	t.Helper()
	var ids []*age.HybridIdentity
	var rs []string
	for range 3 {
		id, err := age.GenerateHybridIdentity()
		if err != nil {
			t.Fatal(err)
		}
		ids, rs = append(ids, id), append(rs, id.Recipient().String())
	}
	dir := filepath.Join(t.TempDir(), "vault")
	v, err := vault.Init(localCtx, dir, "", vault.Options{Operators: rs, Threshold: 2})
	if err != nil {
		t.Fatal(err)
	}
	if err := v.Close(); err != nil {
		t.Fatal(err)
	}
	sock := filepath.Join(t.TempDir(), "s.sock")
	ln, err := listenUnix(sock)
	if err != nil {
		t.Fatal(err)
	}
	s, _ := serveConfig(t, ln, config{dir: dir, transport: "unix",
		maxInFlight: 8, authFailures: 10, authWindow: time.Minute, sealTimeout: time.Second, shareTimeout: shareTimeout})
	return s, newClient(t, sock, ""), ids
}

// shareOf does what tvault operator unseal does on the operator's
// machine: fetch the encrypted shares and decrypt the one id opens.
func shareOf(t *testing.T, c *client.Client, id age.Identity) []byte {
	t.Helper()
	ops, err := c.Operators(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range ops.Operators {
		share, err := keyring.DecryptShare(o.Share, id)
		if err != nil {
			t.Fatal(err)
		}
		if share != nil {
			return share
		}
	}
	t.Fatal("the identity opens no share")
	return nil
}

func submit(t *testing.T, c *client.Client, share []byte, wantShares int, wantSealed bool) {
	t.Helper()
	h, err := c.SubmitShare(t.Context(), share)
	if err != nil {
		t.Fatal(err)
	}
	if h.Sealed != wantSealed || h.Shares != wantShares {
		t.Fatalf("after a share: %+v, want sealed %v with %d shares", h, wantSealed, wantShares)
	}
}

// shareEntries returns the operator.share and operator.unseal entries of
// the log of s's open vault, as "action outcome operator share".
func shareEntries(t *testing.T, s *server) []string {
	t.Helper()
	se := s.cur.Load()
	if se == nil {
		t.Fatal("the daemon is sealed")
	}
	var got []string
	err := se.v.AuditLog(localCtx, service.AuditFilter{}, func(e *audit.Entry) error {
		switch e.Action {
		case "operator.share":
			got = append(got, e.Action+" "+string(e.Outcome)+" "+e.Attr("operator")+" "+e.Attr("share"))
		case "operator.unseal":
			got = append(got, e.Action+" "+string(e.Outcome)+" "+e.Attr("shares"))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return got
}

func equalLines(t *testing.T, got, want []string) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("got\n%q\nwant\n%q", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("got\n%q\nwant\n%q", got, want)
		}
	}
}

// TestUnsealTwoOfThree: one operator's share leaves the daemon sealed, a
// forged share and a passphrase are refused, a second operator's unseals,
// and the log records each submission and the unseal.
func TestUnsealTwoOfThree(t *testing.T) {
	t.Parallel()
	s, c, ids := operatorsServer(t, time.Hour)
	ctx := t.Context()
	one := shareOf(t, c, ids[0])
	submit(t, c, one, 1, true)
	submit(t, c, one, 1, true) // the same operator again counts once
	if h, err := c.Health(ctx); err != nil || !h {
		t.Fatalf("health after one share: sealed %v, %v", h, err)
	}
	forged := bytes.Clone(shareOf(t, c, ids[1]))
	forged[0] ^= 1
	if _, err := c.SubmitShare(ctx, forged); !errors.Is(err, keyring.ErrUnknownShare) {
		t.Fatalf("a forged share: %v", err)
	}
	if err := c.Unseal(ctx, testPass); !errors.Is(err, keyring.ErrSealedToOperators) {
		t.Fatalf("a passphrase: %v", err)
	}
	submit(t, c, shareOf(t, c, ids[2]), 0, false)
	equalLines(t, shareEntries(t, s), []string{
		"operator.share ok 1 used",
		"operator.share ok 1 used",
		"operator.share denied  unknown",
		"operator.share ok 3 used",
		"operator.unseal ok 1,3",
	})
}

// TestUnsealSharesForgotten: a share held longer than the timeout is
// forgotten, so that a later share alone does not unseal, and its
// submission is recorded as expired.
func TestUnsealSharesForgotten(t *testing.T) {
	t.Parallel()
	s, c, ids := operatorsServer(t, 50*time.Millisecond)
	submit(t, c, shareOf(t, c, ids[0]), 1, true)
	deadline := time.Now().Add(5 * time.Second)
	for s.progress.Load() != nil {
		if time.Now().After(deadline) {
			t.Fatal("the share was not forgotten")
		}
		time.Sleep(10 * time.Millisecond)
	}
	s.sealMu.Lock()
	s.cfg.shareTimeout = time.Hour // the next two arrive in time
	s.sealMu.Unlock()
	submit(t, c, shareOf(t, c, ids[1]), 1, true)
	submit(t, c, shareOf(t, c, ids[2]), 0, false)
	equalLines(t, shareEntries(t, s), []string{
		"operator.share ok 1 expired",
		"operator.share ok 2 used",
		"operator.share ok 3 used",
		"operator.unseal ok 2,3",
	})
}
