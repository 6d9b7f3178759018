package audit

import (
	"bytes"
	"fmt"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"

	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"

	"github.com/tvault/tvault/internal/atomicfile"
	"github.com/tvault/tvault/vault/store"
	"github.com/tvault/tvault/vault/store/badgerstore"
	"github.com/tvault/tvault/vault/store/memstore"
)

// genExport writes an export of n test entries without a store, as Export
// would write it (TestGenExport checks that), so that benchmarks can verify
// a million entries without first building a store of them.
func genExport(tb testing.TB, n int) []byte {
	tb.Helper()
	var t treeBuilder
	var stored []tlog.Hash
	var entries bytes.Buffer
	entries.Grow(n * 220)
	for i := range n {
		e := testEntry(i)
		e.Seq = uint64(i)
		b, err := e.MarshalText()
		if err != nil {
			tb.Fatal(err)
		}
		h := tlog.RecordHash(b)
		stored = t.add(h, stored)
		writeBlock(&entries, b, "entry", h.String())
	}
	cp, err := note.Sign(&note.Note{Text: formatCheckpoint(testOrigin, tlog.Tree{N: int64(n), Hash: t.root()})}, signer(tb, testSKey))
	if err != nil {
		tb.Fatal(err)
	}
	var out bytes.Buffer
	out.WriteString(exportHeader + "\n")
	writeBlock(&out, cp, "checkpoint")
	out.Write(entries.Bytes())
	return out.Bytes()
}

func TestGenExport(t *testing.T) {
	for _, n := range []int{0, 1, 50} {
		if a, b := genExport(t, n), export(t, newLog(t, n)); !bytes.Equal(a, b) {
			t.Errorf("genExport(%d) differs from Export", n)
		}
	}
}

func BenchmarkAppend(b *testing.B) {
	s := memstore.New()
	e := testEntry(7)
	for b.Loop() {
		err := s.Update(ctx, func(tx store.Tx) error { return Append(tx, e) })
		if err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkParseEntry(b *testing.B) {
	raw, _ := testEntry(2).MarshalText()
	b.SetBytes(int64(len(raw)))
	for b.Loop() {
		if _, err := ParseEntry(raw); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSubmitBadger measures audited writes on the durable backend,
// each one fsynced, from many goroutines: Batcher is group commit, and
// Serial one transaction per write for comparison. (Concurrent appends in
// separate transactions conflict on the log's size, so they are serial.)
func BenchmarkSubmitBadger(b *testing.B) {
	open := func(b *testing.B) store.Store {
		s, err := badgerstore.Open(b.TempDir(), make([]byte, badgerstore.KeySize))
		if err != nil {
			b.Fatal(err)
		}
		b.Cleanup(func() { s.Close() })
		return s
	}
	var id atomic.Int64
	write := func(tx store.Tx) error {
		return tx.Set([]byte(fmt.Sprint("rec/", id.Add(1))), make([]byte, 512))
	}
	batcher := func(b *testing.B, keep func([]byte) error) {
		bt := NewBatcher(open(b), signer(b, testSKey), keep)
		defer bt.Close()
		b.SetParallelism(16)
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				if err := bt.Submit(ctx, testEntry(1), write); err != nil {
					b.Error(err)
					return
				}
			}
		})
	}
	b.Run("Batcher", func(b *testing.B) { batcher(b, nil) })
	// As the vault does: each transaction's checkpoint replaces a file
	// outside the store, synced, before the transaction's writes return.
	b.Run("BatcherKeep", func(b *testing.B) {
		kept := filepath.Join(b.TempDir(), "kept")
		batcher(b, func(cp []byte) error { return atomicfile.ReplaceFile(kept, cp) })
	})
	b.Run("Serial", func(b *testing.B) {
		s := open(b)
		var mu sync.Mutex
		b.SetParallelism(16)
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				mu.Lock()
				err := s.Update(ctx, func(tx store.Tx) error {
					if err := write(tx); err != nil {
						return err
					}
					return Append(tx, testEntry(1))
				})
				mu.Unlock()
				if err != nil {
					b.Error(err)
					return
				}
			}
		})
	})
}

func BenchmarkVerifyStored(b *testing.B) {
	for _, n := range []int{1000, 100_000} {
		b.Run(fmt.Sprint("N=", n), func(b *testing.B) {
			s := newBlocksLog(b, n)
			v := verifier(b)
			for b.Loop() {
				if _, err := view(b, s, func(rtx store.ReadTx) (*Report, error) { return VerifyStored(rtx, v) }); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "entries/s")
		})
	}
}

func benchmarkVerifyExport(b *testing.B, n int) {
	exp := genExport(b, n)
	b.SetBytes(int64(len(exp)))
	for b.Loop() {
		rep, err := VerifyExport(bytes.NewReader(exp), testVKey, nil)
		if err != nil || rep.Size != int64(n) {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "entries/s")
}

func BenchmarkVerifyExport(b *testing.B) {
	for _, n := range []int{1000, 100_000} {
		b.Run(fmt.Sprint("N=", n), func(b *testing.B) { benchmarkVerifyExport(b, n) })
	}
}

// BenchmarkVerifyExport1M measures an auditor's full check of a log of a
// million entries; the target is well under 5 s on 2 cores.
func BenchmarkVerifyExport1M(b *testing.B) {
	if testing.Short() {
		b.Skip("builds a 1,000,000-entry export")
	}
	benchmarkVerifyExport(b, 1_000_000)
}

// BenchmarkProve measures proofs and reports their sizes, which grow with
// the logarithm of the log's size.
func BenchmarkProve(b *testing.B) {
	for _, n := range []int{1000, 100_000} {
		b.Run(fmt.Sprint("N=", n), func(b *testing.B) {
			s := memstore.New()
			appendN(b, s, 0, n/2)
			old := sign(b, s, testSKey)
			appendN(b, s, n/2, n)
			sign(b, s, testSKey)
			var p, c []byte
			for b.Loop() {
				p = prove(b, s, int64(n/3))
				if _, err := VerifyProof(p, testVKey); err != nil {
					b.Fatal(err)
				}
			}
			c, err := view(b, s, func(rtx store.ReadTx) ([]byte, error) { return ProveConsistency(rtx, old) })
			if err != nil {
				b.Fatal(err)
			}
			b.ReportMetric(float64(len(p)), "proof-bytes")
			b.ReportMetric(float64(len(c)), "consistency-bytes")
		})
	}
}

// BenchmarkSignCheckpoint measures what a Batcher adds to each
// transaction: proving that the log extends the stored checkpoint, and
// one Ed25519 signature. The log grows by one entry a signature, as under
// the least favourable load, one submission a transaction.
func BenchmarkSignCheckpoint(b *testing.B) {
	for _, n := range []int{1000, 100_000} {
		b.Run(fmt.Sprint("N=", n), func(b *testing.B) {
			s := newBlocksLog(b, n)
			sg := signer(b, testSKey)
			i := n
			var blocks blockCache // as a Batcher keeps it
			for b.Loop() {
				err := s.Update(ctx, func(tx store.Tx) error {
					ltx, err := newCachedTx(tx, &blocks)
					if err != nil {
						return err
					}
					if err := Append(ltx, testEntry(i)); err != nil {
						return err
					}
					_, err = SignCheckpoint(ltx, sg, testOrigin)
					return err
				})
				if err != nil {
					b.Fatal(err)
				}
				i++
			}
		})
	}
}
