package vault

import (
	"encoding/binary"
	"errors"
	"strings"
	"testing"

	"github.com/tvault/tvault/vault/service"
	"github.com/tvault/tvault/vault/store"
	"github.com/tvault/tvault/vault/store/memstore"
)

// entryBlock0 is the key of the first block of the log's entries
// (audit/entryblocks.go), complete once the log has 256 entries.
const entryBlock0 = "audit/eb/0000000000000000"

// TestAuditEntryBlocks checks that a log whose entries are stored in
// blocks checks clean, and that a block damaged, dropped, moved, beyond
// the log or stored beside individual entries is a problem check reports
// (or an integrity error that fails the check closed); a verification
// fails too, except for the keys it never reads.
func TestAuditEntryBlocks(t *testing.T) {
	t.Parallel()
	raw := memstore.New()
	v, _ := newEngineOn(t, raw, Options{})
	growLog(t, v, 600)
	if r := check(t, v, true); !r.OK() || !rawHas(t, raw, entryBlock0) {
		t.Fatalf("a clean vault with entry blocks: %v", r.Problems)
	}
	for _, tt := range []struct {
		name   string
		damage func(t *testing.T, v *Vault, raw store.Store)
		read   bool // a verification reads the damage
	}{
		{"block dropped", func(t *testing.T, _ *Vault, raw store.Store) { delRaw(t, raw, entryBlock0) }, true},
		{"block cut", func(t *testing.T, _ *Vault, raw store.Store) {
			setRaw(t, raw, []byte(entryBlock0), rawGet(t, raw, entryBlock0)[1:])
		}, true},
		{"block moved", func(t *testing.T, _ *Vault, raw store.Store) {
			setRaw(t, raw, []byte("audit/eb/0000000000000001"), rawGet(t, raw, entryBlock0))
		}, true},
		{"block cut short through the seal", func(t *testing.T, v *Vault, _ store.Store) {
			// As the holder of the values key could: a block of 255.
			err := v.store.Update(ctx, func(tx store.Tx) error {
				b, err := tx.Get([]byte(entryBlock0))
				if err != nil {
					return err
				}
				n, k := binary.Uvarint(b)
				return tx.Set([]byte(entryBlock0), b[k+int(n):])
			})
			if err != nil {
				t.Fatal(err)
			}
		}, true},
		{"block beyond the log", func(t *testing.T, v *Vault, _ store.Store) {
			err := v.store.Update(ctx, func(tx store.Tx) error {
				b, err := tx.Get([]byte(entryBlock0))
				if err != nil {
					return err
				}
				return tx.Set([]byte("audit/eb/0000000000000100"), b)
			})
			if err != nil {
				t.Fatal(err)
			}
		}, false},
		{"individual entry beside its block", func(t *testing.T, v *Vault, _ store.Store) {
			err := v.store.Update(ctx, func(tx store.Tx) error {
				return tx.Set([]byte("audit/e/0000000000000005"), []byte("seq 5\n"))
			})
			if err != nil {
				t.Fatal(err)
			}
		}, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			raw := memstore.New()
			v, _ := newEngineOn(t, raw, Options{})
			growLog(t, v, 600)
			tt.damage(t, v, raw)
			r, err := v.Check(ctx, service.CheckOptions{})
			if err == nil {
				t.Log(problemsText(r))
			}
			switch {
			case err != nil && !errors.Is(err, store.ErrCorrupt):
				t.Errorf("Check: %v, not an integrity error", err)
			case err == nil && (r.OK() || !strings.Contains(problemsText(r), "audit")):
				t.Errorf("Check: %v", r.Problems)
			}
			if _, err := v.AuditVerify(ctx, nil); (err != nil) != tt.read {
				t.Errorf("AuditVerify = %v", err)
			}
		})
	}
}

// unconvertEntries rewrites every block of entries in s as the individual
// keys of a log written before blocks, and returns how many.
func unconvertEntries(t *testing.T, s store.Store) int {
	return unconvertBlocks(t, s, "audit/eb/", "audit/e/", 256, func(v []byte) [][]byte {
		var out [][]byte
		for len(v) > 0 {
			l, m := binary.Uvarint(v)
			out = append(out, v[m:m+int(l)])
			v = v[m+int(l):]
		}
		return out
	})
}
