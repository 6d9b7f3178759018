package scrypt

import (
	"bytes"
	"encoding/hex"
	"fmt"
	"os"
	"runtime"
	"testing"

	xscrypt "golang.org/x/crypto/scrypt"
)

// rfc7914 holds the test vectors of RFC 7914, section 12, but the last one,
// which is in TestRFC7914Large.
var rfc7914 = []struct {
	password, salt string
	logN, r, p     int
	want           string
}{
	{"", "", 4, 1, 1, "77d6576238657b203b19ca42c18a0497f16b4844e3074ae8dfdffa3fede21442" +
		"fcd0069ded0948f8326a753a0fc81f17e8d3e0fb2e0d3628cf35e20c38d18906"},
	{"password", "NaCl", 10, 8, 16, "fdbabe1c9d3472007856e7190d01e9fe7c6ad7cbc8237830e77376634b373162" +
		"2eaf30d92e22a3886ff109279d9830dac727afb94a83ee6d8360cbdfa2cc0640"},
	{"pleaseletmein", "SodiumChloride", 14, 8, 1, "7023bdcb3afd7348461c06cd81fd38ebfda8fbba904f8e3ea9b543f6545da1f2" +
		"d5432955613f0fcf62d49705242a9af9e61e85dc0d651e40dfcf017b45575887"},
}

func TestRFC7914(t *testing.T) {
	for _, v := range rfc7914 {
		want, _ := hex.DecodeString(v.want)
		full := 128 * v.r << v.logN
		// The whole table, then a third (k = 4) and a sixteenth (k = 16).
		for _, maxMemory := range []int{full, full / 3, full / 16} {
			got, err := Key([]byte(v.password), []byte(v.salt), v.logN, v.r, v.p, len(want), maxMemory)
			if err != nil {
				t.Fatalf("Key(%q, %q, %d, %d, %d, %d) = %v", v.password, v.salt, v.logN, v.r, v.p, maxMemory, err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("Key(%q, %q, %d, %d, %d, %d) = %x, want %x", v.password, v.salt, v.logN, v.r, v.p, maxMemory, got, want)
			}
		}
	}
}

// TestRFC7914Large computes the vector whose table is 1 GiB in 32 MiB. It
// takes over ten seconds, so it runs only with TVAULT_SCRYPT_LARGE=1.
func TestRFC7914Large(t *testing.T) {
	if os.Getenv("TVAULT_SCRYPT_LARGE") != "1" {
		t.Skip("set TVAULT_SCRYPT_LARGE=1 to run")
	}
	want, _ := hex.DecodeString("2101cb9b6a511aaeaddbbe09cf70f881ec568d574a2ffd4dabe5ee9820adaa47" +
		"8e56fd8f4ba5d09ffa1c6d927c40f4c337304049e8a952fbcbf45c6fa77a41a4")
	got, err := Key([]byte("pleaseletmein"), []byte("SodiumChloride"), 20, 8, 1, len(want), 32<<20)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("Key = %x, want %x", got, want)
	}
}

