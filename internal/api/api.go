// Package api is the wire format of tvaultd's HTTP API (docs/API.md),
// shared by the daemon and package client: request and response bodies,
// and the error codes that carry the vault's errors across, so that
// errors.Is and errors.As give the same answers on both sides.
package api

import (
	"errors"

	"github.com/tvault/tvault/vault/service"
)

// Version prefixes every route.
const Version = "/v1"

// Limits of request bodies.
const (
	// MaxImport bounds a put or replace: the largest import file, and
	// room for the array around it.
	MaxImport = 16<<20 + 4<<10
	// MaxBody bounds every other request body.
	MaxBody = 1 << 20
)

// Health is the body of GET /v1/health.
type Health struct {
	Sealed bool `json:"sealed"`
	// Status is StatusSealed, StatusOK, or StatusDegraded when the
	// latest background check (tvaultd --scrub-interval) found Problems
	// problems; it stays so until a later check finds none.
	Status   string `json:"status"`
	Problems int    `json:"problems,omitempty"`
	// Shares is the number of operators' shares a sealed daemon holds,
	// of the Threshold its keyring needs; both are 0 for a keyring
	// sealed with a passphrase.
	Shares    int `json:"shares,omitempty"`
	Threshold int `json:"threshold,omitempty"`
}

// Health statuses.
const (
	StatusSealed   = "sealed"
	StatusOK       = "ok"
	StatusDegraded = "degraded"
)

// Sealed is the response of POST /v1/operator/seal: Canceled is the
// number of requests still running at the seal's deadline, which were cut
// off.
type Sealed struct {
	Sealed   bool `json:"sealed"`
	Canceled int  `json:"canceled"`
}

// Unseal is the body of POST /v1/operator/unseal: the passphrase, or one
// operator's share (decrypted by the operator), not both.
type Unseal struct {
	Passphrase string `json:"passphrase"`
	Share      []byte `json:"share,omitempty"`
}

// Operators is the response of GET /v1/operator/shares: the operator set
// of a keyring sealed to operators, with each one's share encrypted to
// them, and the numbers of those whose shares the daemon holds.
type Operators struct {
	Threshold int        `json:"threshold"`
	Operators []Operator `json:"operators"`
	Received  []int      `json:"received"`
}

// Operator is one operator of Operators.
type Operator struct {
	Number      int    `json:"number"`
	Fingerprint string `json:"fingerprint"`
	Recipient   string `json:"recipient"`
	// Share is an age file (binary) that the operator's identity opens.
	Share []byte `json:"share"`
}

// Put is the response of POST /v1/records.
type Put struct {
	IDs   []string            `json:"ids"`
	Notes []service.AliasNote `json:"notes,omitempty"`
}

// Replace is the response of PUT /v1/records/{id}.
type Replace struct {
	Version int                 `json:"version"`
	Notes   []service.AliasNote `json:"notes,omitempty"`
}

// Merge is the body of POST /v1/persons/merge.
type Merge struct {
	Key     string `json:"key"`
	KeepKey string `json:"keep_key"`
}

// Reidentify is the body of POST /v1/reidentify.
type Reidentify struct {
	Pseudonym string `json:"pseudonym"`
	Domain    string `json:"domain,omitempty"`
	Reason    string `json:"reason"`
}

// Consent is the body of POST /v1/persons/{key}/consent/withdraw and
// POST /v1/persons/{key}/consent/grant.
type Consent struct {
	Scope  string `json:"scope"`
	Reason string `json:"reason"`
}

// Grant is the body of POST /v1/domains/{domain}/grant and
// POST /v1/domains/{domain}/revoke.
type Grant struct {
	User string `json:"user"`
}

// Escrow is the request of POST /v1/escrow/add and /v1/escrow/remove, and
// of POST /v1/rekey, with no recipient.
type Escrow struct {
	Recipient string `json:"recipient"`
}

// Key is the response of GET /v1/audit/key.
type Key struct {
	Key string `json:"key"`
}

