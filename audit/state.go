package audit

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"slices"
	"strings"

	"golang.org/x/mod/sumdb/tlog"

	"github.com/tvault/tvault/vault/store"
	"github.com/tvault/tvault/vault/store/sealedstore"
)

// The log authenticates the state: the entry of every write commits to
// what the write stored, so that replaying the log's manifests in order
// gives the whole state the store must hold.
//
// A Batcher records what each job's fn sets and deletes, and when it
// writes anything, stores a manifest of it under "audit/s/<i>" (i the
// entry's index, as for "audit/e/") and puts the manifest's SHA-256, in
// lowercase hex, in the entry as the attribute StateAttr. The entry is a
// leaf of the Merkle tree, so a signed checkpoint covers the manifest,
// which covers the values. Keys under KeyPrefix are not in manifests: the
// log authenticates them itself (LogKey).
//
// A manifest is lines, each ending in a newline:
//
//	tvault-state/v1
//	set <key> <sha256>      the key was set to a value with that SHA-256
//	del <key>               the key was deleted
//
// The first line names the format; then one line per key, in strictly
// ascending byte order of the keys, at least one. A hash is 64 lowercase
// hex digits. A key is written as it is, except that each byte outside
// '!' to '~', and each '%', is written as %XX with uppercase hex digits.
// Every manifest has exactly one encoding; ParseManifest rejects all
// others.

// StateAttr is the attribute of an entry that holds the SHA-256 of its
// write's manifest.
const StateAttr = "state"

// KeyPrefix begins every store key of the log.
const KeyPrefix = "audit/"

const (
	statePrefix    = "audit/s/"
	manifestHeader = "tvault-state/v1\n"
)

// A Change is what one write did to one key: set it to a value whose
// SHA-256 is Hash, or delete it.
type Change struct {
	Key     string
	Deleted bool
	Hash    [sha256.Size]byte // zero when Deleted
}

// A Manifest is what one write did to the store: its changes, sorted by
// key, one per key.
type Manifest []Change

// ErrReservedKey is returned by a Batcher's transaction for a write by a
// job to a key under KeyPrefix, which only the log writes.
var ErrReservedKey = errors.New("key is reserved for the audit log")

// MarshalText returns the encoding of m. It fails for a manifest that is
// empty, or not sorted by key with keys unique and not empty.
func (m Manifest) MarshalText() ([]byte, error) {
	if len(m) == 0 {
		return nil, errors.New("empty state manifest")
	}
	b := []byte(manifestHeader)
	for i, c := range m {
		if c.Key == "" || i > 0 && m[i-1].Key >= c.Key {
			return nil, errors.New("state manifest: keys empty, not sorted or repeated")
		}
		if c.Deleted {
			b = append(b, "del "...)
			b = appendKey(b, c.Key)
		} else {
			b = append(b, "set "...)
			b = appendKey(b, c.Key)
			b = append(b, ' ')
			b = hex.AppendEncode(b, c.Hash[:])
		}
		b = append(b, '\n')
	}
	return b, nil
}

func keyByteEscaped(c byte) bool { return c < '!' || c > '~' || c == '%' }

func appendKey(b []byte, key string) []byte {
	const upperHex = "0123456789ABCDEF"
	for i := 0; i < len(key); i++ {
		c := key[i]
		if keyByteEscaped(c) {
			b = append(b, '%', upperHex[c>>4], upperHex[c&15])
		} else {
			b = append(b, c)
		}
	}
	return b
}

func parseKey(s string) (string, bool) {
	if s == "" || len(s) > 3*store.MaxKeySize {
		return "", false
	}
	var b []byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '%' {
			if keyByteEscaped(c) {
				return "", false
			}
			b = append(b, c)
			continue
		}
		if i+2 >= len(s) {
			return "", false
		}
		x, err := hex.DecodeString(s[i+1 : i+3])
		if err != nil || !keyByteEscaped(x[0]) || strings.ToUpper(s[i+1:i+3]) != s[i+1:i+3] {
			return "", false
		}
		b = append(b, x[0])
		i += 2
	}
	return string(b), true
}

// ParseManifest parses the encoding of a manifest, strictly.
func ParseManifest(b []byte) (Manifest, error) {
	rest, ok := bytes.CutPrefix(b, []byte(manifestHeader))
	if !ok {
		return nil, errors.New("state manifest: missing header")
	}
	if len(rest) == 0 {
		return nil, errors.New("state manifest: no changes")
	}
	if rest[len(rest)-1] != '\n' {
		return nil, errors.New("state manifest: last line does not end in a newline")
	}
	var m Manifest
	for n, line := range strings.SplitAfter(string(rest[:len(rest)-1]), "\n") {
		line = strings.TrimSuffix(line, "\n")
		c, err := parseChange(line)
		if err != nil {
			return nil, fmt.Errorf("state manifest: line %d: %w", n+2, err)
		}
		if len(m) > 0 && m[len(m)-1].Key >= c.Key {
			return nil, fmt.Errorf("state manifest: line %d: keys not sorted or repeated", n+2)
		}
		m = append(m, c)
	}
	return m, nil
}

