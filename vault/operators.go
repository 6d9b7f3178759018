package vault

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"
	"runtime/metrics"
	"slices"
	"strconv"
	"strings"

	"github.com/tvault/tvault/crypto/keyring"
	"github.com/tvault/tvault/vault/service"
	"github.com/tvault/tvault/vault/store"
)

// A vault's keyring is sealed with a passphrase or to operators: age
// recipients, any K of whose N identities open it (keyring.SealOperators).
// Locally, the operators' identities are given together
// (OpenOptions.Identities); tvaultd collects the shares that each operator
// decrypts on their own machine (OpenOptions.Shares). The operator set is
// changed by K operators together: AddOperator, RemoveOperator.

// keySealing is how the keyring of a vault sealed to operators is sealed,
// and which operators' shares opened it.
type keySealing struct {
	ops *keyring.Operators
	by  []int
}

// recipients returns the operators' age recipients.
func (s *keySealing) recipients() []string {
	var rs []string
	for _, op := range s.ops.Operators {
		rs = append(rs, op.Recipient)
	}
	return rs
}

// keyringSealer returns how a rekey seals the keyring of v: afresh to its
// operators, with a new unseal identity, if it is sealed to them
// (keySealing), or else with passphrase, the one it was opened with.
func (v *Vault) keyringSealer(passphrase string) func(*keyring.Keyring) ([]byte, error) {
	return func(k *keyring.Keyring) ([]byte, error) {
		cur := v.keySealing.Load()
		if cur == nil {
			return keyring.Seal(k, passphrase)
		}
		sealed, next, err := sealOperators(k, cur.recipients(), cur.ops.Threshold)
		if err != nil {
			return nil, err
		}
		next.by = cur.by
		v.keySealing.Store(next)
		return sealed, nil
	}
}

// ErrNotOperators is returned by AddOperator and RemoveOperator for a
// vault sealed with a passphrase.
var ErrNotOperators = errors.New("the vault is sealed with a passphrase, not to operators")

// checkInitSealing checks Init's passphrase and operators: one of the two.
func checkInitSealing(passphrase string, opts Options) error {
	switch {
	case len(opts.Operators) > 0 && passphrase != "":
		return errors.New("a vault sealed to operators has no passphrase")
	case len(opts.Operators) > 0:
		return nil
	case opts.Threshold != 0:
		return errors.New("a threshold without operators")
	case passphrase == "":
		return errors.New("passphrase must not be empty")
	case !opts.AllowWeakPassphrase:
		return keyring.CheckStrength(passphrase)
	}
	return nil
}

// sealInit seals Init's new keyring k as opts say (checkInitSealing).
func sealInit(k *keyring.Keyring, passphrase string, opts Options) ([]byte, *keySealing, error) {
	if len(opts.Operators) == 0 {
		sealed, err := keyring.Seal(k, passphrase)
		return sealed, nil, err
	}
	return sealOperators(k, opts.Operators, opts.Threshold)
}

func sealOperators(k *keyring.Keyring, recipients []string, threshold int) ([]byte, *keySealing, error) {
	sealed, err := keyring.SealOperators(k, recipients, threshold)
	if err != nil {
		return nil, nil, err
	}
	ops, err := keyring.ReadOperators(sealed)
	if err != nil {
		return nil, nil, err
	}
	return sealed, &keySealing{ops: ops}, nil
}

// unsealedKeyring is a keyring opened from sealed, with how it is
// sealed.
type unsealedKeyring struct {
	sealed  []byte
	k       *keyring.Keyring
	sealing *keySealing
}

// openKeyring opens sealed with passphrase, or, for a keyring sealed to
// operators, with the shares that opts.Identities decrypt or opts.Shares;
// or returns opts.unsealed if it was opened from the same bytes (opening
// them again, with the same secrets, gives the same keyring). A keyring
// that is damaged is stored data that is corrupt (service.ErrCorrupt).
func openKeyring(sealed []byte, passphrase string, opts OpenOptions) (*keyring.Keyring, *keySealing, error) {
	k, s, err := unsealKeyring(sealed, passphrase, opts)
	if errors.Is(err, keyring.ErrMalformed) {
		err = fmt.Errorf("%w: %s: %w", store.ErrCorrupt, keyringFile, err)
	}
	return k, s, err
}

