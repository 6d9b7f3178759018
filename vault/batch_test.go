package vault

import (
	"bytes"
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/tvault/tvault/audit"
	"github.com/tvault/tvault/vault/service"
	"github.com/tvault/tvault/vault/store"
	"github.com/tvault/tvault/vault/store/memstore"
	"github.com/tvault/tvault/vault/testimony"
)

// smallChunks makes batch puts stage a few testimonies per chunk.
func smallChunks(t *testing.T, n int) {
	old := batchChunk
	batchChunk = n
	t.Cleanup(func() { batchChunk = old })
}

// batchOf returns a source of docs in the import format, named doc<i>,
// with the bodies of those in bad replaced by what does not parse, and
// calls seen, if not nil, with the index of each it yields.
func batchOf(docs []*testimony.Testimony, bad map[int]string, seen func(int)) service.BatchSource {
	i := 0
	return func() (string, []byte, error) {
		if i == len(docs) {
			return "", nil, io.EOF
		}
		name, data := fmt.Sprintf("doc%d", i), docs[i].Canonical()
		if b, ok := bad[i]; ok {
			data = []byte(b)
		}
		if seen != nil {
			seen(i)
		}
		i++
		return name, data, nil
	}
}

// stateDigest returns the SHA-256 of every value the store holds outside
// the audit log, by key.
func stateDigest(t *testing.T, s store.Store) map[string][32]byte {
	t.Helper()
	out := map[string][32]byte{}
	err := s.View(ctx, func(tx store.ReadTx) error {
		return tx.Scan(nil, func(k, v []byte) error {
			if !bytes.HasPrefix(k, []byte(audit.KeyPrefix)) {
				out[string(k)] = sha256.Sum256(v)
			}
			return nil
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// assertState fails the test unless s holds what stateDigest found in it
// before, outside the audit log.
func assertState(t *testing.T, s store.Store, before map[string][32]byte) {
	t.Helper()
	after := stateDigest(t, s)
	if len(after) != len(before) {
		t.Errorf("the store holds %d keys, %d before", len(after), len(before))
	}
	for k, h := range before {
		if after[k] != h {
			t.Errorf("key %s changed", k)
		}
	}
}

func assertCheckOK(t *testing.T, v *Vault) {
	t.Helper()
	r, err := v.Check(ctx, service.CheckOptions{ReadData: true})
	if err != nil {
		t.Fatal(err)
	}
	if !r.OK() {
		t.Fatalf("check found %d problems: %+v", r.NumProblems(), r.Problems)
	}
}

func assertNoStage(t *testing.T, s store.Store) {
	t.Helper()
	for k := range stateDigest(t, s) {
		if strings.HasPrefix(k, "stage/") {
			t.Errorf("stage key %s left", k)
		}
	}
}

func TestPutBatch(t *testing.T) {
	smallChunks(t, 2)
	v, _ := newEngine(t, Options{})
	docs := loadFixtures(t)
	docs = append(docs, docs...) // the same witnesses again: the registry learns nothing new
	ids, _, err := v.PutBatch(ctx, batchOf(docs, nil, nil))
	if err != nil {
		t.Fatal(err)
	}
	if len(ids) != len(docs) {
		t.Fatalf("got %d IDs for %d testimonies", len(ids), len(docs))
	}
	for i, id := range ids {
		rec, err := v.Get(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(rec.Canonical, docs[i].Canonical()) {
			t.Fatalf("record %d (%s) holds another testimony: order not kept", i, id)
		}
	}
	list, err := v.List(ctx, "")
	if err != nil || len(list) != len(docs) {
		t.Fatalf("List = %d records, %v; want %d", len(list), err, len(docs))
	}
	found, err := v.Search(ctx, service.SearchQuery{Case: docs[0].Case})
	if err != nil || len(found) == 0 {
		t.Fatalf("Search by case = %d records, %v", len(found), err)
	}
	assertNoStage(t, v.store)
	assertCheckOK(t, v)

	// One entry per chunk names its records; the commit's counts them.
	var stages, commits int
	named := map[string]bool{}
	err = v.AuditLog(ctx, service.AuditFilter{}, func(e *audit.Entry) error {
		if e.Action != "put" {
			return nil
		}
		switch e.Attr("phase") {
		case "stage":
			stages++
			for _, id := range e.Targets {
				named[id] = true
			}
		case "":
			commits++
			if e.Attr("count") != fmt.Sprint(len(docs)) || e.Attr("state") == "" {
				t.Errorf("commit entry %+v: want count %d and a state manifest", e, len(docs))
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if want := (len(docs) + 1) / 2; stages != want || commits != 1 || len(named) != len(docs) {
		t.Errorf("log has %d stage entries naming %d records and %d commits; want %d, %d and 1", stages, len(named), commits, want, len(docs))
	}
}

// A batch of one chunk is one write, audited as a put of the same
// testimonies is; one testimony more is staged.
func TestPutBatchOneChunk(t *testing.T) {
	docs := loadFixtures(t)
	smallChunks(t, len(docs))
	v, _ := newEngine(t, Options{})
	ids, _, err := v.PutBatch(ctx, batchOf(docs, nil, nil))
	if err != nil {
		t.Fatal(err)
	}
	more, _, err := v.PutBatch(ctx, batchOf(append(docs, docs[0]), nil, nil))
	if err != nil {
		t.Fatal(err)
	}
	var entries []*audit.Entry
	err = v.AuditLog(ctx, service.AuditFilter{}, func(e *audit.Entry) error {
		if e.Action == "put" {
			entries = append(entries, e)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 4 {
		t.Fatalf("%d put entries, want 1 for the first batch and 2 stages and a commit for the second", len(entries))
	}
	if e := entries[0]; strings.Join(e.Targets, ",") != strings.Join(ids, ",") || e.Attr("count") != fmt.Sprint(len(docs)) || e.Attr("batch") != "" {
		t.Errorf("one chunk's entry %+v, want the put of %v", e, ids)
	}
	if n := len(entries[1].Targets) + len(entries[2].Targets); n != len(more) {
		t.Errorf("the stage entries name %d records, want %d", n, len(more))
	}
	if e := entries[3]; e.Attr("phase") != "" || e.Attr("batch") == "" || e.Attr("batch") != entries[1].Attr("batch") {
		t.Errorf("commit %+v is not of the batch staged", entries[3])
	}
}

// A batch that fails anywhere changes nothing: a testimony that does not
// parse, or that names a registered person's key under a new name (an
// alias the registry learns), then one that does not parse.
func TestPutBatchFailureChangesNothing(t *testing.T) {
	smallChunks(t, 2)
	docs := loadFixtures(t)
	renamed := *docs[0]
	renamed.Witness.Name = "Another Name"
	batch := append(append([]*testimony.Testimony{&renamed}, docs[1:]...), docs...)
	for _, tc := range []struct {
		name string
		bad  map[int]string
	}{
		{"first", map[int]string{0: "{"}},
		{"last", map[int]string{len(batch) - 1: `{"title": 1}`}},
		{"middle chunk", map[int]string{3: "not json"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			v, _ := newEngine(t, Options{})
			if _, _, err := v.Put(ctx, docs[:1]); err != nil {
				t.Fatal(err)
			}
			before := stateDigest(t, v.store)
			_, _, err := v.PutBatch(ctx, batchOf(batch, tc.bad, nil))
			var pe *testimony.ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("PutBatch = %v, want a parse error", err)
			}
			for i := range tc.bad {
				if want := fmt.Sprintf("doc%d", i); !strings.Contains(err.Error(), want) {
					t.Errorf("error %q does not name %s", err, want)
				}
			}
			assertState(t, v.store, before)
			assertCheckOK(t, v)
		})
	}
}

// dyingStore fails every update after the first n, as a process that
// died would no longer write.
type dyingStore struct {
	store.Store
	left atomic.Int64
}

func (d *dyingStore) Update(ctx context.Context, fn func(store.Tx) error) error {
	if d.left.Add(-1) < 0 {
		return errors.New("the process died")
	}
	return d.Store.Update(ctx, fn)
}

// A batch cut off while staging, or once every chunk is staged but
// before its commit, leaves nothing visible once the vault is opened
// again, and no stage: not its records, nor its persons, nor the alias
// it taught a person registered before it.
func TestPutBatchCrashSweptAtOpen(t *testing.T) {
	smallChunks(t, 1)
	docs := loadFixtures(t)
	renamed := *docs[0]
	renamed.Witness.Name = "Another Name"
	batch := append([]*testimony.Testimony{&renamed}, docs[1:]...)
	chunks := len(batch)
	if chunks < 3 {
		t.Fatalf("%d fixtures make %d chunks, want 3 or more", len(batch), chunks)
	}
	for _, tc := range []struct {
		name   string
		staged int // chunks staged before the process dies
	}{
		{"while staging", 2},
		{"before the commit", chunks},
	} {
		t.Run(tc.name, func(t *testing.T) {
			raw := memstore.New()
			v, _ := newEngineOn(t, raw, Options{})
			if _, _, err := v.Put(ctx, docs[:1]); err != nil {
				t.Fatal(err)
			}
			before := stateDigest(t, v.store)

			real, realAudit := v.store, v.audit
			dying := &dyingStore{Store: real}
			dying.left.Store(int64(tc.staged)) // then the next chunk, the commit and the sweep fail
			v.store = dying
			v.audit = auditor{audit.NewBatcher(v.store, signerOf(t, v), nil), v}
			if _, _, err := v.PutBatch(ctx, batchOf(batch, nil, nil)); err == nil {
				t.Fatal("PutBatch succeeded through a dying store")
			}
			v.audit.Close()
			v.store, v.audit = real, realAudit
			staged := 0
			for k := range stateDigest(t, v.store) {
				if strings.HasPrefix(k, "stage/") {
					staged++
				}
			}
			if staged != tc.staged {
				t.Fatalf("%d chunks staged, want %d", staged, tc.staged)
			}
			// Not visible before the sweep either.
			if list, err := v.List(ctx, ""); err != nil || len(list) != 1 {
				t.Fatalf("List with staged records = %d, %v; want the one put before", len(list), err)
			}

			if err := v.sweepStaged(ctx); err != nil {
				t.Fatal(err)
			}
			assertState(t, v.store, before)
			assertCheckOK(t, v)
		})
	}
}

// readsStore counts, by key, the reads of its write transactions.
type readsStore struct {
	store.Store
	reads map[string]int
}

func (r *readsStore) Update(ctx context.Context, fn func(store.Tx) error) error {
	return r.Store.Update(ctx, func(tx store.Tx) error { return fn(readsTx{tx, r.reads}) })
}

type readsTx struct {
	store.Tx
	reads map[string]int
}

func (t readsTx) Get(key []byte) ([]byte, error) {
	t.reads[string(key)]++
	return t.Tx.Get(key)
}

// A batch's stage reads nothing of the records it writes but whether
// their IDs are in use: their versions, person links and search entries
// are under new IDs, which its journal need not read.
func TestPutBatchStageReadsNoNewKey(t *testing.T) {
	smallChunks(t, 2)
	v, _ := newEngine(t, Options{})
	docs := loadFixtures(t)
	real, realAudit := v.store, v.audit
	counting := &readsStore{Store: real, reads: map[string]int{}}
	v.store = counting
	v.audit = auditor{audit.NewBatcher(v.store, signerOf(t, v), nil), v}
	ids, _, err := v.PutBatch(ctx, batchOf(append(docs, docs...), nil, nil))
	v.audit.Close()
	v.store, v.audit = real, realAudit
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range ids {
		for _, k := range [][]byte{versionKey(id, 1), recordLinksKey(id), searchKey(id)} {
			if n := counting.reads[string(k)]; n != 0 {
				t.Errorf("%s read %d times while staged", k, n)
			}
		}
		if n := counting.reads[string(indexKey(id))]; n != 1 {
			t.Errorf("%s read %d times while staged, want once", indexKey(id), n)
		}
	}
}

// TestStageEntryFits checks that the audit entry of a whole chunk of a
// batch put, which names every record the chunk stages, fits in an
// entry whatever its actor, purpose and outcome: at 2,000 testimonies a
// chunk it would not, and the chunk, and its failure, could not be
// audited.
func TestStageEntryFits(t *testing.T) {
	long := strings.Repeat("x", audit.MaxValueSize)
	op := &audit.Entry{Actor: long, Role: "officer", Transport: "unix", RequestID: strings.Repeat("f", 32),
		Action: "put", Purpose: long}
	op.SetAttr("policy", strings.Repeat("a", 64))
	for _, phase := range []string{"stage", "sweep"} {
		e := stageEntry(op, phase, 1<<30)
		for range batchChunk {
			e.Targets = append(e.Targets, newID())
		}
		e.Seq, e.Time, e.Outcome = 1<<40, time.Now().UTC().Truncate(time.Microsecond), audit.OutcomeError
		e.SetAttr("error", strings.Repeat("e", 64))
		b, err := e.MarshalText()
		if err != nil {
			t.Fatalf("%s entry of a chunk of %d: %v", phase, batchChunk, err)
		}
		t.Logf("%s entry of a chunk of %d: %d bytes of %d", phase, batchChunk, len(b), audit.MaxEntrySize)
	}
}
