package audit

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"strings"
	"testing"

	"github.com/tvault/tvault/vault/store"
	"github.com/tvault/tvault/vault/store/memstore"
)

func TestManifestRoundTrip(t *testing.T) {
	m := Manifest{
		{Key: "a b%c\x00\xff", Hash: sha256.Sum256([]byte("x"))},
		{Key: "rec/1", Deleted: true},
		{Key: "rec/2", Hash: sha256.Sum256(nil)},
	}
	b, err := m.MarshalText()
	if err != nil {
		t.Fatal(err)
	}
	want := "tvault-state/v1\n" +
		"set a%20b%25c%00%FF 2d711642b726b04401627ca9fbac32f5c8530fb1903cc4db02258717921a4881\n" +
		"del rec/1\n" +
		"set rec/2 e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\n"
	if string(b) != want {
		t.Fatalf("encoding:\n%s\nwant:\n%s", b, want)
	}
	got, err := ParseManifest(b)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(m) {
		t.Fatalf("parsed %d changes, want %d", len(got), len(m))
	}
	for i := range m {
		if got[i] != m[i] {
			t.Errorf("change %d = %+v, want %+v", i, got[i], m[i])
		}
	}
}

func TestManifestMarshalRefuses(t *testing.T) {
	for name, m := range map[string]Manifest{
		"empty":     nil,
		"empty key": {{Key: "", Deleted: true}},
		"unsorted":  {{Key: "b", Deleted: true}, {Key: "a", Deleted: true}},
		"repeated":  {{Key: "a", Deleted: true}, {Key: "a"}},
	} {
		if _, err := m.MarshalText(); err == nil {
			t.Errorf("%s: MarshalText succeeded", name)
		}
	}
}

func TestParseManifestStrict(t *testing.T) {
	const h = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
	for _, tt := range []struct{ name, in string }{
		{"no header", "set a " + h + "\n"},
		{"other version", "tvault-state/v2\nset a " + h + "\n"},
		{"no changes", "tvault-state/v1\n"},
		{"no final newline", "tvault-state/v1\ndel a"},
		{"blank line", "tvault-state/v1\n\ndel a\n"},
		{"unknown op", "tvault-state/v1\nput a " + h + "\n"},
		{"uppercase hash", "tvault-state/v1\nset a " + strings.ToUpper(h) + "\n"},
		{"short hash", "tvault-state/v1\nset a " + h[:62] + "\n"},
		{"del with hash", "tvault-state/v1\ndel a " + h + "\n"},
		{"set without hash", "tvault-state/v1\nset a\n"},
		{"trailing space", "tvault-state/v1\ndel a \n"},
		{"empty key", "tvault-state/v1\ndel \n"},
		{"escaped plain byte", "tvault-state/v1\ndel %61\n"},
		{"lowercase escape", "tvault-state/v1\ndel %ff\n"},
		{"cut escape", "tvault-state/v1\ndel a%2\n"},
		{"unsorted", "tvault-state/v1\ndel b\ndel a\n"},
		{"repeated", "tvault-state/v1\ndel a\nset a " + h + "\n"},
		{"CRLF", "tvault-state/v1\r\ndel a\r\n"},
	} {
		if m, err := ParseManifest([]byte(tt.in)); err == nil {
			t.Errorf("%s: parsed as %+v", tt.name, m)
		}
	}
}

func FuzzParseManifest(f *testing.F) {
	f.Add([]byte("tvault-state/v1\ndel a%20b\nset c e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\n"))
	f.Add([]byte("tvault-state/v1\ndel %00\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		m, err := ParseManifest(b)
		if err != nil {
			return
		}
		// One encoding per manifest: what parses marshals back to itself.
		again, err := m.MarshalText()
		if err != nil {
			t.Fatalf("parsed manifest does not marshal: %v", err)
		}
		if !bytes.Equal(again, b) {
			t.Fatalf("parsed %q, marshals as %q", b, again)
		}
	})
}

