package pagewrite

import (
	"bytes"
	"errors"
	"io"
	"slices"
	"testing"
)

// recorder keeps the length of every write it is given and fails once it
// holds failAt bytes, if failAt > 0.
type recorder struct {
	buf    bytes.Buffer
	writes []int
	failAt int
}

var errFull = errors.New("full")

func (r *recorder) Write(p []byte) (int, error) {
	r.writes = append(r.writes, len(p))
	if r.failAt > 0 && r.buf.Len()+len(p) > r.failAt {
		n := r.failAt - r.buf.Len()
		r.buf.Write(p[:n])
		return n, errFull
	}
	return r.buf.Write(p)
}

func TestWriter(t *testing.T) {
	data := make([]byte, 3*Max+100)
	for i := range data {
		data[i] = byte(i * 7)
	}
	for _, tc := range []struct {
		name   string
		p      []byte
		failAt int
		writes []int
		n      int
		err    error
	}{
		{"empty", nil, 0, nil, 0, nil},
		{"small", data[:10], 0, []int{10}, 10, nil},
		{"exactly Max", data[:Max], 0, []int{Max}, Max, nil},
		{"large", data, 0, []int{Max, Max, Max, 100}, len(data), nil},
		{"failing midway", data, Max + 5, []int{Max, Max}, Max + 5, errFull},
	} {
		r := &recorder{failAt: tc.failAt}
		n, err := Writer(r).Write(tc.p)
		if n != tc.n || !errors.Is(err, tc.err) || !slices.Equal(r.writes, tc.writes) || !bytes.Equal(r.buf.Bytes(), tc.p[:n]) {
			t.Errorf("%s: Write = %d, %v; writes %v (want %d, %v; writes %v)", tc.name, n, err, r.writes, tc.n, tc.err, tc.writes)
		}
	}
}

// TestUnwrap checks that a Writer leads to the writer it writes to.
func TestUnwrap(t *testing.T) {
	r := &recorder{}
	if u, ok := Writer(r).(interface{ Unwrap() io.Writer }); !ok || u.Unwrap() != io.Writer(r) {
		t.Fatal("Writer does not unwrap to its writer")
	}
}
