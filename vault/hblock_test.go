package vault

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/sync/errgroup"

	"github.com/tvault/tvault/audit"
	"github.com/tvault/tvault/internal/pgtest"

	"github.com/tvault/tvault/vault/format"
	"github.com/tvault/tvault/vault/service"
	"github.com/tvault/tvault/vault/store"
	"github.com/tvault/tvault/vault/store/memstore"
)

// hashBlock0 is the key of the first block of the log's stored hashes
// (audit/blocks.go), complete once the log has 2,049 entries.
const hashBlock0 = "audit/hb/0000000000000000"

// fillLog writes to v, then appends to its log until it holds a complete
// block of stored hashes: up to 2,000 entries in one transaction
// (growLog), then in concurrent audited writes, so that the block is
// completed in a commit the Batcher shares among them. (Audited writes
// all the way cost a third of the CPU of the four tests that fill a log.)
func fillLog(t *testing.T, v *Vault) {
	t.Helper()
	writeEverything(t, v)
	r, err := v.AuditVerify(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	growLog(t, v, 2000-int(r.Size))
	for {
		r, err := v.AuditVerify(ctx, nil)
		if err != nil {
			t.Fatal(err)
		}
		if r.Size > 2100 {
			break
		}
		var g errgroup.Group
		for range 32 {
			g.Go(func() error {
				for range 4 {
					if _, err := v.AuditCheckpoint(ctx); err != nil {
						return err
					}
				}
				return nil
			})
		}
		if err := g.Wait(); err != nil {
			t.Fatal(err)
		}
	}
}

// growLog appends n entries to v's log, readings of the checkpoint, in
// audited writes of up to 2,200 entries (what a Badger transaction
// holds): a log with a complete block of stored hashes (n > 2,048) at
// the cost of one transaction.
func growLog(t testing.TB, v *Vault, n int) {
	t.Helper()
	for n > 0 {
		k := min(n, 2200)
		n -= k
		e, err := newEntry(ctx, "audit.checkpoint")
		if err != nil {
			t.Fatal(err)
		}
		err = v.audit.Submit(ctx, e, func(tx store.Tx) error {
			// In a shared store, the job's transaction as the Batcher
			// gave it, which Append knows.
			if pt, ok := tx.(*personsTx); ok {
				tx = pt.Tx
			}
			for range k {
				if err := audit.Append(tx, childEntry(e, "audit.checkpoint")); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
}

// TestAuditHashBlocks checks that a log whose hashes are stored in blocks
// checks clean, and that a block damaged, dropped, moved or stored beside
// individual hashes is a problem check reports; a verification fails
// too, except for an individual hash beside its block, which it never
// reads.
func TestAuditHashBlocks(t *testing.T) {
	t.Parallel()
	raw := memstore.New()
	v, _ := newEngineOn(t, raw, Options{})
	fillLog(t, v)
	if r := check(t, v, true); !r.OK() {
		t.Fatalf("a clean vault with hash blocks: %v", r.Problems)
	}
	for _, tt := range []struct {
		name   string
		damage func(t *testing.T, v *Vault, raw store.Store)
		read   bool // a verification reads the damage
	}{
		{"block dropped", func(t *testing.T, _ *Vault, raw store.Store) { delRaw(t, raw, hashBlock0) }, true},
		{"block cut", func(t *testing.T, _ *Vault, raw store.Store) {
			setRaw(t, raw, []byte(hashBlock0), rawGet(t, raw, hashBlock0)[1:])
		}, true},
		{"block moved", func(t *testing.T, _ *Vault, raw store.Store) {
			setRaw(t, raw, []byte("audit/hb/0000000000000001"), rawGet(t, raw, hashBlock0))
			delRaw(t, raw, hashBlock0)
		}, true},
		{"individual hash beside its block", func(t *testing.T, v *Vault, _ store.Store) {
			// As the holder of the values key could: through the seal.
			err := v.store.Update(ctx, func(tx store.Tx) error {
				return tx.Set([]byte("audit/h/0000000000000005"), bytes.Repeat([]byte{1}, 32))
			})
			if err != nil {
				t.Fatal(err)
			}
		}, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			raw := memstore.New()
			v, _ := newEngineOn(t, raw, Options{})
			fillLog(t, v)
			tt.damage(t, v, raw)
			// Either the check's own entry cannot be appended (the append
			// reads the block), and it fails closed naming the damage, or
			// it reports a problem of the log.
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

// newOldTestVault is newTestVault of a vault made before the storage
// features of this version (package format): its log is written one key
// a hash.
func newOldTestVault(t *testing.T) (*Vault, string) {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "vault")
	v, err := initFeatures(ctx, dir, testPass, Options{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	return v, dir
}

// stateOf returns the state of the migration name in v.
func stateOf(t *testing.T, v *Vault, name string) string {
	t.Helper()
	ms, err := v.Migrations(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range ms {
		if m.Name == name {
			return m.State
		}
	}
	t.Fatalf("no migration %s in %v", name, ms)
	return ""
}

// block0 is the key of the first block that each migration writes.
var block0 = map[string]string{format.AuditHashBlocks: hashBlock0, format.AuditEntryBlocks: entryBlock0}

// TestApplyMigration checks, for each migration, that a vault made
// before its blocks keeps its layout through appends and opens, that the
// migration converts it, once, and that a backup and restore, and a
// rekey's reseal, keep a log in blocks whole.
func TestApplyMigration(t *testing.T) {
	t.Parallel()
	for _, name := range []string{format.AuditHashBlocks, format.AuditEntryBlocks} {
		t.Run(name, func(t *testing.T) { testApplyMigration(t, name) })
	}
}

// logToBlocks writes to v's log, in a vault made before the migration
// name, until it holds a complete block of what name converts, in
// audited writes of every kind for hashes, in one for entries (a block of
// 256 of them is cheap).
var logToBlocks = map[string]func(*testing.T, *Vault){
	format.AuditHashBlocks:  fillLog,
	format.AuditEntryBlocks: func(t *testing.T, v *Vault) { writeEverything(t, v); growLog(t, v, 600) },
}

func testApplyMigration(t *testing.T, name string) {
	v, dir := newOldTestVault(t)
	logToBlocks[name](t, v)
	if rawHas(t, v.raw, block0[name]) {
		t.Fatal("a vault without the feature wrote a block")
	}
	if st := stateOf(t, v, name); st != service.MigrationPending {
		t.Errorf("state before = %q", st)
	}
	// Read and verified as it is.
	if r := check(t, v, false); !r.OK() {
		t.Errorf("a vault without the feature: %v", r.Problems)
	}
	closeTest(t, v)
	v, err := Open(dir, testPass)
	if err != nil {
		t.Fatal(err)
	}
	defer v.Close()
	if rawHas(t, v.raw, block0[name]) {
		t.Fatal("the open converted the log")
	}
	var steps []service.MigrationReport
	rep, err := v.ApplyMigration(ctx, name, func(r service.MigrationReport) { steps = append(steps, r) })
	if err != nil || rep.Done == 0 || rep.Done != rep.Total || len(steps) == 0 {
		t.Fatalf("ApplyMigration = %+v, %v after %d steps", rep, err, len(steps))
	}
	checkConverted(t, v, name)
	if rep, err := v.ApplyMigration(ctx, name, nil); err != nil || rep.Done != 0 {
		t.Errorf("ApplyMigration again = %+v, %v", rep, err)
	}
	if _, err := v.ApplyMigration(ctx, "no-such-migration", nil); !errors.As(err, new(*service.InvalidArgumentError)) {
		t.Errorf("ApplyMigration of an unknown name = %v", err)
	}
	// Appends after the migration write blocks: another of hashes, two
	// of entries.
	growLog(t, v, 2100)
	checkConverted(t, v, name)

	var buf bytes.Buffer
	if err := v.Backup(ctx, &buf); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "vault.tvb")
	if err := os.WriteFile(file, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	rv, _, err := RestoreOpen(ctx, mustOpen(t, file), filepath.Join(t.TempDir(), "restored"), testPass, OpenOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if rawGet(t, rv.raw, block0[name]) == nil || !check(t, rv, true).OK() || stateOf(t, rv, name) != service.MigrationDone {
		t.Errorf("the restored vault: %v", check(t, rv, true).Problems)
	}
	closeTest(t, rv)

	before := rawGet(t, v.raw, block0[name])
	if _, err := v.Rekey(ctx, nil); err != nil {
		t.Fatal(err)
	}
	if bytes.Equal(before, rawGet(t, v.raw, block0[name])) {
		t.Error("a block not resealed by the rekey")
	}
	if r := check(t, v, false); !r.OK() {
		t.Errorf("after a rekey: %v", r.Problems)
	}
}

// TestApplyMigrationCutOff checks, for each migration, that a migration
// cut off after it recorded its feature leaves a vault that checks clean,
// says so, and is finished by applying the migration again. (A cut
// between two of its transactions: audit's TestConvertHashes and
// TestConvertEntries.)
func TestApplyMigrationCutOff(t *testing.T) {
	t.Parallel()
	for name, unconvert := range map[string]func(*testing.T, store.Store) int{
		format.AuditHashBlocks:  unconvertHashes,
		format.AuditEntryBlocks: unconvertEntries,
	} {
		t.Run(name, func(t *testing.T) {
			v, _ := newEngineOn(t, memstore.New(), Options{})
			fillLog(t, v)
			// The log is converted back, the feature kept.
			if n := unconvert(t, v.store); n == 0 {
				t.Fatal("no block to unconvert")
			}
			if st := stateOf(t, v, name); st != service.MigrationUnfinished {
				t.Fatalf("state of a vault with the feature and no blocks = %q", st)
			}
			if r := check(t, v, false); !r.OK() {
				t.Errorf("an unfinished migration: %v", r.Problems)
			}
			if rep, err := v.ApplyMigration(ctx, name, nil); err != nil || rep.Done == 0 {
				t.Fatalf("ApplyMigration again = %+v, %v", rep, err)
			}
			checkConverted(t, v, name)
		})
	}
}

// TestUnknownFeature checks that a vault whose storage features include
// one this version does not know (a newer tvault's) is refused at open,
// by name.
func TestUnknownFeature(t *testing.T) {
	t.Parallel()
	v, dir := newTestVault(t, Options{})
	err := v.store.Update(ctx, func(tx store.Tx) error {
		return tx.Set([]byte(format.Key), []byte(`["audit-hash-blocks","records-in-packs"]`))
	})
	if err != nil {
		t.Fatal(err)
	}
	closeTest(t, v)
	_, err = Open(dir, testPass)
	var unknown *format.UnknownError
	if !errors.As(err, &unknown) || !strings.Contains(err.Error(), "records-in-packs") {
		t.Errorf("Open of a vault with an unknown feature = %v", err)
	}
}

// checkConverted checks that the migration name is done in v, that v's
// first block is no longer individual keys, and that v checks clean (an
// individual key beside its block is a problem).
func checkConverted(t *testing.T, v *Vault, name string) {
	t.Helper()
	if st := stateOf(t, v, name); st != service.MigrationDone {
		t.Errorf("state after = %q", st)
	}
	first := map[string]string{format.AuditHashBlocks: "audit/h/0000000000000000", format.AuditEntryBlocks: "audit/e/0000000000000000"}[name]
	if rawHas(t, v.raw, first) || !rawHas(t, v.raw, block0[name]) {
		t.Errorf("%s after the migration: %s left, or no %s", name, first, block0[name])
	}
	if r := check(t, v, false); !r.OK() {
		t.Errorf("the converted vault: %v", r.Problems)
	}
}

// TestApplyMigrationDatabase is the migrations of TestApplyMigration in
// a PostgreSQL database (pgstore), one after the other.
func TestApplyMigrationDatabase(t *testing.T) {
	t.Parallel()
	conn := pgtest.Conn(t)
	v, err := initFeatures(ctx, conn, testPass, Options{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	fillLog(t, v)
	closeTest(t, v)
	if v, err = Open(conn, testPass); err != nil {
		t.Fatal(err)
	}
	defer v.Close()
	for _, name := range []string{format.AuditEntryBlocks, format.AuditHashBlocks} {
		if rawHas(t, v.raw, block0[name]) {
			t.Fatalf("a vault without %s holds a block", name)
		}
		if _, err := v.ApplyMigration(ctx, name, nil); err != nil {
			t.Fatal(err)
		}
		checkConverted(t, v, name)
	}
	growLog(t, v, 300)
	if r := check(t, v, false); !r.OK() {
		t.Errorf("appended to after both migrations: %v", r.Problems)
	}
}

// unconvertHashes rewrites every block of stored hashes in s as the
// individual keys of a log written before blocks, and returns how many.
func unconvertHashes(t *testing.T, s store.Store) int {
	return unconvertBlocks(t, s, "audit/hb/", "audit/h/", 4096, func(v []byte) [][]byte {
		var out [][]byte
		for j := 0; j+32 <= len(v); j += 32 {
			out = append(out, v[j:j+32])
		}
		return out
	})
}

// unconvertBlocks rewrites every block under prefix in s as the
// individual keys under single of a log written before blocks (the
// block's number times per, plus each value's place, in hex as the log
// writes it), split by split, and returns how many blocks it rewrote.
func unconvertBlocks(t *testing.T, s store.Store, prefix, single string, per int64, split func([]byte) [][]byte) int {
	t.Helper()
	n := 0
	err := s.Update(ctx, func(tx store.Tx) error {
		blocks := map[string][]byte{}
		err := tx.Scan([]byte(prefix), func(k, v []byte) error {
			blocks[string(k)] = v
			return nil
		})
		if err != nil {
			return err
		}
		for k, v := range blocks {
			b, err := strconv.ParseInt(strings.TrimPrefix(k, prefix), 16, 64)
			if err != nil {
				return err
			}
			for j, value := range split(v) {
				key := fmt.Sprintf("%s%016x", single, b*per+int64(j))
				if err := tx.Set([]byte(key), value); err != nil {
					return err
				}
			}
			if err := tx.Delete([]byte(k)); err != nil {
				return err
			}
			n++
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func problemsText(r *service.CheckReport) string {
	var b strings.Builder
	for _, p := range r.Problems {
		b.WriteString(p.Kind + " " + p.Key + " " + p.String() + "\n")
	}
	return b.String()
}

// rawHas reports whether s holds key.
func rawHas(t *testing.T, s store.Store, key string) bool {
	t.Helper()
	err := s.View(ctx, func(tx store.ReadTx) error {
		_, err := tx.Get([]byte(key))
		return err
	})
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("%s: %v", key, err)
	}
	return err == nil
}

func delRaw(t *testing.T, s store.Store, key string) {
	t.Helper()
	if err := s.Update(ctx, func(tx store.Tx) error { return tx.Delete([]byte(key)) }); err != nil {
		t.Fatal(err)
	}
}

func mustOpen(t *testing.T, name string) *os.File {
	t.Helper()
	f, err := os.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}
