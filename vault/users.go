package vault

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/tvault/tvault/audit"
	"github.com/tvault/tvault/crypto/keys"
	"github.com/tvault/tvault/vault/policy"
	"github.com/tvault/tvault/vault/store"
)

// Users and their bearer tokens, for the daemon. Store keys:
//
//	user/<name>      sealed userRecord
//	tok/<index>      sealed tokenEntry: the user's name and the token's MAC
//
// A token is "tvt_" followed by 32 random bytes in unpadded base64url. The
// vault keeps only its MAC, HMAC-SHA-256 under keys.TokenMAC; the index is
// hex SHA-256 of the MAC, so that a presented token is found by a lookup and
// then compared with the stored MAC in constant time. Nothing stored lets
// anyone who reads the store, even with the root secret, present a token.

// TokenPrefix begins every token, so that a leaked one is easy to spot in
// code and logs, and a wrong string is rejected before any lookup.
const TokenPrefix = "tvt_"

const tokenBytes = 32

// Reserved actor names, which no user may take.
const (
	// UnknownActor names the actor of a failed authentication whose token
	// belongs to no user.
	UnknownActor = "unknown"
	// OperatorActor names whoever unseals or seals a daemon's vault with
	// its passphrase.
	OperatorActor = "operator"
)

// User is a user of a vault served by the daemon.
type User struct {
	Name    string    `json:"name"`
	Role    string    `json:"role"`
	Created time.Time `json:"created"`
	// Issued is when the current token was issued (at creation or by the
	// last rotation).
	Issued time.Time `json:"issued"`
	// Expires is when the token stops working; zero for never.
	Expires time.Time `json:"expires,omitzero"`
	// Revoked is when the user was revoked; zero while active.
	Revoked time.Time `json:"revoked,omitzero"`
}

// userRecord is a User as stored, with the index of its current token.
type userRecord struct {
	User
	TokenIndex string `json:"token_index"`
}

type tokenEntry struct {
	User string `json:"user"`
	MAC  []byte `json:"mac"`
}

var (
	// ErrNoUser is returned for a user name the vault does not know.
	ErrNoUser = errors.New("no such user")
	// ErrUserExists is returned by AddUser for a name already taken,
	// including by a revoked user: names in the audit log stay unambiguous.
	ErrUserExists = errors.New("user already exists")
	// ErrUserRevoked is returned by RotateToken for a revoked user: a
	// revoked name stays revoked; add a new user instead.
	ErrUserRevoked = errors.New("user is revoked; add a new user instead")
	// ErrUnauthenticated matches every *AuthError.
	ErrUnauthenticated = errors.New("invalid, revoked or expired token")
)

// AuthError reports a token that does not authenticate. Its message is the
// same whatever the reason, so that whoever presented the token learns
// nothing from it; Reason and User are for the audit log and rate limits.
type AuthError struct {
	// Reason is "malformed", "unknown", "revoked" or "expired".
	Reason string
	// User names the token's user when the token was once valid.
	User string
}

func (e *AuthError) Error() string { return ErrUnauthenticated.Error() }

// Is makes errors.Is(err, ErrUnauthenticated) true for every *AuthError.
func (e *AuthError) Is(target error) bool { return target == ErrUnauthenticated }

// userName is the syntax of user names: an audit token, so that a name is
// shown as it is in every log and cannot look like another.
var userName = regexp.MustCompile(`^[a-z][a-z0-9._-]{0,63}$`)

// CheckUserName reports whether name may name a user.
func CheckUserName(name string) error {
	if !userName.MatchString(name) {
		return fmt.Errorf("invalid user name %q: want 1 to 64 lowercase letters, digits, '.', '_' or '-', starting with a letter", name)
	}
	if name == UnknownActor || name == OperatorActor || name == LocalOperator.Name {
		return fmt.Errorf("user name %q is reserved", name)
	}
	return nil
}

func userKey(name string) []byte { return []byte("user/" + name) }

func tokenKey(index string) []byte { return []byte("tok/" + index) }

// newToken returns a fresh token and the MAC and index the vault keeps.
func (v *Vault) newToken() (token string, mac []byte, index string) {
	b := make([]byte, tokenBytes)
	rand.Read(b) // crypto/rand.Read never fails
	token = TokenPrefix + base64.RawURLEncoding.EncodeToString(b)
	mac, index = v.tokenMAC(token)
	return token, mac, index
}

func (v *Vault) tokenMAC(token string) (mac []byte, index string) {
	m := hmac.New(sha256.New, keys.Derive(v.keys.Root, keys.TokenMAC))
	m.Write([]byte(token))
	mac = m.Sum(nil)
	sum := sha256.Sum256(mac)
	return mac, hex.EncodeToString(sum[:])
}

