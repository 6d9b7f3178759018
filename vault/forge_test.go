package vault

import (
	"bytes"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/dgraph-io/badger/v4"
	"github.com/dgraph-io/badger/v4/fb"
	"github.com/dgraph-io/badger/v4/y"

	"github.com/tvault/tvault/crypto/keys"
	"github.com/tvault/tvault/vault/policy"
	"github.com/tvault/tvault/vault/store"
	"github.com/tvault/tvault/vault/store/badgerstore"
	"github.com/tvault/tvault/vault/store/sealedstore"
)

// TestForgedPolicyRefused forges the stored policy in a closed vault's
// Badger files the way AES-CTR without a MAC allows: an attacker who knows
// the policy's plaintext P and can write the directory, but has no
// passphrase, XORs P ^ P' into the ciphertext so that it decrypts to a
// policy P' of their choosing. P' shows researchers witness names.
//
// Badger's CRC-32C checksums do not stop it: P' differs from the policy the
// attacker wants only in indentation (spaces or tabs) chosen so that the
// CRC-32C of P ^ P' is that of zeros, which leaves every checksum Badger
// keeps unchanged, over the plaintext of a table block or over the
// ciphertext of a value-log entry, wherever in them the value sits.
//
// Before the sealed store, the vault kept the policy in Badger as it is;
// the test shows Badger returning P' without an error. Through the sealed
// store the same forgery makes Open fail with an integrity error naming
// policy/current.
func TestForgedPolicyRefused(t *testing.T) {
	t.Parallel()
	// Badger keeps a value of 4 KiB or more (badgerstore's value
	// threshold) in its value log and a smaller one in a table: one policy
	// of each size, sealed or not.
	noPublication := policy.Default()
	delete(noPublication.Views, policy.ViewPublication)
	for r, g := range noPublication.Roles {
		g.Views = slices.DeleteFunc(g.Views, func(v string) bool { return v == policy.ViewPublication })
		noPublication.Roles[r] = g
	}
	// Sealed (a 24-byte nonce and a 16-byte tag more), it must stay under
	// the threshold as the default policy grows: the admin's last
	// operations go until it does.
	for len(noPublication.Marshal())+40 >= 4<<10 {
		g := noPublication.Roles[policy.Admin]
		g.Operations = g.Operations[:len(g.Operations)-1]
		noPublication.Roles[policy.Admin] = g
	}
	legalHash := policy.Default()
	g := legalHash.Roles[policy.Legal]
	g.Operations = append(slices.Clone(g.Operations), "audit.hash")
	legalHash.Roles[policy.Legal] = g
	for _, tt := range []struct {
		name  string
		where string
		pol   *policy.Policy
	}{
		{"in a table", "sst", noPublication},
		{"in the value log", "vlog", legalHash},
	} {
		t.Run(tt.name, func(t *testing.T) {
			plain := tt.pol.Marshal()
			forged := crcNeutral(t, plain, researchersSeeNames(t, plain))

			t.Run("without the sealed store", func(t *testing.T) {
				// What the vault stored before: the policy itself, in
				// Badger encrypted under the storage key.
				dir := t.TempDir()
				key := keys.Derive(bytes.Repeat([]byte{7}, keys.RootSize), keys.Storage)
				s, err := badgerstore.Open(dir, key)
				if err != nil {
					t.Fatal(err)
				}
				setRaw(t, s, policyKey, plain)
				if err := s.Close(); err != nil {
					t.Fatal(err)
				}
				// The control: the same forgery without the CRC-neutral
				// indentation changes a checksum, and Badger does not
				// return it. (A table fails to open. A value-log entry
				// is taken for a torn write: Badger cuts the log there
				// and then returns an empty value, with no error.)
				naive := filepath.Join(t.TempDir(), "db")
				if err := os.CopyFS(naive, os.DirFS(dir)); err != nil {
					t.Fatal(err)
				}
				unneutral := researchersSeeNames(t, plain)
				forgeValue(t, naive, key, tt.where, plain, 0, xor(plain, unneutral))
				got, err := getRaw(naive, key, policyKey)
				if err == nil && bytes.Equal(got, unneutral) {
					t.Fatal("Badger's checksums let a CRC-changing forgery through: the control is broken")
				}
				t.Logf("a CRC-changing forgery: Badger returned %d bytes, %v", len(got), err)

				forgeValue(t, dir, key, tt.where, plain, 0, xor(plain, forged))
				got, err = getRaw(dir, key, policyKey)
				if err != nil || !bytes.Equal(got, forged) {
					t.Fatalf("Badger returned %d bytes, %v; want the forged policy", len(got), err)
				}
				// Decode, as the vault loads a stored policy: Parse
				// would refuse this one (policy.ErrResearcherGrant).
				p, err := policy.Decode(bytes.NewReader(got))
				if err != nil {
					t.Fatalf("the forged policy does not decode: %v", err)
				}
				if vw, _ := p.View(policy.Researcher, policy.ViewResearcher); vw.Transform("witness.name") != policy.Keep {
					t.Fatal("the forged policy does not show researchers witness names")
				}
			})

			t.Run("through the sealed store", func(t *testing.T) {
				v, dir := newTestVault(t, Options{})
				if err := v.SetPolicy(ctx, tt.pol); err != nil {
					t.Fatal(err)
				}
				key := keys.Derive(v.secrets().Root, keys.Storage)
				if err := v.Close(); err != nil {
					t.Fatal(err)
				}
				db := filepath.Join(dir, dbDir)
				stored, err := getRaw(db, key, policyKey)
				if err != nil {
					t.Fatal(err)
				}
				// The sealed value is a 24-byte nonce, then the policy
				// XORed with XChaCha20's keystream: as malleable as
				// Badger's AES-CTR, but for its tag.
				const at = 24
				forgeValue(t, db, key, tt.where, stored, at, xor(plain, forged))
				want := bytes.Clone(stored)
				copy(want[at:], xor(want[at:at+len(plain)], xor(plain, forged)))
				if got, err := getRaw(db, key, policyKey); err != nil || !bytes.Equal(got, want) {
					t.Fatalf("Badger returned %d bytes, %v; want the forged bytes", len(got), err)
				}
				_, err = Open(dir, testPass)
				var ce *sealedstore.CorruptError
				if !errors.As(err, &ce) || ce.Key != string(policyKey) || !errors.Is(err, store.ErrCorrupt) {
					t.Fatalf("Open of the forged vault = %v, want an integrity error naming %s", err, policyKey)
				}
				t.Logf("Open: %v", err)
			})
		})
	}
}

