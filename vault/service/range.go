package service

import (
	"strconv"
	"strings"
)

// ParseRange parses a byte range of an attachment, as users type it and as
// the API carries it: "START:END" (bytes START up to END, END excluded),
// "START:" (to the end of the file, returned as end = -1) or ":END" (from
// the first byte). START and END are decimal, without sign or leading
// zeros, and END is not before START. Anything else is an
// *InvalidArgumentError.
func ParseRange(s string) (start, end int64, err error) {
	bad := &InvalidArgumentError{Arg: "range", Value: s, Len: len(s),
		Want: "want START:END in bytes (END excluded), START: to read to the end, or :END"}
	if len(s) > 41 { // two int64s and a colon
		bad.Value = s[:41] + "..."
		return 0, 0, bad
	}
	a, b, ok := strings.Cut(s, ":")
	if !ok || (a == "" && b == "") {
		return 0, 0, bad
	}
	end = -1
	if a != "" {
		if start, ok = parseOffset(a); !ok {
			return 0, 0, bad
		}
	}
	if b != "" {
		if end, ok = parseOffset(b); !ok || end < start {
			return 0, 0, bad
		}
	}
	return start, end, nil
}

// parseOffset parses a canonical decimal byte offset.
func parseOffset(s string) (int64, bool) {
	if s == "" || s[0] < '0' || s[0] > '9' || (len(s) > 1 && s[0] == '0') {
		return 0, false
	}
	n, err := strconv.ParseInt(s, 10, 64)
	return n, err == nil
}

// FormatRange writes the range that ParseRange parses: end < 0 is "to the
// end of the file".
func FormatRange(start, end int64) string {
	if end < 0 {
		return strconv.FormatInt(start, 10) + ":"
	}
	return strconv.FormatInt(start, 10) + ":" + strconv.FormatInt(end, 10)
}
