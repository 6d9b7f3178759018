package sealedstore_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/tvault/tvault/vault/store"
	"github.com/tvault/tvault/vault/store/badgerstore"
	"github.com/tvault/tvault/vault/store/memstore"
	"github.com/tvault/tvault/vault/store/sealedstore"
	"github.com/tvault/tvault/vault/store/storetest"
)

var ctx = context.Background()

func testKey(b byte) []byte { return bytes.Repeat([]byte{b}, 32) }

func newSealed(t testing.TB, inner store.Store, key []byte, older ...[]byte) store.Store {
	t.Helper()
	s, err := sealedstore.New(inner, key, older...)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestConformance(t *testing.T) {
	t.Run("memstore", func(t *testing.T) {
		storetest.Run(t, func(t *testing.T) store.Store { return newSealed(t, memstore.New(), testKey(1)) })
	})
	t.Run("badgerstore", func(t *testing.T) {
		storetest.Run(t, func(t *testing.T) store.Store {
			inner, err := badgerstore.Open(t.TempDir(), testKey(2))
			if err != nil {
				t.Fatal(err)
			}
			return newSealed(t, inner, testKey(1))
		})
	})
}

func TestNewRejectsShortKey(t *testing.T) {
	if _, err := sealedstore.New(memstore.New(), testKey(1)[:16]); err == nil {
		t.Fatal("New with a 16-byte key succeeded")
	}
}

func set(t testing.TB, s store.Store, key string, value []byte) {
	t.Helper()
	if err := s.Update(ctx, func(tx store.Tx) error { return tx.Set([]byte(key), value) }); err != nil {
		t.Fatalf("Set(%s): %v", key, err)
	}
}

func getRaw(t testing.TB, s store.Store, key string) []byte {
	t.Helper()
	var v []byte
	err := s.View(ctx, func(tx store.ReadTx) error {
		var err error
		v, err = tx.Get([]byte(key))
		return err
	})
	if err != nil {
		t.Fatalf("Get(%s) from the inner store: %v", key, err)
	}
	return v
}

// TestInnerHoldsSealedValues checks the format: the inner store holds the
// value Overhead bytes longer and never in clear.
func TestInnerHoldsSealedValues(t *testing.T) {
	inner := memstore.New()
	s := newSealed(t, inner, testKey(1))
	plain := []byte("SENTINEL-sealed-value")
	set(t, s, "k", plain)
	set(t, s, "empty", nil)
	for key, want := range map[string]int{"k": len(plain), "empty": 0} {
		raw := getRaw(t, inner, key)
		if len(raw) != want+sealedstore.Overhead {
			t.Errorf("inner value of %s is %d bytes, want %d", key, len(raw), want+sealedstore.Overhead)
		}
		if bytes.Contains(raw, plain) {
			t.Errorf("inner value of %s holds the plaintext", key)
		}
	}
	first := getRaw(t, inner, "k")
	set(t, s, "k", plain)
	if bytes.Equal(getRaw(t, inner, "k"), first) {
		t.Error("sealing the same value twice gave the same bytes: nonce reused")
	}
}

// TestTamperedValuesAreRefused writes into the inner store what an attacker
// with write access to it could, and checks that Get and Scan refuse it
// with a CorruptError naming the key.
func TestTamperedValuesAreRefused(t *testing.T) {
	plain := []byte(`{"roles":{"researcher":{"views":["researcher"]}}}`)
	flip := func(i int) func(raw, _ []byte) []byte {
		return func(raw, _ []byte) []byte {
			raw[(i+len(raw))%len(raw)] ^= 0x01
			return raw
		}
	}
	tests := []struct {
		name   string
		tamper func(raw, other []byte) []byte
	}{
		{"bit flipped in the nonce", flip(0)},
		{"bit flipped in the ciphertext", flip(24 + 5)},
		{"bit flipped in the tag", flip(-1)},
		// What AES-CTR without a MAC allows: the same known-plaintext XOR.
		{"known plaintext rewritten", func(raw, _ []byte) []byte {
			forged := []byte(`{"roles":{"researcher":{"views":["full"      ]}}}`)
			for i := range plain {
				raw[24+i] ^= plain[i] ^ forged[i]
			}
			return raw
		}},
		{"copied from another key", func(_, other []byte) []byte { return other }},
		{"truncated", func(raw, _ []byte) []byte { return raw[:len(raw)-1] }},
		{"extended", func(raw, _ []byte) []byte { return append(raw, 0) }},
		{"shorter than a seal", func(raw, _ []byte) []byte { return raw[:sealedstore.Overhead-1] }},
		{"empty", func([]byte, []byte) []byte { return []byte{} }},
		{"plaintext", func([]byte, []byte) []byte { return plain }},
		{"sealed under another key", func([]byte, []byte) []byte {
			other := memstore.New()
			set(t, newSealed(t, other, testKey(9)), "policy/current", plain)
			return getRaw(t, other, "policy/current")
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			inner := memstore.New()
			s := newSealed(t, inner, testKey(1))
			set(t, s, "policy/current", plain)
			set(t, s, "policy/previous", plain)
			bad := tt.tamper(getRaw(t, inner, "policy/current"), getRaw(t, inner, "policy/previous"))
			set(t, inner, "policy/current", bad)
			checkCorrupt(t, s, "policy/current")
		})
	}
}

// checkCorrupt checks that both Get and a Scan over key fail with a
// CorruptError naming key, and return no value.
func checkCorrupt(t *testing.T, s store.Store, key string) {
	t.Helper()
	err := s.View(ctx, func(tx store.ReadTx) error {
		v, err := tx.Get([]byte(key))
		if v != nil {
			t.Errorf("Get(%s) returned a value with %v", key, err)
		}
		return err
	})
	wantCorrupt(t, "Get", err, key)
	err = s.View(ctx, func(tx store.ReadTx) error {
		return tx.Scan([]byte(key), func(k, v []byte) error {
			t.Errorf("Scan passed %s = %q on", k, v)
			return nil
		})
	})
	wantCorrupt(t, "Scan", err, key)
	err = s.View(ctx, func(tx store.ReadTx) error {
		v, err := sealedstore.GetSealed(tx, []byte(key))
		if err != nil {
			t.Fatalf("GetSealed(%s) = %v; it opens nothing", key, err)
		}
		_, err = v.Open()
		return err
	})
	wantCorrupt(t, "GetSealed's Open", err, key)
}

// TestGetSealed checks that GetSealed returns a value still sealed, which
// opens to what was set, or store.ErrNotFound; over a store that does
// not seal, the value as it is.
func TestGetSealed(t *testing.T) {
	inner := memstore.New()
	s := newSealed(t, inner, testKey(1))
	set(t, s, "k/1", []byte("a value"))
	for name, s := range map[string]store.Store{"sealed": s, "not sealed": inner} {
		err := s.View(ctx, func(tx store.ReadTx) error {
			v, err := sealedstore.GetSealed(tx, []byte("k/1"))
			if err != nil {
				return err
			}
			want := len(getRaw(t, inner, "k/1"))
			if v.Len() != want {
				t.Errorf("%s: Len = %d, want %d", name, v.Len(), want)
			}
			if name == "sealed" {
				if got, err := v.Open(); err != nil || string(got) != "a value" {
					t.Errorf("%s: Open = %q, %v", name, got, err)
				}
			}
			if _, err := sealedstore.GetSealed(tx, []byte("k/2")); !errors.Is(err, store.ErrNotFound) {
				t.Errorf("%s: GetSealed of a missing key = %v", name, err)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
}

func wantCorrupt(t *testing.T, op string, err error, key string) {
	t.Helper()
	var ce *sealedstore.CorruptError
	switch {
	case !errors.As(err, &ce):
		t.Errorf("%s(%s) = %v, want a *sealedstore.CorruptError", op, key, err)
	case ce.Key != key:
		t.Errorf("%s(%s): CorruptError names %q", op, key, ce.Key)
	case !errors.Is(err, store.ErrCorrupt) || errors.Is(err, store.ErrNotFound):
		t.Errorf("%s(%s) = %v: want store.ErrCorrupt and not store.ErrNotFound", op, key, err)
	}
}

func TestSizeLimit(t *testing.T) {
	s := newSealed(t, memstore.New(), testKey(1))
	err := s.Update(ctx, func(tx store.Tx) error { return tx.Set([]byte("big"), make([]byte, sealedstore.MaxValueSize+1)) })
	if !errors.Is(err, store.ErrTooLarge) {
		t.Fatalf("Set of MaxValueSize+1 bytes = %v, want ErrTooLarge", err)
	}
	// The largest value fits the inner store once sealed.
	set(t, s, "big", make([]byte, sealedstore.MaxValueSize))
}

// FuzzOpen stores arbitrary bytes in the inner store: reading them back
// through the sealed store must fail with a CorruptError, never panic.
func FuzzOpen(f *testing.F) {
	inner := memstore.New()
	s := newSealed(f, inner, testKey(1))
	set(f, s, "k", []byte("value"))
	flipped := getRaw(f, inner, "k")
	flipped[len(flipped)-1] ^= 0x80
	f.Add(flipped)
	f.Add([]byte{})
	f.Add(make([]byte, sealedstore.Overhead))
	f.Fuzz(func(t *testing.T, raw []byte) {
		set(t, inner, "k", raw)
		checkCorrupt(t, s, "k")
	})
}

func TestScanCheckedGoesOn(t *testing.T) {
	inner := memstore.New()
	s := newSealed(t, inner, testKey(1))
	err := s.Update(ctx, func(tx store.Tx) error {
		for _, k := range []string{"a", "b", "c"} {
			if err := tx.Set([]byte(k), []byte("value of "+k)); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := inner.Update(ctx, func(tx store.Tx) error { return tx.Set([]byte("b"), []byte("forged")) }); err != nil {
		t.Fatal(err)
	}
	// Twice: values are opened in place, in the scan's copies, never in
	// the store's own.
	for range 2 {
		var got []string
		err = s.View(ctx, func(rtx store.ReadTx) error {
			return sealedstore.ScanChecked(rtx, nil, func(key, value []byte, err error) error {
				var ce *sealedstore.CorruptError
				switch {
				case errors.As(err, &ce) && ce.Key == string(key) && value == nil:
					got = append(got, string(key)+" corrupt")
				case err != nil:
					return err
				default:
					got = append(got, string(key)+"="+string(value))
				}
				return nil
			})
		})
		if err != nil {
			t.Fatal(err)
		}
		want := "a=value of a,b corrupt,c=value of c"
		if s := strings.Join(got, ","); s != want {
			t.Fatalf("ScanChecked gave %s, want %s", s, want)
		}
	}
}

func TestRekeyReseal(t *testing.T) {
	inner := memstore.New()
	s := newSealed(t, inner, testKey(1))
	for i := range 1200 { // more than a batch of Reseal
		set(t, s, fmt.Sprintf("k/%04d", i), []byte(fmt.Sprint("value ", i)))
	}
	if err := sealedstore.Rekey(s, testKey(2)); err != nil {
		t.Fatal(err)
	}
	if err := sealedstore.Rekey(s, testKey(3)); err == nil {
		t.Fatal("a second Rekey before Forget succeeded")
	}
	set(t, s, "k/new", []byte("written after the rekey"))
	// A store opened over values under both keys, as after a crash.
	both := newSealed(t, inner, testKey(2), testKey(1))
	for _, st := range []store.Store{s, both} {
		if got := getRaw(t, st, "k/0007"); string(got) != "value 7" {
			t.Fatalf("old value reads %q", got)
		}
		// A scan opens values under either key too: one that the new
		// key fails to open is still whole for the older key.
		n := 0
		err := st.View(ctx, func(rtx store.ReadTx) error {
			return sealedstore.ScanChecked(rtx, []byte("k/"), func(key, value []byte, err error) error {
				want := "written after the rekey"
				if string(key) != "k/new" {
					want = fmt.Sprint("value ", n)
				}
				if err != nil || string(value) != want {
					return fmt.Errorf("%s = %q, %v; want %q", key, value, err, want)
				}
				n++
				return nil
			})
		})
		if err != nil || n != 1201 {
			t.Fatalf("scan during a rekey: %v after %d values", err, n)
		}
	}
	n, err := sealedstore.Reseal(ctx, s)
	if err != nil || n != 1200 {
		t.Fatalf("Reseal = %d, %v; want 1200", n, err)
	}
	if n, err := sealedstore.Reseal(ctx, s); err != nil || n != 0 {
		t.Fatalf("Reseal again = %d, %v; want 0", n, err)
	}
	if err := sealedstore.Forget(s); err != nil {
		t.Fatal(err)
	}
	onlyNew := newSealed(t, inner, testKey(2))
	onlyOld := newSealed(t, inner, testKey(1))
	for _, key := range []string{"k/0000", "k/1199", "k/new"} {
		getRaw(t, onlyNew, key)
		if err := onlyOld.View(ctx, func(tx store.ReadTx) error { _, err := tx.Get([]byte(key)); return err }); !errors.Is(err, store.ErrCorrupt) {
			t.Errorf("the old key still opens %s: %v", key, err)
		}
	}

	// A value under neither key fails Reseal, naming it.
	bad := newSealed(t, inner, testKey(3), testKey(2))
	set(t, newSealed(t, inner, testKey(9)), "k/foreign", []byte("x"))
	var ce *sealedstore.CorruptError
	if _, err := sealedstore.Reseal(ctx, bad); !errors.As(err, &ce) || ce.Key != "k/foreign" {
		t.Fatalf("Reseal over a foreign value = %v", err)
	}
	if _, err := sealedstore.Reseal(ctx, inner); !errors.Is(err, sealedstore.ErrNotSealed) {
		t.Fatalf("Reseal of a plain store = %v", err)
	}
}

// TestScanOpensInPlace checks that Scan opens each value over the copy the
// inner scan made rather than allocating its plaintext, and still gives
// each value in full: memstore's scan allocates the key and the value, and
// the open one more (the additional data), where a plaintext of its own
// would be a fourth.
func TestScanOpensInPlace(t *testing.T) {
	s := newSealed(t, memstore.New(), testKey(1))
	const n = 100
	want := make([][]byte, n)
	for i := range n {
		want[i] = bytes.Repeat([]byte{byte(i)}, 200)
		set(t, s, fmt.Sprintf("k/%03d", i), want[i])
	}
	scan := func() {
		err := s.View(ctx, func(tx store.ReadTx) error {
			i := 0
			return tx.Scan([]byte("k/"), func(key, value []byte) error {
				if !bytes.Equal(value, want[i]) {
					return fmt.Errorf("value of %s: %x", key, value)
				}
				i++
				return nil
			})
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	allocs := testing.AllocsPerRun(5, scan)
	t.Logf("%.0f allocations", allocs)
	if allocs > 3.5*n {
		t.Errorf("a scan of %d values: %.0f allocations, want at most 3 a value", n, allocs)
	}
}
