package view

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"

	"github.com/tvault/tvault/vault/testimony"
)

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
	if lo == a && hi == b || !handleAt(s, lo, hi) {
		return a, b
	}
	return lo, hi
}

// handleAt reports whether s[lo:hi], a run of handleByte, is a handle: it
// holds a digit, "." or "_", and is one ASCII token; a name glued to a
// letter of another script or to "@" (an address the recognisers take) is
// left alone.
func handleAt(s string, lo, hi int) bool {
	return strings.IndexAny(s[lo:hi], "0123456789._") >= 0 &&
		!(lo > 0 && (s[lo-1] >= 0x80 || s[lo-1] == '@') || hi < len(s) && (s[hi] >= 0x80 || s[hi] == '@'))
}

func handleByte(c byte) bool { return alnum(c) || c == '.' || c == '_' || c == '-' }

func alnum(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}

// nameParts maps each word of three Latin letters or more of the names
// and aliases of in's persons, lower case and without marks (efrain of
// Efraín), to the person's ID, or to "" when two persons share it; the
// particles of compound names (del, los, van...) are no parts.
func nameParts(in Input) map[string]string {
	d := in.Doc
	ids := append([]string{in.WitnessID}, in.PersonIDs...)
	parts := map[string]string{}
	if d == nil {
		return parts // a text rendered apart from any record
	}
	for i, p := range append([]testimony.Person{d.Witness}, d.Persons...) {
		if i >= len(ids) || ids[i] == "" {
			continue
		}
		for _, n := range append([]string{p.Name}, p.Aliases...) {
			for _, w := range strings.FieldsFunc(unmark(n), func(r rune) bool { return !('a' <= r && r <= 'z') }) {
				if len(w) < 3 || particles[w] {
					continue
				}
				if id, ok := parts[w]; ok && id != ids[i] {
					parts[w] = ""
				} else {
					parts[w] = ids[i]
				}
			}
		}
	}
	return parts
}

// particles are the words of compound names that are no name alone.
var particles = map[string]bool{"del": true, "los": true, "las": true, "van": true, "von": true, "der": true, "den": true, "dos": true, "das": true, "bin": true, "ibn": true}

// unmark returns s in lower case without its combining marks.
func unmark(s string) string {
	if strings.IndexFunc(s, func(r rune) bool { return r >= utf8.RuneSelf }) < 0 {
		return strings.ToLower(s)
	}
	t := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
	out, _, err := transform.String(t, strings.ToLower(s))
	if err != nil {
		return strings.ToLower(s)
	}
	return out
}

// A partHandle is a handle-shaped token of a text that holds a name part
// of the record's person id ("" if of several).
type partHandle struct {
	start, end int
	id         string
}

// partHandles returns the handle-shaped tokens of s (see handleAround)
// that hold a name part of partsOf's (called at the first such token) as one of their runs of letters, joined
// to the rest by ".", "_", "-" or digits (itzel_rosales27,
// palma-rosales.05, efra.mora_oax): the handle is the person whole,
// whatever part it holds (review 13k K4), where the matcher finds a part
// alone only by the rules of each name.
func partHandles(s string, partsOf func() map[string]string) []partHandle {
	var out []partHandle
	var parts map[string]string
	for i := 0; i < len(s); {
		if !handleByte(s[i]) {
			i++
			continue
		}
		lo, hi, marked := i, i, false
		for hi < len(s) && handleByte(s[hi]) {
			marked = marked || isDigitByte(s[hi]) || s[hi] == '.' || s[hi] == '_'
			hi++
		}
		i = hi
		if !marked {
			continue // no handle (handleAt): most words of a text
		}
		for lo < hi && !alnum(s[lo]) {
			lo++
		}
		for hi > lo && !alnum(s[hi-1]) {
			hi--
		}
		tok := s[lo:hi]
		if !handleAt(s, lo, hi) {
			continue
		}
		if parts == nil {
			parts = partsOf()
		}
		found, id := false, ""
		for _, w := range strings.FieldsFunc(strings.ToLower(tok), func(r rune) bool { return !('a' <= r && r <= 'z') }) {
			if pid, ok := parts[w]; ok {
				if found && pid != id {
					pid = ""
				}
				found, id = true, pid
			}
		}
		if found {
			out = append(out, partHandle{lo, hi, id})
		}
	}
	return out
}