func unsealKeyring(sealed []byte, passphrase string, opts OpenOptions) (*keyring.Keyring, *keySealing, error) {
	if u := opts.unsealed; u != nil && bytes.Equal(u.sealed, sealed) {
		return u.k, u.sealing, nil
	}
	if passphrase != "" && (len(opts.Identities) > 0 || len(opts.Shares) > 0) {
		return nil, nil, errors.New("a passphrase and operators' shares both given")
	}
	if !keyring.IsSealedToOperators(sealed) {
		if len(opts.Identities) > 0 || len(opts.Shares) > 0 {
			return nil, nil, keyring.ErrNotSealedToOperators
		}
		before := heapAllocated()
		k, err := keyring.Open(sealed, passphrase)
		// The scrypt's table (256 MiB at the keyring's work factor) is
		// garbage now: collected at once, it does not set the heap's goal
		// (GOGC: twice what is live at a collection), which would
		// otherwise let the garbage of what follows (an open's check of
		// its tables, a restore's load) grow to its size before the next
		// collection; its pages go back to the system too. Only then: a
		// forced collection after a small table (the tests' work factor)
		// left tvaultd's resident memory 40 MiB higher, now and then
		// (TestAttachmentMemory).
		if heapAllocated()-before >= 64<<20 {
			debug.FreeOSMemory()
		}
		return k, nil, err
	}
	ops, err := keyring.ReadOperators(sealed)
	if err != nil {
		return nil, nil, err
	}
	if len(opts.Identities) == 0 && len(opts.Shares) == 0 {
		return nil, nil, keyring.ErrSealedToOperators
	}
	s := &keySealing{ops: ops}
	var k *keyring.Keyring
	if len(opts.Identities) > 0 {
		k, s.by, err = ops.OpenIdentities(opts.Identities...)
	} else {
		k, err = ops.Open(opts.Shares)
		for _, share := range opts.Shares {
			if n, err := ops.Match(share); err == nil && !slices.Contains(s.by, n) {
				s.by = append(s.by, n)
			}
		}
		slices.Sort(s.by)
	}
	if err != nil {
		return nil, nil, err
	}
	return k, s, nil
}

// ReadOperators returns the operator set of the vault in home, without
// opening it: what tvaultd gives each operator to decrypt their share
// from, and checks the shares sent against. It fails with
// keyring.ErrNotSealedToOperators for a vault sealed with a passphrase.
func ReadOperators(home string) (*keyring.Operators, error) {
	sealed, err := readSealed(home)
	if err != nil {
		return nil, err
	}
	return keyring.ReadOperators(sealed)
}

// readSealed reads the sealed keyring of the vault in home.
func readSealed(home string) ([]byte, error) {
	if !IsDatabase(home) {
		sealed, err := os.ReadFile(filepath.Join(home, keyringFile))
		if errors.Is(err, os.ErrNotExist) {
			return nil, fmt.Errorf("failed to read the keyring of %s: %w", home, ErrNotVault)
		}
		return sealed, err
	}
	s, sealed, err := openDatabase(context.Background(), home)
	if err != nil {
		return nil, err
	}
	s.Close()
	return sealed, nil
}

// UnsealedBy returns the numbers (from 1, as in keyring.Operators) of the
// operators whose shares opened the vault, in order; nil for a vault
// sealed with a passphrase.
func (v *Vault) UnsealedBy() []int {
	if s := v.keySealing.Load(); s != nil {
		return slices.Clone(s.by)
	}
	return nil
}

// Operators returns the vault's operator set; nil for a vault sealed with
// a passphrase.
func (v *Vault) Operators() *keyring.Operators {
	if s := v.keySealing.Load(); s != nil {
		return s.ops
	}
	return nil
}

