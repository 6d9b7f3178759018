package vault

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/tvault/tvault/audit"
	"github.com/tvault/tvault/vault/names"
	"github.com/tvault/tvault/vault/store"
	"github.com/tvault/tvault/vault/view"
)

// The registry as free text is searched for it (researcher views, the
// checks of what users type for the audit log) is read and decrypted
// once per open vault and kept, with the name matcher built from it:
// building a matcher costs seconds for 100,000 persons, a view of one
// record milliseconds. Every audited write goes through the watched
// store (watchedStore), which stages in the cache each person the
// transaction writes or deletes before it commits, so that a record a
// reader can see is never rendered with a matcher that lacks its
// persons; a write that fails is undone in the cache by reading back
// what the store holds. The matcher is rebuilt, from memory, only when a
// name, alias, contact or residence changed. The cache is key-derived
// plaintext: Close drops it. In a store other processes write to
// (v.shared), each write of persons also replaces the registry mark, and
// refresh drops the cache when the mark is not the one it last saw.

// regPerson is what the cache keeps of a registered person: its ID, key,
// names and values packed in one string (each a uvarint length and its
// bytes; aliases and values after their count), which the cache's map
// and the matcher slice rather than copy: a struct of strings and
// slices per person was 23 MB of a 100,000-person registry.
type regPerson struct {
	packed string
	merged bool
}

func regPersonOf(p *person) *regPerson {
	var b []byte
	field := func(s string) {
		b = binary.AppendUvarint(b, uint64(len(s)))
		b = append(b, s...)
	}
	list := func(ls ...[]string) {
		n := 0
		for _, l := range ls {
			n += len(l)
		}
		b = binary.AppendUvarint(b, uint64(n))
		for _, l := range ls {
			for _, s := range l {
				field(s)
			}
		}
	}
	field(p.ID)
	field(p.Key)
	field(p.Name)
	list(p.Aliases, p.PastNames)
	list([]string{p.Contact, p.Residence}, p.PastContacts, p.PastResidences)
	return &regPerson{packed: string(b), merged: p.MergedInto != ""}
}

// unpack returns p's ID, key and names, slices of p.packed.
func (p *regPerson) unpack() (key string, np names.Person) {
	s := p.packed
	field := func() (f string) {
		f, s = packedField(s)
		return f
	}
	list := func() []string {
		n, k := binary.Uvarint([]byte(s[:min(len(s), binary.MaxVarintLen64)]))
		s = s[k:]
		if n == 0 {
			return nil
		}
		l := make([]string, n)
		for i := range l {
			l[i] = field()
		}
		return l
	}
	np.ID = field()
	key = field()
	np.Name = field()
	np.Aliases = list()
	np.Values = list()
	return key, np
}

// id returns p's person ID, the first field packed.
func (p *regPerson) id() string {
	id, _ := packedField(p.packed)
	return id
}

// packedField returns the field s starts with (its length, a uvarint,
// then its bytes) and the rest of s.
func packedField(s string) (field, rest string) {
	n, k := binary.Uvarint([]byte(s[:min(len(s), binary.MaxVarintLen64)]))
	return s[k : k+int(n)], s[k+int(n):]
}

// same reports whether a and b match the same text under the same keys.
func (a *regPerson) same(b *regPerson) bool {
	return a.packed == b.packed && a.merged == b.merged
}

// registryCache is the vault's cache of the registry. Its lock is never
// held across a store call: a store may hold its own lock while a
// transaction stages into the cache.
type registryCache struct {
	mu sync.Mutex
	// persons maps every person ID, merged ones too, to what the cache
	// keeps of it; nil until loaded.
	persons map[string]*regPerson
	// epoch counts resets: a load begun before one is discarded.
	epoch uint64
	// staged holds the writes of transactions not yet ended (nil: the
	// person is deleted); settled, while a load runs, those that ended
	// meanwhile. A load lays both over what it read.
	staged, settled map[string]*regPerson
	loading         bool
	// changed counts the changes to names and keys; matcher and keys
	// are those of change built.
	changed, built uint64
	matcher        *names.Matcher
	keys           *keySet
	// domains are the domain names that passed domainName's checks
	// against matcher, at most maxCleanDomains, so that names a user
	// makes up do not grow it.
	domains map[string]bool
	// wait is closed when the load or build under way ends; nil if none.
	wait chan struct{}
	// mark is the registry mark of the store the cache was last known to
	// match (v.shared only).
	mark []byte
}

// registryMarkKey holds the registry mark of a vault in a shared store.
var registryMarkKey = []byte("registry/mark")

