package pgstore_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/tvault/tvault/internal/pgtest"
	"github.com/tvault/tvault/vault/blob"
	"github.com/tvault/tvault/vault/blob/blobtest"
	"github.com/tvault/tvault/vault/store"
	"github.com/tvault/tvault/vault/store/pgstore"
	"github.com/tvault/tvault/vault/store/storetest"
)

func TestMain(m *testing.M) { os.Exit(pgtest.Run(m)) }

func open(t *testing.T) *pgstore.Store {
	t.Helper()
	s, err := pgstore.Create(context.Background(), pgtest.Conn(t))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestConformance(t *testing.T) {
	storetest.Run(t, func(t *testing.T) store.Store { return open(t) })
}

func TestBlobConformance(t *testing.T) {
	blobtest.Run(t, func(t *testing.T) blob.Store {
		s := open(t)
		t.Cleanup(func() { s.Close() })
		return s.Blobs()
	})
}

// TestScanPages scans ranges longer than a page, by rows and by bytes,
// with keys that end in 0xff, while the callback reads and writes in the
// same transaction.
func TestScanPages(t *testing.T) {
	ctx := context.Background()
	s := open(t)
	defer s.Close()
	for _, tt := range []struct {
		name    string
		n, size int
		prefix  string
	}{
		{"many rows", 700, 10, "a/"},
		{"many bytes", 30, 300 << 10, "b/"},
		{"to the end", 300, 1, "\xff\xff"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var want []string
			err := s.Update(ctx, func(tx store.Tx) error {
				for i := range tt.n {
					key := fmt.Sprintf("%s%04d\xff", tt.prefix, i)
					want = append(want, key)
					if err := tx.Set([]byte(key), bytes.Repeat([]byte{byte(i)}, tt.size)); err != nil {
						return err
					}
				}
				// Neighbours outside the range.
				return tx.Set([]byte(tt.prefix[:len(tt.prefix)-1]), []byte("out"))
			})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			err = s.Update(ctx, func(tx store.Tx) error {
				return tx.Scan([]byte(tt.prefix), func(k, v []byte) error {
					i := len(got)
					if len(v) != tt.size || (tt.size > 0 && v[0] != byte(i)) {
						return fmt.Errorf("key %q: value of %d bytes, want %d of %d", k, len(v), tt.size, byte(i))
					}
					got = append(got, string(k))
					if _, err := tx.Get(k); err != nil {
						return err
					}
					return tx.Set(append([]byte("z"), k...), nil)
				})
			})
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(got, want) {
				t.Fatalf("Scan(%q) returned %d keys, want %d", tt.prefix, len(got), len(want))
			}
		})
	}
}

// TestSynchronousCommitOff checks that a session whose commits would not
// be durable is refused.
func TestSynchronousCommitOff(t *testing.T) {
	s, err := pgstore.Create(context.Background(), pgtest.WithParam(t, pgtest.Conn(t), "synchronous_commit", "off"))
	if err == nil {
		s.Close()
		t.Fatal("Open succeeded with synchronous_commit off")
	}
}

// TestSynchronousCommitOffLater checks that a connection the pool makes
// after Open is refused too when its session's commits would not be
// durable: the role's default changed while the store was open.
func TestSynchronousCommitOffLater(t *testing.T) {
	ctx := context.Background()
	conn := pgtest.Conn(t)
	admin, err := pgx.Connect(ctx, conn)
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close(ctx)
	role := fmt.Sprintf("tvault_sync_%d", os.Getpid())
	if _, err := admin.Exec(ctx, "CREATE ROLE "+role+" LOGIN SUPERUSER"); err != nil {
		t.Fatal(err)
	}
	defer admin.Exec(ctx, "DROP ROLE "+role)
	conn = pgtest.WithParam(t, conn, "user", role)
	// Idle connections are closed at once, so that the next write needs
	// a new one.
	conn = pgtest.WithParam(t, conn, "pool_max_conn_idle_time", "1ms")
	conn = pgtest.WithParam(t, conn, "pool_health_check_period", "10ms")
	s, err := pgstore.Create(ctx, conn)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	set := func(tx store.Tx) error { return tx.Set([]byte("k"), []byte("v")) }
	if err := s.Update(ctx, set); err != nil {
		t.Fatal(err)
	}
	if _, err := admin.Exec(ctx, "ALTER ROLE "+role+" SET synchronous_commit = off"); err != nil {
		t.Fatal(err)
	}
	time.Sleep(200 * time.Millisecond)
	if err := s.Update(ctx, set); err == nil || !strings.Contains(err.Error(), "synchronous_commit is off") {
		t.Fatalf("Update on a new connection with synchronous_commit off = %v, want it refused", err)
	}
}

