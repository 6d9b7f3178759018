package view

import "strings"

// handleAround widens the span s[a:b] of a person's name to the whole
// handle-shaped token around it, if it is inside one: ASCII letters and
// digits joined by ".", "_" or "-" and holding a digit, "." or "_"
// (jiyeon.park92, marifer.lopez, lan_hl88), so that a handle made of a
// registered name part goes whole, not leaving its rest (.park92, _hl88:
// review 13i I3). A name hyphenated alone (Kim-Eunju, Jean-Paul) and a
// full stop after it are no handle.
func handleAround(s string, a, b int) (int, int) {
	lo, hi := a, b
	for lo > 0 && handleByte(s[lo-1]) {
		lo--
	}
	for hi < len(s) && handleByte(s[hi]) {
		hi++
	}
	for lo < a && !alnum(s[lo]) {
		lo++
	}
	for hi > b && !alnum(s[hi-1]) {
		hi--
	}
	if lo == a && hi == b || strings.IndexAny(s[lo:hi], "0123456789._") < 0 {
		return a, b
	}
	// A handle is one ASCII token: a name glued to a letter of another
	// script or to "@" (an address the recognisers take) is left alone.
	if lo > 0 && (s[lo-1] >= 0x80 || s[lo-1] == '@') || hi < len(s) && (s[hi] >= 0x80 || s[hi] == '@') {
		return a, b
	}
	return lo, hi
}

func handleByte(c byte) bool { return alnum(c) || c == '.' || c == '_' || c == '-' }

func alnum(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}