// wellFormedToken reports whether token has the shape of one the vault
// issues, without looking it up.
func wellFormedToken(token string) bool {
	rest, ok := strings.CutPrefix(token, TokenPrefix)
	if !ok || len(rest) != base64.RawURLEncoding.EncodedLen(tokenBytes) {
		return false
	}
	b, err := base64.RawURLEncoding.DecodeString(rest)
	return err == nil && len(b) == tokenBytes
}

// AddUser adds a user with role and returns the user's token, which the
// vault does not keep and cannot show again. A zero expires means the
// token never expires.
func (v *Vault) AddUser(ctx context.Context, name, role string, expires time.Duration) (string, error) {
	if err := CheckUserName(name); err != nil {
		return "", err
	}
	if !slices.Contains(policy.Roles, role) {
		return "", fmt.Errorf("unknown role %q: want one of %s", role, strings.Join(policy.Roles, ", "))
	}
	if expires < 0 {
		return "", errors.New("expiry must not be negative")
	}
	e, err := v.begin(ctx, "user.add", name)
	if err != nil {
		return "", err
	}
	e.SetAttr("role", role)
	if expires > 0 {
		e.SetAttr("expires", expires.String())
	}
	now := time.Now().UTC()
	u := userRecord{User: User{Name: name, Role: role, Created: now, Issued: now}}
	if expires > 0 {
		u.Expires = now.Add(expires)
	}
	token, mac, index := v.newToken()
	u.TokenIndex = index
	err = v.write(ctx, e, func(tx store.Tx) error {
		if _, err := tx.Get(userKey(name)); !errors.Is(err, store.ErrNotFound) {
			if err == nil {
				err = fmt.Errorf("user %s: %w", name, ErrUserExists)
			}
			return err
		}
		if err := v.sealJSON(tx, tokenKey(index), tokenEntry{User: name, MAC: mac}); err != nil {
			return err
		}
		return v.sealJSON(tx, userKey(name), u)
	})
	if err != nil {
		return "", fmt.Errorf("failed to add user: %w", err)
	}
	return token, nil
}

