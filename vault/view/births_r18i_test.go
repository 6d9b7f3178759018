package view

import "testing"

// TestBirthYearNounInWords: a year spelt in words after a noun of the
// year of birth, English or Spanish, maybe past a colon, and a year in
// digits after YOB (review 13o) are banded; the same words before another
// number and other years stay.
func TestBirthYearNounInWords(t *testing.T) {
	checkBanded(t, bornWordYearSpans, []banding{
		{"birth year nineteen ninety-four", "birth year 1990-1994"},
		{"Year of birth: nineteen eighty-one.", "Year of birth: 1980-1984."},
		{"año de nacimiento: mil novecientos noventa y cuatro", "año de nacimiento: 1990-1994"},
		{"YOB nineteen seventy-two", "YOB 1970-1974"},
		{"born in nineteen ninety-five", "born in 1995-1999"},
		{"birth year nineteen villages", "birth year nineteen villages"},
		{"the rebirth year nineteen ninety-four", "the rebirth year nineteen ninety-four"},
		{"we left in nineteen ninety-four", "we left in nineteen ninety-four"},
	})
	checkBanded(t, birthSpans, []banding{
		{"YOB 1994", "YOB 1990-1994"},
		{"Y.O.B. 1994 cohort", "Y.O.B. 1990-1994 cohort"},
		{"DOB 1994", "DOB 1990-1994"},
		{"b. 1994", "b. 1990-1994"},
		{"1994 was a hard year", "1994 was a hard year"},
	})
}
