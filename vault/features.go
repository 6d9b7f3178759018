package vault

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/tvault/tvault/audit"
	"github.com/tvault/tvault/vault/format"
	"github.com/tvault/tvault/vault/service"
	"github.com/tvault/tvault/vault/store"
)

// Storage migrations.
//
// The vault's storage features (package format) say which layouts its
// data is in. A vault made by Init has every feature of its version; one
// made before a feature is in the layout before it, which this version
// reads and writes as it is, until an administrator applies the
// migration that adds the feature (tvault migrate NAME, docs/DEPLOY.md):
// it records the feature first, in an audited write, so that from then
// on every write is in the new layout and a tvault that does not know the
// feature refuses the vault by name, then converts what was stored
// before, a transaction a step, idempotent, so that a migration cut off
// is finished by applying it again.

// A migration adds its storage feature (its name) to a vault.
type migration struct {
	name, description string
	// remaining returns the steps still to do in rtx, in a vault that
	// has the feature or not.
	remaining func(rtx store.ReadTx) (int, error)
	// convert does them, in a vault that has the feature, calling
	// progress after each transaction with the steps done and in all.
	convert func(ctx context.Context, s store.Store, progress func(done, total int)) error
}

var migrations = []migration{{
	name:        format.AuditHashBlocks,
	description: "store the audit log's hashes in blocks of 4,096 (audit verify reads hundreds of values, not millions)",
	remaining: func(rtx store.ReadTx) (int, error) {
		bs, err := audit.Unconverted(rtx)
		return len(bs), err
	},
	convert: func(ctx context.Context, s store.Store, progress func(done, total int)) error {
		_, err := audit.ConvertHashes(ctx, s, progress)
		return err
	},
}, {
	name:        format.AuditEntryBlocks,
	description: "store the audit log's entries in blocks of 256 (audit verify reads thousands of values, not hundreds of thousands)",
	remaining: func(rtx store.ReadTx) (int, error) {
		bs, err := audit.UnconvertedEntries(rtx)
		return len(bs), err
	},
	convert: func(ctx context.Context, s store.Store, progress func(done, total int)) error {
		_, err := audit.ConvertEntries(ctx, s, progress)
		return err
	},
}}

func findMigration(name string) (*migration, error) {
	for i := range migrations {
		if migrations[i].name == name {
			return &migrations[i], nil
		}
	}
	names := make([]string, len(migrations))
	for i, m := range migrations {
		names[i] = m.name
	}
	return nil, &service.InvalidArgumentError{Arg: "migration", Value: name, Want: "one of " + strings.Join(names, ", ")}
}

// migrationState returns the state of m in rtx, and its steps to do.
func migrationState(rtx store.ReadTx, m *migration) (string, int, error) {
	fs, err := format.Read(rtx)
	if err != nil {
		return "", 0, err
	}
	left, err := m.remaining(rtx)
	switch {
	case err != nil:
		return "", 0, err
	case !slices.Contains(fs, m.name):
		return service.MigrationPending, left, nil
	case left > 0:
		return service.MigrationUnfinished, left, nil
	}
	return service.MigrationDone, 0, nil
}

// Migrations lists the storage migrations this version knows, with their
// state in the vault.
func (v *Vault) Migrations(ctx context.Context) ([]service.Migration, error) {
	return do(ctx, v, "format.list", nil, func(o *op) ([]service.Migration, error) {
		out := make([]service.Migration, len(migrations))
		err := v.store.View(ctx, func(rtx store.ReadTx) error {
			for i := range migrations {
				m := &migrations[i]
				state, _, err := migrationState(rtx, m)
				if err != nil {
					return err
				}
				out[i] = service.Migration{Name: m.name, Description: m.description, State: state}
			}
			return nil
		})
		return out, err
	})
}

// ApplyMigration applies the storage migration name, or finishes it (see
// above). Its entry records the migration, the state it found and the
// steps done; the feature is recorded by a child entry,
// "format.feature", whose write its manifest covers.
func (v *Vault) ApplyMigration(ctx context.Context, name string, progress func(service.MigrationReport)) (*service.MigrationReport, error) {
	return do(ctx, v, "format.migrate", nil, func(o *op) (*service.MigrationReport, error) {
		m, err := findMigration(name)
		if err != nil {
			return nil, err
		}
		o.attr("migration", m.name)
		var state string
		rep := &service.MigrationReport{Name: m.name}
		err = v.store.View(ctx, func(rtx store.ReadTx) (err error) {
			state, rep.Total, err = migrationState(rtx, m)
			return err
		})
		if err != nil {
			return nil, err
		}
		o.attr("state", state)
		if state == service.MigrationPending {
			e := childEntry(o.e, "format.feature")
			e.SetAttr("feature", m.name)
			if err := v.audit.Submit(ctx, e, func(tx store.Tx) error { return format.Add(tx, m.name) }); err != nil {
				return nil, fmt.Errorf("failed to record the storage feature %s: %w", m.name, err)
			}
		}
		err = m.convert(ctx, v.store, func(done, total int) {
			rep.Done, rep.Total = done, total
			if progress != nil {
				progress(*rep)
			}
		})
		o.attr("done", fmt.Sprint(rep.Done))
		if err != nil {
			return rep, fmt.Errorf("migration %s cut off after %d of %d steps (apply it again to finish it): %w", m.name, rep.Done, rep.Total, err)
		}
		return rep, nil
	})
}
