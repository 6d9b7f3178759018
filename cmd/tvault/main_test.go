package main

import (
	"bytes"
	"encoding/hex"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/tvault/tvault/crypto/keyring"
	"github.com/tvault/tvault/internal/pgtest"
)

func TestMain(m *testing.M) {
	// Under -race every process sleeps a second at exit, for the reports
	// of other goroutines (GORACE atexit_sleep_ms): a second for each
	// tvault the tests run, most of this package's time. A report is
	// printed when the race happens, so none is lost. The tests' tvault
	// processes inherit this environment; the scripts get it in Setup.
	os.Setenv("GORACE", strings.TrimSpace(os.Getenv("GORACE")+" atexit_sleep_ms=0"))
	// pgtest.Run stops the PostgreSQL cluster of the scripts that use one
	// (the pgstore command).
	testscript.Main(pgtestM{m}, map[string]func(){"tvault": func() {
		// The scripts' tvault init seals at a low work factor; tvault and
		// tvaultd read it from the keyring, so every unseal is fast too.
		// TestCommandMemory builds a real tvault, at the real one.
		keyring.TestOnlyLowWorkFactor()
		main()
	}})
}

type pgtestM struct{ m *testing.M }

func (p pgtestM) Run() int { return pgtest.Run(p.m) }

var (
	ageOnce sync.Once
	ageDir  string
	ageErr  error
)

// buildAge builds the stock age and age-keygen commands (a tool dependency
// in go.mod), age's batchpass plugin (which gives age a passphrase without
// a terminal) and tvaultd once per test binary, so scripts check tvault's
// output with the real age CLI and against a real daemon. They are built
// without the race detector: tvaultd seals a rekeyed keyring at the real
// work factor, which took it 163 s under -race.
func buildAge(t *testing.T) string {
	ageOnce.Do(func() {
		ageDir, ageErr = os.MkdirTemp("", "tvault-age-")
		if ageErr != nil {
			return
		}
		// tvaultd too, for the scripts of remote mode.
		cmd := exec.Command("go", "build", "-o", ageDir, "filippo.io/age/cmd/age", "filippo.io/age/cmd/age-keygen", "filippo.io/age/cmd/age-plugin-batchpass", "github.com/tvault/tvault/cmd/tvaultd")
		out, err := cmd.CombinedOutput()
		if err != nil {
			ageErr = fmt.Errorf("building age: %v\n%s", err, out)
		}
	})
	if ageErr != nil {
		t.Fatal(ageErr)
	}
	return ageDir
}

func TestScripts(t *testing.T) {
	agePath := buildAge(t)
	t.Cleanup(func() { os.RemoveAll(agePath) })
	corpus, err := filepath.Abs("../../testdata/corpus")
	if err != nil {
		t.Fatal(err)
	}
	testscript.Run(t, testscript.Params{
		Dir: "testdata/scripts",
		Setup: func(e *testscript.Env) error {
			e.Setenv("PATH", agePath+string(os.PathListSeparator)+e.Getenv("PATH"))
			e.Setenv("CORPUS", corpus)
			// Where tvault and tvaultd keep each vault's latest checkpoint:
			// testscript's HOME (/no-home) has none.
			e.Setenv("TVAULT_STATE_DIR", filepath.Join(e.WorkDir, ".state"))
			// No second's sleep at exit under -race (TestMain).
			e.Setenv("GORACE", os.Getenv("GORACE"))
			// The script's test, for pgstore.
			e.Values[scriptTest{}] = e.T()
			return nil
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"setenvline":  setenvLine,
			"setenvmatch": setenvMatch,
			"auditmangle": auditMangle,
			"waitsocket":  waitSocket,
			"ttyexec":     ttyExec,
			"pgstore":     pgStore,
			"pgdump":      pgDump,
			"memdir":      memDir,
		},
		Condition: func(cond string) (bool, error) {
			if cond != "memdir" {
				return false, fmt.Errorf("unknown condition %q", cond)
			}
			return memoryBacked("/dev/shm") == nil, nil
		},
	})
}

// memDir NAME sets NAME to a new directory on /dev/shm, memory-backed
// storage as the editor commands want it, removed at the end of the
// script. Scripts that use it check the condition [memdir] first.
func memDir(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: memdir NAME")
	}
	dir, err := os.MkdirTemp("/dev/shm", "tvault-test-")
	ts.Check(err)
	ts.Defer(func() { os.RemoveAll(dir) })
	ts.Setenv(args[0], dir)
}

// setenvLine NAME N FILE sets NAME to line N (from 1) of FILE, or of the
// last command's stdout when FILE is "stdout", so scripts can carry a
// printed record ID into later commands.
func setenvLine(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 3 {
		ts.Fatalf("usage: setenvline NAME N FILE")
	}
	var n int
	if _, err := fmt.Sscan(args[1], &n); err != nil || n < 1 {
		ts.Fatalf("bad line number %q", args[1])
	}
	lines := strings.Split(strings.TrimSuffix(ts.ReadFile(args[2]), "\n"), "\n")
	if n > len(lines) {
		ts.Fatalf("%s has %d lines, want line %d", args[2], len(lines), n)
	}
	ts.Setenv(args[0], string(bytes.TrimSpace([]byte(lines[n-1]))))
}

