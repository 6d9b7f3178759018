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
	"sync"
	"time"

	"github.com/tvault/tvault/vault/service"

	"github.com/tvault/tvault/audit"
	"github.com/tvault/tvault/crypto/keys"
	"github.com/tvault/tvault/vault/policy"
	"github.com/tvault/tvault/vault/store"
)

// Users and their bearer tokens, for the daemon (store keys: schema.go).
// A token is "tvt_" followed by 32 random bytes in unpadded base64url. The
// vault keeps only its MAC, HMAC-SHA-256 under keys.TokenMAC; the index is
// hex SHA-256 of the MAC, so that a presented token is found by a lookup and
// then compared with the stored MAC in constant time. Nothing stored lets
// anyone who reads the store, even with the root secret, present a token.

const tokenBytes = 32

// userRecord is a User as stored, with the index of its current token.
type userRecord struct {
	Name       string    `json:"name"`
	Role       string    `json:"role"`
	Created    time.Time `json:"created"`
	Issued     time.Time `json:"issued"`
	Expires    time.Time `json:"expires,omitzero"`
	Revoked    time.Time `json:"revoked,omitzero"`
	TokenIndex string    `json:"token_index"`
}

func (u *userRecord) user() service.User {
	return service.User{Name: u.Name, Role: u.Role, Created: u.Created, Issued: u.Issued, Expires: u.Expires, Revoked: u.Revoked}
}

type tokenEntry struct {
	User string `json:"user"`
	MAC  []byte `json:"mac"`
}

// AuthError reports a token that does not authenticate. Its message is the
// same whatever the reason, so that whoever presented the token learns
// nothing from it; Reason and User are for the audit log and rate limits.
type AuthError struct {
	// Reason is "malformed", "unknown", "revoked" or "expired".
	Reason string
	// User names the token's user when the token was once valid.
	User string
}

func (e *AuthError) Error() string { return service.ErrUnauthenticated.Error() }

// Is makes errors.Is(err, ErrUnauthenticated) true for every *AuthError.
func (e *AuthError) Is(target error) bool { return target == service.ErrUnauthenticated }

// userName is the syntax of user names: an audit token, so that a name is
// shown as it is in every log and cannot look like another.
var userName = regexp.MustCompile(`^[a-z][a-z0-9._-]{0,63}$`)

// checkUserName reports whether name may name a user.
func checkUserName(name string) error {
	if !userName.MatchString(name) {
		return &service.InvalidArgumentError{Arg: "user name", Value: name, Len: len(name), Want: "want 1 to 64 lowercase letters, digits, '.', '_' or '-', starting with a letter"}
	}
	if name == service.UnknownActor || name == service.OperatorActor || name == service.LocalOperator.Name {
		return &service.InvalidArgumentError{Arg: "user name", Value: name, Want: "the name is reserved"}
	}
	return nil
}

// newToken returns a fresh token and the MAC and index the vault keeps.
func (v *Vault) newToken() (token string, mac []byte, index string) {
	b := make([]byte, tokenBytes)
	rand.Read(b) // crypto/rand.Read never fails
	token = service.TokenPrefix + base64.RawURLEncoding.EncodeToString(b)
	mac, index = v.tokenMAC(token)
	return token, mac, index
}

func (v *Vault) tokenMAC(token string) (mac []byte, index string) {
	m := hmac.New(sha256.New, keys.Derive(v.secrets().LineageRoot(), keys.TokenMAC))
	m.Write([]byte(token))
	mac = m.Sum(nil)
	sum := sha256.Sum256(mac)
	return mac, hex.EncodeToString(sum[:])
}

// wellFormedToken reports whether token has the shape of one the vault
// issues, without looking it up.
func wellFormedToken(token string) bool {
	rest, ok := strings.CutPrefix(token, service.TokenPrefix)
	if !ok || len(rest) != base64.RawURLEncoding.EncodedLen(tokenBytes) {
		return false
	}
	b, err := base64.RawURLEncoding.DecodeString(rest)
	return err == nil && len(b) == tokenBytes
}