// readRegistryMark returns the registry mark, nil if no write of persons
// to a shared store made one.
func readRegistryMark(tx store.ReadTx) ([]byte, error) {
	mark, err := tx.Get(registryMarkKey)
	if errors.Is(err, store.ErrNotFound) {
		return nil, nil
	}
	return mark, err
}

// sawMark drops the cache if mark, read at the start of an operation, is
// not the one it last saw: another process wrote persons since.
func (c *registryCache) sawMark(mark []byte) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if !bytes.Equal(mark, c.mark) {
		c.reset()
		c.mark = mark
	}
}

// names returns the matcher of every registered person not merged into
// another (a merged person's names are the kept one's aliases; past
// names, contacts and residences count as the current ones do) and the
// set of every witness key a person was registered under, merged ones
// too. It loads
// the registry on first use and rebuilds the matcher after a change of
// names. Callers must call it after reading what they will match it
// against: a matcher returned earlier may lack the persons of a write
// committed since.
func (v *Vault) names(ctx context.Context) (*names.Matcher, *keySet, error) {
	c := &v.reg
	for {
		c.mu.Lock()
		if c.persons != nil && c.matcher != nil && c.built == c.changed {
			m, keys := c.matcher, c.keys
			c.mu.Unlock()
			return m, keys, nil
		}
		if w := c.wait; w != nil {
			c.mu.Unlock()
			select {
			case <-w:
				continue
			case <-ctx.Done():
				return nil, nil, ctx.Err()
			}
		}
		w := make(chan struct{})
		c.wait = w
		var err error
		if c.persons == nil {
			err = c.load(ctx, v)
		} else {
			err = c.build()
		}
		c.wait = nil
		close(w)
		c.mu.Unlock()
		if err != nil {
			return nil, nil, err
		}
	}
}

// load reads and decrypts the registry. It is called, and returns, with
// c.mu held, which it releases while it reads.
func (c *registryCache) load(ctx context.Context, v *Vault) error {
	epoch := c.epoch
	c.loading, c.settled = true, map[string]*regPerson{}
	c.mu.Unlock()
	persons := map[string]*regPerson{}
	err := v.store.View(ctx, func(tx store.ReadTx) error {
		clear(persons)
		return tx.Scan([]byte(personPrefix), func(key, _ []byte) error {
			p, err := v.readPerson(tx, string(key[len(personPrefix):]))
			if err != nil {
				return err
			}
			rp := regPersonOf(p)
			persons[rp.id()] = rp // the ID's bytes once, in rp
			return nil
		})
	})
	c.mu.Lock()
	c.loading = false
	settled := c.settled
	c.settled = nil
	if err != nil {
		return fmt.Errorf("failed to read the person registry: %w", err)
	}
	if epoch != c.epoch {
		return nil // reset meanwhile: the caller loads again
	}
	for _, m := range []map[string]*regPerson{settled, c.staged} {
		for id, p := range m {
			if p == nil {
				delete(persons, id)
			} else {
				persons[id] = p
			}
		}
	}
	c.persons = persons
	c.changed++
	return nil
}

// build builds the matcher and key list of the persons cached. It is
// called, and returns, with c.mu held, which it releases while it builds.
func (c *registryCache) build() error {
	at := c.changed
	var list []names.Person
	keys := &keySet{set: make(map[string]*regPerson, len(c.persons))}
	for _, p := range c.persons {
		key, np := p.unpack()
		if _, twice := keys.set[key]; twice {
			keys.set[key] = nil // the store's blind index tells which
		} else {
			keys.set[key] = p
		}
		keys.longest = max(keys.longest, len(key))
		if !p.merged {
			list = append(list, np)
		}
	}
	c.mu.Unlock()
	m, err := names.NewMatcher(list)
	if err == nil {
		keys.screen = view.NewScreener(m, list)
	}
	c.mu.Lock()
	if err != nil {
		return fmt.Errorf("failed to build the name matcher: %w", err)
	}
	if at == c.changed && c.persons != nil {
		c.matcher, c.keys, c.built, c.domains = m, keys, at, nil
	}
	return nil
}

// keySet is a set of witness keys, as registered (in capitals), with the
// screener of the same registry (view.Screener), built with the matcher.
// set maps each key to the person registered under it (nil if more than
// one person has it).
type keySet struct {
	set     map[string]*regPerson
	longest int
	screen  *view.Screener
}

