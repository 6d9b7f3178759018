package api

import (
	"encoding/json"
	"errors"
	"fmt"
	"testing"

	"github.com/tvault/tvault/audit"
	"github.com/tvault/tvault/crypto/pseudonym"
	"github.com/tvault/tvault/vault"
	"github.com/tvault/tvault/vault/testimony"
)

// TestErrorsRoundTrip checks that every error the daemon sends comes back
// to the client as what the vault returned: the same text, and the same
// answers from errors.Is and errors.As.
func TestErrorsRoundTrip(t *testing.T) {
	wrap := func(err error) error { return fmt.Errorf("failed to do it: %w", err) }
	for _, c := range []struct {
		err    error
		status int
		check  func(error) bool
	}{
		{&vault.DeniedError{Role: "researcher", Action: "get", View: "full"}, 403, func(err error) bool {
			var d *vault.DeniedError
			return errors.Is(err, vault.ErrDenied) && errors.As(err, &d) && d.Role == "researcher" && d.View == "full"
		}},
		{wrap(&vault.IntegrityError{ID: "abc", Err: errors.New("hash mismatch")}), 500, func(err error) bool {
			var ie *vault.IntegrityError
			return errors.As(err, &ie) && ie.ID == "abc" && ie.Err.Error() == "hash mismatch"
		}},
		{&vault.InvalidIDError{ID: "x"}, 400, func(err error) bool {
			var e *vault.InvalidIDError
			return errors.As(err, &e) && e.ID == "x"
		}},
		{&testimony.ParseError{File: "testimony 2", Field: "witness.name", Err: errors.New("missing")}, 400, func(err error) bool {
			var e *testimony.ParseError
			return errors.As(err, &e) && e.File == "testimony 2" && e.Field == "witness.name"
		}},
		{&audit.EntryError{Seq: 7, Err: errors.New("hash does not match")}, 422, func(err error) bool {
			var e *audit.EntryError
			return errors.As(err, &e) && e.Seq == 7
		}},
		{wrap(vault.ErrNotFound), 404, func(err error) bool { return errors.Is(err, vault.ErrNotFound) }},
		{wrap(vault.ErrNoPerson), 404, func(err error) bool { return errors.Is(err, vault.ErrNoPerson) }},
		{wrap(vault.ErrNoAttachment), 404, func(err error) bool { return errors.Is(err, vault.ErrNoAttachment) }},
		{wrap(vault.ErrRange), 416, func(err error) bool { return errors.Is(err, vault.ErrRange) }},
		{wrap(vault.ErrNoUser), 404, func(err error) bool { return errors.Is(err, vault.ErrNoUser) }},
		{wrap(vault.ErrNoConsent), 403, func(err error) bool { return errors.Is(err, vault.ErrNoConsent) }},
		{vault.ErrReasonRequired, 400, func(err error) bool { return errors.Is(err, vault.ErrReasonRequired) }},
		{vault.ErrPurposeRequired, 400, func(err error) bool { return errors.Is(err, vault.ErrPurposeRequired) }},
		{&vault.AuthError{Reason: "revoked", User: "kim"}, 401, func(err error) bool { return errors.Is(err, vault.ErrUnauthenticated) }},
		{wrap(vault.ErrWrongPassphrase), 401, func(err error) bool { return errors.Is(err, vault.ErrWrongPassphrase) }},
		{wrap(vault.ErrUserExists), 409, func(err error) bool { return errors.Is(err, vault.ErrUserExists) }},
		{wrap(vault.ErrUserRevoked), 409, func(err error) bool { return errors.Is(err, vault.ErrUserRevoked) }},
		{wrap(pseudonym.ErrCheck), 400, func(err error) bool { return errors.Is(err, pseudonym.ErrCheck) }},
		{wrap(audit.ErrLogOlder), 422, func(err error) bool { return errors.Is(err, audit.ErrLogOlder) }},
		{ErrSealed, 503, func(err error) bool { return errors.Is(err, ErrSealed) }},
		{BadRequest(errors.New("invalid policy: unknown role")), 400, func(err error) bool { return errors.Is(err, ErrBadRequest) }},
		{errors.New("something else"), 500, func(err error) bool { return true }},
	} {
		status, body := FromError(c.err)
		if status != c.status {
			t.Errorf("%v: status %d, want %d", c.err, status, c.status)
		}
		data, err := json.Marshal(body)
		if err != nil {
			t.Fatal(err)
		}
		var back Error
		if err := json.Unmarshal(data, &back); err != nil {
			t.Fatal(err)
		}
		got := back.Err()
		if got.Error() != c.err.Error() {
			t.Errorf("text %q, want %q", got, c.err)
		}
		if !c.check(got) {
			t.Errorf("%v (code %s): the client's error does not match the vault's", c.err, body.Code)
		}
	}
}