// researchersSeeNames returns the canonical policy p with the researcher
// view keeping witness names instead of pseudonymising them, padded to
// p's length with JSON whitespace.
func researchersSeeNames(t *testing.T, p []byte) []byte {
	t.Helper()
	const was, is = `"witness.name": "pseudonymise"`, `"witness.name": "keep"        `
	view := bytes.LastIndex(p, []byte(`"researcher": {`)) // the views come after the roles
	i := bytes.Index(p[max(view, 0):], []byte(was))
	if view < 0 || i < 0 {
		t.Fatal("no researcher view that pseudonymises witness names")
	}
	out := bytes.Clone(p)
	copy(out[view+i:], is)
	return out
}

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// crcLinear is the part of CRC-32C that is linear in the message:
// crc(a ^ b) = crc(a) ^ crcLinear(b) for messages of one length, and
// crcLinear(0...0 || b || 0...0) is zero when crcLinear(b) is.
func crcLinear(b []byte) uint32 {
	return crc32.Checksum(b, castagnoli) ^ crc32.Checksum(make([]byte, len(b)), castagnoli)
}

// crcNeutral turns indentation spaces of forged into tabs until
// crcLinear(plain ^ forged) is zero, solving the 32 linear equations over
// GF(2) by Gaussian elimination. It needs no key: only the two plaintexts.
func crcNeutral(t *testing.T, plain, forged []byte) []byte {
	t.Helper()
	var free []int // indentation both policies share
	for i := 1; i < len(forged) && len(free) < 64; i++ {
		if forged[i] == ' ' && plain[i] == ' ' && (forged[i-1] == '\n' || forged[i-1] == ' ') {
			free = append(free, i)
		}
	}
	type row struct {
		crc  uint32
		uses uint64 // which free positions, as bits
	}
	var basis [32]*row
	for j, pos := range free {
		e := make([]byte, len(plain))
		e[pos] = ' ' ^ '\t'
		r := &row{crcLinear(e), 1 << j}
		for b := 31; b >= 0 && r.crc != 0; b-- {
			if r.crc>>b&1 == 0 {
				continue
			}
			if basis[b] == nil {
				basis[b] = r
				break
			}
			r.crc ^= basis[b].crc
			r.uses ^= basis[b].uses
		}
	}
	want, uses := crcLinear(xor(plain, forged)), uint64(0)
	for b := 31; b >= 0; b-- {
		if want>>b&1 == 0 {
			continue
		}
		if basis[b] == nil {
			t.Fatal("the indentation does not span CRC-32C")
		}
		want ^= basis[b].crc
		uses ^= basis[b].uses
	}
	out := bytes.Clone(forged)
	for j, pos := range free {
		if uses>>j&1 == 1 {
			out[pos] = '\t'
		}
	}
	if crcLinear(xor(plain, out)) != 0 {
		t.Fatal("crcNeutral: the CRC still changes")
	}
	return out
}

func xor(a, b []byte) []byte {
	out := make([]byte, len(a))
	for i := range a {
		out[i] = a[i] ^ b[i]
	}
	return out
}

