package multidaemon

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/tvault/tvault/audit"
	"github.com/tvault/tvault/client"
	"github.com/tvault/tvault/crypto/keyring"
	"github.com/tvault/tvault/internal/pgtest"
	"github.com/tvault/tvault/internal/syncbuf"
	"github.com/tvault/tvault/internal/synthetic"
	"github.com/tvault/tvault/vault"
	"github.com/tvault/tvault/vault/service"
	"github.com/tvault/tvault/vault/testimony"
)

var duration = flag.Duration("duration", 3*time.Second, "how long the clients write and read")

const (
	testPass = "correct horse battery staple"
	clients  = 16
)

var localCtx = service.WithActor(context.Background(), service.LocalOperator)

// bin is where TestMain builds tvaultd and tvault.
var bin string

func TestMain(m *testing.M) {
	flag.Parse()
	dir, err := os.MkdirTemp("", "multidaemon-bin")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	bin = dir
	// One go build for both, which compiles and links them in parallel.
	out, err := exec.Command("go", "build", "-o", dir, "github.com/tvault/tvault/cmd/tvaultd", "github.com/tvault/tvault/cmd/tvault").CombinedOutput()
	if err != nil {
		fmt.Fprintf(os.Stderr, "building tvaultd and tvault: %v\n%s", err, out)
		os.RemoveAll(dir)
		os.Exit(1)
	}
	code := pgtest.Run(m)
	os.RemoveAll(dir)
	os.Exit(code)
}

// syncBuffer collects a daemon's log.
type syncBuffer = syncbuf.Buffer

// daemon is a tvaultd process.
type daemon struct {
	addr, state string // its address and its state directory
	cmd         *exec.Cmd
	done        chan error
}

// startDaemon runs tvaultd on conn's vault, with a state directory of its
// own, and unseals it.
func startDaemon(t *testing.T, conn, name string) *daemon {
	t.Helper()
	dir := t.TempDir()
	sock := filepath.Join(dir, "tvaultd.sock")
	d := &daemon{addr: "unix:" + sock, state: filepath.Join(dir, "state"), done: make(chan error, 1)}
	var log syncBuffer
	d.cmd = exec.Command(filepath.Join(bin, "tvaultd"), "--store", conn, "--listen", d.addr)
	d.cmd.Env = append(os.Environ(), "TVAULT_STATE_DIR="+d.state)
	d.cmd.Stderr = &log
	if err := d.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { d.done <- d.cmd.Wait() }()
	t.Cleanup(func() {
		d.cmd.Process.Kill()
		d.wait()
		if t.Failed() {
			// Its warnings and errors: every request has a line.
			var lines []string
			for _, l := range strings.Split(log.String(), "\n") {
				if !strings.Contains(l, `"level":"INFO"`) {
					lines = append(lines, l)
				}
			}
			t.Logf("daemon %s's log, but for its requests:\n%s", name, strings.Join(lines, "\n"))
		}
	})
	c := newClient(t, d.addr, "")
	deadline := time.Now().Add(20 * time.Second)
	for {
		if _, err := c.Health(context.Background()); err == nil {
			break
		}
		select {
		case err := <-d.done:
			t.Fatalf("daemon %s exited: %v\n%s", name, err, &log)
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("daemon %s did not answer\n%s", name, &log)
		}
		time.Sleep(20 * time.Millisecond)
	}
	if err := c.Unseal(context.Background(), testPass); err != nil {
		t.Fatalf("unseal %s: %v", name, err)
	}
	return d
}

// wait waits for the daemon to exit, once or more.
func (d *daemon) wait() error {
	err := <-d.done
	d.done <- err
	return err
}

// usage stops the daemon and returns the CPU time it used and its peak
// resident memory.
func (d *daemon) usage(t *testing.T) (cpu time.Duration, maxRSS int64) {
	t.Helper()
	if err := d.cmd.Process.Signal(os.Interrupt); err != nil {
		t.Fatal(err)
	}
	if err := d.wait(); err != nil {
		t.Errorf("daemon's exit: %v", err)
	}
	ps := d.cmd.ProcessState
	rss := int64(0)
	if ru, ok := ps.SysUsage().(*syscall.Rusage); ok {
		rss = int64(ru.Maxrss) // KiB on Linux
	}
	return ps.UserTime() + ps.SystemTime(), rss
}

