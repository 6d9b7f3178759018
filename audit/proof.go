package audit

import (
	"bytes"
	"errors"
	"fmt"
	"strconv"

	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"

	"github.com/tvault/tvault/vault/store"
)

// Bounds of proof files. A tree of fewer than 2⁶³ entries has inclusion
// proofs of at most 63 hashes and consistency proofs of at most 126.
const (
	maxProofSize   = 128 << 10
	maxRecordProof = 63
	maxTreeProof   = 126
)

// Prove returns a proof that entry seq is in the log: a self-contained file
// holding the latest signed checkpoint, the entry and its inclusion proof
// (see the package documentation). It fails with ErrNoCheckpoint if no
// checkpoint covers the entry yet.
func Prove(rtx store.ReadTx, seq int64) ([]byte, error) {
	cp, err := storedCheckpoint(rtx)
	if err != nil {
		return nil, err
	}
	if seq < 0 {
		return nil, fmt.Errorf("invalid entry number %d", seq)
	}
	if seq >= cp.N {
		return nil, fmt.Errorf("%w covering entry %d (the latest covers %d)", ErrNoCheckpoint, seq, cp.N)
	}
	b, err := getEntry(rtx, seq)
	if err != nil {
		return nil, err
	}
	n, err := Size(rtx)
	if err != nil {
		return nil, err
	}
	p, err := tlog.ProveRecord(cp.N, seq, hashReader{rtx, n})
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	buf.WriteString(proofHeader + "\n")
	writeBlock(&buf, cp.msg, "checkpoint")
	writeBlock(&buf, b, "entry")
	writeHashes(&buf, p)
	return buf.Bytes(), nil
}

func writeHashes(buf *bytes.Buffer, hs []tlog.Hash) {
	for _, h := range hs {
		buf.WriteString("hash " + h.String() + "\n")
	}
}

// parseProof parses an inclusion proof file.
func parseProof(proof []byte) (msg, entry []byte, p tlog.RecordProof, err error) {
	if len(proof) > maxProofSize {
		return nil, nil, nil, errors.New("malformed proof: too long")
	}
	f, err := newFileReader(bytes.NewReader(proof), proofHeader)
	if err == nil {
		msg, err = f.block("checkpoint", maxCheckpointSize)
	}
	if err == nil {
		entry, err = f.block("entry", MaxEntrySize)
	}
	if err == nil {
		p, err = f.hashes("hash", maxRecordProof)
	}
	if err != nil {
		return nil, nil, nil, fmt.Errorf("malformed proof: %w", err)
	}
	return msg, entry, p, nil
}

// VerifyProof checks offline a proof made by Prove against the log's
// verifier key, and returns the entry it proves is in the log: the
// checkpoint must be signed by the key for the key's log (ErrBadSignature,
// ErrOtherLog), and the entry must be canonical and in the checkpoint's tree
// at its own position (*EntryError).
func VerifyProof(proof []byte, verifierKey string) (*Entry, error) {
	v, err := note.NewVerifier(verifierKey)
	if err != nil {
		return nil, fmt.Errorf("invalid verifier key: %v", err)
	}
	msg, b, p, err := parseProof(proof)
	if err != nil {
		return nil, err
	}
	cp, err := openCheckpoint(msg, v)
	if err != nil {
		return nil, err
	}
	e, err := ParseEntry(b)
	if err != nil {
		return nil, err
	}
	seq := int64(e.Seq)
	if seq >= cp.N {
		return nil, &EntryError{Seq: seq, Err: fmt.Errorf("entry beyond the checkpoint (size %d)", cp.N)}
	}
	if err := tlog.CheckRecord(p, cp.N, cp.Hash, seq, tlog.RecordHash(b)); err != nil {
		return nil, &EntryError{Seq: seq, Err: errHashMismatch}
	}
	return e, nil
}

// proveExtends proves from the stored hashes that the tree of n entries
// with root hash root extends old, and returns the proof.
func proveExtends(rtx store.ReadTx, old *checkpoint, origin string, n int64, root tlog.Hash) (tlog.TreeProof, error) {
	switch {
	case old.origin != origin:
		return nil, fmt.Errorf("%w: %s, not %s", ErrOtherLog, old.origin, origin)
	case old.N > n:
		return nil, olderError(n, old.N)
	case old.N == 0:
		if old.Hash != emptyRoot {
			return nil, fmt.Errorf("%w of size 0: root is not the empty tree's", ErrInconsistent)
		}
		return tlog.TreeProof{}, nil
	}
	size, err := Size(rtx) // n may be a checkpoint's, before later blocks
	if err != nil {
		return nil, err
	}
	p, err := tlog.ProveTree(n, old.N, hashReader{rtx, size})
	if err != nil {
		return nil, err
	}
	if err := tlog.CheckTree(p, n, root, old.N, old.Hash); err != nil {
		return nil, fmt.Errorf("%w of size %d", ErrInconsistent, old.N)
	}
	return p, nil
}

