package envelope

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"filippo.io/age"
)

func identity(t testing.TB) *age.HybridIdentity {
	t.Helper()
	id, err := age.GenerateHybridIdentity()
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func TestSealOpen(t *testing.T) {
	vault, escrow := identity(t), identity(t)
	body := []byte(`{"case":"X-1","narrative":"SENTINEL-envelope"}`)
	v := Version{ID: "abc", Version: 2}
	ct, err := Seal(v, body, vault.Recipient(), escrow.Recipient())
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(ct, []byte("SENTINEL")) {
		t.Fatal("ciphertext contains plaintext")
	}
	for _, id := range []age.Identity{vault, escrow} {
		got, err := Open(ct, v, id)
		if err != nil || !bytes.Equal(got, body) {
			t.Fatalf("Open = %q, %v", got, err)
		}
	}
	for name, tc := range map[string]struct {
		ct   []byte
		want Version
		id   age.Identity
	}{
		"other record":   {ct, Version{ID: "abd", Version: 2}, vault},
		"other version":  {ct, Version{ID: "abc", Version: 1}, vault},
		"other identity": {ct, v, identity(t)},
		"truncated":      {ct[:len(ct)-1], v, vault},
		"empty":          {nil, v, vault},
	} {
		if _, err := Open(tc.ct, tc.want, tc.id); !errors.Is(err, ErrIntegrity) {
			t.Errorf("%s: Open = %v, want ErrIntegrity", name, err)
		}
	}
	// Every single-byte change anywhere in the ciphertext is caught.
	for i := 0; i < len(ct); i += 7 {
		bad := bytes.Clone(ct)
		bad[i] ^= 0x01
		if _, err := Open(bad, v, vault); !errors.Is(err, ErrIntegrity) {
			t.Fatalf("flip at byte %d: Open = %v, want ErrIntegrity", i, err)
		}
	}
}

func TestParseRejects(t *testing.T) {
	const sum = "0000000000000000000000000000000000000000000000000000000000000000"
	for name, in := range map[string]string{
		"no blank line":   magic + "\nid a\nversion 1\nsha256 " + sum + "\n",
		"bad magic":       "tvault-record/v2\nid a\nversion 1\nsha256 " + sum + "\n\n{}",
		"leading zero":    magic + "\nid a\nversion 01\nsha256 " + sum + "\n\n{}",
		"version zero":    magic + "\nid a\nversion 0\nsha256 " + sum + "\n\n{}",
		"upper hex":       magic + "\nid a\nversion 1\nsha256 " + strings.ToUpper(strings.Repeat("ab", 32)) + "\n\n{}",
		"extra line":      magic + "\nid a\nversion 1\nsha256 " + sum + "\nx y\n\n{}",
		"reordered":       magic + "\nversion 1\nid a\nsha256 " + sum + "\n\n{}",
		"empty id":        magic + "\nid \nversion 1\nsha256 " + sum + "\n\n{}",
		"space in prefix": magic + "\nid  a\nversion 1\nsha256 " + sum + "\n\n{}",
	} {
		if _, _, _, err := parse([]byte(in)); err == nil {
			t.Errorf("%s: parse accepted it", name)
		}
	}
}

func FuzzParse(f *testing.F) {
	f.Add([]byte(magic + "\nid a\nversion 1\nsha256 " + strings.Repeat("0", 64) + "\n\n{}"))
	f.Fuzz(func(t *testing.T, data []byte) {
		v, sum, body, err := parse(data)
		if err != nil {
			return
		}
		// Accepted headers are canonical: re-encoding gives the input back.
		if out := append(header(v, sum), body...); !bytes.Equal(out, data) {
			t.Fatalf("non-canonical header accepted: %q", data)
		}
	})
}
