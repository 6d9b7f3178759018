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

type reasonKey struct{}

// WithReason returns a context carrying the reason its actor states for
// the operations run with it ("tvault get --reason"). Like the actor, the
// reason belongs to the request, whatever the operation: each operation's
// audit entry records it as its purpose, unless the operation takes a
// purpose or reason of its own (Export, Reidentify, consent changes),
// which it records instead. The policy may require one (policy
// ReasonOperations); without it such an operation is denied with a
// *DeniedError whose NeedsReason is set. A reason is checked as any free
// text that enters the log: no identifier, no registered name.
func WithReason(ctx context.Context, reason string) context.Context {
	return context.WithValue(ctx, reasonKey{}, reason)
}

// ReasonFrom returns the reason ctx carries, or "".
func ReasonFrom(ctx context.Context) string {
	r, _ := ctx.Value(reasonKey{}).(string)
	return r
}
