package service

import "context"

// Actor is who performs an operation. Every operation of a Service needs
// one in its context: without it the operation cannot be audited and
// fails with ErrNoActor.
type Actor struct {
	Name      string // user name; "local" or "local:<login>" in local mode
	Role      string // officer, legal, researcher, auditor or admin
	Transport string // "local", "unix" or "https"
	RequestID string // correlates the audit entry with a daemon request; random if empty
}

// LocalOperator is the actor of the CLI's local mode: whoever unsealed the
// vault with its passphrase acts as an officer.
var LocalOperator = Actor{Name: "local", Role: "officer", Transport: "local"}

type actorKey struct{}

// WithActor returns a context carrying a for a Service's operations.
func WithActor(ctx context.Context, a Actor) context.Context {
	return context.WithValue(ctx, actorKey{}, a)
}

// ActorFrom returns the actor of ctx, if it carries one.
func ActorFrom(ctx context.Context) (Actor, bool) {
	a, ok := ctx.Value(actorKey{}).(Actor)
	return a, ok
}
