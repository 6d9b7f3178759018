package vault

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/tvault/tvault/audit"
	"github.com/tvault/tvault/vault/store"
)

// removeOrphans removes the blob files that a crash left without their
// attachment (an attach writes its blob, then commits its metadata), and
// returns how many. Open calls it with the store's lock held, so no
// attach is under way.
//
// A blob without metadata is also what deleting an attachment's metadata
// leaves, and the blob is then the evidence: so blobs are removed only if
// the log's state (its manifests, see audit/state.go) holds every
// attachment the log committed to. Otherwise, and in a vault whose log
// does not commit to its state, they are left for Check to report.
func (v *Vault) removeOrphans(ctx context.Context) (int, error) {
	referenced := map[string]bool{}
	var candidates []string
	err := v.store.View(ctx, func(tx store.ReadTx) error {
		return tx.Scan([]byte("att/"), func(_, value []byte) error {
			var m attachmentMeta
			if err := json.Unmarshal(value, &m); err != nil {
				return fmt.Errorf("%w: attachment metadata: %v", store.ErrCorrupt, err)
			}
			referenced[m.Blob] = true
			return nil
		})
	})
	if err == nil {
		err = v.blobs.List(ctx, func(name string) error {
			if !referenced[name] {
				candidates = append(candidates, name)
			}
			return nil
		})
	}
	if err != nil || len(candidates) == 0 {
		return 0, err
	}
	whole, err := v.attachmentsWhole(ctx)
	if err != nil || !whole {
		return 0, err
	}
	for i, name := range candidates {
		if err := v.blobs.Remove(ctx, name); err != nil {
			return i, err
		}
	}
	return len(candidates), nil
}

// attachmentsWhole says whether the store holds every attachment's
// metadata that the log's state says it must.
func (v *Vault) attachmentsWhole(ctx context.Context) (whole bool, err error) {
	err = v.store.View(ctx, func(tx store.ReadTx) error {
		if has, err := audit.HasStates(tx); err != nil || !has {
			return err
		}
		n, err := audit.Size(tx)
		if err != nil {
			return err
		}
		want := map[string]bool{}
		damaged := false
		err = audit.ReadStates(tx, n, func(_ int64, m audit.Manifest, err error) error {
			if err != nil {
				damaged = true
			}
			for _, ch := range m {
				if strings.HasPrefix(ch.Key, "att/") {
					want[ch.Key] = !ch.Deleted
				}
			}
			return nil
		})
		if err != nil || damaged {
			return err
		}
		for key, live := range want {
			if !live {
				continue
			}
			if _, err := tx.Get([]byte(key)); errors.Is(err, store.ErrNotFound) {
				return nil
			} else if err != nil {
				return err
			}
		}
		whole = true
		return nil
	})
	return whole, err
}
