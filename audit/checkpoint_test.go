package audit

import (
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/tvault/tvault/vault/store"
	"github.com/tvault/tvault/vault/store/memstore"
)

func TestParseCheckpointText(t *testing.T) {
	const root = "zNVtJb9yVpfKNPvCN5/8O2YmpSqgcb0kV1PBoyIt1dQ="
	good := "tvault/test\n3\n" + root + "\n"
	c, err := parseCheckpointText(good)
	if err != nil || c.origin != testOrigin || c.N != 3 || c.Hash.String() != root {
		t.Fatalf("parseCheckpointText = %+v, %v", c, err)
	}
	bad := map[string]string{
		"extension line":      good + "extension\n",
		"missing newline":     strings.TrimSuffix(good, "\n"),
		"missing hash":        "tvault/test\n3\n",
		"empty origin":        "\n3\n" + root + "\n",
		"origin with space":   "tvault test\n3\n" + root + "\n",
		"origin with plus":    "tvault+test\n3\n" + root + "\n",
		"size leading zero":   "tvault/test\n03\n" + root + "\n",
		"size negative":       "tvault/test\n-3\n" + root + "\n",
		"size not a number":   "tvault/test\nthree\n" + root + "\n",
		"hash short":          "tvault/test\n3\nzNVt\n",
		"hash not canonical":  "tvault/test\n3\n" + root[:42] + "R=\n",
		"hash unpadded":       "tvault/test\n3\n" + root[:43] + "\n",
		"hash in hex":         "tvault/test\n3\n" + strings.Repeat("ab", 32) + "\n",
		"CRLF":                strings.ReplaceAll(good, "\n", "\r\n"),
		"go.sum tree":         "go.sum database tree\n3\n" + root + "\n",
		"origin over 256":     strings.Repeat("o", 257) + "\n3\n" + root + "\n",
		"blank line":          "\n" + good,
		"size beyond int64":   "tvault/test\n9223372036854775808\n" + root + "\n",
		"two lines then hash": "tvault/test\n3\n\n" + root + "\n",
	}
	for name, in := range bad {
		if c, err := parseCheckpointText(in); err == nil {
			t.Errorf("%s: parseCheckpointText accepted it: %+v", name, c)
		}
	}
}

// TestStoredCheckpointCorrupt checks that a stored checkpoint that is not
// one stops every operation that relies on it, with store.ErrCorrupt.
func TestStoredCheckpointCorrupt(t *testing.T) {
	s := newLog(t, 3)
	old := get(t, s, []byte(checkpointKey))
	set(t, s, checkpointKey, "not a note\n")
	tests := map[string]func(tx store.Tx) error{
		"Export": func(tx store.Tx) error { return Export(tx, io.Discard) },
		"Prove": func(tx store.Tx) error {
			_, err := Prove(tx, 0)
			return err
		},
		"ProveConsistency": func(tx store.Tx) error {
			_, err := ProveConsistency(tx, old)
			return err
		},
		"SignCheckpoint": func(tx store.Tx) error {
			_, err := SignCheckpoint(tx, signer(t, testSKey), testOrigin)
			return err
		},
	}
	for name, fn := range tests {
		if err := s.Update(ctx, fn); !errors.Is(err, store.ErrCorrupt) {
			t.Errorf("%s = %v, want store.ErrCorrupt", name, err)
		}
	}
}

// TestExtends checks a kept checkpoint against logs that extend it and
// logs that do not: shorter, or another history.
func TestExtends(t *testing.T) {
	five := newLog(t, 5)
	kept := sign(t, five, testSKey)
	other := memstore.New() // five entries of another history
	appendN(t, other, 1, 6)
	tests := []struct {
		name    string
		log     store.Store
		kept    []byte
		want    error // nil, ErrLogOlder or ErrInconsistent
		wantLen int64
	}{
		{"same log", five, kept, nil, 5},
		{"longer log", newLog(t, 9), kept, nil, 9},
		{"shorter log", newLog(t, 4), kept, ErrLogOlder, 4},
		{"empty log", memstore.New(), kept, ErrLogOlder, 0},
		{"other history", other, kept, ErrInconsistent, 5},
		{"empty checkpoint, any log", five, sign(t, memstore.New(), testSKey), nil, 5},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tree, err := OpenCheckpoint(tt.kept, verifier(t))
			if err != nil {
				t.Fatal(err)
			}
			n, err := view(t, tt.log, func(rtx store.ReadTx) (int64, error) { return Extends(rtx, tree) })
			if !errors.Is(err, tt.want) || (err == nil) != (tt.want == nil) {
				t.Fatalf("Extends = %v, want %v", err, tt.want)
			}
			if n != tt.wantLen {
				t.Errorf("Extends returned size %d, want %d", n, tt.wantLen)
			}
		})
	}
}

func TestOpenCheckpoint(t *testing.T) {
	s := newLog(t, 3)
	good := get(t, s, []byte(checkpointKey))
	foreign := memstore.New()
	appendN(t, foreign, 0, 3)
	tree, err := OpenCheckpoint(good, verifier(t))
	if err != nil || tree.N != 3 {
		t.Fatalf("OpenCheckpoint = %v, %v; want a tree of 3", tree, err)
	}
	tests := []struct {
		name string
		msg  []byte
		want error // nil for a malformed note
	}{
		{"signed by another key of the same name", sign(t, newLog(t, 3), otherSKey), ErrBadSignature},
		{"another log", sign(t, foreign, foreignSKey), ErrOtherLog},
		{"not a note", []byte("tvault/test\n3\n"), nil},
		{"changed size", []byte(strings.Replace(string(good), "\n3\n", "\n4\n", 1)), ErrBadSignature},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := OpenCheckpoint(tt.msg, verifier(t))
			if err == nil || (tt.want != nil && !errors.Is(err, tt.want)) {
				t.Fatalf("OpenCheckpoint = %v, want %v", err, tt.want)
			}
		})
	}
}

func FuzzParseCheckpointText(f *testing.F) {
	f.Add("tvault/test\n3\nzNVtJb9yVpfKNPvCN5/8O2YmpSqgcb0kV1PBoyIt1dQ=\n")
	f.Add("tvault/test\n0\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n")
	f.Fuzz(func(t *testing.T, text string) {
		c, err := parseCheckpointText(text)
		if err != nil {
			return
		}
		if again := formatCheckpoint(c.origin, c.Tree); again != text {
			t.Fatalf("accepted a non-canonical checkpoint %q; canonical %q", text, again)
		}
	})
}
