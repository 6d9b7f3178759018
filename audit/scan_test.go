package audit

import (
	"bytes"
	"errors"
	"fmt"
	"testing"

	"github.com/tvault/tvault/vault/store"
	"github.com/tvault/tvault/vault/store/memstore"
	"github.com/tvault/tvault/vault/store/sealedstore"
)

// TestScanParallel checks that a parallel scan calls fn in key order over
// many batches, gives fn the first failure in that order whatever the
// workers' order, and stops early, with the store sealed or not.
func TestScanParallel(t *testing.T) {
	const n = 3*scanBatch + 17
	keyOf := func(i int) string { return fmt.Sprintf("k/%05d", i) }
	plain, inner := memstore.New(), memstore.New()
	sealed, err := sealedstore.New(inner, bytes.Repeat([]byte{7}, 32))
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []store.Store{plain, sealed} {
		err := s.Update(ctx, func(tx store.Tx) error {
			for i := range n {
				if err := tx.Set([]byte(keyOf(i)), []byte(fmt.Sprint(i))); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	for _, parallel := range []bool{false, true} {
		for name, s := range map[string]store.Store{"plain": plain, "sealed": sealed} {
			t.Run(fmt.Sprintf("%s parallel=%v", name, parallel), func(t *testing.T) {
				var got []string
				err := s.View(ctx, func(rtx store.ReadTx) error {
					return scanParallel(prefixSource(rtx, []byte("k/")), parallel, func(key []byte, sealed sealedstore.Sealed) string {
						v, err := sealed.Open()
						if err != nil {
							return err.Error()
						}
						return string(key) + "=" + string(v)
					}, func(key []byte, r string) error {
						got = append(got, r)
						return nil
					})
				})
				if err != nil || len(got) != n {
					t.Fatalf("scan read %d values of %d: %v", len(got), n, err)
				}
				for i, r := range got {
					if want := fmt.Sprintf("%s=%d", keyOf(i), i); r != want {
						t.Fatalf("value %d is %q, want %q", i, r, want)
					}
				}

				// fn fails at the first of two bad values, and at
				// once: nothing after it is given to fn.
				var calls int
				bad := errors.New("bad value")
				err = s.View(ctx, func(rtx store.ReadTx) error {
					return scanParallel(prefixSource(rtx, []byte("k/")), parallel, func(key []byte, v sealedstore.Sealed) error {
						if string(key) == keyOf(2*scanBatch+3) || string(key) == keyOf(scanBatch+5) {
							return fmt.Errorf("%s: %w", key, bad)
						}
						_, err := v.Open()
						return err
					}, func(key []byte, err error) error {
						calls++
						return err
					})
				})
				if !errors.Is(err, bad) || err.Error() != keyOf(scanBatch+5)+": bad value" || calls != scanBatch+6 {
					t.Errorf("scan with two bad values = %v after %d calls of fn, want the first after %d", err, calls, scanBatch+6)
				}
			})
		}
	}
	// A forged value fails to open, as a *CorruptError naming its key.
	if err := inner.Update(ctx, func(tx store.Tx) error { return tx.Set([]byte(keyOf(scanBatch+1)), []byte("forged")) }); err != nil {
		t.Fatal(err)
	}
	err = sealed.View(ctx, func(rtx store.ReadTx) error {
		return scanParallel(prefixSource(rtx, []byte("k/")), true, func(_ []byte, v sealedstore.Sealed) error {
			_, err := v.Open()
			return err
		}, func(_ []byte, err error) error { return err })
	})
	var ce *sealedstore.CorruptError
	if !errors.As(err, &ce) || ce.Key != keyOf(scanBatch+1) {
		t.Errorf("scan of a forged value = %v", err)
	}
}
