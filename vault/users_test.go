package vault

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/tvault/tvault/vault/service"

	"github.com/tvault/tvault/audit"
	"github.com/tvault/tvault/vault/store"
)

// connCtx is the context the daemon gives Authenticate: the connection's
// transport and request, no user yet.
var connCtx = service.WithActor(context.Background(), service.Actor{Name: service.UnknownActor, Transport: "unix", RequestID: "req-1"})

func TestUserTokenStoredOnlyAsMAC(t *testing.T) {
	v, dir := newTestVault(t, Options{})
	token, err := v.AddUser(ctx, "kim", "officer", 0)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(token, service.TokenPrefix) || len(token) != len(service.TokenPrefix)+43 {
		t.Fatalf("token %q: want tvt_ and 43 base64url characters", token)
	}
	secret := strings.TrimPrefix(token, service.TokenPrefix)
	// Not even sealed: every user and token entry, opened, lacks it.
	err = v.store.View(ctx, func(tx store.ReadTx) error {
		for _, prefix := range []string{"user/", "tok/"} {
			err := tx.Scan([]byte(prefix), func(key, plain []byte) error {
				if bytes.Contains(plain, []byte(secret)) || bytes.Contains(key, []byte(secret)) {
					t.Errorf("%s holds the token", key)
				}
				return nil
			})
			if err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := v.Close(); err != nil {
		t.Fatal(err)
	}
	grepTree(t, dir, []string{token, secret})
}

func TestAuthenticate(t *testing.T) {
	v, _ := newEngine(t, Options{})
	officer, err := v.AddUser(ctx, "kim", "officer", 0)
	if err != nil {
		t.Fatal(err)
	}
	a, err := v.Authenticate(connCtx, officer)
	if err != nil {
		t.Fatal(err)
	}
	if want := (service.Actor{Name: "kim", Role: "officer", Transport: "unix", RequestID: "req-1"}); a != want {
		t.Fatalf("Authenticate = %+v, want %+v", a, want)
	}

	revoked, _ := v.AddUser(ctx, "lee", "researcher", 0)
	if err := v.RevokeUser(ctx, "lee"); err != nil {
		t.Fatal(err)
	}
	expired, _ := v.AddUser(ctx, "park", "auditor", time.Millisecond)
	time.Sleep(5 * time.Millisecond)
	old, _ := v.AddUser(ctx, "choi", "legal", time.Hour)
	rotated, err := v.RotateToken(ctx, "choi")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := v.Authenticate(connCtx, rotated); err != nil {
		t.Fatalf("rotated token: %v", err)
	}
	wrong := officer[:len(officer)-2] + "AA"
	if wrong == officer {
		wrong = officer[:len(officer)-2] + "BB"
	}

	cases := []struct {
		name, token, reason, actor string
	}{
		{"wrong", wrong, "unknown", service.UnknownActor},
		{"malformed", "Bearer nonsense", "malformed", service.UnknownActor},
		{"empty", "", "malformed", service.UnknownActor},
		{"revoked", revoked, "revoked", "lee"},
		{"expired", expired, "expired", "park"},
		{"rotated", old, "unknown", service.UnknownActor}, // rotation deletes the old entry
	}
	var messages []string
	for _, c := range cases {
		_, err := v.Authenticate(connCtx, c.token)
		var ae *AuthError
		if !errors.As(err, &ae) || !errors.Is(err, service.ErrUnauthenticated) {
			t.Fatalf("%s: err = %v, want an *AuthError", c.name, err)
		}
		if ae.Reason != c.reason {
			t.Errorf("%s: reason %q, want %q", c.name, ae.Reason, c.reason)
		}
		messages = append(messages, err.Error())
	}
	for _, m := range messages[1:] {
		if m != messages[0] {
			t.Errorf("failures say different things: %q and %q", messages[0], m)
		}
	}

	// Each failure is a denied auth entry by the token's user, if known.
	var got []string
	err = v.AuditLog(ctx, service.AuditFilter{}, func(e *audit.Entry) error {
		if e.Action == "auth" {
			reason := ""
			for _, a := range e.Attrs {
				if a.Key == "reason" {
					reason = a.Value
				}
			}
			got = append(got, e.Actor+" "+reason+" "+string(e.Outcome)+" "+e.Transport)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(cases) {
		t.Fatalf("auth entries: %q, want %d", got, len(cases))
	}
	for i, c := range cases {
		if want := c.actor + " " + c.reason + " denied unix"; got[i] != want {
			t.Errorf("entry %d: %q, want %q", i, got[i], want)
		}
	}
}

func TestUserAdministration(t *testing.T) {
	v, _ := newEngine(t, Options{})
	if _, err := v.AddUser(ctx, "admin1", "admin", 0); err != nil {
		t.Fatal(err)
	}
	if _, err := v.AddUser(ctx, "admin1", "officer", 0); !errors.Is(err, service.ErrUserExists) {
		t.Errorf("duplicate: %v, want service.ErrUserExists", err)
	}
	for _, bad := range []struct{ name, role string }{
		{"Kim", "officer"}, {"", "officer"}, {"unknown", "officer"}, {"local", "officer"},
		{"kim lee", "officer"}, {"kim", "root"}, {strings.Repeat("a", 65), "officer"},
	} {
		if _, err := v.AddUser(ctx, bad.name, bad.role, 0); err == nil {
			t.Errorf("AddUser(%q, %q) succeeded", bad.name, bad.role)
		}
	}
	if _, err := v.AddUser(ctx, "kim", "officer", -time.Second); err == nil {
		t.Error("negative expiry accepted")
	}
	if err := v.RevokeUser(ctx, "nobody"); !errors.Is(err, service.ErrNoUser) {
		t.Errorf("revoke missing: %v, want service.ErrNoUser", err)
	}
	if _, err := v.RotateToken(ctx, "nobody"); !errors.Is(err, service.ErrNoUser) {
		t.Errorf("rotate missing: %v, want service.ErrNoUser", err)
	}

	// Remotely, only the policy's admin role manages users.
	officer := service.WithActor(context.Background(), service.Actor{Name: "kim", Role: "officer", Transport: "unix"})
	admin := service.WithActor(context.Background(), service.Actor{Name: "admin1", Role: "admin", Transport: "unix"})
	if _, err := v.AddUser(officer, "mallory", "admin", 0); !errors.Is(err, service.ErrDenied) {
		t.Errorf("officer adds a user: %v, want service.ErrDenied", err)
	}
	if _, err := v.Users(officer); !errors.Is(err, service.ErrDenied) {
		t.Errorf("officer lists users: %v, want service.ErrDenied", err)
	}
	if _, err := v.AddUser(admin, "lee", "researcher", 24*time.Hour); err != nil {
		t.Fatal(err)
	}
	if err := v.RevokeUser(admin, "lee"); err != nil {
		t.Fatal(err)
	}
	if err := v.RevokeUser(admin, "lee"); err != nil {
		t.Errorf("second revoke: %v", err)
	}
	if _, err := v.RotateToken(admin, "lee"); !errors.Is(err, service.ErrUserRevoked) {
		t.Errorf("rotating a revoked user's token = %v, want service.ErrUserRevoked", err)
	}
	users, err := v.Users(admin)
	if err != nil {
		t.Fatal(err)
	}
	if len(users) != 2 || users[0].Name != "admin1" || users[1].Name != "lee" ||
		users[1].Revoked.IsZero() || users[1].Expires.Sub(users[1].Created) != 24*time.Hour {
		t.Errorf("Users = %+v", users)
	}
	actions := strings.Join(auditActions(t, v), " ")
	for _, want := range []string{"user.add:denied", "user.list:denied", "user.add:ok", "user.revoke:ok", "token.rotate:error", "user.list:ok"} {
		if !strings.Contains(actions, want) {
			t.Errorf("audit log lacks %s: %s", want, actions)
		}
	}
}

func TestRotateKeepsLifetime(t *testing.T) {
	v, _ := newEngine(t, Options{})
	if _, err := v.AddUser(ctx, "kim", "officer", time.Hour); err != nil {
		t.Fatal(err)
	}
	if _, err := v.RotateToken(ctx, "kim"); err != nil {
		t.Fatal(err)
	}
	users, err := v.Users(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if u := users[0]; u.Expires.Sub(u.Issued) != time.Hour || u.Issued.Before(u.Created) {
		t.Errorf("after rotation: %+v", u)
	}
}

func TestRecordEvent(t *testing.T) {
	v, _ := newEngine(t, Options{})
	if err := v.RecordEvent(ctx, "operator.unseal", audit.OutcomeOK, map[string]string{"failed-attempts": "2"}); err != nil {
		t.Fatal(err)
	}
	if err := v.RecordEvent(ctx, "get", audit.OutcomeOK, nil); err == nil {
		t.Error("RecordEvent accepted an operation")
	}
	if err := v.RecordEvent(context.Background(), "auth", audit.OutcomeDenied, nil); !errors.Is(err, service.ErrNoActor) {
		t.Errorf("no actor: %v", err)
	}
	if got := auditActions(t, v); got[len(got)-1] != "operator.unseal:ok" {
		t.Errorf("last entries: %q", got)
	}
}

// TestAuthenticateSealStoreUnreadable checks that AuthenticateSeal, when
// the store cannot be read, checks tokens against the users the vault
// read at open and wrote since: the current token of a user authenticates
// as that user, and a rotated, revoked, expired, unknown or malformed one
// does not.
func TestAuthenticateSealStoreUnreadable(t *testing.T) {
	t.Parallel()
	v, _ := newTestVault(t, Options{})
	add := func(name, role string, expires time.Duration) string {
		t.Helper()
		token, err := v.AddUser(ctx, name, role, expires)
		if err != nil {
			t.Fatal(err)
		}
		return token
	}
	ada, kim, old, leaver := add("ada", "admin", 0), add("kim", "officer", 0), add("bo", "admin", 0), add("leaver", "admin", 0)
	temp := add("temp", "admin", time.Nanosecond)
	unknown, _, _ := v.newToken()

	// The vault opened again reads its users from the store, and follows
	// its own writes.
	dir := v.home
	closeTest(t, v)
	v, err := Open(dir, testPass)
	if err != nil {
		t.Fatal(err)
	}
	defer v.Close()
	bo, err := v.RotateToken(ctx, "bo")
	if err != nil {
		t.Fatal(err)
	}
	if err := v.RevokeUser(ctx, "leaver"); err != nil {
		t.Fatal(err)
	}
	lee := add("lee", "researcher", 0)
	v.store = &faultStore{Store: v.store, failRead: func(string) bool { return true }}
	if _, err := v.Authenticate(connCtx, ada); err == nil || errors.Is(err, service.ErrUnauthenticated) {
		t.Fatalf("Authenticate through an unreadable store = %v, want its error", err)
	}
	for token, want := range map[string]service.Actor{ada: {Name: "ada", Role: "admin"}, kim: {Name: "kim", Role: "officer"}, bo: {Name: "bo", Role: "admin"},
		lee: {Name: "lee", Role: "researcher"}} {
		a, err := v.AuthenticateSeal(connCtx, token)
		want.Transport, want.RequestID = "unix", "req-1"
		if err != nil || a != want {
			t.Errorf("AuthenticateSeal(%s's token) = %+v, %v; want %+v", want.Name, a, err, want)
		}
	}
	for what, token := range map[string]string{"rotated": old, "revoked": leaver, "expired": temp, "unknown": unknown, "malformed": "tvt_x", "empty": ""} {
		if a, err := v.AuthenticateSeal(connCtx, token); err == nil {
			t.Errorf("AuthenticateSeal(a %s token) = %+v, want an error", what, a)
		}
	}
}
