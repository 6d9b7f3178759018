package vault

import (
	"errors"
	"path/filepath"
	"testing"

	"filippo.io/age"

	"github.com/tvault/tvault/crypto/keyring"
)

// newOperators returns n post-quantum identities and their recipients.
func newOperators(t testing.TB, n int) ([]age.Identity, []string) {
	t.Helper()
	var ids []age.Identity
	var rs []string
	for range n {
		id, err := age.GenerateHybridIdentity()
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, id)
		rs = append(rs, id.Recipient().String())
	}
	return ids, rs
}

// TestOperatorsTwoOfThree: a vault sealed to 3 operators with threshold
// 2 opens with any two identities, or two shares, and not with one, nor
// with a passphrase.
func TestOperatorsTwoOfThree(t *testing.T) {
	t.Parallel()
	ids, rs := newOperators(t, 3)
	dir := filepath.Join(t.TempDir(), "vault")
	if _, err := Init(ctx, dir, testPass, Options{Operators: rs, Threshold: 2}); err == nil {
		t.Fatal("Init with both a passphrase and operators succeeded")
	}
	v, err := Init(ctx, dir, "", Options{Operators: rs, Threshold: 2})
	if err != nil {
		t.Fatal(err)
	}
	init := actions(t, v)[0]
	if init.Attr("operators") != "3" || init.Attr("threshold") != "2" {
		t.Fatalf("init entry: %v", init.Attrs)
	}
	if _, _, err := v.Put(ctx, loadFixtures(t)[:1]); err != nil {
		t.Fatal(err)
	}
	if err := v.ChangePassphrase(ctx, testPass, true); err == nil {
		t.Fatal("a passphrase change of a vault sealed to operators succeeded")
	}
	if err := v.Close(); err != nil {
		t.Fatal(err)
	}

	ops, err := ReadOperators(dir)
	if err != nil {
		t.Fatal(err)
	}
	var shares [][]byte
	for _, id := range ids {
		s, err := ops.Decrypt(id)
		if err != nil {
			t.Fatal(err)
		}
		for _, share := range s {
			shares = append(shares, share)
		}
	}
	for _, tc := range []struct {
		name string
		opts OpenOptions
		pass string
		by   []int
		err  error
	}{
		{"identities 1 and 3", OpenOptions{Identities: []age.Identity{ids[2], ids[0]}}, "", []int{1, 3}, nil},
		{"identities 2 and 3", OpenOptions{Identities: ids[1:]}, "", []int{2, 3}, nil},
		{"shares 2 and 1", OpenOptions{Shares: [][]byte{shares[1], shares[0]}}, "", []int{1, 2}, nil},
		{"identity 2 alone", OpenOptions{Identities: ids[1:2]}, "", nil, &keyring.TooFewSharesError{}},
		{"share 3 alone", OpenOptions{Shares: shares[2:]}, "", nil, &keyring.TooFewSharesError{}},
		{"share 3 twice", OpenOptions{Shares: [][]byte{shares[2], shares[2]}}, "", nil, &keyring.TooFewSharesError{}},
		{"a passphrase", OpenOptions{}, testPass, nil, keyring.ErrSealedToOperators},
	} {
		t.Run(tc.name, func(t *testing.T) {
			v, err := OpenWith(dir, tc.pass, tc.opts)
			if tc.err != nil {
				var few *keyring.TooFewSharesError
				if _, want := tc.err.(*keyring.TooFewSharesError); want && !errors.As(err, &few) ||
					!want && !errors.Is(err, tc.err) {
					v.Close()
					t.Fatalf("err = %v, want %v", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			defer v.Close()
			if got := OperatorNumbers(v.UnsealedBy()); got != OperatorNumbers(tc.by) {
				t.Fatalf("unsealed by %s, want %s", got, OperatorNumbers(tc.by))
			}
			if _, err := v.Get(ctx, mustList(t, v)[0]); err != nil {
				t.Fatal(err)
			}
		})
	}
}

func mustList(t *testing.T, v *Vault) []string {
	t.Helper()
	list, err := v.List(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, r := range list {
		ids = append(ids, r.ID)
	}
	return ids
}

// TestOperatorsChange adds a fourth operator and removes the first: the
// removed identity no longer counts, the new one does, old shares open
// nothing, and each change is in the log.
func TestOperatorsChange(t *testing.T) {
	t.Parallel()
	ids, rs := newOperators(t, 4)
	dir := filepath.Join(t.TempDir(), "vault")
	v, err := Init(ctx, dir, "", Options{Operators: rs[:3], Threshold: 2})
	if err != nil {
		t.Fatal(err)
	}
	v.Close()
	old, err := ReadOperators(dir)
	if err != nil {
		t.Fatal(err)
	}
	oldShares, err := old.Decrypt(ids[1], ids[2])
	if err != nil {
		t.Fatal(err)
	}

	v, err = OpenWith(dir, "", OpenOptions{Identities: ids[:2]})
	if err != nil {
		t.Fatal(err)
	}
	if err := v.AddOperator(ctx, rs[1], 0); err == nil {
		t.Fatal("adding an operator twice succeeded")
	}
	if err := v.AddOperator(ctx, rs[3], 0); err != nil {
		t.Fatal(err)
	}
	if err := v.RemoveOperator(ctx, keyring.Fingerprint(rs[0]), 0); err != nil {
		t.Fatal(err)
	}
	if err := v.RemoveOperator(ctx, rs[0], 0); err == nil {
		t.Fatal("removing a removed operator succeeded")
	}
	if err := v.RemoveOperator(ctx, rs[1], 4); err == nil {
		t.Fatal("a threshold above the operators succeeded")
	}
	var changes []string
	for _, e := range actions(t, v) {
		if e.Action == "operator.add" || e.Action == "operator.remove" {
			changes = append(changes, e.Action+" "+string(e.Outcome)+" "+e.Attr("operator")+" "+e.Attr("operators"))
		}
	}
	want := []string{
		"operator.add error " + keyring.Fingerprint(rs[1]) + " ",
		"operator.add ok " + keyring.Fingerprint(rs[3]) + " 4",
		"operator.remove ok " + keyring.Fingerprint(rs[0]) + " 3",
		"operator.remove error " + keyring.Fingerprint(rs[0]) + " ",
		"operator.remove error " + keyring.Fingerprint(rs[1]) + " ",
	}
	if len(changes) != len(want) {
		t.Fatalf("changes in the log:\n%q\nwant\n%q", changes, want)
	}
	for i := range want {
		if changes[i] != want[i] {
			t.Fatalf("changes in the log:\n%q\nwant\n%q", changes, want)
		}
	}
	if err := v.Close(); err != nil {
		t.Fatal(err)
	}

	var oldList [][]byte
	for _, s := range oldShares {
		oldList = append(oldList, s)
	}
	for _, tc := range []struct {
		name string
		opts OpenOptions
		ok   bool
	}{
		{"removed and one", OpenOptions{Identities: []age.Identity{ids[0], ids[1]}}, false},
		{"new and one", OpenOptions{Identities: []age.Identity{ids[3], ids[1]}}, true},
		{"two kept", OpenOptions{Identities: []age.Identity{ids[2], ids[1]}}, true},
		{"old shares", OpenOptions{Shares: oldList}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			v, err := OpenWith(dir, "", tc.opts)
			if (err == nil) != tc.ok {
				t.Fatalf("err = %v, want success %v", err, tc.ok)
			}
			if err == nil {
				v.Close()
			}
		})
	}
}

func TestOperatorsPassphraseVault(t *testing.T) {
	v, dir := newTestVault(t, Options{})
	ids, rs := newOperators(t, 1)
	if err := v.AddOperator(ctx, rs[0], 0); !errors.Is(err, ErrNotOperators) {
		t.Fatalf("AddOperator on a passphrase vault: %v", err)
	}
	v.Close()
	if _, err := ReadOperators(dir); !errors.Is(err, keyring.ErrNotSealedToOperators) {
		t.Fatalf("ReadOperators: %v", err)
	}
	if _, err := OpenWith(dir, "", OpenOptions{Identities: ids}); !errors.Is(err, keyring.ErrNotSealedToOperators) {
		t.Fatalf("open with identities: %v", err)
	}
	if _, err := OpenWith(dir, testPass, OpenOptions{Identities: ids}); err == nil {
		t.Fatal("open with a passphrase and identities succeeded")
	}
}

// TestRekeyKeepsOperators: a rekey of a vault sealed to operators seals
// the new keyring to the same operators and threshold, never with a
// passphrase: two of them open it afterwards, one does not.
func TestRekeyKeepsOperators(t *testing.T) {
	t.Parallel()
	ids, rs := newOperators(t, 3)
	dir := filepath.Join(t.TempDir(), "vault")
	v, err := Init(ctx, dir, "", Options{Operators: rs, Threshold: 2})
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := v.Put(ctx, loadFixtures(t)[:1]); err != nil {
		t.Fatal(err)
	}
	if _, err := v.Rekey(ctx, nil); err != nil {
		t.Fatal(err)
	}
	if err := v.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := OpenWith(dir, "", OpenOptions{Identities: ids[:1]}); err == nil {
		t.Fatal("one operator opened the rekeyed vault")
	}
	if _, err := OpenWith(dir, "", OpenOptions{}); err == nil {
		t.Fatal("the rekeyed vault opened without operators")
	}
	v, err = OpenWith(dir, "", OpenOptions{Identities: ids[1:]})
	if err != nil {
		t.Fatalf("two operators, after the rekey: %v", err)
	}
	if _, err := v.Get(ctx, firstRecord(t, v)); err != nil {
		t.Error(err)
	}
	closeTest(t, v)
}
