package keyring

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"filippo.io/age"
	"filippo.io/age/armor"
)

const testPassphrase = "correct horse"

func TestMain(m *testing.M) {
	TestOnlyLowWorkFactor()
	os.Exit(m.Run())
}

func newKeyring(t testing.TB) *Keyring {
	t.Helper()
	id, err := age.GenerateHybridIdentity()
	if err != nil {
		t.Fatal(err)
	}
	return &Keyring{VaultID: "vault-1", Identity: id, Root: bytes.Repeat([]byte{1}, 32),
		AuditKey: "PRIVATE+KEY+tvault/vault-1+abcd+AAAA"}
}

// marshalV1 writes k as a version 1 keyring, as tvault wrote them before
// version 2, with its EscrowV1 recipients.
func marshalV1(k *Keyring) []byte {
	escrow := k.EscrowV1
	k.EscrowV1 = nil
	defer func() { k.EscrowV1 = escrow }()
	b, err := k.Marshal()
	if err != nil {
		panic(err)
	}
	b = bytes.Replace(b, []byte(header), []byte(headerV1), 1)
	for _, e := range escrow {
		b = fmt.Appendf(b, "escrow %s\n", e)
	}
	return b
}

func TestVersion1(t *testing.T) {
	k := newKeyring(t)
	for range 2 {
		e, err := age.GenerateHybridIdentity()
		if err != nil {
			t.Fatal(err)
		}
		k.EscrowV1 = append(k.EscrowV1, e.Recipient())
	}
	v1 := marshalV1(k)
	got, err := Parse(v1)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.EscrowV1) != 2 || got.EscrowV1[1].String() != k.EscrowV1[1].String() {
		t.Fatalf("Parse of a version 1 keyring: escrow %v, want %v", got.EscrowV1, k.EscrowV1)
	}
	// Sealing it as version 2 would drop the recipients: refused.
	if _, err := Seal(got, testPassphrase); !errors.Is(err, ErrEscrowInKeyring) {
		t.Fatalf("Seal of a keyring with version 1 escrow = %v, want ErrEscrowInKeyring", err)
	}
	got.EscrowV1 = nil
	v2, err := got.Marshal()
	if err != nil || !bytes.HasPrefix(v2, []byte("tvault-keyring/v2\n")) || bytes.Contains(v2, []byte("escrow")) {
		t.Fatalf("Marshal = %q, %v; want version 2 without escrow", v2, err)
	}
	// Version 2 has no escrow lines.
	if _, err := Parse(append(v2, marshalV1(k)[len(v2):]...)); err == nil {
		t.Error("Parse accepted a version 2 keyring with escrow lines")
	}
}

func TestSealOpen(t *testing.T) {
	k := newKeyring(t)
	sealed, err := Seal(k, testPassphrase)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(sealed, []byte("-----BEGIN AGE ENCRYPTED FILE-----")) {
		t.Fatalf("sealed keyring is not an armored age file: %.40q", sealed)
	}
	if bytes.Contains(sealed, []byte(k.Identity.String())) {
		t.Fatal("sealed keyring contains the identity in clear")
	}
	got, err := Open(sealed, testPassphrase)
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
	if _, err := Open(sealed[:len(sealed)/2], testPassphrase); err == nil || errors.Is(err, ErrWrongPassphrase) {
		t.Fatalf("Open of a truncated keyring = %v, want a malformed-keyring error", err)
	}
}

