// Package crypto is the root of tvault's cryptographic packages. It holds
// no code; each sub-package has one job and does no I/O of its own:
//
//   - keys: derives every sub-key from the vault's root secret with HKDF.
//   - keyring: the vault's sealed keyring, an age file encrypted with the
//     operator's passphrase (age scrypt) that the stock age CLI can open.
//   - envelope: the plaintext format of a stored record version, which binds
//     the record ID and the SHA-256 of the canonical original, and its
//     encryption to the vault's and the escrow holders' age recipients.
//   - pseudonym: keyed, domain-separated pseudonyms of persons with a
//     check character, "P-XXXX-XXXX", and of records, "R-" and 26
//     characters, which the vault alone deciphers.
//   - secretbox: seals small index values under a derived key, bound to
//     their storage key.
//
// # Key management
//
// A vault has one root secret (32 random bytes) and one post-quantum hybrid
// age identity, both sealed in the keyring. No sub-key is stored: the Badger
// encryption key, the index key and later the pseudonym, audit-MAC and token
// keys are all derived from the root secret with distinct HKDF labels, so
// compromising one derived key reveals neither the root nor its siblings.
package crypto