func TestMatchesXCrypto(t *testing.T) {
	tests := []struct {
		logN, r, p int
		maxMemory  int
		k          int // the stride maxMemory implies
	}{
		{10, 8, 1, 1 << 20, 1}, // the whole table, 1 MiB
		{10, 8, 1, 1 << 30, 1},
		{10, 8, 1, 512 << 10, 2},
		{10, 8, 1, 1000 << 10, 2},
		{10, 8, 1, 342 << 10, 3}, // 1024 is not a multiple of 3
		{10, 8, 1, 128 << 10, 8},
		{10, 8, 1, 64 << 10, 16},
		{10, 8, 1, 64<<10 + 1023, 16},
		{10, 8, 1, 1 << 10, 1024}, // V[0] alone
		{12, 8, 1, 256 << 10, 16},
		{1, 1, 1, 128, 2},
		{1, 1, 1, 256, 1},
		{4, 1, 1, 5 * 128, 4},
		{4, 1, 1, 6 * 128, 3},
		{6, 3, 2, 22 * 384, 3},
		{8, 2, 3, 32 * 256, 8},
		{5, 16, 1, 3 * 2048, 11},
	}
	for _, tt := range tests {
		name := fmt.Sprintf("logN=%d/r=%d/p=%d/maxMemory=%d", tt.logN, tt.r, tt.p, tt.maxMemory)
		t.Run(name, func(t *testing.T) {
			if k := stride(1<<tt.logN, 128*tt.r, tt.maxMemory); k != tt.k {
				t.Fatalf("stride = %d, want %d", k, tt.k)
			}
			password := []byte("correct horse " + name)
			salt := []byte("salt " + name)
			want, err := xscrypt.Key(password, salt, 1<<tt.logN, tt.r, tt.p, 32)
			if err != nil {
				t.Fatal(err)
			}
			got, err := Key(password, salt, tt.logN, tt.r, tt.p, 32, tt.maxMemory)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("Key = %x, x/crypto/scrypt.Key = %x", got, want)
			}
		})
	}
}

func TestRejects(t *testing.T) {
	tests := []struct {
		name                    string
		logN, r, p, keyLen, mem int
	}{
		{"logN 0", 0, 8, 1, 32, 1 << 20},
		{"logN negative", -1, 8, 1, 32, 1 << 20},
		{"logN too large", MaxLogN + 1, 8, 1, 32, 1 << 30},
		{"r 0", 10, 0, 1, 32, 1 << 20},
		{"r negative", 10, -1, 1, 32, 1 << 20},
		{"p 0", 10, 8, 0, 32, 1 << 20},
		{"p negative", 10, 8, -1, 32, 1 << 20},
		{"r*p too large", 10, 1 << 15, 1 << 15, 32, 1 << 20},
		{"r too large", 10, maxInt / 2, 1, 32, 1 << 20},
		{"keyLen 0", 10, 8, 1, 0, 1 << 20},
		{"keyLen negative", 10, 8, 1, -1, 1 << 20},
		{"maxMemory under one block", 10, 8, 1, 32, 1023},
		{"maxMemory 0", 10, 8, 1, 32, 0},
		{"maxMemory negative", 10, 8, 1, 32, -1},
	}
	for _, tt := range tests {
		if k, err := Key([]byte("p"), []byte("s"), tt.logN, tt.r, tt.p, tt.keyLen, tt.mem); err == nil {
			t.Errorf("%s: Key = %x, want an error", tt.name, k)
		}
	}
}

// TestMemory checks what Key allocates, not just how many times:
// TotalAlloc grows by every byte allocated, whether or not it is freed.
func TestMemory(t *testing.T) {
	const maxMemory = 8 << 20 // an eighth of the 64 MiB table
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	if _, err := Key([]byte("password"), []byte("salt"), 16, 8, 1, 32, maxMemory); err != nil {
		t.Fatal(err)
	}
	runtime.ReadMemStats(&after)
	got := after.TotalAlloc - before.TotalAlloc
	t.Logf("Key allocated %d bytes", got)
	if got >= maxMemory+1<<20 {
		t.Errorf("Key allocated %d bytes, want under %d", got, maxMemory+1<<20)
	}
	// The stored blocks fill the budget exactly here; seeing less would mean
	// the measurement missed them.
	if got < maxMemory {
		t.Errorf("Key allocated %d bytes, less than its table of %d: the measurement is broken", got, maxMemory)
	}
}

var sink []byte

func BenchmarkKey(b *testing.B) {
	password, salt := []byte("password"), []byte("salt")
	for _, mib := range []int{256, 64, 32, 16} {
		b.Run(fmt.Sprintf("logN=18/maxMemory=%dMiB", mib), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				var err error
				if sink, err = Key(password, salt, 18, 8, 1, 32, mib<<20); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
	b.Run("logN=18/x-crypto", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			var err error
			if sink, err = xscrypt.Key(password, salt, 1<<18, 8, 1, 32); err != nil {
				b.Fatal(err)
			}
		}
	})
}