// ageEncrypt returns plaintext encrypted by age to recipients, armored or
// binary, as the age CLI writes it (age -e, -a for armor).
func ageEncrypt(t *testing.T, plaintext []byte, armored bool, recipients ...age.Recipient) []byte {
	t.Helper()
	var buf bytes.Buffer
	var out io.WriteCloser = nopCloser{&buf}
	if armored {
		out = armor.NewWriter(&buf)
	}
	w, err := age.Encrypt(out, recipients...)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.Write(plaintext); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if err := out.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

type nopCloser struct{ io.Writer }

func (nopCloser) Close() error { return nil }

// agePassphrase is the recipient of age -p, at the work factor of tests.
func agePassphrase(t *testing.T, passphrase string) *age.ScryptRecipient {
	t.Helper()
	r, err := age.NewScryptRecipient(passphrase)
	if err != nil {
		t.Fatal(err)
	}
	r.SetWorkFactor(testWorkFactor)
	return r
}

// TestSealOpensWithAge checks that what Seal writes is what the format
// says: an armored age file with one scrypt stanza, at the work factor in
// force, that age's own scrypt identity opens.
func TestSealOpensWithAge(t *testing.T) {
	k := newKeyring(t)
	want, _ := k.Marshal()
	sealed, err := Seal(k, testPassphrase)
	if err != nil {
		t.Fatal(err)
	}
	id, err := age.NewScryptIdentity(testPassphrase)
	if err != nil {
		t.Fatal(err)
	}
	r, err := age.Decrypt(armor.NewReader(bytes.NewReader(sealed)), id)
	if err != nil {
		t.Fatalf("age cannot open a sealed keyring: %v", err)
	}
	if got, err := io.ReadAll(r); err != nil || !bytes.Equal(got, want) {
		t.Fatalf("age opened a different keyring (%v):\n%s\n%s", err, got, want)
	}
	hdr, err := io.ReadAll(armor.NewReader(bytes.NewReader(sealed)))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.SplitN(string(hdr), "\n", 4)
	if lines[0] != "age-encryption.org/v1" ||
		!regexp.MustCompile(`^-> scrypt [A-Za-z0-9+/]{21}[AQgw] `+strconv.Itoa(testWorkFactor)+`$`).MatchString(lines[1]) ||
		!strings.HasPrefix(lines[3], "--- ") {
		t.Fatalf("unexpected header:\n%s\n%s\n%s", lines[0], lines[1], lines[2])
	}
}

func TestTestOnlyLowWorkFactor(t *testing.T) {
	restore := TestOnlyLowWorkFactor()
	if got := sealWorkFactor(); got != testWorkFactor {
		t.Errorf("under the hook, Seal's work factor = %d, want %d", got, testWorkFactor)
	}
	restore()
	// TestMain lowered it first, so restoring keeps it low.
	if got := sealWorkFactor(); got != testWorkFactor {
		t.Errorf("after restoring to TestMain's setting, Seal's work factor = %d, want %d", got, testWorkFactor)
	}
	lowWorkFactor.Store(false)
	defer lowWorkFactor.Store(true)
	if got := sealWorkFactor(); got != 18 {
		t.Errorf("without the hook, Seal's work factor = %d, want 18", got)
	}
}

// TestOpenAgeSealed opens keyrings that age encrypted with a passphrase, as
// age -p (binary) and age -p -a (armored) write them, and refuses the
// files that are not a passphrase-sealed keyring with a malformed-keyring
// error, never a wrong passphrase.
func TestOpenAgeSealed(t *testing.T) {
	k := newKeyring(t)
	plaintext, _ := k.Marshal()
	binary := ageEncrypt(t, plaintext, false, agePassphrase(t, testPassphrase))
	armored := ageEncrypt(t, plaintext, true, agePassphrase(t, testPassphrase))
	if bytes.HasPrefix(binary, []byte(armor.Header)) || !bytes.HasPrefix(armored, []byte(armor.Header)) {
		t.Fatal("bad test: the binary and armored files are not what they say")
	}
	for name, sealed := range map[string][]byte{
		"binary (age -p)":          binary,
		"armored (age -p -a)":      armored,
		"armored after blank line": append([]byte("\r\n\n"), armored...),
	} {
		got, err := Open(sealed, testPassphrase)
		if err != nil {
			t.Errorf("%s: Open = %v", name, err)
			continue
		}
		if b, _ := got.Marshal(); !bytes.Equal(b, plaintext) {
			t.Errorf("%s: Open returned a different keyring:\n%s\n%s", name, b, plaintext)
		}
		if _, err := Open(sealed, "wrong horse"); !errors.Is(err, ErrWrongPassphrase) {
			t.Errorf("%s: Open with a wrong passphrase = %v, want ErrWrongPassphrase", name, err)
		}
	}

	id, err := age.GenerateHybridIdentity()
	if err != nil {
		t.Fatal(err)
	}
	// A stanza claiming work factor 23 with a dummy body: Open must refuse
	// it before computing the 8 GiB scrypt.
	tooSlow := stanzas(func([]byte) []*age.Stanza {
		return []*age.Stanza{{Type: "scrypt", Args: []string{"pY8SHhdRT5xNvqnOLPadeA", "23"}, Body: make([]byte, 32)}}
	})
	for name, sealed := range map[string][]byte{
		"truncated binary":     binary[:len(binary)-1],
		"truncated armored":    armored[:len(armored)/2],
		"binary, then armored": append(append([]byte{}, binary...), armored...),
		"not age":              plaintext,
		"empty":                nil,
		"encrypted to a key":   ageEncrypt(t, plaintext, false, id.Recipient()),
		"work factor 23":       ageEncrypt(t, plaintext, false, tooSlow),
		"too large":            append(armored, bytes.Repeat([]byte("\n"), maxSealedSize)...),
	} {
		if _, err := Open(sealed, testPassphrase); err == nil || errors.Is(err, ErrWrongPassphrase) {
			t.Errorf("%s: Open = %v, want a malformed-keyring error", name, err)
		}
	}
}

// stanzas is an age.Recipient that writes whatever stanzas it is given, so
// that age itself frames them into a file with a valid header.
type stanzas func(fileKey []byte) []*age.Stanza

func (s stanzas) Wrap(fileKey []byte) ([]*age.Stanza, error) { return s(fileKey), nil }

func TestEmptyPassphrase(t *testing.T) {
	if _, err := Seal(newKeyring(t), ""); err == nil {
		t.Error("Seal accepted an empty passphrase")
	}
	if _, err := Open([]byte("irrelevant"), ""); err == nil || errors.Is(err, ErrWrongPassphrase) {
		t.Errorf("Open with an empty passphrase = %v, want an error other than ErrWrongPassphrase", err)
	}
}

func TestParseRejects(t *testing.T) {
	good, err := newKeyring(t).Marshal()
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.SplitAfter(string(good), "\n")
	tests := map[string]string{
		"no final newline":  strings.TrimSuffix(string(good), "\n"),
		"wrong header":      "tvault-keyring/v4\n" + strings.Join(lines[1:], ""),
		"v3 no lineage":     strings.Replace(string(good), header, headerV3, 1),
		"swapped lines":     lines[0] + lines[2] + lines[1] + strings.Join(lines[3:], ""),
		"missing audit key": strings.Join(lines[:4], ""),
		"short root":        strings.Replace(string(good), lines[3], "root AQID\n", 1),
		"trailing blank":    string(good) + "\n",
		"classic escrow":    strings.Replace(string(good), header, headerV1, 1) + "escrow age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p\n",
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

// rekeying returns a keyring in the middle of a rekey: a lineage and a
// next generation.
func rekeying(t testing.TB) *Keyring {
	k := newKeyring(t)
	next := newKeyring(t)
	k.Lineage = bytes.Repeat([]byte{3}, 32)
	k.Next = &Generation{Identity: next.Identity, Root: bytes.Repeat([]byte{2}, 32), AuditKey: "PRIVATE+KEY+tvault/vault-1+ef01+BBBB"}
	return k
}

func TestGenerations(t *testing.T) {
	k := rekeying(t)
	b, err := k.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(b, []byte(headerV3+"\n")) {
		t.Fatalf("a keyring with a next generation marshals as %q", b[:20])
	}
	got, err := Parse(b)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got.Lineage, k.Lineage) || got.Next == nil || !bytes.Equal(got.Next.Root, k.Next.Root) ||
		got.Next.Identity.String() != k.Next.Identity.String() || got.Next.AuditKey != k.Next.AuditKey {
		t.Fatalf("round trip lost the generations: %+v", got)
	}
	if live := got.Live(); live.Identity.String() != k.Next.Identity.String() {
		t.Error("Live is not the next generation during a rekey")
	}
	if ids := got.Identities(); len(ids) != 2 {
		t.Errorf("Identities during a rekey = %d, want 2", len(ids))
	}

	p := got.Promoted()
	if p.Next != nil || !bytes.Equal(p.Root, k.Next.Root) || !bytes.Equal(p.LineageRoot(), k.Lineage) || len(p.Identities()) != 1 {
		t.Fatalf("Promoted = %+v", p)
	}
	b, err = p.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	if again, err := Parse(b); err != nil || again.Next != nil || !bytes.Equal(again.Lineage, k.Lineage) {
		t.Fatalf("promoted keyring round trip: %+v, %v", again, err)
	}

	// A vault never rekeyed: version 2, its root is its lineage.
	plain := newKeyring(t)
	if !bytes.Equal(plain.LineageRoot(), plain.Root) {
		t.Error("LineageRoot of a keyring never rekeyed is not its root")
	}
	// The first rekey keeps the root as the lineage.
	plain.Next = k.Next
	if p := plain.Promoted(); !bytes.Equal(p.Lineage, plain.Root) {
		t.Error("the first rekey does not keep the first root as the lineage")
	}

	lines := strings.SplitAfter(string(b), "\n")
	full, _ := k.Marshal()
	fl := strings.SplitAfter(string(full), "\n")
	for name, in := range map[string]string{
		"next generation cut short": strings.Join(fl[:len(fl)-2], ""),
		"next lines reordered":      strings.Join(fl[:6], "") + fl[7] + fl[6] + strings.Join(fl[8:], ""),
		"short lineage":             strings.Replace(string(b), lines[5], "lineage AQID\n", 1),
		"lineage in version 2":      strings.Replace(string(b), headerV3, header, 1),
	} {
		if _, err := Parse([]byte(in)); err == nil {
			t.Errorf("%s: Parse accepted it", name)
		}
	}
}

func FuzzParse(f *testing.F) {
	good, err := newKeyring(f).Marshal()
	if err != nil {
		f.Fatal(err)
	}
	f.Add(good)
	f.Add(marshalV1(newKeyring(f)))
	if b, err := rekeying(f).Marshal(); err == nil {
		f.Add(b)
	}
	f.Add([]byte("tvault-keyring/v1\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		k, err := Parse(data)
		if err != nil {
			return
		}
		out := marshalV1(k)
		if bytes.HasPrefix(data, []byte(header)) {
			if out, err = k.Marshal(); err != nil {
				t.Fatalf("parsed keyring does not marshal: %v", err)
			}
		}
		if !bytes.Equal(out, data) {
			t.Fatalf("non-canonical keyring accepted:\n%q\n%q", data, out)
		}
	})
}
