package keyring

import (
	"bytes"
	"encoding/base64"
	"errors"
	"io"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"filippo.io/age"
	"filippo.io/age/armor"
	"golang.org/x/crypto/chacha20poly1305"
	xscrypt "golang.org/x/crypto/scrypt"

	"github.com/tvault/tvault/crypto/internal/scrypt"
)

const testPassphrase = "correct horse"

// encrypt returns plaintext as an armored age file to recipients, made by
// age itself.
func encrypt(t *testing.T, plaintext []byte, recipients ...age.Recipient) []byte {
	t.Helper()
	var buf bytes.Buffer
	aw := armor.NewWriter(&buf)
	w, err := age.Encrypt(aw, recipients...)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.Write(plaintext); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if err := aw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// ageOpen decrypts an armored age file with age's own scrypt identity.
func ageOpen(sealed []byte, passphrase string) ([]byte, error) {
	id, err := age.NewScryptIdentity(passphrase)
	if err != nil {
		return nil, err
	}
	r, err := age.Decrypt(armor.NewReader(bytes.NewReader(sealed)), id)
	if err != nil {
		return nil, err
	}
	return io.ReadAll(r)
}

func TestSealOpensWithAge(t *testing.T) {
	k := newKeyring(t, 1)
	want, _ := k.Marshal()
	sealed, err := Seal(k, testPassphrase, testWorkFactor)
	if err != nil {
		t.Fatal(err)
	}
	got, err := ageOpen(sealed, testPassphrase)
	if err != nil {
		t.Fatalf("age cannot open a sealed keyring: %v", err)
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("age opened a different keyring:\n%s\n%s", got, want)
	}
	if _, err := ageOpen(sealed, "wrong horse"); !errors.Is(err, age.ErrIncorrectIdentity) {
		t.Fatalf("age opened a sealed keyring with a wrong passphrase: %v", err)
	}

	// The header has the one stanza the spec describes.
	hdr, err := io.ReadAll(armor.NewReader(bytes.NewReader(sealed)))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.SplitN(string(hdr), "\n", 4)
	if !regexp.MustCompile(`^-> scrypt [A-Za-z0-9+/]{21}[AQgw] 10$`).MatchString(lines[1]) ||
		!strings.HasPrefix(lines[3], "--- ") {
		t.Fatalf("unexpected header:\n%s\n%s\n%s", lines[0], lines[1], lines[2])
	}
}

func TestOpenAgeSealed(t *testing.T) {
	k := newKeyring(t, 1)
	plaintext, _ := k.Marshal()
	for _, wf := range []int{10, 14} {
		r, err := age.NewScryptRecipient(testPassphrase)
		if err != nil {
			t.Fatal(err)
		}
		r.SetWorkFactor(wf)
		sealed := encrypt(t, plaintext, r)
		got, err := Open(sealed, testPassphrase)
		if err != nil {
			t.Fatalf("work factor %d: Open of a keyring sealed by age: %v", wf, err)
		}
		if b, _ := got.Marshal(); !bytes.Equal(b, plaintext) {
			t.Fatalf("work factor %d: Open returned a different keyring:\n%s\n%s", wf, b, plaintext)
		}
		if _, err := Open(sealed, "wrong horse"); !errors.Is(err, ErrWrongPassphrase) {
			t.Fatalf("work factor %d: Open with a wrong passphrase = %v, want ErrWrongPassphrase", wf, err)
		}
	}
}

func TestSealRejects(t *testing.T) {
	k := newKeyring(t, 0)
	if _, err := Seal(k, "", testWorkFactor); err == nil {
		t.Error("Seal accepted an empty passphrase")
	}
	for _, wf := range []int{-1, 0, maxWorkFactor + 1, 30} {
		if _, err := Seal(k, testPassphrase, wf); err == nil {
			t.Errorf("Seal accepted work factor %d", wf)
		}
	}
	if _, err := Open([]byte("irrelevant"), ""); err == nil || errors.Is(err, ErrWrongPassphrase) {
		t.Errorf("Open with an empty passphrase = %v, want an error other than ErrWrongPassphrase", err)
	}
	if maxWorkFactor > scrypt.MaxLogN {
		t.Errorf("maxWorkFactor %d is above what scrypt computes, %d", maxWorkFactor, scrypt.MaxLogN)
	}
}

// TestScryptLabels checks that age refuses to add another recipient to the
// passphrase, as it does for its own ScryptRecipient.
func TestScryptLabels(t *testing.T) {
	r1, err := newScryptRecipient(testPassphrase, testWorkFactor)
	if err != nil {
		t.Fatal(err)
	}
	r2, _ := newScryptRecipient("other horse", testWorkFactor)
	id, _ := age.GenerateHybridIdentity()
	for name, rs := range map[string][]age.Recipient{
		"two passphrases":         {r1, r2},
		"the same passphrase":     {r1, r1},
		"passphrase and key":      {r1, id.Recipient()},
		"key and passphrase":      {id.Recipient(), r1},
		"age's and ours together": {r1, mustAgeRecipient(t)},
	} {
		if _, err := age.Encrypt(io.Discard, rs...); err == nil {
			t.Errorf("%s: age.Encrypt accepted them together", name)
		}
	}
}

func mustAgeRecipient(t *testing.T) *age.ScryptRecipient {
	r, err := age.NewScryptRecipient(testPassphrase)
	if err != nil {
		t.Fatal(err)
	}
	r.SetWorkFactor(testWorkFactor)
	return r
}

// stanzas is an age.Recipient that writes whatever stanzas it is given, so
// that age itself frames them into a file with a valid header MAC.
type stanzas func(fileKey []byte) []*age.Stanza

func (s stanzas) Wrap(fileKey []byte) ([]*age.Stanza, error) { return s(fileKey), nil }

// wrapBody is the stanza body for fileKey with this salt and work factor,
// computed with x/crypto, independently of the code under test.
func wrapBody(t testing.TB, fileKey, salt []byte, logN int) []byte {
	t.Helper()
	k, err := xscrypt.Key([]byte(testPassphrase), append([]byte(scryptLabel), salt...), 1<<logN, 8, 1, 32)
	if err != nil {
		t.Fatal(err)
	}
	aead, _ := chacha20poly1305.New(k)
	return aead.Seal(nil, make([]byte, chacha20poly1305.NonceSize), fileKey, nil)
}

// TestUnwrapRejects seals keyrings whose scrypt stanza is wrong in one way
// each, with a body that is right for what the stanza would mean if the
// defect were let through: Open must call them malformed, never a wrong
// passphrase, and age must reject them too, in the same way.
func TestUnwrapRejects(t *testing.T) {
	plaintext, _ := newKeyring(t, 0).Marshal()
	salt := bytes.Repeat([]byte{0xa5}, scryptSaltSize)
	saltArg := base64.RawStdEncoding.EncodeToString(salt)
	// The last of 22 characters carries 2 bits of salt and 4 zero bits;
	// setting one of those decodes to the same salt in a lax decoder.
	lax := saltArg[:21] + string(saltArg[21]+1)
	if b, err := base64.RawStdEncoding.DecodeString(lax); err != nil || !bytes.Equal(b, salt) {
		t.Fatalf("bad test: %q does not decode laxly to the salt", lax)
	}
	one := func(args []string, body func(fileKey []byte) []byte) stanzas {
		return func(fileKey []byte) []*age.Stanza {
			return []*age.Stanza{{Type: "scrypt", Args: args, Body: body(fileKey)}}
		}
	}
	valid := func(salt []byte, logN int) func([]byte) []byte {
		return func(fileKey []byte) []byte { return wrapBody(t, fileKey, salt, logN) }
	}
	body := valid(salt, 10)
	short, long := salt[:15], append(salt, 0)
	tests := map[string]stanzas{
		"bad base64":           one([]string{"!" + saltArg[1:], "10"}, body),
		"padded base64":        one([]string{base64.StdEncoding.EncodeToString(salt), "10"}, body),
		"non-canonical base64": one([]string{lax, "10"}, body),
		"url base64":           one([]string{base64.RawURLEncoding.EncodeToString(bytes.Repeat([]byte{0xff}, 16)), "10"}, valid(bytes.Repeat([]byte{0xff}, 16), 10)),
		"short salt":           one([]string{base64.RawStdEncoding.EncodeToString(short), "10"}, valid(short, 10)),
		"long salt":            one([]string{base64.RawStdEncoding.EncodeToString(long), "10"}, valid(long, 10)),
		"work factor 010":      one([]string{saltArg, "010"}, body),
		"work factor 018":      one([]string{saltArg, "018"}, body),
		"work factor +10":      one([]string{saltArg, "+10"}, body),
		"work factor 0":        one([]string{saltArg, "0"}, body),
		"work factor -10":      one([]string{saltArg, "-10"}, body),
		"work factor 0x0a":     one([]string{saltArg, "0x0a"}, body),
		"work factor 23":       one([]string{saltArg, "23"}, body),
		"work factor 30":       one([]string{saltArg, "30"}, body),
		"work factor overflow": one([]string{saltArg, "99999999999999999999"}, body),
		"no work factor":       one([]string{saltArg}, body),
		"extra argument":       one([]string{saltArg, "10", "10"}, body),
		"body too short":       one([]string{saltArg, "10"}, func(k []byte) []byte { return body(k)[:31] }),
		"body too long":        one([]string{saltArg, "10"}, func(k []byte) []byte { return append(body(k), 0) }),
		"empty body":           one([]string{saltArg, "10"}, func([]byte) []byte { return nil }),
		"two scrypt stanzas": func(fileKey []byte) []*age.Stanza {
			s := &age.Stanza{Type: "scrypt", Args: []string{saltArg, "10"}, Body: body(fileKey)}
			return []*age.Stanza{s, s}
		},
		"scrypt and another stanza": func(fileKey []byte) []*age.Stanza {
			return []*age.Stanza{
				{Type: "scrypt", Args: []string{saltArg, "10"}, Body: body(fileKey)},
				{Type: "tvault-test", Args: []string{"x"}, Body: []byte("y")},
			}
		},
		"another stanza and scrypt": func(fileKey []byte) []*age.Stanza {
			return []*age.Stanza{
				{Type: "tvault-test", Args: []string{"x"}, Body: []byte("y")},
				{Type: "scrypt", Args: []string{saltArg, "10"}, Body: body(fileKey)},
			}
		},
	}
	for name, s := range tests {
		sealed := encrypt(t, plaintext, s)
		if _, err := Open(sealed, testPassphrase); err == nil || errors.Is(err, ErrWrongPassphrase) {
			t.Errorf("%s: Open = %v, want a malformed-keyring error", name, err)
		}
		if _, err := ageOpen(sealed, testPassphrase); err == nil || errors.Is(err, age.ErrIncorrectIdentity) {
			t.Errorf("%s: age opened it (%v): the test is wrong", name, err)
		}
	}

	// The control: the same construction without a defect opens, with
	// both, so each case above fails for its defect alone.
	good := encrypt(t, plaintext, one([]string{saltArg, "10"}, body))
	if _, err := Open(good, testPassphrase); err != nil {
		t.Fatalf("Open of the control = %v", err)
	}
	if _, err := ageOpen(good, testPassphrase); err != nil {
		t.Fatalf("age open of the control = %v", err)
	}
	if _, err := Open(good, "wrong horse"); !errors.Is(err, ErrWrongPassphrase) {
		t.Fatalf("Open of the control with a wrong passphrase = %v, want ErrWrongPassphrase", err)
	}

	// A file with no scrypt stanza is not for a passphrase: age calls that an
	// incorrect identity, and Open, as before, a wrong passphrase.
	other := encrypt(t, plaintext, stanzas(func([]byte) []*age.Stanza {
		return []*age.Stanza{{Type: "tvault-test", Args: []string{"x"}, Body: []byte("y")}}
	}))
	if _, err := Open(other, testPassphrase); !errors.Is(err, ErrWrongPassphrase) {
		t.Errorf("Open of a file without a scrypt stanza = %v, want ErrWrongPassphrase", err)
	}
	if _, err := ageOpen(other, testPassphrase); !errors.Is(err, age.ErrIncorrectIdentity) {
		t.Errorf("age open of a file without a scrypt stanza = %v, want ErrIncorrectIdentity", err)
	}
}

// TestMemory checks what Seal and Open allocate at work factor 16, whose
// table is 64 MiB: unsealMemory, and well under 1 MiB for the rest (the
// limit leaves room for age to change).
func TestMemory(t *testing.T) {
	k := newKeyring(t, 1)
	const limit = unsealMemory + 4<<20
	// allocated returns the bytes allocated while fn runs.
	allocated := func(fn func()) uint64 {
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		fn()
		runtime.ReadMemStats(&after)
		return after.TotalAlloc - before.TotalAlloc
	}
	var sealed []byte
	var err error
	sealAlloc := allocated(func() { sealed, err = Seal(k, testPassphrase, 16) })
	if err != nil {
		t.Fatal(err)
	}
	openAlloc := allocated(func() { _, err = Open(sealed, testPassphrase) })
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range []struct {
		op  string
		got uint64
	}{{"Seal", sealAlloc}, {"Open", openAlloc}} {
		if a.got >= limit {
			t.Errorf("%s allocated %d bytes, want under %d", a.op, a.got, limit)
		}
		t.Logf("%s allocated %d bytes", a.op, a.got)
	}
}

// FuzzUnwrap checks that scryptIdentity accepts and rejects scrypt stanzas
// as age's ScryptIdentity does, and unwraps the same file keys.
func FuzzUnwrap(f *testing.F) {
	fileKey := bytes.Repeat([]byte{7}, fileKeySize)
	salt := bytes.Repeat([]byte{0xa5}, scryptSaltSize)
	saltArg := base64.RawStdEncoding.EncodeToString(salt)
	body := func(logN int) []byte { return wrapBody(f, fileKey, salt, logN) }
	f.Add(saltArg, "10", "", body(10))
	f.Add(saltArg, "1", "", body(1))
	f.Add(saltArg, "010", "", body(10))
	f.Add(saltArg, "+10", "", body(10))
	f.Add(saltArg+"==", "10", "", body(10))
	f.Add(saltArg[:21]+"B", "10", "", body(10))
	f.Add(saltArg[:20]+"\n"+saltArg[20:], "10", "", body(10))
	f.Add(saltArg, "10", "extra", body(10))
	f.Add(saltArg, "23", "", body(10))
	f.Add(saltArg, "10", "", body(10)[:31])
	ours, err := newScryptIdentity(testPassphrase)
	if err != nil {
		f.Fatal(err)
	}
	theirs, err := age.NewScryptIdentity(testPassphrase)
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, saltArg, workFactor, extra string, body []byte) {
		if n, err := strconv.Atoi(workFactor); err == nil && n > 12 && n <= maxWorkFactor {
			t.Skip("too slow to fuzz")
		}
		s := &age.Stanza{Type: "scrypt", Args: []string{saltArg, workFactor}, Body: body}
		if extra != "" {
			s.Args = append(s.Args, extra)
		}
		got, gotErr := ours.Unwrap([]*age.Stanza{s})
		want, wantErr := theirs.Unwrap([]*age.Stanza{s})
		if (gotErr == nil) != (wantErr == nil) ||
			errors.Is(gotErr, age.ErrIncorrectIdentity) != errors.Is(wantErr, age.ErrIncorrectIdentity) {
			t.Fatalf("Unwrap = %v, age's = %v", gotErr, wantErr)
		}
		if !bytes.Equal(got, want) {
			t.Fatalf("Unwrap = %x, age's = %x", got, want)
		}
	})
}
