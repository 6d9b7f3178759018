package names

// OCR digits (review 13j N1): a scan reads l or i as 1, o as 0, s as 5
// inside a word (Pierre-Lou1s, Gebremedh1n, Hossein1). The misspelling
// rule counts such a digit as its one edit: the word with the digit read
// as a letter must then spell a token of the person exactly.

// ocrLetters maps a digit to the letters OCR takes it for.
var ocrLetters = map[byte]string{'0': "o", '1': "li", '5': "s"}

// ocrForms returns the spellings of cand, folded ASCII letters with one
// digit of ocrLetters after a letter, with the digit read as each letter
// it stands for; nil for any other word.
func ocrForms(cand []byte) []string {
	at := -1
	for i, c := range cand {
		switch {
		case 'a' <= c && c <= 'z':
		case ocrLetters[c] != "" && at < 0 && i > 0:
			at = i
		default:
			return nil
		}
	}
	if at < 0 {
		return nil
	}
	var out []string
	for _, l := range []byte(ocrLetters[cand[at]]) {
		f := append([]byte(nil), cand...)
		f[at] = l
		out = append(out, string(f))
	}
	return out
}
