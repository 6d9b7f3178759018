package vault

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tvault/tvault/audit"
	"github.com/tvault/tvault/crypto/keys"
	"github.com/tvault/tvault/vault/policy"
	"github.com/tvault/tvault/vault/service"
	"github.com/tvault/tvault/vault/store"
	"github.com/tvault/tvault/vault/store/badgerstore"
	"github.com/tvault/tvault/vault/store/sealedstore"
	"github.com/tvault/tvault/vault/testimony"
)

// session is what writeEverything did, for the tamper cases to aim at.
type session struct {
	records     []string // records[0] was replaced
	attachments [2]string
	person      string // the ID of person K-1
}

// writeEverything runs every kind of write the vault makes: put, replace,
// person merge, attach, policy, users and tokens, domain grants.
func writeEverything(t *testing.T, v *Vault) session {
	t.Helper()
	var s session
	ids, _, err := v.Put(ctx, []*testimony.Testimony{
		doc(tperson("K-1", "Han Sori")), doc(tperson("K-2", "Han Sori Typo")), doc(tperson("K-3", "Jo Minsu")),
	})
	if err != nil {
		t.Fatal(err)
	}
	s.records = ids
	if _, _, err := v.Replace(ctx, ids[0], doc(tperson("K-1", "Han Sori"))); err != nil {
		t.Fatal(err)
	}
	p, err := v.MergePersons(ctx, "K-2", "K-1")
	if err != nil {
		t.Fatal(err)
	}
	s.person = p.ID
	for i, content := range []string{"first recording", "second recording, longer"} {
		att, err := v.Attach(ctx, ids[1], strings.NewReader(content), "audio", "", "audio/ogg")
		if err != nil {
			t.Fatal(err)
		}
		s.attachments[i] = att.ID
	}
	if err := v.SetPolicy(ctx, policy.Default()); err != nil {
		t.Fatal(err)
	}
	for _, u := range []struct{ name, role string }{{"ana", policy.Researcher}, {"ben", policy.Auditor}} {
		if _, err := v.AddUser(ctx, u.name, u.role, 0); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := v.RotateToken(ctx, "ana"); err != nil {
		t.Fatal(err)
	}
	if err := v.RevokeUser(ctx, "ben"); err != nil {
		t.Fatal(err)
	}
	for _, d := range []string{"study-a", "study-b"} {
		if err := v.GrantDomain(ctx, d, "ana"); err != nil {
			t.Fatal(err)
		}
	}
	if err := v.RevokeDomain(ctx, "study-b", "ana"); err != nil {
		t.Fatal(err)
	}
	return s
}

func check(t *testing.T, v *Vault, readData bool) *service.CheckReport {
	t.Helper()
	r, err := v.Check(ctx, service.CheckOptions{ReadData: readData})
	if err != nil {
		t.Fatalf("Check: %v", err)
	}
	return r
}

// TestCheckCleanVault: after every kind of write, the store holds exactly
// what the log says (no write escapes the manifests), and checking does
// not change that.
func TestCheckCleanVault(t *testing.T) {
	// Witness paths are written at init.
	v, _ := newEngine(t, Options{Witnesses: []string{t.TempDir()}})
	writeEverything(t, v)
	var progress int
	for _, readData := range []bool{false, true, false} {
		r, err := v.Check(ctx, service.CheckOptions{ReadData: readData, Progress: func(service.CheckCounts) { progress++ }})
		if err != nil {
			t.Fatal(err)
		}
		if !r.OK() {
			t.Fatalf("a clean vault (read data %v): %v", readData, r.Problems)
		}
		c := r.Counts
		if c.Entries == 0 || c.Manifests == 0 || c.Keys == 0 || c.Blobs != 2 || c.BlobBytes == 0 {
			t.Errorf("counts %+v: something was not checked", c)
		}
		if readData && (c.Versions != 4 || c.Attachments != 2) {
			t.Errorf("read data counts %+v, want 4 versions and 2 attachments", c)
		}
	}
	if progress == 0 {
		t.Error("Progress was never called")
	}
	// The check is audited, with its finding.
	var last *audit.Entry
	err := v.AuditLog(ctx, service.AuditFilter{}, func(e *audit.Entry) error {
		if e.Action == "check" {
			last = e
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if last == nil || last.Attr("problems") != "0" {
		t.Fatalf("check entry %+v, want one with problems=0", last)
	}
}

// TestCheckFindsTampering damages a vault's Badger database and blob
// files as someone with write access to the vault directory, and no key,
// could (and, for the manifests, as one holding the values key), one kind
// of damage at a time. The sealed layer sees none of these but a forged
// value; check must report each, naming what it concerns.
func TestCheckFindsTampering(t *testing.T) {
	v, dir := newTestVault(t, Options{})
	root := v.secrets().Root
	keptState, err := StateDir()
	if err != nil {
		t.Fatal(err)
	}
	s := writeEverything(t, v)
	rec0, rec1 := s.records[0], s.records[1]
	if err := v.Close(); err != nil {
		t.Fatal(err)
	}
	// The database as it is now, for its older table.
	snapshot := filepath.Join(t.TempDir(), "db")
	if err := os.CopyFS(snapshot, os.DirFS(filepath.Join(dir, dbDir))); err != nil {
		t.Fatal(err)
	}
	// Old sealed values, to put back later: rec0's index before the
	// replace is gone (its version count changed), so take the index of
	// rec0 now, then replace again.
	older := map[string][]byte{}
	withRaw(t, dir, root, func(raw store.Store, sealed store.Store) {
		for _, k := range []string{"rec/" + rec0, "audit/cp", "grant/ana/study-a"} {
			older[k] = rawGet(t, raw, k)
		}
	})
	v, err = Open(dir, testPass)
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := v.Replace(ctx, rec0, doc(tperson("K-1", "Han Sori"))); err != nil {
		t.Fatal(err)
	}
	if err := v.RevokeDomain(ctx, "study-a", "ana"); err != nil {
		t.Fatal(err)
	}
	atts, err := v.Attachments(ctx, rec1)
	if err != nil {
		t.Fatal(err)
	}
	if r := check(t, v, true); !r.OK() {
		t.Fatalf("before any damage: %v", r.Problems)
	}
	if err := v.Close(); err != nil {
		t.Fatal(err)
	}
	blobOf := map[string]string{}
	withRaw(t, dir, root, func(raw, sealed store.Store) {
		for _, a := range atts {
			var m attachmentMeta
			if err := sealed.View(ctx, func(tx store.ReadTx) error { return getJSON(tx, attachmentKey(rec1, a.ID), &m) }); err != nil {
				t.Fatal(err)
			}
			blobOf[a.ID] = filepath.Join(blobDir, m.Blob)
		}
	})
	blob0, blob1 := blobOf[s.attachments[0]], blobOf[s.attachments[1]]
	tables, err := filepath.Glob(filepath.Join(dir, dbDir, "*.sst"))
	if err != nil || len(tables) < 2 {
		t.Fatalf("tables %v, %v; want at least 2", tables, err)
	}
	newest := filepath.Base(tables[len(tables)-1])

	type damage struct {
		// raw changes the database under the seal; sealed through it, as
		// the holder of the values key would; files changes the vault
		// directory.
		raw    func(raw store.Tx) error
		sealed func(tx store.Tx) error
		files  func(dir string) error
	}
	set := func(k string, v []byte) func(store.Tx) error {
		return func(tx store.Tx) error { return tx.Set([]byte(k), v) }
	}
	del := func(k string) func(store.Tx) error {
		return func(tx store.Tx) error { return tx.Delete([]byte(k)) }
	}
	for _, tt := range []struct {
		name     string
		damage   damage
		readData bool
		kind     string
		names    string // what the problem line must name
	}{
		{"key deleted", damage{raw: del("rper/" + rec1)}, false, service.ProblemMissing, "record " + rec1},
		{"person deleted", damage{raw: del("per/" + s.person)}, false, service.ProblemMissing, "person " + s.person},
		{"older value put back", damage{raw: set("rec/"+rec0, older["rec/"+rec0])}, false, service.ProblemChanged, "record " + rec0},
		{"deleted key put back", damage{raw: set("grant/ana/study-a", older["grant/ana/study-a"])}, false, service.ProblemExtra, "user ana"},
		{"older checkpoint put back", damage{raw: set("audit/cp", older["audit/cp"])}, false, service.ProblemLog, "latest signed checkpoint"},
		{"value forged", damage{raw: func(tx store.Tx) error {
			b, err := tx.Get([]byte("rec/" + rec1))
			if err != nil {
				return err
			}
			b[len(b)-1] ^= 1
			return tx.Set([]byte("rec/"+rec1), b)
		}}, false, service.ProblemCorrupt, "record " + rec1},
		{"value moved", damage{raw: func(tx store.Tx) error {
			b, err := tx.Get([]byte("rec/" + rec1))
			if err != nil {
				return err
			}
			return tx.Set([]byte("rec/"+s.records[2]), b)
		}}, false, service.ProblemCorrupt, "record " + s.records[2]},
		{"manifest deleted", damage{raw: del(stateKey(1))}, false, service.ProblemManifest, "audit entry 1"},
		{"manifest changed", damage{sealed: set(stateKey(1), []byte("tvault-state/v1\ndel x\n"))}, false, service.ProblemManifest, "audit entry 1"},
		{"key set by the values key holder", damage{sealed: set("rec/"+rec1, []byte(`{"versions":1}`))}, false, service.ProblemChanged, "record " + rec1},
		{"version swapped by the values key holder", damage{sealed: func(tx store.Tx) error {
			b, err := tx.Get(versionKey(s.records[2], 1))
			if err != nil {
				return err
			}
			return tx.Set(versionKey(rec1, 1), b)
		}}, true, service.ProblemData, "record " + rec1},
		{"blob deleted", damage{files: func(dir string) error { return os.Remove(filepath.Join(dir, blob0)) }}, false, service.ProblemBlob, "attachment " + s.attachments[0]},
		{"blob truncated", damage{files: func(dir string) error { return os.Truncate(filepath.Join(dir, blob1), 100) }}, false, service.ProblemBlob, "attachment " + s.attachments[1]},
		// The header intact, a byte of the payload changed: found by
		// decrypting the file, without --read-data.
		{"blob payload changed", damage{files: func(dir string) error {
			b, err := os.ReadFile(filepath.Join(dir, blob1))
			if err != nil {
				return err
			}
			b[len(b)-1] ^= 1
			return os.WriteFile(filepath.Join(dir, blob1), b, 0o600)
		}}, false, service.ProblemBlob, "attachment " + s.attachments[1]},
		{"blob replaced with another", damage{files: func(dir string) error {
			b, err := os.ReadFile(filepath.Join(dir, blob0))
			if err != nil {
				return err
			}
			return os.WriteFile(filepath.Join(dir, blob1), b, 0o600)
		}}, false, service.ProblemBlob, "attachment " + s.attachments[1]},
		{"older table as the current one", damage{files: func(dir string) error {
			b, err := os.ReadFile(filepath.Join(snapshot, "000001.sst"))
			if err != nil {
				return err
			}
			return os.WriteFile(filepath.Join(dir, dbDir, newest), b, 0o600)
		}}, false, refusedAtOpen, ""},
		// What a crash between an attach's blob and its metadata leaves:
		// removed at the next open.
		{"orphaned blob", damage{files: func(dir string) error {
			return os.WriteFile(filepath.Join(dir, blobDir, strings.Repeat("ab", 16)), []byte("x"), 0o600)
		}}, false, removedAtOpen, filepath.Join(blobDir, strings.Repeat("ab", 16))},
		// The metadata deleted: the blob is the evidence, kept and
		// reported with the missing key.
		{"attachment metadata deleted", damage{raw: del(string(attachmentKey(rec1, s.attachments[0])))}, false, service.ProblemOrphan, filepath.Base(blob0)},
	} {
		t.Run(tt.name, func(t *testing.T) {
			// Each case opens its own copy, with a copy of the checkpoint
			// kept so far.
			state := t.TempDir()
			if err := os.CopyFS(state, os.DirFS(keptState)); err != nil {
				t.Fatal(err)
			}
			t.Setenv("TVAULT_STATE_DIR", state)
			c := filepath.Join(t.TempDir(), "vault")
			if err := os.CopyFS(c, os.DirFS(dir)); err != nil {
				t.Fatal(err)
			}
			// By someone who holds the keys and this state directory, so
			// that the open vouches for the database's tables and it is
			// check that must find the damage (TestUnvouchedState: the
			// open verifies a database written otherwise).
			withRawIn(t, c, root, tablesFile(v.secrets().VaultID, state), func(raw, sealed store.Store) {
				if tt.damage.raw != nil {
					if err := raw.Update(ctx, tt.damage.raw); err != nil {
						t.Fatal(err)
					}
				}
				if tt.damage.sealed != nil {
					if err := sealed.Update(ctx, tt.damage.sealed); err != nil {
						t.Fatal(err)
					}
				}
			})
			if tt.damage.files != nil {
				if err := tt.damage.files(c); err != nil {
					t.Fatal(err)
				}
			}
			v, err := Open(c, testPass)
			var re *RollbackError
			if tt.kind == refusedAtOpen && errors.As(err, &re) {
				// A consistent older state: what the log itself cannot
				// tell, the checkpoint kept outside the vault does.
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			defer v.Close()
			r := check(t, v, tt.readData)
			if tt.kind == removedAtOpen {
				if _, err := os.Stat(filepath.Join(c, tt.names)); !errors.Is(err, fs.ErrNotExist) || !r.OK() {
					t.Fatalf("%s after open: %v; problems %v; want it removed, none", tt.names, err, r.Problems)
				}
				return
			}
			var lines []string
			found := false
			for _, p := range r.Problems {
				lines = append(lines, p.String())
				if p.Kind == tt.kind && strings.Contains(p.String(), tt.names) {
					found = true
				}
			}
			if !found {
				t.Fatalf("problems:\n%s\nwant one of kind %s naming %q", strings.Join(lines, "\n"), tt.kind, tt.names)
			}
			t.Logf("%d problems, e.g. %s", len(lines), lines[0])
		})
	}
}

// refusedAtOpen is the kind of a tamper case that Open must refuse;
// removedAtOpen of one whose file (names) Open must remove.
const (
	refusedAtOpen = "refused at open"
	removedAtOpen = "removed at open"
)

func stateKey(seq int64) string { return fmt.Sprintf("audit/s/%016x", seq) }

// withRaw opens the closed vault in dir's database directly, and the
// sealed layer over it, for fn to read or damage.
func withRaw(t *testing.T, dir string, root []byte, fn func(raw, sealed store.Store)) {
	t.Helper()
	withRawIn(t, dir, root, "", fn)
}

// withRawIn is withRaw keeping the record of the database's tables in
// tables (badgerstore.Options.Tables), if not "", as the vault does.
func withRawIn(t *testing.T, dir string, root []byte, tables string, fn func(raw, sealed store.Store)) {
	t.Helper()
	raw, err := badgerstore.OpenWith(filepath.Join(dir, dbDir), keys.Derive(root, keys.Storage), badgerstore.Options{Tables: tables})
	if err != nil {
		t.Fatal(err)
	}
	raw.KeepTables()
	sealed, err := sealedstore.New(raw, keys.Derive(root, keys.Values))
	if err != nil {
		t.Fatal(err)
	}
	fn(raw, sealed)
	if err := sealed.Close(); err != nil {
		t.Fatal(err)
	}
}

func rawGet(t *testing.T, s store.Store, key string) []byte {
	t.Helper()
	var b []byte
	err := s.View(ctx, func(tx store.ReadTx) (err error) {
		b, err = tx.Get([]byte(key))
		return err
	})
	if err != nil {
		t.Fatalf("%s: %v", key, err)
	}
	return bytes.Clone(b)
}

// TestCheckCanceled: a check stops when its context is done.
func TestCheckCanceled(t *testing.T) {
	v, _ := newEngine(t, Options{})
	writeEverything(t, v)
	c, cancel := context.WithTimeout(ctx, time.Nanosecond)
	defer cancel()
	<-c.Done()
	if _, err := v.Check(c, service.CheckOptions{}); err == nil {
		t.Fatal("a canceled check succeeded")
	}
}

// TestBaseline: a vault whose writes predate the log's manifests gets one
// baseline entry attesting its state, and checks clean from then on; a
// vault with manifests, or with nothing but its log, gets none.
func TestBaseline(t *testing.T) {
	v := newBareEngine(t)
	// Writes as an older tvault made them: with their entry, no manifest.
	legacy := func(action string, write func(tx store.Tx) error) {
		t.Helper()
		e, err := newEntry(ctx, action)
		if err != nil {
			t.Fatal(err)
		}
		err = v.store.Update(ctx, func(tx store.Tx) error {
			if err := write(tx); err != nil {
				return err
			}
			if err := audit.Append(tx, e); err != nil {
				return err
			}
			_, err := audit.SignCheckpoint(tx, signerOf(t, v), v.auditOrigin())
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	legacy("init", func(store.Tx) error { return nil })
	entries := func() int64 {
		t.Helper()
		var n int64
		if err := v.store.View(ctx, func(tx store.ReadTx) (err error) { n, err = audit.Size(tx); return err }); err != nil {
			t.Fatal(err)
		}
		return n
	}
	if err := v.baseline(ctx); err != nil {
		t.Fatal(err)
	}
	n := entries()
	legacy("policy.set", func(tx store.Tx) error { return tx.Set([]byte("policy/current"), policy.Default().Marshal()) })
	if n != 1 || entries() != 2 {
		t.Fatalf("entries %d then %d, want 1 (init, no baseline) then 2", n, entries())
	}
	if r := check(t, v, false); r.OK() {
		t.Fatal("a write no manifest covers went unreported")
	}
	if err := v.baseline(ctx); err != nil {
		t.Fatal(err)
	}
	if r := check(t, v, false); !r.OK() {
		t.Fatalf("after the baseline: %v", r.Problems)
	}
	n = entries()
	if err := v.baseline(ctx); err != nil {
		t.Fatal(err)
	}
	if entries() != n {
		t.Fatal("a second baseline was recorded")
	}
}
