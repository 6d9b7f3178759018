package badgerstore_test

import (
	"crypto/rand"
	"encoding/binary"
	"fmt"
	"runtime/debug"
	"strings"
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
	opts, data := encryptedTable(t, 20)

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

// TestVerifyChecksumDamagedBlock damages the first block of an encrypted
// table of several: Table.VerifyChecksum must fail, naming the table.
// Badger took the offset of the nil block that came with the error, a nil
// dereference (PATCHES.md).
func TestVerifyChecksumDamagedBlock(t *testing.T) {
	opts, data := encryptedTable(t, 200)
	data[10] ^= 0x80
	tbl, err := table.OpenInMemoryTable(data, 1, opts)
	if err != nil {
		t.Fatalf("open (the last block and the index are whole): %v", err)
	}
	defer tbl.DecrRef()
	defer func() {
		if r := recover(); r != nil {
			t.Fatalf("VerifyChecksum panicked: %v\n%s", r, debug.Stack())
		}
	}()
	if err := tbl.VerifyChecksum(); err == nil || !strings.Contains(err.Error(), tbl.Filename()) {
		t.Errorf("VerifyChecksum of a damaged block: %v; want an error naming %s", err, tbl.Filename())
	}
}

// encryptedTable returns the options of an encrypted table of n keys of
// about 20 bytes, blocks of 1 KiB, and the table's bytes.
func encryptedTable(t *testing.T, n int) (*table.Options, []byte) {
	key := make([]byte, 32)
	rand.Read(key)
	// An encrypted table's index is read through the cache.
	cache, err := ristretto.NewCache(&ristretto.Config[uint64, *fb.TableIndex]{NumCounters: 1e3, MaxCost: 1 << 20, BufferItems: 64})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(cache.Close)
	opts := &table.Options{
		IndexCache:  cache,
		ChkMode:     options.OnBlockRead,
		DataKey:     &pb.DataKey{KeyId: 1, Data: key},
		Compression: options.None,
		BlockSize:   1 << 10,
	}
	b := table.NewTableBuilder(*opts)
	for i := range n {
		b.Add(y.KeyWithTs(fmt.Appendf(nil, "key%03d", i), 1), y.ValueStruct{Value: []byte("value")}, 0)
	}
	data := b.Finish()
	b.Close()
	return opts, data
}
