package vault

import (
	"strings"
	"unicode"
)

// handleShaped reports whether text holds a token shaped like an account
// handle, for the audit check (checkText) only: a handle found in one
// record ("crane71", "sky_haneul79") is not known to view.Screener, which
// sees no record, so its shape alone stands for it in text the log keeps.
//
// A token is a run of letters, digits, '_' and '.', without the '_' and
// '.' at its ends. It is handle-shaped if it has a digit and either a run
// of letters and digits alone with at least 4 letters and 2 digits
// ("crane71", "jhkim1988") or at least 2 letters and a '_' after a letter
// ("kim_88", "pinetree_5") or a '.' between two letters ("dahye.yoon9").
// What tvault itself writes is not: a record ID (26 characters of
// lowercase base32, which checkID accepts) is allowed, and a pseudonym's
// pieces ("P-GRJS-WYR1") have 4 characters, too few. Nor are versions and
// periods ("v2", "v1.2.3", "2026Q3", "H5N1", "Art.12", "3.5kg",
// "Study.2024_a", "x86_64") and the words of versionWords. The cost is
// that a name of a thing with digits ("windows11", "study2026") is
// refused too; written apart ("study 2026", "study-2026") it is not.
func handleShaped(text string) bool {
	for _, tok := range strings.FieldsFunc(text, func(r rune) bool { return !isWordRune(r) && r != '_' && r != '.' }) {
		if tok = strings.Trim(tok, "_."); isHandle(tok) {
			return true
		}
	}
	return false
}

// versionWords are words of letters and digits that name a thing, not an
// account, and are handle-shaped, in lower case.
var versionWords = map[string]bool{"covid19": true}

// isHandle reports whether a token (see handleShaped) is handle-shaped.
func isHandle(tok string) bool {
	letters, digits := 0, 0
	runL, runD := 0, 0   // of the run of letters and digits since a '_' or '.'
	long := false        // a run had 4 letters and 2 digits
	joined := false      // a '_' after a letter, or a '.' between letters
	runes := []rune(tok) // neither starts nor ends with '_' or '.'
	for i, r := range runes {
		switch {
		case unicode.IsLetter(r):
			letters, runL = letters+1, runL+1
		case unicode.IsDigit(r):
			digits, runD = digits+1, runD+1
		default:
			joined = joined || unicode.IsLetter(runes[i-1]) && (r == '_' || unicode.IsLetter(runes[i+1]))
			runL, runD = 0, 0
		}
		long = long || runL >= 4 && runD >= 2
	}
	switch {
	case digits == 0 || !long && !(joined && letters >= 2):
		return false
	case versionWords[strings.ToLower(tok)]:
		return false
	}
	return checkID(tok) != nil
}