// ProveConsistency returns a proof that the log's latest signed checkpoint
// extends old, an earlier checkpoint of the same log: a file holding the
// latest checkpoint and the consistency proof between the two trees (see
// the package documentation). It fails with ErrOtherLog, ErrLogOlder or
// ErrInconsistent if the log does not extend old.
func ProveConsistency(rtx store.ReadTx, old []byte) ([]byte, error) {
	cp, err := storedCheckpoint(rtx)
	if err != nil {
		return nil, err
	}
	// The signature on old is the verifier's to check; here it only
	// says which tree to prove against.
	oc, err := readCheckpoint(old)
	if err != nil {
		return nil, fmt.Errorf("old checkpoint: %w", err)
	}
	p, err := proveExtends(rtx, oc, cp.origin, cp.N, cp.Hash)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	buf.WriteString(consistencyHeader + "\n")
	writeBlock(&buf, cp.msg, "checkpoint")
	buf.WriteString("old " + strconv.FormatInt(oc.N, 10) + "\n")
	writeHashes(&buf, p)
	return buf.Bytes(), nil
}

// parseConsistency parses a consistency proof file.
func parseConsistency(proof []byte) (msg []byte, oldSize int64, p tlog.TreeProof, err error) {
	if len(proof) > maxProofSize {
		return nil, 0, nil, errors.New("malformed consistency proof: too long")
	}
	f, err := newFileReader(bytes.NewReader(proof), consistencyHeader)
	if err == nil {
		msg, err = f.block("checkpoint", maxCheckpointSize)
	}
	var fs [][]byte
	if err == nil {
		fs, err = f.fields("old", 1)
	}
	if err == nil {
		oldSize, err = strconv.ParseInt(string(fs[0]), 10, 64)
		if err != nil || oldSize < 0 || strconv.FormatInt(oldSize, 10) != string(fs[0]) {
			err = fmt.Errorf("invalid size %.20q", fs[0])
		}
	}
	if err == nil {
		p, err = f.hashes("hash", maxTreeProof)
	}
	if err != nil {
		return nil, 0, nil, fmt.Errorf("malformed consistency proof: %w", err)
	}
	return msg, oldSize, p, nil
}

// VerifyConsistency checks offline a proof made by ProveConsistency
// against the log's verifier key and old, the checkpoint the auditor kept:
// both checkpoints must be signed by the key for the key's log
// (ErrBadSignature, ErrOtherLog), the new one must not be smaller
// (ErrLogOlder), and the proof must show that the new tree extends the old
// one (ErrInconsistent). The report describes the new checkpoint, which the
// auditor keeps in place of old.
func VerifyConsistency(proof []byte, verifierKey string, old []byte) (*Report, error) {
	v, err := note.NewVerifier(verifierKey)
	if err != nil {
		return nil, fmt.Errorf("invalid verifier key: %v", err)
	}
	msg, oldSize, p, err := parseConsistency(proof)
	if err != nil {
		return nil, err
	}
	cp, err := openCheckpoint(msg, v)
	if err != nil {
		return nil, err
	}
	oc, err := openCheckpoint(old, v)
	if err != nil {
		return nil, fmt.Errorf("old checkpoint: %w", err)
	}
	switch {
	case oc.N > cp.N:
		return nil, olderError(cp.N, oc.N)
	case oldSize != oc.N:
		return nil, fmt.Errorf("proof is for a checkpoint of size %d, not %d", oldSize, oc.N)
	case oc.N == 0:
		if len(p) != 0 || oc.Hash != emptyRoot {
			return nil, fmt.Errorf("%w of size 0", ErrInconsistent)
		}
	default:
		if err := tlog.CheckTree(p, cp.N, cp.Hash, oc.N, oc.Hash); err != nil {
			return nil, fmt.Errorf("%w of size %d", ErrInconsistent, oc.N)
		}
	}
	return &Report{Origin: cp.origin, Size: cp.N, Root: cp.Hash, Checkpoint: cp.msg, CheckpointSize: cp.N, OldSize: oc.N}, nil
}