// TestLockTakenAgain ends the connection that holds a Store's lock on its
// tables, as a restart of the server or an administrator would: the Store
// takes the lock again, so that a Store opened afterwards is not alone.
func TestLockTakenAgain(t *testing.T) {
	ctx := context.Background()
	conn := pgtest.Conn(t)
	a, err := pgstore.Create(ctx, conn)
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	if err := a.Share(ctx); err != nil {
		t.Fatal(err)
	}
	admin, err := pgx.Connect(ctx, conn)
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close(ctx)
	const holders = "SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND objid = to_regclass('tvault_kv')::oid AND granted"
	var pid int
	if err := admin.QueryRow(ctx, holders).Scan(&pid); err != nil {
		t.Fatalf("the lock's holder: %v", err)
	}
	if _, err := admin.Exec(ctx, "SELECT pg_terminate_backend($1)", pid); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(10 * time.Second)
	for {
		var again int
		err := admin.QueryRow(ctx, holders).Scan(&again)
		if err == nil && again != pid {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the lock was not taken again: %v", err)
		}
		time.Sleep(50 * time.Millisecond)
	}
	b, err := pgstore.Open(ctx, conn)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	if b.Alone() {
		t.Error("a Store opened after the first lost and took again its lock is alone")
	}
}

// TestBlobDamage checks that a blob whose chunks were lost or cut is
// reported as damaged, at Open or at a read after it, never as absent, and
// that a blob removed while open is reported as not found.
func TestBlobDamage(t *testing.T) {
	ctx := context.Background()
	data := bytes.Repeat([]byte("ciphertext"), 250_000) // 3 chunks
	for _, tt := range []struct {
		name      string
		sql       string // run on the blob's id, before or after Open
		afterOpen bool
		want      error
	}{
		{"chunk lost", "DELETE FROM tvault_blob_chunk WHERE blob = $1 AND seq = 1", false, store.ErrCorrupt},
		{"chunk cut", "UPDATE tvault_blob_chunk SET data = substring(data FROM 1 FOR 10) WHERE blob = $1 AND seq = 2", false, store.ErrCorrupt},
		{"chunk lost after Open", "DELETE FROM tvault_blob_chunk WHERE blob = $1 AND seq = 1", true, store.ErrCorrupt},
		{"chunk cut after Open", "UPDATE tvault_blob_chunk SET data = '' WHERE blob = $1 AND seq = 1", true, store.ErrCorrupt},
		{"removed after Open", "DELETE FROM tvault_blob WHERE id = $1", true, blob.ErrNotFound},
	} {
		t.Run(tt.name, func(t *testing.T) {
			conn := pgtest.Conn(t)
			s, err := pgstore.Create(ctx, conn)
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			db, err := pgx.Connect(ctx, conn)
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close(ctx)
			w, err := s.Blobs().Create(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := w.Write(data); err != nil {
				t.Fatal(err)
			}
			name, err := w.Commit()
			if err != nil {
				t.Fatal(err)
			}
			var id int64
			if err := db.QueryRow(ctx, "SELECT id FROM tvault_blob WHERE name = $1", name).Scan(&id); err != nil {
				t.Fatal(err)
			}
			if !tt.afterOpen {
				if _, err := db.Exec(ctx, tt.sql, id); err != nil {
					t.Fatal(err)
				}
				if _, err := s.Blobs().Open(ctx, name); !errors.Is(err, tt.want) {
					t.Fatalf("Open = %v, want %v", err, tt.want)
				}
				return
			}
			r, err := s.Blobs().Open(ctx, name)
			if err != nil {
				t.Fatal(err)
			}
			defer r.Close()
			if _, err := db.Exec(ctx, tt.sql, id); err != nil {
				t.Fatal(err)
			}
			if _, err := io.ReadAll(r); !errors.Is(err, tt.want) {
				t.Errorf("Read = %v, want %v", err, tt.want)
			}
			if _, err := r.ReadAt(make([]byte, len(data)), 0); !errors.Is(err, tt.want) {
				t.Errorf("ReadAt = %v, want %v", err, tt.want)
			}
		})
	}
}

// TestShared runs the conformance suite of shared stores: several
// Stores on one database's tables.
func TestShared(t *testing.T) {
	conns := map[store.Shared]string{}
	storetest.RunShared(t, func(t *testing.T) store.Shared {
		conn := pgtest.Conn(t)
		s, err := pgstore.Create(context.Background(), conn)
		if err != nil {
			t.Fatal(err)
		}
		conns[s] = conn
		return s
	}, func(t *testing.T, first store.Shared) store.Shared {
		s, err := pgstore.Open(context.Background(), conns[first])
		if err != nil {
			t.Error(err) // not Fatal: called from another goroutine too
			return nil
		}
		return s
	})
}

// TestOpen checks what Open refuses, tables that do not exist; that a
// second Store on the same tables is not Alone, nor one on another
// schema's tables affected; and that Close releases the lock, so that the
// next Store is Alone.
func TestOpen(t *testing.T) {
	ctx := context.Background()
	conn := pgtest.Conn(t)
	if _, err := pgstore.Open(ctx, conn); !errors.Is(err, pgstore.ErrNoTables) {
		t.Fatalf("Open before Create = %v, want ErrNoTables", err)
	}
	s, err := pgstore.Create(ctx, conn)
	if err != nil {
		t.Fatal(err)
	}
	// Another schema's tables are other tables.
	other, err := pgstore.Create(ctx, pgtest.Conn(t))
	if err != nil {
		t.Fatalf("Create in another schema: %v", err)
	}
	if !other.Alone() {
		t.Error("a Store on another schema's tables is not Alone")
	}
	other.Close()
	if err := s.Share(ctx); err != nil {
		t.Fatal(err)
	}
	for _, open := range []func(context.Context, string) (*pgstore.Store, error){pgstore.Open, pgstore.Create} {
		s2, err := open(ctx, conn)
		if err != nil {
			t.Fatalf("second open: %v", err)
		}
		if s2.Alone() {
			t.Error("second Store is Alone")
		}
		s2.Close()
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s, err = pgstore.Open(ctx, conn)
	if err != nil {
		t.Fatalf("Open after Close: %v", err)
	}
	if !s.Alone() {
		t.Error("Store opened after the others closed is not Alone")
	}
	s.Close()
}

func TestKeyring(t *testing.T) {
	ctx := context.Background()
	s := open(t)
	defer s.Close()
	if empty, err := s.Empty(ctx); err != nil || !empty {
		t.Fatalf("Empty of a new store = %v, %v", empty, err)
	}
	if _, err := s.Keyring(ctx); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("Keyring of a new store = %v, want ErrNotFound", err)
	}
	sealed := []byte("age-encryption.org/v1 ...")
	if err := s.SetKeyring(ctx, sealed); err != nil {
		t.Fatal(err)
	}
	if err := s.SetKeyring(ctx, []byte("another")); err == nil {
		t.Fatal("a second SetKeyring succeeded")
	}
	if got, err := s.Keyring(ctx); err != nil || !bytes.Equal(got, sealed) {
		t.Fatalf("Keyring = %q, %v; want %q", got, err, sealed)
	}
	if empty, err := s.Empty(ctx); err != nil || empty {
		t.Fatalf("Empty with a keyring = %v, %v", empty, err)
	}
}
