package main

import (
	"context"
	"errors"
	"net/http"
	"strconv"
	"time"

	"github.com/tvault/tvault/audit"
	"github.com/tvault/tvault/internal/api"
	"github.com/tvault/tvault/vault"
	"github.com/tvault/tvault/vault/service"
)

// A daemon whose keyring is sealed to operators unseals when K of them
// have each sent their share (tvault operator unseal --identity FILE,
// which decrypts the share on the operator's machine). It holds the
// shares received, by operator, until the K-th arrives or shareTimeout
// after the first, whichever is sooner, and then forgets them. A sealed
// vault cannot write its log, so every submission is kept in memory (who,
// when, from where; never the share) and the next unseal records them,
// one operator.share entry each, before its own operator.unseal.

// maxSubmissions bounds the submissions kept for the next unseal; the
// rate limit makes more unlikely, and those beyond are counted only.
const maxSubmissions = 256

// submission is one share sent, as the log will record it.
type submission struct {
	at        time.Time
	requestID string
	client    string
	operator  int    // 0: the share is no operator's
	key       string // the operator's fingerprint
	// fate is "pending", then "used" by the unseal or "expired".
	fate string
}

// shares is what a sealed server holds of an unseal by operators.
// server.sealMu guards it.
type shares struct {
	byOperator  map[int][]byte
	submissions []submission
	dropped     int
	// timer forgets byOperator after the timeout; generation tells a
	// timer that fired late from the current one's.
	timer      *time.Timer
	generation int
}

// forget wipes the shares held, and marks their submissions expired.
// s.sealMu is held.
func (s *server) forgetShares() {
	for n, b := range s.shares.byOperator {
		clear(b)
		delete(s.shares.byOperator, n)
	}
	for i := range s.shares.submissions {
		if s.shares.submissions[i].fate == "pending" {
			s.shares.submissions[i].fate = "expired"
		}
	}
	if s.shares.timer != nil {
		s.shares.timer.Stop()
		s.shares.timer = nil
	}
	s.shares.generation++
	s.progress.Store(nil)
}

// submitShare takes one operator's share (POST /v1/operator/unseal with
// a share) and unseals once K are held. s.sealMu is held; the vault is
// sealed.
func (s *server) submitShare(w http.ResponseWriter, r *http.Request, share []byte) {
	ri := info(r)
	peer := peerOf(r.Context())
	ops, err := vault.ReadOperators(s.cfg.dir)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	sub := submission{at: time.Now().UTC(), requestID: ri.id, client: peer, fate: "pending"}
	n, err := ops.Match(share)
	if err != nil {
		s.limiter.fail("client", peer)
		sub.fate = "unknown"
		s.keep(sub)
		s.fail(w, r, err)
		return
	}
	sub.operator, sub.key = n, ops.Operators[n-1].Fingerprint()
	s.keep(sub)
	if s.shares.byOperator == nil {
		s.shares.byOperator = map[int][]byte{}
	}
	if len(s.shares.byOperator) == 0 {
		gen := s.shares.generation
		s.shares.timer = time.AfterFunc(s.cfg.shareTimeout, func() {
			s.sealMu.Lock()
			defer s.sealMu.Unlock()
			if s.shares.generation == gen {
				s.cfg.log.Info("shares forgotten", "held", len(s.shares.byOperator))
				s.forgetShares()
			}
		})
	}
	s.shares.byOperator[n] = append([]byte(nil), share...)
	s.progress.Store(&api.Health{Sealed: true, Status: api.StatusSealed, Shares: len(s.shares.byOperator), Threshold: ops.Threshold})
	s.cfg.log.Info("share", "request_id", ri.id, "operator", n, "held", len(s.shares.byOperator), "threshold", ops.Threshold)
	if len(s.shares.byOperator) < ops.Threshold {
		writeJSON(w, http.StatusOK, s.progress.Load())
		return
	}
	var held [][]byte
	for _, b := range s.shares.byOperator {
		held = append(held, b)
	}
	v, err := s.openVaultWith("", vault.OpenOptions{Shares: held})
	if err == nil {
		for i := range s.shares.submissions {
			if s.shares.submissions[i].fate == "pending" {
				s.shares.submissions[i].fate = "used"
			}
		}
	}
	// Whatever came of it, the shares are not kept: a failed unseal
	// (a vault older than its checkpoint, say) starts again.
	s.forgetShares()
	s.installUnsealed(w, r, v, err)
}

// keep keeps sub for the next unseal's log. s.sealMu is held.
func (s *server) keep(sub submission) {
	if len(s.shares.submissions) >= maxSubmissions {
		s.shares.dropped++
		return
	}
	s.shares.submissions = append(s.shares.submissions, sub)
}

// recordSubmissions records the submissions kept, in v's log, and
// forgets them. s.sealMu is held.
func (s *server) recordSubmissions(ctx context.Context, v *vault.Vault) error {
	for _, sub := range s.shares.submissions {
		a := service.Actor{Name: service.OperatorActor, Transport: s.cfg.transport, RequestID: sub.requestID}
		attrs := map[string]string{"at": sub.at.Format(time.RFC3339), "client": sub.client, "share": sub.fate}
		outcome := audit.OutcomeOK
		if sub.operator == 0 {
			outcome, attrs["error"] = audit.OutcomeDenied, "unknown-share"
		} else {
			attrs["operator"], attrs["operator-key"] = strconv.Itoa(sub.operator), sub.key
		}
		if err := v.RecordEvent(service.WithActor(ctx, a), "operator.share", outcome, attrs); err != nil {
			return err
		}
	}
	s.shares.submissions = nil
	return nil
}

// operators answers GET /v1/operator/shares: the operator set, with each
// one's encrypted share, for tvault operator unseal to decrypt one.
func (s *server) operators(w http.ResponseWriter, r *http.Request) {
	ops, err := vault.ReadOperators(s.cfg.dir)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	out := api.Operators{Threshold: ops.Threshold, Received: []int{}}
	for i, o := range ops.Operators {
		out.Operators = append(out.Operators, api.Operator{Number: i + 1, Fingerprint: o.Fingerprint(), Recipient: o.Recipient, Share: o.Share})
	}
	s.sealMu.Lock()
	for n := range s.shares.byOperator {
		out.Received = append(out.Received, n)
	}
	s.sealMu.Unlock()
	writeJSON(w, http.StatusOK, out)
}

// errShareAndPassphrase refuses an unseal that gives both.
var errShareAndPassphrase = errors.New("invalid request body: a passphrase or a share, not both")