// kept returns the ID of the person registered under witnessKey if that
// person was not merged into another, "" if ks cannot tell: the key is
// not in it (a person erased, or never registered), or its person was
// merged (the store follows the merge). The cache stages each write of
// persons before it commits (watchedTx), and names rebuilds ks after
// one, so that an erasure or a merge committed before a record was read
// is in a ks taken after: an erased person never comes back from it.
func (ks *keySet) kept(witnessKey string) string {
	p := ks.set[normaliseWitnessKey(witnessKey)]
	if p == nil || p.merged {
		return ""
	}
	return p.id()
}

// has reports whether key is in ks.
func (ks *keySet) has(key string) bool {
	_, ok := ks.set[key]
	return ok
}

// in reports whether s holds a key of ks with no letter or digit either
// side. It looks up the words of s that start where a key could, not
// every key in s: the registry may hold 100,000 keys.
func (ks *keySet) in(s string) bool {
	for i := 0; i < len(s); {
		if before, _ := utf8.DecodeLastRuneInString(s[:i]); !isWordRune(before) {
			for j := i + 1; j <= min(len(s), i+ks.longest); j++ {
				if after, _ := utf8.DecodeRuneInString(s[j:]); ks.has(s[i:j]) && !isWordRune(after) {
					return true
				}
			}
		}
		_, n := utf8.DecodeRuneInString(s[i:])
		i += n
	}
	return false
}

// put puts p (nil: deleted) as person id in c.persons, if loaded, and
// counts a change if it is one. c.mu is held.
func (c *registryCache) put(id string, p *regPerson) {
	if c.persons == nil {
		return
	}
	old, ok := c.persons[id]
	switch {
	case p == nil && !ok:
		return
	case p == nil:
		delete(c.persons, id)
	case ok && old.same(p):
		return
	default:
		c.persons[id] = p
	}
	c.changed++
}

// stage records that a transaction wrote person id (nil: deleted it).
func (c *registryCache) stage(id string, p *regPerson) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.staged == nil {
		c.staged = map[string]*regPerson{}
	}
	c.staged[id] = p
	c.put(id, p)
}

// settle records that the transaction that staged ids committed. In a
// shared store, it replaced the registry mark prev with mark: if the
// cache did not match prev, another process wrote persons the cache
// lacks, and it is dropped.
func (c *registryCache) settle(ids []string, prev, mark []byte) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if mark != nil {
		if !bytes.Equal(prev, c.mark) {
			c.reset()
		}
		c.mark = mark
	}
	for _, id := range ids {
		if p, ok := c.staged[id]; ok {
			if c.loading {
				c.settled[id] = p
			}
			delete(c.staged, id)
		}
	}
}

// revert undoes what the failed transaction that staged ids put in the
// cache: it reads back what the store holds of them. Writes are audited
// and the audit log commits one transaction at a time, so no other write
// of persons runs meanwhile. If the store cannot be read, the cache is
// dropped.
func (c *registryCache) revert(ctx context.Context, v *Vault, ids []string) {
	back := map[string]*regPerson{}
	err := v.store.View(context.WithoutCancel(ctx), func(tx store.ReadTx) error {
		for _, id := range ids {
			var p person
			err := getJSON(tx, personKey(id), &p)
			switch {
			case errors.Is(err, store.ErrNotFound):
				back[id] = nil
			case err != nil:
				return err
			default:
				back[id] = regPersonOf(&p)
			}
		}
		return nil
	})
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, id := range ids {
		delete(c.staged, id)
	}
	if err != nil {
		c.reset()
		return
	}
	for id, p := range back {
		if c.loading {
			c.settled[id] = p
		}
		c.put(id, p)
	}
}

// reset drops the cache; c.mu is held.
func (c *registryCache) reset() {
	c.persons, c.matcher, c.keys, c.domains = nil, nil, nil, nil
	c.epoch++
}

// maxCleanDomains bounds registryCache.domains.
const maxCleanDomains = 1024

// clean reports whether domain name passed domainName's checks against
// m, the matcher in force.
func (c *registryCache) clean(m *names.Matcher, name string) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.matcher == m && c.domains[name]
}

// passed records that domain name passed domainName's checks against m,
// if m is still the matcher in force.
func (c *registryCache) passed(m *names.Matcher, name string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.matcher != m {
		return
	}
	if c.domains == nil || len(c.domains) >= maxCleanDomains {
		c.domains = map[string]bool{}
	}
	c.domains[name] = true
}

