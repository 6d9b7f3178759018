package api

import (
	"encoding/json"
	"errors"
	"fmt"
	"testing"

	"github.com/tvault/tvault/audit"
	"github.com/tvault/tvault/crypto/pseudonym"
	"github.com/tvault/tvault/vault/service"
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
		{&service.DeniedError{Role: "researcher", Action: "get", View: "full"}, 403, func(err error) bool {
			var d *service.DeniedError
			return errors.Is(err, service.ErrDenied) && errors.As(err, &d) && d.Role == "researcher" && d.View == "full"
		}},
		{&service.DeniedError{Role: "researcher", Action: "export", Domain: "study-a"}, 403, func(err error) bool {
			var d *service.DeniedError
			return errors.Is(err, service.ErrDenied) && errors.As(err, &d) && d.Domain == "study-a"
		}},
		{&service.DeniedError{Role: "officer", Action: "get", NeedsReason: true}, 403, func(err error) bool {
			var d *service.DeniedError
			return errors.Is(err, service.ErrDenied) && errors.As(err, &d) && d.NeedsReason && d.Action == "get"
		}},
		{wrap(&service.IntegrityError{ID: "abc", Err: errors.New("hash mismatch")}), 500, func(err error) bool {
			var ie *service.IntegrityError
			return errors.As(err, &ie) && ie.ID == "abc" && ie.Err.Error() == "hash mismatch"
		}},
		{&service.InvalidArgumentError{Arg: "record ID", Value: "x", Want: "want 26 letters", Len: 1}, 400, func(err error) bool {
			var e *service.InvalidArgumentError
			return errors.Is(err, service.ErrInvalidArgument) && errors.As(err, &e) && e.Arg == "record ID" && e.Value == "x" && e.Len == 1
		}},
		{&testimony.ParseError{File: "testimony 2", Field: "witness.name", Err: errors.New("missing")}, 400, func(err error) bool {
			var e *testimony.ParseError
			return errors.As(err, &e) && e.File == "testimony 2" && e.Field == "witness.name"
		}},
		{&testimony.ParseError{File: "testimony 1", Field: "tags", Err: &testimony.LimitError{Limit: 64, Size: 65, Entries: true}}, 400, func(err error) bool {
			var e *testimony.LimitError
			return errors.As(err, &e) && *e == testimony.LimitError{Limit: 64, Size: 65, Entries: true}
		}},
		{&testimony.ParseError{File: "form", Field: "title", Err: &testimony.LimitError{Limit: 512, Size: 600}}, 400, func(err error) bool {
			var e *testimony.LimitError
			return errors.As(err, &e) && *e == testimony.LimitError{Limit: 512, Size: 600}
		}},
		{&audit.EntryError{Seq: 7, Err: errors.New("hash does not match")}, 422, func(err error) bool {
			var e *audit.EntryError
			return errors.As(err, &e) && e.Seq == 7
		}},
		{wrap(service.ErrNotFound), 404, func(err error) bool { return errors.Is(err, service.ErrNotFound) }},
		{wrap(service.ErrNoPerson), 404, func(err error) bool { return errors.Is(err, service.ErrNoPerson) }},
		{wrap(service.ErrNoAttachment), 404, func(err error) bool { return errors.Is(err, service.ErrNoAttachment) }},
		{wrap(service.ErrRange), 416, func(err error) bool { return errors.Is(err, service.ErrRange) }},
		{wrap(service.ErrNoUser), 404, func(err error) bool { return errors.Is(err, service.ErrNoUser) }},
		{wrap(service.ErrNoGrant), 404, func(err error) bool { return errors.Is(err, service.ErrNoGrant) }},
		{wrap(service.ErrNoConsent), 403, func(err error) bool { return errors.Is(err, service.ErrNoConsent) }},
		{service.ErrReasonRequired, 400, func(err error) bool { return errors.Is(err, service.ErrReasonRequired) }},
		{service.ErrPurposeRequired, 400, func(err error) bool { return errors.Is(err, service.ErrPurposeRequired) }},
		{wrap(service.ErrUnauthenticated), 401, func(err error) bool { return errors.Is(err, service.ErrUnauthenticated) }},
		{wrap(service.ErrWrongPassphrase), 401, func(err error) bool { return errors.Is(err, service.ErrWrongPassphrase) }},
		{wrap(service.ErrUserExists), 409, func(err error) bool { return errors.Is(err, service.ErrUserExists) }},
		{wrap(service.ErrUserRevoked), 409, func(err error) bool { return errors.Is(err, service.ErrUserRevoked) }},
		{wrap(pseudonym.ErrCheck), 400, func(err error) bool { return errors.Is(err, pseudonym.ErrCheck) }},
		{wrap(audit.ErrLogOlder), 422, func(err error) bool { return errors.Is(err, audit.ErrLogOlder) }},
		{wrap(service.ErrNoSpace), 507, func(err error) bool { return errors.Is(err, service.ErrNoSpace) }},
		{ErrSealed, 503, func(err error) bool { return errors.Is(err, ErrSealed) }},
		{&DescriptorError{Reason: "not a regular file"}, 400, func(err error) bool {
			var e *DescriptorError
			return errors.Is(err, ErrDescriptor) && errors.As(err, &e) && e.Reason == "not a regular file"
		}},
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
