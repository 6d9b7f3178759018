package main

import (
	"context"
	"errors"
	"sync/atomic"
	"time"

	"github.com/tvault/tvault/vault"
	"github.com/tvault/tvault/vault/service"
)

// scrubActor is the actor of the background checks in the audit log.
var scrubActor = service.Actor{Name: "tvaultd.scrub", Transport: "local"}

// A scrubber checks a session's vault every interval (vault.Check, without
// reading the data), in one goroutine that yields between items, until
// its session ends. A check that finds problems is logged, by kind and
// count only, and recorded in the audit log by the check itself; health
// reports the vault degraded until a later check finds none.
type scrubber struct {
	job *job
	// problems is the number the latest finished check found.
	problems atomic.Int64
}

// startScrub starts checking v every interval; an interval of 0 or less
// starts nothing and returns nil.
func (s *server) startScrub(v *vault.Vault, interval time.Duration) *scrubber {
	if interval <= 0 {
		return nil
	}
	sc := &scrubber{}
	sc.job = every(scrubActor, interval, func(ctx context.Context) { s.scrubOnce(ctx, v, sc) })
	return sc
}

// A job runs a function in the background, as an actor of its own, every
// interval, in one goroutine, until stopped.
type job struct {
	cancel context.CancelFunc
	done   chan struct{}
}

func every(actor service.Actor, interval time.Duration, fn func(context.Context)) *job {
	ctx, cancel := context.WithCancel(service.WithActor(context.Background(), actor))
	j := &job{cancel: cancel, done: make(chan struct{})}
	go func() {
		defer close(j.done)
		t := time.NewTicker(interval)
		defer t.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-t.C:
			}
			fn(ctx)
		}
	}()
	return j
}

// stop cancels the job and waits for it to return; a nil job is none.
func (j *job) stop() {
	if j == nil {
		return
	}
	j.cancel()
	<-j.done
}

func (s *server) scrubOnce(ctx context.Context, v *vault.Vault, sc *scrubber) {
	start := time.Now()
	r, err := v.Check(ctx, service.CheckOptions{Background: true})
	switch {
	case errors.Is(err, context.Canceled):
		return
	case err != nil:
		// The check could not run; what it would have said is unknown,
		// so health keeps the latest finding.
		s.cfg.log.Error("scrub failed", "error", err.Error())
		return
	}
	n := r.NumProblems()
	sc.problems.Store(int64(n))
	if n == 0 {
		s.cfg.log.Info("scrub passed", "keys", r.Counts.Keys, "blobs", r.Counts.Blobs, "duration", time.Since(start))
		return
	}
	kinds := map[string]int{}
	for _, p := range r.Problems {
		kinds[p.Kind]++
	}
	s.cfg.log.Error("scrub found problems: run tvault check for the list, and restore from a backup",
		"problems", n, "kinds", kinds, "duration", time.Since(start))
}

// stop cancels the scrub and waits for it to return.
func (sc *scrubber) stop() {
	if sc == nil {
		return
	}
	sc.job.stop()
}

// degraded returns the number of problems of the latest check, 0 if it
// found none or none has run.
func (sc *scrubber) degraded() int {
	if sc == nil {
		return 0
	}
	return int(sc.problems.Load())
}
