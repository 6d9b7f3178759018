// Command tvaultd serves a tvault vault to many users over a unix socket
// or HTTPS, with per-user tokens and roles. The API is in docs/API.md.
//
// Usage:
//
//	tvaultd --vault DIR --listen unix:PATH
//	tvaultd --vault DIR --listen HOST:PORT --tls-cert FILE --tls-key FILE
//
// The daemon starts sealed and answers only GET /v1/health and the
// operator routes until "tvault operator unseal" supplies the
// passphrase, unless TVAULT_PASSPHRASE_FILE names a file holding it; a
// vault sealed to operators unseals once K of them have each sent their
// share (shares.go).
// An older copy of the vault put back in place is refused at unseal (see
// vault.OpenWith).
// SIGINT or SIGTERM seals the vault as "tvault operator seal" does, giving
// in-flight requests --seal-timeout before they are cut off, and stops.
package main

import (
	"context"
	"crypto/tls"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"runtime"
	"strings"
	"syscall"
	"time"

	"github.com/tvault/tvault/internal/buildinfo"
	"github.com/tvault/tvault/internal/passphrase"
	"github.com/tvault/tvault/vault"
	"github.com/tvault/tvault/vault/service"
)

const usage = `Usage: tvaultd --vault DIR --listen unix:PATH
       tvaultd --vault DIR --listen HOST:PORT --tls-cert FILE --tls-key FILE
       tvaultd --version | --man

Serves the vault in DIR to the users of "tvault user add", over a unix
socket (created with mode 0600) or HTTPS. Plain HTTP is refused except on
a loopback address. The API is documented in docs/API.md.

The daemon starts sealed: it answers only health and unseal until
"tvault operator unseal" supplies the passphrase. With
TVAULT_PASSPHRASE_FILE set, it unseals at start. A vault sealed to
operators (tvault init --operator) unseals once as many operators as its
threshold have each run "tvault operator unseal --identity FILE", which
sends only their share; every share sent is recorded in the audit log.

After every write it keeps the vault's latest checkpoint outside the
vault, in its state directory (TVAULT_STATE_DIR, else
$XDG_STATE_HOME/tvault, else ~/.local/state/tvault) and in the witness
directories given at init. An older copy of the vault put back in place
is refused at unseal; "tvault help restore" says how to accept a backup
restored on purpose.

Options:
    --vault DIR        the vault directory (or TVAULT_DIR)
    --store URL        or the vault's PostgreSQL database, postgres://...
                       (or TVAULT_STORE; docs/DEPLOY.md)
    --listen ADDR      unix:PATH, or HOST:PORT
    --tls-cert FILE    TLS certificate chain (PEM), for HOST:PORT
    --tls-key FILE     TLS private key (PEM), for HOST:PORT
    --max-requests N   requests served at once (default 64); as many more
                       wait up to 2s for a place, then get 503 with
                       Retry-After, as does any beyond those. Of them,
                       those that read the whole vault (list, export,
                       person list, audit log and export) run one for
                       each two cores; more wait up to 30s
    --seal-timeout D   how long a seal or a shutdown lets requests in flight
                       run before it cuts them off (default 10s); the
                       vault then gets 10s to close, past which it is
                       logged and left, and a shutdown exits non-zero
    --scrub-interval D how often the unsealed vault is checked in the
                       background, as "tvault check" does; a check that
                       finds problems is logged and audited, and health
                       says "degraded" until one passes (default 24h; 0
                       never)
    --share-timeout D  how long a daemon sealed to operators holds the
                       shares sent while fewer than its threshold have
                       arrived; then it forgets them (default 15m)
    --retention-interval D
                       how often the records that the policy's retention
                       rules say are due are erased, as "tvault retention
                       apply" does, by the actor tvaultd.retention (an
                       officer); each erasure is audited with its rule as
                       reason (default 0: never; nothing is erased by a
                       rule alone)
    --version          print the version and exit
    --man              print the manual page, tvaultd(8), and exit

Logs go to standard error as JSON lines: method, route, status, duration,
request ID and user; never paths, queries, bodies, names or tokens.

Examples:
    $ TVAULT_PASSPHRASE_FILE=/etc/tvault/pass tvaultd --vault /srv/vault --listen unix:/run/tvault/tvaultd.sock
    $ tvaultd --vault /srv/vault --listen 0.0.0.0:8443 --tls-cert cert.pem --tls-key key.pem
`

func main() {
	if err := run(context.Background(), os.Args[1:], os.Stderr); err != nil {
		fmt.Fprintf(os.Stderr, "tvaultd: error: %v\n", err)
		os.Exit(1)
	}
}