// OperatorNumbers formats operator numbers for an audit attribute:
// "1,3".
func OperatorNumbers(numbers []int) string {
	s := make([]string, len(numbers))
	for i, n := range numbers {
		s[i] = strconv.Itoa(n)
	}
	return strings.Join(s, ",")
}

// AddOperator seals the keyring to the operators and recipient, with
// threshold K (0 keeps the current one), and records it in the audit log
// (operator.add, with the new operator's fingerprint, N and K). The vault
// must have been opened by K operators (it cannot be opened otherwise).
// The keyring is sealed afresh: a new unseal identity and new shares, so
// that no share of the old sealing opens the new one.
func (v *Vault) AddOperator(ctx context.Context, recipient string, threshold int) error {
	return v.changeOperators(ctx, "operator.add", recipient, threshold, func(rs []string) ([]string, error) {
		if slices.Contains(rs, recipient) {
			return nil, fmt.Errorf("%s is an operator already", keyring.Fingerprint(recipient))
		}
		return append(rs, recipient), nil
	})
}

// RemoveOperator is AddOperator for removing the operator whose recipient,
// or its fingerprint, is recipient (operator.remove). A copy of the old
// keyring (a backup) still opens with the removed operator's share and
// K-1 others': only a rekey makes the keys themselves new.
func (v *Vault) RemoveOperator(ctx context.Context, recipient string, threshold int) error {
	return v.changeOperators(ctx, "operator.remove", recipient, threshold, func(rs []string) ([]string, error) {
		i := slices.IndexFunc(rs, func(r string) bool { return r == recipient || keyring.Fingerprint(r) == recipient })
		if i < 0 {
			return nil, &service.InvalidArgumentError{Arg: "recipient", Want: "an operator's recipient or fingerprint (tvault operator list)"}
		}
		return slices.Delete(rs, i, i+1), nil
	})
}

// fingerprintOf returns the fingerprint of recipient, or recipient if it
// is one (RemoveOperator takes either).
func fingerprintOf(recipient string) string {
	if len(recipient) == len(keyring.Fingerprint("")) && strings.Trim(recipient, "0123456789abcdef") == "" {
		return recipient
	}
	return keyring.Fingerprint(recipient)
}

func (v *Vault) changeOperators(ctx context.Context, action, recipient string, threshold int, edit func([]string) ([]string, error)) error {
	_, err := do(ctx, v, action, nil, func(o *op) (struct{}, error) {
		o.attr("operator", fingerprintOf(recipient))
		if v.replaceKeyring == nil {
			return struct{}{}, errors.New("this vault keeps no keyring of its own (a vault in a database: not built yet)")
		}
		v.escrowMu.Lock()
		defer v.escrowMu.Unlock()
		cur := v.keySealing.Load()
		if cur == nil {
			return struct{}{}, ErrNotOperators
		}
		rs, err := edit(cur.recipients())
		if err != nil {
			return struct{}{}, err
		}
		if threshold == 0 {
			threshold = cur.ops.Threshold
		}
		sealed, next, err := sealOperators(v.secrets(), rs, threshold)
		if err != nil {
			return struct{}{}, err
		}
		o.attr("operators", strconv.Itoa(len(rs)))
		o.attr("threshold", strconv.Itoa(threshold))
		// The entry first, durably; then the keyring, atomically, as a
		// passphrase change does.
		if err := o.write(nil); err != nil {
			return struct{}{}, err
		}
		if err := v.replaceKeyring(sealed); err != nil {
			return struct{}{}, fmt.Errorf("failed to replace the keyring: %w", err)
		}
		next.by = cur.by
		v.keySealing.Store(next)
		return struct{}{}, nil
	})
	return err
}

// heapAllocated returns the bytes the process has allocated on the heap
// since it started.
func heapAllocated() uint64 {
	sample := []metrics.Sample{{Name: "/gc/heap/allocs:bytes"}}
	metrics.Read(sample)
	return sample[0].Value.Uint64()
}
