package api

import (
	"context"
	"errors"
	"net/http"

	"github.com/tvault/tvault/audit"
	"github.com/tvault/tvault/crypto/pseudonym"
	"github.com/tvault/tvault/vault/service"
	"github.com/tvault/tvault/vault/testimony"
)

// Error is the body of every error response. Message is the error's text
// as the vault gave it; Code names its kind (the table in docs/API.md);
// the other fields carry what a typed error holds.
type Error struct {
	Message string `json:"error"`
	Code    string `json:"code"`
	ID      string `json:"id,omitempty"`       // integrity
	Arg     string `json:"argument,omitempty"` // invalid-argument
	Value   string `json:"value,omitempty"`    // invalid-argument
	Want    string `json:"want,omitempty"`     // invalid-argument
	Length  int    `json:"length,omitempty"`   // invalid-argument, parse
	Role    string `json:"role,omitempty"`     // denied
	Action  string `json:"action,omitempty"`   // denied
	View    string `json:"view,omitempty"`     // denied
	Domain  string `json:"domain,omitempty"`   // denied
	File    string `json:"file,omitempty"`     // parse
	Field   string `json:"field,omitempty"`    // parse
	// Limit is a field's bound, of a parse error for a value over it
	// (testimony.LimitError), whose size is Length; Entries says they
	// count a list's entries, not bytes.
	Limit   int   `json:"limit,omitempty"`   // parse
	Entries bool  `json:"entries,omitempty"` // parse
	Seq     int64 `json:"seq,omitempty"`     // audit-entry
	// NeedsReason is set on a denial for want of a reason.
	NeedsReason bool `json:"needs_reason,omitempty"` // denied
	Version     int  `json:"version,omitempty"`      // erased
	// Detail is the wrapped error's text of a typed error.
	Detail string `json:"detail,omitempty"`
}

// sentinels maps the codes of errors that are one value to the value,
// with their status.
var sentinels = []struct {
	code   string
	status int
	err    error
}{
	{"unauthenticated", http.StatusUnauthorized, service.ErrUnauthenticated},
	{"wrong-passphrase", http.StatusUnauthorized, service.ErrWrongPassphrase},
	{"unknown-share", http.StatusUnauthorized, service.ErrUnknownShare},
	{"sealed-to-operators", http.StatusConflict, service.ErrSealedToOperators},
	{"not-sealed-to-operators", http.StatusConflict, service.ErrNotSealedToOperators},
	{"no-consent", http.StatusForbidden, service.ErrNoConsent},
	{"origin", http.StatusForbidden, ErrOrigin},
	{"not-found", http.StatusNotFound, service.ErrNotFound},
	{"no-route", http.StatusNotFound, ErrNoRoute},
	{"no-person", http.StatusNotFound, service.ErrNoPerson},
	{"no-user", http.StatusNotFound, service.ErrNoUser},
	{"no-grant", http.StatusNotFound, service.ErrNoGrant},
	{"no-attachment", http.StatusNotFound, service.ErrNoAttachment},
	{"bad-range", http.StatusRequestedRangeNotSatisfiable, service.ErrRange},
	{"user-exists", http.StatusConflict, service.ErrUserExists},
	{"user-revoked", http.StatusConflict, service.ErrUserRevoked},
	{"in-use", http.StatusConflict, service.ErrInUse},
	{"already-unsealed", http.StatusConflict, ErrAlreadyUnsealed},
	{"reason-required", http.StatusBadRequest, service.ErrReasonRequired},
	{"purpose-required", http.StatusBadRequest, service.ErrPurposeRequired},
	{"bad-pseudonym", http.StatusBadRequest, pseudonym.ErrMalformed},
	{"pseudonym-check", http.StatusBadRequest, pseudonym.ErrCheck},
	{"bad-request", http.StatusBadRequest, ErrBadRequest},
	{"too-large", http.StatusRequestEntityTooLarge, ErrTooLarge},
	{"rate-limited", http.StatusTooManyRequests, ErrRateLimited},
	{"sealed", http.StatusServiceUnavailable, ErrSealed},
	{"busy", http.StatusServiceUnavailable, ErrBusy},
	{"log-older", http.StatusUnprocessableEntity, audit.ErrLogOlder},
	{"log-inconsistent", http.StatusUnprocessableEntity, audit.ErrInconsistent},
	{"bad-signature", http.StatusUnprocessableEntity, audit.ErrBadSignature},
	{"other-log", http.StatusUnprocessableEntity, audit.ErrOtherLog},
	{"no-checkpoint", http.StatusUnprocessableEntity, audit.ErrNoCheckpoint},
	{"no-space", http.StatusInsufficientStorage, service.ErrNoSpace},
	{"corrupt", http.StatusInternalServerError, service.ErrCorrupt},
	{"canceled", 499, context.Canceled}, // the client is gone; nginx's code
}

