package audit

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"golang.org/x/mod/sumdb/note"

	"github.com/tvault/tvault/vault/store"
	"github.com/tvault/tvault/vault/store/memstore"
)

// otherVKey is the verifier key of otherSKey.
const otherVKey = "tvault/test+7f34a2d8+AdZrP4CEb0g2tIpUWSRIa+gx+OSk+hOv0spwmtfd/FPt"

// rotatedLog returns a store whose log has 3 entries signed by testSKey,
// a handover to otherSKey and 3 entries signed by it, and the checkpoint
// kept before the handover.
func rotatedLog(t *testing.T) (store.Store, []byte) {
	t.Helper()
	s := memstore.New()
	b := NewBatcher(s, signer(t, testSKey), nil)
	defer b.Close()
	for i := range 3 {
		if err := b.Submit(ctx, testEntry(i), nil); err != nil {
			t.Fatal(err)
		}
	}
	var kept []byte
	s.View(ctx, func(tx store.ReadTx) (err error) { kept, err = Latest(tx); return err })
	e := testEntry(3)
	e.Action = "rekey"
	if err := b.Rotate(ctx, e, nil, signer(t, otherSKey), "tvault/test+00000000+AAAA", otherVKey); err == nil {
		t.Fatal("Rotate with the wrong current verifier key succeeded")
	}
	if err := b.Rotate(ctx, e, nil, signer(t, foreignSKey), testVKey, otherVKey); err == nil {
		t.Fatal("Rotate to a key of another log succeeded")
	}
	if err := b.Rotate(ctx, e, nil, signer(t, otherSKey), testVKey, otherVKey); err != nil {
		t.Fatal(err)
	}
	for i := 4; i < 7; i++ {
		if err := b.Submit(ctx, testEntry(i), nil); err != nil {
			t.Fatal(err)
		}
	}
	return s, kept
}

func TestRotate(t *testing.T) {
	s, kept := rotatedLog(t)
	other, err := note.NewVerifier(otherVKey)
	if err != nil {
		t.Fatal(err)
	}
	err = s.View(ctx, func(tx store.ReadTx) error {
		cp, _ := Latest(tx)
		if _, err := OpenCheckpoint(cp, verifier(t)); !errors.Is(err, ErrBadSignature) {
			t.Errorf("the latest checkpoint opens with the first key: %v", err)
		}
		// The first key follows the handover; the next one starts there
		// and cannot vouch for a checkpoint the first signed.
		if rep, err := VerifyStoredAgainst(tx, verifier(t), kept); err != nil || rep.Size != 7 || rep.OldSize != 3 {
			t.Fatalf("VerifyStored with the first key = %+v, %v", rep, err)
		}
		if rep, err := VerifyStored(tx, other); err != nil || rep.Size != 7 {
			t.Fatalf("VerifyStored with the next key = %+v, %v", rep, err)
		}
		if _, err := VerifyStoredAgainst(tx, other, kept); !errors.Is(err, ErrBadSignature) {
			t.Errorf("VerifyStored with the next key against a checkpoint of the first = %v", err)
		}
		if ok, err := Handed(tx, otherVKey); !ok || err != nil {
			t.Errorf("Handed = %v, %v", ok, err)
		}
		vs, err := Verifiers(tx, other)
		if err != nil || len(vs) != 2 {
			t.Fatalf("Verifiers = %d, %v", len(vs), err)
		}
		if _, err := OpenCheckpointAny(kept, vs); err != nil {
			t.Errorf("the kept checkpoint does not open with the log's verifiers: %v", err)
		}
		var buf bytes.Buffer
		if err := Export(tx, &buf); err != nil {
			return err
		}
		if _, err := VerifyExport(bytes.NewReader(buf.Bytes()), testVKey, kept); err != nil {
			t.Errorf("VerifyExport with the first key: %v", err)
		}
		if _, err := VerifyExport(bytes.NewReader(buf.Bytes()), otherVKey, nil); err != nil {
			t.Errorf("VerifyExport with the next key: %v", err)
		}
		// Without its handover, the export no longer verifies with the
		// first key.
		x := buf.String()
		start := strings.Index(x, "handover ")
		end := strings.Index(x, "checkpoint ")
		cut := x[:start] + x[end:]
		if _, err := VerifyExport(strings.NewReader(cut), testVKey, nil); !errors.Is(err, ErrBadSignature) {
			t.Errorf("export without its handover: %v", err)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestRotateTampered(t *testing.T) {
	tests := []struct {
		name   string
		tamper func(tx store.Tx) error
	}{
		{"handover deleted", func(tx store.Tx) error { return tx.Delete(indexKey(handoverPrefix, 3)) }},
		{"handover names another key", func(tx store.Tx) error {
			h, _ := tx.Get(indexKey(handoverPrefix, 3))
			return tx.Set(indexKey(handoverPrefix, 3), bytes.Replace(h, []byte(otherVKey), []byte(testVKey), 1))
		}},
		{"handover moved to another entry", func(tx store.Tx) error {
			h, _ := tx.Get(indexKey(handoverPrefix, 3))
			tx.Delete(indexKey(handoverPrefix, 3))
			return tx.Set(indexKey(handoverPrefix, 2), h)
		}},
		{"handover beyond its checkpoint", func(tx store.Tx) error {
			h, _ := tx.Get(indexKey(handoverPrefix, 3))
			tx.Delete(indexKey(handoverPrefix, 3))
			return tx.Set(indexKey(handoverPrefix, 5), h)
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, _ := rotatedLog(t)
			if err := s.Update(ctx, tt.tamper); err != nil {
				t.Fatal(err)
			}
			s.View(ctx, func(tx store.ReadTx) error {
				if _, err := VerifyStored(tx, verifier(t)); err == nil {
					t.Error("VerifyStored with the first key passed")
				}
				return nil
			})
		})
	}
}
