// Package pgtest gives each test an empty place of its own on a real
// PostgreSQL server, for the tests of the PostgreSQL backends.
//
// A test binary that uses it runs its tests through Run from TestMain:
//
//	func TestMain(m *testing.M) { os.Exit(pgtest.Run(m)) }
//
// The first test that calls Conn starts one throwaway cluster for the
// whole binary, since starting one takes seconds (a run whose tests do not
// call Conn starts none): initdb into a new temporary directory, the
// server listening only on a unix socket in that directory, fsync off
// (the data is thrown away). When the tests run as root, initdb and the server run as
// the user nobody, which owns the directory: PostgreSQL refuses to run as
// root. The cluster is stopped and its directory removed when the tests
// end. The binaries are looked for on PATH, then in
// /usr/lib/postgresql/*/bin (Debian's layout), the newest first.
//
// When TVAULT_TEST_POSTGRES holds a connection string (a postgres:// URL
// for the CLI's scripts, which take it as one word), no cluster is
// started: the first Conn creates a database for the binary on that server
// instead (the string's user needs CREATEDB), which Run drops at the end.
//
// Conn gives one test an empty schema of its own in the binary's database,
// dropped when the test ends, and returns a connection string whose
// search_path names it (options=-csearch_path=..., which libpq's tools
// such as pg_dump take too), so that tables created without a schema are
// the test's alone. A schema is as good as a database for that and costs
// milliseconds to create where a database costs a third of a second.
//
// Without PostgreSQL, Conn skips the test with a message saying what is
// missing, or fails it when the environment variable CI is set: in CI the
// tests must run (.ci/run installs PostgreSQL).
package pgtest

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// EnvServer names the environment variable that points the tests at an
// existing server instead of a throwaway cluster.
const EnvServer = "TVAULT_TEST_POSTGRES"

// startTimeout bounds how long the server may take to accept connections.
const startTimeout = 60 * time.Second

// The binary's database, set up by the first Conn: base is a connection
// string for it; unavailable says why there is none, and failed why
// setting it up failed; teardown, if set, stops the cluster or drops the
// database.
var (
	inRun       bool
	setupOnce   sync.Once
	base        string
	unavailable string
	failed      error
	teardown    func() error
	schemas     atomic.Int64
)

// Run runs the tests, and then removes the binary's database if a test set
// one up (see the package doc). It returns m.Run's exit code. m is a
// *testing.M, or what wraps one (testscript.Main takes m's Run).
func Run(m interface{ Run() int }) int {
	inRun = true
	code := m.Run()
	if teardown != nil {
		if err := teardown(); err != nil {
			fmt.Fprintf(os.Stderr, "pgtest: %v\n", err)
			code = max(code, 1)
		}
	}
	return code
}

// setup starts the cluster, or finds the server of EnvServer, and creates
// the binary's database in it.
func setup() {
	ctx := context.Background()
	admin := os.Getenv(EnvServer)
	if admin == "" {
		bin, err := findBin()
		if err != nil {
			unavailable = err.Error()
			return
		}
		c, err := start(bin)
		if err != nil {
			failed = err
			return
		}
		// The cluster goes whole, its databases with it.
		admin, teardown = c.admin, c.stop
	}
	// The process ID keeps names apart when several test binaries share
	// one server.
	name := fmt.Sprintf("tvault_test_%d", os.Getpid())
	if failed = exec1(ctx, admin, "CREATE DATABASE "+name); failed != nil {
		return
	}
	if teardown == nil {
		// FORCE ends connections a test left open.
		teardown = func() error { return exec1(ctx, admin, "DROP DATABASE "+name+" WITH (FORCE)") }
	}
	base, failed = withParam(admin, "dbname", name)
}