// typed maps the codes of typed errors to their status, how to fill a body
// from one, and how to rebuild one from a body. Typed errors come first
// in FromError: an IntegrityError may wrap a sentinel, and its type is
// what callers look for.
var typed = []struct {
	code    string
	status  int
	fill    func(err error, body *Error) bool
	rebuild func(e *Error, detail error) error
}{
	{"integrity", http.StatusInternalServerError,
		func(err error, b *Error) bool {
			var t *service.IntegrityError
			if !errors.As(err, &t) {
				return false
			}
			b.ID, b.Detail = t.ID, errText(t.Err)
			return true
		},
		func(e *Error, detail error) error { return &service.IntegrityError{ID: e.ID, Err: detail} }},
	{"erased", http.StatusGone,
		func(err error, b *Error) bool {
			var t *service.ErasedError
			if !errors.As(err, &t) {
				return false
			}
			b.ID, b.Version = t.ID, t.Version
			return true
		},
		func(e *Error, _ error) error { return &service.ErasedError{ID: e.ID, Version: e.Version} }},
	{"denied", http.StatusForbidden,
		func(err error, b *Error) bool {
			var t *service.DeniedError
			if !errors.As(err, &t) {
				return false
			}
			b.Role, b.Action, b.View, b.Domain, b.NeedsReason = t.Role, t.Action, t.View, t.Domain, t.NeedsReason
			return true
		},
		func(e *Error, _ error) error {
			return &service.DeniedError{Role: e.Role, Action: e.Action, View: e.View, Domain: e.Domain, NeedsReason: e.NeedsReason}
		}},
	{"invalid-argument", http.StatusBadRequest,
		func(err error, b *Error) bool {
			var t *service.InvalidArgumentError
			if !errors.As(err, &t) {
				return false
			}
			b.Arg, b.Value, b.Want, b.Length = t.Arg, t.Value, t.Want, t.Len
			return true
		},
		func(e *Error, _ error) error {
			return &service.InvalidArgumentError{Arg: e.Arg, Value: e.Value, Want: e.Want, Len: e.Length}
		}},
	{"parse", http.StatusBadRequest,
		func(err error, b *Error) bool {
			var t *testimony.ParseError
			if !errors.As(err, &t) {
				return false
			}
			b.File, b.Field, b.Detail = t.File, t.Field, errText(t.Err)
			if l := (*testimony.LimitError)(nil); errors.As(t.Err, &l) {
				b.Limit, b.Length, b.Entries = l.Limit, l.Size, l.Entries
			}
			return true
		},
		func(e *Error, detail error) error {
			if e.Limit > 0 {
				detail = &testimony.LimitError{Limit: e.Limit, Size: e.Length, Entries: e.Entries}
			}
			return &testimony.ParseError{File: e.File, Field: e.Field, Err: detail}
		}},
	{"descriptor-refused", http.StatusBadRequest,
		func(err error, b *Error) bool {
			var t *DescriptorError
			if !errors.As(err, &t) {
				return false
			}
			b.Detail = t.Reason
			return true
		},
		func(e *Error, _ error) error { return &DescriptorError{Reason: e.Detail} }},
	{"audit-entry", http.StatusUnprocessableEntity,
		func(err error, b *Error) bool {
			var t *audit.EntryError
			if !errors.As(err, &t) {
				return false
			}
			b.Seq, b.Detail = t.Seq, errText(t.Err)
			return true
		},
		func(e *Error, detail error) error { return &audit.EntryError{Seq: e.Seq, Err: detail} }},
}

// CodeFailed is the code of any other failure, carried as text alone.
const CodeFailed = "failed"

// Codes returns every error code the daemon answers with and its status:
// the table of docs/API.md.
func Codes() map[string]int {
	m := map[string]int{CodeFailed: http.StatusInternalServerError}
	for _, t := range typed {
		m[t.code] = t.status
	}
	for _, s := range sentinels {
		m[s.code] = s.status
	}
	return m
}

// FromError returns the status and body that carry err.
func FromError(err error) (int, Error) {
	body := Error{Message: err.Error()}
	for _, t := range typed {
		if t.fill(err, &body) {
			body.Code = t.code
			return t.status, body
		}
	}
	for _, s := range sentinels {
		if errors.Is(err, s.err) {
			body.Code = s.code
			return s.status, body
		}
	}
	body.Code = CodeFailed
	return http.StatusInternalServerError, body
}

func errText(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

// BadRequest marks err, a flaw in a request's input, as ErrBadRequest
// while keeping its text.
func BadRequest(err error) error { return &remoteError{err.Error(), ErrBadRequest} }

// remoteError is an error received from the daemon: its text is the
// daemon's, and it unwraps to the value it stands for.
type remoteError struct {
	msg string
	err error
}

func (e *remoteError) Error() string { return e.msg }
func (e *remoteError) Unwrap() error { return e.err }

// Err rebuilds the error that e carries: the same type or sentinel as the
// vault's, with the same text. An unknown code gives an error with the
// text alone.
func (e *Error) Err() error {
	detail := errors.New(e.Detail)
	for _, t := range typed {
		if e.Code == t.code {
			return &remoteError{e.Message, t.rebuild(e, detail)}
		}
	}
	for _, s := range sentinels {
		if e.Code == s.code {
			return &remoteError{e.Message, s.err}
		}
	}
	return errors.New(e.Message)
}
