package audit

import (
	"bytes"
	"context"
	"errors"
	"fmt"

	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"

	"github.com/tvault/tvault/vault/store"
)

// Rotation of the signing key.
//
// A log changes its signing key by a handover (Batcher.Rotate): an entry
// whose attribute RotateAttr names the next key's verifier key, committed
// alone in a transaction whose checkpoint the current key signs; every
// later checkpoint is signed by the next key, under the same name (the
// log's origin). The handover checkpoint is kept under "audit/r/<i>", i
// the entry's index as for "audit/e/", as the lines
//
//	<verifier key of the key that signed the checkpoint>
//	<verifier key of the next key>
//
// followed by the signed checkpoint. Export writes each as a block
// "handover <length> <i>" before the checkpoint block.
//
// A verifier that holds a key of the log, the first one or any later one,
// follows the handovers from it (followKeys): each must be signed by the
// key in force, cover its entry, and that entry must name the next key;
// the checkpoints signed later are checked against the last key so
// reached. Handovers signed before the verifier's own key took over are
// covered by the tree, as every entry is, and not otherwise checked.

// RotateAttr is the attribute of a handover entry that holds the next
// key's verifier key.
const RotateAttr = "next-verifier"

const handoverPrefix = "audit/r/"

// maxHandoverSize bounds a handover: two verifier keys and a checkpoint.
const maxHandoverSize = 1024 + maxCheckpointSize

// A handover is a stored or exported handover, parsed but not verified.
type handover struct {
	seq        int64
	prev, next string
	msg        []byte
}

func parseHandover(seq int64, b []byte) (*handover, error) {
	prev, rest, ok1 := bytes.Cut(b, []byte("\n"))
	next, msg, ok2 := bytes.Cut(rest, []byte("\n"))
	if !ok1 || !ok2 || len(b) > maxHandoverSize {
		return nil, fmt.Errorf("malformed handover at entry %d", seq)
	}
	return &handover{seq: seq, prev: string(prev), next: string(next), msg: msg}, nil
}

func (h *handover) marshal() []byte {
	return fmt.Appendf(nil, "%s\n%s\n%s", h.prev, h.next, h.msg)
}

// readHandovers returns the handovers stored in rtx, in log order.
func readHandovers(rtx store.ReadTx) ([]*handover, error) {
	var hs []*handover
	err := rtx.Scan([]byte(handoverPrefix), func(key, value []byte) error {
		i, ok := parseIndexKey(handoverPrefix, key)
		if !ok {
			return corrupt("stray key %q", key)
		}
		h, err := parseHandover(i, value)
		if err != nil {
			return corrupt("%v", err)
		}
		hs = append(hs, h)
		return nil
	})
	return hs, err
}

// A keyChain is the result of following handovers from a verifier.
type keyChain struct {
	// verifiers are the keys from the one given to the one in force,
	// in order.
	verifiers []note.Verifier
	// checked are the handovers verified, with their checkpoints.
	checked []*handover
	cps     []*checkpoint
}

// last returns the key in force at the end of the log.
func (c *keyChain) last() note.Verifier { return c.verifiers[len(c.verifiers)-1] }

// open opens msg, a checkpoint signed by any key of the chain.
func (c *keyChain) open(msg []byte) (*checkpoint, error) {
	var first error
	for _, v := range c.verifiers {
		cp, err := openCheckpoint(msg, v)
		if err == nil {
			return cp, nil
		}
		if first == nil {
			first = err
		}
	}
	return nil, first
}

// checkEntry checks that entry i, b, names the next key if it is the
// entry of a handover of the chain.
func (c *keyChain) checkEntry(i int64, b []byte) error {
	for _, h := range c.checked {
		if h.seq != i {
			continue
		}
		e, err := ParseEntry(b)
		if err != nil {
			return &EntryError{Seq: i, Err: err}
		}
		if e.Attr(RotateAttr) != h.next {
			return &EntryError{Seq: i, Err: errors.New("the handover's entry does not name the key it hands over to")}
		}
	}
	return nil
}

