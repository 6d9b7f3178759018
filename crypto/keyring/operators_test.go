package keyring

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"filippo.io/age"
)

// operators returns n post-quantum identities and their recipients.
func operators(t testing.TB, n int) ([]*age.HybridIdentity, []string) {
	t.Helper()
	var ids []*age.HybridIdentity
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

func TestOperatorsTwoOfThree(t *testing.T) {
	k := newKeyring(t)
	ids, rs := operators(t, 3)
	sealed, err := SealOperators(k, rs, 2)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Open(sealed, testPassphrase); !errors.Is(err, ErrSealedToOperators) {
		t.Fatalf("Open with a passphrase: %v, want ErrSealedToOperators", err)
	}
	o, err := ReadOperators(sealed)
	if err != nil {
		t.Fatal(err)
	}
	if o.Threshold != 2 || len(o.Operators) != 3 || o.Operators[1].Recipient != rs[1] {
		t.Fatalf("ReadOperators: threshold %d, %d operators", o.Threshold, len(o.Operators))
	}
	for _, tc := range []struct {
		name string
		ids  []age.Identity
		want []int // operators whose shares open it; nil: too few
	}{
		{"1 and 2", []age.Identity{ids[0], ids[1]}, []int{1, 2}},
		{"3 and 1", []age.Identity{ids[2], ids[0]}, []int{1, 3}},
		{"all three", []age.Identity{ids[0], ids[1], ids[2]}, []int{1, 2, 3}},
		{"2 alone", []age.Identity{ids[1]}, nil},
		{"2 twice", []age.Identity{ids[1], ids[1]}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, numbers, err := o.OpenIdentities(tc.ids...)
			if tc.want == nil {
				var few *TooFewSharesError
				if !errors.As(err, &few) || few.Have != 1 || few.Need != 2 {
					t.Fatalf("err = %v, want 1 of 2 shares", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got.Root, k.Root) || got.Identity.String() != k.Identity.String() {
				t.Fatal("opened another keyring")
			}
			if len(numbers) != len(tc.want) {
				t.Fatalf("operators %v, want %v", numbers, tc.want)
			}
			for i := range numbers {
				if numbers[i] != tc.want[i] {
					t.Fatalf("operators %v, want %v", numbers, tc.want)
				}
			}
		})
	}
}

// TestOperatorsShares follows tvaultd's path: shares decrypted one
// operator at a time elsewhere, matched, then combined.
func TestOperatorsShares(t *testing.T) {
	k := newKeyring(t)
	ids, rs := operators(t, 3)
	sealed, err := SealOperators(k, rs, 2)
	if err != nil {
		t.Fatal(err)
	}
	o, err := ReadOperators(sealed)
	if err != nil {
		t.Fatal(err)
	}
	var shares [][]byte
	for i, id := range ids {
		got, err := o.Decrypt(id)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 1 || got[i+1] == nil {
			t.Fatalf("identity %d decrypts shares %v", i+1, got)
		}
		if n, err := o.Match(got[i+1]); err != nil || n != i+1 {
			t.Fatalf("Match = %d, %v; want %d", n, err, i+1)
		}
		shares = append(shares, got[i+1])
	}
	forged := bytes.Clone(shares[0])
	forged[0] ^= 1
	if _, err := o.Match(forged); !errors.Is(err, ErrUnknownShare) {
		t.Fatalf("Match of a changed share: %v", err)
	}
	if _, err := o.Open([][]byte{shares[0], forged}); !errors.Is(err, ErrUnknownShare) {
		t.Fatalf("Open with a changed share: %v", err)
	}
	if got, err := o.Open([][]byte{shares[2], shares[1]}); err != nil || !bytes.Equal(got.Root, k.Root) {
		t.Fatalf("Open with shares 3 and 2: %v", err)
	}

	// Another sealing of the same keyring to the same operators has other
	// shares: an old share opens nothing new.
	again, err := SealOperators(k, rs, 2)
	if err != nil {
		t.Fatal(err)
	}
	o2, err := ReadOperators(again)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := o2.Open(shares[:2]); !errors.Is(err, ErrUnknownShare) {
		t.Fatalf("old shares on a new sealing: %v", err)
	}
}

func TestSealOperatorsRefuses(t *testing.T) {
	k := newKeyring(t)
	_, rs := operators(t, 3)
	x, err := age.GenerateX25519Identity()
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name       string
		recipients []string
		threshold  int
		want       string
	}{
		{"threshold 1", rs, 1, "at least 2"},
		{"threshold over n", rs, 4, "more than the 3 operators"},
		{"classic recipient", []string{rs[0], x.Recipient().String()}, 2, "neither post-quantum"},
		{"passphrase-like", []string{rs[0], "hunter2"}, 2, "neither post-quantum"},
		{"twice", []string{rs[0], rs[1], rs[0]}, 2, "given twice"},
		{"bad pq", []string{rs[0], "age1pq1xyz"}, 2, "invalid operator recipient"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := SealOperators(k, tc.recipients, tc.threshold)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v, want %q", err, tc.want)
			}
		})
	}
}

func TestReadOperatorsMalformed(t *testing.T) {
	k := newKeyring(t)
	_, rs := operators(t, 2)
	sealed, err := SealOperators(k, rs, 2)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.SplitAfter(string(sealed), "\n")
	for _, tc := range []struct {
		name   string
		sealed string
	}{
		{"empty", ""},
		{"no final newline", strings.TrimSuffix(string(sealed), "\n")},
		{"threshold 3", strings.Replace(string(sealed), "threshold 2", "threshold 3", 1)},
		{"threshold 02", strings.Replace(string(sealed), "threshold 2", "threshold 02", 1)},
		{"no keyring", strings.Join(lines[:len(lines)-2], "")},
		{"operator dropped", lines[0] + lines[1] + lines[2] + lines[4]},
		{"operator twice", lines[0] + lines[1] + lines[2] + lines[2] + lines[4]},
		{"extra field", strings.Replace(string(sealed), "\nkeyring ", " x\nkeyring ", 1)},
		{"bad hash", strings.Replace(string(sealed), lines[2][len("operator ")+len(rs[0])+1:][:4], "zzzz", 1)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := ReadOperators([]byte(tc.sealed)); err == nil || errors.Is(err, ErrNotSealedToOperators) {
				t.Fatalf("err = %v, want malformed", err)
			}
		})
	}
	passphrase, err := Seal(k, testPassphrase)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ReadOperators(passphrase); !errors.Is(err, ErrNotSealedToOperators) {
		t.Fatalf("ReadOperators of a passphrase keyring: %v", err)
	}
}

func FuzzReadOperators(f *testing.F) {
	k := newKeyring(f)
	_, rs := operators(f, 2)
	sealed, err := SealOperators(k, rs, 2)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(sealed)
	f.Fuzz(func(t *testing.T, b []byte) {
		o, err := ReadOperators(b)
		if err != nil {
			return
		}
		if o.Threshold < 2 || o.Threshold > len(o.Operators) {
			t.Fatalf("threshold %d of %d", o.Threshold, len(o.Operators))
		}
	})
}
