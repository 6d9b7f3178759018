package secretbox

import (
	"bytes"
	"errors"
	"testing"

	"golang.org/x/crypto/chacha20poly1305"
)

func TestSealOpen(t *testing.T) {
	b, err := New(bytes.Repeat([]byte{3}, 32))
	if err != nil {
		t.Fatal(err)
	}
	other, _ := New(bytes.Repeat([]byte{4}, 32))
	pt := []byte("SENTINEL-secretbox")
	sealed := b.Seal([]byte("rec/a"), pt)
	if bytes.Contains(sealed, pt) {
		t.Fatal("sealed value contains the plaintext")
	}
	if again := b.Seal([]byte("rec/a"), pt); bytes.Equal(again, sealed) {
		t.Fatal("two seals of the same value are equal: nonce reused")
	}
	got, err := b.Open([]byte("rec/a"), sealed)
	if err != nil || !bytes.Equal(got, pt) {
		t.Fatalf("Open = %q, %v", got, err)
	}
	inPlace := bytes.Clone(sealed)
	got, err = b.OpenInPlace([]byte("rec/a"), inPlace)
	if err != nil || !bytes.Equal(got, pt) {
		t.Fatalf("OpenInPlace = %q, %v", got, err)
	}
	if &got[0] != &inPlace[chacha20poly1305.NonceSizeX] {
		t.Fatal("OpenInPlace allocated: the plaintext is not in the sealed value's place")
	}
	flipped := bytes.Clone(sealed)
	flipped[len(flipped)/2] ^= 1
	for name, tc := range map[string]struct {
		box    *Box
		ad, ct []byte
	}{
		"other ad":  {b, []byte("rec/b"), sealed},
		"other key": {other, []byte("rec/a"), sealed},
		"flipped":   {b, []byte("rec/a"), flipped},
		"truncated": {b, []byte("rec/a"), sealed[:20]},
		"empty":     {b, []byte("rec/a"), nil},
	} {
		if _, err := tc.box.Open(tc.ad, tc.ct); !errors.Is(err, ErrOpen) {
			t.Errorf("%s: Open = %v, want ErrOpen", name, err)
		}
		if _, err := tc.box.OpenInPlace(tc.ad, bytes.Clone(tc.ct)); !errors.Is(err, ErrOpen) {
			t.Errorf("%s: OpenInPlace = %v, want ErrOpen", name, err)
		}
	}
	if _, err := New([]byte("short")); err == nil {
		t.Fatal("New accepted a short key")
	}
}