// states replays the manifests of the log in s and returns the state they
// give (key to hash) and the errors met.
func states(t *testing.T, s store.Store) (map[string][32]byte, []error) {
	t.Helper()
	state := map[string][32]byte{}
	var errs []error
	err := s.View(ctx, func(rtx store.ReadTx) error {
		n, err := Size(rtx)
		if err != nil {
			return err
		}
		return ReadStates(rtx, n, func(_ int64, m Manifest, err error) error {
			if err != nil {
				errs = append(errs, err)
				return nil
			}
			for _, c := range m {
				if c.Deleted {
					delete(state, c.Key)
				} else {
					state[c.Key] = c.Hash
				}
			}
			return nil
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	return state, errs
}

func TestBatcherRecordsState(t *testing.T) {
	s := memstore.New()
	b := NewBatcher(s, signer(t, testSKey), nil)
	defer b.Close()
	set := func(k, v string) func(store.Tx) error {
		return func(tx store.Tx) error { return tx.Set([]byte(k), []byte(v)) }
	}
	submit := func(i int, fn func(store.Tx) error) *Entry {
		t.Helper()
		e := testEntry(i)
		if err := b.Submit(ctx, e, fn); err != nil {
			t.Fatal(err)
		}
		return e
	}
	e0 := submit(0, set("rec/a", "1"))
	submit(1, set("rec/b", "2"))
	submit(2, func(tx store.Tx) error {
		if err := tx.Set([]byte("rec/a"), []byte("3")); err != nil {
			return err
		}
		return tx.Delete([]byte("rec/b"))
	})
	// A read, and a caller's forged attribute, which the Batcher removes.
	forged := testEntry(3)
	forged.SetAttr(StateAttr, strings.Repeat("0", 64))
	if err := b.Submit(ctx, forged, nil); err != nil {
		t.Fatal(err)
	}
	if e0.Attr(StateAttr) == "" || forged.Attr(StateAttr) != "" {
		t.Fatalf("state attributes: write %q, read %q", e0.Attr(StateAttr), forged.Attr(StateAttr))
	}
	state, errs := states(t, s)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	if len(state) != 1 || state["rec/a"] != sha256.Sum256([]byte("3")) {
		t.Fatalf("replayed state %v, want rec/a only, with the last value", state)
	}

	// Only the log writes its keys.
	err := b.Submit(ctx, testEntry(4), set("audit/n", "0"))
	if !errors.Is(err, ErrReservedKey) {
		t.Fatalf("a job's write to audit/n: %v, want ErrReservedKey", err)
	}
}

func TestReadStatesDamage(t *testing.T) {
	for _, tt := range []struct {
		name   string
		damage func(tx store.Tx) error
	}{
		{"manifest deleted", func(tx store.Tx) error { return tx.Delete(indexKey(statePrefix, 1)) }},
		{"manifest changed", func(tx store.Tx) error {
			return tx.Set(indexKey(statePrefix, 1), []byte("tvault-state/v1\ndel rec/x\n"))
		}},
		{"manifest swapped", func(tx store.Tx) error {
			b, err := tx.Get(indexKey(statePrefix, 0))
			if err != nil {
				return err
			}
			return tx.Set(indexKey(statePrefix, 1), b)
		}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			s := memstore.New()
			b := NewBatcher(s, signer(t, testSKey), nil)
			for i := range 3 {
				k := []byte{'k', byte('0' + i)}
				if err := b.Submit(ctx, testEntry(i), func(tx store.Tx) error { return tx.Set(k, k) }); err != nil {
					t.Fatal(err)
				}
			}
			b.Close()
			if err := s.Update(ctx, tt.damage); err != nil {
				t.Fatal(err)
			}
			_, errs := states(t, s)
			var se *StateError
			if len(errs) != 1 || !errors.As(errs[0], &se) || se.Seq != 1 {
				t.Fatalf("errors %v, want one *StateError of entry 1", errs)
			}
		})
	}
}

func TestLogKey(t *testing.T) {
	has := func(i int64) bool { return i == 2 }

	for _, tt := range []struct {
		key  string
		want bool
	}{
		{"audit/n", true},
		{"audit/cp", true},
		{"audit/e/0000000000000004", true},
		{"audit/e/0000000000000005", false},
		{"audit/e/4", false},
		{"audit/h/0000000000000007", true}, // 5 entries store 8 hashes
		{"audit/h/0000000000000008", false},
		{"audit/s/0000000000000002", true},
		{"audit/s/0000000000000003", false},
		{"audit/x", false},
		{"audit/hb/0000000000000000", false}, // no complete block
		{"audit/eb/0000000000000000", false},
	} {
		if got := LogKey([]byte(tt.key), 5, has, Blocks{}); got != tt.want {
			t.Errorf("LogKey(%s) = %v, want %v", tt.key, got, tt.want)
		}
	}
	// 4,100 entries store 8,198 hashes: blocks 0 and 1, of which 0 is
	// stored; their entries are in 16 complete blocks, of which 0 to 14
	// are stored.
	stored := Blocks{Entries: []int64{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14}, Hashes: []int64{0}}
	for key, want := range map[string]bool{
		"audit/hb/0000000000000001": true,
		"audit/hb/0000000000000002": false,
		"audit/hb/1":                false,
		"audit/h/0000000000000fff":  false, // beside its block
		"audit/h/0000000000001000":  true,  // in a complete block not converted
		"audit/h/0000000000002005":  true,
		"audit/h/0000000000002006":  false,
		"audit/eb/000000000000000f": true,
		"audit/eb/0000000000000010": false,
		"audit/eb/f":                false,
		"audit/e/0000000000000eff":  false, // beside its block
		"audit/e/0000000000000f00":  true,  // in a complete block not converted
		"audit/e/0000000000001003":  true,
		"audit/e/0000000000001004":  false,
	} {
		if got := LogKey([]byte(key), 4100, has, stored); got != want {
			t.Errorf("LogKey(%s) of 4,100 entries = %v, want %v", key, got, want)
		}
	}
}

func TestAttestOnlyInAJob(t *testing.T) {
	s := memstore.New()
	err := s.Update(ctx, func(tx store.Tx) error { return Attest(tx, []byte("rec/a"), []byte("v")) })
	if err == nil {
		t.Fatal("Attest outside a Batcher job succeeded")
	}
	b := NewBatcher(s, signer(t, testSKey), nil)
	defer b.Close()
	err = b.Submit(ctx, testEntry(0), func(tx store.Tx) error { return Attest(tx, []byte("audit/n"), []byte("9")) })
	if !errors.Is(err, ErrReservedKey) {
		t.Fatalf("Attest of a log key: %v, want ErrReservedKey", err)
	}
	if err := b.Submit(ctx, testEntry(1), func(tx store.Tx) error { return Attest(tx, []byte("rec/a"), []byte("v")) }); err != nil {
		t.Fatal(err)
	}
	state, errs := states(t, s)
	if len(errs) > 0 || state["rec/a"] != sha256.Sum256([]byte("v")) {
		t.Fatalf("replayed %v, %v; want rec/a attested", state, errs)
	}
}