// Users returns every user, revoked ones included, ordered by name.
func (v *Vault) Users(ctx context.Context) ([]User, error) {
	e, err := v.begin(ctx, "user.list")
	if err != nil {
		return nil, err
	}
	var out []User
	err = v.read(ctx, e, func(tx store.ReadTx) error {
		out = out[:0]
		defer func() { e.SetAttr("count", fmt.Sprint(len(out))) }()
		return tx.Scan([]byte("user/"), func(key, _ []byte) error {
			var u userRecord
			if err := v.openJSON(tx, key, &u); err != nil {
				return err
			}
			out = append(out, u.User)
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("failed to list users: %w", err)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, nil
}

// RevokeUser revokes user name: the token stops working at once, and the
// name is never given to another user. Revoking a revoked user changes
// nothing.
func (v *Vault) RevokeUser(ctx context.Context, name string) error {
	e, err := v.begin(ctx, "user.revoke", name)
	if err != nil {
		return err
	}
	err = v.write(ctx, e, func(tx store.Tx) error {
		u, err := v.readUser(tx, name)
		if err != nil || !u.Revoked.IsZero() {
			return err
		}
		// The token entry stays, so that a revoked token presented later
		// is audited under its user.
		u.Revoked = time.Now().UTC()
		return v.sealJSON(tx, userKey(name), u)
	})
	if err != nil {
		return fmt.Errorf("failed to revoke user: %w", err)
	}
	return nil
}

// RotateToken issues user name a new token and invalidates the old one.
// The new token has the lifetime the user was given. A revoked user gets
// no new token.
func (v *Vault) RotateToken(ctx context.Context, name string) (string, error) {
	e, err := v.begin(ctx, "token.rotate", name)
	if err != nil {
		return "", err
	}
	token, mac, index := v.newToken()
	err = v.write(ctx, e, func(tx store.Tx) error {
		u, err := v.readUser(tx, name)
		if err != nil {
			return err
		}
		if !u.Revoked.IsZero() {
			return fmt.Errorf("user %s: %w", name, ErrUserRevoked)
		}
		if err := tx.Delete(tokenKey(u.TokenIndex)); err != nil {
			return err
		}
		now := time.Now().UTC()
		if !u.Expires.IsZero() {
			u.Expires = now.Add(u.Expires.Sub(u.Issued))
		}
		u.Issued, u.TokenIndex = now, index
		if err := v.sealJSON(tx, tokenKey(index), tokenEntry{User: name, MAC: mac}); err != nil {
			return err
		}
		return v.sealJSON(tx, userKey(name), u)
	})
	if err != nil {
		return "", fmt.Errorf("failed to rotate token: %w", err)
	}
	return token, nil
}

func (v *Vault) readUser(tx store.ReadTx, name string) (*userRecord, error) {
	var u userRecord
	err := v.openJSON(tx, userKey(name), &u)
	if errors.Is(err, store.ErrNotFound) {
		return nil, fmt.Errorf("user %s: %w", name, ErrNoUser)
	}
	if err != nil {
		return nil, err
	}
	return &u, nil
}

// Authenticate returns the actor that token stands for: the user's name
// and role, with the Transport and RequestID of the context's actor, which
// describes the connection (its Name is ignored).
//
// A token that is malformed, unknown (never issued, or replaced by a
// rotation), revoked or expired fails with an *AuthError, which matches
// ErrUnauthenticated and says the same whatever the reason. The failure is
// recorded in the audit log as a denied "auth" entry by the token's user,
// or by UnknownActor, with the reason; if it cannot be recorded,
// Authenticate fails with that error instead.
func (v *Vault) Authenticate(ctx context.Context, token string) (Actor, error) {
	conn, ok := ctx.Value(actorKey{}).(Actor)
	if !ok {
		return Actor{}, ErrNoActor
	}
	a, aerr := v.authenticate(ctx, token)
	if aerr == nil {
		return Actor{Name: a.Name, Role: a.Role, Transport: conn.Transport, RequestID: conn.RequestID}, nil
	}
	var fail *AuthError
	if !errors.As(aerr, &fail) {
		return Actor{}, aerr
	}
	conn.Name, conn.Role = UnknownActor, ""
	if fail.User != "" {
		conn.Name, conn.Role = fail.User, a.Role
	}
	if err := v.RecordEvent(WithActor(ctx, conn), "auth", audit.OutcomeDenied, map[string]string{"reason": fail.Reason}); err != nil {
		return Actor{}, err
	}
	return Actor{}, aerr
}

// authenticate checks token; on failure with a known user, it still
// returns that user's name and role for the audit entry.
func (v *Vault) authenticate(ctx context.Context, token string) (User, error) {
	if !wellFormedToken(token) {
		return User{}, &AuthError{Reason: "malformed"}
	}
	mac, index := v.tokenMAC(token)
	var u *userRecord
	var fail *AuthError
	err := v.store.View(ctx, func(tx store.ReadTx) error {
		var te tokenEntry
		err := v.openJSON(tx, tokenKey(index), &te)
		if errors.Is(err, store.ErrNotFound) {
			fail = &AuthError{Reason: "unknown"}
			return nil
		}
		if err != nil {
			return err
		}
		// The index matched; the MAC must too, compared in constant time
		// so that timing tells nothing about how close a guess came.
		if !hmac.Equal(te.MAC, mac) {
			fail = &AuthError{Reason: "unknown"}
			return nil
		}
		u, err = v.readUser(tx, te.User)
		if errors.Is(err, ErrNoUser) {
			return fmt.Errorf("%w: token of a missing user", store.ErrCorrupt)
		}
		return err
	})
	switch {
	case err != nil:
		return User{}, fmt.Errorf("failed to authenticate: %w", err)
	case fail != nil:
		return User{}, fail
	case u.TokenIndex != index:
		// A token entry the user no longer points to was left behind:
		// only the current token works.
		return u.User, &AuthError{Reason: "unknown", User: u.Name}
	case !u.Revoked.IsZero():
		return u.User, &AuthError{Reason: "revoked", User: u.Name}
	case !u.Expires.IsZero() && !time.Now().Before(u.Expires):
		return u.User, &AuthError{Reason: "expired", User: u.Name}
	}
	return u.User, nil
}

// eventActions are the actions RecordEvent accepts.
var eventActions = map[string]bool{"auth": true, "operator.unseal": true, "operator.seal": true}

// RecordEvent appends an audit entry, by the context's actor, for an event
// that a server around the vault witnessed outside its operations: "auth"
// (a refused authentication, such as a client over its rate limit),
// "operator.unseal" and "operator.seal". attrs become the entry's
// attributes; keys are audit tokens, and no value may identify a person.
// It returns once the entry is durable.
func (v *Vault) RecordEvent(ctx context.Context, action string, outcome audit.Outcome, attrs map[string]string) error {
	if !eventActions[action] {
		return fmt.Errorf("not an event action: %q", action)
	}
	e, err := newEntry(ctx, action)
	if err != nil {
		return err
	}
	e.Outcome = outcome
	for k, val := range attrs {
		e.SetAttr(k, val)
	}
	if err := v.audit.Submit(ctx, e, nil); err != nil {
		return fmt.Errorf("failed to record %s in the audit log: %w", action, err)
	}
	return nil
}