// Timeouts of the HTTP server. Streams (export, audit log) extend their
// write deadline line by line instead (lineTimeout). shutdownTimeout
// bounds the requests left once the vault is sealed at shutdown: health,
// and answers to slow clients. closeTimeout bounds the vault's close at
// a seal or a shutdown (closeWithin), after --seal-timeout: Badger
// flushes its memtable, seconds at most on a sound disk.
const (
	readHeaderTimeout = 10 * time.Second
	readTimeout       = 2 * time.Minute // a 16 MiB import on a slow link
	writeTimeout      = 5 * time.Minute
	idleTimeout       = 2 * time.Minute
	shutdownTimeout   = 10 * time.Second
	closeTimeout      = 10 * time.Second
	// queueWait bounds how long a request waits for a place (pool).
	queueWait = 2 * time.Second
	// scanWait bounds how long a request that reads the whole vault
	// waits for a scan's place (server.scanned): one such request takes
	// seconds on a large vault, and a list queued behind two others
	// should still be served.
	scanWait = 30 * time.Second
	// anonReadTimeout bounds reading an unseal's body (config).
	anonReadTimeout = 5 * time.Second
)

// scanPlaces is how many requests that read the whole vault run at once:
// one for each two cores, so that the point reads keep at least half of
// them.
func scanPlaces() int { return max(runtime.GOMAXPROCS(0)/2, 1) }

// run serves until ctx is done or a signal arrives, logging to logw.
func run(ctx context.Context, args []string, logw io.Writer) error {
	fs := flag.NewFlagSet("tvaultd", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	dir := fs.String("vault", "", "vault directory")
	store := fs.String("store", "", "PostgreSQL database of the vault")
	listen := fs.String("listen", "", "unix:PATH or HOST:PORT")
	certFile := fs.String("tls-cert", "", "TLS certificate")
	keyFile := fs.String("tls-key", "", "TLS key")
	maxReq := fs.Int("max-requests", 64, "requests in flight")
	sealTimeout := fs.Duration("seal-timeout", 10*time.Second, "time in-flight requests get at seal")
	showVersion := fs.Bool("version", false, "print the version")
	showMan := fs.Bool("man", false, "print the manual page")
	scrubInterval := fs.Duration("scrub-interval", 24*time.Hour, "how often to check the vault in the background; 0 never")
	shareTimeout := fs.Duration("share-timeout", 15*time.Minute, "how long operators' shares are held while fewer than the threshold")
	retentionInterval := fs.Duration("retention-interval", 0, "how often to erase what the retention rules say is due; 0 never")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fmt.Fprint(os.Stderr, usage)
			return nil
		}
		return fmt.Errorf("%v (run tvaultd -h for usage)", err)
	}
	home, err := vault.HomeFrom(*dir, *store, os.Getenv)
	switch {
	case *showVersion && fs.NArg() == 0:
		_, err := fmt.Printf("tvaultd %s\n", buildinfo.Read())
		return err
	case *showMan && fs.NArg() == 0:
		return manPage().Write(os.Stdout)
	case fs.NArg() > 0:
		return fmt.Errorf("unexpected argument %q (run tvaultd -h for usage)", fs.Arg(0))
	case err != nil:
		return fmt.Errorf("%v (run tvaultd -h for usage)", err)
	case home == "":
		return errors.New("no vault given: pass --vault DIR or set TVAULT_DIR")
	case *listen == "":
		return errors.New("no address given: pass --listen unix:PATH or --listen HOST:PORT")
	case *maxReq < 1:
		return errors.New("--max-requests must be at least 1")
	case *sealTimeout < 0:
		return errors.New("--seal-timeout must not be negative")
	case *scrubInterval < 0:
		return errors.New("--scrub-interval must not be negative")
	case *shareTimeout <= 0:
		return errors.New("--share-timeout must be positive")
	case *retentionInterval < 0:
		return errors.New("--retention-interval must not be negative")
	}

	ln, transport, err := listenOn(*listen, *certFile, *keyFile)
	if err != nil {
		return err
	}
	log := slog.New(slog.NewJSONHandler(logw, nil))
	s := newServer(config{dir: home, transport: transport, log: log, maxInFlight: *maxReq, queueWait: queueWait, anonReadTimeout: anonReadTimeout,
		scanPlaces: scanPlaces(), scanWait: scanWait,
		authFailures: 10, authWindow: time.Minute, sealTimeout: *sealTimeout, scrubInterval: *scrubInterval,
		shareTimeout: *shareTimeout, retentionInterval: *retentionInterval})
	if file := os.Getenv("TVAULT_PASSPHRASE_FILE"); file != "" {
		if err := s.unsealFromFile(file); err != nil {
			ln.Close()
			return err
		}
	}

	srv := &http.Server{
		Handler:           s,
		ReadHeaderTimeout: readHeaderTimeout,
		ReadTimeout:       readTimeout,
		WriteTimeout:      writeTimeout,
		IdleTimeout:       idleTimeout,
		MaxHeaderBytes:    64 << 10,
		ConnContext:       connContext,
		// The standard logger would print connection errors with
		// addresses and TLS details; they go to the JSON log instead.
		ErrorLog: slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	ctx, stop := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
	defer stop()
	if path := os.Getenv("TVAULTD_HEAP_PROFILE"); path != "" {
		heapProfiles(ctx, path, log)
	}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	log.Info("listening", "transport", transport, "sealed", s.sealed())

	select {
	case err := <-served:
		s.close()
		return fmt.Errorf("failed to serve: %w", err)
	case <-ctx.Done():
	}
	log.Info("shutting down")
	// Seal first, while health still answers: then the server's shutdown
	// waits only for requests that do not use the vault.
	cut, cerr := sealWithin(s, *sealTimeout+s.closeTimeout()+shutdownTimeout, log)
	sctx, cancel := context.WithTimeout(context.Background(), shutdownTimeout)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		log.Warn("connections still open after the shutdown timeout are closed", "timeout", shutdownTimeout)
		srv.Close()
	}
	log.Info("stopped", "canceled", cut)
	switch {
	case cerr != nil:
		return fmt.Errorf("failed to close the vault: %w", cerr)
	case cut > 0:
		return fmt.Errorf("requests still running after %v were cut off: %d", *sealTimeout, cut)
	}
	return nil
}

