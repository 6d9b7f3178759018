package vault

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"fmt"

	"github.com/tvault/tvault/crypto/keys"
)

// The vault's store keys: every key the engine reads or writes is made
// here. Every value goes through the sealed layer (vault/store/sealedstore)
// and is JSON unless said otherwise; the at-rest types are the engine's
// own, never the contract's.
//
//	rec/<id>                         indexEntry: case, times, sensitivity,
//	                                 consent and version count of a record
//	ver/<id>/<version>               age ciphertext of one version
//	                                 (crypto/envelope); version in 8 digits
//	gone/<id>                        erasedMark: the record was erased
//	                                 (erase.go), and when; nothing else
//	                                 of it is left
//	erase/pending                    pendingPurge: keys and blobs that
//	                                 erasures deleted and storage must
//	                                 still forget (erase.go)
//	batch/<batch ID>                 batchMark: a batch put committed, and
//	                                 shows the records whose index entry
//	                                 names it (batch.go)
//	stage/<batch ID>/<part>          []undo: what a chunk of a batch put
//	                                 that has not committed changed, to
//	                                 put back; part in 8 digits
//	rper/<id>                        []personLink: the persons a record names
//	per/<person ID>                  person
//	pkey/<blind index>               person ID of a witness key (raw bytes);
//	                                 the blind index is hex HMAC-SHA-256 of
//	                                 the normalised key under
//	                                 keys.PersonIndex: no key in clear
//	pcons/<person ID>                []consentChange: a witness's
//	                                 withdrawals and grants (consent.go)
//	pseu/<pseudonym>                 person ID of a default-domain pseudonym
//	                                 (raw bytes)
//	srch/<id>                        searchEntry, binary: the interview
//	                                 date and the blind search terms of
//	                                 the latest version (search.go)
//	search/version                   int: the version of the search
//	                                 index that every record has an entry
//	                                 of; absent until it is built
//	att/<id>/<attachment ID>         attachmentMeta
//	user/<name>                      userRecord
//	tok/<index>                      tokenEntry: a user's name and token MAC
//	grant/<user>/<domain>            grant: a researcher's domain grant
//	                                 (domains.go)
//	policy/current                   the organisation's policy, if it set
//	                                 one (package policy's JSON)
//	witness/paths                    []string: the witness directories
//	                                 given at init, absolute (rollback.go)
//	escrow/recipients                []string: the escrow set (escrow.go);
//	                                 absent in a vault made before it, whose
//	                                 set is its version 1 keyring's
//	escrow/pending                   pendingReencryption: a re-encryption
//	                                 to the set above, or to a rekey's
//	                                 next identity, is unfinished
//	seal/mark                        16 random bytes (raw), replaced by
//	                                 each operator seal of a vault in a
//	                                 shared store (shared.go)
//	registry/mark                    16 random bytes (raw), replaced by
//	                                 each write of persons to a vault in a
//	                                 shared store (registry.go)
//	format/features                  []string: the storage features the
//	                                 vault's data uses (package format,
//	                                 features.go); absent in a vault made
//	                                 before them
//	audit/...                        the audit log (package audit's keys),
//	                                 with the manifest of each write
//	                                 (audit/s/): only the log writes there
//
// Record and attachment IDs are 26 characters of base32 (id.go), person IDs
// 32 hex digits, user names audit tokens (users.go), domain names
// letters, digits, '.', '_' and '-' (domains.go): none holds a '/'.
const (
	recordPrefix = "rec/"
	personPrefix = "per/"
	userPrefix   = "user/"
	grantPrefix  = "grant/"
	pconsPrefix  = "pcons/"
	searchPrefix = "srch/"
)

var (
	policyKey        = []byte("policy/current")
	witnessKey       = []byte("witness/paths")
	escrowKey        = []byte("escrow/recipients")
	escrowPendingKey = []byte("escrow/pending")
	searchVersionKey = []byte("search/version")
	erasePendingKey  = []byte("erase/pending")
)

func indexKey(id string) []byte { return []byte(recordPrefix + id) }

func versionKey(id string, version int) []byte {
	return fmt.Appendf(nil, "ver/%s/%08d", id, version)
}

func searchKey(id string) []byte { return []byte(searchPrefix + id) }
func erasedKey(id string) []byte { return []byte("gone/" + id) }

func recordLinksKey(id string) []byte { return []byte("rper/" + id) }

func personKey(id string) []byte { return []byte(personPrefix + id) }

func personConsentKey(id string) []byte { return []byte(pconsPrefix + id) }

func pseudonymKey(p string) []byte { return []byte("pseu/" + p) }

// blindIndexKey is the key of the blind index of witnessKey under the root
// secret root: the live generation's (Keyring.Live), or during a rekey
// the current one's, which the rekey moves from (rekey.go).
func (v *Vault) blindIndexKey(root []byte, witnessKey string) []byte {
	m := hmac.New(sha256.New, v.derive(root, keys.PersonIndex))
	m.Write([]byte(normaliseWitnessKey(witnessKey)))
	return []byte("pkey/" + hex.EncodeToString(m.Sum(nil)))
}

func attachmentKey(recordID, attID string) []byte {
	return []byte("att/" + recordID + "/" + attID)
}

func attachmentPrefix(recordID string) []byte { return []byte("att/" + recordID + "/") }

func userKey(name string) []byte { return []byte(userPrefix + name) }

func tokenKey(index string) []byte { return []byte("tok/" + index) }

func grantUserPrefix(user string) []byte { return []byte(grantPrefix + user + "/") }

func grantKey(user, domain string) []byte { return append(grantUserPrefix(user), domain...) }
