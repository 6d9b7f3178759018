package main

import (
	"bufio"
	"context"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"os"
	"path/filepath"
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
	t.Parallel()
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

// busyServer serves a new vault, unsealed, in process over a unix socket
// with two places for requests and a short queue wait.
func busyServer(t *testing.T, queueWait, anonRead time.Duration) (*server, string, users, *syncBuffer) {
	return serveUnsealed(t, config{maxInFlight: 2, queueWait: queueWait, anonReadTimeout: anonRead,
		authFailures: 10, authWindow: time.Minute, sealTimeout: time.Second})
}

// serveUnsealed serves a new vault, unsealed, in process over a unix
// socket, with cfg's limits.
func serveUnsealed(t *testing.T, cfg config) (*server, string, users, *syncBuffer) {
	t.Helper()
	sock := filepath.Join(t.TempDir(), "s.sock")
	ln, err := listenUnix(sock)
	if err != nil {
		t.Fatal(err)
	}
	var u users
	cfg.dir, u = newVault(t, time.Hour)
	cfg.transport = "unix"
	srv, log := serveConfig(t, ln, cfg)
	if err := newClient(t, sock, "").Unseal(t.Context(), testPass); err != nil {
		t.Fatal(err)
	}
	return srv, sock, u, log
}

// TestBusy: beyond the places of its pool, a request waits in the queue
// for one to free, up to the queue's wait; then, or at once if the queue
// is full, it is answered 503 with Retry-After, and the client sends it
// again.
func TestBusy(t *testing.T) {
	const wait = 300 * time.Millisecond
	srv, sock, u, log := busyServer(t, wait, time.Second)
	places, queue := srv.requests.places, srv.requests.queue
	hc := rawClient(sock)
	list := func() (*http.Response, time.Duration) {
		t.Helper()
		return timedGet(t, hc, "/v1/records", u.officer)
	}
	hold := func(c chan struct{}) {
		for range cap(c) {
			c <- struct{}{}
		}
	}
	free := func(c chan struct{}) {
		for range cap(c) {
			<-c
		}
	}

	hold(places)
	if resp, took := list(); resp.StatusCode != http.StatusServiceUnavailable || resp.Header.Get("Retry-After") != "1" || took < wait {
		t.Errorf("no place frees: %s, Retry-After %q, after %v; want 503, 1, after the queue's %v", resp.Status, resp.Header.Get("Retry-After"), took, wait)
	}
	hold(queue)
	if resp, _ := list(); resp.StatusCode != http.StatusServiceUnavailable {
		t.Errorf("the queue full: %s, want 503", resp.Status)
	}
	free(queue)
	time.AfterFunc(wait/3, func() { <-places })
	if resp, _ := list(); resp.StatusCode != http.StatusOK {
		t.Errorf("a place frees while the request waits: %s, want 200", resp.Status)
	}
	// The client waits out the Retry-After and sends the request again.
	// The places free once the daemon has answered it busy.
	places <- struct{}{}
	busy := func() int { return strings.Count(log.String(), `"status":503`) }
	before := busy()
	freed := make(chan struct{})
	go func() {
		defer close(freed)
		for busy() == before {
			time.Sleep(10 * time.Millisecond)
		}
		free(places)
	}()
	start := time.Now()
	if _, err := newClient(t, sock, u.officer).List(t.Context(), ""); err != nil {
		t.Errorf("client, a place freed after the first 503: %v", err)
	}
	if took := time.Since(start); took < wait+time.Second {
		t.Errorf("client's list took %v, want at least the queue's wait and Retry-After", took)
	}
	<-freed
}

// TestAnonSlowloris: unseal requests whose bodies never come, three times
// as many as the places of anonymous requests, take none of the places of
// authenticated users, who are served meanwhile; and every one of them is
// answered within the anonymous read timeout and the queue's wait.
func TestAnonSlowloris(t *testing.T) {
	const anonRead = 2 * time.Second
	_, sock, u, _ := busyServer(t, 100*time.Millisecond, anonRead)
	var conns []net.Conn
	for range 3 * anonRequests {
		c, err := net.Dial("unix", sock)
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		// Headers whole, body begun and never finished.
		fmt.Fprintf(c, "POST /v1/operator/unseal HTTP/1.1\r\nHost: tvaultd\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{")
		conns = append(conns, c)
	}
	time.Sleep(50 * time.Millisecond) // the server has read them all
	admin := newClient(t, sock, u.admin)
	start := time.Now()
	for range 5 {
		if _, err := admin.Users(t.Context()); err != nil {
			t.Fatalf("admin during the slow unseals: %v", err)
		}
	}
	if took := time.Since(start); took > anonRead {
		t.Errorf("admin's 5 requests took %v, longer than the slow unseals are let run", took)
	}
	statuses := map[int]int{}
	for _, c := range conns {
		c.SetReadDeadline(time.Now().Add(4 * anonRead))
		resp, err := http.ReadResponse(bufio.NewReader(c), nil)
		if err != nil {
			t.Fatalf("slow unseal not answered in %v: %v", 4*anonRead, err)
		}
		resp.Body.Close()
		statuses[resp.StatusCode]++
	}
	t.Logf("slow unseals answered: %v", statuses)
	if statuses[http.StatusServiceUnavailable] != 2*anonRequests {
		t.Errorf("slow unseals answered %v, want %d busy (beyond the places)", statuses, 2*anonRequests)
	}
}

// TestFailuresPerPeer: failed authentications count per client, on a
// unix socket the peer's account: an account's bad tokens put it over the
// limit, and lock out neither another account nor an administrator there.
func TestFailuresPerPeer(t *testing.T) {
	srv, _, u, _ := busyServer(t, time.Second, time.Second)
	send := func(peer, token string) int {
		req := httptest.NewRequest("GET", "/v1/users", nil)
		req = req.WithContext(context.WithValue(req.Context(), peerKey{}, peer))
		req.Header.Set("Authorization", "Bearer "+token)
		rec := httptest.NewRecorder()
		srv.ServeHTTP(rec, req)
		return rec.Code
	}
	bad := "tvt_" + strings.Repeat("B", 43)
	for i := range srv.cfg.authFailures {
		if code := send("uid:1000", bad); code != http.StatusUnauthorized {
			t.Fatalf("bad token %d: %d", i+1, code)
		}
	}
	for _, c := range []struct {
		peer, token string
		want        int
	}{
		{"uid:1000", bad, http.StatusTooManyRequests},
		{"uid:1000", u.admin, http.StatusTooManyRequests},
		{"uid:1001", u.admin, http.StatusOK},
		{"uid:1001", bad, http.StatusUnauthorized},
		{"uid:0", u.admin, http.StatusOK},
	} {
		if code := send(c.peer, c.token); code != c.want {
			t.Errorf("%s, token %.8s...: %d, want %d", c.peer, c.token, code, c.want)
		}
	}
}

// TestScans: the requests that read the whole vault take a scan's place
// as well as a request's. While the only one is taken, a list waits its
// turn and a point read is served; the list is answered once the place
// frees. Every such route waits at most its wait, then is answered 503
// with Retry-After.
func TestScans(t *testing.T) {
	t.Parallel()
	const wait = 300 * time.Millisecond
	srv, sock, u, _ := serveUnsealed(t, config{maxInFlight: 4, queueWait: wait, scanPlaces: 1, scanWait: 10 * time.Second,
		authFailures: 10, authWindow: time.Minute, sealTimeout: time.Second})
	ctx := t.Context()
	officer := newClient(t, sock, u.officer)
	ids, _, err := officer.Put(ctx, fixtures(t)[:1])
	if err != nil {
		t.Fatal(err)
	}

	srv.scans.places <- struct{}{}
	listed := make(chan error, 1)
	go func() {
		list, err := newClient(t, sock, u.officer).List(ctx, "")
		if err == nil && len(list) != 1 {
			err = fmt.Errorf("listed %d records, want 1", len(list))
		}
		listed <- err
	}()
	for len(srv.scans.queue) == 0 {
		time.Sleep(time.Millisecond)
	}
	if _, err := officer.Get(ctx, ids[0]); err != nil {
		t.Errorf("a get while a list waits for a scan's place: %v", err)
	}
	select {
	case err := <-listed:
		t.Fatalf("the list did not wait for the scan's place: %v", err)
	default:
	}
	<-srv.scans.places
	if err := <-listed; err != nil {
		t.Errorf("the list, once the place freed: %v", err)
	}

	srv.scans.wait = wait
	srv.scans.places <- struct{}{}
	defer func() { <-srv.scans.places }()
	hc := rawClient(sock)
	for _, route := range []string{"/v1/records", "/v1/export?view=researcher&purpose=test", "/v1/persons", "/v1/audit/log", "/v1/audit/export"} {
		if resp, took := timedGet(t, hc, route, u.officer); resp.StatusCode != http.StatusServiceUnavailable || resp.Header.Get("Retry-After") != "1" || took < wait {
			t.Errorf("GET %s, the scan's place taken: %s, Retry-After %q, after %v; want 503, 1, after %v", route, resp.Status, resp.Header.Get("Retry-After"), took, wait)
		}
	}
}

// timedGet sends GET route with token, and returns the answer, its body
// closed, and how long it took.
func timedGet(t *testing.T, hc *http.Client, route, token string) (*http.Response, time.Duration) {
	t.Helper()
	req, _ := http.NewRequest("GET", "http://tvaultd"+route, nil)
	req.Header.Set("Authorization", "Bearer "+token)
	start := time.Now()
	resp, err := hc.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp, time.Since(start)
}