// PersonsChanged drops what the vault keeps of the person registry (the
// names of every person and the matcher built from them, and the
// withdrawals of consent), to be read again from the store when next
// needed. The vault keeps it up to date with its own writes; call
// PersonsChanged when another process may have changed persons in a
// store the vault shares with it.
func (v *Vault) PersonsChanged() {
	v.reg.mu.Lock()
	defer v.reg.mu.Unlock()
	v.reg.reset()
	v.withdrawn.writes.Add(1)
	v.withdrawn.kept.Store(nil)
}

// watchedStore is the store the audit log commits every audited write
// to: it stages in the registry cache the persons a transaction writes,
// and, in a shared store, checks the log against the kept checkpoints
// first (stillExtends).
type watchedStore struct {
	store.Store
	v *Vault
}

func (w watchedStore) Update(ctx context.Context, fn func(store.Tx) error) error {
	var ids []string
	var marks registryMarks
	consent := false
	err := w.Store.Update(ctx, func(tx store.Tx) error {
		marks = registryMarks{} // a retried transaction starts over
		if err := w.v.stillExtends(tx); err != nil {
			return err
		}
		return fn(&watchedTx{Tx: tx, reg: &w.v.reg, ids: &ids, marks: &marks, consent: &consent})
	})
	if consent || len(ids) > 0 {
		w.v.withdrawn.writes.Add(1)
	}
	switch {
	case len(ids) == 0:
	case err != nil:
		w.v.reg.revert(ctx, w.v, ids)
	default:
		w.v.reg.settle(ids, marks.prev, marks.mark)
	}
	return err
}

// registryMarks are the registry mark a transaction found (prev) and the
// one it wrote (mark), nil if it wrote none.
type registryMarks struct{ prev, mark []byte }

// watchedTx stages the persons it writes or deletes, and notes their IDs,
// the registry marks and whether it wrote a person's consent.
type watchedTx struct {
	store.Tx
	reg     *registryCache
	ids     *[]string
	marks   *registryMarks
	consent *bool
}

func (tx *watchedTx) Set(key, value []byte) error {
	if bytes.Equal(key, registryMarkKey) {
		if tx.marks.mark == nil { // the first in the transaction
			prev, err := readRegistryMark(tx.Tx)
			if err != nil {
				return err
			}
			tx.marks.prev = prev
		}
		tx.marks.mark = bytes.Clone(value)
	}
	*tx.consent = *tx.consent || bytes.HasPrefix(key, []byte(pconsPrefix))
	id, ok := strings.CutPrefix(string(key), personPrefix)
	if !ok {
		return tx.Tx.Set(key, value)
	}
	var p person
	if err := json.Unmarshal(value, &p); err != nil {
		return fmt.Errorf("person %s: %w", id, err)
	}
	if err := tx.Tx.Set(key, value); err != nil {
		return err
	}
	*tx.ids = append(*tx.ids, id)
	tx.reg.stage(id, regPersonOf(&p))
	return nil
}

func (tx *watchedTx) Delete(key []byte) error {
	if err := tx.Tx.Delete(key); err != nil {
		return err
	}
	*tx.consent = *tx.consent || bytes.HasPrefix(key, []byte(pconsPrefix))
	if id, ok := strings.CutPrefix(string(key), personPrefix); ok {
		*tx.ids = append(*tx.ids, id)
		tx.reg.stage(id, nil)
	}
	return nil
}

// auditor is the audit log's batcher, which, for a vault in a shared
// store, has each submission that writes or deletes persons replace the
// registry mark too, in its own recorded writes (the log commits to the
// mark as to any key).
type auditor struct {
	*audit.Batcher
	v *Vault
}

// Submit is audit.Batcher's Submit.
func (a auditor) Submit(ctx context.Context, e *audit.Entry, fn func(tx store.Tx) error) error {
	if fn != nil && a.v.shared != nil {
		write := fn
		fn = func(tx store.Tx) error {
			pt := &personsTx{Tx: tx}
			if err := write(pt); err != nil || !pt.wrote {
				return err
			}
			mark := make([]byte, 16)
			rand.Read(mark)
			return tx.Set(registryMarkKey, mark)
		}
	}
	return a.Batcher.Submit(ctx, e, fn)
}

// personsTx notes whether a person was written or deleted through it.
type personsTx struct {
	store.Tx
	wrote bool
}

func (tx *personsTx) Set(key, value []byte) error {
	tx.wrote = tx.wrote || bytes.HasPrefix(key, []byte(personPrefix))
	return tx.Tx.Set(key, value)
}

func (tx *personsTx) Delete(key []byte) error {
	tx.wrote = tx.wrote || bytes.HasPrefix(key, []byte(personPrefix))
	return tx.Tx.Delete(key)
}
