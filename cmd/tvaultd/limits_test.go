package main

import (
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"os"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tvault/tvault/audit"
	"github.com/tvault/tvault/vault/service"
)

func TestClientNetwork(t *testing.T) {
	tcp := func(s string) net.Addr { return net.TCPAddrFromAddrPort(netip.MustParseAddrPort(s)) }
	for _, c := range []struct {
		addr net.Addr
		want string
	}{
		{tcp("192.0.2.77:5000"), "192.0.2.0/24"},
		{tcp("192.0.2.1:1"), "192.0.2.0/24"},
		{tcp("198.51.100.7:1"), "198.51.100.0/24"},
		{tcp("[::ffff:192.0.2.77]:5000"), "192.0.2.0/24"},
		{tcp("127.0.0.1:5000"), "127.0.0.0/8"},
		{tcp("127.45.6.7:5000"), "127.0.0.0/8"},
		{tcp("[::ffff:127.9.9.9]:1"), "127.0.0.0/8"},
		{tcp("[2001:db8:1:2:aaaa:bbbb:cccc:dddd]:443"), "2001:db8:1:2::/64"},
		{tcp("[2001:db8:1:2::1]:443"), "2001:db8:1:2::/64"},
		{tcp("[2001:db8:1:3::1]:443"), "2001:db8:1:3::/64"},
		{tcp("[::1]:443"), "::/64"},
		{tcp("[fe80::1%eth0]:443"), "fe80::/64"},
		{&net.UnixAddr{Net: "unix"}, "unix"},
		{&net.UnixAddr{Name: "@peer", Net: "unix"}, "unix"},
	} {
		if got := clientNetwork(c.addr); got != c.want {
			t.Errorf("clientNetwork(%v) = %q, want %q", c.addr, got, c.want)
		}
	}
}

// TestLoopbackFlood floods the daemon with bad tokens from many loopback
// addresses at once, as one host can: they are one network, so the audit
// entries of the flood are bounded by the limit, plus the requests that
// were in flight when it was reached, plus one refusal.
func TestLoopbackFlood(t *testing.T) {
	const inFlight, failures = 8, 3
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv, _, _ := serveOn(t, ln, "http", inFlight, failures, time.Second)
	base := "http://" + ln.Addr().String()
	from := func(ip string) *http.Client {
		d := &net.Dialer{LocalAddr: &net.TCPAddr{IP: net.ParseIP(ip)}}
		return &http.Client{Transport: &http.Transport{DialContext: d.DialContext, DisableKeepAlives: true}}
	}
	resp, err := from("127.0.0.1").Post(base+"/v1/operator/unseal", "application/json",
		strings.NewReader(fmt.Sprintf(`{"passphrase":%q}`, testPass)))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("unseal: %s", resp.Status)
	}

	const addrs, each = 200, 4
	work := make(chan string)
	var wg sync.WaitGroup
	var mu sync.Mutex
	statuses := map[int]int{}
	for range inFlight {
		wg.Go(func() {
			for ip := range work {
				hc := from(ip)
				for range each {
					req, _ := http.NewRequest("GET", base+"/v1/records", nil)
					req.Header.Set("Authorization", "Bearer tvt_"+strings.Repeat("B", 43))
					resp, err := hc.Do(req)
					if err != nil {
						t.Error(err)
						return
					}
					resp.Body.Close()
					mu.Lock()
					statuses[resp.StatusCode]++
					mu.Unlock()
				}
			}
		})
	}
	for i := range addrs {
		work <- fmt.Sprintf("127.0.%d.%d", 1+i/250, 1+i%250)
	}
	close(work)
	wg.Wait()
	if statuses[http.StatusUnauthorized]+statuses[http.StatusTooManyRequests] != addrs*each {
		t.Errorf("answers: %v, want only 401 and 429", statuses)
	}

	var auth int
	var clients []string
	err = srv.cur.Load().v.AuditLog(localCtx, service.AuditFilter{}, func(e *audit.Entry) error {
		if e.Action == "auth" {
			auth++
			if c := e.Attr("client"); c != "" {
				clients = append(clients, c)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%d requests from %d addresses: %v; %d auth entries", addrs*each, addrs, statuses, auth)
	if max := failures + inFlight + 1; auth > max {
		t.Errorf("%d auth entries for the flood, want at most %d", auth, max)
	}
	if len(clients) != 1 || clients[0] != "127.0.0.0/8" {
		t.Errorf("%d rate-limited entries, clients %q..., want one, 127.0.0.0/8", len(clients), clients[:min(3, len(clients))])
	}
}

// TestOriginRecorded: requests from a web page are refused and recorded,
// up to their own limit per network, and do not lock out the network's
// own clients.
func TestOriginRecorded(t *testing.T) {
	const failures = 3
	srv, sock, u, _ := testServer(t, 8, failures, time.Second)
	if err := newClient(t, sock, "").Unseal(t.Context(), testPass); err != nil {
		t.Fatal(err)
	}
	hc := rawClient(sock)
	for i := range 20 {
		req, _ := http.NewRequest("GET", "http://tvaultd/v1/records", nil)
		req.Header.Set("Origin", "https://attacker.example")
		if i%2 == 0 {
			req.Header.Set("Authorization", "Bearer "+u.officer)
		}
		resp, err := hc.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusForbidden {
			t.Fatalf("request %d from a web page: %s", i, resp.Status)
		}
	}
	if _, err := newClient(t, sock, u.officer).List(t.Context(), ""); err != nil {
		t.Errorf("the network's own client after the page's requests: %v", err)
	}
	var got []string
	err := srv.cur.Load().v.AuditLog(localCtx, service.AuditFilter{}, func(e *audit.Entry) error {
		if e.Actor == service.UnknownActor {
			got = append(got, e.Action+" "+string(e.Outcome)+" "+e.Attr("error")+e.Attr("reason")+" "+e.Attr("client"))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	// The client of a unix socket is its account (unixPeer).
	peer := "unix"
	if runtime.GOOS == "linux" {
		peer = fmt.Sprintf("uid:%d", os.Getuid())
	}
	want := []string{"request denied origin " + peer, "request denied origin " + peer, "request denied origin " + peer, "auth denied rate-limited " + peer}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("entries of unknown actors:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
