package main

import (
	"context"
	"net"
	"net/netip"
	"sync"
	"time"

	"github.com/tvault/tvault/internal/api"
)

// A pool bounds the requests served at once. A request that finds every
// place taken waits in a queue of at most queue requests, for at most
// wait, first come first served; it is refused (api.ErrBusy) if the
// queue is full or no place frees in time. The wait absorbs bursts of clients
// beyond the pool and the moments between a request's answer and its
// place's release, which a client on a multiplexed (HTTP/2) connection
// can fill with its next request; the refusal says Retry-After.
type pool struct {
	places chan struct{}
	queue  chan struct{}
	wait   time.Duration
}

func newPool(size, queue int, wait time.Duration) *pool {
	return &pool{places: make(chan struct{}, size), queue: make(chan struct{}, queue), wait: wait}
}

// take takes a place, waiting as the pool says, and returns the function
// that gives it back; or api.ErrBusy, or ctx's error if the client went
// while it waited.
func (p *pool) take(ctx context.Context) (release func(), err error) {
	select {
	case p.places <- struct{}{}:
		return p.release, nil
	default:
	}
	select {
	case p.queue <- struct{}{}:
		defer func() { <-p.queue }()
	default:
		return nil, api.ErrBusy
	}
	t := time.NewTimer(p.wait)
	defer t.Stop()
	select {
	case p.places <- struct{}{}:
		return p.release, nil
	case <-t.C:
		return nil, api.ErrBusy
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

func (p *pool) release() { <-p.places }

// limiter counts failed authentications per key (a client network, or a
// user name) in fixed windows. A key with max failures in its window is over
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

// fail counts a failure of key of kind: "client" or "user" (failed
// authentications of a client network or user), "origin" (requests from
// web pages, by client network).
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

// connContext names the client of a connection, which the rate limits
// count failures by: the peer's user ID on a unix socket (unixPeer: every
// connection from one account is one client, and one account's failures
// do not lock the others out), its network otherwise (clientNetwork). A
// connection of the unix socket's listener (descriptorConn) goes in ctx
// too, for its requests to take the descriptor it received.
func connContext(ctx context.Context, c net.Conn) context.Context {
	if dc, ok := c.(*descriptorConn); ok {
		return context.WithValue(withConn(ctx, dc), peerKey{}, unixPeer(dc.UnixConn))
	}
	if uc, ok := c.(*net.UnixConn); ok {
		return context.WithValue(ctx, peerKey{}, unixPeer(uc))
	}
	return context.WithValue(ctx, peerKey{}, clientNetwork(c.RemoteAddr()))
}

func peerOf(ctx context.Context) string {
	p, _ := ctx.Value(peerKey{}).(string)
	return p
}

// clientNetwork names the network a client connects from: the /24 of an
// IPv4 address (an IPv4-mapped IPv6 address counts as IPv4), the /64 of
// an IPv6 address, 127.0.0.0/8 for any IPv4 loopback address, and "unix"
// for a unix socket's address (which names no client). One host usually holds a whole /64
// or many loopback addresses, so counting by address would let it spread
// its failures, and their audit entries, over as many addresses as it
// likes.
func clientNetwork(addr net.Addr) string {
	if addr.Network() == "unix" {
		return "unix"
	}
	ap, err := netip.ParseAddrPort(addr.String())
	if err != nil {
		return addr.String()
	}
	ip := ap.Addr().Unmap().WithZone("")
	bits := 64
	switch {
	case ip.Is4() && ip.IsLoopback():
		bits = 8
	case ip.Is4():
		bits = 24
	}
	return netip.PrefixFrom(ip, bits).Masked().String()
}