// Verify is the body of POST /v1/audit/verify.
type Verify struct {
	// Checkpoint is a checkpoint the auditor kept, or empty.
	Checkpoint string `json:"checkpoint,omitempty"`
}

// Check is the body of POST /v1/check, which answers a
// service.CheckReport.
type Check struct {
	ReadData bool `json:"read_data,omitempty"`
}

// Prove is the body of POST /v1/audit/prove.
type Prove struct {
	Seq int64 `json:"seq"`
}

// Hash is the body of POST /v1/audit/hash and, with MAC set, its response.
type Hash struct {
	Value string `json:"value,omitempty"`
	MAC   string `json:"mac,omitempty"`
}

// AddUser is the body of POST /v1/users.
type AddUser struct {
	Name string `json:"name"`
	Role string `json:"role"`
	// Expires is a Go duration ("720h"); empty or "0" for never.
	Expires string `json:"expires,omitempty"`
}

// Token is the response of POST /v1/users and POST /v1/users/{name}/token.
type Token struct {
	Token string `json:"token"`
}

// Trailers of streamed responses (export, audit log, attachment reads): a
// stream is complete only if it ends with Count (lines, or bytes of an
// attachment); Error and ErrorCode report a failure after the first line
// or byte was sent.
const (
	TrailerCount     = "Tvault-Count"
	TrailerError     = "Tvault-Error"
	TrailerErrorCode = "Tvault-Error-Code"
)

// Errors of the daemon itself, which the vault does not return.
var (
	// ErrSealed: the daemon is sealed; unseal it first.
	ErrSealed = errors.New("the vault is sealed")
	// ErrBusy: too many requests are in flight; try again.
	ErrBusy = errors.New("the daemon is busy; try again")
	// ErrRateLimited: too many failed authentications from this client
	// or for this user; wait and try again.
	ErrRateLimited = errors.New("too many failed attempts; wait and try again")
	// ErrTooLarge: the request body is over the limit.
	ErrTooLarge = errors.New("request body is too large")
	// ErrOrigin: the request came from a web page (it has an Origin
	// header); no browser may talk to the daemon.
	ErrOrigin = errors.New("requests from web pages are refused")
	// ErrNoRoute: the path or method is not in the API.
	ErrNoRoute = errors.New("no such route or method")
	// ErrBadRequest: the request is malformed.
	ErrBadRequest = errors.New("bad request")
	// ErrAlreadyUnsealed: an unseal while the vault is open.
	ErrAlreadyUnsealed = errors.New("the vault is already unsealed")
	// ErrDescriptor: the daemon did not take the file descriptor that a
	// request passed it (HeaderOutput); a *DescriptorError says why.
	ErrDescriptor = errors.New("file descriptor refused")
)

// DescriptorError is ErrDescriptor with its reason: the descriptor is
// not a regular file open for writing on a local disk file system, none
// came with the request, or this daemon takes none. Nothing was written
// to it, and the client streams the bytes over the socket instead.
type DescriptorError struct {
	Reason string // "not a regular file", "on a file system not allowed"...
}

func (e *DescriptorError) Error() string { return "file descriptor refused: " + e.Reason }
func (e *DescriptorError) Unwrap() error { return ErrDescriptor }

// HeaderOutput, set to OutputDescriptor on a whole attachment read over
// the unix socket, asks the daemon to write the bytes into the file
// whose descriptor came with the request (SCM_RIGHTS) instead of
// streaming them. A daemon that does so answers with HeaderOutput set to
// OutputDescriptor, an empty body and the stream's trailers,
// Tvault-Count being the bytes written into the file; one that does not
// know the header streams the bytes as ever.
const (
	HeaderOutput     = "Tvault-Output"
	OutputDescriptor = "descriptor"
)

// HeaderNote carries the note of an attach, percent-encoded (url.PathEscape)
// so that any text fits in a header. It is a header rather than a query
// parameter because a note may name a person, and URLs end up in logs.
const HeaderNote = "Tvault-Note"

// HeaderReason carries the reason a user states for a request
// (service.WithReason), percent-encoded as HeaderNote is, on any route.
const HeaderReason = "Tvault-Reason"
