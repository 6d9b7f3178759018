// Package format records which storage features a vault's data uses, so
// that a version of tvault that meets one it does not know refuses the
// vault, naming the feature, rather than read it as damaged or, worse,
// write to it in a layout it no longer has.
//
// The set is one sealed value of the store, Key, a JSON array of feature
// names in ascending order. A vault made before features were recorded
// has none: it is in the layout of that time, which every version reads.
// A feature is added by Init (a new vault has every feature of its
// version) or by a migration (package vault, Migrations), never removed:
// a migration is one way.
package format

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/tvault/tvault/vault/store"
)

// Key is the store key of the feature set.
const Key = "format/features"

// Storage features.
const (
	// AuditEntryBlocks: the audit log stores its entries in blocks
	// (package audit, entryblocks.go), and every append that completes a
	// block writes it.
	AuditEntryBlocks = "audit-entry-blocks"
	// AuditHashBlocks: the audit log stores its hashes in blocks (package
	// audit, blocks.go), and every append that completes a block writes
	// it.
	AuditHashBlocks = "audit-hash-blocks"
)

// Known lists the features this version reads and writes, in ascending
// order.
var Known = []string{AuditEntryBlocks, AuditHashBlocks}

// An UnknownError is a feature set that names features this version does
// not know: the vault was written by a newer tvault.
type UnknownError struct {
	Features []string
}

func (e *UnknownError) Error() string {
	return fmt.Sprintf("the vault uses storage features this version of tvault does not know (%s): it was written by a newer tvault; use that version or a later one", strings.Join(e.Features, ", "))
}

// Read returns the feature set in rtx, empty if none is recorded. A set
// that names a feature not in Known is an *UnknownError; a value that is
// not a set, an error wrapping store.ErrCorrupt.
func Read(rtx store.ReadTx) ([]string, error) {
	v, err := rtx.Get([]byte(Key))
	if errors.Is(err, store.ErrNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var fs []string
	if err := json.Unmarshal(v, &fs); err != nil || fs == nil || !slices.IsSorted(fs) || len(slices.Compact(slices.Clone(fs))) != len(fs) {
		return nil, fmt.Errorf("%w: the feature set %q is not a sorted list of names", store.ErrCorrupt, Key)
	}
	var unknown []string
	for _, f := range fs {
		if !slices.Contains(Known, f) {
			unknown = append(unknown, f)
		}
	}
	if unknown != nil {
		return nil, &UnknownError{Features: unknown}
	}
	return fs, nil
}

// Has reports whether the feature set in rtx holds f; its errors are
// Read's.
func Has(rtx store.ReadTx, f string) (bool, error) {
	fs, err := Read(rtx)
	return slices.Contains(fs, f), err
}

// Add adds f, which must be in Known, to the feature set in tx. Adding a
// feature the set holds changes nothing.
func Add(tx store.Tx, f string) error {
	if !slices.Contains(Known, f) {
		return fmt.Errorf("unknown storage feature %q", f)
	}
	fs, err := Read(tx)
	if err != nil || slices.Contains(fs, f) {
		return err
	}
	fs = append(fs, f)
	slices.Sort(fs)
	v, err := json.Marshal(fs)
	if err != nil {
		return err
	}
	return tx.Set([]byte(Key), v)
}
