// Package audit keeps a vault's append-only, tamper-evident access log.
//
// Every access to a vault, allowed or denied, appends an [Entry] in the
// same store transaction as the access ([Append], or [Batcher] to share
// one transaction among concurrent accesses). The entries are the leaves of
// an RFC 6962 Merkle tree, computed with golang.org/x/mod/sumdb/tlog, and
// the vault signs checkpoints of the tree ([SignCheckpoint]): C2SP
// tlog-checkpoint bodies in signed notes (golang.org/x/mod/sumdb/note)
// under the vault's Ed25519 key, which is named after the log. A Batcher
// signs one in every transaction it commits, so that the stored checkpoint
// covers every entry.
//
// An auditor holding only the log's public key checks, offline, an export
// of the whole log ([Export], [VerifyExport]), that one entry is in the log
// ([Prove], [VerifyProof]) and that the log extends a checkpoint kept from
// an earlier audit ([ProveConsistency], [VerifyConsistency], or the old
// argument of VerifyExport). [VerifyStored] checks a vault's store itself;
// [Extends] checks cheaply, from the stored hashes, that it extends a
// checkpoint kept outside it ([Latest], [OpenCheckpoint]), as a vault does
// at every open to refuse an older copy of itself.
//
// # Guarantees
//
// Fail-closed: an entry commits with the writes it audits, or neither does.
// [Batcher.Submit] returns nil only once both are durable.
//
// Tamper evidence: an entry changed, dropped, repeated, reordered or added
// after a checkpoint was signed fails verification against that checkpoint
// ([*EntryError], [ErrInconsistent]); so does a log cut short or rolled
// back to an older copy ([ErrLogOlder]), a forged or foreign checkpoint
// ([ErrBadSignature], [ErrOtherLog]). SignCheckpoint never signs a tree
// that does not extend the previous checkpoint, so two checkpoints of one
// log that contradict each other prove tampering with the signing key.
//
// Limits: whoever holds the signing key can write a whole new history and
// sign it. An auditor who kept an earlier checkpoint detects that; one who
// did not cannot. Entries appended without a Batcher ([Append] alone) are
// covered only by the store's own hashes until the next checkpoint is
// signed.
//
// Privacy: entries hold record IDs, user names and stated purposes, never
// testimony content. A value that could identify a person (a name, a
// search term, a file name) must go into an entry only as [MACValue] of it.
// Purpose is free text written by staff; the caller keeps names out of it.
//
// # Encoding
//
// An entry is encoded as lines of a field name, one space and a value,
// each ending in a newline, in this order:
//
//	seq 42                              position in the log, decimal, < 2⁶³
//	time 2026-03-01T09:30:00.123456Z    UTC, always six fractional digits
//	actor kim.officer                   text, not empty
//	role officer                        token, or empty
//	transport unix                      token
//	request 7f3a9c                      text
//	action get                          token
//	target 3f2a...                      text, not empty; zero or more lines
//	purpose asylum hearing preparation  text
//	outcome ok                          ok, denied or error
//	attr count 3                        token, space, text; zero or more
//
// A token is 1 to 64 bytes of [a-z0-9] followed by [a-z0-9._-]. A text is
// valid UTF-8 of at most [MaxValueSize] bytes, written as it is except that
// each byte of these characters is written as %XX, with uppercase hex
// digits: U+0000 to U+001F, '%', U+007F to U+009F, U+061C, U+200B to
// U+200F, U+2028 to U+202E, U+2066 to U+2069, U+FEFF, and a space that
// begins or ends the text. That keeps an entry one line per field and shows
// an auditor every invisible or reordering character. Attributes are sorted by key, keys unique. An
// encoded entry is at most [MaxEntrySize] bytes. Every entry has exactly
// one encoding; [ParseEntry] rejects all others. The tree's leaf for an
// entry is tlog.RecordHash of its encoding.
//
// In the store, under the prefix "audit/": "audit/e/<i>" holds the
// encoding of entry i and "audit/h/<i>" tlog's stored hash i, with i as 16
// lowercase hex digits, except that "audit/eb/<b>" holds the 256 entries
// of every complete block b (entries b×256 to b×256+255), each as its
// length in a uvarint then its encoding (entryblocks.go), and
// "audit/hb/<b>" holds, in index order,
// the 4,096 hashes of every complete block b (those of indexes b×4,096 to
// b×4,096+4,095), which then have no key of their own (blocks.go);
// "audit/s/<i>" the manifest of what the write that
// entry i audits stored (state.go); "audit/n" holds the number of entries
// in decimal and "audit/cp" the latest signed checkpoint; "audit/r/<i>"
// the handover of the signing key at entry i, if there was one (rotate.go).
//
// The log authenticates the state: the entry of every write made through
// a Batcher holds the SHA-256 of a manifest of the keys it set (with the
// SHA-256 of each value) and deleted, so that replaying the manifests in
// order ([ReadStates]) gives exactly what the store must hold outside the
// log's own keys: a key deleted, an older value put back or a key the log
// never wrote is found by comparing.
//
// A checkpoint is a signed note whose text is the origin (the log's name,
// such as "tvault/<vault ID>"), the number of entries in decimal and the
// root hash in standard base64, each on its own line, with no extension
// lines. The signing key has the origin as its name.
//
// Export, proof and consistency-proof files share one syntax: a first line
// naming the format, then lines of space-separated fields. A line
// "checkpoint <n>" or "entry <n> ..." is followed by a block of exactly n
// bytes (n in decimal, no leading zeros), which ends in a newline of its
// own. Nothing may follow the last line.
//
//	tvault-audit-export/v1
//	checkpoint <n>            the signed checkpoint
//	entry <n> <leaf hash>     for each entry the checkpoint covers, in order:
//	                          its stored leaf hash in base64, then the entry
//
//	tvault-audit-proof/v1
//	checkpoint <n>            the signed checkpoint
//	entry <n>                 the entry
//	hash <hash>               the tlog.RecordProof, one hash a line
//
//	tvault-audit-consistency/v1
//	checkpoint <n>            the new signed checkpoint
//	old <size>                the size of the old checkpoint, in decimal
//	hash <hash>               the tlog.TreeProof, one hash a line
//
// # Compatibility
//
// Entries are hashed into the tree and signed, so an encoded entry is never
// rewritten: every later version of this package parses the encoding above
// exactly as it is. A new field or value domain would make a new entry
// version, which begins with a line other than "seq <n>", and the two would
// coexist in one log. The file formats are versioned by their first line.
//
// The hashes in blocks ("audit/hb/") are read by this version on, beside
// individual ones, and written only in a store whose feature set (package
// vault/format) holds format.AuditHashBlocks: a new vault's, or an older
// one's once migrated (ConvertHashes, which tvault migrate runs). A
// version before blocks reads a log with blocks as one whose hashes are
// missing, and refuses it: a migrated vault is not opened by an older
// tvault, and one without the feature is written as that tvault would.
// The same holds of the entries in blocks ("audit/eb/") and
// format.AuditEntryBlocks (ConvertEntries).
package audit
