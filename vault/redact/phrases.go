package redact

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// PhraseReplacement replaces every officer-marked phrase.
const PhraseReplacement = "[REDACTED]"

// Phrases returns a span (Kind KindPhrase, Replacement "[REDACTED]") for
// every occurrence in text of each of phrases, sorted and merged where
// occurrences overlap.
//
// Matching is on the NFKC form, case-folded (full Unicode folding, so
// "STRASSE" matches "Straße" and "ＯＮＳＯＮＧ" matches "Onsong"), with
// typographic apostrophes (’ ‘ ʼ ′ `) equal to ' and dashes (‐ ‑ – −)
// equal to -. A run of white space in a phrase matches any non-empty run
// of white space in the text, line breaks included. An occurrence must sit
// on word boundaries: when the phrase starts (ends) with a letter or digit,
// the text must not continue it with a letter, digit or mark, except for
// Hangul, Han, Kana and other scripts written without spaces, where
// particles attach to the word ("온성여자중학교에서"). Empty and
// all-white-space phrases are ignored.
func Phrases(text string, phrases []string) []Span {
	if text == "" || len(phrases) == 0 {
		return nil
	}
	nt := newNormText(text, true)
	var spans []Span
	seen := map[string]bool{}
	for _, p := range phrases {
		words := strings.FieldsFunc(newNormText(p, true).s, isSpace)
		if len(words) == 0 {
			continue
		}
		key := strings.Join(words, " ")
		if seen[key] {
			continue
		}
		seen[key] = true
		for _, m := range matchWords(nt.s, words) {
			a, b := nt.span(m[0], m[1])
			spans = append(spans, Span{Start: a, End: b, Kind: KindPhrase, Replacement: PhraseReplacement})
		}
	}
	return resolve(text, spans, false)
}

func isSpace(r rune) bool { return unicode.IsSpace(r) || unicode.Is(unicode.Zs, r) }

// noSpaceScript reports runes of scripts whose words are not separated
// by spaces or take attached particles.
func noSpaceScript(r rune) bool {
	return unicode.In(r, unicode.Hangul, unicode.Han, unicode.Hiragana, unicode.Katakana,
		unicode.Thai, unicode.Lao, unicode.Khmer, unicode.Myanmar)
}

// matchWords returns [start, end) of every occurrence of words in s, the
// words separated by white space runs.
func matchWords(s string, words []string) [][2]int {
	var out [][2]int
	first := words[0]
	firstRune, _ := utf8.DecodeRuneInString(first)
	lastWord := words[len(words)-1]
	lastRune, _ := utf8.DecodeLastRuneInString(lastWord)
	needLeft := isWordRune(firstRune) && !noSpaceScript(firstRune)
	needRight := isWordRune(lastRune) && !noSpaceScript(lastRune)
	for off := 0; off < len(s); {
		i := strings.Index(s[off:], first)
		if i < 0 {
			break
		}
		start := off + i
		_, size := utf8.DecodeRuneInString(s[start:])
		off = start + max(size, 1)
		if needLeft && start > 0 {
			if r, _ := utf8.DecodeLastRuneInString(s[:start]); isWordRune(r) {
				continue
			}
		}
		end, ok := start+len(first), true
		for _, w := range words[1:] {
			j := end
			for j < len(s) {
				r, size := utf8.DecodeRuneInString(s[j:])
				if !isSpace(r) {
					break
				}
				j += size
			}
			if j == end || !strings.HasPrefix(s[j:], w) {
				ok = false
				break
			}
			end = j + len(w)
		}
		if !ok {
			continue
		}
		if needRight && end < len(s) {
			if r, _ := utf8.DecodeRuneInString(s[end:]); isWordRune(r) {
				continue
			}
		}
		out = append(out, [2]int{start, end})
	}
	return out
}
