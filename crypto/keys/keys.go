// Package keys derives tvault's sub-keys from a vault's root secret.
//
// Every derived key is HKDF-SHA-256 (RFC 5869) of the root secret with an
// empty salt and an info string that names its purpose and version. Labels
// are part of the on-disk format: changing one makes existing vaults
// unreadable, so a new purpose gets a new label and an old one never changes.
package keys

import (
	"crypto/hkdf"
	"crypto/sha256"
	"fmt"
)

// RootSize is the size of a vault's root secret.
const RootSize = 32

// Labels of the derived keys.
const (
	// Storage encrypts the embedded Badger database at rest.
	Storage = "tvault/v1/storage"
	// Values seals every value the vault writes to its store, bound to its
	// storage key (see vault/store/sealedstore).
	Values = "tvault/v1/values"
	// AuditMAC keys the MACs that stand in for identifying values in the
	// audit log.
	AuditMAC = "tvault/v1/audit-mac"
	// PersonIndex keys the blind index of witness keys in the registry.
	PersonIndex = "tvault/v1/person-index"
	// TokenMAC keys the MACs of users' bearer tokens, which are all the
	// vault stores of them.
	TokenMAC = "tvault/v1/token-mac"
	// SearchIndex keys the blind index of search terms (vault/search).
	SearchIndex = "tvault/v1/search-index"
	// Retired, never to be reused: "tvault/v1/index", which sealed index
	// entries before Values sealed every value.
)

// Pseudonym returns the label of the key for pseudonymisation domain name;
// the empty name is the vault's default domain.
func Pseudonym(domain string) string {
	return "tvault/v1/pseudonym/" + domain
}

// RecordPseudonym returns the label of the key of the record pseudonyms of
// domain name (crypto/pseudonym.Record), a family of its own: a record key
// is never a person pseudonym key.
func RecordPseudonym(domain string) string {
	return "tvault/v1/record-pseudonym/" + domain
}

// Derive returns the 32-byte key for label. It panics if root is not
// RootSize bytes, which would be a programming error: roots come only from
// a parsed keyring.
func Derive(root []byte, label string) []byte {
	if len(root) != RootSize {
		panic(fmt.Sprintf("keys: root secret is %d bytes", len(root)))
	}
	k, err := hkdf.Key(sha256.New, root, nil, label, 32)
	if err != nil {
		panic(err) // only for lengths HKDF cannot produce
	}
	return k
}
