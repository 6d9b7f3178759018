package keyring

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func TestCheckStrength(t *testing.T) {
	for _, tc := range []struct {
		passphrase string
		ok         bool
	}{
		{"correct horse battery staple", true},
		{"orbit crane velvet mosaic thunder", true},
		{"x7#Kq9!mZ2wR", true},
		{"hunter2", false},
		{"wrong horse", false},
		{"password123", false},
		{"qwertyuiop", false},
		{strings.Repeat("a", 4096), false},
		{"\xff\xfe correct horse battery staple", false},
		// The estimate looks at the first 100 bytes: a weak start is weak.
		{strings.Repeat("ab", 50) + "orbit crane velvet mosaic thunder", false},
	} {
		start := time.Now()
		err := CheckStrength(tc.passphrase)
		if d := time.Since(start); d > 2*time.Second {
			t.Errorf("CheckStrength(%.20q) took %v", tc.passphrase, d)
		}
		if tc.ok != (err == nil) || (err != nil && !errors.Is(err, ErrWeakPassphrase)) {
			t.Errorf("CheckStrength(%.20q) = %v, want ok %v", tc.passphrase, err, tc.ok)
		}
	}
}
