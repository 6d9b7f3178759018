package main

import (
	"context"
	"errors"
	"time"

	"github.com/tvault/tvault/vault"
	"github.com/tvault/tvault/vault/policy"
	"github.com/tvault/tvault/vault/service"
)

// retentionActor is the actor of the daemon's own retention schedule in
// the audit log: an officer, so that the policy in force decides whether
// it may erase, as it does for a person.
var retentionActor = service.Actor{Name: "tvaultd.retention", Role: policy.Officer, Transport: "local"}

// startRetention erases what the retention rules say is due every
// interval (vault.RetentionApply); an interval of 0 or less starts
// nothing and returns nil. What it erases, or fails to, is logged by
// count only, and audited by the erasures themselves.
func (s *server) startRetention(v *vault.Vault, interval time.Duration) *job {
	if interval <= 0 {
		return nil
	}
	return every(retentionActor, interval, func(ctx context.Context) {
		done, err := v.RetentionApply(ctx)
		switch {
		case errors.Is(err, context.Canceled):
		case err != nil:
			s.cfg.log.Error("retention failed", "error", err.Error())
		case len(done) > 0:
			s.cfg.log.Info("retention erased records", "count", len(done))
		}
	})
}