func parseChange(line string) (Change, error) {
	op, rest, _ := strings.Cut(line, " ")
	switch op {
	case "del":
		k, ok := parseKey(rest)
		if !ok {
			return Change{}, errors.New("malformed key")
		}
		return Change{Key: k, Deleted: true}, nil
	case "set":
		ks, hs, _ := strings.Cut(rest, " ")
		k, ok := parseKey(ks)
		if !ok {
			return Change{}, errors.New("malformed key")
		}
		c := Change{Key: k}
		if len(hs) != 2*sha256.Size || strings.ToLower(hs) != hs {
			return Change{}, errors.New("malformed hash")
		}
		if _, err := hex.Decode(c.Hash[:], []byte(hs)); err != nil {
			return Change{}, errors.New("malformed hash")
		}
		return c, nil
	}
	return Change{}, errors.New("not a set or del line")
}

// recordingTx is a job's view of a Batcher's transaction: it records the
// job's writes, and refuses writes to the log's keys.
type recordingTx struct {
	store.Tx
	changes map[string]Change
}

func (t *recordingTx) Set(key, value []byte) error {
	if bytes.HasPrefix(key, []byte(KeyPrefix)) {
		return fmt.Errorf("set %q: %w", key, ErrReservedKey)
	}
	if err := t.Tx.Set(key, value); err != nil {
		return err
	}
	t.record(Change{Key: string(key), Hash: sha256.Sum256(value)})
	return nil
}

func (t *recordingTx) Delete(key []byte) error {
	if bytes.HasPrefix(key, []byte(KeyPrefix)) {
		return fmt.Errorf("delete %q: %w", key, ErrReservedKey)
	}
	if err := t.Tx.Delete(key); err != nil {
		return err
	}
	t.record(Change{Key: string(key), Deleted: true})
	return nil
}

func (t *recordingTx) record(c Change) {
	if t.changes == nil {
		t.changes = make(map[string]Change)
	}
	t.changes[c.Key] = c
}

// manifest returns the recorded changes, sorted by key.
func (t *recordingTx) manifest() Manifest {
	m := make(Manifest, 0, len(t.changes))
	for _, c := range t.changes {
		m = append(m, c)
	}
	slices.SortFunc(m, func(a, b Change) int { return strings.Compare(a.Key, b.Key) })
	return m
}

// putState stores the manifest of what t recorded for e, the next entry
// of the log in tx, and sets e's StateAttr to its hash; or, if t recorded
// nothing, removes the attribute. The attribute is the Batcher's alone.
func putState(tx store.Tx, e *Entry, t *recordingTx) error {
	if len(t.changes) == 0 {
		e.Attrs = slices.DeleteFunc(e.Attrs, func(a Attr) bool { return a.Key == StateAttr })
		return nil
	}
	b, err := t.manifest().MarshalText()
	if err != nil {
		return err
	}
	n, err := Size(tx)
	if err != nil {
		return err
	}
	if err := tx.Set(indexKey(statePrefix, n), b); err != nil {
		return err
	}
	sum := sha256.Sum256(b)
	e.SetAttr(StateAttr, hex.EncodeToString(sum[:]))
	return nil
}

// A StateError reports a manifest that is missing, fails to read, does
// not parse or does not match the hash its entry holds.
type StateError struct {
	Seq int64 // index of the entry
	Err error
}

func (e *StateError) Error() string {
	return fmt.Sprintf("state manifest of audit entry %d: %v", e.Seq, e.Err)
}

func (e *StateError) Unwrap() error { return e.Err }

// ReadStates calls fn, in log order, for each of the first n entries that
// records a write, with its index and manifest. A manifest that is
// missing, damaged, malformed or not the one its entry commits to is
// passed to fn as a *StateError, with a nil manifest, and the replay goes
// on. An entry that cannot be read ends it with an error (VerifyStored
// says more).
func ReadStates(rtx store.ReadTx, n int64, fn func(seq int64, m Manifest, err error) error) error {
	// One pass over the entries, not a point lookup each.
	return scanEntries(rtx, 0, n, func(i int64, b []byte) error {
		e, err := parseAt(i, b)
		if err != nil {
			return err
		}
		want := e.Attr(StateAttr)
		if want == "" {
			return nil
		}
		seq := int64(e.Seq)
		m, err := readState(rtx, seq, want)
		if err != nil {
			return fn(seq, nil, &StateError{Seq: seq, Err: err})
		}
		return fn(seq, m, nil)
	})
}

