package service

import (
	"errors"
	"testing"
)

func TestParseRange(t *testing.T) {
	for _, c := range []struct {
		in         string
		start, end int64
		ok         bool
	}{
		{"0:10", 0, 10, true},
		{"5:", 5, -1, true},
		{":7", 0, 7, true},
		{"3:3", 3, 3, true},
		{"0:9223372036854775807", 0, 9223372036854775807, true},
		{"", 0, 0, false},
		{":", 0, 0, false},
		{"5", 0, 0, false},
		{"10:5", 0, 0, false},
		{"-1:5", 0, 0, false},
		{"+1:5", 0, 0, false},
		{"01:5", 0, 0, false},
		{"1:05", 0, 0, false},
		{"1:2:3", 0, 0, false},
		{" 1:2", 0, 0, false},
		{"0x10:20", 0, 0, false},
		{"0:9223372036854775808", 0, 0, false},
	} {
		start, end, err := ParseRange(c.in)
		if c.ok != (err == nil) || (c.ok && (start != c.start || end != c.end)) {
			t.Errorf("ParseRange(%q) = %d, %d, %v; want %d, %d, ok=%v", c.in, start, end, err, c.start, c.end, c.ok)
		}
		if err != nil && !errors.Is(err, ErrInvalidArgument) {
			t.Errorf("ParseRange(%q): %v is not an invalid argument", c.in, err)
		}
	}
}

// FuzzParseRange checks that every range accepted is canonical: formatting
// it gives back what was parsed (":END" aside, which is "0:END").
func FuzzParseRange(f *testing.F) {
	for _, s := range []string{"0:10", "5:", ":7", "10:5", "01:2", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		start, end, err := ParseRange(s)
		if err != nil {
			return
		}
		if start < 0 || (end >= 0 && end < start) {
			t.Fatalf("ParseRange(%q) = %d, %d", s, start, end)
		}
		f := FormatRange(start, end)
		if f != s && ":"+f[2:] != s {
			t.Fatalf("ParseRange(%q) formats back as %q", s, f)
		}
		if s2, e2, err := ParseRange(f); err != nil || s2 != start || e2 != end {
			t.Fatalf("%q does not parse back: %d, %d, %v", f, s2, e2, err)
		}
	})
}