// followKeys follows the handovers hs from v (see above).
func followKeys(v note.Verifier, hs []*handover) (*keyChain, error) {
	c := &keyChain{verifiers: []note.Verifier{v}}
	for _, h := range hs {
		next, err := note.NewVerifier(h.next)
		if err != nil {
			return nil, corrupt("handover at entry %d: next key: %v", h.seq, err)
		}
		cur := c.last()
		cp, err := openCheckpoint(h.msg, cur)
		if err != nil {
			if len(c.checked) == 0 {
				continue // before v's time: v may be a later key
			}
			return nil, fmt.Errorf("handover at entry %d: %w", h.seq, err)
		}
		if cp.N <= h.seq {
			return nil, corrupt("handover at entry %d: its checkpoint (size %d) does not cover it", h.seq, cp.N)
		}
		if next.Name() != cur.Name() {
			return nil, fmt.Errorf("handover at entry %d: %w: %s, not %s", h.seq, ErrOtherLog, next.Name(), cur.Name())
		}
		c.verifiers = append(c.verifiers, next)
		c.checked = append(c.checked, h)
		c.cps = append(c.cps, cp)
	}
	return c, nil
}

// Verifiers returns the verifier keys that have signed the log in rtx, as
// its handovers name them, and the key in force, current: for the vault's
// own use, which trusts its store, to accept a checkpoint it kept before a
// rotation. An auditor's check follows the handovers (VerifyStored).
func Verifiers(rtx store.ReadTx, current note.Verifier) ([]note.Verifier, error) {
	hs, err := readHandovers(rtx)
	if err != nil {
		return nil, err
	}
	var vs []note.Verifier
	for _, h := range hs {
		v, err := note.NewVerifier(h.prev)
		if err != nil {
			return nil, corrupt("handover at entry %d: key: %v", h.seq, err)
		}
		vs = append(vs, v)
	}
	return append(vs, current), nil
}

// OpenCheckpointAny is OpenCheckpoint with any of verifiers.
func OpenCheckpointAny(msg []byte, verifiers []note.Verifier) (tlog.Tree, error) {
	c, err := (&keyChain{verifiers: verifiers}).open(msg)
	if err != nil {
		return tlog.Tree{}, err
	}
	return c.Tree, nil
}

// Handed reports whether the log in rtx has handed over to the key of
// verifier key vkey.
func Handed(rtx store.ReadTx, vkey string) (bool, error) {
	hs, err := readHandovers(rtx)
	for _, h := range hs {
		if h.next == vkey {
			return true, nil
		}
	}
	return false, err
}

// Rotate is Submit for a handover from the current key, whose verifier
// key is prev, to next, whose verifier key is vkey and whose name must be
// the current signer's: it sets e's RotateAttr, commits e alone with fn's
// writes in a transaction whose checkpoint the current key signs, keeps
// that checkpoint as the handover, and from then on signs with next.
func (b *Batcher) Rotate(ctx context.Context, e *Entry, fn func(tx store.Tx) error, next note.Signer, prev, vkey string) error {
	e.SetAttr(RotateAttr, vkey)
	j := &job{ctx: ctx, e: e, fn: fn, res: make(chan error, 1),
		handover: &handover{prev: prev, next: vkey}, nextSigner: next}
	select {
	case b.jobs <- j:
	case <-b.quit:
		return ErrClosed
	case <-ctx.Done():
		return ctx.Err()
	}
	return <-j.res
}

// handOver stores the handover of job j, whose transaction's checkpoint,
// signed by the current key, is cp.
func (b *Batcher) handOver(tx store.Tx, j *job, cp []byte) error {
	if j.nextSigner.Name() != b.signer.Name() {
		return fmt.Errorf("handover to a key of another log: %s, not %s", j.nextSigner.Name(), b.signer.Name())
	}
	v, err := note.NewVerifier(j.handover.prev)
	if err == nil {
		_, err = openCheckpoint(cp, v)
	}
	if err != nil {
		return fmt.Errorf("handover: the current key is not %s: %w", j.handover.prev, err)
	}
	h := *j.handover
	h.seq, h.msg = int64(j.e.Seq), cp
	return tx.Set(indexKey(handoverPrefix, h.seq), h.marshal())
}