// forgeValue XORs delta into the ciphertext of a value Badger holds in the
// closed database dir, at offset at of the value, which is stored as Badger
// keeps it; it fails the test unless the value is found exactly once, in
// where ("sst" or "vlog").
//
// It writes nothing but the XOR. To find the bytes in a value-log entry it
// needs no key: entry headers are in clear, and the entry is the one with
// the key's and the value's lengths. To find them in a table it decrypts
// blocks with Badger's data key, which stands in for an attacker who knows
// the layout of the table: every key and every value's length in it.
func forgeValue(t *testing.T, dir string, storageKey []byte, where string, stored []byte, at int, delta []byte) {
	t.Helper()
	type place struct {
		file, where string
		off         int
	}
	var found []place
	vlogs, _ := filepath.Glob(filepath.Join(dir, "*.vlog"))
	for _, f := range vlogs {
		for _, off := range vlogValues(t, f, len(policyKey), len(stored)) {
			found = append(found, place{f, "vlog", off})
		}
	}
	ssts, _ := filepath.Glob(filepath.Join(dir, "*.sst"))
	for _, f := range ssts {
		for _, off := range tableValues(t, f, dataKey(t, dir, storageKey), stored) {
			found = append(found, place{f, "sst", off})
		}
	}
	if len(found) != 1 || found[0].where != where {
		t.Fatalf("found the value at %v, want it once in a .%s file", found, where)
	}
	data, err := os.ReadFile(found[0].file)
	if err != nil {
		t.Fatal(err)
	}
	for i, d := range delta {
		data[found[0].off+at+i] ^= d
	}
	if err := os.WriteFile(found[0].file, data, 0o600); err != nil {
		t.Fatal(err)
	}
}

// vlogValues returns the file offsets of the values of vlen bytes under a
// key of klen bytes in Badger value-log file f. Entries follow a 20-byte
// file header (data key ID, base IV); each is a header in clear (meta,
// user meta, uvarint key length, value length, expiry), then key (with its
// 8-byte version) and value encrypted, then a CRC-32C of all before it.
func vlogValues(t *testing.T, f string, klen, vlen int) []int {
	t.Helper()
	data, err := os.ReadFile(f)
	if err != nil {
		t.Fatal(err)
	}
	var offs []int
	for off := 20; off+2 < len(data); {
		h := off + 2
		var n [3]uint64
		for i := range n {
			v, w := binary.Uvarint(data[h:])
			if w <= 0 {
				t.Fatalf("%s: malformed entry header at %d", f, off)
			}
			n[i], h = v, h+w
		}
		k, v := int(n[0]), int(n[1])
		if k == 0 && v == 0 {
			break // the zeroed header after the last entry
		}
		if k == klen+8 && v == vlen {
			offs = append(offs, h+k)
		}
		off = h + k + v + crc32.Size
	}
	return offs
}

// dataKey returns the one data key in the database's key registry.
func dataKey(t *testing.T, dir string, storageKey []byte) []byte {
	t.Helper()
	kr, err := badger.OpenKeyRegistry(badger.KeyRegistryOptions{Dir: dir, ReadOnly: true, EncryptionKey: storageKey})
	if err != nil {
		t.Fatal(err)
	}
	defer kr.Close()
	dk, err := kr.DataKey(1)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := kr.DataKey(2); err == nil {
		t.Fatal("the key registry holds more than one data key")
	}
	return dk.Data
}

// tableValues returns the file offsets at which stored is in Badger table
// f. A table is its blocks, then its index, the index's length (4 bytes),
// a checksum and the checksum's length (4 bytes); the index and each block
// are encrypted with AES-CTR under the data key, with the IV after them.
func tableValues(t *testing.T, f string, dk, stored []byte) []int {
	t.Helper()
	data, err := os.ReadFile(f)
	if err != nil {
		t.Fatal(err)
	}
	decrypt := func(b []byte) []byte {
		iv := len(b) - 16
		plain, err := y.XORBlockAllocate(b[:iv], dk, b[iv:])
		if err != nil {
			t.Fatal(err)
		}
		return plain
	}
	end := len(data) - 4 - int(binary.BigEndian.Uint32(data[len(data)-4:]))
	indexLen := int(binary.BigEndian.Uint32(data[end-4 : end]))
	index := fb.GetRootAsTableIndex(decrypt(data[end-4-indexLen:end-4]), 0)
	var offs []int
	for i := range index.OffsetsLength() {
		var bo fb.BlockOffset
		index.Offsets(&bo, i)
		start := int(bo.Offset())
		block := decrypt(data[start : start+int(bo.Len())])
		for j := 0; ; j++ {
			k := bytes.Index(block[j:], stored)
			if k < 0 {
				break
			}
			j += k
			offs = append(offs, start+j)
		}
	}
	return offs
}

func setRaw(t *testing.T, s store.Store, key, value []byte) {
	t.Helper()
	if err := s.Update(ctx, func(tx store.Tx) error { return tx.Set(key, value) }); err != nil {
		t.Fatal(err)
	}
}

// getRaw reads key from the Badger database in dir, as it is stored there.
func getRaw(dir string, storageKey, key []byte) ([]byte, error) {
	s, err := badgerstore.Open(dir, storageKey)
	if err != nil {
		return nil, err
	}
	defer s.Close()
	var v []byte
	err = s.View(ctx, func(tx store.ReadTx) error {
		v, err = tx.Get(key)
		return err
	})
	return v, err
}
