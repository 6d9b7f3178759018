package names

// A transcript may number its lines in a gutter ("023| Her name is
// Senait Tes-" and "024| fay Gebremedhin"): review 13j's N4. The gutter
// after a line break is part of the break, so that a name hyphenated or
// broken across the two lines is read whole, as without it.

// maxGutterDigits bounds the digits of a line number.
const maxGutterDigits = 5

// gutterAt returns the length of a line-number gutter at s[i:], right
// after a line break: one to maxGutterDigits ASCII digits, optional
// blanks and a vertical bar, before a blank (not counted); 0 if none. A number at
// the start of a line without the bar is the text's own (12 people).
func gutterAt(s string, i int) int {
	j := i
	for j < len(s) && j-i < maxGutterDigits && '0' <= s[j] && s[j] <= '9' {
		j++
	}
	if j == i {
		return 0
	}
	for j < len(s) && (s[j] == ' ' || s[j] == '\t') {
		j++
	}
	if j >= len(s) || s[j] != '|' {
		return 0
	}
	j++
	if j >= len(s) || s[j] != ' ' && s[j] != '\t' {
		return 0
	}
	return j - i
}