// credentials are the token entries and users of a vault, kept in
// memory so that AuthenticateSeal can check a token when the store cannot
// be read: an admin must be able to seal a daemon whose vault directory
// was deleted under it, or whose disk failed. They are read when the
// vault opens and follow its own writes of users (AddUser, RevokeUser,
// RotateToken); in a store other processes write to, a token's entry
// follows their changes each time authenticate reads it
// (followCredential). Close drops them.
type credentials struct {
	mu sync.Mutex
	// byIndex maps a token index to its entry and user.
	byIndex map[string]credential
}

type credential struct {
	mac  []byte
	user userRecord
}

// set replaces every credential with byIndex (nil: none).
func (c *credentials) set(byIndex map[string]credential) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.byIndex = byIndex
}

// put keeps mac and u as the credential of token index, or drops it if
// u is nil.
func (c *credentials) put(index string, mac []byte, u *userRecord) {
	c.mu.Lock()
	defer c.mu.Unlock()
	switch {
	case c.byIndex == nil: // closed
	case u == nil:
		delete(c.byIndex, index)
	default:
		c.byIndex[index] = credential{mac: mac, user: *u}
	}
}

// revoke keeps u, revoked, as the user of its token, if kept.
func (c *credentials) revoke(u *userRecord) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if cr, ok := c.byIndex[u.TokenIndex]; ok {
		cr.user = *u
		c.byIndex[u.TokenIndex] = cr
	}
}

// check returns the user of the token whose MAC and index are mac and
// index, or an *AuthError, as authenticate does.
func (c *credentials) check(mac []byte, index string) (service.User, error) {
	c.mu.Lock()
	cr, ok := c.byIndex[index]
	c.mu.Unlock()
	if !ok || !hmac.Equal(cr.mac, mac) {
		return service.User{}, &AuthError{Reason: "unknown"}
	}
	return cr.user.check(index)
}

// loadCredentials reads every token entry and its user into v.creds.
func (v *Vault) loadCredentials(ctx context.Context) error {
	byIndex := map[string]credential{}
	err := v.store.View(ctx, func(tx store.ReadTx) error {
		clear(byIndex)
		prefix := tokenKey("")
		return tx.Scan(prefix, func(key, _ []byte) error {
			var te tokenEntry
			if err := getJSON(tx, key, &te); err != nil {
				return err
			}
			u, err := v.readUser(tx, te.User)
			if err != nil {
				return err
			}
			byIndex[string(key[len(prefix):])] = credential{mac: te.MAC, user: *u}
			return nil
		})
	})
	if err != nil {
		return fmt.Errorf("failed to read the users: %w", err)
	}
	v.creds.set(byIndex)
	return nil
}

// AddUser adds a user with role and returns the user's token, which the
// vault does not keep and cannot show again. A zero expires means the
// token never expires.
func (v *Vault) AddUser(ctx context.Context, name, role string, expires time.Duration) (string, error) {
	return do(ctx, v, "user.add", []target{userTarget(name)}, func(o *op) (string, error) {
		if !slices.Contains(policy.Roles, role) {
			return "", &service.InvalidArgumentError{Arg: "role", Value: role, Len: len(role), Want: "want one of " + strings.Join(policy.Roles, ", ")}
		}
		o.attr("role", role)
		if expires < 0 {
			return "", &service.InvalidArgumentError{Arg: "expiry", Value: expires.String(), Want: "want a duration of zero (never) or more"}
		}
		if expires > 0 {
			o.attr("expires", expires.String())
		}
		now := time.Now().UTC()
		u := userRecord{Name: name, Role: role, Created: now, Issued: now}
		if expires > 0 {
			u.Expires = now.Add(expires)
		}
		token, mac, index := v.newToken()
		u.TokenIndex = index
		err := o.write(func(tx store.Tx) error {
			if _, err := tx.Get(userKey(name)); !errors.Is(err, store.ErrNotFound) {
				if err == nil {
					err = fmt.Errorf("user %s: %w", name, service.ErrUserExists)
				}
				return err
			}
			if err := putJSON(tx, tokenKey(index), tokenEntry{User: name, MAC: mac}); err != nil {
				return err
			}
			return putJSON(tx, userKey(name), u)
		})
		if err != nil {
			return "", fmt.Errorf("failed to add user: %w", err)
		}
		v.creds.put(index, mac, &u)
		return token, nil
	})
}

