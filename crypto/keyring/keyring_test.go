package keyring

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"filippo.io/age"
)

const testWorkFactor = 10

func newKeyring(t testing.TB, escrow int) *Keyring {
	t.Helper()
	id, err := age.GenerateHybridIdentity()
	if err != nil {
		t.Fatal(err)
	}
	k := &Keyring{VaultID: "vault-1", Identity: id, Root: bytes.Repeat([]byte{1}, 32),
		AuditKey: "PRIVATE+KEY+tvault/vault-1+abcd+AAAA"}
	for range escrow {
		e, err := age.GenerateHybridIdentity()
		if err != nil {
			t.Fatal(err)
		}
		k.Escrow = append(k.Escrow, e.Recipient())
	}
	return k
}

func TestSealOpen(t *testing.T) {
	k := newKeyring(t, 2)
	sealed, err := Seal(k, "correct horse", testWorkFactor)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(sealed, []byte("-----BEGIN AGE ENCRYPTED FILE-----")) {
		t.Fatalf("sealed keyring is not an armored age file: %.40q", sealed)
	}
	if bytes.Contains(sealed, []byte(k.Identity.String())) {
		t.Fatal("sealed keyring contains the identity in clear")
	}
	got, err := Open(sealed, "correct horse")
	if err != nil {
		t.Fatal(err)
	}
	a, _ := k.Marshal()
	b, _ := got.Marshal()
	if !bytes.Equal(a, b) {
		t.Fatalf("round trip changed the keyring:\n%s\n%s", a, b)
	}
	if _, err := Open(sealed, "wrong horse"); !errors.Is(err, ErrWrongPassphrase) {
		t.Fatalf("Open with a wrong passphrase = %v, want ErrWrongPassphrase", err)
	}
	if _, err := Open(sealed[:len(sealed)/2], "correct horse"); err == nil || errors.Is(err, ErrWrongPassphrase) {
		t.Fatalf("Open of a truncated keyring = %v, want a malformed-keyring error", err)
	}
}

func TestParseRejects(t *testing.T) {
	good, err := newKeyring(t, 1).Marshal()
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.SplitAfter(string(good), "\n")
	tests := map[string]string{
		"no final newline":  strings.TrimSuffix(string(good), "\n"),
		"wrong header":      "tvault-keyring/v2\n" + strings.Join(lines[1:], ""),
		"swapped lines":     lines[0] + lines[2] + lines[1] + strings.Join(lines[3:], ""),
		"missing audit key": strings.Join(lines[:4], ""),
		"short root":        strings.Replace(string(good), lines[3], "root AQID\n", 1),
		"trailing blank":    string(good) + "\n",
		"classic escrow":    string(good) + "escrow age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p\n",
		"unknown line":      string(good) + "extra thing\n",
		"double space":      strings.Replace(string(good), "vault ", "vault  ", 1),
	}
	for name, in := range tests {
		if _, err := Parse([]byte(in)); err == nil {
			t.Errorf("%s: Parse accepted it", name)
		}
	}
	if _, err := Parse(good); err != nil {
		t.Fatalf("Parse(good) = %v", err)
	}
}

func FuzzParse(f *testing.F) {
	good, err := newKeyring(f, 1).Marshal()
	if err != nil {
		f.Fatal(err)
	}
	f.Add(good)
	f.Add([]byte("tvault-keyring/v1\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		k, err := Parse(data)
		if err != nil {
			return
		}
		out, err := k.Marshal()
		if err != nil {
			t.Fatalf("parsed keyring does not marshal: %v", err)
		}
		if !bytes.Equal(out, data) {
			t.Fatalf("non-canonical keyring accepted:\n%q\n%q", data, out)
		}
	})
}
