package main

import (
	"context"
	"net"
	"sync"
	"time"
)

// limiter counts failed authentications per key (a client, or a user
// name) in fixed windows. A key with max failures in its window is over
// the limit until the window ends.
type limiter struct {
	max    int
	window time.Duration

	mu      sync.Mutex
	buckets map[string]*bucket
}

type bucket struct {
	start    time.Time
	failures int
	refused  bool // a refusal in this window was already reported
}

// maxBuckets bounds the limiter's memory; beyond it, ended windows are
// dropped.
const maxBuckets = 10000

func newLimiter(max int, window time.Duration) *limiter {
	return &limiter{max: max, window: window, buckets: map[string]*bucket{}}
}

// current returns key's bucket for this window; l.mu is held.
func (l *limiter) current(key string, now time.Time) *bucket {
	b := l.buckets[key]
	if b == nil || now.Sub(b.start) >= l.window {
		if len(l.buckets) >= maxBuckets {
			for k, old := range l.buckets {
				if now.Sub(old.start) >= l.window {
					delete(l.buckets, k)
				}
			}
		}
		b = &bucket{start: now}
		l.buckets[key] = b
	}
	return b
}

// fail counts a failure of key of kind ("client" or "user").
func (l *limiter) fail(kind, key string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.current(kind+"/"+key, time.Now()).failures++
}

// over reports whether key of kind is over its limit, and whether this is
// the first time in the window it was asked while over.
func (l *limiter) over(kind, key string) (over, first bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	b := l.current(kind+"/"+key, time.Now())
	if b.failures < l.max {
		return false, false
	}
	first = !b.refused
	b.refused = true
	return true, first
}

type peerKey struct{}

// connContext names the client of a connection for the rate limits: the
// peer's user ID on a unix socket (every connection from one account is
// one client), the remote IP address otherwise.
func connContext(ctx context.Context, c net.Conn) context.Context {
	return context.WithValue(ctx, peerKey{}, peerName(c))
}

func peerOf(ctx context.Context) string {
	p, _ := ctx.Value(peerKey{}).(string)
	return p
}

func peerName(c net.Conn) string {
	if uc, ok := c.(*net.UnixConn); ok {
		return unixPeer(uc)
	}
	host, _, err := net.SplitHostPort(c.RemoteAddr().String())
	if err != nil {
		return c.RemoteAddr().String()
	}
	return host
}