// Users returns every user, revoked ones included, ordered by name.
func (v *Vault) Users(ctx context.Context) ([]service.User, error) {
	return do(ctx, v, "user.list", nil, func(o *op) ([]service.User, error) {
		var out []service.User
		err := o.view(func(tx store.ReadTx) error {
			out = out[:0]
			return tx.Scan([]byte(userPrefix), func(key, _ []byte) error {
				var u userRecord
				if err := getJSON(tx, key, &u); err != nil {
					return err
				}
				out = append(out, u.user())
				return nil
			})
		})
		o.attr("count", fmt.Sprint(len(out)))
		if err != nil {
			return nil, fmt.Errorf("failed to list users: %w", err)
		}
		sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
		return out, nil
	})
}

// RevokeUser revokes user name: the token stops working at once, and the
// name is never given to another user. Revoking a revoked user changes
// nothing.
func (v *Vault) RevokeUser(ctx context.Context, name string) error {
	_, err := do(ctx, v, "user.revoke", []target{userTarget(name)}, func(o *op) (struct{}, error) {
		var u *userRecord
		err := o.write(func(tx store.Tx) (err error) {
			u, err = v.readUser(tx, name)
			if err != nil || !u.Revoked.IsZero() {
				return err
			}
			// The token entry stays, so that a revoked token presented later
			// is audited under its user.
			u.Revoked = time.Now().UTC()
			return putJSON(tx, userKey(name), u)
		})
		if err != nil {
			return struct{}{}, fmt.Errorf("failed to revoke user: %w", err)
		}
		v.creds.revoke(u)
		return struct{}{}, nil
	})
	return err
}

// RotateToken issues user name a new token and invalidates the old one.
// The new token has the lifetime the user was given. A revoked user gets
// no new token.
func (v *Vault) RotateToken(ctx context.Context, name string) (string, error) {
	return do(ctx, v, "token.rotate", []target{userTarget(name)}, func(o *op) (string, error) {
		token, mac, index := v.newToken()
		var u *userRecord
		var old string
		err := o.write(func(tx store.Tx) (err error) {
			if u, err = v.readUser(tx, name); err != nil {
				return err
			}
			old = u.TokenIndex
			if !u.Revoked.IsZero() {
				return fmt.Errorf("user %s: %w", name, service.ErrUserRevoked)
			}
			if err := tx.Delete(tokenKey(u.TokenIndex)); err != nil {
				return err
			}
			now := time.Now().UTC()
			if !u.Expires.IsZero() {
				u.Expires = now.Add(u.Expires.Sub(u.Issued))
			}
			u.Issued, u.TokenIndex = now, index
			if err := putJSON(tx, tokenKey(index), tokenEntry{User: name, MAC: mac}); err != nil {
				return err
			}
			return putJSON(tx, userKey(name), u)
		})
		if err != nil {
			return "", fmt.Errorf("failed to rotate token: %w", err)
		}
		v.creds.put(old, nil, nil)
		v.creds.put(index, mac, u)
		return token, nil
	})
}

