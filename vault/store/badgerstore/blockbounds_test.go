package badgerstore_test

import (
	"crypto/rand"
	"encoding/binary"
	"fmt"
	"runtime/debug"
	"testing"

	"github.com/dgraph-io/badger/v4/fb"
	"github.com/dgraph-io/badger/v4/options"
	"github.com/dgraph-io/badger/v4/pb"
	"github.com/dgraph-io/badger/v4/table"
	"github.com/dgraph-io/badger/v4/y"
	"github.com/dgraph-io/ristretto/v2"
)

// TestDamagedBlockLengths flips the top bit of each byte at the end of an
// encrypted table's block, where the block keeps its own lengths (entry
// count, checksum length): reading the block must fail or succeed, never
// slice out of bounds. Badger read those lengths before the checksum, and a
// panic in a compaction's goroutine ends the process (PATCHES.md).
func TestDamagedBlockLengths(t *testing.T) {
	key := make([]byte, 32)
	rand.Read(key)
	// An encrypted table's index is read through the cache.
	cache, err := ristretto.NewCache(&ristretto.Config[uint64, *fb.TableIndex]{NumCounters: 1e3, MaxCost: 1 << 20, BufferItems: 64})
	if err != nil {
		t.Fatal(err)
	}
	defer cache.Close()
	opts := &table.Options{
		IndexCache:  cache,
		ChkMode:     options.OnBlockRead,
		DataKey:     &pb.DataKey{KeyId: 1, Data: key},
		Compression: options.None,
		BlockSize:   4 << 10,
	}
	b := table.NewTableBuilder(*opts)
	for i := range 20 {
		b.Add(y.KeyWithTs(fmt.Appendf(nil, "key%03d", i), 1), y.ValueStruct{Value: []byte("value")}, 0)
	}
	data := b.Finish()
	b.Close()

	// The table ends with its index, the index's length, the index's
	// checksum and that checksum's length; its one block comes before.
	end := len(data) - 4
	end -= int(binary.BigEndian.Uint32(data[end:])) + 4
	blockEnd := end - int(binary.BigEndian.Uint32(data[end:]))
	const iv = 16
	for off := blockEnd - iv - 40; off < blockEnd-iv; off++ {
		damaged := append([]byte(nil), data...)
		damaged[off] ^= 0x80
		t.Run(fmt.Sprint(off), func(t *testing.T) {
			defer func() {
				if r := recover(); r != nil {
					t.Fatalf("reading the block panicked: %v\n%s", r, debug.Stack())
				}
			}()
			tbl, err := table.OpenInMemoryTable(damaged, 1, opts)
			if err != nil {
				return
			}
			defer tbl.DecrRef()
			it := tbl.NewIterator(0)
			defer it.Close()
			n := 0
			for it.Rewind(); it.Valid(); it.Next() {
				n++
			}
			if n == 20 {
				t.Errorf("a damaged block read whole")
			}
		})
	}
}
