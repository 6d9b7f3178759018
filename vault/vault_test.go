package vault

import (
	"bytes"
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/tvault/tvault/vault/blob/fsblob"
	"github.com/tvault/tvault/vault/format"
	"github.com/tvault/tvault/vault/service"
	"github.com/tvault/tvault/vault/store/memstore"
	"golang.org/x/mod/sumdb/note"
	"golang.org/x/sys/unix"

	"filippo.io/age"

	"github.com/tvault/tvault/audit"
	"github.com/tvault/tvault/crypto/envelope"
	"github.com/tvault/tvault/crypto/keys"
	"github.com/tvault/tvault/internal/fixtures"
	"github.com/tvault/tvault/vault/store"
	"github.com/tvault/tvault/vault/testimony"
)

const testPass = "correct horse battery staple"

var ctx = service.WithActor(context.Background(), service.LocalOperator)

// sentinels are identifying strings of the project's fixtures
// (testdata/corpus); none may reach the disk in clear.
var sentinels = []string{
	"Park Minji", "Min-ji", "Jang Sunhee", "Sun-hee", "Ryu Daeho", "SUNHEE JANG",
	"+82 10-5550-2468", "010 7781 3302", "870311-2345678", "M48213377",
	"minji.park87@example.com", "sunhee.jang@example.net",
	"Haeundae-ro", "Yuseong-gu", "Hyesan Textile Mill", "HERON-BIRCH-42",
	"TW-0101", "TV-2019-101", "do not look back", "officer-han",
}

func loadFixtures(t testing.TB) []*testimony.Testimony { return fixtures.Load(t) }

// newTestVault inits a vault directory, for the tests of what it keeps on
// disk and the benchmarks of its storage; the engine's tests use
// newEngine.
func newTestVault(t testing.TB, opts Options) (*Vault, string) {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "vault")
	v, err := Init(ctx, dir, testPass, opts)
	if err != nil {
		t.Fatal(err)
	}
	return v, dir
}

// newEngine returns a vault on an in-memory store, begun as Init begins
// one (its log starts with the init entry), and a directory that holds
// its blob directory (blobs/) and nothing else: the engine's tests run
// there, and tests that need the vault's own files use newTestVault.
func newEngine(t testing.TB, opts Options) (*Vault, string) {
	return newEngineOn(t, memstore.New(), opts)
}

// newEngineOn is newEngine on raw, which the caller keeps, unsealed, to
// damage as an attacker who can write the store would, or to inject
// faults under the seal.
func newEngineOn(t testing.TB, raw store.Store, opts Options) (*Vault, string) {
	t.Helper()
	e, err := newEntry(ctx, "init")
	if err != nil {
		t.Fatal(err)
	}
	k, err := newKeyring()
	if err != nil {
		t.Fatal(err)
	}
	escrow, err := parseEscrowSet(opts.Escrow)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	v, err := create(ctx, e, k, raw, fsblob.New(filepath.Join(dir, blobDir)), opts.Witnesses, escrow, format.Known)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { v.Close() })
	return v, dir
}

// newBareEngine returns a vault made by New on an in-memory store: no
// init entry, none of what create writes, as a vault an older tvault
// made may lack it.
func newBareEngine(t testing.TB) *Vault {
	t.Helper()
	k, err := newKeyring()
	if err != nil {
		t.Fatal(err)
	}
	v, err := New(k, memstore.New(), fsblob.New(t.TempDir()))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { v.Close() })
	return v
}

// grepTree fails the test for every file under dir that contains one of the
// needles, case-insensitively as grep -ri would find it, or byte for byte
// (a chunk of ciphertext, which folding case as UTF-8 would change). Like
// grep, it reads only the data of sparse files (Badger preallocates its
// logs), in chunks that overlap by more than a needle.
func grepTree(t *testing.T, dir string, needles []string) {
	t.Helper()
	for _, n := range grepDir(t, dir, needles) {
		t.Errorf("%s contains %q in clear", n.path, n.needle)
	}
}

type grepHit struct{ path, needle string }