func (v *Vault) readUser(tx store.ReadTx, name string) (*userRecord, error) {
	var u userRecord
	err := getJSON(tx, userKey(name), &u)
	if errors.Is(err, store.ErrNotFound) {
		return nil, fmt.Errorf("user %s: %w", name, service.ErrNoUser)
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
func (v *Vault) Authenticate(ctx context.Context, token string) (service.Actor, error) {
	conn, ok := service.ActorFrom(ctx)
	if !ok {
		return service.Actor{}, service.ErrNoActor
	}
	a, aerr := v.authenticate(ctx, token)
	if aerr == nil {
		return service.Actor{Name: a.Name, Role: a.Role, Transport: conn.Transport, RequestID: conn.RequestID}, nil
	}
	var fail *AuthError
	if !errors.As(aerr, &fail) {
		return service.Actor{}, aerr
	}
	conn.Name, conn.Role = service.UnknownActor, ""
	if fail.User != "" {
		conn.Name, conn.Role = fail.User, a.Role
	}
	if err := v.RecordEvent(service.WithActor(ctx, conn), "auth", audit.OutcomeDenied, map[string]string{"reason": fail.Reason}); err != nil {
		return service.Actor{}, err
	}
	return service.Actor{}, aerr
}

// authenticate checks token; on failure with a known user, it still
// returns that user's name and role for the audit entry.
func (v *Vault) authenticate(ctx context.Context, token string) (service.User, error) {
	if !wellFormedToken(token) {
		return service.User{}, &AuthError{Reason: "malformed"}
	}
	mac, index := v.tokenMAC(token)
	var u *userRecord
	var fail *AuthError
	var te tokenEntry
	err := v.store.View(ctx, func(tx store.ReadTx) error {
		u, fail = nil, nil
		err := getJSON(tx, tokenKey(index), &te)
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
		if errors.Is(err, service.ErrNoUser) {
			return fmt.Errorf("%w: token of a missing user", store.ErrCorrupt)
		}
		return err
	})
	switch {
	case err != nil:
		return service.User{}, fmt.Errorf("failed to authenticate: %w", err)
	case fail != nil:
		v.followCredential(index, nil, nil)
		return service.User{}, fail
	}
	v.followCredential(index, te.MAC, u)
	return u.check(index)
}

// followCredential keeps what authenticate read of token index in
// v.creds, in a store other processes write to (their adds, revocations
// and rotations reach v.creds no other way); a vault alone in its store
// keeps v.creds up to date with its own writes, and every request's
// token check then writes nothing to it.
func (v *Vault) followCredential(index string, mac []byte, u *userRecord) {
	if v.shared != nil {
		v.creds.put(index, mac, u)
	}
}

// check returns u, as the user of the token of index, or an *AuthError
// if that token no longer works.
func (u *userRecord) check(index string) (service.User, error) {
	switch {
	case u.TokenIndex != index:
		// A token entry the user no longer points to was left behind:
		// only the current token works.
		return u.user(), &AuthError{Reason: "unknown", User: u.Name}
	case !u.Revoked.IsZero():
		return u.user(), &AuthError{Reason: "revoked", User: u.Name}
	case !u.Expires.IsZero() && !time.Now().Before(u.Expires):
		return u.user(), &AuthError{Reason: "expired", User: u.Name}
	}
	return u.user(), nil
}

// AuthenticateSeal is Authenticate for a seal, which must be possible
// whatever became of the store: if the store cannot be read, or a
// refusal recorded, it checks token against the users the vault keeps in
// memory (credentials) and returns that actor, or an *AuthError, with
// nothing recorded. In a store other processes write to, a user they
// revoked, or a token they rotated, since this vault last read it may
// then still seal: sealing is the fail-safe direction.
func (v *Vault) AuthenticateSeal(ctx context.Context, token string) (service.Actor, error) {
	a, err := v.Authenticate(ctx, token)
	var fail *AuthError
	if err == nil || errors.As(err, &fail) || errors.Is(err, service.ErrNoActor) || !wellFormedToken(token) {
		return a, err
	}
	u, ferr := v.creds.check(v.tokenMAC(token))
	if ferr != nil {
		return service.Actor{}, err
	}
	conn, _ := service.ActorFrom(ctx)
	return service.Actor{Name: u.Name, Role: u.Role, Transport: conn.Transport, RequestID: conn.RequestID}, nil
}

// eventActions are the actions RecordEvent accepts.
var eventActions = map[string]bool{"auth": true, "request": true, "operator.unseal": true, "operator.seal": true, "operator.share": true}

// RecordEvent appends an audit entry, by the context's actor, for an event
// that a server around the vault witnessed outside its operations: "auth"
// (a refused authentication, such as a client over its rate limit),
// "request" (a request the server refused before any operation ran: a
// malformed body, header or query),
// "operator.unseal" and "operator.seal", which, in a shared store, seals
// the vault's engines in other processes too (ErrSealedElsewhere). attrs become the entry's
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
	var fn func(store.Tx) error
	if action == "operator.seal" && outcome == audit.OutcomeOK && v.shared != nil {
		// The other processes' engines seal at their next operation.
		fn = markSeal
	}
	if err := v.audit.Submit(ctx, e, fn); err != nil {
		return fmt.Errorf("failed to record %s in the audit log: %w", action, err)
	}
	return nil
}
