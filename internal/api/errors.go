package api

import (
	"context"
	"errors"
	"net/http"

	"github.com/tvault/tvault/audit"
	"github.com/tvault/tvault/crypto/pseudonym"
	"github.com/tvault/tvault/vault"
	"github.com/tvault/tvault/vault/store"
	"github.com/tvault/tvault/vault/testimony"
)

// Error is the body of every error response. Message is the error's text
// as the vault gave it; Code names its kind (the table in docs/API.md);
// the other fields carry what a typed error holds.
type Error struct {
	Message string `json:"error"`
	Code    string `json:"code"`
	ID      string `json:"id,omitempty"`     // invalid-id, integrity
	Role    string `json:"role,omitempty"`   // denied
	Action  string `json:"action,omitempty"` // denied
	View    string `json:"view,omitempty"`   // denied
	File    string `json:"file,omitempty"`   // parse
	Field   string `json:"field,omitempty"`  // parse
	Seq     int64  `json:"seq,omitempty"`    // audit-entry
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
	{"unauthenticated", http.StatusUnauthorized, vault.ErrUnauthenticated},
	{"wrong-passphrase", http.StatusUnauthorized, vault.ErrWrongPassphrase},
	{"no-consent", http.StatusForbidden, vault.ErrNoConsent},
	{"origin", http.StatusForbidden, ErrOrigin},
	{"not-found", http.StatusNotFound, vault.ErrNotFound},
	{"no-person", http.StatusNotFound, vault.ErrNoPerson},
	{"no-user", http.StatusNotFound, vault.ErrNoUser},
	{"no-attachment", http.StatusNotFound, vault.ErrNoAttachment},
	{"bad-range", http.StatusRequestedRangeNotSatisfiable, vault.ErrRange},
	{"user-exists", http.StatusConflict, vault.ErrUserExists},
	{"user-revoked", http.StatusConflict, vault.ErrUserRevoked},
	{"in-use", http.StatusConflict, vault.ErrInUse},
	{"already-unsealed", http.StatusConflict, ErrAlreadyUnsealed},
	{"reason-required", http.StatusBadRequest, vault.ErrReasonRequired},
	{"purpose-required", http.StatusBadRequest, vault.ErrPurposeRequired},
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
	{"corrupt", http.StatusInternalServerError, store.ErrCorrupt},
	{"canceled", 499, context.Canceled}, // the client is gone; nginx's code
}

// FromError returns the status and body that carry err.
func FromError(err error) (int, Error) {
	body := Error{Message: err.Error()}
	var (
		denied *vault.DeniedError
		badID  *vault.InvalidIDError
		integ  *vault.IntegrityError
		parse  *testimony.ParseError
		entry  *audit.EntryError
	)
	// Typed errors first: an IntegrityError may wrap a sentinel, and its
	// type is what callers look for.
	switch {
	case errors.As(err, &integ):
		body.Code, body.ID, body.Detail = "integrity", integ.ID, errText(integ.Err)
		return http.StatusInternalServerError, body
	case errors.As(err, &denied):
		body.Code, body.Role, body.Action, body.View = "denied", denied.Role, denied.Action, denied.View
		return http.StatusForbidden, body
	case errors.As(err, &badID):
		body.Code, body.ID = "invalid-id", badID.ID
		return http.StatusBadRequest, body
	case errors.As(err, &parse):
		body.Code, body.File, body.Field, body.Detail = "parse", parse.File, parse.Field, errText(parse.Err)
		return http.StatusBadRequest, body
	case errors.As(err, &entry):
		body.Code, body.Seq, body.Detail = "audit-entry", entry.Seq, errText(entry.Err)
		return http.StatusUnprocessableEntity, body
	}
	for _, s := range sentinels {
		if errors.Is(err, s.err) {
			body.Code = s.code
			return s.status, body
		}
	}
	body.Code = "failed"
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
	switch e.Code {
	case "integrity":
		return &remoteError{e.Message, &vault.IntegrityError{ID: e.ID, Err: detail}}
	case "denied":
		return &remoteError{e.Message, &vault.DeniedError{Role: e.Role, Action: e.Action, View: e.View}}
	case "invalid-id":
		return &remoteError{e.Message, &vault.InvalidIDError{ID: e.ID}}
	case "parse":
		return &remoteError{e.Message, &testimony.ParseError{File: e.File, Field: e.Field, Err: detail}}
	case "audit-entry":
		return &remoteError{e.Message, &audit.EntryError{Seq: e.Seq, Err: detail}}
	}
	for _, s := range sentinels {
		if e.Code == s.code {
			return &remoteError{e.Message, s.err}
		}
	}
	return errors.New(e.Message)
}