// setenvMatch NAME REGEXP FILE sets NAME to the first submatch of REGEXP
// in FILE (or the last command's stdout, for "stdout").
func setenvMatch(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 3 {
		ts.Fatalf("usage: setenvmatch NAME REGEXP FILE")
	}
	m := regexp.MustCompile(args[1]).FindStringSubmatch(ts.ReadFile(args[2]))
	if len(m) < 2 {
		ts.Fatalf("no match for %s in %s", args[1], args[2])
	}
	ts.Setenv(args[0], m[1])
}

// pgStore NAME sets NAME to the connection string of an empty PostgreSQL
// schema of the script's own (package pgtest), or skips the script where
// there is no PostgreSQL (fails it in CI).
func pgStore(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: pgstore NAME")
	}
	ts.Setenv(args[0], pgtest.Conn(ts.Value(scriptTest{}).(testing.TB)))
}

// pgDump DB FILE writes pg_dump's dump of the database DB to FILE, with
// every bytea value (\x and hex digits) decoded to its bytes, so that grep
// finds in FILE what the database holds in clear.
func pgDump(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: pgdump DB FILE")
	}
	out, err := exec.Command("pg_dump", "--dbname="+args[0]).Output()
	ts.Check(err)
	decoded := byteaHex.ReplaceAllFunc(out, func(b []byte) []byte {
		raw, err := hex.DecodeString(string(b[2:]))
		ts.Check(err)
		return raw
	})
	ts.Check(os.WriteFile(ts.MkAbs(args[1]), decoded, 0o600))
}

// byteaHex matches a bytea value in pg_dump's COPY data.
var byteaHex = regexp.MustCompile(`\\x(?:[0-9a-f]{2})*`)

// scriptTest is the key of a script's *testing.T in its Values.
type scriptTest struct{}

// waitSocket PATH waits up to 20 s for a unix socket to accept connections.
func waitSocket(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: waitsocket PATH")
	}
	deadline := time.Now().Add(20 * time.Second)
	for {
		c, err := net.Dial("unix", ts.MkAbs(args[0]))
		if err == nil {
			c.Close()
			return
		}
		if time.Now().After(deadline) {
			ts.Fatalf("socket %s: %v", args[0], err)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// auditMangle MODE IN OUT [ARGS] tampers with an audit export as an
// attacker would, keeping the file well formed:
//
//	change N     change one character of entry N
//	drop N       remove entry N
//	swap N M     swap entries N and M
//	truncate K   keep only the first K entries
func auditMangle(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 3 {
		ts.Fatalf("usage: auditmangle MODE IN OUT [ARGS]")
	}
	mode, in, out, rest := args[0], args[1], args[2], args[3:]
	head, entries := splitExport(ts, []byte(ts.ReadFile(in)))
	num := func(i int) int {
		var n int
		if len(rest) <= i {
			ts.Fatalf("auditmangle %s: missing argument", mode)
		}
		if _, err := fmt.Sscan(rest[i], &n); err != nil || n < 0 || n >= len(entries)+1 {
			ts.Fatalf("auditmangle: bad entry number %q", rest[i])
		}
		return n
	}
	switch mode {
	case "change":
		n := num(0)
		// Same length, so the block's byte count stays right.
		e := bytes.Replace(entries[n], []byte("\noutcome ok"), []byte("\noutcome OK"), 1)
		if bytes.Equal(e, entries[n]) {
			ts.Fatalf("auditmangle: entry %d has no ok outcome to change", n)
		}
		entries[n] = e
	case "drop":
		n := num(0)
		entries = append(entries[:n], entries[n+1:]...)
	case "swap":
		a, b := num(0), num(1)
		entries[a], entries[b] = entries[b], entries[a]
	case "truncate":
		entries = entries[:num(0)]
	default:
		ts.Fatalf("auditmangle: unknown mode %q", mode)
	}
	var buf bytes.Buffer
	buf.Write(head)
	for _, e := range entries {
		buf.Write(e)
	}
	if err := os.WriteFile(ts.MkAbs(out), buf.Bytes(), 0o600); err != nil {
		ts.Fatalf("%v", err)
	}
}

// splitExport cuts an export into its header (format line and checkpoint
// block) and one chunk per entry (its "entry" line and block).
func splitExport(ts *testscript.TestScript, data []byte) (head []byte, entries [][]byte) {
	var chunks [][]byte
	for len(data) > 0 {
		line, _, ok := bytes.Cut(data, []byte("\n"))
		if !ok {
			ts.Fatalf("export: unterminated line")
		}
		fields := strings.Fields(string(line))
		n := 0
		if len(fields) >= 2 && (fields[0] == "checkpoint" || fields[0] == "entry") {
			fmt.Sscan(fields[1], &n)
		}
		size := len(line) + 1 + n
		chunks = append(chunks, data[:size])
		data = data[size:]
	}
	for i, c := range chunks {
		if bytes.HasPrefix(c, []byte("entry ")) {
			return bytes.Join(chunks[:i], nil), chunks[i:]
		}
	}
	return bytes.Join(chunks, nil), nil
}