func readState(rtx store.ReadTx, seq int64, want string) (Manifest, error) {
	b, err := rtx.Get(indexKey(statePrefix, seq))
	if errors.Is(err, store.ErrNotFound) {
		return nil, errors.New("missing")
	}
	if err != nil {
		return nil, err
	}
	if sum := sha256.Sum256(b); hex.EncodeToString(sum[:]) != want {
		return nil, errors.New("does not match the hash in its entry")
	}
	return ParseManifest(b)
}

// LogKey reports whether key, under KeyPrefix, is one that a log of n
// entries holds, given which entries record a write (hasState) and which
// blocks are stored (as StoredBlocks returns): an entry or a stored hash
// not in a stored block, a complete block of entries (entryblocks.go) or
// of hashes (blocks.go), a manifest, the size, the checkpoint or a
// handover (rotate.go). The values are checked by VerifyStored and
// ReadStates; a key under KeyPrefix for which LogKey is false is one the
// log never wrote, or one beside the block that replaced it, which no
// reader reads.
func LogKey(key []byte, n int64, hasState func(seq int64) bool, stored Blocks) bool {
	switch {
	case string(key) == sizeKey || string(key) == checkpointKey:
		return true
	case bytes.HasPrefix(key, []byte(entryPrefix)):
		i, ok := parseIndexKey(entryPrefix, key)
		return ok && i < n && !has(stored.Entries, i>>entryBlockBits)
	case bytes.HasPrefix(key, []byte(entryBlockPrefix)):
		b, ok := parseIndexKey(entryBlockPrefix, key)
		return ok && b < completeEntryBlocks(n)
	case bytes.HasPrefix(key, []byte(hashPrefix)):
		i, ok := parseIndexKey(hashPrefix, key)
		return ok && i < tlog.StoredHashCount(n) && !has(stored.Hashes, i>>hashBlockBits)
	case bytes.HasPrefix(key, []byte(hashBlockPrefix)):
		b, ok := parseIndexKey(hashBlockPrefix, key)
		return ok && b < completeBlocks(tlog.StoredHashCount(n))
	case bytes.HasPrefix(key, []byte(statePrefix)):
		i, ok := parseIndexKey(statePrefix, key)
		return ok && i < n && hasState(i)
	case bytes.HasPrefix(key, []byte(handoverPrefix)):
		i, ok := parseIndexKey(handoverPrefix, key)
		return ok && i < n
	}
	return false
}

// Attest records, in the manifest of the Batcher job whose transaction tx
// is, that key holds value, without writing it: the baseline of a store
// written before its log committed to its writes. It fails on any other
// transaction, and for a key under KeyPrefix.
func Attest(tx store.Tx, key, value []byte) error {
	r, ok := tx.(*recordingTx)
	switch {
	case !ok:
		return errors.New("attest outside a Batcher job")
	case bytes.HasPrefix(key, []byte(KeyPrefix)):
		return fmt.Errorf("attest %q: %w", key, ErrReservedKey)
	}
	r.record(Change{Key: string(key), Hash: sha256.Sum256(value)})
	return nil
}

// HasStates reports whether the log in rtx holds any manifest.
func HasStates(rtx store.ReadTx) (bool, error) {
	found := errors.New("found")
	err := rtx.Scan([]byte(statePrefix), func(_, _ []byte) error { return found })
	if err == found {
		return true, nil
	}
	return false, err
}

// Blocks lists the blocks of a log's entries and of its hashes stored in
// a store, by index, ascending.
type Blocks struct {
	Entries, Hashes []int64
}

func has(blocks []int64, b int64) bool {
	_, ok := slices.BinarySearch(blocks, b)
	return ok
}

// StoredBlocks returns the blocks of the log's entries and hashes stored
// in rtx, for LogKey. It reads their keys, not what they hold.
func StoredBlocks(rtx store.ReadTx) (Blocks, error) {
	var bs Blocks
	for _, p := range []struct {
		prefix string
		into   *[]int64
	}{{entryBlockPrefix, &bs.Entries}, {hashBlockPrefix, &bs.Hashes}} {
		err := sealedstore.ScanSealed(rtx, []byte(p.prefix), func(key []byte, _ sealedstore.Sealed) error {
			if b, ok := parseIndexKey(p.prefix, key); ok {
				*p.into = append(*p.into, b)
			}
			return nil
		})
		if err != nil {
			return Blocks{}, err
		}
	}
	return bs, nil
}