func newClient(t *testing.T, addr, token string) *client.Client {
	t.Helper()
	c, err := client.New(addr, token, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

// counts are what the clients did.
type counts struct {
	requests, errors, puts, gets, lists atomic.Int64
}

// TestTwoDaemons runs two tvaultd processes on one database, and 16
// clients that each put testimonies through one daemon and read them back
// through the other, listing now and then, for -duration. Every write
// acknowledged must be readable through either daemon; the audit log
// (tvault audit verify, and read entry by entry) holds one gapless
// sequence with exactly one entry for each acknowledged put; a user
// revoked through one daemon is refused by the other at its very next
// request, and so is every request through the other daemon once an
// admin has sealed one.
func TestTwoDaemons(t *testing.T) {
	conn := pgtest.Conn(t)
	t.Cleanup(keyring.TestOnlyLowWorkFactor())
	t.Setenv("TVAULT_STATE_DIR", t.TempDir())
	v, err := vault.Init(localCtx, conn, testPass, vault.Options{})
	if err != nil {
		t.Fatal(err)
	}
	tokens := map[string]string{}
	for _, u := range []struct{ name, role string }{
		{"ada.admin", "admin"}, {"kim.officer", "officer"}, {"choi.leaver", "officer"}, {"park.auditor", "auditor"},
	} {
		if tokens[u.name], err = v.AddUser(localCtx, u.name, u.role, 0); err != nil {
			t.Fatal(err)
		}
	}
	if err := v.Close(); err != nil {
		t.Fatal(err)
	}

	a, b := startDaemon(t, conn, "A"), startDaemon(t, conn, "B")
	addrs := []string{a.addr, b.addr}
	ctx := context.Background()

	var n counts
	var mu sync.Mutex
	var acked []string // IDs of acknowledged puts
	var firstErr atomic.Value
	fail := func(err error) {
		n.errors.Add(1)
		firstErr.CompareAndSwap(nil, err)
	}
	stop := time.Now().Add(*duration)
	var wg sync.WaitGroup
	for i := range clients {
		// Each writes through one daemon and reads through the other.
		w := newClient(t, addrs[i%2], tokens["kim.officer"])
		r := newClient(t, addrs[(i+1)%2], tokens["kim.officer"])
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := 0; time.Now().Before(stop); k++ {
				n.requests.Add(2)
				ids, _, err := w.Put(ctx, []*testimony.Testimony{synthetic.Testimony(i*1_000_000 + k)})
				if err != nil {
					fail(fmt.Errorf("put through %s: %w", addrs[i%2], err))
					continue
				}
				n.puts.Add(1)
				mu.Lock()
				acked = append(acked, ids[0])
				mu.Unlock()
				if _, err := r.Get(ctx, ids[0]); err != nil {
					fail(fmt.Errorf("get through the other daemon of a put acknowledged: %w", err))
					continue
				}
				n.gets.Add(1)
				if k%4 == 3 {
					n.requests.Add(1)
					if _, err := r.List(ctx, ""); err != nil {
						fail(fmt.Errorf("list: %w", err))
						continue
					}
					n.lists.Add(1)
				}
			}
		}()
	}

	// Halfway, the admin revokes a user through A, who is refused by B
	// at once: the very next request.
	time.Sleep(*duration / 2)
	leaverB := newClient(t, addrs[1], tokens["choi.leaver"])
	if _, err := leaverB.List(ctx, ""); err != nil {
		t.Errorf("the user's request before the revocation: %v", err)
	}
	if err := newClient(t, addrs[0], tokens["ada.admin"]).RevokeUser(ctx, "choi.leaver"); err != nil {
		t.Fatalf("revoke through A: %v", err)
	}
	if _, err := leaverB.List(ctx, ""); !errors.Is(err, service.ErrUnauthenticated) {
		t.Errorf("the revoked user's next request through B = %v, want ErrUnauthenticated", err)
	}
	wg.Wait()
	if err := firstErr.Load(); err != nil {
		t.Errorf("%d of %d requests failed, the first: %v", n.errors.Load(), n.requests.Load(), err)
	}
	if n.puts.Load() == 0 {
		t.Fatal("no put was acknowledged")
	}

	// Every acknowledged write, through either daemon.
	for _, addr := range addrs {
		c := newClient(t, addr, tokens["kim.officer"])
		for _, id := range acked {
			if _, err := c.Get(ctx, id); err != nil {
				t.Fatalf("get of acknowledged %s through %s: %v", id, addr, err)
			}
		}
	}

	// tvault audit verify, as a third process on the database while the
	// daemons serve it, with each daemon's state directory: the log
	// extends the checkpoint each kept, whichever daemon signed the
	// latest.
	passFile := filepath.Join(t.TempDir(), "pass")
	if err := os.WriteFile(passFile, []byte(testPass+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, state := range []string{a.state, b.state} {
		if kept, err := os.ReadDir(state); err != nil || len(kept) == 0 {
			t.Fatalf("the daemon's state directory keeps no checkpoint: %v", err)
		}
		verify := exec.Command(filepath.Join(bin, "tvault"), "--store", conn, "--passphrase-file", passFile, "audit", "verify")
		verify.Env = append(os.Environ(), "TVAULT_STATE_DIR="+state)
		out, err := verify.CombinedOutput()
		if err != nil {
			t.Fatalf("tvault audit verify: %v\n%s", err, out)
		}
		t.Logf("tvault audit verify:\n%s", out)
	}

	// The entries, in order: positions 0, 1, 2... with no gap and no
	// repeat, and one ok put for each acknowledged put.
	var entries, okPuts int64
	err = newClient(t, addrs[1], tokens["park.auditor"]).AuditLog(ctx, service.AuditFilter{}, func(e *audit.Entry) error {
		if e.Seq != uint64(entries) {
			return fmt.Errorf("entry %d at position %d", e.Seq, entries)
		}
		entries++
		if e.Action == "put" && e.Outcome == audit.OutcomeOK {
			okPuts++
		}
		return nil
	})
	if err != nil {
		t.Fatalf("audit log: %v", err)
	}
	if okPuts != n.puts.Load() {
		t.Errorf("%d ok put entries for %d acknowledged puts", okPuts, n.puts.Load())
	}
	if entries < n.requests.Load() {
		t.Errorf("%d entries for %d requests", entries, n.requests.Load())
	}

	// An admin seals A: B seals at its next request.
	if _, err := newClient(t, a.addr, tokens["ada.admin"]).Seal(ctx); err != nil {
		t.Fatalf("seal through A: %v", err)
	}
	officerB := newClient(t, b.addr, tokens["kim.officer"])
	if _, err := officerB.Get(ctx, acked[0]); !errors.Is(err, client.ErrSealed) {
		t.Fatalf("get through B after a seal through A = %v, want ErrSealed", err)
	}
	deadline := time.Now().Add(10 * time.Second)
	for {
		if sealed, err := officerB.Health(ctx); err == nil && sealed {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("B does not say it is sealed")
		}
		time.Sleep(20 * time.Millisecond)
	}
	if _, err := officerB.Get(ctx, acked[0]); !errors.Is(err, client.ErrSealed) {
		t.Fatalf("get through B once sealed = %v, want ErrSealed", err)
	}

	cpuA, rssA := a.usage(t)
	cpuB, rssB := b.usage(t)
	t.Logf("2 daemons, %d clients, %v: %d requests (%d puts, %d gets, %d lists), %d errors, %d audit entries; %.1f puts/s",
		clients, *duration, n.requests.Load(), n.puts.Load(), n.gets.Load(), n.lists.Load(), n.errors.Load(), entries,
		float64(n.puts.Load())/duration.Seconds())
	t.Logf("daemon A: %.1f s CPU, %d MiB peak RSS; daemon B: %.1f s CPU, %d MiB peak RSS",
		cpuA.Seconds(), rssA>>10, cpuB.Seconds(), rssB>>10)
}