// grepDir returns the files under dir that contain one of the needles,
// as grepTree finds them.
func grepDir(t *testing.T, dir string, needles []string) []grepHit {
	t.Helper()
	var raw [][]byte
	overlap := 0
	for _, n := range needles {
		raw = append(raw, []byte(n))
		overlap = max(overlap, 4*len(n))
	}
	var hits []grepHit
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		found, err := grepFile(path, raw, overlap)
		for _, n := range found {
			hits = append(hits, grepHit{path, n})
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return hits
}

// grepFile returns the needles found in the data of file, byte for byte
// or with case folded.
func grepFile(path string, needles [][]byte, overlap int) ([]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	lower := make([][]byte, len(needles))
	for i, nd := range needles {
		lower[i] = bytes.ToLower(nd)
	}
	seen := map[string]bool{}
	buf := make([]byte, 4<<20)
	for off := int64(0); off < st.Size(); {
		// Skip a hole: it holds zeros, so no needle.
		if data, err := unix.Seek(int(f.Fd()), off, unix.SEEK_DATA); err == nil {
			off = data
		} else if errors.Is(err, unix.ENXIO) {
			break
		}
		n, err := f.ReadAt(buf, off)
		if n == 0 && err != nil {
			if err == io.EOF {
				break
			}
			return nil, err
		}
		chunk := bytes.ToLower(buf[:n])
		for i, nd := range needles {
			if bytes.Contains(buf[:n], nd) || bytes.Contains(chunk, lower[i]) {
				seen[string(nd)] = true
			}
		}
		if off+int64(n) >= st.Size() {
			break
		}
		off += int64(max(n-overlap, 1))
	}
	return slices.Sorted(maps.Keys(seen)), nil
}

func TestNoPlaintextAtRest(t *testing.T) {
	t.Parallel()
	v, dir := newTestVault(t, Options{})
	if _, _, err := v.Put(ctx, loadFixtures(t)); err != nil {
		t.Fatal(err)
	}
	// While open, the records sit in Badger's write-ahead log.
	grepTree(t, dir, sentinels)
	if err := v.Close(); err != nil {
		t.Fatal(err)
	}
	grepTree(t, dir, sentinels)
	for path, want := range map[string]fs.FileMode{dir: 0o700, filepath.Join(dir, keyringFile): 0o600} {
		fi, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		if fi.Mode().Perm() != want {
			t.Errorf("%s has mode %v, want %v", path, fi.Mode().Perm(), want)
		}
	}
}

// TestPutGetList runs on a vault directory: what it stores must survive
// Close and Open.
func TestPutGetList(t *testing.T) {
	t.Parallel()
	v, dir := newTestVault(t, Options{})
	docs := loadFixtures(t)
	ids, _, err := v.Put(ctx, docs)
	if err != nil {
		t.Fatal(err)
	}
	if len(ids) != len(docs) {
		t.Fatalf("got %d IDs for %d testimonies", len(ids), len(docs))
	}
	v.Close()
	// Everything survives a reopen.
	v, err = Open(dir, testPass)
	if err != nil {
		t.Fatal(err)
	}
	defer v.Close()
	for i, id := range ids {
		if err := checkID(id); err != nil {
			t.Fatal(err)
		}
		rec, err := v.Get(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(rec.Canonical, docs[i].Canonical()) || rec.Version != 1 {
			t.Fatalf("Get(%s) = version %d %s, want %s", id, rec.Version, rec.Canonical, docs[i].Canonical())
		}
	}
	list, err := v.List(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != len(ids) {
		t.Fatalf("List has %d records, want %d", len(list), len(ids))
	}
	for _, s := range list {
		if s.Case == "" || s.Created.IsZero() || s.Versions != 1 {
			t.Errorf("incomplete summary %+v", s)
		}
	}
	if _, err := v.Get(ctx, newID()); !errors.Is(err, service.ErrNotFound) {
		t.Fatalf("Get(unknown) = %v, want service.ErrNotFound", err)
	}
	for _, bad := range []string{"", "x", strings.ToUpper(ids[0]), ids[0] + "a", "../../etc/passwd"} {
		var ie *service.InvalidArgumentError
		if _, err := v.Get(ctx, bad); !errors.As(err, &ie) || ie.Arg != "record ID" {
			t.Errorf("Get(%q) = %v, want an invalid record ID", bad, err)
		}
	}
}

func TestReplaceKeepsVersions(t *testing.T) {
	v, _ := newEngine(t, Options{})
	docs := loadFixtures(t)
	ids, _, err := v.Put(ctx, docs[:1])
	if err != nil {
		t.Fatal(err)
	}
	ver, _, err := v.Replace(ctx, ids[0], docs[1])
	if err != nil || ver != 2 {
		t.Fatalf("Replace = %d, %v", ver, err)
	}
	rec, err := v.Get(ctx, ids[0])
	if err != nil || rec.Version != 2 || !bytes.Equal(rec.Canonical, docs[1].Canonical()) {
		t.Fatalf("Get after Replace = %+v, %v", rec, err)
	}
	err = v.store.View(ctx, func(tx store.ReadTx) error {
		ct, err := tx.Get(versionKey(ids[0], 1))
		if err != nil {
			return err
		}
		body, err := envelope.Open(ct, envelope.Version{ID: ids[0], Version: 1}, v.secrets().Identity)
		if err == nil && !bytes.Equal(body, docs[0].Canonical()) {
			err = errors.New("version 1 changed")
		}
		return err
	})
	if err != nil {
		t.Fatalf("old version: %v", err)
	}
	if _, _, err := v.Replace(ctx, newID(), docs[0]); !errors.Is(err, service.ErrNotFound) {
		t.Fatalf("Replace(unknown) = %v, want service.ErrNotFound", err)
	}
}

// treeDigest hashes every file name, mode and content under dir.
func treeDigest(t *testing.T, dir string) [32]byte {
	t.Helper()
	h := sha256.New()
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		fi, err := d.Info()
		if err != nil {
			return err
		}
		io.WriteString(h, path+fi.Mode().String()+"\x00")
		if !d.IsDir() {
			data, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			h.Write(data)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	var sum [32]byte
	h.Sum(sum[:0])
	return sum
}

func TestWrongPassphraseChangesNothing(t *testing.T) {
	v, dir := newTestVault(t, Options{})
	if _, _, err := v.Put(ctx, loadFixtures(t)); err != nil {
		t.Fatal(err)
	}
	v.Close()
	before := treeDigest(t, dir)
	if _, err := Open(dir, "wrong"); !errors.Is(err, service.ErrWrongPassphrase) {
		t.Fatalf("Open with a wrong passphrase = %v", err)
	}
	if treeDigest(t, dir) != before {
		t.Fatal("a failed unseal changed the vault directory")
	}
	if _, err := Open(t.TempDir(), testPass); !errors.Is(err, ErrNotVault) {
		t.Fatalf("Open(empty dir) = %v, want ErrNotVault", err)
	}
}

// TestSecondOpenIsInUse runs on a vault directory: the lock is Badger's,
// on the database directory.
func TestSecondOpenIsInUse(t *testing.T) {
	v, dir := newTestVault(t, Options{})
	defer v.Close()
	if _, err := Open(dir, testPass); !errors.Is(err, service.ErrInUse) {
		t.Fatalf("second Open = %v, want service.ErrInUse", err)
	}
}

func TestInitRefusesNonEmptyDir(t *testing.T) {
	_, dir := newTestVault(t, Options{})
	if _, err := Init(ctx, dir, testPass, Options{}); !errors.Is(err, ErrExists) {
		t.Fatalf("Init over a vault = %v, want ErrExists", err)
	}
	for _, bad := range []Options{
		{Escrow: []string{"age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p"}},
		{Escrow: []string{"age1pq1notarecipient"}},
	} {
		dir := filepath.Join(t.TempDir(), "v")
		if _, err := Init(ctx, dir, testPass, bad); err == nil {
			t.Errorf("Init with escrow %q succeeded", bad.Escrow)
		}
		if _, err := os.Stat(dir); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("failed Init left %s behind", dir)
		}
	}
}

func TestIntegrityErrors(t *testing.T) {
	raw := memstore.New()
	v, _ := newEngineOn(t, raw, Options{})
	ids, _, err := v.Put(ctx, loadFixtures(t))
	if err != nil {
		t.Fatal(err)
	}
	a, b, c := ids[0], ids[1], ids[2]
	// The attacker writes the store under the seal, without its key.
	mutate := func(fn func(tx store.Tx) error) {
		t.Helper()
		if err := raw.Update(ctx, fn); err != nil {
			t.Fatal(err)
		}
	}
	// Flip one byte of a's stored ciphertext.
	mutate(func(tx store.Tx) error {
		ct, err := tx.Get(versionKey(a, 1))
		if err != nil {
			return err
		}
		ct[len(ct)-20] ^= 0x40
		return tx.Set(versionKey(a, 1), ct)
	})
	// Store c's ciphertext under b: valid age, wrong binding.
	mutate(func(tx store.Tx) error {
		ct, err := tx.Get(versionKey(c, 1))
		if err != nil {
			return err
		}
		return tx.Set(versionKey(b, 1), ct)
	})
	for _, id := range []string{a, b} {
		_, err := v.Get(ctx, id)
		var ie *service.IntegrityError
		if !errors.As(err, &ie) || ie.ID != id || !strings.Contains(err.Error(), id) {
			t.Errorf("Get(%s) = %v, want an service.IntegrityError naming it", id, err)
		}
	}
	// An index entry moved to another record fails too.
	mutate(func(tx store.Tx) error {
		raw, err := tx.Get(indexKey(a))
		if err != nil {
			return err
		}
		return tx.Set(indexKey(c), raw)
	})
	var ie *service.IntegrityError
	if _, err := v.Get(ctx, c); !errors.As(err, &ie) || ie.ID != c {
		t.Errorf("Get with a swapped index entry = %v", err)
	}
	if _, err := v.List(ctx, ""); !errors.As(err, &ie) {
		t.Errorf("List over a damaged index = %v, want an service.IntegrityError", err)
	}
}

// failingStore fails the nth Set of any transaction.
type failingStore struct {
	store.Store
	n int
}

type failingTx struct {
	store.Tx
	left *int
}

func (f failingStore) Update(ctx context.Context, fn func(store.Tx) error) error {
	left := f.n
	return f.Store.Update(ctx, func(tx store.Tx) error { return fn(failingTx{tx, &left}) })
}

func (f failingTx) Set(k, v []byte) error {
	if *f.left--; *f.left == 0 {
		return errors.New("injected write failure")
	}
	return f.Tx.Set(k, v)
}

func TestPutIsAllOrNothing(t *testing.T) {
	v, _ := newEngine(t, Options{})
	docs := loadFixtures(t)
	real, realAudit := v.store, v.audit
	v.store = failingStore{real, 2*len(docs) - 1}
	v.audit = auditor{audit.NewBatcher(v.store, signerOf(t, v), nil), v}
	if _, _, err := v.Put(ctx, docs); err == nil {
		t.Fatal("Put succeeded through a failing store")
	}
	v.audit.Close()
	v.store, v.audit = real, realAudit
	list, err := v.List(ctx, "")
	if err != nil || len(list) != 0 {
		t.Fatalf("after a failed Put, List = %d records, %v", len(list), err)
	}
}

func TestEscrowDecryptsExport(t *testing.T) {
	escrow, err := age.GenerateHybridIdentity()
	if err != nil {
		t.Fatal(err)
	}
	v, _ := newEngine(t, Options{Escrow: []string{escrow.Recipient().String()}})
	docs := loadFixtures(t)
	ids, _, err := v.Put(ctx, docs[:1])
	if err != nil {
		t.Fatal(err)
	}
	ct, err := v.ExportRaw(ctx, ids[0])
	if err != nil {
		t.Fatal(err)
	}
	body, err := envelope.Open(ct, envelope.Version{ID: ids[0], Version: 1}, escrow)
	if err != nil || !bytes.Equal(body, docs[0].Canonical()) {
		t.Fatalf("escrow open = %q, %v", body, err)
	}
}

// TestGrepFile is grepTree's positive control: it finds a needle after a
// hole, across a chunk boundary, and in any case.
func TestGrepFile(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "sparse")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	const needle = "Needle-7f3a"
	f.WriteAt([]byte("start NEEDLE-7F3A"), 0)
	f.WriteAt([]byte("x needle-7f3a y"), 64<<20) // after a 64 MiB hole
	f.WriteAt([]byte("Needle-7f3a"), 68<<20-5)   // across the 4 MiB chunks
	f.WriteAt([]byte("end"), 200<<20)
	f.Close()
	found, err := grepFile(path, [][]byte{bytes.ToLower([]byte(needle)), []byte("absent")}, 4*len(needle))
	if err != nil || !slices.Equal(found, []string{"needle-7f3a"}) {
		t.Fatalf("grepFile = %q, %v", found, err)
	}
	// Each occurrence alone is found too.
	for _, off := range []int64{0, 64 << 20, 68<<20 - 5} {
		p := filepath.Join(t.TempDir(), "one")
		g, _ := os.Create(p)
		g.WriteAt([]byte(needle), off)
		g.WriteAt([]byte("end"), 100<<20)
		g.Close()
		if found, err := grepFile(p, [][]byte{bytes.ToLower([]byte(needle))}, 4*len(needle)); err != nil || len(found) != 1 {
			t.Errorf("needle at %d: found %q, %v", off, found, err)
		}
	}
}

// signerOf returns the signer of v's log, for tests that sign as the
// vault would.
func signerOf(t testing.TB, v *Vault) note.Signer {
	t.Helper()
	s, err := note.NewSigner(v.auditKey())
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// derive gives keys.Derive's key for each root and label, and keeps at
// most maxDerived of them however many labels requests name.
func TestDerive(t *testing.T) {
	v, _ := newEngine(t, Options{})
	root := v.secrets().LineageRoot()
	for i := range maxDerived + 5 {
		for _, label := range []string{keys.PersonIndex, keys.Pseudonym(fmt.Sprint("domain", i))} {
			if got, want := v.derive(root, label), keys.Derive(root, label); !bytes.Equal(got, want) {
				t.Fatalf("derive(%q) = %x, want %x", label, got, want)
			}
		}
		if n := len(v.derived); n > maxDerived {
			t.Fatalf("derive keeps %d keys, want at most %d", n, maxDerived)
		}
	}
}