// sealWithin seals s for good (server.close), waiting up to timeout for
// it: the seal's own deadlines bound the requests in flight and the
// vault's close, but not an unseal in progress that a storage holds
// (server.sealMu), nor a cut-off request the storage holds. Past timeout
// it logs, and returns errNotClosed, for the daemon to exit without the
// vault.
func sealWithin(s *server, timeout time.Duration, log *slog.Logger) (int, error) {
	type result struct {
		cut int
		err error
	}
	r, ok := within(timeout, func() result {
		cut, err := s.close()
		return result{cut, err}
	})
	if !ok {
		log.Error("vault not sealed", "timeout", timeout.String())
		return 0, fmt.Errorf("%w: the seal did not finish within %v", errNotClosed, timeout)
	}
	return r.cut, r.err
}

// unsealFromFile opens the vault with the passphrase in file.
func (s *server) unsealFromFile(file string) error {
	pass, err := passphrase.File(file)
	if err != nil {
		return err
	}
	v, err := s.openVault(pass)
	if err != nil {
		return err
	}
	ctx := service.WithActor(context.Background(), service.Actor{Name: service.OperatorActor, Transport: "local"})
	s.sealMu.Lock()
	defer s.sealMu.Unlock()
	return s.open(ctx, v)
}

// listenOn listens on addr: unix:PATH, or HOST:PORT with TLS, or plain
// HTTP on a loopback address.
func listenOn(addr, certFile, keyFile string) (net.Listener, string, error) {
	if path, ok := strings.CutPrefix(addr, "unix:"); ok {
		if certFile != "" || keyFile != "" {
			return nil, "", errors.New("--tls-cert and --tls-key go with HOST:PORT, not a unix socket")
		}
		ln, err := listenUnix(path)
		return ln, "unix", err
	}
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return nil, "", fmt.Errorf("invalid --listen %q: want unix:PATH or HOST:PORT", addr)
	}
	if (certFile == "") != (keyFile == "") {
		return nil, "", errors.New("--tls-cert and --tls-key go together")
	}
	if certFile == "" {
		if !isLoopback(host) {
			return nil, "", fmt.Errorf("refusing plain HTTP on %s: tokens and testimonies would cross the network in clear; give --tls-cert and --tls-key, or listen on a loopback address", host)
		}
		ln, err := net.Listen("tcp", addr)
		return ln, "http", err
	}
	cert, err := tls.LoadX509KeyPair(certFile, keyFile)
	if err != nil {
		return nil, "", fmt.Errorf("failed to load TLS certificate: %w", err)
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, "", err
	}
	cfg := &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS13,
		NextProtos: []string{"h2", "http/1.1"}}
	return tls.NewListener(ln, cfg), "https", nil
}

func isLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// listenUnix creates the socket at path with mode 0600. A socket file
// left by a daemon that died is replaced; one that a running daemon
// answers on is an error, as is any other file. Its connections receive
// the descriptors clients pass (descriptorConn).
func listenUnix(path string) (net.Listener, error) {
	if fi, err := os.Lstat(path); err == nil {
		if fi.Mode()&os.ModeSocket == 0 {
			return nil, fmt.Errorf("%s exists and is not a socket", path)
		}
		if c, err := net.DialTimeout("unix", path, time.Second); err == nil {
			c.Close()
			return nil, fmt.Errorf("another daemon is listening on %s", path)
		}
		if err := os.Remove(path); err != nil {
			return nil, fmt.Errorf("failed to remove stale socket: %w", err)
		}
	}
	// The umask makes the socket 0600 from its creation, so there is no
	// moment at which another account could connect.
	old := syscall.Umask(0o177)
	ln, err := net.Listen("unix", path)
	syscall.Umask(old)
	if err != nil {
		return nil, err
	}
	if err := os.Chmod(path, 0o600); err != nil {
		ln.Close()
		return nil, err
	}
	return descriptorListener{ln.(*net.UnixListener)}, nil
}
