package vault

import (
	"bytes"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tvault/tvault/crypto/keys"
	"github.com/tvault/tvault/vault/policy"
	"github.com/tvault/tvault/vault/store"
	"github.com/tvault/tvault/vault/store/badgerstore"
	"github.com/tvault/tvault/vault/store/sealedstore"
)

// keyFamilies are the prefixes of every key the vault writes.
var keyFamilies = []string{
	"rec/", "ver/", "rper/", "per/", "pkey/", "pseu/", "att/", "user/", "tok/", "policy/current",
	"escrow/recipients", "srch/", "search/version", "format/features", "audit/e/", "audit/eb/", "audit/h/", "audit/s/", "audit/n", "audit/cp",
}

// TestSealedKeyFamilies writes every key family through a vault, then
// works on its closed Badger database directly: every value in it must
// open under the values key (nothing the vault wrote went around the
// sealed store), and in each family a value copied from another key, or
// with one bit flipped, must be refused with an integrity error naming
// the key.
func TestSealedKeyFamilies(t *testing.T) {
	t.Parallel()
	v, dir := newTestVault(t, Options{})
	ids, _, err := v.Put(ctx, loadFixtures(t))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := v.Attach(ctx, ids[0], strings.NewReader("a photograph"), "", "", ""); err != nil {
		t.Fatal(err)
	}
	if _, err := v.AddUser(ctx, "kim", policy.Officer, 0); err != nil {
		t.Fatal(err)
	}
	if err := v.SetPolicy(ctx, policy.Default()); err != nil {
		t.Fatal(err)
	}
	growLog(t, v, 300) // a complete block of entries
	if _, err := v.AuditCheckpoint(ctx); err != nil {
		t.Fatal(err)
	}
	root := v.secrets().Root
	if err := v.Close(); err != nil {
		t.Fatal(err)
	}
	raw, err := badgerstore.Open(filepath.Join(dir, dbDir), keys.Derive(root, keys.Storage))
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	s, err := sealedstore.New(raw, keys.Derive(root, keys.Values))
	if err != nil {
		t.Fatal(err)
	}

	byFamily := map[string][]string{}
	err = raw.View(ctx, func(tx store.ReadTx) error {
		return tx.Scan(nil, func(key, _ []byte) error {
			for _, f := range keyFamilies {
				if strings.HasPrefix(string(key), f) {
					byFamily[f] = append(byFamily[f], string(key))
					return nil
				}
			}
			t.Errorf("stored key %q is of no family the test knows", key)
			return nil
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	err = s.View(ctx, func(tx store.ReadTx) error {
		return tx.Scan(nil, func([]byte, []byte) error { return nil })
	})
	if err != nil {
		t.Fatalf("a value the vault wrote does not open under the values key: %v", err)
	}

	for _, family := range keyFamilies {
		t.Run(family, func(t *testing.T) {
			ks := byFamily[family]
			if len(ks) == 0 {
				t.Fatalf("the vault wrote no %s key", family)
			}
			key := []byte(ks[0])
			orig := rawValue(t, raw, key)
			// Another key of the family is the likeliest swap (one
			// record's index entry for another's); else any other key.
			other := []byte(ks[len(ks)-1])
			if len(ks) == 1 {
				other = []byte(byFamily["rec/"][0])
			}
			flipped := bytes.Clone(orig)
			flipped[len(flipped)/2] ^= 0x01
			for name, bad := range map[string][]byte{
				"copied from " + string(other): rawValue(t, raw, other),
				"one bit flipped":              flipped,
			} {
				setRaw(t, raw, key, bad)
				err := s.View(ctx, func(tx store.ReadTx) error {
					if _, err := tx.Get(key); !isCorrupt(err, key) {
						t.Errorf("%s: Get = %v, want an integrity error naming the key", name, err)
					}
					return tx.Scan([]byte(family), func([]byte, []byte) error { return nil })
				})
				if !isCorrupt(err, key) {
					t.Errorf("%s: Scan(%s) = %v, want an integrity error naming %s", name, family, err, key)
				}
				setRaw(t, raw, key, orig)
			}
		})
	}
}

func isCorrupt(err error, key []byte) bool {
	var ce *sealedstore.CorruptError
	return errors.As(err, &ce) && ce.Key == string(key) && errors.Is(err, store.ErrCorrupt)
}

func rawValue(t *testing.T, s store.Store, key []byte) []byte {
	t.Helper()
	var v []byte
	err := s.View(ctx, func(tx store.ReadTx) error {
		var err error
		v, err = tx.Get(key)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return v
}
