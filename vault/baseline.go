package vault

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"

	"github.com/tvault/tvault/audit"
	"github.com/tvault/tvault/vault/store"
)

// baseline gives a vault written before its audit log committed to what
// each write stored (audit.StateAttr) a state to check against: one entry,
// action "state.baseline" by the actor "tvault", whose manifest attests
// every key outside the log as the store holds it now. Open runs it; it
// does nothing to a vault whose log holds a manifest, or that holds
// nothing but its log. It trusts the store as it finds it: damage done
// before the baseline is not found by Check, only what comes after.
func (v *Vault) baseline(ctx context.Context) error {
	legacy := false
	stop := errors.New("stop")
	err := v.store.View(ctx, func(tx store.ReadTx) error {
		has, err := audit.HasStates(tx)
		if err != nil || has {
			return err
		}
		err = tx.Scan(nil, func(key, _ []byte) error {
			if bytes.HasPrefix(key, []byte(audit.KeyPrefix)) {
				return nil
			}
			legacy = true
			return stop
		})
		if err == stop {
			return nil
		}
		return err
	})
	if err != nil || !legacy {
		return err
	}
	req := make([]byte, 8)
	rand.Read(req)
	e := &audit.Entry{Actor: "tvault", Transport: "local", RequestID: hex.EncodeToString(req),
		Action: "state.baseline", Outcome: audit.OutcomeOK}
	err = v.audit.Submit(ctx, e, func(tx store.Tx) error {
		n := 0
		err := tx.Scan(nil, func(key, value []byte) error {
			if bytes.HasPrefix(key, []byte(audit.KeyPrefix)) {
				return nil
			}
			n++
			return audit.Attest(tx, key, value)
		})
		e.SetAttr("keys", fmt.Sprint(n))
		return err
	})
	if err != nil {
		return fmt.Errorf("failed to record the state of the vault in its audit log: %w", err)
	}
	return nil
}
