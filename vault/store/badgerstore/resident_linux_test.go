package badgerstore_test

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/tvault/tvault/vault/store"
	"github.com/tvault/tvault/vault/store/badgerstore"
)

// TestFilesNotResident reads and writes tables, value-log files and the
// memtables' logs, and checks that their pages are not resident in the
// process (issue 16): Badger maps them, and every page a read touched or a
// write filled would count in the daemon's resident memory, growing with
// the share of the vault read.
func TestFilesNotResident(t *testing.T) {
	const small, large = 2000, 200
	key := func(kind string, i int) []byte { return []byte(fmt.Sprintf("%s%05d", kind, i)) }
	value := func(n, i int) []byte { return bytes.Repeat([]byte{byte(i)}, n) }
	// write writes the batch-th of small and of large values.
	write := func(s *badgerstore.Store, batch int) {
		t.Helper()
		err := s.Update(context.Background(), func(tx store.Tx) error {
			for i := batch * small; i < (batch+1)*small; i++ {
				if err := tx.Set(key("small", i), value(200, i)); err != nil {
					return err
				}
			}
			for i := batch * large; i < (batch+1)*large; i++ {
				// Above the value threshold: in the value log.
				if err := tx.Set(key("large", i), value(8<<10, i)); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	dir := t.TempDir()
	s, err := badgerstore.Open(dir, testKey(1))
	if err != nil {
		t.Fatal(err)
	}
	write(s, 0)
	if err := s.Close(); err != nil { // flushed to a table
		t.Fatal(err)
	}
	if s, err = badgerstore.Open(dir, testKey(1)); err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	write(s, 1) // into the new memtable's log and the value log
	err = s.View(context.Background(), func(tx store.ReadTx) error {
		for i := range 2 * small {
			if _, err := tx.Get(key("small", i)); err != nil {
				return err
			}
		}
		for i := range 2 * large {
			v, err := tx.Get(key("large", i))
			if err != nil {
				return err
			}
			if !bytes.Equal(v, value(8<<10, i)) {
				return fmt.Errorf("value %d differs", i)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	// A log created since the last write keeps the page of its header,
	// written through its map, until the next sync.
	files, kib := residentFiles(t, dir)
	if files == 0 {
		t.Fatal("no table or log of the store is mapped: the test sees nothing")
	}
	if limit := files * os.Getpagesize() / 1024; kib > limit {
		t.Errorf("%d KiB of the store's %d mapped files resident, want at most %d", kib, files, limit)
	}
}

// residentFiles returns how many tables and logs of dir the process maps,
// and the KiB of them resident (Rss in /proc/self/smaps).
func residentFiles(t *testing.T, dir string) (files, kib int) {
	t.Helper()
	f, err := os.Open("/proc/self/smaps")
	if err != nil {
		t.Skip(err)
	}
	defer f.Close()
	in := false
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		switch {
		case len(fields) >= 5 && !strings.HasSuffix(fields[0], ":"):
			// A mapping's first line: address range, perms, offset, dev, inode[, path].
			path := fields[len(fields)-1]
			ext := filepath.Ext(path)
			in = len(fields) == 6 && filepath.Dir(path) == dir && (ext == ".sst" || ext == ".vlog" || ext == ".mem")
			if in {
				files++
			}
		case in && len(fields) == 3 && fields[0] == "Rss:":
			n, err := strconv.Atoi(fields[1])
			if err != nil {
				t.Fatal(err)
			}
			kib += n
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return files, kib
}

// BenchmarkGet reads values from the value log and from tables, with
// pread and through memory maps, as tvaultd's reads do: what pread costs.
func BenchmarkGet(b *testing.B) {
	const n = 4000 // 20 MiB of values in the value log
	key := func(i int) []byte { return []byte(fmt.Sprintf("key%05d", i)) }
	for _, c := range []struct {
		name  string
		pread bool
	}{{"pread", true}, {"mmap", false}} {
		b.Run(c.name, func(b *testing.B) {
			badgerstore.SetPread(b, c.pread)
			s := flushed(b, b.TempDir(), n, key, func(i int) []byte { return bytes.Repeat([]byte{byte(i)}, 5<<10) })
			b.SetBytes(5 << 10)
			benchGets(b, s, n, key)
		})
	}
}
