// Package memstore is an in-memory implementation of the store contract.
//
// It keeps nothing on disk, so it holds no vault across restarts; it is the
// reference backend that the conformance suite is checked against and the
// store for tests of pure logic that need transactions.
package memstore

import (
	"bytes"
	"context"
	"errors"
	"sort"
	"strings"
	"sync"

	"github.com/tvault/tvault/vault/store"
)

// Store is an in-memory store.Store. Transactions are serialised by a
// mutex, which makes them trivially serialisable.
type Store struct {
	mu     sync.RWMutex
	data   map[string][]byte
	closed bool
}

// New returns an empty store.
func New() *Store {
	return &Store{data: make(map[string][]byte)}
}

var errReadOnly = errors.New("memstore: write in a read-only transaction")

var errClosed = errors.New("memstore: store is closed")

// Update implements store.Store.
func (s *Store) Update(ctx context.Context, fn func(store.Tx) error) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return errClosed
	}
	tx := &tx{base: s.data, writes: make(map[string][]byte)}
	if err := fn(tx); err != nil {
		return err
	}
	for k, v := range tx.writes {
		if v == nil {
			delete(s.data, k)
		} else {
			s.data[k] = v
		}
	}
	return nil
}

// View implements store.Store.
func (s *Store) View(ctx context.Context, fn func(store.ReadTx) error) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	if s.closed {
		return errClosed
	}
	return fn(&tx{base: s.data})
}

// Close implements store.Store.
func (s *Store) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.closed = true
	return nil
}

// tx overlays pending writes (nil value: deleted) on the committed data.
type tx struct {
	base   map[string][]byte
	writes map[string][]byte
}

func (t *tx) Get(key []byte) ([]byte, error) {
	if v, ok := t.writes[string(key)]; ok {
		if v == nil {
			return nil, store.ErrNotFound
		}
		return bytes.Clone(v), nil
	}
	v, ok := t.base[string(key)]
	if !ok {
		return nil, store.ErrNotFound
	}
	return bytes.Clone(v), nil
}

func (t *tx) Scan(prefix []byte, fn func(key, value []byte) error) error {
	merged := make(map[string][]byte)
	for k, v := range t.base {
		if strings.HasPrefix(k, string(prefix)) {
			merged[k] = v
		}
	}
	for k, v := range t.writes {
		if strings.HasPrefix(k, string(prefix)) {
			merged[k] = v
		}
	}
	keys := make([]string, 0, len(merged))
	for k, v := range merged {
		if v != nil {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	for _, k := range keys {
		if err := fn([]byte(k), bytes.Clone(merged[k])); err != nil {
			return err
		}
	}
	return nil
}

func (t *tx) Set(key, value []byte) error {
	if err := store.CheckSizes(key, value); err != nil {
		return err
	}
	if t.writes == nil {
		return errReadOnly
	}
	// A non-nil empty slice marks a present key with an empty value.
	t.writes[string(key)] = append([]byte{}, value...)
	return nil
}

func (t *tx) Delete(key []byte) error {
	if t.writes == nil {
		return errReadOnly
	}
	t.writes[string(key)] = nil
	return nil
}