// Conn creates an empty schema for t and returns a connection string that
// uses it. See the package doc for when it skips or fails t instead.
func Conn(t testing.TB) string {
	t.Helper()
	if !inRun {
		t.Fatal("pgtest: Conn called without pgtest.Run in TestMain")
	}
	setupOnce.Do(setup)
	switch {
	case failed != nil:
		t.Fatalf("pgtest: %v", failed)
	case unavailable != "":
		msg := "pgtest: no PostgreSQL for this test: " + unavailable + " (install PostgreSQL or set " + EnvServer + ")"
		if os.Getenv("CI") != "" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	name := fmt.Sprintf("test_%d", schemas.Add(1))
	ctx := context.Background()
	if err := exec1(ctx, base, "CREATE SCHEMA "+name); err != nil {
		t.Fatalf("pgtest: %v", err)
	}
	t.Cleanup(func() {
		if err := exec1(ctx, base, "DROP SCHEMA "+name+" CASCADE"); err != nil {
			t.Errorf("pgtest: %v", err)
		}
	})
	return WithParam(t, base, "options", "-csearch_path="+name)
}

// WithParam returns the connection string conn with the setting key set
// to value, or fails t.
func WithParam(t testing.TB, conn, key, value string) string {
	t.Helper()
	conn, err := withParam(conn, key, value)
	if err != nil {
		t.Fatalf("pgtest: %v", err)
	}
	return conn
}

// exec1 runs sql in a connection of its own.
func exec1(ctx context.Context, conn, sql string) error {
	c, err := pgx.Connect(ctx, conn)
	if err != nil {
		return err
	}
	defer c.Close(ctx)
	_, err = c.Exec(ctx, sql)
	return err
}

// withParam returns the connection string conn with the setting key set to
// value, in either of libpq's two forms. The database is the path of a URL.
func withParam(conn, key, value string) (string, error) {
	if !strings.HasPrefix(conn, "postgres://") && !strings.HasPrefix(conn, "postgresql://") {
		// In the keyword form, a later setting overrides an earlier one.
		return conn + " " + key + "=" + value, nil
	}
	u, err := url.Parse(conn)
	if err != nil {
		return "", fmt.Errorf("%s: %v", EnvServer, err)
	}
	if key == "dbname" {
		u.Path = "/" + value
	} else {
		q := u.Query()
		q.Set(key, value)
		u.RawQuery = q.Encode()
	}
	return u.String(), nil
}

// findBin returns the directory that holds initdb and postgres.
func findBin() (string, error) {
	if p, err := exec.LookPath("initdb"); err == nil {
		// Debian links some binaries into PATH: postgres sits next to the
		// real initdb.
		if real, err := filepath.EvalSymlinks(p); err == nil {
			p = real
		}
		if dir := filepath.Dir(p); isFile(filepath.Join(dir, "postgres")) {
			return dir, nil
		}
	}
	dirs, _ := filepath.Glob("/usr/lib/postgresql/*/bin")
	// Newest first: Debian names the directories by major version.
	slices.SortFunc(dirs, func(a, b string) int { return version(b) - version(a) })
	for _, dir := range dirs {
		if isFile(filepath.Join(dir, "initdb")) && isFile(filepath.Join(dir, "postgres")) {
			return dir, nil
		}
	}
	return "", errors.New("initdb and postgres are neither on PATH nor in /usr/lib/postgresql/*/bin")
}

func version(bin string) int {
	n, _ := strconv.Atoi(filepath.Base(filepath.Dir(bin)))
	return n
}

func isFile(path string) bool {
	fi, err := os.Stat(path)
	return err == nil && fi.Mode().IsRegular()
}

// cluster is a running throwaway server.
type cluster struct {
	dir   string
	admin string // connection string of its maintenance database
	cmd   *exec.Cmd
	done  chan error // receives the server's exit
}

// start initialises a cluster in a new temporary directory and starts its
// server, as nobody when the tests run as root.
func start(bin string) (_ *cluster, err error) {
	dir, err := os.MkdirTemp("", "tvault-pg-")
	if err != nil {
		return nil, err
	}
	defer func() {
		if err != nil {
			os.RemoveAll(dir)
		}
	}()
	attr, err := sysProcAttr(dir)
	if err != nil {
		return nil, err
	}
	data := filepath.Join(dir, "data")
	// The cluster is thrown away: no fsync, and trust on the socket, which
	// only the directory's owner (and root) can reach.
	initdb := exec.Command(filepath.Join(bin, "initdb"), "-D", data, "-U", "tvault",
		"--auth=trust", "--encoding=UTF8", "--locale=C", "--no-sync")
	initdb.SysProcAttr = attr
	if out, err := initdb.CombinedOutput(); err != nil {
		return nil, fmt.Errorf("initdb: %v\n%s", err, out)
	}
	log, err := os.Create(filepath.Join(dir, "server.log"))
	if err != nil {
		return nil, err
	}
	defer log.Close()
	cmd := exec.Command(filepath.Join(bin, "postgres"), "-D", data,
		"-c", "listen_addresses=", "-c", "unix_socket_directories="+dir,
		"-c", "fsync=off", "-c", "full_page_writes=off", "-c", "max_connections=200")
	cmd.Stdout, cmd.Stderr = log, log
	cmd.SysProcAttr = attr
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("starting postgres: %v", err)
	}
	c := &cluster{dir: dir, cmd: cmd, done: make(chan error, 1)}
	go func() { c.done <- cmd.Wait() }()
	// A URL, which names a database in one word for the CLI's --store.
	c.admin = "postgres://tvault@/postgres?" + url.Values{"host": {dir}}.Encode()
	if err := c.wait(); err != nil {
		c.stop()
		logged, _ := os.ReadFile(log.Name())
		return nil, fmt.Errorf("%v\n%s", err, logged)
	}
	return c, nil
}

// wait returns once the server accepts connections.
func (c *cluster) wait() error {
	deadline := time.Now().Add(startTimeout)
	for {
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		conn, err := pgx.Connect(ctx, c.admin)
		cancel()
		if err == nil {
			return conn.Close(context.Background())
		}
		select {
		case err := <-c.done:
			c.done <- err
			return fmt.Errorf("postgres exited at start: %v", err)
		case <-time.After(50 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("postgres did not accept connections within %v: %v", startTimeout, err)
		}
	}
}

// stop shuts the server down (fast shutdown: open sessions are ended) and
// removes the cluster's directory.
func (c *cluster) stop() error {
	c.cmd.Process.Signal(syscall.SIGINT)
	select {
	case <-c.done:
	case <-time.After(30 * time.Second):
		c.cmd.Process.Kill()
		<-c.done
	}
	return os.RemoveAll(c.dir)
}

// sysProcAttr returns the attributes that run initdb and postgres: as
// nobody, owning dir, when this process is root, and killed with it where
// the system allows.
func sysProcAttr(dir string) (*syscall.SysProcAttr, error) {
	attr := &syscall.SysProcAttr{}
	setDeathSignal(attr)
	if os.Geteuid() != 0 {
		return attr, nil
	}
	u, err := user.Lookup("nobody")
	if err != nil {
		return nil, fmt.Errorf("running as root, PostgreSQL needs another user: %v", err)
	}
	uid, err := strconv.Atoi(u.Uid)
	if err != nil {
		return nil, err
	}
	gid, err := strconv.Atoi(u.Gid)
	if err != nil {
		return nil, err
	}
	if err := os.Chown(dir, uid, gid); err != nil {
		return nil, err
	}
	attr.Credential = &syscall.Credential{Uid: uint32(uid), Gid: uint32(gid)}
	return attr, nil
}
