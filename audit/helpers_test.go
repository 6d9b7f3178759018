package audit

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"golang.org/x/mod/sumdb/note"

	"github.com/tvault/tvault/vault/store"
	"github.com/tvault/tvault/vault/store/memstore"
)

var update = flag.Bool("update", false, "rewrite golden files")

// Fixed keys, so that signatures (Ed25519 is deterministic) and golden
// files are stable. otherKey has the same name as testKey; foreignKey
// signs another log.
const (
	testOrigin = "tvault/test"
	testSKey   = "PRIVATE+KEY+tvault/test+c562fd65+AbRjZDjEIaJcoUavPeB//MS44knoIiAyCxHmJCtXAhXB"
	testVKey   = "tvault/test+c562fd65+AY5BOlEZ/1xrlUj/jY/VRVaOjiikn6HPbPCUqyaxiBi7"
	otherSKey  = "PRIVATE+KEY+tvault/test+7f34a2d8+AVsD4ZMfP9DzPKhSo6Q1+r+gCmOEiGjvLlXtaI3Rwu93"

	foreignOrigin = "tvault/other"
	foreignSKey   = "PRIVATE+KEY+tvault/other+2ff80b33+AZab2P06aNM8Zy1ogAAMQa/cIvStyJrNFmC51jciOPNe"
)

var ctx = context.Background()

func signer(t testing.TB, skey string) note.Signer {
	t.Helper()
	s, err := note.NewSigner(skey)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func verifier(t testing.TB) note.Verifier {
	t.Helper()
	v, err := note.NewVerifier(testVKey)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

var t0 = time.Date(2026, 3, 1, 9, 30, 0, 123456000, time.UTC)

// testEntry returns a plausible, deterministic entry; i varies it.
func testEntry(i int) *Entry {
	e := &Entry{
		Time:      t0.Add(time.Duration(i) * 1500 * time.Millisecond),
		Actor:     []string{"kim.officer", "local", "lee.researcher"}[i%3],
		Role:      []string{"officer", "officer", "researcher"}[i%3],
		Action:    []string{"get", "put", "list", "export-raw"}[i%4],
		Targets:   []string{fmt.Sprintf("rec-%04d", i)},
		Purpose:   "case review",
		Outcome:   OutcomeOK,
		RequestID: fmt.Sprintf("req-%d", i),
		Transport: []string{"unix", "local", "https"}[i%3],
	}
	if i%5 == 0 {
		e.Outcome = OutcomeDenied
	}
	if i%4 == 2 {
		e.SetAttr("count", fmt.Sprint(i))
	}
	return e
}

// appendN appends entries testEntry(from) up to testEntry(to-1).
func appendN(t testing.TB, s store.Store, from, to int) {
	t.Helper()
	err := s.Update(ctx, func(tx store.Tx) error {
		for i := from; i < to; i++ {
			if err := Append(tx, testEntry(i)); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// sign signs a checkpoint of s's log with skey and returns it.
func sign(t testing.TB, s store.Store, skey string) []byte {
	t.Helper()
	var cp []byte
	sg := signer(t, skey)
	err := s.Update(ctx, func(tx store.Tx) error {
		var err error
		cp, err = SignCheckpoint(tx, sg, sg.Name())
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return cp
}

// newLog returns a store holding n test entries and a checkpoint of them.
func newLog(t testing.TB, n int) *memstore.Store {
	t.Helper()
	s := memstore.New()
	appendN(t, s, 0, n)
	sign(t, s, testSKey)
	return s
}

func export(t testing.TB, s store.Store) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := s.View(ctx, func(rtx store.ReadTx) error { return Export(rtx, &buf) }); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func view[T any](t testing.TB, s store.Store, fn func(store.ReadTx) (T, error)) (T, error) {
	t.Helper()
	var v T
	err := s.View(ctx, func(rtx store.ReadTx) error {
		var err error
		v, err = fn(rtx)
		return err
	})
	return v, err
}

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("output differs from %s (run with -update after checking):\n%s", path, got)
	}
}
